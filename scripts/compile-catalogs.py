"""Compile sphinx_termref/locale/*/LC_MESSAGES/*.po into the .mo files that ship.

Run after editing a translation: python scripts/compile-catalogs.py
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "sphinx_termref" / "locale"

for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
    with po.open("rb") as source:
        catalog = read_po(source)
    with po.with_suffix(".mo").open("wb") as target:
        write_mo(target, catalog)
    print(f"compiled {po.relative_to(LOCALE.parent)}")

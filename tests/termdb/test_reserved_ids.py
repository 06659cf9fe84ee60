"""The ids a term cannot have are the words the extension's own link classes use.

A link to a term has the class ``termref--<id>``, which the term stylesheet gives
the term's tooltip and preview; other links and marks use ``termref--<word>`` for
what they are (a term of another project, a term with no card). A term with such
an id would lend its texts to all of those.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import sphinx_termref
from sphinx_termref.termdb.schema import RESERVED_IDS

PACKAGE = Path(sphinx_termref.__file__).parent
_MODIFIER = re.compile(r"termref--([a-z0-9]+(?:-[a-z0-9]+)*)")


def _python_strings(path: Path) -> list[str]:
    """The string constants of a module, but not its docstrings (their examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _modifier_words() -> set[str]:
    texts = [text for path in PACKAGE.rglob("*.py") for text in _python_strings(path)]
    texts += [path.read_text(encoding="utf-8") for path in PACKAGE.rglob("static/*")]
    return {word for text in texts for word in _MODIFIER.findall(text)}


def test_reserved_ids_are_the_modifier_classes() -> None:
    words = _modifier_words()
    assert {"external", "no-card"} <= words
    assert words == RESERVED_IDS

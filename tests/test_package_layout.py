"""The package's shape: the command line checks a database without Sphinx, and
no module outgrows one job."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import sphinx_termref

EXAMPLE_TERMS = Path(__file__).parent.parent / "example_docs" / "terms"
PACKAGE = Path(sphinx_termref.__file__).parent

_IMPORTED = """
import json, sys
from sphinx_termref.cli import main
status = main(sys.argv[1:])
print(json.dumps([status, sorted(sys.modules)]), file=sys.stderr)
"""


def _modules_imported_by(*argv: str) -> tuple[int, list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORTED, *argv], capture_output=True, text=True, check=False
    )
    status, modules = json.loads(result.stderr.strip().splitlines()[-1])
    return status, modules


def test_validate_imports_no_sphinx() -> None:
    status, modules = _modules_imported_by("validate", str(EXAMPLE_TERMS))
    assert status == 0
    assert "sphinx_termref.termdb.validation" in modules  # it did check the files
    assert [name for name in modules if name == "sphinx" or name.startswith("sphinx.")] == []
    assert [name for name in modules if name.startswith("sphinx_termref.sphinx_ext")] == []


def test_importing_the_package_imports_no_sphinx() -> None:
    status, modules = _modules_imported_by("--version")
    assert status == 0
    assert "sphinx" not in modules


def test_no_module_over_400_lines() -> None:
    lengths = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {path: lines for path, lines in lengths.items() if lines > 400} == {}

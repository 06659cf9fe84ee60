"""Where conf.py assigns each setting, so a configuration warning points at its line.

Sphinx keeps only the values conf.py produced; the assignments are found in its
text. An ``ast`` walk of the module's top level sees ``name = ...``,
``name: type = ...``, ``name += ...`` and ``a = b = ...`` alike.
"""

from __future__ import annotations

import ast
from pathlib import Path


class ConfSource:
    """The assignments at the top level of one conf.py."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        #: Setting name -> the line of its last assignment (what Sphinx ends up using).
        self.lines: dict[str, int] = {}
        text = _read(path)
        if text is None:
            return
        try:
            module = ast.parse(text)
        except (SyntaxError, ValueError):  # Sphinx ran it, so this is rare; no lines then
            return
        for statement in module.body:
            for name in _assigned_names(statement):
                self.lines[name] = statement.lineno

    def location(self, name: str) -> str | None:
        """``conf.py:line`` of the assignment of ``name``; None when conf.py does not
        assign it (it came from ``-D``, or there is no conf.py)."""
        line = self.lines.get(name)
        return f"{self.path}:{line}" if self.path and line else None


def _read(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _assigned_names(statement: ast.stmt) -> list[str]:
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        targets = [statement.target]
    else:
        return []
    return [target.id for target in targets if isinstance(target, ast.Name)]

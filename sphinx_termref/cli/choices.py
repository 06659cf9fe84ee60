"""The fixed choices of command-line options.

Shared by a command, which offers them before anything heavy is imported, and by
the code the command runs, which checks them; neither needs the other for it.
"""

from __future__ import annotations

#: ``sphinx-termref export --format``.
EXPORT_FORMATS = ("json", "csv", "skos-jsonld", "skos-turtle", "vale")

#: ``sphinx-termref import-glossary --definition``: where a definition's paragraphs go.
DEFINITION_PLACEMENTS = ("split", "summary", "technical-definition")

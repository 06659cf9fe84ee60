"""Sphinx configuration of the sphinx-termref documentation.

The site documents the extension with the extension: its own vocabulary is the term
database in ``terms.yaml``, shown on the glossary page and linked with ``{termref}``.
"""

from sphinx_termref import __version__

project = "sphinx-termref"
author = "sphinx-termref contributors"
copyright = "%Y, sphinx-termref contributors"
version = release = __version__

extensions = ["myst_parser", "sphinx_termref"]

termref_databases = ["terms.yaml"]

exclude_patterns = ["_build"]

html_theme = "alabaster"
html_title = f"sphinx-termref {release}"

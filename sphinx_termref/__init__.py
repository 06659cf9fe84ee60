"""sphinx-termref: a YAML term database for Sphinx, with definition cards and
alias-aware term references.

The package has three parts: ``termdb`` (the database, without Sphinx),
``sphinx_ext`` (everything Sphinx calls) and ``cli`` (the ``sphinx-termref``
command). Importing the package imports none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx's entry point for ``extensions = ["sphinx_termref"]``."""
    # Imported here: the command line and the database need none of Sphinx.
    from .sphinx_ext.extension import setup

    return setup(app)

"""A build that did not finish: the next one writes every page again.

Sphinx writes each page in place. A build killed while it writes leaves a page cut
short and newer than its source, which the next build would keep as it is. A mark
in the output directory, made when a build starts and taken away when it ends
without an error, tells the next build to write every page (it reads none more
than it would).
"""

from __future__ import annotations

import weakref
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The mark, in the output directory while a build runs.
MARK = ".termref-build-unfinished"

# The builds whose output directory held the mark when they began.
_unfinished: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def _begin(app: Sphinx) -> None:
    """``builder-inited``: note an unfinished last build, and mark this one."""
    mark = Path(app.outdir) / MARK
    if mark.exists():
        _unfinished.add(app)
        logger.info(
            f"the last build into {app.outdir} did not finish: every page is written again"
        )
    try:
        mark.touch()
    except OSError:
        pass  # an output directory that cannot be written fails the build anyway


def _write_all(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: after an unfinished build, every page."""
    return sorted(env.found_docs) if app in _unfinished else []


def _end(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: a build that ended without an error leaves no mark."""
    _unfinished.discard(app)
    if exception is None:
        (Path(app.outdir) / MARK).unlink(missing_ok=True)


def connect(app: Sphinx) -> None:
    app.connect("builder-inited", _begin)
    app.connect("env-updated", _write_all)
    app.connect("build-finished", _end)

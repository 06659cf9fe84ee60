"""A build that did not finish: the next one writes every page again.

Sphinx writes each page in place. A build killed while it writes leaves a page cut
short and newer than its source, which the next build would keep as it is. A mark
for the output directory, made when a build starts writing and taken away when it
ends without an error, tells the next build to write every page (it reads none
more than it would). The mark is kept with the doctrees, not among the output:
a builder such as epub packs every file it finds there.
"""

from __future__ import annotations

import contextlib
import hashlib
import weakref
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The name of the mark, in the doctree directory while a build writes, followed by
#: a digest of the output directory's path (builders may share the doctrees).
MARK = "termref-unfinished-"

# The builds whose output directory held the mark when they began.
_unfinished: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def mark(app: Sphinx) -> Path:
    """Where the mark of ``app``'s output directory is."""
    digest = hashlib.sha256(str(Path(app.outdir).resolve()).encode()).hexdigest()[:16]
    return Path(app.doctreedir) / f"{MARK}{digest}"


def _begin(app: Sphinx) -> None:
    """``builder-inited``: note a last build that did not finish writing."""
    if mark(app).exists():
        _unfinished.add(app)
        logger.info(
            f"the last build into {app.outdir} did not finish: every page is written again"
        )


def _mark(app: Sphinx, builder: Builder) -> None:
    """``write-started``: mark the output directory until the build ends."""
    # A doctree directory that cannot be written fails the build anyway.
    with contextlib.suppress(OSError):
        mark(app).touch()


def last_build_unfinished(app: Sphinx) -> bool:
    """Whether the last build into ``app``'s output directory stopped while writing."""
    return app in _unfinished


def _write_all(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: after an unfinished build, every page."""
    return sorted(env.found_docs) if last_build_unfinished(app) else []


def _end(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: a build that ended without an error leaves no mark."""
    _unfinished.discard(app)
    if exception is None:
        mark(app).unlink(missing_ok=True)


def connect(app: Sphinx) -> None:
    app.connect("builder-inited", _begin)
    app.connect("write-started", _mark)
    app.connect("env-updated", _write_all)
    app.connect("build-finished", _end)

"""A progress bar on a terminal, for command-line work through thousands of items.

Only the standard library: a single line redrawn with a carriage return. Nothing is
written unless the stream is a terminal and the work is large enough to be worth
watching, so pipes, files and CI logs stay clean.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

#: Fewer items than this finish too fast for a bar to help.
THRESHOLD = 1000
_WIDTH = 30
_INTERVAL = 0.1  # seconds between redraws


class Progress:
    """``with Progress("exporting", len(terms)) as bar: ... bar.advance()``."""

    def __init__(
        self,
        label: str,
        total: int,
        stream: TextIO | None = None,
        threshold: int = THRESHOLD,
        unit: str = "",
        scale: int = 1,
    ) -> None:
        """``threshold`` is in the same units as ``total``; counts are shown divided
        by ``scale`` and followed by ``unit`` (bytes as ``scale=1024, unit="KiB"``)."""
        self.label = label
        self.total = total
        self.unit = unit
        self.scale = scale
        self.stream = sys.stderr if stream is None else stream
        self.done = 0
        self.enabled = total >= threshold and _is_terminal(self.stream)
        self._drawn_at = 0.0
        self._width = 0

    def __enter__(self) -> Progress:
        self._draw()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        now = time.monotonic()
        if self.done == self.total or now - self._drawn_at >= _INTERVAL:
            self._draw(now)

    def close(self) -> None:
        """Clear the bar's line, so what follows starts on a clean line."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
        self.enabled = False

    def line(self) -> str:
        """The bar as it is drawn: ``label [#####-----]  50%  500/1000 terms``."""
        fraction = self.done / self.total if self.total else 1.0
        filled = round(fraction * _WIDTH)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        counts = f"{self.done // self.scale}/{self.total // self.scale} {self.unit}".rstrip()
        return f"{self.label} [{bar}] {fraction:4.0%}  {counts}"

    def _draw(self, now: float | None = None) -> None:
        if not self.enabled:
            return
        self._drawn_at = time.monotonic() if now is None else now
        text = self.line()
        padding = " " * max(0, self._width - len(text))
        self.stream.write("\r" + text + padding)
        self.stream.flush()
        self._width = len(text)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False

"""``python -m sphinx_termref``: the ``sphinx-termref`` command."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())

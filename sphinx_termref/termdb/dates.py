"""The date a run takes as today, for review dates: reproducible when asked."""

from __future__ import annotations

import datetime
import os


def today() -> datetime.date:
    """Today, or the (UTC) day of ``SOURCE_DATE_EPOCH`` when it is set, so that a run
    can be repeated with the same result.

    Raises ``ValueError`` with a message that says how to fix a bad value.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.date.today()
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            f"SOURCE_DATE_EPOCH is {epoch!r}, not a number of seconds since 1970-01-01; "
            "set it to one, such as 1700000000, or unset it to use today's date"
        ) from None

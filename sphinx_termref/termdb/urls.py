"""Which link targets a term database may contain."""

from __future__ import annotations

import html
import re

#: Schemes a database link may use; a link without a scheme is relative and allowed.
ALLOWED_SCHEMES = ("http", "https", "mailto")

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be a link target, or None when it may.

    Browsers ignore control characters, white space and case in a scheme and decode
    entities in attributes, so ``jav&#x61;script:`` and ``JAVA\\tSCRIPT:`` are
    unmasked the same way before the scheme is checked.
    """
    if _INVISIBLE.search(url.strip()):
        return "it contains control characters or white space; remove them"
    unmasked = _INVISIBLE.sub("", html.unescape(html.unescape(url))).lower()
    scheme = _SCHEME.match(unmasked)
    if scheme and scheme.group(1) not in ALLOWED_SCHEMES:
        allowed = ", ".join(f"{s}:" for s in ALLOWED_SCHEMES)
        return f"the scheme {scheme.group(1)!r} is not allowed; use {allowed} or a relative link"
    return None

"""Hypothesis strategies for hostile database text, shared by the security tests.

Each fragment aims at one output format: HTML text and attributes, URLs in every
disguise, reStructuredText inline markup, TeX's special characters and file or
shell macros, roff requests, terminal escapes and bidirectional overrides. Text
fields get fragments the loader refuses too (control characters, bidirectional
controls); the builds must then warn and leave the value out.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

_INVISIBLE = st.sampled_from(
    ["\t", "\n", "\r", "\x00", "\x0b", "\x1f", " ", "\u200b", "\ufeff", "\x85"]
)


def _disguised_letter(letter: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.just(letter),
        st.just(letter.upper()),
        st.just(f"&#{ord(letter)};"),
        st.just(f"&#x{ord(letter):x};"),
        st.just(f"&#X{ord(letter):X};"),
        st.just(f"&#{ord(letter):07d};"),
    )


@st.composite
def disguised_scheme(draw: st.DrawFn) -> str:
    """A URL whose scheme (javascript:, data:, ...) is hidden by case, entities and
    invisible characters, as a browser would still read it."""
    scheme = draw(st.sampled_from(["javascript", "vbscript", "data", "file", "ftp", "blob"]))
    parts = []
    for letter in scheme:
        parts.append(draw(_disguised_letter(letter)))
        if draw(st.booleans()):
            parts.append(draw(_INVISIBLE))
    colon = draw(st.sampled_from([":", "&colon;", "&#58;", "&#x3a;", "&#X3A;"]))
    lead = draw(st.sampled_from(["", " ", "  "]))
    return lead + "".join(parts) + colon + draw(st.text(max_size=10))


#: One line of text each: safe in a name, an alias or a category.
LINE_FRAGMENTS = (
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    '"><img src=x onerror=alert(3)>',
    "'><svg onload=alert(4)>",
    '" onmouseover="alert(5)',
    "' autofocus onfocus='alert(6)",
    "<a href=javascript:alert(7)>x</a>",
    "<iframe srcdoc='<script>alert(8)</script>'>",
    "<style>*{display:none}</style>",
    "&amp; &lt;b&gt; &#60;i&#62; &quot;",
    "javascript:alert(9)",
    "JaVa&#x53;cript&colon;alert(10)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=",
    "<!-- x --> <![CDATA[ y ]]>",
    "{{7*7}} ${7*7}",
    "\\ { } $ % # & _ ^ ~",
    "\\input{/etc/passwd}",
    "\\immediate\\write18{touch termref-pwned}",
    "\\def\\x{1}\\x",
    "\\catcode`\\@=11",
    "$x^2$ 100% #1",
    ".SH X",
    "'br",
    "\\fB bold \\fP \\(em \\*(Tm",
    "\u200e \u200f",  # marks, allowed
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u05e2\u05d1\u05e8\u05d9\u05ea",
)
#: Inline markup and lines: for the text fields, parsed as reStructuredText.
MARKUP_FRAGMENTS = (
    "*emphasis*",
    "**strong**",
    "``literal <b>``",
    "`click <javascript:alert(12)>`_",
    "`click <data:text/html,x>`__",
    '`ok <https://example.org/?a=1&b="2">`_',
    ":raw:`<b>raw</b>`",
    ":math:`x^2`",
    ":math:`\\href{javascript:alert(13)}{x}`",
    ":download:`x <../../secret>`",
    ":termref:`<script>`",
    "|substitution|",
    "[1]_",
    "_`target`",
    "\\",
    "\n.. raw:: html\n\n   <script>alert(14)</script>\n",
    "\n.. include:: /etc/passwd\n",
    "\n.SH INJECTED\n.sy touch termref-pwned\n",
    "\n\\input{/etc/passwd}\n",
)
#: What the loader refuses in any text: terminal escapes, NUL, C1 controls and the
#: bidirectional controls.
REFUSED_FRAGMENTS = (
    "\x1b[31mred\x1b[0m",
    "\x00",
    "\x07",
    "\x9b2J",
    "\u202eevil\u202c",
    "\u2067isolate",
)

#: What the loader refuses in a one-line value (``validation._CONTROL``).
_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE = st.one_of(
    st.sampled_from(LINE_FRAGMENTS),
    disguised_scheme().map(lambda url: _LINE_CONTROL.sub("", url)),
)


def _joined(parts: st.SearchStrategy[str], max_parts: int) -> st.SearchStrategy[str]:
    return st.lists(parts, min_size=1, max_size=max_parts).map(" ".join)


#: A name, alias, category or label: one line the loader accepts, never blank.
hostile_line = _joined(_LINE, 3).map(lambda text: f"N {text}")
#: A summary, definition or note: lines, markup and, now and then, refused characters.
hostile_text = _joined(
    st.one_of(
        _LINE,
        disguised_scheme(),
        st.sampled_from(MARKUP_FRAGMENTS),
        st.sampled_from(REFUSED_FRAGMENTS),
    ),
    4,
)
#: A link: safe ones with hostile queries, and forbidden schemes in disguise.
hostile_url = st.one_of(
    st.sampled_from(
        [
            'https://example.org/?q="><script>alert(15)</script>',
            "https://example.org/'onmouseover='alert(16)",
            "mailto:a@example.org?subject=<b>",
            "../up.html#x",
        ]
    ),
    disguised_scheme(),
)
#: Ids within what the schema accepts: names that mean something to a browser.
hostile_id = st.sampled_from(
    ["script", "javascript", "onload", "constructor", "proto", "style", "x-1", "0", "a-b-c"]
)

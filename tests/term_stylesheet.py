"""Reading a build's term stylesheet (``_static/termref-terms.css``) as a browser does.

The parser is the tests' own, written from the CSS syntax (strings and their
escapes), not from the extension's writer: a value decoded here is the text a
browser gives ``termref.js`` and shows as the tooltip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

FILE_NAME = "termref-terms.css"
_HEX = re.compile(r"[0-9a-fA-F]{1,6}")


@dataclass
class TermStylesheet:
    #: The rules' selectors in order, each with its properties (names without
    #: ``--termref-``), decoded.
    rules: list[tuple[str, dict[str, str]]]
    text: str

    @property
    def terms(self) -> dict[str, dict[str, str]]:
        """Term id -> its properties."""
        found = {}
        for selector, properties in self.rules:
            if selector.startswith(".termref--"):
                term_id = selector.removeprefix(".termref--")
                assert term_id not in found, f"two rules for {term_id}"
                found[term_id] = properties
        return found

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.rules)[":root"]

    def tip(self, term_id: str) -> str:
        return self.terms[term_id]["tip"]


def _string(text: str, start: int) -> tuple[str, int]:
    """The CSS string that starts at ``text[start]`` (a quote), decoded, and the
    index after it."""
    quote, i, out = text[start], start + 1, []
    while text[i] != quote:
        char = text[i]
        assert char != "\n", f"unescaped line break in a string at {i}"
        if char != "\\":
            out.append(char)
            i += 1
            continue
        hexdigits = _HEX.match(text, i + 1)
        if hexdigits:
            out.append(chr(int(hexdigits.group(), 16)))
            i = hexdigits.end()
            if text[i] in " \t\n":
                i += 1  # the whitespace that ends the escape
        elif text[i + 1] == "\n":
            i += 2  # an escaped line break continues the string
        else:
            out.append(text[i + 1])
            i += 2
    return "".join(out), i + 1


def parse(text: str) -> TermStylesheet:
    prefix = '@charset "utf-8";\n'
    assert text.startswith(prefix), text[:40]
    rules: list[tuple[str, dict[str, str]]] = []
    i = len(prefix)
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        brace = text.index("{", i)
        selector, i = text[i:brace].strip(), brace + 1
        properties: dict[str, str] = {}
        while text[i] != "}":
            colon = text.index(":", i)
            name = text[i:colon].strip()
            assert name.startswith("--termref-"), name
            value, i = _string(text, colon + 1)
            properties[name.removeprefix("--termref-")] = value
            if text[i] == ";":
                i += 1
        rules.append((selector, properties))
        i += 1
    return TermStylesheet(rules, text)


def term_stylesheet(outdir: Path) -> TermStylesheet:
    """The stylesheet of the HTML build in ``outdir``."""
    return parse((Path(outdir) / "_static" / FILE_NAME).read_text(encoding="utf-8"))


def links_stylesheet(page: Path) -> bool:
    """Whether the page at ``page`` links the stylesheet, by a path that leads to it."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for link in soup.find_all("link", rel="stylesheet"):
        href = link["href"].split("?")[0]
        if href.endswith(FILE_NAME) and (page.parent / href).resolve().is_file():
            return True
    return False

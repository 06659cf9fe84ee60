"""Hostile text in every field of random databases, built by every builder: nothing in
any output comes from the data but text (docs/security.md).

Each example is one project (cards, term indexes, the usage table, references and
backlinks from a second page, previews) built with html, singlehtml, epub, latex,
text and man into one build directory, so the pages are read once for all six.
Every output is parsed the way its reader parses it: HTML with an HTML5 parser,
EPUB's pages with an XML parser, the search index and the usage report as JSON.
HTML elements and attributes are held to an allow-list made from a benign build
of the same project.

Builds are slow, so the default profile tries a few examples;
``HYPOTHESIS_PROFILE=long`` tries many more.
"""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import Built, build, dump_terms, escape_role, search_index, squash, write_project
from hostile import LINE_FRAGMENTS, hostile_id, hostile_line, hostile_text, hostile_url
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from term_stylesheet import FILE_NAME, parse

BUILDERS = ("html", "singlehtml", "epub", "latex", "text", "man")
CONF = (
    'project = "Hostile"\nversion = "1"\ncopyright = "nobody"\n'
    "smartquotes = False\ntermref_usage_report = True\n"
)
INDEX_PAGE = """\
Hostile
=======

{cards}

.. term-index::

.. term-index::
   :group-by: category

.. term-usage::

{references}

.. toctree::

   other
"""
OTHER_PAGE = "Other\n=====\n\n{references}\n"
# Examples per run: few in CI (each is six builds), many under the long profile.
EXAMPLES = max(3, settings.default.max_examples // 25)

#: Characters no output may hold (the loader refuses them): C0 and C1 controls but
#: tab and line breaks, and the bidirectional embeddings, overrides and isolates.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "cite",
    "background",
    "data",
    "srcset",
    "itemid",
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
ALLOWED_SCHEMES = {"http", "https", "mailto"}
#: Elements whose every occurrence must be one the benign build has, attributes and
#: text alike: what runs script, loads things or changes the page's base.
FIXED_ELEMENTS = {"script", "style", "iframe", "object", "embed", "base", "form", "frame"}
#: What a TeX special character or a macro from the data would be if written as is.
TEX_SPECIALS = set("\\{}$%#&_^~")
#: Roff requests from the data, which must never start a line of a man page.
ROFF_REQUESTS = (".SH X", ".SH INJECTED", ".sy ", "'br")


# -- the projects ------------------------------------------------------------------------


def pages_for(terms: list[dict[str, Any]]) -> dict[str, str]:
    cards = "\n\n".join(f".. term-card:: {term['id']}" for term in terms[:-1])
    spellings = [term["id"] for term in terms] + [str(term["name"]) for term in terms]
    references = " ".join(f":termref:`{escape_role(s)}`" for s in spellings)
    return {
        "index": INDEX_PAGE.format(cards=cards, references=f"See {references}."),
        "other": OTHER_PAGE.format(references=f"Also {references}."),
    }


@dataclass
class Outputs:
    """What the six builds of one project wrote, read before the directory goes."""

    built: dict[str, Built]
    files: dict[str, str] = field(default_factory=dict)  # "html/index.html" -> text
    search: dict[str, Any] = field(default_factory=dict)  # the HTML build's search index

    def matching(self, pattern: str) -> Iterator[tuple[str, str]]:
        return ((name, text) for name, text in self.files.items() if re.fullmatch(pattern, name))


def build_all(tmp: Path, terms: list[dict[str, Any]]) -> Outputs:
    srcdir = write_project(tmp / "src", dump_terms(terms), pages_for(terms), CONF)
    outputs = Outputs({builder: build(srcdir, tmp / "_build", builder) for builder in BUILDERS})
    for builder, built in outputs.built.items():
        for path in built.outdir.rglob("*"):
            if path.suffix in (".html", ".xhtml", ".tex", ".txt", ".1", ".json", ".js") and (
                path.parent == built.outdir or path.suffix == ".xhtml"
            ):
                outputs.files[f"{builder}/{path.name}"] = path.read_text(encoding="utf-8")
            elif path.name == FILE_NAME:  # the texts of tooltips and previews
                outputs.files[f"{builder}/{FILE_NAME}"] = path.read_text(encoding="utf-8")
    outputs.search = search_index(outputs.built["html"].outdir)
    return outputs


BENIGN_TERMS: list[dict[str, Any]] = [
    {
        "id": "alpha",
        "name": "Alpha",
        "abbreviation": "AL",
        "category": "Letters",
        "summary": "First *letter* with **weight**, ``code``, :math:`x^2` and "
        "`a link <https://example.org/a>`__; see :termref:`beta`.",
        "technical_definition": "A list:\n\n* one\n* two\n\n.. note::\n\n   A note.\n\n"
        ".. code-block:: python\n\n   print(1)\n",
        # Every block the block markup allows, and a refused one (a literal block).
        "background": "Some history.\n\n.. math::\n\n   a + b\n\nThen:\n\n   A quote.\n\n"
        "::\n\n   literal\n\n1. one\n2. two\n\nterm\n   definition\n\n>>> 1 + 1\n2\n\n"
        ".. versionadded:: 1.0\n\n.. warning::\n\n   Careful.\n\n.. raw:: html\n\n   x\n",
        "read_more": {"url": "https://example.org/alpha", "label": "More"},
        "aliases": ["First letter"],
        "hidden_aliases": ["alfa"],
        "usage_note": "Use it *first*.",
        "organizations": [
            {"name": "Org", "description": "Does *things*.", "url": "https://example.org/"}
        ],
        "see_also": ["beta"],
        "tags": ["letters"],
        "labels": ["alpha-label"],
        "index": ["pair: letter; alpha"],
        "owner": "Docs team",
        "reviewed": "2020-01-01",
    },
    {
        "id": "beta",
        "name": "Beta",
        "summary": "Second.",
        "broader": ["alpha"],
        "status": "draft",
        "discouraged": ["betta"],
    },
    {
        "id": "gamma",
        "name": "Gamma",
        "summary": "Old.",
        "status": "deprecated",
        "replaced_by": "alpha",
    },
    {"id": "delta", "name": "Delta", "summary": "Has no card."},
]


@st.composite
def hostile_terms(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Three to four terms with hostile text in every field; the last has no card."""
    ids = draw(st.lists(hostile_id, min_size=3, max_size=4, unique=True))
    terms: list[dict[str, Any]] = []
    for n, term_id in enumerate(ids):
        others = [i for i in ids if i != term_id]
        term: dict[str, Any] = {
            "id": term_id,
            "name": f"{draw(hostile_line)} {n}",
            "category": draw(hostile_line),
            "summary": draw(hostile_text),
            "technical_definition": draw(hostile_text),
            "background": draw(hostile_text),
            "usage_note": draw(hostile_text),
            "read_more": {"url": draw(hostile_url), "label": draw(hostile_line)},
            "aliases": [f"{draw(hostile_line)} a{n}"],
            "hidden_aliases": [f"{draw(hostile_line)} h{n}"],
            "abbreviation": f"AB{n} {draw(hostile_line)}",
            "organizations": [
                {"name": draw(hostile_line), "description": draw(hostile_text)},
                {"name": f"O{n}", "url": draw(hostile_url)},
            ],
            "see_also": [draw(st.sampled_from(others)), draw(hostile_line)],
            "tags": [draw(hostile_line)],
            "labels": [draw(hostile_line)],
            "index": [draw(hostile_line), f"single: {draw(hostile_line)}"],
            "owner": draw(hostile_line),
            "reviewed": "2020-01-01",
        }
        if n == 1:
            term["broader"] = [ids[0]]
            term["status"] = "draft"
        if n == 2:
            term["status"] = "deprecated"
            term["replaced_by"] = ids[0]
        terms.append(term)
    return terms


# -- reading the outputs -----------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    name: str
    attributes: tuple[tuple[str, str], ...]
    text: str


def html_elements(text: str) -> Iterator[Element]:
    for tag in BeautifulSoup(text, "html5lib").find_all(True):
        attributes = tuple(
            sorted(
                (name, " ".join(value) if isinstance(value, list) else value)
                for name, value in tag.attrs.items()
            )
        )
        yield Element(tag.name, attributes, tag.get_text() if tag.name in FIXED_ELEMENTS else "")


def xhtml_elements(text: str) -> Iterator[Element]:
    for node in ET.fromstring(text).iter():
        name = node.tag.rpartition("}")[2]
        attributes = tuple(sorted((key.rpartition("}")[2], v) for key, v in node.attrib.items()))
        yield Element(name, attributes, "".join(node.itertext()) if name in FIXED_ELEMENTS else "")


def page_elements(outputs: Outputs) -> Iterator[tuple[str, Element]]:
    for name, text in outputs.matching(r"(html|singlehtml)/.*\.html"):
        yield from ((name, element) for element in html_elements(text))
    for name, text in outputs.matching(r"epub/.*\.xhtml"):
        yield from ((name, element) for element in xhtml_elements(text))


@dataclass
class AllowList:
    attributes: dict[str, set[str]] = field(default_factory=dict)
    fixed: set[Element] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)

    def add(self, element: Element) -> None:
        self.attributes.setdefault(element.name, set()).update(n for n, _ in element.attributes)
        if element.name in FIXED_ELEMENTS:
            self.fixed.add(element)
        self.styles.update(v for n, v in element.attributes if n == "style")


@pytest.fixture(scope="module")
def allow_list(tmp_path_factory: pytest.TempPathFactory) -> AllowList:
    outputs = build_all(tmp_path_factory.mktemp("benign"), BENIGN_TERMS)
    warned = {w.type for w in outputs.built["html"].warnings}
    expected = {"termref.no_card", "termref.deprecated", "termref.markup"}
    assert warned <= expected, outputs.built["html"].warning_text
    allowed = AllowList()
    for _, element in page_elements(outputs):
        allowed.add(element)
    # A benign build that lost its cards would allow too little, not too much; make
    # sure it shows what the allow-list is for.
    assert {"dfn", "table", "dl", "section", "blockquote", "pre", "ol"} <= set(allowed.attributes)
    return allowed


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in ``value`` (entities already decoded by the parser)."""
    unmasked = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))
    match = _SCHEME.match(unmasked)
    return match.group(1).lower() if match else None


def assert_only_allowed_markup(outputs: Outputs, allowed: AllowList) -> None:
    for page, element in page_elements(outputs):
        where = f"<{element.name}> in {page}: {element}"
        permitted = allowed.attributes.get(element.name)
        assert permitted is not None, f"element not on the allow-list: {where}"
        for name, value in element.attributes:
            assert name in permitted, f"attribute {name!r} not on the allow-list: {where}"
            assert not name.lower().startswith("on"), where
            if name in URL_ATTRIBUTES or name.startswith("data-") or name == "content":
                scheme = url_scheme(value)
                if name in URL_ATTRIBUTES or scheme in ("javascript", "data", "vbscript"):
                    assert scheme in (None, *ALLOWED_SCHEMES), f"{name}={value!r}: {where}"
            if name == "style":
                assert value in allowed.styles, where
        if element.name in FIXED_ELEMENTS:
            assert element in allowed.fixed, f"active element from the data: {where}"


def assert_no_forbidden_characters(outputs: Outputs) -> None:
    for name, text in outputs.files.items():
        found = FORBIDDEN_CHARACTERS.search(text)
        assert found is None, f"{name} holds U+{ord(found.group()):04X}"


def plain_fields(terms: list[dict[str, Any]]) -> Iterator[str]:
    """The one-line values of the data, which the loader keeps as written."""
    for term in terms:
        yield from (str(term[key]) for key in ("name", "category", "owner"))
        yield from (*term["aliases"], term["read_more"]["label"])
        yield from (org["name"] for org in term["organizations"])


def assert_tex_escaped(outputs: Outputs, terms: list[dict[str, Any]]) -> None:
    (tex,) = (text for name, text in outputs.matching(r"latex/.*\.tex"))
    tex = tex.partition("\\begin{document}")[2]  # the preamble is Sphinx's own
    assert tex
    present = {f for value in plain_fields(terms) for f in LINE_FRAGMENTS if f in value}
    for fragment in present:
        if TEX_SPECIALS & set(fragment):
            assert fragment not in tex, f"{fragment!r} reached the .tex file as written"
    for macro in ("\\input{", "\\write18", "\\def\\x", "\\immediate"):
        assert macro not in tex, macro


def assert_man_escaped(outputs: Outputs) -> None:
    (man,) = (text for name, text in outputs.matching(r"man/.*\.1"))
    for line in man.splitlines():
        assert not line.startswith(ROFF_REQUESTS), f"a roff request from the data: {line!r}"
    assert "\\fB bold" not in man and "\\*(Tm" not in man


def assert_cards_show_the_names(outputs: Outputs, terms: list[dict[str, Any]]) -> None:
    soup = BeautifulSoup(outputs.files["html/index.html"], "html5lib")
    styles = parse(outputs.files[f"html/{FILE_NAME}"]).terms
    for term in terms[:-1]:
        card = soup.find(id=f"termref-{term['id']}")
        assert card is not None, term["id"]
        assert squash(card.find("dfn").get_text()) == squash(term["name"])
        # The preview's name and the tooltip, as the term stylesheet holds them.
        assert squash(styles[term["id"]]["name"]) == squash(term["name"])
        tip = styles[term["id"]]["tip"]
        assert squash(tip).startswith(squash(term["name"])), tip
        link = soup.select_one(f"a.termref--{term['id']}")
        assert "title" not in link.attrs
    text = outputs.files["text/index.txt"]
    for term in terms[:-1]:
        assert squash(term["name"]) in squash(text)


def assert_json_is_data(outputs: Outputs, terms: list[dict[str, Any]]) -> None:
    for entry in outputs.search["objects"].get("", []):
        assert "<" not in entry[4] and '"' not in entry[4], entry
    for builder in BUILDERS:
        report = json.loads(outputs.files[f"{builder}/termref-usage.json"])
        names = {term_id: item["name"] for term_id, item in report["terms"].items()}
        assert names == {term["id"]: term["name"] for term in terms}


SLOW = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SLOW
@given(hostile_terms())
def test_hostile_databases_give_inert_output_in_every_builder(
    allow_list: AllowList, terms: list[dict[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory(prefix="termref-hostile-") as tmp:
        outputs = build_all(Path(tmp), terms)
        built = outputs.built["html"]
        note("\n".join(f"{w.type}: {w.message}" for w in built.warnings))
        assert all(b.statuscode == 0 for b in outputs.built.values())
        assert {w.type for w in built.warnings} <= {
            "termref.schema",
            "termref.markup",
            "termref.no_card",
            "termref.deprecated",
            "termref.unknown",
            "termref.collision",
            "termref.index",
            "docutils",  # unclosed inline markup, a `name`_ the page does not define
        }, built.warning_text
        for warning in built.warnings:  # each at its line
            assert re.search(r":\d+(:\d+)?$", warning.location), warning
        assert not (Path(tmp) / "termref-pwned").exists()
    assert_only_allowed_markup(outputs, allow_list)
    assert_no_forbidden_characters(outputs)
    assert_tex_escaped(outputs, terms)
    assert_man_escaped(outputs)
    assert_cards_show_the_names(outputs, terms)
    assert_json_is_data(outputs, terms)

"""Hostile database text: escaped everywhere it appears, markup limited to inline
markup, links limited to safe schemes (docs/security.md).

Every database string here is built to break out of HTML text, of an attribute, of
a URL, of rST inline markup or of the index/inventory formats. The tests check the
output the way a browser or another Sphinx project reads it: parsed HTML (no
element or attribute that came from the database), parsed ``searchindex.js`` and
parsed ``objects.inv``.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import (
    Built,
    dump_terms,
    inventory_lines,
    project,
    read_inventory,
    search_index,
    squash,
)
from hostile import disguised_scheme
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from term_stylesheet import term_stylesheet

from sphinx_termref.termdb.urls import url_problem

# Each payload aims at another context: element text, a double-quoted attribute,
# a single-quoted attribute, entities that a careless writer would decode, and an
# attribute that is closed early.
HOSTILE = (
    '<script>alert(1)</script> "><img src=x onerror=alert(2)> '
    '\'><svg onload=alert(3)> &amp; &lt;b&gt; " onmouseover="alert(4)'
)
ACTIVE_ELEMENTS = ("script", "img", "svg", "iframe", "object", "embed", "style", "base")
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")


def text_of(node: Tag) -> str:
    return squash(node.get_text(" "))


def assert_inert(soup: BeautifulSoup) -> None:
    """Nothing in ``soup`` can run script because of database text.

    Sphinx's own <script> elements (in the head and the search box) hold no "alert";
    the default theme has no image, SVG or event-handler attribute of its own.
    """
    for tag in soup.find_all(True):
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not handlers, f"event handler attribute on {tag.name}: {tag}"
        if tag.name == "script":
            assert "alert" not in tag.get_text(), tag
        else:
            assert tag.name not in ACTIVE_ELEMENTS, f"active element from database text: {tag}"
        for attribute in ("href", "src", "action", "formaction", "xlink:href"):
            value = tag.get(attribute)
            if isinstance(value, str):
                unmasked = re.sub(r"[\x00-\x20]", "", html_lib.unescape(value)).lower()
                assert not unmasked.startswith(UNSAFE_SCHEMES), f"{attribute}={value!r} on {tag}"


# -- hostile text in every field, in every place it is shown --------------------------------

EVIL = {
    "id": "evil",
    "name": f"Evil {HOSTILE}",
    "category": f"Category {HOSTILE}",
    "summary": f"Summary {HOSTILE}",
    "technical_definition": f"Technical {HOSTILE}",
    "background": f"Background {HOSTILE}",
    "read_more": {
        "url": 'https://example.org/?q="><script>alert(5)</script>',
        "label": f"More {HOSTILE}",
    },
    "aliases": [f"Alias {HOSTILE}"],
    "hidden_aliases": [f"Hidden {HOSTILE}"],
    "usage_note": f"Usage {HOSTILE}",
    "organizations": [
        {
            "name": f"Org {HOSTILE}",
            "description": f"Does {HOSTILE}",
            "url": 'https://example.org/"onmouseover="alert(6)',
        }
    ],
    "see_also": [f"Other {HOSTILE}"],
    "tags": ["listed", f"tag {HOSTILE}"],
}
OTHER = {
    "id": "other",
    "name": f"Other {HOSTILE}",
    "summary": f"Other summary {HOSTILE}",
    "tags": ["listed"],
}
ORPHAN = {"id": "orphan", "name": f"Orphan {HOSTILE}", "summary": f"Orphan summary {HOSTILE}"}

HOSTILE_PAGE = """\
Hostile
=======

.. term-card:: evil

.. term-card:: other

Links: :termref:`evil`, :termref:`orphan`.

.. term-index::
   :tag: listed

.. term-card:: other
   :no-index:

.. term-index::
   :tag: listed
   :group-by: category
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = project(
        tmp_path_factory.mktemp("hostile"),
        dump_terms([EVIL, OTHER, ORPHAN]),
        HOSTILE_PAGE,
        conf_extra="smartquotes = False\n",
    )
    return built


def test_hostile_database_builds_with_only_the_expected_warning(hostile: Built) -> None:
    # The orphan has no card on purpose (its link keeps its text and tooltip).
    assert [w.type for w in hostile.termref()] == ["termref.no_card"]
    assert [w for w in hostile.warnings if not w.type.startswith("termref")] == []


@pytest.mark.parametrize("page", ["index", "genindex", "search"])
def test_no_active_content_from_database_text(hostile: Built, page: str) -> None:
    assert_inert(hostile.soup(page))


def test_card_shows_every_field_literally(hostile: Built) -> None:
    soup = hostile.soup()
    card = soup.find(id="termref-evil")
    assert card is not None and card.name == "section"
    assert text_of(card.find(class_="termref-card__category")) == EVIL["category"]
    assert card.find("dfn").get_text() == EVIL["name"]
    assert text_of(card.find(class_="termref-card__summary")) == EVIL["summary"]

    def section(key: str) -> Tag:
        found = card.find(class_=f"termref-card__section--{key}")
        assert found is not None, key
        return found

    assert text_of(section("technical-definition").p) == EVIL["technical_definition"]
    background = section("background").find_all("p")
    assert text_of(background[0]) == EVIL["background"]
    read_more = section("background").select_one("p.termref-card__read-more a")
    assert text_of(read_more) == EVIL["read_more"]["label"]
    assert read_more["href"] == EVIL["read_more"]["url"]
    assert [text_of(li) for li in section("aliases").find_all("li")] == EVIL["aliases"]
    assert text_of(section("usage-note").p) == EVIL["usage_note"]
    org = section("organizations")
    assert text_of(org.find("dt")) == EVIL["organizations"][0]["name"]
    assert org.find("dt").a["href"] == EVIL["organizations"][0]["url"]
    assert text_of(org.find("dd")) == EVIL["organizations"][0]["description"]
    see_also = section("see-also").find("a", class_="termref")
    assert see_also is not None and text_of(see_also) == OTHER["name"]
    # Microdata attributes carry the same text, not markup.
    metas = {m["itemprop"]: m["content"] for m in card.find_all("meta")}
    assert metas["inDefinedTermSet"] == EVIL["category"]
    assert metas["alternateName"] == EVIL["aliases"][0]
    assert card.find("link", itemprop="sameAs")["href"] == EVIL["read_more"]["url"]


def test_hidden_aliases_and_tags_are_never_shown(hostile: Built) -> None:
    for page in ("index", "genindex"):
        raw = (hostile.outdir / f"{page}.html").read_text(encoding="utf-8")
        soup = hostile.soup(page)
        assert "Hidden" not in soup.get_text() and "Hidden" not in raw
        assert "tag &lt;script" not in raw and "tag <script" not in soup.get_text()


def test_link_titles_are_literal(hostile: Built) -> None:
    soup = hostile.soup()
    link = soup.select_one("a.termref.termref--evil")
    assert "title" not in link.attrs
    assert term_stylesheet(hostile.outdir).tip("evil") == f"{EVIL['name']}: {EVIL['summary']}"
    assert text_of(link) == "evil"
    # A term without a card keeps its text, with the definition as tooltip.
    orphan = soup.select_one("abbr.termref--no-card")
    assert orphan is not None
    assert orphan["title"] == f"{ORPHAN['name']}: {ORPHAN['summary']}"
    assert text_of(orphan) == "orphan"


def test_hover_previews_are_literal(hostile: Built) -> None:
    """The preview's texts, as the term stylesheet holds them (termref.js sets them as
    text), decode to the database's; the page has no preview of its own."""
    assert hostile.soup().find("div", class_="termref-preview") is None
    evil = term_stylesheet(hostile.outdir).terms["evil"]
    assert evil["name"] == EVIL["name"]
    assert evil["category"] == EVIL["category"]
    assert evil["summary"] == EVIL["summary"]
    assert evil["aliases"].split("\n") == EVIL["aliases"]


def test_unindexed_card_is_labelled_literally(hostile: Built) -> None:
    cards = hostile.soup().find_all("section", class_="termref-card")
    unindexed = [card for card in cards if not card.get("id")]
    assert len(unindexed) == 1
    assert unindexed[0]["aria-label"] == OTHER["name"]


def test_category_headings_are_literal(hostile: Built) -> None:
    index = hostile.soup().find_all("div", class_="termref-index")[1]
    headings = [squash(p.get_text()) for p in index.find_all("p", class_="rubric")]
    assert headings == [EVIL["category"]]


def test_term_index_entries_are_literal(hostile: Built) -> None:
    index = hostile.soup().find("div", class_="termref-index")
    entries = {text_of(dt): dt.find_next_sibling("dd") for dt in index.find_all("dt")}
    assert set(entries) == {EVIL["name"], OTHER["name"]}
    evil = entries[EVIL["name"]]
    assert text_of(evil.p) == EVIL["summary"]
    assert text_of(evil.find(class_="termref-index__aliases")) == EVIL["aliases"][0]
    assert text_of(entries[OTHER["name"]].p) == OTHER["summary"]


def test_general_index_links_only_the_cards(hostile: Built) -> None:
    soup = hostile.soup("genindex")
    hrefs = {a["href"] for a in soup.select("table.genindextable a")}
    assert hrefs == {"index.html#termref-evil", "index.html#termref-other"}


def _index_entries(soup: BeautifulSoup) -> list[str]:
    """Each entry of the general index as "main" or "main / sub" text."""
    entries = []
    for item in soup.select("table.genindextable td > ul > li"):
        main = squash("".join(t for t in item.find_all(string=True, recursive=False)))
        if item.a and item.a.parent is item:
            main = squash(item.a.get_text())
        subs = [squash(li.get_text(" ")) for li in item.select("ul > li")]
        entries.extend([f"{main} / {sub}" for sub in subs] or [main])
    return entries


def _as_sphinx_shows(entry: str) -> str:
    """A single entry as Sphinx's general index shows it: split at its first ";"
    into an entry and a sub-entry, as it splits a glossary term's."""
    main, _, sub = entry.partition(";")
    return f"{main.strip()} / {sub.strip()}" if sub else entry


def test_general_index_entries_keep_every_character(tmp_path: Path) -> None:
    """Names, aliases and categories with ";" (also any with an entity such as
    "&amp;") reach Sphinx's index as written: split where Sphinx splits every entry,
    as it splits a glossary term's, with no character replaced or lost.
    """
    database = dump_terms(
        [
            {
                "id": "salt",
                "name": "Salt; Pepper",
                "category": "Kitchen; Table",
                "aliases": ["R&amp;D spice"],
            },
        ]
    )
    built = project(tmp_path, database, "Spices\n======\n\n.. term-card:: salt\n")
    entries = _index_entries(built.soup("genindex"))
    assert sorted(entries) == ["Kitchen / Table; Salt; Pepper", "R&amp / D spice", "Salt / Pepper"]
    assert "\u037e" not in (built.outdir / "genindex.html").read_text(encoding="utf-8")


def test_see_entries_of_aliases_are_literal(tmp_path: Path) -> None:
    """With ``termref_index_aliases = "see"``, the alias "see" the name, every character kept."""
    database = dump_terms([{"id": "salt", "name": "Salt; Pepper", "aliases": ["R&amp;D spice"]}])
    built = project(
        tmp_path,
        database,
        "Spices\n======\n\n.. term-card:: salt\n",
        conf_extra='termref_index_aliases = "see"\n',
    )
    # Split at the alias's own ";", as Sphinx splits ``see: R&amp;D spice; Salt; Pepper``.
    assert "R&amp / see D spice; Salt; Pepper" in _index_entries(built.soup("genindex"))


def test_hostile_names_reach_the_general_index_as_written(hostile: Built) -> None:
    """The same with the hostile text, whose "&amp;" and "&lt;" hold semicolons."""
    entries = _index_entries(hostile.soup("genindex"))
    assert _as_sphinx_shows(EVIL["name"]) in entries, entries
    assert _as_sphinx_shows(f"{EVIL['category']}; {EVIL['name']}") in entries, entries


def test_search_index_holds_the_names_as_data(hostile: Built) -> None:
    index = search_index(hostile.outdir)
    # Sphinx stores object names HTML-escaped; searchtools escapes what it shows again.
    names = {html_lib.unescape(entry[4]) for entry in index["objects"][""]}
    assert names == {EVIL["name"], OTHER["name"]}
    for entry in index["objects"][""]:
        assert "<" not in entry[4] and '"' not in entry[4]
    assert index["titles"] == ["Hostile"]
    # Hidden aliases match references but are never shown, also not by the search.
    assert "hidden" not in (hostile.outdir / "searchindex.js").read_text(encoding="utf-8").lower()


def test_inventory_lists_each_spelling_literally(hostile: Built) -> None:
    lines = inventory_lines(hostile.outdir)
    term_lines = [line for line in lines if " termref:term " in line]
    assert f"{EVIL['name']} termref:term 1 index.html#termref-evil -" in term_lines
    assert f"{EVIL['aliases'][0]} termref:term -1 index.html#termref-evil -" in term_lines
    terms = read_inventory(hostile.outdir / "objects.inv")["termref:term"]
    for spelling in (EVIL["name"], EVIL["aliases"][0], EVIL["hidden_aliases"][0], "evil"):
        assert terms[spelling].uri == "index.html#termref-evil"


def test_latex_escapes_database_text(tmp_path: Path) -> None:
    """TeX commands in database text are typeset, not executed."""
    payload = r"\input{/etc/passwd} \def\x{1} $x^2$ & 100% #1 ~ _ ^ {}"
    database = dump_terms(
        [{"id": "tex", "name": f"Tex {payload}", "category": payload, "summary": payload}]
    )
    built = project(tmp_path, database, "Tex\n===\n\n.. term-card:: tex\n", builder="latex")
    (tex,) = built.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    assert r"\input{/etc/passwd}" not in source
    assert r"\def\x" not in source
    assert r"\textbackslash{}input\{/etc/passwd\}" in source


# -- only inline markup ----------------------------------------------------------------------

MARKUP_PAGE_PREAMBLE = """\
Markup
======

.. |subst| replace:: SUBSTITUTED-TEXT

.. |picture| image:: https://example.org/picture.png

.. role:: html(raw)
   :format: html

.. role:: html2(html)

.. default-role:: html

"""


class Refused:
    """A summary that uses markup a database may not: what the card shows, and the
    reason the termref.markup warning gives (None: no warning, it is text anyway)."""

    def __init__(self, summary: str, shown: str, why: str | None) -> None:
        self.summary, self.shown, self.why = summary, shown, why


REFUSED = {
    "raw-role": Refused(":raw:`<b>bold</b>`", ":raw:`<b>bold</b>`", "uses the raw role 'raw'"),
    "page-role-on-raw": Refused(
        ":html:`<script>alert(7)</script>`",
        ":html:`<script>alert(7)</script>`",
        "uses the raw role 'html'",
    ),
    "alias-of-page-role": Refused(
        ":html2:`<img src=x onerror=alert(8)>`",
        ":html2:`<img src=x onerror=alert(8)>`",
        "uses the raw role 'html2'",
    ),
    "role-name-in-capitals": Refused(
        ":HTML:`<script>alert(9)</script>`",
        ":HTML:`<script>alert(9)</script>`",
        "uses the raw role 'HTML'",
    ),
    "default-role-is-raw": Refused(
        "`<script>alert(10)</script>`", "`<script>alert(10)</script>`", "uses the raw role ''"
    ),
    # A backslash breaks the role name: what is left is interpreted text of the
    # default role, which the page made a raw one.
    "escaped-role-name": Refused(
        ":ht\\ml:`<script>alert(11)</script>`",
        ":html:`<script>alert(11)</script>`",
        "uses the raw role ''",
    ),
    "substitution": Refused("see |subst| here", "see |subst| here", "uses a substitution"),
    "escaped-substitution": Refused("see \\|subst| here", "see |subst| here", None),
    "substitution-reference": Refused("see |subst|_", "see |subst|_", "uses a substitution"),
    "anonymous-substitution-reference": Refused(
        "see |subst|__", "see |subst|__", "uses a substitution"
    ),
    "image-substitution": Refused("a |picture| here", "a |picture| here", "uses a substitution"),
    "footnote": Refused("note [1]_", "note [1]_", "uses a footnote or citation"),
    "auto-footnote": Refused("note [#]_", "note [#]_", "uses a footnote or citation"),
    "citation": Refused("see [CIT2002]_", "see [CIT2002]_", "uses a footnote or citation"),
    # Block markup is never interpreted: it stays text, paragraph by paragraph.
    "raw-directive": Refused(
        ".. raw:: html\n\n   <script>alert(12)</script>",
        ".. raw:: html <script>alert(12)</script>",
        None,
    ),
    "include-directive": Refused(".. include:: /etc/passwd", ".. include:: /etc/passwd", None),
    "image-directive": Refused(
        ".. image:: https://example.org/x.png\n   :target: javascript:alert(13)",
        ".. image:: https://example.org/x.png :target: javascript:alert(13)",
        # the standalone URI, up to the parenthesis
        "links to 'javascript:alert(13', but the scheme 'javascript' is not allowed; use "
        "http:, https:, mailto: or a relative link",
    ),
    # Inline markup does not nest in reStructuredText: the role is text inside *...*.
    "role-inside-emphasis": Refused("*:html:`<b>x</b>`*", ":html:`<b>x</b>`", None),
    # A Cyrillic "\u0430" makes another role name: an unknown role, shown as written.
    "lookalike-role-name": Refused(
        ":r\u0430w:`<b>lookalike</b>`", ":r\u0430w:`<b>lookalike</b>`", None
    ),
    "fullwidth-bars": Refused("\uff5csubst\uff5c stays", "\uff5csubst\uff5c stays", None),
}


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> Built:
    terms = [
        {"id": key, "name": f"Term {key}", "summary": case.summary}
        for key, case in REFUSED.items()
    ]
    cards = "".join(f".. term-card:: {key}\n\n" for key in REFUSED)
    footnotes = (
        "\nPage notes [2]_ [#]_ [CIT2002]_.\n\n"
        ".. [1] A page footnote.\n\n.. [2] Another.\n\n.. [#] An auto footnote.\n\n"
        ".. [CIT2002] A citation.\n"
    )
    built = project(
        tmp_path_factory.mktemp("refused"),
        dump_terms(terms),
        MARKUP_PAGE_PREAMBLE + cards + footnotes,
        conf_extra="smartquotes = False\n",
    )
    return built


@pytest.mark.parametrize("key", list(REFUSED))
def test_refused_markup_is_plain_text(refused: Built, key: str) -> None:
    case = REFUSED[key]
    soup = refused.soup()
    summary = soup.find(id=f"termref-{key}").find(class_="termref-card__summary")
    assert squash(summary.get_text(" ")) == case.shown
    assert summary.find_all(["b", "script", "img", "svg", "footnote", "sup"]) == []
    external = [a["href"] for a in summary.find_all("a") if not a["href"].startswith("#")]
    assert external == (["https://example.org/x.png"] if key == "image-directive" else [])
    assert "SUBSTITUTED-TEXT" not in summary.get_text()
    warned = [w for w in refused.typed("termref.markup") if f"of term {key!r} " in w.message]
    if case.why is None:
        assert warned == []
        return
    assert len(warned) == 1, warned
    (warning,) = warned
    lines = (refused.srcdir / "terms.yaml").read_text().splitlines()
    term_line = lines.index(f"- id: {key}")
    summary_line = next(
        n for n, line in enumerate(lines[term_line:], term_line + 1) if "summary:" in line
    )
    assert warning.message == f"the summary of term {key!r} {case.why}; it is shown as plain text"
    # At the summary's own line in the database, not at the card on the page.
    assert warning.location == f"{refused.srcdir / 'terms.yaml'}:{summary_line}"


def test_refused_markup_leaves_the_page_inert(refused: Built) -> None:
    assert_inert(refused.soup())
    assert "SUBSTITUTED-TEXT" not in refused.soup().get_text()


def test_raw_role_under_a_translated_name_gives_no_raw_output(tmp_path: Path) -> None:
    """In a German project ``roh`` is docutils' name of the raw role on the page;
    database text is English reStructuredText whatever the page's language, so
    there it is an unknown role, shown as written, never raw output."""
    database = dump_terms([{"id": "roh", "name": "Roh", "summary": ":roh:`<b>x</b>`"}])
    page = "Seite\n=====\n\n.. term-card:: roh\n"
    built = project(tmp_path, database, page, conf_extra="language = 'de'\n")
    summary = built.soup().find(id="termref-roh").find(class_="termref-card__summary")
    assert summary.find("b") is None
    assert squash(summary.get_text(" ")) == ":roh:`<b>x</b>`"


def test_a_refused_link_defines_no_target_that_other_links_can_use(tmp_path: Path) -> None:
    """Guards against this: a named link with a forbidden scheme is refused, but the hyperlink
    target docutils creates next to it (``clickme`` -> ``javascript:...``) stays in the document,
    so a plain ``clickme_`` reference - in the same text, in another term or on the page - resolves
    to the javascript: URL and reaches an href.
    """
    database = dump_terms(
        [
            {
                "id": "trap",
                "name": "Trap",
                "summary": "`clickme <javascript:alert(14)>`_ then clickme_",
            },
            {"id": "victim", "name": "Victim", "summary": "Harmless, but see clickme_."},
        ]
    )
    page = "Targets\n=======\n\n.. term-card:: trap\n\n.. term-card:: victim\n"
    built = project(tmp_path, database, page)
    soup = built.soup()
    assert_inert(soup)
    for term in ("trap", "victim"):
        summary = soup.find(id=f"termref-{term}").find(class_="termref-card__summary")
        assert "clickme" in summary.get_text()
        # The page's own "clickme_" no longer finds a target: docutils marks it
        # as a problem, linking only to its own error message on the page.
        hrefs = [a.get("href", "") for a in summary.find_all("a")]
        assert all(href.startswith("#") for href in hrefs), summary
    markup = [w.message for w in built.typed("termref.markup")]
    assert any("links to 'javascript:alert(14)'" in m for m in markup), markup


def test_download_role_cannot_copy_files_from_outside_the_project(tmp_path: Path) -> None:
    """Guards against this: ``:download:`` in database text copies any file the build can read into
    the published output (``../../secret.txt``, ``../../../etc/...``): an include trick that a
    shared database should not be able to play. Expected: refused with termref.markup and shown as
    plain text, like the other refused markup.
    """
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT\n", encoding="utf-8")
    database = dump_terms(
        [{"id": "leak", "name": "Leak", "summary": ":download:`harmless <../secret.txt>`"}]
    )
    built = project(tmp_path, database, "Leak\n====\n\n.. term-card:: leak\n")
    leaked = [
        path
        for path in built.outdir.rglob("*")
        if path.is_file() and b"TOP-SECRET-CONTENT" in path.read_bytes()
    ]
    assert leaked == [], f"a file from outside the project was published: {leaked}"
    assert any("download" in w.message for w in built.typed("termref.markup"))


# -- links: only http, https, mailto and relative ------------------------------------------

UNSAFE_URLS = {
    "javascript": "javascript:alert(1)",
    "mixed-case": "JaVaScRiPt:alert(1)",
    "capitals": "JAVASCRIPT:alert(1)",
    "leading-spaces": "   javascript:alert(1)",
    "entity-tab": "java&#x09;script:alert(1)",
    "entity-letter": "jav&#97;script:alert(1)",
    "entity-first-letter": "&#106;avascript:alert(1)",
    "entity-no-semicolon": "&#x6A;avascript:alert(1)",
    "named-entity-colon": "javascript&colon;alert(1)",
    "double-entity": "java&amp;#x09;script:alert(1)",
    "tab": "java\tscript:alert(1)",
    "newline": "java\nscript:alert(1)",
    "control-character": "\x01javascript:alert(1)",
    "zero-width-space": "java\u200bscript:alert(1)",
    "data": "data:text/html,<script>alert(1)</script>",
    "data-base64": "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
}
SAFE_URLS = {
    "https": "https://example.org/a?b=1&c=2#d",
    "http": "http://example.org/",
    "mailto": "mailto:someone@example.org",
    "relative": "other/page.html",
    "parent": "../up.html",
    "fragment": "#section",
    "capital-https": "HTTPS://example.org/",
}
URL_FIELDS = ("read_more", "read_more.url", "organizations.url")


def _url_term(key: str, field: str, url: str) -> tuple[str, str]:
    """(YAML of one term whose ``field`` is ``url``, the id) - strings JSON-quoted."""
    term_id = f"{field.replace('.', '-').replace('_', '-')}-{key}"
    quoted = json.dumps(url)
    head = f"  - id: {term_id}\n    name: {json.dumps(f'{field} {key}')}\n"
    if field == "read_more":
        return head + f"    read_more: {quoted}\n", term_id
    if field == "read_more.url":
        return head + f"    read_more:\n      url: {quoted}\n      label: Go\n", term_id
    return (
        head + f"    organizations:\n      - name: Org\n        url: {quoted}\n",
        term_id,
    )


@pytest.fixture(scope="module")
def url_fields(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, dict[str, int]]:
    """One term per (field, URL); and the line of each URL in terms.yaml."""
    text, lines, ids = "terms:\n", {}, []
    for field in URL_FIELDS:
        for key, url in {**UNSAFE_URLS, **SAFE_URLS}.items():
            entry, term_id = _url_term(key, field, url)
            quoted = json.dumps(url)
            offset = next(i for i, line in enumerate(entry.splitlines()) if quoted in line)
            lines[term_id] = text.count("\n") + 1 + offset
            text += entry
            ids.append(term_id)
    page = "Links\n=====\n\n" + "".join(f".. term-card:: {i}\n\n" for i in ids)
    built = project(tmp_path_factory.mktemp("urls"), text, page)
    return built, lines


@pytest.mark.parametrize("field", URL_FIELDS)
@pytest.mark.parametrize("key", list(UNSAFE_URLS))
def test_unsafe_url_field_is_refused(url_fields, field: str, key: str) -> None:  # type: ignore[no-untyped-def]
    built, lines = url_fields
    term_id = _url_term(key, field, "")[1]
    url = UNSAFE_URLS[key].strip()
    warned = [w for w in built.typed("termref.schema") if f"term {term_id!r}" in w.message]
    assert len(warned) == 1, warned
    (warning,) = warned
    path = built.srcdir / "terms.yaml"
    column = {"read_more": 5, "read_more.url": 7, "organizations.url": 9}[field]
    assert warning.location == f"{path}:{lines[term_id]}:{column}"
    owner = "'read_more'" if field.startswith("read_more") else "an organization"
    if key in ("tab", "newline", "control-character", "zero-width-space"):
        reason = "it contains control characters or white space; remove them"
    else:
        scheme = next((s for s in ("data", "vbscript", "file") if key.startswith(s)), "javascript")
        reason = (
            f"the scheme {scheme!r} is not allowed; use http:, https:, mailto: or a relative link"
        )
    assert warning.message == f"'url' of {owner} of term {term_id!r} cannot be {url!r}: {reason}"
    # The term itself is built; the link is not.
    card = built.soup().find(id=f"termref-{term_id}")
    assert card is not None
    assert card.find("a", href=lambda h: h and not h.startswith("#")) is None
    assert card.find("link", itemprop="sameAs") is None


def test_unsafe_url_fields_never_reach_an_href(url_fields) -> None:  # type: ignore[no-untyped-def]
    built, _ = url_fields
    assert_inert(built.soup())


@pytest.mark.parametrize("field", URL_FIELDS)
@pytest.mark.parametrize("key", list(SAFE_URLS))
def test_safe_url_field_is_linked(url_fields, field: str, key: str) -> None:  # type: ignore[no-untyped-def]
    built, _ = url_fields
    term_id = _url_term(key, field, "")[1]
    assert [w for w in built.warnings if f"term {term_id!r}" in w.message] == []
    card = built.soup().find(id=f"termref-{term_id}")
    hrefs = [a["href"] for a in card.find_all("a") if "headerlink" not in a.get("class", [])]
    # Sphinx cloaks the "@" of e-mail addresses; the address is the same.
    assert [unquote(href) for href in hrefs] == [SAFE_URLS[key]]


INLINE_LINKS = {
    "named": "`click <{url}>`_",
    "anonymous": "`click <{url}>`__",
    "escaped": "`click <{escaped}>`_",
}


def _inline(url: str) -> bool:
    """Whether ``url`` can be written inside an embedded URI: no line break or "<", and
    no control character, for which the loader refuses the whole text."""
    return not re.search(r"[\n<\x00-\x08\x0b-\x1f]", url)


@pytest.fixture(scope="module")
def inline_links(tmp_path_factory: pytest.TempPathFactory) -> Built:
    terms = []
    for form, template in INLINE_LINKS.items():
        for key, url in UNSAFE_URLS.items():
            if not _inline(url):
                continue
            escaped = "\\".join(url)  # backslashes vanish when docutils reads the URI
            summary = template.format(url=url.strip(), escaped=escaped.strip("\\ "))
            terms.append({"id": f"{form}-{key}", "name": f"{form} {key}", "summary": summary})
    terms.append(
        {
            "id": "standalone",
            "name": "Standalone",
            "summary": "see javascript:alert(1) and data:text/html,x",
        }
    )
    page = "Inline\n======\n\n" + "".join(f".. term-card:: {t['id']}\n\n" for t in terms)
    built = project(tmp_path_factory.mktemp("inline"), dump_terms(terms), page)
    return built


def test_unsafe_inline_links_never_reach_an_href(inline_links: Built) -> None:
    assert_inert(inline_links.soup())


@pytest.mark.parametrize("form", list(INLINE_LINKS))
@pytest.mark.parametrize("key", [k for k, u in UNSAFE_URLS.items() if _inline(u)])
def test_unsafe_inline_link_is_refused_as_markup(inline_links: Built, form: str, key: str) -> None:
    term_id = f"{form}-{key}"
    summary = (
        inline_links.soup().find(id=f"termref-{term_id}").find(class_="termref-card__summary")
    )
    assert summary.find("a") is None
    assert "click" in summary.get_text()
    warned = [
        w for w in inline_links.typed("termref.markup") if f"of term {term_id!r} " in w.message
    ]
    assert len(warned) == 1, warned
    assert "links to " in warned[0].message
    assert "it is shown as plain text" in warned[0].message


def test_standalone_unsafe_uris_stay_text(inline_links: Built) -> None:
    summary = (
        inline_links.soup().find(id="termref-standalone").find(class_="termref-card__summary")
    )
    assert summary.find("a") is None
    assert squash(summary.get_text(" ")) == "see javascript:alert(1) and data:text/html,x"


# url_problem on its own: every disguise of a forbidden scheme is seen through.


@settings(max_examples=400, deadline=None)
@given(disguised_scheme())
def test_every_disguised_forbidden_scheme_is_refused(url: str) -> None:
    # The schema strips the field first, as YAML text usually has no significant ends.
    assert url_problem(url.strip()) is not None


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["http://", "https://", "HTTPS://", "mailto:", "", "./", "../", "#"]),
    st.text(
        alphabet=st.characters(categories=["L", "N"]) | st.sampled_from("/?&=%.-_~#"), max_size=30
    ),
)
def test_safe_schemes_and_relative_links_are_allowed(prefix: str, rest: str) -> None:
    if not prefix:
        assume("&" not in rest)  # "a&#58" is "a:" to a browser: a scheme of its own
    url = prefix + rest
    assert url_problem(url) is None, url


def test_inventory_cannot_be_forged_by_a_line_break_in_a_name(tmp_path: Path) -> None:
    """Guards against this: names and aliases may hold line breaks (and other control characters);
    ``objects.inv`` is a line-based format, so such a name writes extra inventory lines. Another
    project's intersphinx then reads forged entries, e.g. a ``std:label`` pointing at
    ``javascript:alert(1)``. Expected: the database refuses (termref.schema) or the inventory
    neutralises line breaks in names.
    """
    database = dump_terms(
        [
            {
                "id": "forger",
                "name": "Forger\nforged std:label 1 javascript:alert(1) Forged label",
                "aliases": ["Alias\rother termref:term 1 https://evil.example/ -"],
            }
        ]
    )
    built = project(tmp_path, database, "Forge\n=====\n\n.. term-card:: forger\n")
    data = read_inventory(built.outdir / "objects.inv")
    labels = data.get("std:label", {})
    assert "forged" not in labels, labels.get("forged")
    for entries in data.values():
        for name, item in entries.items():
            assert "javascript:" not in item.uri and "evil.example" not in item.uri, (name, item)

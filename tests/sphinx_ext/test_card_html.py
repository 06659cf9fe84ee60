"""HTML of ``.. term-card::``: structure, microdata, heading levels, options, seed layout."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from helpers import (
    CARD_LABELS,
    ROOTS,
    card,
    dump_terms,
    html,
    project,
    search_index,
    shared_build,
    strip_ansi,
    termref_warnings,
    warnings_of,
)

from sphinx_termref.sphinx_ext.nodes import term_card_aliases

SEED = ROOTS / "test-cards" / "mesa-optimization-card.txt"
LABELS = {*CARD_LABELS, "NOTE"}

cards_root = shared_build("test_card_html-cards", testroot="cards")


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def own_text(node: Tag) -> str:
    """Text of ``node`` without the permalink Sphinx appends to headings."""
    copy = BeautifulSoup(str(node), "html.parser")
    for link in copy.select("a.headerlink"):
        link.decompose()
    return text(copy)


def sections_of(element: Tag) -> list[Tag]:
    return element.find_all("div", class_="termref-card__section", recursive=False)


def section_key(section: Tag) -> str:
    keys = [c for c in section["class"] if c.startswith("termref-card__section--")]
    assert len(keys) == 1, section["class"]
    return keys[0].removeprefix("termref-card__section--")


@pytest.fixture
def soup(app) -> BeautifulSoup:
    app.build()
    return html(app)


@cards_root
def test_cards_root_builds_without_warnings(app) -> None:
    app.build()
    assert warnings_of(app) == []
    assert app.statuscode == 0


@cards_root
def test_card_is_a_labelled_defined_term_section(soup: BeautifulSoup) -> None:
    element = card(soup, "mesa-optimization")
    assert element.name == "section"
    assert "termref-card" in element["class"]
    assert element.has_attr("itemscope")
    assert element["itemtype"] == "https://schema.org/DefinedTerm"
    assert element["aria-labelledby"] == "termref-mesa-optimization-name"
    label = soup.find(id=element["aria-labelledby"])
    assert label is not None and label in element.descendants
    assert "termref-card__name" in label["class"]


@cards_root
def test_card_microdata(soup: BeautifulSoup) -> None:
    element = card(soup, "mesa-optimization")
    metas = {(m["itemprop"], m["content"]) for m in element.find_all("meta", recursive=False)}
    assert ("termCode", "mesa-optimization") in metas
    assert ("inDefinedTermSet", "Model Optimization and Prompt Syntax Term") in metas
    assert {c for p, c in metas if p == "alternateName"} == {
        "Inner optimization",
        "Learned optimizer",
        "Emergent optimization",
        "Sub-optimizer",
    }
    # hidden aliases match references but never show, not even in metadata
    assert "mesa optimisation" not in element.get_text()
    assert all(c != "mesa optimisation" for _, c in metas)
    same_as = element.find("link", itemprop="sameAs")
    assert same_as["href"] == "https://en.wikipedia.org/wiki/AI_alignment"
    dfn = element.find("dfn", itemprop="name")
    assert dfn.get_text() == "Mesa-Optimization"
    summary = element.find("div", class_="termref-card__summary")
    assert summary["itemprop"] == "description"


@cards_root
def test_card_parts_and_classes(soup: BeautifulSoup) -> None:
    element = card(soup, "mesa-optimization")
    category = element.find("p", class_="termref-card__category")
    assert text(category) == "Model Optimization and Prompt Syntax Term"
    name = element.find(class_="termref-card__name")
    assert name.name == "h2"
    assert name["id"] == "termref-mesa-optimization-name"
    assert name.find("dfn").get_text() == "Mesa-Optimization"
    permalink = name.find("a", class_="headerlink")
    assert permalink["href"] == "#termref-mesa-optimization"
    read_more = element.select("p.termref-card__read-more a")
    assert len(read_more) == 1
    assert read_more[0]["href"] == "https://en.wikipedia.org/wiki/AI_alignment"
    assert text(read_more[0]) == "Read more on Wikipedia"
    aliases = element.select("ul.termref-aliases > li")
    assert [text(li) for li in aliases] == [
        "Inner optimization",
        "Learned optimizer",
        "Emergent optimization",
        "Sub-optimizer",
    ]
    orgs = element.select_one("dl.termref-organizations")
    names = [text(dt) for dt in orgs.find_all("dt")]
    assert names[0] == "Machine Intelligence Research Institute"
    assert len(names) == 7
    assert orgs.find("dt").find("a")["href"] == "https://intelligence.org"
    intro = element.select_one("p.termref-card__intro")
    assert text(intro) == "Organizations developing technology related to Mesa-Optimization."
    see_also = element.select("ul.termref-see-also a.termref")
    assert [a["href"] for a in see_also] == ["#termref-reward-hacking"]


@cards_root
def test_section_labels_are_headings_one_below_the_name(soup: BeautifulSoup) -> None:
    element = card(soup, "mesa-optimization")
    # the card stands in a top-level section (h1): name h2, labels h3
    assert element.find(class_="termref-card__name").name == "h2"
    for section in sections_of(element):
        labels = section.find_all(class_="termref-card__label", recursive=False)
        assert len(labels) == 1
        assert labels[0].name == "h3"
        assert text(labels[0]) in LABELS


@cards_root
@pytest.mark.parametrize(
    ("term_id", "name_level", "section_title"),
    [
        ("mesa-optimization", "h2", "Cards"),
        ("reward-hacking", "h3", "Options"),
        ("bare-term", "h4", "Nested"),
    ],
)
def test_heading_level_follows_the_enclosing_section(
    soup: BeautifulSoup, term_id: str, name_level: str, section_title: str
) -> None:
    element = card(soup, term_id)
    section = element.find_parent("section", class_=lambda c: c != "termref-card")
    title = section.find(["h1", "h2", "h3", "h4", "h5", "h6"], recursive=False)
    assert own_text(title) == section_title
    assert int(element.find(class_="termref-card__name").name[1]) == int(title.name[1]) + 1
    assert element.find(class_="termref-card__name").name == name_level
    for label in element.select(".termref-card__label"):
        assert label.name == f"h{int(name_level[1]) + 1}"


@cards_root
def test_sections_option_selects_and_orders_sections(soup: BeautifulSoup) -> None:
    reward = card(soup, "reward-hacking")
    # :sections: summary usage-note (+ the directive content as a NOTE)
    assert reward.find(class_="termref-card__category") is None
    assert text(reward.find(class_="termref-card__summary")).startswith("An agent scores")
    assert [section_key(s) for s in sections_of(reward)] == ["usage-note", "note"]
    assert reward.select("ul.termref-aliases") == []

    goodhart = card(soup, "goodhart")
    # :sections: background, technical-definition, category (this term has no category)
    assert goodhart.find(class_="termref-card__summary") is None
    assert [section_key(s) for s in sections_of(goodhart)] == [
        "background",
        "technical-definition",
    ]
    # the name still heads the card
    children = [
        c for c in goodhart.children if isinstance(c, Tag) and c.name not in ("meta", "link")
    ]
    assert "termref-card__name" in children[0]["class"]
    # read_more given as a bare URL: default label
    link = goodhart.select_one("p.termref-card__read-more a")
    assert link["href"] == "https://en.wikipedia.org/wiki/Goodhart%27s_law"
    assert text(link) == "Read more"


@cards_root
def test_content_becomes_a_note_section_and_class_option_is_kept(soup: BeautifulSoup) -> None:
    reward = card(soup, "reward-hacking")
    assert {"termref-card", "wide", "highlighted"} <= set(reward["class"])
    note = reward.select_one("div.termref-card__section--note")
    assert text(note.find(class_="termref-card__label")) == "NOTE"
    assert note.find("em").get_text() == "only"
    assert text(note.find("p")) == "This note is only on this page."
    # the note is the last section
    assert sections_of(reward)[-1] is note


@cards_root
def test_card_without_optional_fields_has_only_its_name(soup: BeautifulSoup) -> None:
    bare = card(soup, "bare-term")
    assert text(bare.find(class_="termref-card__name")) == "Bare Term ¶"
    assert bare.find(class_="termref-card__category") is None
    assert bare.find(class_="termref-card__summary") is None
    assert sections_of(bare) == []
    assert bare.find("meta", itemprop="inDefinedTermSet") is None
    assert bare.find("link", itemprop="sameAs") is None


@cards_root
def test_no_index_card_has_no_id_and_an_aria_label(soup: BeautifulSoup) -> None:
    # goodhart has an indexed card (id termref-goodhart) and a :no-index: one
    cards = [
        c
        for c in soup.find_all("section", class_="termref-card")
        if c.find("meta", itemprop="termCode", content="goodhart")
    ]
    assert len(cards) == 2
    indexed, unindexed = cards
    assert indexed["id"] == "termref-goodhart"
    assert not unindexed.has_attr("id")
    assert not unindexed.has_attr("aria-labelledby")
    assert unindexed["aria-label"] == "Goodhart's Law"
    name = unindexed.find(class_="termref-card__name")
    assert not name.has_attr("id")
    assert name.find("a", class_="headerlink") is None
    # all of the default sections that the term has
    assert [section_key(s) for s in sections_of(unindexed)] == [
        "technical-definition",
        "background",
    ]


@pytest.mark.sphinx("html", testroot="cards", confoverrides={"html_permalinks": False})
def test_no_permalink_when_html_permalinks_is_off(app) -> None:
    app.build()
    element = card(html(app), "mesa-optimization")
    assert element.find("a", class_="headerlink") is None
    assert element.find("dfn").get_text() == "Mesa-Optimization"


@pytest.mark.sphinx(
    "html", testroot="cards", confoverrides={"termref_card_sections": ["summary", "aliases"]}
)
def test_configured_default_sections(app) -> None:
    app.build()
    soup = html(app)
    element = card(soup, "mesa-optimization")
    assert element.find(class_="termref-card__category") is None
    assert element.find(class_="termref-card__summary") is not None
    assert [section_key(s) for s in sections_of(element)] == ["aliases"]
    # an explicit :sections: option still wins over the configuration
    assert [section_key(s) for s in sections_of(card(soup, "reward-hacking"))] == [
        "usage-note",
        "note",
    ]
    assert termref_warnings(app) == []


@pytest.mark.sphinx(
    "html", testroot="cards", confoverrides={"termref_card_sections": ["summary", "definition"]}
)
def test_unknown_configured_section_is_reported_and_dropped(app) -> None:
    app.build()
    warnings = strip_ansi(app.warning.getvalue()).splitlines()
    (warning,) = [line for line in warnings if line.endswith("[termref.config]")]
    # Set with -D, so conf.py has no line for it: no location rather than "conf.py::".
    assert warning.startswith(
        "WARNING: termref_card_sections has unknown sections ['definition'] (did you mean "
        "'definition' -> 'technical-definition'?)"
    )
    assert warning.endswith(
        "(given on the command line with -D termref_card_sections=...) [termref.config]"
    )
    element = card(html(app), "mesa-optimization")
    assert sections_of(element) == []
    assert element.find(class_="termref-card__summary") is not None


def test_alias_list_is_one_node_that_search_still_reads(tmp_path: Path) -> None:
    """A page of cards holds tens of thousands of aliases, so the list is one node
    with one text, not a bullet list (three nodes per alias besides the list); HTML
    shows the same list, smartquotes still educates it, and the search index still
    finds the page by an alias."""
    aliases = ["Zyxquor", '"Gizmo" part', "Widget's kin"]
    database = dump_terms([{"id": "widget", "name": "Widget", "aliases": aliases}])
    built = project(tmp_path, database, "Parts\n=====\n\n.. term-card:: widget\n")
    doctree = pickle.loads((tmp_path / "_build" / "doctrees" / "index.doctree").read_bytes())
    (node,) = doctree.findall(term_card_aliases)
    assert [type(child) for child in node.children] == [nodes.Text]
    assert list(doctree.findall(nodes.list_item)) == []
    items = card(built.soup(), "widget").select("ul.termref-aliases.simple > li > p")
    # Each alias is educated on its own: the quote opening the second one opens.
    assert [text(item) for item in items] == [
        "Zyxquor",
        "\u201cGizmo\u201d part",
        "Widget\u2019s kin",
    ]
    assert "zyxquor" in search_index(built.outdir)["terms"]


# -- the seed card ------------------------------------------------------------------------


def seed_layout() -> list[tuple[str, list[str]]]:
    """The seed card as (label, lines) pairs in seed order; the head is labelled ''."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    layout: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        # the scraped seed glues the read-more link to the next label
        if line.startswith("READ MORE ON WIKIPEDIA") and line != "READ MORE ON WIKIPEDIA":
            layout[-1][1].append("READ MORE ON WIKIPEDIA")
            line = line.removeprefix("READ MORE ON WIKIPEDIA")
        if line in LABELS:
            layout.append((line, []))
        else:
            layout[-1][1].append(line)
    return layout


def test_seed_layout_is_parsed() -> None:
    layout = seed_layout()
    assert [label for label, _ in layout] == [
        "",
        "TECHNICAL DEFINITION",
        "BACKGROUND",
        "SYNONYMS & ALIASES",
        "USAGE NOTE",
        "DEVELOPERS",
    ]
    assert layout[0][1][:2] == [
        "// MODEL OPTIMIZATION AND PROMPT SYNTAX TERM",
        "Mesa-Optimization",
    ]


@cards_root
def test_seed_card_every_section_in_seed_order(soup: BeautifulSoup) -> None:
    layout = seed_layout()
    element = card(soup, "mesa-optimization")
    head, *sections = layout

    category, name, summary = head[1]
    assert "// " + text(element.find(class_="termref-card__category")).upper() == category
    assert element.find("dfn").get_text() == name
    assert normal_quotes(text(element.find(class_="termref-card__summary"))) == summary

    shown = sections_of(element)
    shown_labels = [text(s.find(class_="termref-card__label")) for s in shown]
    # every seed section, with its label, in seed order (the card may add more after)
    assert shown_labels[: len(sections)] == [label for label, _ in sections]

    for (label, lines), section in zip(sections, shown, strict=False):
        body = section.find_all(["p", "li", "dd"])
        body_text = [text(b) for b in body]
        for line in lines:
            if line == "READ MORE ON WIKIPEDIA":
                link = section.select_one("p.termref-card__read-more a")
                assert text(link).upper() == line, label
                continue
            wanted = " ".join(line.removeprefix("- ").split())
            assert any(normal_quotes(b) == wanted for b in body_text), (label, wanted, body_text)


def normal_quotes(value: str) -> str:
    """Undo the smart quotes docutils puts into text, to compare with the seed."""
    for curly, straight in (("\u201c", '"'), ("\u201d", '"'), ("\u2019", "'"), ("\u2018", "'")):
        value = value.replace(curly, straight)
    return value


@cards_root
def test_seed_card_organization_descriptions_in_order(soup: BeautifulSoup) -> None:
    layout = dict(seed_layout())
    intro, *descriptions = layout["DEVELOPERS"]
    element = card(soup, "mesa-optimization")
    orgs = element.select_one("div.termref-card__section--organizations")
    assert text(orgs.select_one("p.termref-card__intro")) == intro
    shown = [normal_quotes(text(dd)) for dd in orgs.select("dl.termref-organizations > dd")]
    assert shown == descriptions


def test_unknown_section_in_option_is_reported(make_build, copied_root) -> None:
    srcdir = copied_root("cards")
    index = srcdir / "index.rst"
    index.write_text(
        "Cards\n=====\n\n.. term-card:: mesa-optimization\n   :sections: summary, usage_note\n",
        encoding="utf-8",
    )
    app = make_build(srcdir)
    (warning,) = termref_warnings(app)
    assert warning.type == "termref.option"
    assert warning.message == (
        "unknown card section 'usage_note' in :sections: of term-card; did you mean 'usage-note'?"
    )
    assert warning.location == f"{index}:4"
    element = card(html(app), "mesa-optimization")
    assert element.find(class_="termref-card__summary") is not None
    assert sections_of(element) == []


@cards_root
def test_stylesheet_is_linked_and_copied(app) -> None:
    app.build()
    soup = html(app)
    hrefs = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert any(href.split("?")[0] == "_static/termref.css" for href in hrefs), hrefs
    assert (app.outdir / "_static" / "termref.css").is_file()

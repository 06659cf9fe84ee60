"""The ``:termref:`` role: matching, links, tooltips, unknown terms and their warnings."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import (
    html,
    line_of,
    shared_build,
    termref_warnings,
    warnings_typed,
)
from term_stylesheet import term_stylesheet

refs_root = shared_build("test_references-refs", testroot="refs")
MESA_TITLE = "Mesa-Optimization: A learned optimizer that runs inside a model."

#: "MESA-OPTIMIZATION" in fullwidth letters, which NFKC folds to ASCII
FULLWIDTH = "".join(chr(ord(c) + 0xFEE0) for c in "MESA-OPTIMIZATION")


def item(soup: BeautifulSoup, label: str) -> Tag:
    """The list item that starts with ``label:``."""
    found = [li for li in soup.find_all("li") if li.get_text().startswith(f"{label}:")]
    assert len(found) == 1, f"{label!r}: {len(found)} items"
    return found[0]


def reference(soup: BeautifulSoup, label: str) -> Tag:
    """The one link, abbreviation or leftover text of the reference in item ``label``."""
    li = item(soup, label)
    found = li.find_all(["a", "abbr"]) or li.find_all("span", class_="termref")
    assert len(found) == 1, li
    return found[0]


@pytest.fixture
def built(app):
    app.build()
    return app


@refs_root
@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("by-id", "mesa-optimization"),
        ("by-name", "Mesa-Optimization"),
        ("by-upper", "MESA-OPTIMIZATION"),
        ("by-spaces", "mesa   optimization"),
        ("by-underscore", "Mesa_Optimization"),
        ("by-alias", "inner optimization"),
        ("by-alias-hyphen", "Learned-Optimizer"),
        ("by-hidden-alias", "Mesa Optimisation"),
        ("by-fullwidth", FULLWIDTH),
        ("by-newline", "inner\noptimization"),
        ("by-title", "the inner thing"),
        ("by-domain-role", "mesa-optimization"),
    ],
)
def test_spellings_resolve_to_the_card(built, label: str, shown: str) -> None:
    link = reference(html(built), label)
    assert link.name == "a"
    assert "termref" in link["class"]
    assert "termref--mesa-optimization" in link["class"]
    assert link["href"] == "#termref-mesa-optimization"
    # The tooltip is the term stylesheet's, by the class: not on the page.
    assert "title" not in link.attrs
    assert term_stylesheet(built.outdir).tip("mesa-optimization") == MESA_TITLE
    # the text is kept as the author wrote it
    assert link.get_text() == shown


@refs_root
@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("by-curly-apostrophe", "Bayes\u2019 theorem"),  # the name has a straight one
        ("by-straight-apostrophe", "bayes\u2019 rule"),  # the alias a curly one
        ("by-double-quotes", "the “Bayes” rule"),  # smart quotes educate the text
    ],
)
def test_straight_and_curly_quotes_match_alike(built, label: str, shown: str) -> None:
    link = reference(html(built), label)
    assert link.name == "a"
    assert link["href"] == "other.html#termref-bayes-theorem"
    assert link.get_text() == shown


@refs_root
def test_link_target_exists_on_the_page(built) -> None:
    soup = html(built)
    target = soup.find(id="termref-mesa-optimization")
    assert target is not None and "termref-card" in target["class"]


@refs_root
def test_title_without_summary_is_the_name(built) -> None:
    link = reference(html(built), "no-summary")
    assert link["href"] == "#termref-no-summary"
    assert "title" not in link.attrs
    assert term_stylesheet(built.outdir).terms["no-summary"] == {
        "tip": "No Summary",
        "name": "No Summary",
    }


@refs_root
def test_reference_to_a_card_on_another_page(built) -> None:
    soup = html(built)
    for label, shown in (("cross-doc", "specification gaming"), ("cross-doc-title", "hacking")):
        link = reference(soup, label)
        assert link["href"] == "other.html#termref-reward-hacking"
        assert link.get_text() == shown
        assert "title" not in link.attrs
    # the summary's own markup (a :termref: role) is flattened in the tooltip
    assert term_stylesheet(built.outdir).tip("reward-hacking") == (
        "Reward Hacking: Gaming the reward, see mesa-optimization."
    )
    back = reference(html(built, "other"), "back")
    assert back["href"] == "index.html#termref-mesa-optimization"
    assert html(built, "other").find(id="termref-reward-hacking") is not None


@refs_root
def test_summary_role_resolves_inside_the_card(built) -> None:
    other = html(built, "other")
    summary = other.find(id="termref-reward-hacking").find(class_="termref-card__summary")
    link = summary.find("a", class_="termref")
    assert link["href"] == "index.html#termref-mesa-optimization"


@refs_root
def test_unknown_reference_warns_with_suggestion_and_location(built) -> None:
    index = built.srcdir / "index.rst"
    unknown = [w for w in warnings_typed(built, "termref.unknown") if "term-card" not in w.message]
    assert len(unknown) == 2
    suggest, plain = sorted(unknown, key=lambda w: w.message)
    assert suggest.message.startswith(
        "unknown term 'mesa optimizaton': it is not in the term database; "
        "did you mean 'mesa-optimization'?"
    )
    assert suggest.location == f"{index}:{line_of(index, 'unknown-suggest')}"
    assert plain.message.startswith("unknown term 'xyzzy plugh': it is not in the term database")
    assert "did you mean" not in plain.message
    assert plain.location == f"{index}:{line_of(index, 'unknown-plain')}"


@refs_root
def test_unknown_reference_keeps_its_text(built) -> None:
    soup = html(built)
    for label, shown in (
        ("unknown-suggest", "mesa optimizaton"),
        ("unknown-plain", "xyzzy plugh"),
    ):
        li = item(soup, label)
        assert li.find("a") is None
        kept = reference(soup, label)
        assert kept.name == "span"
        assert kept.get_text() == shown


@refs_root
def test_unknown_card_warns_and_keeps_the_text(built) -> None:
    index = built.srcdir / "index.rst"
    warnings = [w for w in warnings_typed(built, "termref.unknown") if "term-card" in w.message]
    assert len(warnings) == 1
    assert warnings[0].location == f"{index}:{line_of(index, '.. term-card:: reward hackng')}"
    assert warnings[0].message.startswith(
        "term-card for unknown term 'reward hackng': it is not in the term database; "
        "did you mean 'reward-hacking'?"
    )
    kept = html(built).find("p", class_="termref--unknown")
    assert kept.get_text() == "reward hackng"
    assert "termref-card" in kept["class"]


@refs_root
def test_term_without_card_is_an_abbreviation_and_warns(built) -> None:
    abbr = reference(html(built), "no-card")
    assert abbr.name == "abbr"
    assert set(abbr["class"]) >= {"termref", "termref--no-card"}
    assert abbr["title"] == "Orphan Term: A term that no page shows."
    # The stylesheet holds the terms that pages show, and no other.
    assert "orphan-term" not in term_stylesheet(built.outdir).terms
    assert abbr.get_text() == "orphan-term"
    index = built.srcdir / "index.rst"
    (warning,) = warnings_typed(built, "termref.no_card")
    assert warning.location == f"{index}:{line_of(index, 'no-card:')}"
    assert "'orphan-term' is in the database but no page shows it" in warning.message


@refs_root
def test_only_the_expected_warnings(built) -> None:
    kinds = sorted(w.type for w in termref_warnings(built))
    assert kinds == ["termref.no_card", "termref.unknown", "termref.unknown", "termref.unknown"]


@pytest.mark.sphinx(
    "html", testroot="refs", confoverrides={"suppress_warnings": ["termref.unknown"]}
)
def test_suppress_warnings_silences_unknown(built) -> None:
    assert warnings_typed(built, "termref.unknown") == []
    # other kinds are still reported
    assert len(warnings_typed(built, "termref.no_card")) == 1
    # and the text is still kept
    assert reference(html(built), "unknown-plain").get_text() == "xyzzy plugh"


@pytest.mark.sphinx(
    "html", testroot="refs", confoverrides={"nitpick_ignore": [("termref:term", "xyzzy plugh")]}
)
def test_nitpick_ignore_silences_one_target(built) -> None:
    messages = [w.message for w in warnings_typed(built, "termref.unknown")]
    assert not any("xyzzy plugh" in m for m in messages)
    assert any("'mesa optimizaton'" in m for m in messages)


@pytest.mark.sphinx(
    "html",
    testroot="refs",
    confoverrides={"nitpick_ignore_regex": [(r"termref:.*", r"xyzzy\s+\w+")]},
)
def test_nitpick_ignore_regex_silences_matching_targets(built) -> None:
    messages = [w.message for w in warnings_typed(built, "termref.unknown")]
    assert not any("xyzzy plugh" in m for m in messages)
    assert any("'mesa optimizaton'" in m for m in messages)
    assert reference(html(built), "unknown-plain").get_text() == "xyzzy plugh"


@pytest.mark.sphinx(
    "html",
    testroot="refs",
    confoverrides={"nitpick_ignore_regex": [(r"termref:term", r"xyzzy")]},
)
def test_nitpick_ignore_regex_must_match_the_whole_target(built) -> None:
    messages = [w.message for w in warnings_typed(built, "termref.unknown")]
    assert any("xyzzy plugh" in m for m in messages)


@pytest.mark.sphinx(
    "html",
    testroot="refs",
    confoverrides={"nitpicky": True, "nitpick_ignore": [("termref:term", "mesa optimizaton")]},
)
def test_nitpicky_build_reports_unknown_terms_once(built) -> None:
    messages = [w.message for w in warnings_typed(built, "termref.unknown")]
    assert not any("mesa optimizaton" in m for m in messages)
    # one warning for the role, one for the card; no extra Sphinx "reference target not found"
    assert len([m for m in messages if "xyzzy plugh" in m]) == 1
    assert not any("xyzzy" in w.message for w in termref_warnings(built) if w.type == "")


def test_unknown_card_warning_without_suggestion_is_punctuated(make_build, copied_root) -> None:
    """With no suggestion the two sentences of the message must still be separated."""
    srcdir = copied_root("refs")
    (srcdir / "index.rst").write_text("Page\n====\n\n.. term-card:: qqqqzzzz\n", encoding="utf-8")
    app = make_build(srcdir)
    (warning,) = warnings_typed(app, "termref.unknown")
    assert warning.message.startswith(
        "term-card for unknown term 'qqqqzzzz': it is not in the term database"
    )
    assert "did you mean" not in warning.message
    # observed: "... not in the term database Add it to the database ..." (no punctuation)
    assert re.search(r"term database[.;:] Add it to the database", warning.message), warning
    assert html(app).find("p", class_="termref--unknown").get_text() == "qqqqzzzz"


@refs_root
def test_tooltip_and_name_are_escaped(built) -> None:
    link = reference(html(built), "quoting")
    assert link["href"] == "other.html#termref-quoting"
    # with the card's typography: smart quotes are on
    tip = term_stylesheet(built.outdir).tip("quoting")
    assert tip == "Quoting & <Escaping>: Uses \u201cquotes\u201d & <angle> brackets."
    quoting = html(built, "other").find(id="termref-quoting")
    assert quoting.find("dfn").get_text() == "Quoting & <Escaping>"
    assert quoting.find("dfn").find_all() == []  # text, not markup
    summary = quoting.select_one(".termref-card__summary").get_text().strip()
    assert tip == f"Quoting & <Escaping>: {summary}"


@refs_root
@pytest.mark.parametrize("page", ["index", "other"])
def test_every_id_on_a_page_is_unique(built, page: str) -> None:
    soup = html(built, page)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert sorted(ids) == sorted(set(ids))
    # and every in-page link has its target
    for a in soup.select('a[href^="#"]'):
        if a["href"] != "#":
            assert soup.find(id=a["href"][1:]) is not None, a["href"]


_TRANSFORM_CONF = '''
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform


class AddTermReference(SphinxTransform):
    """Another extension's reference to a term, made without the role."""

    default_priority = 500

    def apply(self):
        if self.env.docname == "made":
            xref = addnodes.pending_xref(
                "", nodes.inline("made", "made"), refdomain="termref", reftype="term",
                reftarget="inner optimization", refexplicit=True, refwarn=True,
            )
            self.document.next_node(nodes.paragraph).append(xref)


def setup(app):
    app.add_transform(AddTermReference)
'''


def test_references_are_collected_from_the_doctree(make_build, copied_root) -> None:
    """A reference another extension puts into the doctree counts like the role's:
    the domain reads the page's references from the doctree, not from the role."""
    srcdir = copied_root("refs")
    (srcdir / "made.rst").write_text(":orphan:\n\nMade\n====\n\nText.\n", encoding="utf-8")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(_TRANSFORM_CONF)
    app = make_build(srcdir)
    card = html(app).find(id="termref-mesa-optimization")
    referrers = [a.get_text() for a in card.select("ul.termref-backlinks a")]
    assert "Made" in referrers, referrers
    link = BeautifulSoup((app.outdir / "made.html").read_text(encoding="utf-8"), "html.parser")
    assert link.find("a", href="index.html#termref-mesa-optimization") is not None

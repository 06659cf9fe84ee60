"""Tooltips, previews and ``sphinx-termref show`` say what the card says.

The tooltip and the preview's texts are the term stylesheet's; ``preview_text``
puts them together as ``termref.js`` does.

Roles read as the card renders them (``:pep:`427``` is "PEP 427", a titled
``:ref:`` its title), and the tooltip and the preview have the card's typography
whatever ``smartquotes`` and ``smartquotes_action`` say.
"""

from __future__ import annotations

import pytest
from bs4 import Tag
from helpers import ROOTS, html, project, run_cli, warnings_of
from term_stylesheet import term_stylesheet

from sphinx_termref.termdb.plain_text import plain_text, tokens

ROOT = ROOTS / "test-typography"


def folded(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


class Shown:
    """What the pages show of the term ``bayes``: on its card and on a link to it."""

    def __init__(self, app) -> None:
        app.build()
        assert warnings_of(app) == []
        card = html(app, "glossary").find(id="termref-bayes")
        usage = html(app, "usage")
        assert "title" not in usage.select_one("a.termref--bayes").attrs
        self.styles = term_stylesheet(app.outdir).terms["bayes"]
        self.title = self.styles["tip"]
        self.card_name = folded(card.find("dfn"))
        self.card_category = folded(card.select_one(".termref-card__category"))
        self.card_summary = folded(card.select_one(".termref-card__summary"))
        self.card_aliases = [folded(li) for li in card.select("ul.termref-aliases li")]

    def preview_part(self, part: str) -> str:
        return preview_text(self.styles, part)


def preview_text(styles: dict[str, str], part: str) -> str:
    """A line of the preview that termref.js makes of a term's properties."""
    if part == "aliases":
        text = "Also: " + ", ".join(styles["aliases"].split("\n"))
    elif part == "name" and "abbreviation" in styles:
        text = f"{styles['name']} ({styles['abbreviation']})"
    else:
        text = styles[part]
    return " ".join(text.split())


@pytest.fixture
def shown(app) -> Shown:
    return Shown(app)


def assert_same_as_the_card(shown: Shown) -> None:
    assert shown.title == f"{shown.card_name}: {shown.card_summary}"
    assert shown.preview_part("name") == shown.card_name
    assert shown.preview_part("category") == shown.card_category
    assert shown.preview_part("summary") == shown.card_summary
    assert shown.preview_part("aliases") == "Also: " + ", ".join(shown.card_aliases)


ROLES_AS_ON_THE_CARD = [
    "PEP 427",
    "RFC 2616",
    "the format",  # :ref: with a title: the title, never the label
    "Binary format",  # :ref: without one: the section's title
    "Using the rule",  # :doc: without one: the page's title
    "the site",
]


@pytest.mark.sphinx("html", testroot="typography")
def test_smart_quotes_on(shown: Shown) -> None:
    assert_same_as_the_card(shown)
    title = shown.title
    assert title.startswith(
        "Bayes\u2019 \u201crule\u201d: It\u2019s how evidence updates a belief\u2026"
    )
    for phrase in [*ROLES_AS_ON_THE_CARD, "the \u201centry\u201d", "the \u2018law\u2019"]:
        assert phrase in title
    # code stays as written, as on the card
    assert "don't -- \"quote\" and it's." in title
    assert "binary-format" not in title and ":pep:" not in title
    assert shown.preview_part("category") == "Reasoning \u2013 the \u2018basics\u2019"
    assert shown.card_aliases == ["\u2018Inverse\u2019 probability", "Bayes\u2019 law"]


@pytest.mark.sphinx("html", testroot="typography", confoverrides={"smartquotes": False})
def test_smart_quotes_off(shown: Shown) -> None:
    assert_same_as_the_card(shown)
    title = shown.title
    assert title.startswith("Bayes' \"rule\": It's how evidence updates a belief...")
    for phrase in [*ROLES_AS_ON_THE_CARD, 'the "entry"', "the 'law'"]:
        assert phrase in title
    assert shown.preview_part("category") == "Reasoning -- the 'basics'"


@pytest.mark.sphinx("html", testroot="typography", confoverrides={"smartquotes_action": "q"})
def test_smart_quotes_action(shown: Shown) -> None:
    assert_same_as_the_card(shown)
    assert "belief... see" in shown.title  # quotes only: no ellipsis
    assert shown.preview_part("category") == "Reasoning -- the \u2018basics\u2019"


@pytest.mark.sphinx(
    "html",
    testroot="typography",
    confoverrides={"smartquotes_excludes": {"builders": ["html"], "languages": []}},
)
def test_smart_quotes_excluded_for_the_builder(shown: Shown) -> None:
    assert_same_as_the_card(shown)
    assert shown.card_name == 'Bayes\' "rule"'


@pytest.mark.sphinx("html", testroot="typography", confoverrides={"language": "de"})
def test_smart_quotes_of_the_language(shown: Shown) -> None:
    assert_same_as_the_card(shown)
    assert shown.card_name.endswith(" \u201erule\u201c")


def test_show_renders_roles_as_the_card(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(
        capsys, "show", "bayes", "--database", str(ROOT / "terms.yaml"), "--width", "1000"
    )
    assert status == 0
    summary = out.splitlines()[3]
    assert summary.startswith("It's how evidence updates a belief... see PEP 427, RFC 2616,")
    assert "the format," in summary
    assert "<binary-format>" not in summary and "the format <" not in summary
    assert 'the "entry"' in summary and "the 'law'" in summary
    assert "don't -- \"quote\" and it's." in summary


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (":pep:`427` and :pep:`the wheel format <427>`", "PEP 427 and the wheel format"),
        (":rfc:`2616#section-1`", "RFC 2616#section-1"),
        (":ref:`the format <binary-format>`", "the format"),
        (":term:`x <y>` and :term:`z`", "x and z"),
        (":termref:`the law <goodhart>`", "the law"),
        (":py:func:`~os.path.join`, :func:`len`, :meth:`a.b()`", "join(), len(), a.b()"),
        (":class:`~a.B` and :py:class:`!C`", "B and C"),
        (":abbr:`LIFO (last-in, first-out)`", "LIFO"),
        (":guilabel:`&Cancel` and :guilabel:`A&&B`", "Cancel and A&B"),
        (":menuselection:`Start --> Programs`", "Start \u2023 Programs"),
        (":file:`/usr/{lib}/x` and :samp:`print({x})`", "/usr/lib/x and print(x)"),
        (":kbd:`Ctrl+C` and :math:`a^2`", "Ctrl+C and a^2"),
        ("`the site <https://example.org/>`_ and `<https://example.org/>`__", "the site and https://example.org/"),
        ("a link_ and `a phrase`_, but snake_case", "a link and a phrase, but snake_case"),
        ("*emphasis*, **strong** and ``literal``", "emphasis, strong and literal"),
        (r"escaped \*stars\* and a back\\slash", r"escaped *stars* and a back\slash"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        # what the card refuses, it shows as written
        (":raw-html:`<b>x</b>`", ":raw-html:`<b>x</b>`"),
    ],
)  # fmt: skip
def test_plain_text_of_roles(text: str, shown: str) -> None:
    assert plain_text(text) == shown


def test_code_is_a_literal_token() -> None:
    assert tokens("It's ``don't`` and :code:`x'y`, :py:func:`f`, :ref:`r`") == [
        ("plain", "It's "),
        ("literal", "don't"),
        ("plain", " and "),
        ("literal", "x'y"),
        ("plain", ", "),
        ("literal", "f()"),
        ("plain", ", "),
        ("plain", "r"),
    ]


def test_backslashes_of_plain_fields_survive_smart_quotes(tmp_path) -> None:
    """A name's backslashes are characters, not escapes: the card, the term index,
    the tooltip and the preview show each of them. A summary's are reStructuredText."""
    database = r"""terms:
  - id: path
    name: 'C:\\Temp \"x\"'
    aliases: ['two \\ back']
    category: 'A\\B'
    summary: 'One \\ here.'
"""
    page = "Page\n====\n\n.. term-card:: path\n\n.. term-index::\n\nSee :termref:`path`.\n"
    built = project(tmp_path, database, page)
    assert built.warnings == []
    soup = built.soup("index")
    name = "C:\\\\Temp \\\u201dx\\\u201d"  # the quotes educated, every backslash kept
    card = soup.find(id="termref-path")
    assert folded(card.find("dfn")) == name
    assert [folded(li) for li in card.select("ul.termref-aliases li")] == ["two \\\\ back"]
    assert folded(card.select_one(".termref-card__category")) == "A\\\\B"
    assert folded(card.select_one(".termref-card__summary")) == "One \\ here."
    assert [folded(dt) for dt in soup.select(".termref-index dt")] == [name]
    styles = term_stylesheet(built.outdir).terms["path"]
    assert styles["tip"] == f"{name}: One \\ here."
    assert preview_text(styles, "name") == name
    assert preview_text(styles, "aliases") == "Also: two \\\\ back"

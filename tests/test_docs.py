"""The documentation site in ``docs/``: it builds without a warning, it uses the
extension for its own vocabulary, and its reference tables list exactly what the
code has, so the documented settings, warning subtypes, options, fields and commands
cannot drift from the code's tables.

The site is built once for the whole module, into a temporary directory.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import strip_ansi
from sphinx.testing.util import SphinxTestApp

DOCS = Path(__file__).parent.parent / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The HTML directory of a fresh build of ``docs/``, and the build's warnings."""
    builddir = tmp_path_factory.mktemp("docs") / "_build"
    app = SphinxTestApp("html", srcdir=DOCS, builddir=builddir)
    try:
        app.build()
        return Path(app.outdir), strip_ansi(app.warning.getvalue())
    finally:
        app.cleanup()


def page(site: tuple[Path, str], name: str) -> BeautifulSoup:
    return BeautifulSoup((site[0] / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def first_column(soup: BeautifulSoup | Tag, header: str) -> list[str]:
    """The first column of the one table in ``soup`` whose first header cell is
    ``header``."""
    tables = [
        table
        for table in soup.find_all("table")
        if (cell := table.find("th")) is not None and cell.get_text(strip=True) == header
    ]
    assert len(tables) == 1, f"{len(tables)} tables headed {header!r}"
    rows = tables[0].find("tbody").find_all("tr", recursive=False)
    return [row.find("td").get_text().strip() for row in rows]


def section(soup: BeautifulSoup, section_id: str) -> Tag:
    found = soup.find("section", id=section_id)
    assert found is not None, section_id
    return found


# -- the build ---------------------------------------------------------------------------


def test_the_site_builds_without_a_warning(site: tuple[Path, str]) -> None:
    # What scripts/build-site.sh checks with -W, so that this suite catches it too.
    assert site[1] == ""


def test_the_glossary_shows_a_card_for_every_term_of_the_site(site: tuple[Path, str]) -> None:
    terms = yaml.safe_load((DOCS / "terms.yaml").read_text(encoding="utf-8"))["terms"]
    glossary = page(site, "glossary")
    cards = glossary.select("section.termref-card")
    assert [card["id"] for card in cards] == sorted(
        (f"termref-{term['id']}" for term in terms),
        key=lambda anchor: next(t["name"] for t in terms if f"termref-{t['id']}" == anchor),
    )
    # A full card: its name as a heading, and the summary under it.
    card = glossary.find(id="termref-canonical-card")
    assert card.find(class_="termref-card__name").find("dfn").get_text() == "Canonical card"
    assert "first card without" in card.find(class_="termref-card__summary").get_text()


def test_the_pages_link_their_vocabulary_to_the_glossary(site: tuple[Path, str]) -> None:
    index = page(site, "index")
    links = {a.get_text(): a["href"] for a in index.select("a.termref")}
    assert links["term database"] == "glossary.html#termref-term-database"
    assert links["aliases"] == "glossary.html#termref-alias"
    # Every term link of every page lands on a card that the glossary has.
    glossary = page(site, "glossary")
    for html in sorted(site[0].glob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a.termref"):
            target, _, anchor = link["href"].partition("#")
            assert target in ("glossary.html", ""), (html.name, link["href"])
            assert glossary.find(id=anchor) is not None, (html.name, link["href"])


# -- the reference tables against the code's tables ---------------------------------------


def test_the_configuration_page_lists_every_setting(site: tuple[Path, str]) -> None:
    from sphinx_termref.sphinx_ext.config import SETTINGS

    listed = first_column(page(site, "configuration"), "setting")
    assert sorted(listed) == sorted(SETTINGS)


def test_the_warnings_page_lists_every_warning_subtype(site: tuple[Path, str]) -> None:
    from sphinx_termref.warnings import Subtype

    listed = first_column(page(site, "warnings"), "subtype")
    assert sorted(listed) == sorted(f"termref.{subtype.value}" for subtype in Subtype)


def test_the_warnings_page_gives_each_subtype_its_severity(site: tuple[Path, str]) -> None:
    from sphinx_termref.warnings import Problem, Subtype

    table = next(
        t for t in page(site, "warnings").find_all("table") if t.th.get_text() == "subtype"
    )
    listed = {
        cells[0].get_text().strip(): cells[1].get_text().strip()
        for row in table.find("tbody").find_all("tr", recursive=False)
        if (cells := row.find_all("td"))
    }
    assert listed == {
        f"termref.{subtype.value}": Problem(subtype, "", 0, 0, "").severity for subtype in Subtype
    }


def test_the_directives_page_lists_every_directive_option(site: tuple[Path, str]) -> None:
    from sphinx_termref.sphinx_ext.directives import TermCardDirective, TermIndexDirective
    from sphinx_termref.sphinx_ext.graph_directive import TermGraphDirective
    from sphinx_termref.sphinx_ext.usage_table import TermUsageDirective

    directives = page(site, "directives")
    for section_id, directive in (
        ("term-card", TermCardDirective),
        ("term-index", TermIndexDirective),
        ("term-graph", TermGraphDirective),
        ("term-usage", TermUsageDirective),
    ):
        listed = [
            name.strip(":") for name in first_column(section(directives, section_id), "option")
        ]
        assert sorted(listed) == sorted(directive.option_spec), section_id


def test_the_directives_page_names_every_card_section(site: tuple[Path, str]) -> None:
    from sphinx_termref.termdb.schema import SECTIONS

    sections_option = section(page(site, "directives"), "term-card").find("table").find("tbody")
    row = next(tr for tr in sections_option.find_all("tr") if tr.td.get_text() == ":sections:")
    named = {word for code in row.find_all("code") for word in code.get_text().split()}
    assert set(SECTIONS) <= named


def test_the_database_page_lists_every_field(site: tuple[Path, str]) -> None:
    from sphinx_termref.termdb.schema import ORGANIZATION_FIELDS, READ_MORE_FIELDS, TERM_FIELDS

    database = page(site, "database")
    fields = first_column(database, "field")
    assert sorted(fields) == sorted(TERM_FIELDS)
    # The fields of a read-more link and of an organization, in their rows.
    rows = {tr.td.get_text(): tr.get_text(" ") for tr in database.find("tbody").find_all("tr")}
    for field in READ_MORE_FIELDS:
        assert field in rows["read_more"], field
    for field in ORGANIZATION_FIELDS:
        assert field in rows["organizations"], field


def _commands() -> dict[str, argparse.ArgumentParser]:
    from sphinx_termref.cli import build_parser

    parser = build_parser()
    (commands,) = (
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    return dict(commands.choices)


def test_the_command_line_page_lists_every_command_and_option(site: tuple[Path, str]) -> None:
    from sphinx_termref.cli import build_parser

    cli = page(site, "cli")
    listed = [usage.split()[0] for usage in first_column(cli, "command")]
    commands = _commands()
    assert sorted(listed) == sorted(commands)
    # The options table: (option, command) for every option of every command, and
    # "(none)" for the options that come before the command.
    table = next(t for t in cli.find_all("table") if t.th.get_text(strip=True) == "option")
    documented = set()
    for row in table.tbody.find_all("tr"):
        options, used_by = row.find_all("td")[:2]
        names = [code.get_text() for code in used_by.find_all("code")] or [None]
        for option in options.find_all("code"):
            documented.update((option.get_text(), name) for name in names)
    expected = {
        (option, name)
        for name, parser in [(None, build_parser()), *commands.items()]
        for action in parser._actions
        for option in action.option_strings
        if option not in ("-h", "--help")
    }
    assert documented == expected


def test_the_block_markup_page_names_every_allowed_directive(site: tuple[Path, str]) -> None:
    from sphinx_termref.termdb.text_layout import ALLOWED_DIRECTIVES

    named = {code.get_text() for code in page(site, "block-markup").find_all("code")}
    for name in ALLOWED_DIRECTIVES:
        assert name in named, name


# -- the README, the front page -------------------------------------------------------


def test_the_readme_links_to_files_that_exist() -> None:
    # Relative links, so that they work on GitHub and in a checkout alike.
    readme = DOCS.parent / "README.md"
    targets = re.findall(r"\]\(([^)\s]+)\)", readme.read_text(encoding="utf-8"))
    local = [target for target in targets if not re.match(r"[a-z]+:|#", target)]
    assert "docs/configuration.md" in local
    for target in local:
        assert (DOCS.parent / target).is_file(), target
    # Every page of the site is linked from the front page.
    pages = {f"docs/{path.name}" for path in DOCS.glob("*.md")}
    assert pages <= set(local)

"""Nothing lost: every word of every card and every reference reaches the output of
every builder - also when the target is unknown, when the database could not load a
term, and when a term is removed (or broken) between two builds of one project.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import Built, build, dump_terms, project, squash, write_project

BUILDERS = ["html", "singlehtml", "text", "latex", "man", "texinfo", "xml"]
SUFFIXES = {".html", ".txt", ".tex", ".1", ".texi", ".xml"}

GOOD = {
    "id": "good",
    "name": "Goodname Zorblax",
    "category": "Categoryword Plimsoll",
    "summary": "Summaryword Quuxly with *emphasisword* and ``literalword``.",
    "technical_definition": "Techword Frobnic, see :termref:`Aliasword Snorkel`.",
    "background": "Backword Gromit.\n\nSecondparagraph Wimble.",
    "read_more": {"url": "https://example.org/readmore", "label": "Readmorelabel Wuzzle"},
    "aliases": ["Aliasword Snorkel"],
    "hidden_aliases": ["Hiddenword Sneaky"],
    "usage_note": "Usageword Blimp.",
    "organizations": [
        {
            "name": "Orgname Trundle",
            "url": "https://example.org/org",
            "description": "Orgdesc Fandango.",
        }
    ],
    "see_also": ["Goodname Zorblax", "Seealsounknown Dingle"],
}
# A term the database cannot load (its name is a mapping), next to the good one.
BROKEN_YAML = "  - id: broken\n    name: {first: Brokenname}\n    summary: Brokensummary Kazoo.\n"

INDEX = """\
Lost and found
==============

.. toctree::

   refs

.. term-card:: good

.. term-card:: Unknowncard Yodel

.. term-card:: broken
"""
REFS = """\
References
==========

By custom text :termref:`Reftext Gizmo <good>`, by alias :termref:`aliasword snorkel`,
to nothing :termref:`Unknownref Wocket`, to nothing with text
:termref:`Explicitunknown Fizz <no such thing>`, and to the broken term
:termref:`Brokenref Kazoo <broken>`.
"""

#: Every text that must be somewhere in each builder's output.
EXPECTED = [
    "Goodname Zorblax",
    "Categoryword Plimsoll",
    "Summaryword Quuxly",
    "emphasisword",
    "literalword",
    "Techword Frobnic",
    "Backword Gromit",
    "Secondparagraph Wimble",
    "Readmorelabel Wuzzle",
    "Aliasword Snorkel",
    "Usageword Blimp",
    "Orgname Trundle",
    "Orgdesc Fandango",
    "Seealsounknown Dingle",
    "Unknowncard Yodel",
    "Reftext Gizmo",
    "aliasword snorkel",
    "Unknownref Wocket",
    "Explicitunknown Fizz",
    "Brokenref Kazoo",
]


def output_text(built: Built) -> str:
    """All text of the builder's output files, whitespace folded, markup tags kept."""
    texts = [
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(built.outdir.rglob("*"))
        if path.is_file()
        and path.suffix in SUFFIXES
        and not path.name.startswith(("genindex", "search"))
    ]
    return squash(" ".join(texts))


@pytest.fixture(scope="module", params=BUILDERS)
def lost_and_found(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Built:
    database = dump_terms([GOOD]) + BROKEN_YAML
    built = project(
        tmp_path_factory.mktemp(f"lost-{request.param}"),
        database,
        {"index": INDEX, "refs": REFS},
        builder=request.param,
    )
    return built


def test_every_text_reaches_every_builder(lost_and_found: Built) -> None:
    text = output_text(lost_and_found)
    if lost_and_found.builder == "man":
        text = text.replace("\\-", "-").replace("\\(aq", "'")
    missing = [word for word in EXPECTED if word not in text and word.upper() not in text]
    assert missing == [], f"{lost_and_found.builder} lost {missing}"


def test_hidden_aliases_stay_hidden_in_every_builder(lost_and_found: Built) -> None:
    assert "Hiddenword" not in output_text(lost_and_found)


def test_every_problem_is_warned_in_every_builder(lost_and_found: Built) -> None:
    types = sorted(w.type for w in lost_and_found.termref())
    assert types.count("termref.schema") == 1  # the broken term's name
    unknown = [w.message for w in lost_and_found.typed("termref.unknown")]
    for spelling in (
        "Unknowncard Yodel",
        "broken",
        "Unknownref Wocket",
        "no such thing",
        "Seealsounknown Dingle",
    ):
        assert any(repr(spelling) in message for message in unknown), (spelling, unknown)


def test_unknown_references_keep_their_text_in_html(tmp_path: Path) -> None:
    built = project(tmp_path, dump_terms([GOOD]) + BROKEN_YAML, {"index": INDEX, "refs": REFS})
    soup = built.soup("refs")
    paragraph = soup.find("div", class_="body").find("p")
    links = {squash(a.get_text(" ")) for a in paragraph.find_all("a", class_="termref")}
    assert links == {"Reftext Gizmo", "aliasword snorkel"}
    spans = {squash(s.get_text(" ")) for s in paragraph.find_all("span", class_="termref")}
    assert {"Unknownref Wocket", "Explicitunknown Fizz", "Brokenref Kazoo"} <= spans


# -- incremental: the database changes between two builds ---------------------------------------

TWO_TERMS = [
    {"id": "keeper", "name": "Keeper Zorblax", "summary": "Keepersummary Quux."},
    {
        "id": "doomed",
        "name": "Doomed Flibber",
        "summary": "Doomedsummary Wibble.",
        "aliases": ["Doomalias Grommet"],
    },
]
INC_INDEX = """\
Index
=====

.. toctree::

   other

.. term-card:: keeper

.. term-card:: doomed

.. term-index::
"""
INC_OTHER = """\
Other
=====

Refers to :termref:`the doomed one <doomed flibber>`, :termref:`Doomalias Grommet`
and :termref:`keeper`.
"""


def _edit_database(srcdir: Path, terms: list[dict[str, object]] | str) -> None:
    text = terms if isinstance(terms, str) else dump_terms(terms)
    (srcdir / "terms.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("builder", ["html", "text"])
@pytest.mark.parametrize("change", ["removed", "broken"])
def test_a_term_gone_between_builds_keeps_its_references_text(
    tmp_path: Path, builder: str, change: str
) -> None:
    srcdir = write_project(
        tmp_path / "src", dump_terms(TWO_TERMS), {"index": INC_INDEX, "other": INC_OTHER}
    )
    builddir = tmp_path / "_build"
    first = build(srcdir, builddir, builder)
    assert first.termref() == []

    if change == "removed":
        _edit_database(srcdir, TWO_TERMS[:1])
    else:  # still in the file, but no longer loadable: its name became a list
        _edit_database(
            srcdir, dump_terms(TWO_TERMS).replace("name: Doomed Flibber", "name: [Doomed Flibber]")
        )
    second = build(srcdir, builddir, builder)

    # The pages that show or refer to the term were read again and warn.
    unknown = second.typed("termref.unknown")
    assert sorted(Path(w.location.rsplit(":", 1)[0]).name for w in unknown) == [
        "index.rst",
        "other.rst",
        "other.rst",
    ], unknown
    assert {w.message.split(":")[0] for w in unknown} == {
        "term-card for unknown term 'doomed'",
        "unknown term 'doomed flibber'",
        "unknown term 'Doomalias Grommet'",
    }
    if builder == "html":
        other = second.soup("other")
        body = squash(other.find("div", class_="body").get_text(" "))
        assert "Refers to the doomed one , Doomalias Grommet and keeper ." in body
        hrefs = [a["href"] for a in other.select("div.body a.termref")]
        assert hrefs == ["index.html#termref-keeper"]  # no link into a card that is gone
        index = second.soup("index")
        assert index.find(id="termref-doomed") is None
        assert index.find("p", class_="termref--unknown").get_text() == "doomed"
        entries = [squash(dt.get_text(" ")) for dt in index.select("div.termref-index dt")]
        assert entries == ["Keeper Zorblax"]
    else:
        other = squash((second.outdir / "other.txt").read_text(encoding="utf-8"))
        # The text builder marks references up as *text*, resolved or not.
        assert "Refers to *the doomed one*, *Doomalias Grommet* and *keeper*." in other
        assert "Doomedsummary" not in squash((second.outdir / "index.txt").read_text())

    # And back again: the term returns, its links and card too, with no warning.
    _edit_database(srcdir, TWO_TERMS)
    third = build(srcdir, builddir, builder)
    assert third.termref() == []
    if builder == "html":
        hrefs = [a["href"] for a in third.soup("other").select("div.body a.termref")]
        assert hrefs == ["index.html#termref-doomed"] * 2 + ["index.html#termref-keeper"]
        assert third.soup("index").find(id="termref-doomed") is not None


def test_rebuild_without_changes_reads_nothing_and_warns_again(tmp_path: Path) -> None:
    """Database problems are reported on every build, not only the first one."""
    database = dump_terms(TWO_TERMS) + BROKEN_YAML
    srcdir = write_project(tmp_path / "src", database, {"index": INC_INDEX, "other": INC_OTHER})
    first = build(srcdir, tmp_path / "_build")
    second = build(srcdir, tmp_path / "_build")
    assert re.search(r"0 added, 0 changed, 0 removed", second.status)
    assert (
        [w.message for w in second.typed("termref.schema")]
        == [w.message for w in first.typed("termref.schema")]
        != []
    )


def test_see_also_of_a_name_starting_with_a_bang(tmp_path: Path) -> None:
    """Guards against this: SEE ALSO links are made by writing ``:termref:`Name <target>``` and
    parsing it; Sphinx's roles treat a text that starts with "!" as "no link", so a term named e.g.
    "!Kung" (or "!important") is shown in every SEE ALSO list as the garbled, unlinked text "Kung
    <kung>", whatever spelling see_also uses. Expected: the name "!Kung", linked to its card (the
    term index already does it).
    """
    database = dump_terms(
        [
            {"id": "kung", "name": "!Kung", "summary": "A language."},
            {"id": "related", "name": "Related", "see_also": ["kung", "!Kung"]},
        ]
    )
    page = "Bang\n====\n\n.. term-card:: kung\n\n.. term-card:: related\n\n.. term-index::\n"
    built = project(tmp_path, database, page)
    soup = built.soup()
    entry = soup.select_one("div.termref-index dt")
    assert entry.get_text() == "!Kung" and entry.find("a") is not None
    items = soup.find(id="termref-related").select("ul.termref-see-also > li")
    assert [item.get_text() for item in items] == ["!Kung", "!Kung"]
    assert all(item.find("a", href="#termref-kung") is not None for item in items)

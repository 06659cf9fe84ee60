"""``sphinx-termref import-glossary``: a Sphinx glossary becomes a database that
validates, and a project converted to it resolves the same references."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import assert_no_crash, html, warnings_of
from conftest import run_cli as run

OLD_GLOSSARY = """\
Glossary
========

Terms of the build.

.. glossary::
   :sorted:

   environment
   env : Sphinx internals
      A structure where information about all documents under the root is
      saved, and used for cross-referencing. See :term:`builder`.

      A *second* paragraph with ``code``, `a link <https://example.org>`_ and
      :term:`the source <source directory>`.

   builder
      A class that takes parsed documents and performs an action on them.

      * a list item
      * another :term:`env`

   ``source directory``
      The directory which contains all source files.

   Café
      Somewhere to read the docs.
"""
GLOSSARY = (
    OLD_GLOSSARY
    + """
.. glossary::

   C++
      A language.

   C#
      Another language.

   c
      The letter.

   Builder
      A duplicate of an earlier term.
"""
)


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.rst"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def imported(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> dict[str, dict]:  # type: ignore[type-arg]
    status, out, err = run(capsys, "import-glossary", str(path), *options)
    assert status == 0, err
    data = yaml.safe_load(out)
    return {term["id"]: term for term in data["terms"]}


def test_entries_become_terms(capsys: pytest.CaptureFixture[str], glossary: Path) -> None:
    terms = imported(capsys, glossary)
    ids = ["environment", "builder", "source-directory", "cafe", "c-2", "c-3", "c"]
    assert list(terms) == ids
    environment = terms["environment"]
    assert environment["name"] == "environment"
    assert environment["aliases"] == ["env"]
    assert environment["category"] == "Sphinx internals"
    # The first paragraph is the summary, the rest the technical definition; the source
    # text is kept (line breaks and inline markup), :term: becomes :termref:.
    assert environment["summary"] == (
        "A structure where information about all documents under the root is\n"
        "saved, and used for cross-referencing. See :termref:`builder`."
    )
    assert environment["technical_definition"] == (
        "A *second* paragraph with ``code``, `a link <https://example.org>`_ and\n"
        ":termref:`the source <source directory>`."
    )
    assert terms["source-directory"]["name"] == "source directory"  # markup removed
    assert terms["cafe"]["name"] == "Café"
    # "c" is the id of the term named "c"; C++ and C# slugify to it too.
    assert [terms[i]["name"] for i in ("c-2", "c-3", "c")] == ["C++", "C#", "c"]
    assert "Builder" not in [term["name"] for term in terms.values() if term["id"] != "builder"]


def test_block_markup_is_kept_as_paragraphs(
    capsys: pytest.CaptureFixture[str], glossary: Path
) -> None:
    status, out, err = run(capsys, "import-glossary", str(glossary))
    assert status == 0
    builder = next(t for t in yaml.safe_load(out)["terms"] if t["id"] == "builder")
    assert builder["technical_definition"] == "- a list item\n\n- another :termref:`env`"
    assert f"note: {glossary}:17: in the definition of 'builder', a bullet_list's items" in err
    assert "term 'Builder' was skipped: it matches 'builder'" in err


def test_definition_placement(capsys: pytest.CaptureFixture[str], glossary: Path) -> None:
    whole = imported(capsys, glossary, "--definition", "summary")["environment"]
    assert "technical_definition" not in whole
    assert whole["summary"].count("\n\n") == 1
    technical = imported(capsys, glossary, "--definition", "technical-definition")
    assert "summary" not in technical["environment"]
    assert technical["environment"]["technical_definition"] == whole["summary"]


def test_output_validates(
    capsys: pytest.CaptureFixture[str], glossary: Path, tmp_path: Path
) -> None:
    output = tmp_path / "terms.yaml"
    status, out, _ = run(capsys, "import-glossary", str(glossary), "-o", str(output))
    assert (status, out) == (0, "")
    assert output.read_text(encoding="utf-8").startswith(
        "# Converted from glossary.rst by 'sphinx-termref import-glossary'.\nterms:\n"
    )
    assert run(capsys, "validate", str(output))[0] == 0
    # An existing output is not overwritten without --force.
    status, _, err = run(capsys, "import-glossary", str(glossary), "-o", str(output))
    assert status == 1
    assert "exists already; use --force" in err
    assert run(capsys, "import-glossary", str(glossary), "-o", str(output), "--force")[0] == 0


def test_no_glossary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "page.rst"
    path.write_text("Title\n=====\n\nText.\n", encoding="utf-8")
    status, out, err = run(capsys, "import-glossary", str(path))
    assert (status, out) == (1, "")
    assert f"{path} holds no '.. glossary::' directive" in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "import-glossary", "no-such.rst")
    assert status == 2
    assert "error: file 'no-such.rst' does not exist" in err


# --- a whole project, before and after ------------------------------------------

PAGES = {
    "index.rst": """\
        Project
        =======

        .. toctree::

           usage
           glossary
        """,
    "usage.rst": """\
        Usage
        =====

        The :term:`environment` is saved; the :term:`env` too. Each :term:`Builder`
        reads the :term:`source directory`, as :term:`builders <builder>` do. A
        :term:`café <Café>` is optional.
        """,
}


def _write(srcdir: Path, pages: dict[str, str], conf: str) -> None:
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    for name, text in pages.items():
        (srcdir / name).write_text(textwrap.dedent(text), encoding="utf-8")


def _links(app, target_of) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(link text, name of the term it goes to) for each term link on the usage page."""
    soup = html(app, "usage")
    result = []
    for link in soup.select("div.body a.reference.internal"):
        page, _, anchor = link["href"].partition("#")
        result.append((link.get_text(), target_of(page, anchor)))
    return result


def test_converted_project_resolves_the_same_references(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_build
) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "old"
    _write(old, {**PAGES, "glossary.rst": OLD_GLOSSARY}, "project = 'old'\n")
    before = make_build(old)
    assert_no_crash(before)
    assert warnings_of(before) == []
    old_names: dict[str, str] = {}  # the anchor of each glossary term -> its entry's first term
    group: list[str] = []
    for child in html(before, "glossary").select_one("dl.glossary").find_all(["dt", "dd"]):
        if child.name == "dt":
            group.append(child)
            continue
        for term in group:
            old_names[term["id"]] = group[0].get_text().replace("¶", "").strip()
        group = []
    old_links = _links(before, lambda page, anchor: old_names[anchor])

    # Convert: the database from the glossary, the glossary page a term index, :term:
    # references written as :termref:.
    new = tmp_path / "new"
    conf = "project = 'new'\nextensions = ['sphinx_termref']\ntermref_databases = ['terms.yaml']\n"
    pages = {name: text.replace(":term:", ":termref:") for name, text in PAGES.items()}
    pages["glossary.rst"] = "Glossary\n========\n\n.. term-index::\n   :cards:\n"
    _write(new, pages, conf)
    status, _, err = run(
        capsys, "import-glossary", str(old / "glossary.rst"), "-o", str(new / "terms.yaml")
    )
    assert status == 0, err
    after = make_build(new)
    assert_no_crash(after)
    assert warnings_of(after) == []
    database = yaml.safe_load((new / "terms.yaml").read_text(encoding="utf-8"))
    new_names = {f"termref-{term['id']}": term["name"] for term in database["terms"]}
    new_links = _links(after, lambda page, anchor: new_names[anchor])

    assert new_links == old_links
    assert [name for _, name in old_links] == [
        "environment",
        "environment",
        "builder",
        "source directory",
        "builder",
        "Café",
    ]


def test_sphinx_warnings_about_the_glossary_are_passed_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "glossary.rst"
    path.write_text(
        ".. glossary::\n\n   alpha\n      Alpha.\n   beta\n      Beta.\n", encoding="utf-8"
    )
    status, out, err = run(capsys, "import-glossary", str(path))
    assert status == 0
    assert [term["name"] for term in yaml.safe_load(out)["terms"]] == ["alpha", "beta"]
    assert f"note: {path}:" in err
    assert "glossary term must be preceded by empty line" in err

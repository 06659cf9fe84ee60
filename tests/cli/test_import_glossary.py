"""``sphinx-termref import-glossary``: a Sphinx glossary becomes a database that
validates, and a project converted to it resolves the same references."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import html, line_of, warnings_of
from helpers import run_cli as run

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
    ids = ["environment", "builder", "source-directory", "cafe", "c-plus-plus", "c-hash", "c"]
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
    # "c" is the id of the term named "c"; C++ and C#, whose slug it is too, spell
    # their symbols out.
    assert [terms[i]["name"] for i in ("c-plus-plus", "c-hash", "c")] == ["C++", "C#", "c"]
    assert "Builder" not in [term["name"] for term in terms.values() if term["id"] != "builder"]


def test_a_list_is_kept_as_a_list(capsys: pytest.CaptureFixture[str], glossary: Path) -> None:
    status, out, err = run(capsys, "import-glossary", str(glossary))
    assert status == 0
    builder = next(t for t in yaml.safe_load(out)["terms"] if t["id"] == "builder")
    assert builder["technical_definition"] == "* a list item\n* another :termref:`env`"
    # The one note: nothing else needed changing.
    [note] = [line for line in err.splitlines() if line.startswith("note: ")]
    assert f"{glossary}:40: term 'Builder' was skipped: it matches 'builder'" in note


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
    status, out, err = run(capsys, "import-glossary", str(glossary), "-o", str(output))
    # The YAML in the file, the summary on standard output.
    assert (status, out) == (
        0,
        f"{glossary}: 8 entries -> 7 terms, 1 alias, 0 labels, 0 index entries; 1 note\n",
    )
    assert err.count("note: ") == 1
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


def test_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.rst"
    path.write_bytes(".. glossary::\n\n   caf\xe9\n      A place.\n".encode("latin-1"))
    status, out, err = run(capsys, "import-glossary", str(path))
    assert (status, out) == (1, "")
    assert f"{path} is not UTF-8 text (byte 22)" in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "import-glossary", "no-such.rst")
    assert status == 2
    assert "error: file 'no-such.rst' does not exist" in err


# --- what a real glossary holds -------------------------------------------------

# The constructs of a large real glossary: names without letters, quotes and
# ellipses, literal, doctest and code blocks, lists, notes, index entries and labels
# (some written at the end of the entry before, as a glossary makes one do).
RICH = """\
.. _page-label:

Rich glossary
=============

.. glossary::

   ``>>>``
      The default prompt.

   ``...``
      Can refer to:

      * The prompt of a continued line.

      * The :const:`Ellipsis` constant.

   __future__
      A pseudo-module.

      Try it::

         >>> import __future__
         >>> __future__.division
         _Feature(...)

   "quoted" name
   it's -- "also" quoted...
      Straight quotes, two hyphens and an ellipsis... stay as written.

   qualified name
      The name is the same as the object's name::

         >>> class C:
         ...     pass
         >>> C.__qualname__
         'C'

      A doctest block:

      >>> 1 + 1
      2

   contiguous
      .. index:: C-contiguous, Fortran contiguous

      A buffer is contiguous. See :term:`parameter`.

      .. note::

         A note about ``:term:`fake```, and :term:`parameter`.

      .. code-block:: python

         x = ":term:`not a role`"

   garbage collection
      Freeing memory.

      .. index:: single: generator

      .. _generator-label:

   generator
      A function which returns a generator.

   parameter
      A named entity.  There are kinds:

      * :dfn:`positional-or-keyword`: the default.

      .. _positional-only_parameter:

      * :dfn:`positional-only`: by position, as in::

           def func(posonly, /): ...

      .. index::
         pair: parameter; positional-only
         :name: posonly-index

      Parameters have kinds.

   poem
      A line block:

      | One line
      | Another line

      ======  =====
      a       b
      ======  =====

   captioned
      A code block with a caption, and a version note.

      .. code-block:: python
         :caption: An example

         y = 2

      .. versionadded:: 3.1
"""


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    path = tmp_path / "rich.rst"
    path.write_text(RICH, encoding="utf-8")
    return path


def _import(capsys: pytest.CaptureFixture[str], path: Path, *options: str):  # type: ignore[no-untyped-def]
    """(terms by name, notes, summary line) of importing ``path``."""
    status, out, err = run(capsys, "import-glossary", str(path), *options)
    assert status == 0, err
    terms = {term["name"]: term for term in yaml.safe_load(out)["terms"]}
    notes = [line[len("note: ") :] for line in err.splitlines() if line.startswith("note: ")]
    [summary] = [line for line in err.splitlines() if not line.startswith("note: ")]
    return terms, notes, summary


def test_names_are_taken_exactly_as_written(
    capsys: pytest.CaptureFixture[str], rich: Path
) -> None:
    terms, _, _ = _import(capsys, rich)
    quoted = terms['"quoted" name']  # straight quotes, not curly ones
    assert quoted["aliases"] == ['it\'s -- "also" quoted...']  # no dash, no ellipsis
    assert quoted["summary"] == (
        "Straight quotes, two hyphens and an ellipsis... stay as written."
    )
    assert {">>>", "...", "__future__"} <= set(terms)


def test_ids_of_names_without_letters_are_spelled_out(
    capsys: pytest.CaptureFixture[str], rich: Path
) -> None:
    terms, _, _ = _import(capsys, rich)
    assert terms[">>>"]["id"] == "greater-than-greater-than-greater-than"
    assert terms["..."]["id"] == "dot-dot-dot"
    assert terms["__future__"]["id"] == "future"  # underscores separate words
    assert terms['"quoted" name']["id"] == "quoted-name"


def test_block_markup_is_kept_as_written(capsys: pytest.CaptureFixture[str], rich: Path) -> None:
    terms, _, _ = _import(capsys, rich)
    assert terms["..."]["summary"] == "Can refer to:"
    assert terms["..."]["technical_definition"] == (
        "* The prompt of a continued line.\n\n* The :const:`Ellipsis` constant."
    )
    assert terms["__future__"]["technical_definition"] == (
        "Try it::\n\n   >>> import __future__\n   >>> __future__.division\n   _Feature(...)"
    )
    # A first paragraph that introduces a literal block: the summary reads as the page
    # did ("name:"), and the block stays a literal block.
    qualified = terms["qualified name"]
    assert qualified["summary"] == "The name is the same as the object's name:"
    assert qualified["technical_definition"] == (
        "::\n\n"
        "   >>> class C:\n"
        "   ...     pass\n"
        "   >>> C.__qualname__\n"
        "   'C'\n\n"
        "A doctest block:\n\n"
        ">>> 1 + 1\n"
        "2"
    )
    # Real :term: roles become :termref:, text that only looks like one does not.
    contiguous = terms["contiguous"]
    assert contiguous["summary"] == "A buffer is contiguous. See :termref:`parameter`."
    assert contiguous["technical_definition"] == (
        ".. note::\n\n"
        "   A note about ``:term:`fake```, and :termref:`parameter`.\n\n"
        ".. code-block:: python\n\n"
        '   x = ":term:`not a role`"'
    )
    parameter = terms["parameter"]["technical_definition"]
    assert parameter.startswith("* :dfn:`positional-or-keyword`: the default.\n\n* :dfn:")
    assert "as in::\n\n     def func(posonly, /): ...\n\nParameters have kinds." in parameter
    assert ".. _" not in parameter and ".. index::" not in parameter


def test_index_entries_and_labels(capsys: pytest.CaptureFixture[str], rich: Path) -> None:
    terms, notes, summary = _import(capsys, rich)
    assert terms["contiguous"]["index"] == ["C-contiguous, Fortran contiguous"]
    # Written at the end of "garbage collection", they lead to "generator" on the page.
    assert "index" not in terms["garbage collection"]
    assert terms["generator"]["index"] == ["single: generator"]
    assert terms["generator"]["labels"] == ["generator-label"]
    # A label inside a definition, and an index target's :name:.
    assert terms["parameter"]["labels"] == ["positional-only_parameter", "posonly-index"]
    assert terms["parameter"]["index"] == ["pair: parameter; positional-only"]
    label_line = line_of(rich, ".. _positional-only_parameter:")
    assert (
        f"{rich}:{label_line}: in the definition of 'parameter', the label "
        "'positional-only_parameter' led into the definition; it now links to the card"
    ) in notes
    assert summary == (
        f"{rich}: 11 entries -> 11 terms, 1 alias, 3 labels, 3 index entries; 5 notes"
    )


def test_what_cannot_be_kept_is_reported(capsys: pytest.CaptureFixture[str], rich: Path) -> None:
    terms, notes, _ = _import(capsys, rich)
    assert notes[0] == (
        f"{rich}:1: label 'page-label' is not in a glossary entry: it is not imported; "
        "keep it on the page that shows the terms"
    )
    poem = [note for note in notes if "'poem'" in note]
    assert poem == [
        f"{rich}:{line_of(rich, '| One line')}: in the definition of 'poem', a line block is "
        "kept as written, but a database cannot show it: the build warns (termref.markup) "
        "and the card shows it as text",
        f"{rich}:{line_of(rich, 'a       b')}: in the definition of 'poem', a table is kept "
        "as written, but a database cannot show it: the build warns (termref.markup) and "
        "the card shows it as text",
    ]
    # Kept all the same.
    assert "| One line\n| Another line\n\n======  =====" in terms["poem"]["technical_definition"]


def test_the_build_refuses_what_the_notes_name(
    capsys: pytest.CaptureFixture[str], rich: Path, tmp_path: Path, make_build
) -> None:  # type: ignore[no-untyped-def]
    """The importer's notes and the build's refusals are one list: a captioned code
    block or a version note is no note, and every code block is one on the card."""
    new = tmp_path / "new"
    conf = "extensions = ['sphinx_termref']\ntermref_databases = ['terms.yaml']\n"
    _write(new, {"index.rst": "Terms\n=====\n\n.. term-index::\n   :cards:\n"}, conf)
    status, _, err = run(capsys, "import-glossary", str(rich), "-o", str(new / "terms.yaml"))
    assert status == 0, err
    noted = [line for line in err.splitlines() if "a database cannot show it" in line]
    assert [note.split(", a ")[1].split(" is kept")[0] for note in noted] == [
        "line block",
        "table",
    ]
    app = make_build(new)
    refused = [w.message for w in warnings_of(app) if w.type == "termref.markup"]
    assert [m.split(" has a ")[1].split(",")[0] for m in refused] == ["line block", "table"]
    soup = html(app)
    captioned = soup.find(id="termref-captioned")
    assert (
        captioned.select_one(".code-block-caption").get_text(strip=True).startswith("An example")
    )
    assert captioned.select_one("div.highlight-python pre").get_text() == "y = 2\n"
    assert captioned.select_one("div.versionadded") is not None
    for term_id in ("future", "qualified-name", "contiguous", "parameter"):
        assert soup.find(id=f"termref-{term_id}").select("pre"), term_id


def test_summary_placement_keeps_block_markup_out_of_the_summary(
    capsys: pytest.CaptureFixture[str], rich: Path
) -> None:
    terms, notes, _ = _import(capsys, rich, "--definition", "summary")
    assert terms["__future__"]["summary"] == "A pseudo-module.\n\nTry it:"
    assert terms["__future__"]["technical_definition"].startswith("::\n\n   >>> import")
    line = line_of(rich, ">>> import __future__")
    assert (
        f"{rich}:{line}: in the definition of '__future__', the block markup from here on is "
        "the technical_definition: a summary is inline text"
    ) in notes
    everything = _import(capsys, rich, "--definition", "technical-definition")[0]
    assert "summary" not in everything["qualified name"]
    assert everything["qualified name"]["technical_definition"].startswith(
        "The name is the same as the object's name::\n\n   >>> class C:"
    )


def test_a_skipped_entry_gives_its_labels_to_the_term(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "twice.rst"
    path.write_text(
        ".. glossary::\n\n   alpha\n      First.\n\n   Alpha\n      .. _second-alpha:\n\n"
        "      .. index:: single: letters; alpha\n\n      Again.\n",
        encoding="utf-8",
    )
    terms, notes, _ = _import(capsys, path)
    assert list(terms) == ["alpha"]
    assert terms["alpha"]["labels"] == ["second-alpha"]
    assert terms["alpha"]["index"] == ["single: letters; alpha"]
    assert notes == [
        f"{path}:6: term 'Alpha' was skipped: it matches 'alpha', which an earlier entry "
        "defines (its labels and index entries go to it)"
    ]


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


LABELLED_GLOSSARY = """\
Glossary
========

.. glossary::

   parameter
      .. index:: pair: parameter; positional-only

      A named entity.

      .. _positional-only_parameter:

      * positional-only: by position.

      .. _argument-label:

   argument
      A value passed.
"""
LABEL_PAGES = {
    "index.rst": PAGES["index.rst"],
    "usage.rst": """\
        Usage
        =====

        See :ref:`positional-only <positional-only_parameter>`,
        :ref:`an argument <argument-label>`.
        """,
}


def test_converted_project_keeps_labels_and_index_entries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_build
) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "old"
    _write(old, {**LABEL_PAGES, "glossary.rst": LABELLED_GLOSSARY}, "project = 'old'\n")
    before = make_build(old)
    assert warnings_of(before) == []
    old_links = [a.get_text() for a in html(before, "usage").select("div.body a.reference")]

    new = tmp_path / "new"
    conf = "project = 'new'\nextensions = ['sphinx_termref']\ntermref_databases = ['terms.yaml']\n"
    pages = {**LABEL_PAGES, "glossary.rst": "Glossary\n========\n\n.. term-index::\n   :cards:\n"}
    _write(new, pages, conf)
    status, _, err = run(
        capsys, "import-glossary", str(old / "glossary.rst"), "-o", str(new / "terms.yaml")
    )
    assert status == 0, err
    after = make_build(new)
    assert warnings_of(after) == []
    links = [
        (a.get_text(), a["href"]) for a in html(after, "usage").select("div.body a.reference")
    ]
    # The same links, now to the cards: the label's own term, and the next entry's.
    assert [text for text, _ in links] == ["positional-only", "an argument"]
    assert old_links == ["positional-only", "an argument"]
    assert [href for _, href in links] == [
        "glossary.html#termref-parameter",
        "glossary.html#termref-argument",
    ]
    genindex = BeautifulSoup(
        (Path(after.outdir) / "genindex.html").read_text(encoding="utf-8"), "html.parser"
    )
    entries = {
        li.find(string=True).strip(): li
        for li in genindex.select("table.genindextable td > ul > li")
    }
    for first, second in [("parameter", "positional-only"), ("positional-only", "parameter")]:
        [sub] = entries[first].select("ul > li")
        assert sub.get_text().strip().startswith(second)
        assert [a["href"] for a in sub.select("a")] == ["glossary.html#termref-parameter"]


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Café au lait", set(), "cafe-au-lait"),
        ("...", set(), "dot-dot-dot"),
        ("\u2026", set(), "horizontal-ellipsis"),  # Unicode's name for a symbol without one here
        ("C++", {"c"}, "c-plus-plus"),
        ("C++", set(), "c"),
        ("**kwargs", set(), "kwargs"),
        ("**kwargs", {"kwargs"}, "star-star-kwargs"),
        ("c", {"c"}, "c-2"),  # nothing to spell out: numbered
        ("", set(), "term"),
    ],
)
def test_term_ids(name: str, taken: set[str], expected: str) -> None:
    from sphinx_termref.cli.glossary_ids import term_id

    assert term_id(name, lambda candidate: candidate not in taken) == expected


def test_markup_sphinx_cannot_read_is_named_with_its_entry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A directive of an extension the importer does not load, as CPython's own."""
    path = tmp_path / "glossary.rst"
    path.write_text(
        ".. glossary::\n\n   alpha\n      First.\n\n      .. impl-detail::\n\n"
        "         CPython only.\n\n      After.\n",
        encoding="utf-8",
    )
    terms, notes, _ = _import(capsys, path)
    assert terms["alpha"]["technical_definition"] == (
        ".. impl-detail::\n\n   CPython only.\n\nAfter."
    )
    assert notes == [
        f'{path}:6: ERROR: Unknown directive type "impl-detail".',  # Sphinx's own
        f"{path}:6: in the definition of 'alpha', Sphinx could not read the markup "
        '(Unknown directive type "impl-detail"); it is kept as written',
    ]

"""Messages that point where the problem is: each warning names the file and line
to fix (a setting's line in conf.py, a field's line in the database) and says what
to write instead, in the user's own terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Built, build, dump_terms, line_of, run_cli, write_project

from sphinx_termref.termdb import text_references

TERMS = dump_terms(
    [
        {
            "id": "mesa-optimization",
            "name": "Mesa-Optimization",
            "summary": "A learned optimizer.",
        },
        {"id": "reward-hacking", "name": "Reward hacking", "summary": "Gaming the reward."},
    ]
)
PAGE = """Title
=====

.. term-card:: mesa-optimization

.. term-card:: reward-hacking

See :termref:`reward hacking`.
"""


def _project(tmp_path: Path, conf: str, pages: dict[str, str] | None = None) -> Built:
    srcdir = write_project(tmp_path / "src", TERMS, pages or {"index": PAGE})
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    return build(srcdir, tmp_path / "_build")


def _conf_line(built: Built, needle: str) -> str:
    """``conf.py:line`` of the line of conf.py that holds ``needle``."""
    path = built.srcdir / "conf.py"
    return f"{path}:{line_of(path, needle)}"


# -- configuration ----------------------------------------------------------------------


def test_databases_as_a_string_is_read_as_one_file_with_the_fix_in_the_users_words(
    tmp_path: Path,
) -> None:
    conf = 'extensions = ["sphinx_termref"]\nproject = "x"\ntermref_databases = "terms.yaml"\n'
    built = _project(tmp_path, conf)
    (warning,) = built.termref()
    assert warning.type == "termref.config"
    assert warning.location == _conf_line(built, "termref_databases =")
    assert warning.message == (
        "termref_databases must be a list of strings, got 'terms.yaml'; write "
        'termref_databases = ["terms.yaml"] (read as ["terms.yaml"] for now)'
    )
    # Read as that list: the card is there.
    soup = built.soup()
    assert soup.find(id="termref-mesa-optimization") is not None


def test_a_bad_setting_without_usable_value_suggests_the_documented_form(
    tmp_path: Path,
) -> None:
    conf = 'extensions = ["sphinx_termref"]\n\ntermref_databases = None\n'
    built = _project(tmp_path, conf)
    (warning, *_) = built.termref()
    assert warning.location == _conf_line(built, "termref_databases =")
    assert warning.message == (
        "termref_databases must be a list of strings, got None; write termref_databases = "
        '["terms.yaml"]'
    )


def test_the_last_assignment_is_the_line_shown(tmp_path: Path) -> None:
    conf = (
        'extensions = ["sphinx_termref"]\ntermref_databases = ["terms.yaml"]\n'
        'termref_index_aliases = "link"\n'
        "if True:\n"
        "    pass\n"
        'termref_index_aliases: str = "see-also"\n'
    )
    built = _project(tmp_path, conf)
    (warning,) = built.termref()
    assert warning.location == _conf_line(built, '"see-also"')
    assert warning.message == (
        "termref_index_aliases must be one of 'link', 'see', 'none', got 'see-also'; did you "
        "mean termref_index_aliases = \"see\"? Using 'link' for now"
    )


def test_unknown_card_sections_get_a_did_you_mean_and_the_corrected_list(
    tmp_path: Path,
) -> None:
    conf = (
        'extensions = ["sphinx_termref"]\ntermref_databases = ["terms.yaml"]\n'
        'termref_card_sections = ["summary", "definition", "zzz"]\n'
    )
    built = _project(tmp_path, conf)
    (warning,) = built.termref()
    assert warning.location == _conf_line(built, "termref_card_sections")
    assert warning.message.startswith(
        "termref_card_sections has unknown sections ['definition', 'zzz'] (did you mean "
        "'definition' -> 'technical-definition'?); choose from "
    )
    assert warning.message.endswith(
        'for example termref_card_sections = ["summary", "technical-definition"]; '
        "the unknown ones are left out"
    )


def test_a_switch_given_as_a_word_is_read_as_it_says(tmp_path: Path) -> None:
    conf = (
        'extensions = ["sphinx_termref"]\ntermref_databases = ["terms.yaml"]\n'
        'termref_backlinks = "no"\ntermref_previews = "maybe"\n'
    )
    built = _project(tmp_path, conf)
    assert [(w.location, w.message) for w in built.termref()] == [
        (
            _conf_line(built, "termref_backlinks"),
            "termref_backlinks must be True or False, got 'no'; write termref_backlinks = "
            "False (read as False for now)",
        ),
        (
            _conf_line(built, "termref_previews"),
            "termref_previews must be True or False, got 'maybe'; write termref_previews = "
            "True (the default is used)",
        ),
    ]
    assert built.warnings == built.termref()  # Sphinx's own type check has nothing left
    assert built.soup().select(".termref-card__section--referenced-in") == []


def test_a_database_path_that_does_not_exist_points_at_the_setting(tmp_path: Path) -> None:
    conf = (
        'extensions = ["sphinx_termref"]\n\ntermref_databases = [\n    "terms.yaml",\n'
        '    "trems.yaml",\n]\n'
    )
    built = _project(tmp_path, conf)
    (warning,) = built.termref()
    assert (warning.type, warning.location) == (
        "termref.yaml",
        _conf_line(built, "termref_databases = ["),
    )
    assert warning.message.startswith("database 'trems.yaml' does not exist")


def test_a_misspelled_setting_name_gets_a_did_you_mean(tmp_path: Path) -> None:
    conf = 'extensions = ["sphinx_termref"]\ntermref_database = ["terms.yaml"]\n'
    pages = {"index": "Title\n=====\n"}
    built = _project(tmp_path, conf, pages)
    configs = built.typed("termref.config")
    assert [(w.location, w.message) for w in configs] == [
        (
            _conf_line(built, "termref_database ="),
            "unknown setting 'termref_database': sphinx-termref ignores it; did you mean "
            "'termref_databases'?",
        )
    ]


def test_a_setting_given_on_the_command_line_says_so(
    tmp_path: Path,
) -> None:
    srcdir = write_project(tmp_path / "src", TERMS, {"index": PAGE})
    built = build(srcdir, tmp_path / "_build", confoverrides={"termref_index_aliases": "nope"})
    (warning,) = built.termref()
    # Not "conf.py::": conf.py has no line for it.
    assert warning.location == ""
    assert "got 'nope'" in warning.message
    assert warning.message.endswith(
        "(given on the command line with -D termref_index_aliases=...)"
    )


# -- an empty database --------------------------------------------------------------------

EMPTY_PAGES = {
    "index": (
        "Title\n=====\n\nSee :termref:`mesa optimization` and :termref:`the hack "
        "<reward hacking>`.\n\n.. term-card:: mesa-optimization\n\n.. toctree::\n\n   more\n"
    ),
    "more": "More\n====\n\nAgain :termref:`mesa optimization`.\n",
}


def test_a_misspelled_databases_setting_is_said_once_not_per_reference(tmp_path: Path) -> None:
    conf = 'extensions = ["sphinx_termref"]\ntermref_database = ["terms.yaml"]\n'
    built = _project(tmp_path, conf, EMPTY_PAGES)
    index = built.srcdir / "index.rst"
    assert [(w.type, w.location, w.message) for w in built.termref()] == [
        (
            "termref.config",
            _conf_line(built, "termref_database ="),
            "unknown setting 'termref_database': sphinx-termref ignores it; did you mean "
            "'termref_databases'?",
        ),
        (
            "termref.unknown",
            f"{index}:4",
            "2 pages refer to terms (the first: 'mesa optimization'), but the term database "
            "is empty: termref_databases is not set (or is empty) in conf.py; set it to the "
            'database files, for example termref_databases = ["terms.yaml"]',
        ),
    ]
    # Each reference keeps its text.
    text = " ".join(built.soup().get_text().split())
    assert "See mesa optimization and the hack." in text
    assert "Again mesa optimization." in " ".join(built.soup("more").get_text().split())


def test_a_database_file_without_terms_is_named(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / "src", "terms: []\n", EMPTY_PAGES)
    built = build(srcdir, tmp_path / "_build")
    unknown = built.typed("termref.unknown")
    assert len(unknown) == 1
    assert 'termref_databases = ["terms.yaml"] names no file with terms' in unknown[0].message


# -- warnings about database text ---------------------------------------------------------

TEXT_TERMS = """\
terms:
  - id: alpha
    name: Alpha
    summary: >-
      The first; see :termref:`gamma` and *unclosed.
    technical_definition: |
      A first paragraph.

      Uses :raw:`<b>x</b>`.
    see_also: [delta]
    organizations:
      - name: Plain
      - name: Org
        url: https://example.org
        description: Has `a link <javascript:alert(1)>`__.
  - id: beta
    name: Beta
    summary: Second.
"""
TEXT_PAGES = {
    "index": "Title\n=====\n\n.. term-card:: alpha\n\n.. toctree::\n\n   other\n",
    "other": "Other\n=====\n\n.. term-index::\n\n.. term-card:: alpha\n   :no-index:\n",
}


def test_warnings_about_database_text_point_at_the_fields_line_once(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / "src", TEXT_TERMS, TEXT_PAGES)
    built = build(srcdir, tmp_path / "_build")
    db = srcdir / "terms.yaml"
    lines = db.read_text(encoding="utf-8").splitlines()

    def at(needle: str) -> str:
        (number,) = [n for n, line in enumerate(lines, 1) if needle in line]
        return f"{db}:{number}"

    found = sorted((w.location, w.type, w.message) for w in built.warnings)
    assert found == sorted(
        [
            (
                at("summary: >-"),
                "docutils",
                "the summary of term 'alpha': Inline emphasis start-string without end-string.",
            ),
            (
                at("summary: >-"),
                "termref.unknown",
                "unknown term 'gamma' in the summary of term 'alpha': it is not in the term "
                "database. Add it to the database or fix the spelling.",
            ),
            (
                at("technical_definition:"),
                "termref.markup",
                "the technical definition of term 'alpha' uses the raw role 'raw'; it is shown "
                "as plain text",
            ),
            (
                at("see_also:"),
                "termref.unknown",
                "unknown term 'delta' in the see also of term 'alpha': it is not in the term "
                "database; did you mean 'beta'? Add it to the database or fix the spelling.",
            ),
            (
                at("description: Has"),
                "termref.markup",
                "the description of organization 2 of term 'alpha' links to "
                "'javascript:alert(1)', but the scheme 'javascript' is not allowed; use http:, "
                "https:, mailto: or a relative link; it is shown as plain text",
            ),
        ]
    )
    # The text is still shown, on every page that shows the term.
    for page in ("index", "other"):
        assert "Uses :raw:`<b>x</b>`." in built.soup(page).get_text()


def test_a_term_no_page_shows_named_in_a_summary_is_located_there(tmp_path: Path) -> None:
    terms = dump_terms(
        [
            {"id": "alpha", "name": "Alpha", "summary": "Unlike :termref:`beta`."},
            {"id": "beta", "name": "Beta"},
        ]
    )
    pages = {"index": "T\n=\n\n.. term-card:: alpha\n\n.. term-card:: alpha\n   :no-index:\n"}
    srcdir = write_project(tmp_path / "src", terms, pages)
    built = build(srcdir, tmp_path / "_build")
    (warning,) = built.termref()
    assert (warning.type, warning.location) == ("termref.no_card", f"{srcdir / 'terms.yaml'}:4")
    assert warning.message.endswith("(in the summary of term 'alpha')")


def test_a_second_build_in_the_same_process_warns_again(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / "src", TEXT_TERMS, TEXT_PAGES)
    first = build(srcdir, tmp_path / "_build-1")
    second = build(srcdir, tmp_path / "_build-2")
    assert len(first.termref()) == len(second.termref()) == 4


def test_block_markup_refusals_point_at_the_fields_line_once(tmp_path: Path) -> None:
    terms = (
        "terms:\n  - id: gamma\n    name: Gamma\n    summary: Third.\n"
        "    usage_note: |\n      * a list item with :termref:`nothing`\n\n"
        "      .. raw:: html\n\n         <b>x</b>\n"
    )
    pages = {"index": "Title\n=====\n\n.. term-card:: gamma\n\n.. term-index::\n   :cards:\n"}
    srcdir = write_project(tmp_path / "src", terms, pages)
    built = build(srcdir, tmp_path / "_build")
    at = f"{srcdir / 'terms.yaml'}:5"
    assert sorted((w.location, w.type, w.message.split(":")[0]) for w in built.warnings) == [
        (
            at,
            "termref.markup",
            "the usage note of term 'gamma' uses the directive 'raw', which database "
            "text may not; it is shown as written",
        ),
        (at, "termref.unknown", "unknown term 'nothing' in the usage note of term 'gamma'"),
    ]


def test_a_collision_points_at_both_spellings_line_and_column(tmp_path: Path) -> None:
    databases = {
        "a.yaml": "terms:\n  - id: alpha\n    name: Alpha\n    aliases:\n      - First one\n",
        "b.yaml": (
            "terms:\n  - id: beta\n    name: Beta\n    hidden_aliases: [other, first-one]\n"
        ),
    }
    srcdir = write_project(
        tmp_path / "src",
        databases,
        {"index": "T\n=\n\n.. term-index::\n"},
        conf_extra='termref_databases = ["a.yaml", "b.yaml"]\n',
    )
    built = build(srcdir, tmp_path / "_build")
    (warning,) = built.termref()
    assert warning.type == "termref.collision"
    assert warning.location == f"{srcdir / 'b.yaml'}:4:29"
    assert warning.message.startswith(
        f"'first-one' of term 'beta' matches 'First one' of term 'alpha' (at "
        f"{srcdir / 'a.yaml'}:5:9); "
    )


# -- validate checks term references in text ----------------------------------------------

REFERRING_TERMS = """\
terms:
  - id: alpha
    name: Alpha
    summary: See :termref:`the second <Betas>` and :termref:`gama`.
    technical_definition: |
      Written ``:termref:`not a reference``` and :termref:`!no link`.

      Example::

         :termref:`in a literal block`

      >>> :termref:`in a doctest`
    background: Also :term:`Gamma ray`.
    organizations:
      - name: Org
        description: Made by :termref:`nobody`.
  - id: beta
    name: Beta
    summary: See :termref:term:`alpha`.
  - id: gamma
    name: Gamma
"""


def test_validate_reports_unknown_references_in_text_as_the_build_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "terms.yaml").write_text(REFERRING_TERMS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli(capsys, "validate", "terms.yaml")
    assert status == 1
    assert out.splitlines() == [
        "terms.yaml:4:5: unknown term 'gama' in the summary of term 'alpha': it is not in "
        "the term database; did you mean 'gamma'? Add it to the database or fix the "
        "spelling. [termref.unknown]",
        "terms.yaml:16:9: unknown term 'nobody' in the description of organization 1 of "
        "term 'alpha': it is not in the term database. Add it to the database or fix the "
        "spelling. [termref.unknown]",
    ]
    # The build says the same, at the same lines.
    pages = {"index": "T\n=\n\n.. term-index::\n   :cards:\n"}
    srcdir = write_project(tmp_path / "src", REFERRING_TERMS, pages)
    built = build(srcdir, tmp_path / "_build")
    db = srcdir / "terms.yaml"
    assert sorted((w.location, w.message) for w in built.typed("termref.unknown")) == [
        (f"{db}:16", out.splitlines()[1].split(": ", 1)[1].removesuffix(" [termref.unknown]")),
        (f"{db}:4", out.splitlines()[0].split(": ", 1)[1].removesuffix(" [termref.unknown]")),
    ]


def test_validate_checks_std_terms_and_skips_other_projects_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "terms.yaml").write_text(REFERRING_TERMS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(capsys, "validate", "terms.yaml", "--std-terms")
    assert [line.split(": ", 1)[1].split(":")[0] for line in out.splitlines()] == [
        "unknown term 'gama' in the summary of term 'alpha'",
        "unknown term 'Gamma ray' in the background of term 'alpha'",
        "unknown term 'nobody' in the description of organization 1 of term 'alpha'",
    ]
    status, out, _ = run_cli(capsys, "validate", "terms.yaml", "--external")
    assert (status, out) == (0, "")


def test_a_file_validate_passes_builds_with_w(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed = (
        REFERRING_TERMS.replace(":termref:`gama`", ":termref:`gamma`")
        .replace(":termref:`nobody`", ":termref:`beta`")
        .replace("Gamma ray", "gamma")
    )
    (tmp_path / "terms.yaml").write_text(fixed, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli(capsys, "validate", "terms.yaml", "--std-terms")
    assert (status, out) == (0, "")
    pages = {"index": "T\n=\n\n.. term-index::\n   :cards:\n"}
    conf = "termref_std_terms = True\n"
    srcdir = write_project(tmp_path / "src", fixed, pages, conf_extra=conf)
    built = build(srcdir, tmp_path / "_build", warningiserror=True)
    assert built.warnings == []
    assert built.statuscode == 0


def test_finding_references_needs_neither_sphinx_nor_docutils() -> None:
    """The pattern finder runs where docutils and Sphinx are not imported."""
    import ast

    source = Path(text_references.__file__).read_text(encoding="utf-8")
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    } | {
        (node.module or "").split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    }
    assert not imported & {"sphinx", "docutils"}
    assert list(text_references.term_references("a :termref:`x <y\\ z>` b")) == ["yz"]


# -- directive options ------------------------------------------------------------------

INDEX_TERMS = dump_terms(
    [
        {"id": "alpha", "name": "Alpha", "category": "Greek Letters", "tags": ["first"]},
        {"id": "beta", "name": "Beta", "category": "Greek Letters"},
        {"id": "aleph", "name": "Aleph", "category": "Hebrew Letters"},
    ]
)


def _index_project(tmp_path: Path, page: str) -> Built:
    srcdir = write_project(tmp_path / "src", INDEX_TERMS, {"index": page})
    return build(srcdir, tmp_path / "_build")


def _directive_line(built: Built, needle: str) -> str:
    path = built.srcdir / "index.rst"
    return f"{path}:{line_of(path, needle)}"


def test_a_bad_choice_is_an_option_warning_with_the_choices_and_the_default_holds(
    tmp_path: Path,
) -> None:
    page = (
        "Glossary\n========\n\n.. term-index::\n   :group-by: categroy\n   :cards:\n"
        "   :backlinks: maybe\n"
    )
    built = _index_project(tmp_path, page)
    assert [w for w in built.warnings if w.level != "WARNING"] == []  # no docutils ERROR
    assert [(w.type, w.location, w.message) for w in built.warnings] == [
        (
            "termref.option",
            _directive_line(built, ".. term-index::"),
            "term-index option :backlinks: cannot be 'maybe'; choose from on, off "
            "(the default is used)",
        ),
        (
            "termref.option",
            _directive_line(built, ".. term-index::"),
            "term-index option :group-by: cannot be 'categroy'; did you mean 'category'? "
            "choose from letter, category, hierarchy, none (the default is used)",
        ),
    ]
    # Rendered with the defaults: grouped by letter, full cards, with REFERENCED IN.
    soup = built.soup()
    headings = [h.get_text() for h in soup.select(".termref-index__heading")]
    assert headings == ["A", "B"]
    assert soup.find(id="termref-alpha") is not None
    assert soup.select(".termref-card__section--referenced-in") == []  # no page refers


def test_a_flag_with_a_value_is_an_option_warning_and_still_set(tmp_path: Path) -> None:
    page = "Glossary\n========\n\n.. term-card:: alpha\n   :no-index: yes\n"
    built = _index_project(tmp_path, page)
    assert [w for w in built.warnings if w.level != "WARNING"] == []
    (warning,) = built.termref()
    assert warning.type == "termref.option"
    assert warning.message == (
        "term-card option :no-index: takes no value, got 'yes'; write ':no-index:' alone "
        "(it is set)"
    )
    assert built.soup().find(id="termref-alpha") is None  # not indexed: no anchor


def test_selecting_no_term_names_only_the_filters_given_as_written(tmp_path: Path) -> None:
    page = (
        "Glossary\n========\n\n.. term-index::\n   :category: Greek  Leters\n\n"
        "More\n----\n\n.. term-index::\n   :tag: second\n\n"
        "Both\n----\n\n.. term-index::\n   :category: Hebrew Letters\n   :tag: First\n"
    )
    built = _index_project(tmp_path, page)
    messages = [(w.type, w.message) for w in built.warnings]
    assert messages == [
        (
            "termref.option",
            "term-index selects no term: no term has category 'Greek Leters'; did you mean "
            ":category: 'Greek Letters'?",
        ),
        ("termref.option", "term-index selects no term: no term has tag 'second'"),
        (
            "termref.option",
            "term-index selects no term: no term has category 'Hebrew Letters' and tag 'First'",
        ),
    ]


# -- term-index headings ----------------------------------------------------------------


def test_group_headings_are_headings_for_assistive_technology_not_in_the_toc(
    tmp_path: Path,
) -> None:
    page = (
        "Glossary\n========\n\n.. contents::\n\nLetters\n-------\n\n"
        ".. term-index::\n   :cards:\n\nCategories\n----------\n\n"
        ".. term-index::\n   :group-by: category\n"
    )
    built = _index_project(tmp_path, page)
    assert built.termref() == []
    soup = built.soup()
    letters, categories = soup.select(".termref-index")
    # Under a section (h2), so each group's heading is at level 3 ...
    for index, expected in (
        (letters, ["A", "B"]),
        (categories, ["Greek Letters", "Hebrew Letters"]),
    ):
        headings = index.select(".termref-index__heading")
        assert [h.get_text() for h in headings] == expected
        for heading in headings:
            assert heading.name == "p"
            assert "rubric" in heading["class"]
            assert heading["role"] == "heading"
            assert heading["aria-level"] == "3"
    # ... and each card's name one level below its group's heading.
    name = soup.find(id="termref-alpha").find(class_="termref-card__name")
    assert name.name == "h4"
    # The table of contents lists the sections only.
    toc = [a.get_text() for a in soup.select("nav.contents li a, div.contents li a")]
    assert toc == ["Glossary", "Letters", "Categories"]

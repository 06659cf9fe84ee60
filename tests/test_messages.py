"""Messages that point where the problem is: each warning names the file and line
to fix (a setting's line in conf.py, a field's line in the database) and says what
to write instead, in the user's own terms."""

from __future__ import annotations

from pathlib import Path

from test_hardening_support import Built, build, dump_terms, write_project

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
    lines = path.read_text(encoding="utf-8").splitlines()
    (number,) = [n for n, line in enumerate(lines, 1) if needle in line]
    return f"{path}:{number}"


# -- configuration ----------------------------------------------------------------------


def test_databases_as_a_string_is_read_as_one_file_with_the_fix_in_the_users_words(
    tmp_path: Path,
) -> None:
    conf = 'extensions = ["sphinx_termref"]\nproject = "x"\ntermref_databases = "terms.yaml"\n'
    built = _project(tmp_path, conf)
    built.assert_no_crash()
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


# -- the README's tables ------------------------------------------------------------------

README = Path(__file__).parent.parent / "README.md"


def _first_column(heading: str, header: str) -> list[str]:
    """The first column of the table under ``heading`` whose header row starts with
    ``| header |``, without the backquotes."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    rows = section[section.index(f"| {header} |") :].split("\n\n", 1)[0].splitlines()[2:]
    return [row.split("|")[1].strip().strip("`") for row in rows]


def test_readme_lists_every_setting() -> None:
    from sphinx_termref.config import SETTINGS

    assert sorted(_first_column("## Configuration", "setting")) == sorted(SETTINGS)


def test_readme_lists_every_warning_subtype() -> None:
    from sphinx_termref.warnings import Subtype

    listed = _first_column("## Warnings", "subtype")
    assert sorted(listed) == sorted(f"termref.{subtype.value}" for subtype in Subtype)


def test_readme_lists_every_directive_option() -> None:
    from sphinx_termref.directives import TermCardDirective, TermIndexDirective

    for heading, directive in (
        ("### `term-card`", TermCardDirective),
        ("### `term-index`", TermIndexDirective),
    ):
        listed = [name.strip(":") for name in _first_column(heading, "option")]
        assert sorted(listed) == sorted(directive.option_spec), heading

"""Broken database files: one warning each, located at file:line:col, never a traceback,
and the rest of the database still builds."""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest
from bs4 import Tag
from helpers import (
    ROOTS,
    card,
    html,
    line_of,
    strip_ansi,
    termref_warnings,
    warnings_of,
)
from term_stylesheet import term_stylesheet

ROOT = ROOTS / "test-bad-db"
GOOD = ROOT / "good.yaml"
#: sphinx-build -W --keep-going. Sphinx 8.0 stops at the first warning unless told to
#: keep going; from 8.1 on it always goes on, and keep_going is unused.
STRICT = {"warningiserror": True, "keep_going": True}


class Case(NamedTuple):
    file: str
    type: str
    line: int
    column: int  # 0: the warning gives no column
    message: str  # the whole message; "{good}" stands for good.yaml's path
    survivors: tuple[str, ...]  # names of the file's terms that still build


CASES = [
    Case(
        "syntax.yaml",
        "termref.yaml",
        4,
        4,
        "YAML syntax error: while parsing a block collection did not find expected '-' "
        "indicator; check the indentation and quoting there",
        (),
    ),
    Case(
        "not-utf8.yaml",
        "termref.yaml",
        4,
        17,
        "the file is not valid UTF-8 (byte 0xe9); save it with UTF-8 encoding",
        (),
    ),
    Case(
        "wrong-type.yaml",
        "termref.schema",
        5,
        5,
        "'aliases' of term 'wrong-type' must be a list, found a string; write it as a list "
        "item: '- Wrongly typed'",
        ("Sibling", "Wrong Type"),
    ),
    Case(
        "missing-id.yaml",
        "termref.schema",
        4,
        5,
        "this term has no 'id'; add one (Stable identifier, e.g. ``mesa-optimization``.)",
        ("Sibling",),
    ),
    Case(
        "missing-name.yaml",
        "termref.schema",
        4,
        5,
        "term 'no-name' has no 'name'; add one (Display name, e.g. ``Mesa-Optimization``.)",
        ("Sibling",),
    ),
    Case(
        "duplicate-key.yaml",
        "termref.schema",
        5,
        5,
        "key 'summary' is written twice in this mapping (first on line 4); keep one of them",
        ("Sibling", "Twice"),
    ),
    Case(
        "unknown-field.yaml",
        "termref.schema",
        4,
        5,
        "unknown field 'technical_defintion' in term 'typo'; did you mean 'technical_definition'?",
        ("Sibling", "Typo"),
    ),
    Case(
        "duplicate-id.yaml",
        "termref.duplicate_id",
        4,
        0,
        "term id 'good-term' is already used by the term at {good}:2; give one of them "
        "another id (this one is skipped)",
        ("Sibling",),
    ),
    Case(
        "collision.yaml",
        "termref.collision",
        7,  # the alias itself, and the other term's id it matches
        9,
        "'Good-Term' of term 'clash' matches 'good-term' of term 'good-term' (at {good}:2:5); "
        "references could not tell them apart: rename or remove one of them",
        ("Clash", "Sibling"),
    ),
]


def with_bad_file(name: str):
    return pytest.mark.sphinx(
        "html",
        testroot="bad-db",
        confoverrides={"termref_databases": ["good.yaml", f"bad/{name}"]},
    )


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def indexed_names(app) -> list[str]:
    soup = html(app)
    return sorted(text(dt) for dt in soup.select("div.termref-index dt"))


def assert_good_part_built(app) -> None:
    """The build finished, and the good file's term has its card and its link."""
    assert (app.outdir / "index.html").is_file()
    soup = html(app)
    good = card(soup, "good-term")
    assert good.find("dfn").get_text() == "Good Term"
    assert text(good.find(class_="termref-card__summary")) == "This term is fine."
    link = soup.select_one("p a.termref")
    assert link["href"] == "#termref-good-term"
    assert term_stylesheet(app.outdir).tip("good-term") == "Good Term: This term is fine."


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=with_bad_file(c.file), id=c.file) for c in CASES]
)
def test_bad_file(app, case: Case) -> None:
    app.build()
    path = app.srcdir / "bad" / case.file
    warnings = termref_warnings(app)
    assert len(warnings) == 1, warnings
    (warning,) = warnings
    assert warning.type == case.type
    assert warning.message == case.message.format(good=app.srcdir / "good.yaml")
    location = f"{path}:{case.line}" + (f":{case.column}" if case.column else "")
    assert warning.location == location
    assert_good_part_built(app)
    assert indexed_names(app) == sorted(("Good Term", *case.survivors))


@with_bad_file("duplicate-key.yaml")
def test_duplicate_key_keeps_the_first_value(app) -> None:
    app.build()
    soup = html(app)
    dt = next(dt for dt in soup.select("div.termref-index dt") if text(dt) == "Twice")
    assert text(dt.find_next_sibling("dd")) == "The first summary."


@with_bad_file("duplicate-id.yaml")
def test_duplicate_id_keeps_the_first_term(app) -> None:
    app.build()
    assert card(html(app), "good-term").find("dfn").get_text() == "Good Term"
    assert "Another Good Term" not in indexed_names(app)


@with_bad_file("collision.yaml")
def test_collision_drops_the_alias_not_the_term(app) -> None:
    app.build()
    soup = html(app)
    # "good term" still means good-term; the clashing alias of 'clash' is gone
    assert soup.select_one("p a.termref")["href"] == "#termref-good-term"
    clash = next(dt for dt in soup.select("div.termref-index dt") if text(dt) == "Clash")
    assert clash.find_next_sibling("dd").select("p.termref-index__aliases") == []


@with_bad_file("unclosed-quote.yaml")
def test_unclosed_quote_points_at_the_quote(app) -> None:
    """An unclosed quote should be reported where it opens (line 4, column 14).

    The file has 6 lines; a location past its end cannot be followed.
    """
    app.build()
    path = app.srcdir / "bad" / "unclosed-quote.yaml"
    (warning,) = termref_warnings(app)
    assert warning.type == "termref.yaml"
    assert warning.message.startswith("YAML syntax error: ")
    assert "quoted scalar" in warning.message
    lines = len(path.read_text(encoding="utf-8").splitlines())
    match = re.fullmatch(rf"{re.escape(str(path))}:(\d+):(\d+)", warning.location)
    assert match, warning.location
    assert 1 <= int(match[1]) <= lines, f"line {match[1]} is past the end ({lines} lines)"
    assert (int(match[1]), int(match[2])) == (4, 14)
    assert_good_part_built(app)


@with_bad_file("no-such-file.yaml")
def test_missing_file(app) -> None:
    """A database file that does not exist is a termref.yaml problem (see warnings.Subtype)."""
    app.build()
    path = app.srcdir / "bad" / "no-such-file.yaml"
    # Where the fix goes is the setting, set with -D here: no file of the project.
    lines = strip_ansi(app.warning.getvalue()).splitlines()
    (warning,) = [line for line in lines if line.endswith("[termref.yaml]")]
    assert warning == "WARNING: " + (
        f"database 'bad/no-such-file.yaml' does not exist (looked for {path}); "
        "fix termref_databases in conf.py (given on the command line with -D "
        "termref_databases=...) [termref.yaml]"
    )
    assert_good_part_built(app)


@pytest.mark.sphinx(
    "html", testroot="bad-db", confoverrides={"termref_databases": ["good.yaml", "bad"]}
)
def test_whole_directory_reports_every_problem_in_one_run(app) -> None:
    app.build()
    warned_files = {re.sub(r":\d+(:\d+)?$", "", w.location) for w in termref_warnings(app)}
    bad_files = {str(p) for p in (app.srcdir / "bad").iterdir()}
    assert bad_files <= warned_files
    assert_good_part_built(app)


def test_databases_setting_must_be_a_list(make_build, copied_root) -> None:
    srcdir = copied_root("bad-db")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(
            'termref_databases = ["good.yaml"]', 'termref_databases = "good.yaml"'
        ),
        encoding="utf-8",
    )
    app = make_build(srcdir)
    (warning,) = [w for w in termref_warnings(app) if w.type == "termref.config"]
    assert warning.location == f"{conf}:{line_of(conf, 'termref_databases =')}"
    assert warning.message.startswith(
        "termref_databases must be a list of strings, got 'good.yaml'; write "
        'termref_databases = ["good.yaml"]'
    )
    # the string is read as a list of that one file, so the page's term is found
    assert html(app).find(id="termref-good-term") is not None


def test_warning_is_error_fails_the_build_but_reports_the_location(make_build) -> None:
    app = make_build(
        ROOT,
        confoverrides={"termref_databases": ["good.yaml", "bad/wrong-type.yaml"]},
        **STRICT,
    )
    assert app.statuscode == 1
    (warning,) = [w for w in warnings_of(app) if w.type == "termref.schema"]
    assert warning.location == f"{ROOT / 'bad' / 'wrong-type.yaml'}:5:5"


def test_warning_is_error_passes_when_the_kind_is_suppressed(make_build) -> None:
    app = make_build(
        ROOT,
        confoverrides={
            "termref_databases": ["good.yaml", "bad/wrong-type.yaml"],
            "suppress_warnings": ["termref.schema"],
        },
        **STRICT,
    )
    assert warnings_of(app) == []
    assert app.statuscode == 0


def test_warning_is_error_passes_on_a_good_database(make_build) -> None:
    app = make_build(ROOT, **STRICT)
    assert warnings_of(app) == []
    assert app.statuscode == 0
    assert_good_part_built(app)

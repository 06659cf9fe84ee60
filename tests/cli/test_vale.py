"""``sphinx-termref export --format vale``: a Vale style directory whose rules and
vocabulary follow Vale's documented format.

Vale itself is not run. Its rules are YAML with ``extends``, ``message`` and
``level``; a substitution rule's ``swap`` keys, an existence rule's ``tokens``
and the lines of ``accept.txt`` are regular expressions. So the tests parse the
YAML and compile every pattern, as Vale joins them, with Python's ``re``, whose
syntax agrees with Vale's on everything the export writes (escapes and
look-arounds), and check what each matches and what it does not.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import run_cli as run

from sphinx_termref.cli import checking
from sphinx_termref.cli.vale_style import escape

EXAMPLE_TERMS = Path(__file__).parents[2] / "example_docs" / "terms"

TERMS = """\
terms:
  - id: cpp
    name: C++
    aliases: [C plus plus]
    discouraged: ["Cpp (language)", c.p.p.]
  - id: node-js
    name: Node.js
    discouraged: [NodeJS]
  - id: c-with-classes
    name: C with Classes
    aliases: [Cfront dialect]
    hidden_aliases: [cwc]
    discouraged: [C-with-classes]
    status: deprecated
    replaced_by: C plus plus
  - id: classic-c
    name: Classic C
    status: deprecated
    replaced_by: c-with-classes
  - id: punch-card
    name: Punch Card (IBM)
    aliases: [Hollerith card]
    status: deprecated
  - id: ab-testing
    name: A|B testing
    status: draft
    discouraged: ["A/B test?"]
  - id: hashtag
    name: "#hashtag"
    aliases: ["$HOME dir", "x^2 [sq]", "a{2}", 'back\\slash']
"""
# What Terms.yml swaps: discouraged spellings for their term's name, and every
# spelling of a deprecated term for the end of its chain of replacements.
SWAPS = {
    "Cpp (language)": "C++",
    "c.p.p.": "C++",
    "NodeJS": "Node.js",
    "C with Classes": "C++",
    "Cfront dialect": "C++",
    "cwc": "C++",
    "C-with-classes": "C++",
    "Classic C": "C++",  # through C with Classes
    "A/B test?": "A|B testing",
}
ACCEPTED = [
    "C++",
    "C plus plus",
    "Node.js",
    "A|B testing",
    "#hashtag",
    "$HOME dir",
    "x^2 [sq]",
    "a{2}",
    "back\\slash",
]


@pytest.fixture
def terms(tmp_path: Path) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(TERMS, encoding="utf-8")
    assert checking.check([str(path)]).problems == []
    return path


def export(
    capsys: pytest.CaptureFixture[str], database: Path, out: Path
) -> tuple[dict[str, Any], dict[str, Any] | None, list[str], str]:
    """Terms.yml, Deprecated.yml (None when not written), accept.txt's lines, stderr."""
    status, stdout, err = run(capsys, "export", "-d", str(database), "-f", "vale", "-o", str(out))
    assert (status, stdout) == (0, ""), err
    rules = out / "Termref"
    terms = yaml.safe_load((rules / "Terms.yml").read_text(encoding="utf-8"))
    deprecated_file = rules / "Deprecated.yml"
    deprecated = (
        yaml.safe_load(deprecated_file.read_text(encoding="utf-8"))
        if deprecated_file.exists()
        else None
    )
    vocabulary = out / "config" / "vocabularies" / "Termref" / "accept.txt"
    return terms, deprecated, vocabulary.read_text(encoding="utf-8").splitlines(), err


def vale_pattern(keys: list[str], ignorecase: bool = True) -> re.Pattern[str]:
    """The keys as Vale joins them for a ``nonword`` rule: longest first, each a group."""
    ordered = sorted(keys, key=len, reverse=True)
    flags = "(?i)" if ignorecase else ""
    return re.compile(flags + "(?m)(?:" + "|".join(f"({key})" for key in ordered) + ")")


def test_the_substitution_rule(
    capsys: pytest.CaptureFixture[str], terms: Path, tmp_path: Path
) -> None:
    rule, _, _, _ = export(capsys, terms, tmp_path / "styles")
    assert rule["extends"] == "substitution"
    assert rule["message"] == "Use '%s' instead of '%s'."
    assert rule["level"] == "warning"
    assert rule["ignorecase"] is True
    assert rule["nonword"] is True
    assert rule["vocab"] is False  # accepted words must not silence a swap
    assert rule["action"] == {"name": "replace"}
    swap: dict[str, str] = rule["swap"]
    # Vale splits a replacement on "|"; an escaped one stays in the name.
    assert {key: value.replace("\\|", "|") for key, value in swap.items()} == {
        rf"(?<!\w){escape(spelling)}(?!\w)": name for spelling, name in SWAPS.items()
    }
    assert r"(?<!\w)Cpp \(language\)(?!\w)" in swap
    assert r"(?<!\w)c\.p\.p\.(?!\w)" in swap
    # Each key matches its spelling, in any case, and nothing else.
    for key, spelling in zip(swap, SWAPS, strict=True):
        compiled = re.compile(key, re.IGNORECASE)
        assert compiled.fullmatch(spelling), key
        assert compiled.fullmatch(spelling.upper()), key
        assert compiled.fullmatch(spelling.lower()), key
        assert compiled.search(f"Say {spelling}, then.")
        assert compiled.search(f"({spelling})")
        assert not compiled.search(f"x{spelling}"), key  # inside a longer word
        assert not compiled.search(f"{spelling}x"), key
    cpp_paren = re.compile(r"(?<!\w)Cpp \(language\)(?!\w)", re.IGNORECASE)
    assert not cpp_paren.search("Cpp language") and not cpp_paren.search("Cpp (languages)")
    dots = re.compile(r"(?<!\w)c\.p\.p\.(?!\w)", re.IGNORECASE)
    assert not dots.search("cxpxpx") and not dots.search("c.p.p")
    # The joined pattern finds each spelling in running text, and the group it
    # matches names the replacement Vale suggests.
    joined = vale_pattern(list(swap))
    ordered = sorted(swap, key=len, reverse=True)
    text = "We wrote CPP (LANGUAGE) and nodejs, once called classic c; see A/B test?"
    found = [
        (match.group(), swap[ordered[match.lastindex - 1]])
        for match in joined.finditer(text)
        if match.lastindex
    ]
    assert found == [
        ("CPP (LANGUAGE)", "C++"),
        ("nodejs", "Node.js"),
        ("classic c", "C++"),
        ("A/B test?", "A\\|B testing"),
    ]
    assert not joined.search("C++, Node.js, C plus plus and A|B testing are fine.")


def test_deprecated_terms_without_a_replacement(
    capsys: pytest.CaptureFixture[str], terms: Path, tmp_path: Path
) -> None:
    _, rule, _, _ = export(capsys, terms, tmp_path / "styles")
    assert rule is not None
    assert rule["extends"] == "existence"
    assert rule["message"].count("%s") == 1
    assert (rule["level"], rule["ignorecase"], rule["nonword"], rule["vocab"]) == (
        "warning",
        True,
        True,
        False,
    )
    assert rule["tokens"] == [r"(?<!\w)Punch Card \(IBM\)(?!\w)", r"(?<!\w)Hollerith card(?!\w)"]
    joined = vale_pattern(rule["tokens"])
    assert [m.group() for m in joined.finditer("A punch card (ibm), a HOLLERITH CARD.")] == [
        "punch card (ibm)",
        "HOLLERITH CARD",
    ]
    assert not joined.search("a punch card, Hollerith cards")


def test_the_vocabulary(capsys: pytest.CaptureFixture[str], terms: Path, tmp_path: Path) -> None:
    _, _, lines, _ = export(capsys, terms, tmp_path / "styles")
    # Names and aliases of the terms in use, drafts included; not hidden aliases,
    # discouraged spellings, or any spelling of a deprecated term.
    assert lines == [
        r"C\+\+",
        "C plus plus",
        r"Node\.js",
        r"A\|B testing",
        r"\#hashtag",  # a line that starts with "#" is a comment
        r"\$HOME dir",
        r"x\^2 \[sq\]",
        r"a\{2\}",
        r"back\\slash",
    ]
    for line, spelling in zip(lines, ACCEPTED, strict=True):
        compiled = re.compile(line)
        assert compiled.fullmatch(spelling), line
        assert re.compile(line, re.IGNORECASE).fullmatch(spelling.swapcase()), line
    assert not re.fullmatch(lines[0], "Cxx") and not re.fullmatch(lines[0], "C")
    assert not re.fullmatch(lines[2], "Node-js") and not re.fullmatch(lines[6], "x^2 s")
    assert not re.fullmatch(lines[7], "aa") and not re.fullmatch(lines[8], "back\\\\slash")


def test_it_reports_what_it_wrote(
    capsys: pytest.CaptureFixture[str], terms: Path, tmp_path: Path
) -> None:
    out = tmp_path / "new" / "styles"  # made, with its parents
    *_, err = export(capsys, terms, out)
    assert err.splitlines() == [
        f"{out / 'Termref' / 'Terms.yml'}: 9 spellings to replace",
        f"{out / 'Termref' / 'Deprecated.yml'}: 2 spellings of deprecated terms without a "
        "replacement",
        f"{out / 'config' / 'vocabularies' / 'Termref' / 'accept.txt'}: 9 accepted spellings",
    ]


def test_a_rule_with_nothing_to_flag_is_not_written(
    capsys: pytest.CaptureFixture[str], terms: Path, tmp_path: Path
) -> None:
    out = tmp_path / "styles"
    export(capsys, terms, out)
    assert (out / "Termref" / "Deprecated.yml").exists()
    # An empty pattern would match everywhere; the stale rule goes.
    terms.write_text(TERMS.replace("    status: deprecated\n  - id: ab", "  - id: ab"))
    rule, deprecated, _, err = export(capsys, terms, out)
    assert deprecated is None
    assert f"{out / 'Termref' / 'Deprecated.yml'}: removed" in err
    assert "Punch Card" not in str(rule)


def test_the_example_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rule, deprecated, lines, _ = export(capsys, EXAMPLE_TERMS, tmp_path / "styles")
    assert rule["swap"] == {
        r"(?<!\w)mesa-optimiser(?!\w)": "Mesa-Optimization",
        r"(?<!\w)Optimization Daemon(?!\w)": "Mesa-Optimization",
    }
    assert deprecated is None
    assert "Mesa-Optimization" in lines and "ELK" in lines
    assert "Optimization Daemon" not in lines


@pytest.mark.parametrize("output", [None, "-"])
def test_vale_needs_a_directory(
    capsys: pytest.CaptureFixture[str], terms: Path, output: str | None
) -> None:
    options = ["-o", output] if output else []
    status, out, err = run(capsys, "export", "-d", str(terms), "-f", "vale", *options)
    assert (status, out) == (2, "")
    assert err.startswith("sphinx-termref export: error: --format vale writes a directory")
    assert "-o DIR" in err


def test_vale_output_is_a_file(
    capsys: pytest.CaptureFixture[str], terms: Path, tmp_path: Path
) -> None:
    status, _, err = run(capsys, "export", "-d", str(terms), "-f", "vale", "-o", str(terms))
    assert status == 2
    assert f"-o {str(terms)!r} is a file" in err
    # Below a file: the directory cannot be made.
    below = terms / "styles"
    status, _, err = run(capsys, "export", "-d", str(terms), "-f", "vale", "-o", str(below))
    assert status == 1
    assert err.startswith("sphinx-termref export: cannot write ")
    assert "Not a directory" in err

"""Broken and hostile database files: one case per way a file can be wrong, each
reported with its exact message at its file, line and column; YAML limited to plain
data (no tags, no aliases, bounded size and depth, UTF-8 with or without a BOM).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import NamedTuple

import pytest
from helpers import Built, build, dump_terms, project, write_project

from sphinx_termref.termdb import yaml_source
from sphinx_termref.termdb.validation import validate

GOOD = "terms:\n  - id: good\n    name: Good Term\n    summary: Still built.\n"
EXAMPLE = "terms:\n  - id: mesa-optimization\n    name: Mesa-Optimization"
SYNTAX_HINT = "; check the indentation and quoting there"
ALIAS_MESSAGE = "YAML aliases (*name) are not allowed in a term database: write the value out"
KNOWN_FIELDS = (
    "id, name, abbreviation, category, summary, technical_definition, background, read_more, "
    "aliases, hidden_aliases, broader, usage_note, organizations, see_also, tags, labels, index, "
    "status, replaced_by, discouraged, owner, reviewed, autolink"
)


class Case(NamedTuple):
    file: str
    content: str | bytes
    type: str
    line: int
    column: int  # 0: the warning has no column
    message: str  # the whole message; "{dir}" stands for the corpus directory
    #: How many termref warnings the file gives in all; None: not checked (the
    #: broken value also leaves a required field missing, which is warned too).
    count: int | None = 1


# One case per line group: file, content, subtype, line, column, message.
# fmt: off
CASES = [
    Case(
        "syntax-error.yaml",
        "terms:\n  - id: syntax-error\n    name: Syntax: Error\n",
        "termref.yaml", 3, 17,
        "YAML syntax error: mapping values are not allowed in this context" + SYNTAX_HINT,
    ),
    Case(
        "bad-indentation.yaml",
        "terms:\n  - id: bad-indentation\n    name: A\n   summary: misindented\n",
        "termref.yaml", 4, 4,
        "YAML syntax error: while parsing a block collection did not find expected '-' "
        "indicator" + SYNTAX_HINT,
    ),
    Case(
        "tab-indentation.yaml",
        "terms:\n\t- id: tab-indentation\n\t  name: Tabs\n",
        "termref.yaml", 2, 1,
        "YAML syntax error: while scanning for the next token found character that cannot "
        "start any token" + SYNTAX_HINT,
    ),
    Case(
        "two-documents.yaml",
        "terms: []\n---\nterms: []\n",
        "termref.yaml", 2, 1,
        "the file holds more than one YAML document (a '---' line); keep one: only the "
        "first is read",
    ),
    Case(
        "top-level-list.yaml",
        "- id: top-level-list\n  name: Listed\n",
        "termref.schema", 1, 1,
        "the file holds a list; it must be a mapping with a 'terms' list",
    ),
    Case(
        "top-level-string.yaml",
        "just some words\n",
        "termref.schema", 1, 1,
        "the file holds a string; it must be a mapping with a 'terms' list",
    ),
    Case(
        "missing-terms-key.yaml",
        "glossary:\n  - id: missing-terms-key\n    name: Nowhere\n",
        "termref.schema", 1, 1,
        "expected a 'terms' list, found no 'terms' key",
        count=2,  # and "unknown field 'glossary' at the top of the file"
    ),
    Case(
        "unknown-top-level-key.yaml",
        "terms: []\nterm: []\n",
        "termref.schema", 2, 1,
        "unknown field 'term' at the top of the file; did you mean 'terms'?",
    ),
    Case(
        "terms-not-a-list.yaml",
        "terms:\n  id: terms-not-a-list\n  name: Mapped\n",
        "termref.schema", 1, 1,
        "expected a 'terms' list, found a mapping",
    ),
    Case(
        "terms-a-string.yaml",
        "terms: mesa-optimization\n",
        "termref.schema", 1, 1,
        "expected a 'terms' list, found a string",
    ),
    Case(
        "term-not-a-mapping.yaml",
        "terms:\n  - just-a-slug\n",
        "termref.schema", 2, 5,
        "a term must be a mapping of fields, found a string",
    ),
    Case(
        "term-empty-item.yaml",
        "terms:\n  -\n",
        "termref.schema", 2, 4,
        "a term must be a mapping of fields, found nothing",
    ),
    Case(
        "missing-id.yaml",
        "terms:\n  - name: No Id\n",
        "termref.schema", 2, 5,
        "this term has no 'id'; add one (Stable identifier, e.g. ``mesa-optimization``.)",
    ),
    Case(
        "missing-name.yaml",
        "terms:\n  - id: missing-name\n",
        "termref.schema", 2, 5,
        "term 'missing-name' has no 'name'; add one (Display name, e.g. ``Mesa-Optimization``.)",
    ),
    Case(
        "null-name.yaml",
        "terms:\n  - id: null-name\n    name:\n",
        "termref.schema", 2, 5,
        "term 'null-name' has no 'name'; add one (Display name, e.g. ``Mesa-Optimization``.)",
    ),
    Case(
        "bad-slug.yaml",
        "terms:\n  - id: Bad Slug\n    name: Bad Slug\n",
        "termref.schema", 2, 5,
        "id 'Bad Slug' is not a slug: use lowercase letters, digits and single hyphens, "
        "for example 'bad-slug'",
    ),
    Case(
        "reserved-id.yaml",
        "terms:\n  - id: external\n    name: External\n",
        "termref.schema", 2, 5,
        "id 'external' is reserved: the extension marks other links with the class "
        "'termref--external'; choose another id, for example 'external-term'",
    ),
    Case(
        "empty-id.yaml",
        "terms:\n  - id: ''\n    name: Empty Id\n",
        "termref.schema", 2, 5,
        "id '' is not a slug: use lowercase letters, digits and single hyphens, for example "
        "'mesa-optimization'",
    ),
    Case(
        "name-a-mapping.yaml",
        "terms:\n  - id: name-a-mapping\n    name: {first: A}\n",
        "termref.schema", 3, 5,
        "'name' of term 'name-a-mapping' must be a string, found a mapping",
    ),
    Case(
        "name-a-boolean.yaml",
        "terms:\n  - id: name-a-boolean\n    name: yes\n",
        "termref.schema", 3, 5,
        "'name' of term 'name-a-boolean' must be a string, found a boolean (True); "
        "put it in quotes",
    ),
    Case(
        "text-a-list.yaml",
        "terms:\n  - id: text-a-list\n    name: Text List\n    summary: [one, two]\n",
        "termref.schema", 4, 5,
        "'summary' of term 'text-a-list' must be a string, found a list",
    ),
    Case(
        "text-a-mapping.yaml",
        "terms:\n  - id: text-a-mapping\n    name: Text Map\n    usage_note: {a: b}\n",
        "termref.schema", 4, 5,
        "'usage_note' of term 'text-a-mapping' must be a string, found a mapping",
    ),
    Case(
        "list-a-string.yaml",
        "terms:\n  - id: list-a-string\n    name: List String\n    aliases: Only One\n",
        "termref.schema", 4, 5,
        "'aliases' of term 'list-a-string' must be a list, found a string; write it as a "
        "list item: '- Only One'",
    ),
    Case(
        "list-a-mapping.yaml",
        "terms:\n  - id: list-a-mapping\n    name: List Map\n    see_also: {a: 1}\n",
        "termref.schema", 4, 5,
        "'see_also' of term 'list-a-mapping' must be a list, found a mapping",
    ),
    Case(
        "list-item-a-list.yaml",
        "terms:\n  - id: list-item-a-list\n    name: Item List\n    tags:\n      - fine\n"
        "      - [nested]\n",
        "termref.schema", 6, 9,
        "item 2 of 'tags' of term 'list-item-a-list' must be a string, found a list",
    ),
    Case(
        "read-more-a-list.yaml",
        "terms:\n  - id: read-more-a-list\n    name: Read List\n    read_more: [x]\n",
        "termref.schema", 4, 5,
        "'read_more' of term 'read-more-a-list' must be a mapping with 'url' and 'label'",
    ),
    Case(
        "read-more-without-url.yaml",
        "terms:\n  - id: read-more-without-url\n    name: No Url\n    read_more:\n"
        "      label: Wikipedia\n",
        "termref.schema", 4, 5,
        "'read_more' of term 'read-more-without-url' has no 'url'; add one (Where the link "
        "goes.)",
    ),
    Case(
        "read-more-empty-url.yaml",
        "terms:\n  - id: read-more-empty-url\n    name: Empty Url\n    read_more: ''\n",
        "termref.schema", 4, 5,
        "'url' of 'read_more' of term 'read-more-empty-url' is empty",
    ),
    Case(
        "read-more-label-a-mapping.yaml",
        "terms:\n  - id: read-more-label\n    name: Label Map\n    read_more:\n"
        "      url: https://example.org\n      label: {a: b}\n",
        "termref.schema", 6, 7,
        "'label' of 'read_more' of term 'read-more-label' must be a string, found a mapping",
    ),
    Case(
        "read-more-unknown-field.yaml",
        "terms:\n  - id: read-more-unknown\n    name: Lable\n    read_more:\n"
        "      url: https://example.org\n      lable: Typo\n",
        "termref.schema", 6, 7,
        "unknown field 'lable' in 'read_more' of term 'read-more-unknown'; did you mean "
        "'label'?",
    ),
    Case(
        "organizations-a-mapping.yaml",
        "terms:\n  - id: organizations-a-mapping\n    name: Orgs Map\n"
        "    organizations: {name: MIRI}\n",
        "termref.schema", 4, 5,
        "'organizations' of term 'organizations-a-mapping' must be a list, found a mapping",
    ),
    Case(
        "organization-a-string.yaml",
        "terms:\n  - id: organization-a-string\n    name: Org String\n    organizations:\n"
        "      - MIRI\n",
        "termref.schema", 5, 9,
        "an organization of term 'organization-a-string' must be a mapping, found a string",
    ),
    Case(
        "organization-without-name.yaml",
        "terms:\n  - id: organization-without-name\n    name: Org Nameless\n"
        "    organizations:\n      - url: https://example.org\n",
        "termref.schema", 5, 9,
        "an organization of term 'organization-without-name' has no 'name'; add one (The "
        "organization's name.)",
    ),
    Case(
        "organization-description-a-list.yaml",
        "terms:\n  - id: organization-description\n    name: Org Description\n"
        "    organizations:\n      - name: X\n        description: [x]\n",
        "termref.schema", 6, 9,
        "'description' of an organization of term 'organization-description' must be a "
        "string, found a list",
    ),
    Case(
        "duplicate-key.yaml",
        "terms:\n  - id: duplicate-key\n    name: First\n    name: Second\n",
        "termref.schema", 4, 5,
        "key 'name' is written twice in this mapping (first on line 3); keep one of them",
    ),
    Case(
        "unknown-field-with-suggestion.yaml",
        "terms:\n  - id: unknown-field\n    name: Typo\n    technical_defintion: x\n",
        "termref.schema", 4, 5,
        "unknown field 'technical_defintion' in term 'unknown-field'; did you mean "
        "'technical_definition'?",
    ),
    Case(
        "unknown-field-without-suggestion.yaml",
        "terms:\n  - id: unknown-field-far\n    name: Far\n    zzz: 1\n",
        "termref.schema", 4, 5,
        f"unknown field 'zzz' in term 'unknown-field-far'; known fields: {KNOWN_FIELDS}",
    ),
    Case(
        "duplicate-id-1.yaml",
        "terms:\n  - id: twice\n    name: Twice First\n",
        "", 0, 0, "", count=0,
    ),
    Case(
        "duplicate-id-2.yaml",
        "# the second file with the id\nterms:\n  - id: twice\n    name: Twice Second\n",
        "termref.duplicate_id", 3, 0,
        "term id 'twice' is already used by the term at {dir}/duplicate-id-1.yaml:2; give "
        "one of them another id (this one is skipped)",
    ),
    Case(
        "name-alias-collision.yaml",
        "terms:\n  - id: first-owner\n    name: Shared Spelling\n"
        "  - id: second-owner\n    name: Second Owner\n    aliases: [shared_SPELLING]\n",
        "termref.collision", 6, 15,
        "'shared_SPELLING' of term 'second-owner' matches 'Shared Spelling' of term "
        "'first-owner' (at {dir}/name-alias-collision.yaml:3:5); references could not tell "
        "them apart: rename or remove one of them",
    ),
    Case(
        "unknown-tag.yaml",
        "terms:\n  - id: unknown-tag\n    name: Tagged\n    summary: !foo bar\n",
        "termref.yaml", 4, 14,
        "YAML tag '!foo' is not allowed: a term database holds only plain strings, lists "
        "and mappings; remove the tag",
    ),
    Case(
        "python-tag.yaml",
        "terms:\n  - id: python-tag\n    name: !!python/object/apply:os.system ['echo pwned']\n",
        "termref.yaml", 3, 11,
        "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: a term "
        "database holds only plain strings, lists and mappings; remove the tag",
        count=None,
    ),
    Case(
        "binary-tag.yaml",
        "terms:\n  - id: binary-tag\n    name: Binary\n    summary: !!binary aGVsbG8=\n",
        "termref.yaml", 4, 14,
        "YAML tag 'tag:yaml.org,2002:binary' is not allowed: a term database holds only "
        "plain strings, lists and mappings; remove the tag",
    ),
    Case(
        "alias.yaml",
        "terms:\n  - id: alias\n    name: &n Anchored\n    aliases: [*n]\n",
        "termref.yaml", 4, 15,
        ALIAS_MESSAGE,
        count=None,
    ),
    Case(
        "complex-key.yaml",
        "terms:\n  - id: complex-key\n    name: Complex\n    ? [a, b]\n    : value\n",
        "termref.yaml", 4, 7,
        "a mapping key must be a plain word such as 'name'",
    ),
    Case(
        "not-utf8.yaml",
        b"terms:\n  - id: not-utf8\n    name: Caf\xe9\n",
        "termref.yaml", 3, 14,
        "the file is not valid UTF-8 (byte 0xe9); save it with UTF-8 encoding",
    ),
    Case(
        "utf16.yaml",
        "terms:\n  - id: utf16\n    name: Sixteen\n".encode("utf-16"),
        "termref.yaml", 1, 1,
        "the file is not valid UTF-8 (byte 0xff); save it with UTF-8 encoding",
    ),
    Case(
        "empty.yaml",
        "",
        "termref.schema", 1, 1,
        f"the file is empty; a database file looks like:\n{EXAMPLE}",
    ),
    Case(
        "only-comments.yaml",
        "# terms will come here\n",
        "termref.schema", 1, 1,
        f"the file is empty; a database file looks like:\n{EXAMPLE}",
    ),
    Case(
        "too-deep.yaml",
        "terms:\n  - id: too-deep\n    name: Deep\n    summary: [[[[[[[[[[[[[[x]]]]]]]]]]]]]]\n",
        "termref.yaml", 4, 28,
        "nesting deeper than 16 levels; a term needs at most 4",
        count=2,  # and "'summary' ... must be a string, found a list"
    ),
    Case(
        "unsafe-read-more.yaml",
        "terms:\n  - id: unsafe-read-more\n    name: Unsafe\n    read_more: javascript:alert(1)\n",
        "termref.schema", 4, 5,
        "'url' of 'read_more' of term 'unsafe-read-more' cannot be 'javascript:alert(1)': "
        "the scheme 'javascript' is not allowed; use http:, https:, mailto: or a relative link",
    ),
    Case(
        "unsafe-organization-url.yaml",
        "terms:\n  - id: unsafe-organization\n    name: Unsafe Org\n    organizations:\n"
        "      - name: Org\n        url: ' JaVaScRiPt:alert(1)'\n",
        "termref.schema", 6, 9,
        "'url' of an organization of term 'unsafe-organization' cannot be "
        "'JaVaScRiPt:alert(1)': the scheme 'javascript' is not allowed; use http:, https:, "
        "mailto: or a relative link",
    ),
    Case(
        "url-with-control-character.yaml",
        'terms:\n  - id: url-control\n    name: Control\n    read_more:\n'
        '      url: "java\\tscript:alert(1)"\n',
        "termref.schema", 5, 7,
        "'url' of 'read_more' of term 'url-control' cannot be 'java\\tscript:alert(1)': it "
        "contains control characters or white space; remove them",
    ),
]
# fmt: on

CORPUS_PAGE = """\
Corpus
======

.. term-card:: good

.. term-index::
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Every broken file in one database directory next to a good file, built once."""
    tmp = tmp_path_factory.mktemp("corpus")
    files: dict[str, str | bytes] = {"good.yaml": GOOD}
    files.update({f"broken/{case.file}": case.content for case in CASES})
    srcdir = write_project(
        tmp / "src",
        files,
        {"index": CORPUS_PAGE},
        conf_extra='termref_databases = ["good.yaml", "broken"]\n',
    )
    built = build(srcdir, tmp / "_build")
    return built


def test_corpus_files_are_unique() -> None:
    assert len({case.file for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.file.removesuffix(".yaml") for case in CASES])
def test_broken_file_is_reported_exactly(corpus: Built, case: Case) -> None:
    directory = corpus.srcdir / "broken"
    path = directory / case.file
    of_file = [
        w
        for w in corpus.termref()
        if w.location == f"{path}:" or w.location.startswith(f"{path}:")
    ]
    if case.count is not None:
        assert len(of_file) == case.count, of_file
    if not case.type:
        return
    location = f"{path}:{case.line}" + (f":{case.column}" if case.column else "")
    expected = (case.type, location, case.message.format(dir=directory))
    assert expected in [(w.type, w.location, w.message) for w in of_file], of_file


def test_every_broken_file_is_reported_and_the_good_term_still_builds(corpus: Built) -> None:
    warned = {w.location.split(".yaml:")[0] + ".yaml" for w in corpus.termref()}
    expected = {str(corpus.srcdir / "broken" / c.file) for c in CASES if c.type}
    assert expected <= warned
    assert not [w for w in corpus.warnings if not w.type.startswith("termref")], corpus.warnings
    soup = corpus.soup()
    good = soup.find(id="termref-good")
    assert good is not None and good.find("dfn").get_text() == "Good Term"


def test_a_broken_optional_field_skips_the_field_not_the_term(corpus: Built) -> None:
    """docs/warnings.md: the broken term (or field) is skipped, the rest is built."""
    listed = {dt.get_text(" ", strip=True) for dt in corpus.soup().select("div.termref-index dt")}
    kept = {
        "Good Term",
        "Text List",
        "Text Map",
        "List String",
        "List Map",
        "Item List",
        "Read List",
        "No Url",
        "Empty Url",
        "Label Map",
        "Lable",
        "Orgs Map",
        "Org String",
        "Org Nameless",
        "Org Description",
        "First",
        "Typo",
        "Far",
        "Twice First",
        "Shared Spelling",
        "Second Owner",
        "Tagged",
        "Binary",
        "Anchored",
        "Complex",
        "Deep",
        "Unsafe",
        "Unsafe Org",
        "Control",
    }
    assert listed == kept


# -- YAML limits -----------------------------------------------------------------------------


def _billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghijklmnop"[: levels - 1]:
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    lines.append(f"terms:\n  - id: lol\n    name: Lol\n    aliases: *{previous}\n")
    return "\n".join(lines)


def test_billion_laughs_is_refused_quickly_in_a_separate_process(tmp_path: Path) -> None:
    """If aliases were expanded this would need ~10**9 strings; the bound is generous."""
    path = tmp_path / "lol.yaml"
    path.write_text(_billion_laughs(), encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from sphinx_termref.termdb.yaml_source import read_yaml
        document, problems = read_yaml(Path({str(path)!r}))
        print(len(problems))
        print(problems[0].message)
        """
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30
    count, message = done.stdout.splitlines()[:2]
    assert int(count) >= 8
    assert message == ALIAS_MESSAGE


def test_billion_laughs_in_a_build_reports_aliases_and_builds_the_rest(tmp_path: Path) -> None:
    built = project(
        tmp_path,
        {"terms.yaml": _billion_laughs(), "good.yaml": GOOD},
        "Lol\n===\n\n.. term-card:: good\n\n.. term-card:: lol\n",
        conf_extra='termref_databases = ["terms.yaml", "good.yaml"]\n',
    )
    aliases = [w for w in built.typed("termref.yaml") if "YAML aliases (*name)" in w.message]
    assert len(aliases) >= 8
    soup = built.soup()
    assert soup.find(id="termref-good") is not None
    lol = soup.find(id="termref-lol")
    assert lol is not None and lol.find("dfn").get_text() == "Lol"
    assert lol.find(class_="termref-aliases") is None  # the aliased list is dropped


def test_recursive_alias_is_refused_without_recursion(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text(
        "terms: &t\n  - id: loop\n    name: Loop\n    see_also: *t\n", encoding="utf-8"
    )
    document, problems = yaml_source.read_yaml(path)
    assert document is not None
    assert [(p.line, p.column, p.message) for p in problems] == [(4, 15, ALIAS_MESSAGE)]


def test_merge_key_alias_is_reported_as_an_alias(tmp_path: Path) -> None:
    """Guards against a misleading message: ``<<: *defaults`` - the usual way aliases are used - is
    reported as "a mapping key must be a plain word such as 'name'", which says nothing about the
    alias that is the actual problem; the alias is never looked at. Expected: the "YAML aliases
    (*name) are not allowed" message (or one naming the merge key) at the ``<<`` line.
    """
    path = tmp_path / "merge.yaml"
    path.write_text(
        "defaults: &defaults\n  category: Shared\nterms:\n  - <<: *defaults\n"
        "    id: merged\n    name: Merged\n",
        encoding="utf-8",
    )
    _, problems = yaml_source.read_yaml(path)
    yaml_problems = [p for p in problems if p.subtype.value == "yaml"]
    assert yaml_problems, problems
    assert any(
        "alias" in p.message.lower() or "merge" in p.message.lower() for p in yaml_problems
    ), [p.message for p in yaml_problems]


def test_file_over_the_size_limit_is_refused_unparsed(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path / "src",
        {"huge.yaml": "", "good.yaml": GOOD},
        {"index": "Huge\n====\n\n.. term-card:: good\n"},
        conf_extra='termref_databases = ["huge.yaml", "good.yaml"]\n',
    )
    huge = srcdir / "huge.yaml"
    with huge.open("wb") as handle:
        handle.write(b"terms: []\n")
        handle.write(b"#" * (yaml_source.MAX_FILE_BYTES - 10) + b"\n")  # one byte too many
    assert huge.stat().st_size == yaml_source.MAX_FILE_BYTES + 1
    started = time.monotonic()
    built = build(srcdir, tmp_path / "_build")
    assert time.monotonic() - started < 30
    (warning,) = built.termref()
    assert warning.type == "termref.yaml"
    assert warning.location == f"{huge}:"
    assert warning.message == "file is larger than 32 MiB; split it into several database files"
    assert built.soup().find(id="termref-good") is not None


@pytest.mark.parametrize(
    ("shape", "depth"),
    [("flow", 10_000), ("flow", 200_000), ("block-mapping", 3_000), ("block-sequence", 3_000)],
)
def test_very_deep_nesting_is_a_clear_error(tmp_path: Path, shape: str, depth: int) -> None:
    if shape == "flow":
        summary = " " + "[" * depth + "x" + "]" * depth
    else:
        step, item = (" ", "k:") if shape == "block-mapping" else ("  ", "-")
        summary = "".join(f"\n      {step * i}{item}" for i in range(depth)) + " x"
    path = tmp_path / "deep.yaml"
    path.write_text(
        f"terms:\n  - id: deep\n    name: Deep\n    summary:{summary}\n", encoding="utf-8"
    )
    started = time.monotonic()
    _, problems = yaml_source.read_yaml(path)
    assert time.monotonic() - started < 20
    assert len(problems) >= 1
    message = problems[0].message
    assert "nesting" in message, message
    assert 1 <= problems[0].line <= depth + 5


def test_nesting_at_the_limit_is_not_a_yaml_error(tmp_path: Path) -> None:
    path = tmp_path / "limit.yaml"
    # ("terms", 0, "summary") and 13 lists: 16 levels, the most allowed.
    path.write_text(
        "terms:\n  - id: a\n    name: A\n    summary: " + "[" * 13 + "x" + "]" * 13 + "\n"
    )
    _, problems = yaml_source.read_yaml(path)
    assert problems == []


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    database = b"\xef\xbb\xbf" + dump_terms(
        [{"id": "bom", "name": "Byte Order", "summary": "Caf\u00e9 \u2013 na\u00efve."}]
    ).encode("utf-8")
    built = project(
        tmp_path, database, "Bom\n===\n\n.. term-card:: bom\n\nSee :termref:`byte order`.\n"
    )
    assert built.warnings == []
    card = built.soup().find(id="termref-bom")
    assert card.find("dfn").get_text() == "Byte Order"
    assert (
        card.find(class_="termref-card__summary").get_text(strip=True)
        == "Caf\u00e9 \u2013 na\u00efve."
    )


def test_byte_order_mark_does_not_shift_positions(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfterms:\n  - id: bom\n    name: Bom\n    sumary: x\n")
    document, problems = yaml_source.read_yaml(path)
    assert problems == [] and document is not None
    _, problems = validate(document)
    assert [(p.line, p.column) for p in problems] == [(4, 5)]


def test_byte_order_mark_then_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bom-latin1.yaml"
    path.write_bytes(b"\xef\xbb\xbfterms:\n  - id: x\n    name: Caf\xe9\n")
    _, problems = yaml_source.read_yaml(path)
    assert [(p.subtype.value, p.line, p.column, p.message) for p in problems] == [
        ("yaml", 3, 14, "the file is not valid UTF-8 (byte 0xe9); save it with UTF-8 encoding")
    ]


def test_unclosed_bracket_at_the_end_is_located_inside_the_file(tmp_path: Path) -> None:
    """Guards against this: a flow sequence left open at the end of the file is reported one line
    past the end (line 4 of a 3-line file), where no editor can jump. The quoted-scalar case was
    fixed by pointing at where the construct began; this one was not. Expected: the position of the
    "[" (line 3, column 11).
    """
    path = tmp_path / "open.yaml"
    path.write_text("terms:\n  - id: a\n    name: [unclosed\n", encoding="utf-8")
    _, (problem,) = yaml_source.read_yaml(path)
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert problem.message.startswith("YAML syntax error: ")
    assert 1 <= problem.line <= lines, f"line {problem.line} is past the end ({lines} lines)"
    assert (problem.line, problem.column) == (3, 11)


def test_empty_name_is_refused(tmp_path: Path) -> None:
    """Guards against this: ``name: ''`` (or only spaces) passes validation although ``name`` is
    required: the term gets an empty heading, and Sphinx itself then warns "invalid single index
    entry ''" (type ``index``, located on the page, not in the database). Expected: a
    termref.schema warning at the name in the database file, like a missing name, and no Sphinx
    index warning.
    """
    database = "terms:\n  - id: blank\n    name: '   '\n  - id: good\n    name: Good\n"
    built = project(
        tmp_path, database, "Blank\n=====\n\n.. term-card:: blank\n\n.. term-card:: good\n"
    )
    assert [w for w in built.warnings if w.type == "index"] == []
    schema = built.typed("termref.schema")
    assert [w.location for w in schema] in (
        [f"{built.srcdir / 'terms.yaml'}:2:5"],
        [f"{built.srcdir / 'terms.yaml'}:3:5"],
    ), built.warnings
    assert "name" in schema[0].message


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("007", "007"),
        ("0x1F", "0x1F"),
        ("1:20", "1:20"),
        ("2.50", "2.50"),
        ("1e3", "1e3"),
        ("0o17", "0o17"),
        ("42", "42"),
    ],
)
def test_numbers_in_text_fields_keep_their_text(tmp_path: Path, written: str, meant: str) -> None:
    """Guards against this: a number where text belongs is accepted ("version: 2"), but as
    ``str(value)`` of what YAML 1.1 made of it: the alias ``007`` becomes ``7``, ``0x1F`` becomes
    ``31``, ``1:20`` (sexagesimal) becomes ``80``, ``2.50`` becomes ``2.5``. The card shows another
    text than the file, and a reference written as in the file does not match. Expected: the text
    as written (the scalar's source).
    """
    database = f"terms:\n  - id: agent\n    name: Agent\n    aliases:\n      - {written}\n"
    page = f"Agent\n=====\n\n.. term-card:: agent\n\nSee :termref:`{meant}`.\n"
    built = project(tmp_path, database, page)
    card = built.soup().find(id="termref-agent")
    shown = [li.get_text(strip=True) for li in card.select("ul.termref-aliases li")]
    assert shown == [meant]
    assert built.typed("termref.unknown") == []

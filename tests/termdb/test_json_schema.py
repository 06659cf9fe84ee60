"""The JSON Schema for editors: generated from ``schema``'s tables, shipped in the
package, passed by every valid database, and in agreement with the loader on
required fields and types."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOTS
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from sphinx_termref.termdb.database import TermDatabase
from sphinx_termref.termdb.json_schema import SCHEMA_PATH, generate, render
from sphinx_termref.termdb.schema import ORGANIZATION_FIELDS, READ_MORE_FIELDS, TERM_FIELDS, Kind
from sphinx_termref.termdb.validation import validate
from sphinx_termref.termdb.yaml_source import YamlDocument, read_yaml

EXAMPLE_TERMS = Path(__file__).parents[2] / "example_docs" / "terms"
VALIDATOR = Draft7Validator(generate())


def schema_accepts(data: Any) -> bool:
    return VALIDATOR.is_valid(data)


def loader_accepts(data: Any) -> bool:
    """The build's loader finds no problem in a file holding ``data``."""
    terms, problems = validate(YamlDocument("terms.yaml", data, {}))
    return not problems and not TermDatabase(terms).problems


def test_shipped_file_is_the_generated_schema() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), (
        "regenerate it: python -m sphinx_termref schema"
        " -o sphinx_termref/termdb/termref.schema.json"
    )


def test_schema_is_a_valid_draft_7_schema() -> None:
    Draft7Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_schema_follows_the_tables() -> None:
    schema = generate()
    definitions = schema["definitions"]
    for name, fields in [
        ("term", TERM_FIELDS),
        ("read_more", READ_MORE_FIELDS),
        ("organization", ORGANIZATION_FIELDS),
    ]:
        assert list(definitions[name]["properties"]) == list(fields)
        assert definitions[name]["required"] == [k for k, f in fields.items() if f.required]
        assert definitions[name]["additionalProperties"] is False
    assert schema["required"] == ["terms"]


def _root_databases() -> list[Path]:
    return sorted(p for p in ROOTS.glob("*/**/*") if p.suffix in (".yaml", ".yml"))


def _clean(path: Path) -> bool:
    document, problems = read_yaml(path)
    return document is not None and not problems and not validate(document)[1]


VALID_DATABASES = sorted(EXAMPLE_TERMS.glob("*.yaml")) + [
    p for p in _root_databases() if _clean(p)
]


def test_there_are_databases_to_check() -> None:
    assert len(VALID_DATABASES) >= len(list(EXAMPLE_TERMS.glob("*.yaml"))) + 5


@pytest.mark.parametrize(
    "path", VALID_DATABASES, ids=[str(p.relative_to(ROOTS.parent.parent)) for p in VALID_DATABASES]
)
def test_valid_databases_pass(path: Path) -> None:
    # As the loader reads it: an unquoted date stays the text written.
    document, _ = read_yaml(path)
    assert document is not None
    data = document.data
    errors = [error.message for error in VALIDATOR.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    "name", ["missing-id.yaml", "missing-name.yaml", "unknown-field.yaml", "wrong-type.yaml"]
)
def test_broken_databases_fail(name: str) -> None:
    path = ROOTS / "test-bad-db" / "bad" / name
    assert not schema_accepts(yaml.safe_load(path.read_text(encoding="utf-8")))


# --- the schema and the loader agree --------------------------------------------

# Values of the right type for each kind, and values of a wrong type.
RIGHT: dict[Kind, list[Any]] = {
    Kind.slug: ["mesa-optimization", " padded ", 42],
    Kind.plain: ["Text", 7, 2.5],
    Kind.spelling: ["RLHF", " ELK ", 7],
    Kind.text: ["Some *markup*", "", 3],
    Kind.blocks: ["Some *markup*", "A list:\n\n* one\n* two", "", 3],
    Kind.url: ["https://example.org", "HTTP://EXAMPLE.ORG", "page.html", "mailto:a@b.org"],
    Kind.texts: [[], ["a", "b"], ["", "x"], [1, 2.5]],
    Kind.read_more: ["https://example.org", {"url": "https://x.org", "label": "Label"}],
    Kind.organizations: [[], [{"name": "Org"}], [{"name": "O", "url": "https://o.org"}]],
    Kind.labels: [[], ["positional-only_parameter"], ["Two Words", "x"], [3]],
    Kind.index: [[], ["single: name"], ["pair: object; type", "a, b"], [5]],
    Kind.status: ["approved", "draft", "deprecated"],
    Kind.date: ["2024-05-31", " 2024-02-29 "],
    Kind.flag: [True, False],
}
WRONG: dict[Kind, list[Any]] = {
    Kind.slug: ["Not A Slug", "", "a--b", "external", "no-card", -1, 1.5, True, ["a"], {"a": "b"}],
    Kind.plain: [True, ["a"], {"a": "b"}],
    Kind.spelling: ["", "   ", True, ["a"], {"a": "b"}],
    Kind.text: [False, ["a"], {"a": "b"}],
    Kind.blocks: [False, ["a"], {"a": "b"}],
    Kind.url: ["javascript:alert(1)", "data:text/html,x", "", "   ", "a b", True, ["x"]],
    Kind.texts: ["a string", {"a": "b"}, True, 3, [True], [None], [["x"]], [{"a": 1}]],
    Kind.read_more: [True, ["https://x.org"], {"label": "no url"}, {"url": "x", "other": 1}],
    Kind.organizations: ["Org", {"name": "Org"}, True, [None], ["Org"], [{"url": "x"}]],
    Kind.labels: ["a-label", {"a": "b"}, True, [True], [None], ["a<b"], ["`x`"], ["a\\b"]],
    Kind.index: ["single: name", {"a": "b"}, True, [True], [None], [["x"]]],
    Kind.status: ["obsolete", "Draft", "", True, 3, ["draft"]],
    Kind.date: ["2020-13-45", "2024-00-10", "31.05.2024", "2024-5-31", "", True, 3, ["x"]],
    Kind.flag: ["false", "no", 0, 1, ["x"], {"a": "b"}],
}
NESTED = {"read_more": READ_MORE_FIELDS, "organization": ORGANIZATION_FIELDS}
BASE_TERM = {"id": "base", "name": "Base"}


def _documents(field: str, value: Any) -> list[Any]:
    """Files in which ``field`` (of a term, read_more or organization) is ``value``."""
    if field == "replaced_by":  # on a deprecated term, naming another term
        other = {"id": "other", "name": "Other" if value in ("", None) else value}
        return [{"terms": [{**BASE_TERM, "status": "deprecated", field: value}, other]}]
    if field == "broader":  # naming other terms, which the loader looks up
        names = [
            str(item).strip()
            for item in (value if isinstance(value, list) else [])
            if isinstance(item, (str, int, float))
        ]
        others = [{"id": f"other-{i}", "name": name} for i, name in enumerate(filter(None, names))]
        return [{"terms": [{**BASE_TERM, field: value}, *others]}]
    if field in TERM_FIELDS:
        return [{"terms": [{**BASE_TERM, field: value}]}]
    table, _, key = field.partition(".")
    if table == "read_more":
        return [{"terms": [{**BASE_TERM, "read_more": {"url": "https://x.org", key: value}}]}]
    return [{"terms": [{**BASE_TERM, "organizations": [{"name": "Org", key: value}]}]}]


def _cases(kinds: dict[Kind, list[Any]]) -> list[tuple[str, Any]]:
    cases = []
    tables = [("", TERM_FIELDS), ("read_more.", READ_MORE_FIELDS)]
    tables.append(("organization.", ORGANIZATION_FIELDS))
    for prefix, fields in tables:
        for key, field in fields.items():
            cases.extend((prefix + key, value) for value in kinds[field.kind])
            if (
                kinds is RIGHT
                and field.kind in (Kind.plain, Kind.text, Kind.blocks)
                and not field.required
            ):
                cases.append((prefix + key, ""))  # an empty optional text is fine
    return cases


@pytest.mark.parametrize(("field", "value"), _cases(RIGHT))
def test_right_type_passes_both(field: str, value: Any) -> None:
    for document in _documents(field, value):
        assert schema_accepts(document)
        assert loader_accepts(document)


@pytest.mark.parametrize(("field", "value"), _cases(WRONG))
def test_wrong_type_fails_both(field: str, value: Any) -> None:
    for document in _documents(field, value):
        assert not schema_accepts(document)
        assert not loader_accepts(document)


def _fields() -> list[tuple[str, bool]]:
    result = [(key, field.required) for key, field in TERM_FIELDS.items()]
    result += [(f"read_more.{k}", f.required) for k, f in READ_MORE_FIELDS.items()]
    result += [(f"organization.{k}", f.required) for k, f in ORGANIZATION_FIELDS.items()]
    return result


@pytest.mark.parametrize(("field", "required"), _fields())
def test_null_and_missing_agree(field: str, required: bool) -> None:
    """An empty (null) or missing field: fine when optional, a problem when required."""
    [document] = _documents(field, None)
    assert schema_accepts(document) is loader_accepts(document) is not required
    missing = copy.deepcopy(document)
    table, _, key = field.rpartition(".")
    owner = missing["terms"][0]
    if table:
        owner = owner["read_more"] if table == "read_more" else owner["organizations"][0]
    del owner[key or field]
    assert schema_accepts(missing) is loader_accepts(missing) is not required


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "terms",
        {},
        {"terms": None},
        {"terms": "x"},
        {"terms": [None]},
        {"terms": ["x"]},
        {"terms": [], "extra": 1},
        {"terms": [{**BASE_TERM, "unknown": 1}]},
    ],
)
def test_file_shape_agrees(data: Any) -> None:
    assert not schema_accepts(data)
    assert not loader_accepts(data)


def _values(kind: Kind) -> st.SearchStrategy[Any]:
    return st.sampled_from(RIGHT[kind] + WRONG[kind] + [None])


@st.composite
def _terms(draw: st.DrawFn) -> dict[str, Any]:
    term: dict[str, Any] = {}
    for key, field in TERM_FIELDS.items():
        if draw(st.booleans()) or (field.required and draw(st.integers(0, 4))):
            term[key] = draw(_values(field.kind))
    if draw(st.integers(0, 9)) == 0:
        term["unknown_field"] = "x"
    return term


def _names_terms(terms: list[dict[str, Any]]) -> bool:
    """A ``broader`` entry names a term; whether there is one the schema cannot say."""
    return any(
        isinstance(t.get("broader"), list)
        and any(isinstance(i, (int, float, str)) and str(i).strip() for i in t["broader"])
        for t in terms
    )


def _blank_name(terms: list[dict[str, Any]]) -> bool:
    return any(isinstance(t.get("name"), str) and not t["name"].strip() for t in terms)


@settings(max_examples=300, deadline=None)
@given(st.lists(_terms(), max_size=1))
@example([{"id": "x", "name": "Text", "replaced_by": "Text"}])
def test_schema_and_loader_agree_on_any_term(terms: list[dict[str, Any]]) -> None:
    # A blank name: the schema refuses it and the loader is to (termdb/test_yaml_input's
    # test_empty_name_is_refused); until then they may differ there.
    assume(not _blank_name(terms))
    assume(not _names_terms(terms))
    document = {"terms": terms}
    assert schema_accepts(document) == loader_accepts(document)


@pytest.mark.parametrize("field", ["name", "organization.name"])
@pytest.mark.parametrize("value", ["", "   "])
def test_blank_required_text_fails_the_schema(field: str, value: str) -> None:
    [document] = _documents(field, value)
    assert not schema_accepts(document)

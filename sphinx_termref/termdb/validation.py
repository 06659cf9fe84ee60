"""Checking one parsed YAML file against the schema and turning it into Term records.

Every problem is collected and the broken part skipped, so one run reports
everything that is wrong and still builds what is right.
"""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Any

from ..warnings import Problem, Subtype
from . import term_targets
from .records import LINED_FIELDS, Organization, ReadMore, Term
from .schema import (
    DERIVED_FIELDS,
    FILE_FIELDS,
    ORGANIZATION_FIELDS,
    READ_MORE_FIELDS,
    RECORD_ATTRIBUTES,
    RESERVED_IDS,
    STATUSES,
    TERM_FIELDS,
    Field,
    Kind,
    id_problem,
    record_attribute,
    slugify,
    trimmed,
)
from .urls import url_problem
from .yaml_source import DataPath, YamlDocument

#: The YAML keys of ``records.LINED_FIELDS``, in that order.
_LINED_KEYS = tuple(
    next(key for key in TERM_FIELDS if record_attribute(key) == field) for field in LINED_FIELDS
)
_LINED_SLOT = {key: slot for slot, key in enumerate(_LINED_KEYS)}
#: The keys each table of fields requires, by the id of the table (a constant).
_REQUIRED = {
    id(table): tuple(key for key, field in table.items() if field.required)
    for table in (TERM_FIELDS, READ_MORE_FIELDS, ORGANIZATION_FIELDS)
}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EXAMPLE = "terms:\n  - id: mesa-optimization\n    name: Mesa-Optimization"


#: The characters that reorder the text around them (Unicode's bidirectional
#: embeddings, overrides and isolates): one left open in a name turns the rest of a
#: tooltip, an index line or a terminal line around. The marks U+200E and U+200F,
#: which reorder nothing, are allowed.
_BIDI = "\u202a-\u202e\u2066-\u2069"
#: Unicode's control characters (category Cc) and its line and paragraph separators.
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
#: Kinds of text parsed as markup, where tabs and line breaks are white space.
_TEXTS = (Kind.text, Kind.blocks)
#: What text parsed as markup may not hold: a terminal runs the escape sequences a
#: text or man page would pass on, and XML (EPUB's pages) has no such characters.
_TEXT_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({value!r})"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"


class _FileValidator:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.kept_organizations: list[int] = []

    def problem(self, where: DataPath, message: str, subtype: Subtype = Subtype.schema) -> None:
        self.problems.append(self.document.problem(subtype, where, message))

    def terms(self) -> list[Term]:
        data = self.document.data
        if data is None:
            self.problem((), f"the file is empty; a database file looks like:\n{_EXAMPLE}")
            return []
        if not isinstance(data, dict):
            self.problem(
                (), f"the file holds {_describe(data)}; it must be a mapping with a 'terms' list"
            )
            return []
        self.unknown_keys(data, FILE_FIELDS, (), "at the top of the file")
        entries = data.get("terms")
        if not isinstance(entries, list):
            found = "no 'terms' key" if "terms" not in data else _describe(entries)
            self.problem(("terms",), f"expected a 'terms' list, found {found}")
            return []
        terms = (self.term(entry, ("terms", index)) for index, entry in enumerate(entries))
        return [term for term in terms if term is not None]

    def unknown_keys(
        self, data: dict[str, Any], fields: dict[str, Field], where: DataPath, context: str
    ) -> None:
        for key in data:
            if key in fields:
                continue
            if fields is TERM_FIELDS and key in DERIVED_FIELDS:
                self.problem(
                    (*where, key), f"unknown field {key!r} {context}; {DERIVED_FIELDS[key]}"
                )
                continue
            hint = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            fix = f"did you mean {hint[0]!r}?" if hint else f"known fields: {', '.join(fields)}"
            self.problem((*where, key), f"unknown field {key!r} {context}; {fix}")

    def term(self, entry: Any, where: DataPath) -> Term | None:
        if not isinstance(entry, dict):
            self.problem(where, f"a term must be a mapping of fields, found {_describe(entry)}")
            return None
        label = f"term {entry['id']!r}" if isinstance(entry.get("id"), str) else "this term"
        values = self.fields(entry, TERM_FIELDS, where, label)
        if values is None:
            return None
        if values.get("replaced_by") and values.get("status") != "deprecated":
            self.problem(
                (*where, "replaced_by"),
                f"{label} has a 'replaced_by' but is not deprecated; add 'status: deprecated' "
                "or remove 'replaced_by'",
            )
            del values["replaced_by"]
        line = self.document.position(where).line
        for key, attribute in RECORD_ATTRIBUTES.items():
            if key in values:
                values[attribute] = values.pop(key)
        lines = self.field_lines(where, line, "organizations" in values)
        return Term(**values, source=self.document.path, line=line, lines=lines)

    def field_lines(self, where: DataPath, line: int, organizations: bool) -> tuple[int, ...]:
        """``Term.lines``: where each field of the term at ``where`` is written."""
        positions = self.document.positions
        marks = positions.get(where)
        if not marks:
            return ()
        # One pass over the keys written (a term has a few), not one lookup per field.
        offsets = [0] * len(_LINED_KEYS)
        end = 0
        slots = _LINED_SLOT
        for key, (key_line, _) in marks.items():
            if key in slots:
                slot = slots[key]
                offsets[slot] = key_line - line
                if slot >= end:
                    end = slot + 1
        if not organizations:
            return tuple(offsets[:end])  # trailing fields not written: the term's line
        # The description of each organization that was kept, else its item.
        items = positions.get((*where, "organizations"), {})
        for index in self.kept_organizations:
            org_marks = positions.get((*where, "organizations", index), {})
            found = org_marks.get("description") or items.get(index) or (line, 0)
            offsets.append(found[0] - line)
        return tuple(offsets)

    def fields(
        self, entry: dict[str, Any], fields: dict[str, Field], where: DataPath, label: str
    ) -> dict[str, Any] | None:
        """The converted values, or None when a required field is missing or broken."""
        self.unknown_keys(entry, fields, where, f"in {label}")
        values: dict[str, Any] = {}
        complete = True
        for key in _REQUIRED[id(fields)]:
            if entry.get(key) is None:
                self.problem(where, f"{label} has no {key!r}; add one ({fields[key].help})")
                complete = False
        # The fields written (a term has a few of the schema's many; the others were
        # just said), and an empty field is as if it were not written.
        for key, raw in entry.items():
            field = fields.get(key)
            if field is None or raw is None:
                continue
            value: Any
            kind = field.kind
            # The common cases first, which need no other check.
            if type(raw) is str and (
                (kind in _TEXTS and not _TEXT_CONTROL.search(raw))
                or (kind is Kind.plain and not _CONTROL.search(raw))
            ):
                value = trimmed(raw, kind)
            elif (
                kind is Kind.slug
                and type(raw) is str
                and _SLUG.fullmatch(raw)
                and raw not in RESERVED_IDS
            ):
                value = raw
            elif (
                kind is Kind.texts
                and type(raw) is list
                and all(type(item) is str for item in raw)
                and not _CONTROL.search("".join(raw))
            ):
                value = tuple(text for text in map(str.strip, raw) if text)
            else:
                value = self.value(raw, kind, (*where, key), label)
            if value == "" and field.required:
                self.problem((*where, key), f"{label} has an empty {key!r}; {field.help}")
                value = None
            if value is None:
                complete = complete and not field.required
                continue
            values[key] = value
        return values if complete else None

    def value(self, raw: Any, kind: Kind, where: DataPath, label: str) -> Any:
        key = where[-1]
        if kind in (Kind.plain, *_TEXTS, Kind.url, Kind.slug):
            return self.string(raw, kind, where, label)
        if kind is Kind.spelling:
            return self.spelling(raw, where, label)
        if kind is Kind.texts:
            if not self.is_list(raw, where, label):
                return None
            items = (
                self.string(item, Kind.plain, (*where, i), label) for i, item in enumerate(raw)
            )
            return tuple(item for item in items if item)
        if kind in (Kind.labels, Kind.index):
            return self.targets(raw, kind, where, label)
        if kind is Kind.status:
            return self.status(raw, where, label)
        if kind is Kind.date:
            return self.date(raw, where, label)
        if kind is Kind.flag:
            if isinstance(raw, bool):
                return raw
            self.problem(
                where, f"{key!r} of {label} must be true or false, found {_describe(raw)}"
            )
            return None
        if kind is Kind.read_more:
            if isinstance(raw, str):  # a bare URL is the common short form
                raw = {"url": raw}
            return self.read_more(raw, where, label)
        if kind is Kind.organizations:
            if not isinstance(raw, list):
                self.problem(where, f"{key!r} of {label} must be a list, found {_describe(raw)}")
                return None
            orgs = []
            self.kept_organizations = []  # their indexes, for ``field_lines``
            for i, raw_org in enumerate(raw):
                org = self.organization(raw_org, (*where, i), label)
                if org is not None:
                    orgs.append(org)
                    self.kept_organizations.append(i)
            return tuple(orgs)
        raise AssertionError(kind)  # pragma: no cover - every Kind is handled above

    def is_list(self, raw: Any, where: DataPath, label: str) -> bool:
        """Whether ``raw`` is a list; a problem says how to write it when it is not."""
        if isinstance(raw, list):
            return True
        key = where[-1]
        if isinstance(raw, str):
            self.problem(
                where,
                f"{key!r} of {label} must be a list, found a string; "
                f"write it as a list item: '- {raw}'",
            )
        else:
            self.problem(where, f"{key!r} of {label} must be a list, found {_describe(raw)}")
        return False

    def string(self, raw: Any, kind: Kind, where: DataPath, label: str) -> str | None:
        key = where[-1]
        shown = f"item {key + 1} of {where[-2]!r}" if isinstance(key, int) else repr(key)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raw = str(raw)  # from JSON; YAML numbers already arrive as written
        if not isinstance(raw, str):
            fix = "; put it in quotes" if isinstance(raw, bool) else ""
            self.problem(
                where, f"{shown} of {label} must be a string, found {_describe(raw)}{fix}"
            )
            return None
        text = trimmed(raw, kind)
        # Names and labels become single lines of objects.inv and index entries; a
        # line break there could forge entries. Text fields are parsed as markup.
        control = _TEXT_CONTROL if kind in _TEXTS else _CONTROL
        if kind in (Kind.plain, Kind.slug, *_TEXTS) and (bad := control.search(text)):
            code = f"U+{ord(bad.group()):04X}"
            what = "bidirectional" if re.fullmatch(f"[{_BIDI}]", bad.group()) else "control"
            self.problem(
                where, f"{shown} of {label} contains the {what} character {code}; remove it"
            )
            return None
        if kind is Kind.slug and (not _SLUG.match(text) or text in RESERVED_IDS):
            self.problem(where, id_problem(text, slugify(text) or "mesa-optimization"))
            return None
        if not text and kind in (Kind.slug, Kind.url):
            self.problem(where, f"{shown} of {label} is empty")
            return None
        if kind is Kind.url and (problem := url_problem(text)):
            self.problem(where, f"{shown} of {label} cannot be {text!r}: {problem}")
            return None
        return text

    def spelling(self, raw: Any, where: DataPath, label: str) -> str | None:
        """A single spelling that finds the term (``abbreviation``): a blank one would
        be shown as nothing and find nothing."""
        text = self.string(raw, Kind.plain, where, label)
        if text == "":
            self.problem(
                where,
                f"{where[-1]!r} of {label} is blank; write the short form (for example "
                "'RLHF') or remove the field",
            )
            return None
        return text

    def status(self, raw: Any, where: DataPath, label: str) -> str | None:
        text = self.string(raw, Kind.plain, where, label)
        if text is None:
            return None
        if text not in STATUSES:
            self.problem(
                where,
                f"'status' of {label} cannot be {text!r}; use one of "
                f"{', '.join(map(repr, STATUSES))}",
            )
            return None
        return text

    def date(self, raw: Any, where: DataPath, label: str) -> str | None:
        # A JSON source or a YAML reader other than ours may give a date object.
        if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
            return raw.isoformat()
        text = self.string(raw, Kind.plain, where, label)
        if text is None:
            return None
        try:
            if not _DATE.fullmatch(text):
                raise ValueError("not YYYY-MM-DD")
            datetime.date.fromisoformat(text)
        except ValueError:
            self.problem(
                where,
                f"{where[-1]!r} of {label} is {text!r}, not a date; write it as YYYY-MM-DD, "
                "for example '2024-05-31'",
            )
            return None
        return text

    def targets(self, raw: Any, kind: Kind, where: DataPath, label: str) -> tuple[str, ...] | None:
        """``labels`` or ``index``: a list of strings, each checked as ``:ref:`` or
        ``.. index::`` would read it; a broken item is left out."""
        if not self.is_list(raw, where, label):
            return None
        check = term_targets.label_problem if kind is Kind.labels else term_targets.index_problem
        result: list[str] = []
        for i, item in enumerate(raw):
            text = self.string(item, Kind.plain, (*where, i), label)
            if not text:
                continue
            if problem := check(text):
                self.problem((*where, i), f"item {i + 1} of {where[-1]!r} of {label}: {problem}")
                continue
            result.append(term_targets.normalise_label(text) if kind is Kind.labels else text)
        return tuple(dict.fromkeys(result))

    def read_more(self, raw: Any, where: DataPath, label: str) -> ReadMore | None:
        if not isinstance(raw, dict):
            self.problem(where, f"'read_more' of {label} must be a mapping with 'url' and 'label'")
            return None
        values = self.fields(raw, READ_MORE_FIELDS, where, f"'read_more' of {label}")
        if values is None:
            return None
        return ReadMore(values["url"], values.get("label", ""))

    def organization(self, raw: Any, where: DataPath, label: str) -> Organization | None:
        if not isinstance(raw, dict):
            self.problem(
                where, f"an organization of {label} must be a mapping, found {_describe(raw)}"
            )
            return None
        values = self.fields(raw, ORGANIZATION_FIELDS, where, f"an organization of {label}")
        if values is None:
            return None
        return Organization(values["name"], values.get("description", ""), values.get("url", ""))


def validate(document: YamlDocument) -> tuple[list[Term], list[Problem]]:
    """The terms of one file that are sound, and every problem found in it."""
    validator = _FileValidator(document)
    terms = validator.terms()
    return terms, validator.problems

"""Property-based tests: random databases, random markup and random references.

Pure functions (normalising, looking up, collisions, inflections) get many examples;
properties of whole builds build a real Sphinx project per example in a fresh
temporary directory, with few examples so the module stays fast.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from helpers import Built, dump_terms, escape_role, project, squash
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st

from sphinx_termref.termdb.database import TermDatabase
from sphinx_termref.termdb.matching import inflections, normalise
from sphinx_termref.termdb.records import Term

BUILD_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PURE_SETTINGS = settings(max_examples=500, deadline=None)

# Text a person could type into a YAML file: anything but control characters,
# surrogates, unassigned code points, line/paragraph separators and the
# bidirectional controls (which the loader refuses, see test_control_characters.py).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
TYPED = st.characters(
    exclude_categories=["Cc", "Cs", "Co", "Cn", "Zl", "Zp"], exclude_characters=BIDI_CONTROLS
)
# Names: typed text, never empty once stripped, and not starting with "!" (which
# makes Sphinx's roles drop the link; see test_see_also_of_a_name_starting_with_a_bang).
NAMES = (
    st.text(TYPED, min_size=1, max_size=16)
    .map(str.strip)
    .filter(lambda s: bool(s) and not s.startswith("!") and bool(normalise(s)))
)
WORDS = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
FRAGMENTS = st.sampled_from(
    [
        "*emphasis*",
        "**strong**",
        "``literal``",
        "`cited`",
        "`a link <https://example.org/x>`_",
        "`anonymous <https://example.org/y>`__",
        "`bad <javascript:alert(1)>`_",
        "`bad` <JaVaScRiPt:x>`__",
        "https://example.org/z",
        "javascript:alert(2)",
        "mailto:a@example.org",
        "|substitution|",
        "[1]_",
        "[#]_",
        "[CIT]_",
        ":raw:`<b>raw</b>`",
        ":html:`<i>raw</i>`",
        "_`inline target`",
        "target_",
        ":termref:`nothing by this name`",
        ":termref:`shown <nothing either>`",
        ":strong:`strong role`",
        ":abbr:`AI (artificial intelligence)`",
        "*",
        "**",
        "`",
        "``",
        "_",
        "__",
        "|",
        ":",
        "\\",
        "<",
        ">",
        "&amp;",
        "<script>alert(3)</script>",
        "\n\n",
        "\n",
        ".. raw:: html",
        ".. include:: /etc/passwd",
        "- item",
        "1. item",
        ":field: body",
        ">>> 1",
        "::",
    ]
)


@st.composite
def inline_text(draw: st.DrawFn, refs: list[str]) -> str:
    """A text field: words, markup fragments and references to the given spellings."""
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["word", "word", "fragment", "fragment", "ref", "typed"]))
        if kind == "word":
            parts.append(draw(WORDS))
        elif kind == "fragment":
            parts.append(draw(FRAGMENTS))
        elif kind == "ref" and refs:
            parts.append(f":termref:`{escape_role(draw(st.sampled_from(refs)))}`")
        else:
            parts.append(draw(st.text(TYPED, max_size=10)))
    return " ".join(parts)


@st.composite
def spelling_variant(draw: st.DrawFn, spelling: str) -> str:
    """Another way to write ``spelling`` that matches it: case, separators, width."""
    out = []
    for char in spelling:
        if char in " -_\t":
            out.append(draw(st.sampled_from([" ", "-", "_", "  ", " - ", "\u2013", "\u00a0"])))
        elif char.isascii() and char.isalpha():
            choice = draw(st.sampled_from(["same", "upper", "lower", "fullwidth"]))
            if choice == "upper":
                out.append(char.upper())
            elif choice == "lower":
                out.append(char.lower())
            elif choice == "fullwidth":
                out.append(chr(ord(char) - 0x21 + 0xFF01))
            else:
                out.append(char)
        else:
            out.append(char)
    return draw(st.sampled_from(["", " ", "-"])) + "".join(out) + draw(st.sampled_from(["", "_"]))


@st.composite
def databases(draw: st.DrawFn, max_terms: int = 5) -> list[dict[str, object]]:
    """Terms with random names and aliases, no two of them sharing a spelling."""
    count = draw(st.integers(1, max_terms))
    taken: set[str] = set()
    terms: list[dict[str, object]] = []
    for index in range(count):
        term_id = f"t{index}"
        spellings = [draw(NAMES) for _ in range(draw(st.integers(1, 4)))]
        keys = {normalise(term_id)} | {normalise(s) for s in spellings}
        assume(not keys & taken)
        taken |= keys
        name, *aliases = spellings
        term: dict[str, object] = {"id": term_id, "name": name}
        if aliases:
            split = draw(st.integers(0, len(aliases)))
            if aliases[:split]:
                term["aliases"] = aliases[:split]
            if aliases[split:]:
                term["hidden_aliases"] = aliases[split:]
        terms.append(term)
    every_spelling = [
        s
        for t in terms
        for s in [t["id"], t["name"], *t.get("aliases", []), *t.get("hidden_aliases", [])]  # type: ignore[misc]
    ]
    for term in terms:
        for field in ("summary", "technical_definition", "background", "usage_note"):
            if draw(st.booleans()):
                term[field] = draw(inline_text(every_spelling))
        if draw(st.booleans()):
            term["category"] = draw(NAMES)
        if draw(st.booleans()):
            term["see_also"] = [
                draw(st.one_of(st.sampled_from(every_spelling), NAMES))
                for _ in range(draw(st.integers(1, 3)))
            ]
        if draw(st.booleans()):
            term["organizations"] = [
                {"name": draw(NAMES), "description": draw(inline_text(every_spelling))}
            ]
    return terms


def model_lookup(terms: list[dict[str, object]], spelling: str) -> str | None:
    """The id a reference should resolve to, by the rules of docs/matching.md alone."""
    keys: dict[str, str] = {}
    for term in terms:
        for s in [
            term["id"],
            term["name"],
            *term.get("aliases", []),
            *term.get("hidden_aliases", []),
        ]:  # type: ignore[misc]
            keys.setdefault(normalise(str(s)), str(term["id"]))
    key = normalise(spelling)
    if key in keys:
        return keys[key]
    return next((keys[k] for k in inflections(key) if k in keys), None)


# -- matching on its own ------------------------------------------------------------------------


@PURE_SETTINGS
@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@PURE_SETTINGS
@given(st.text(max_size=12), st.text(max_size=12), st.sampled_from([" ", "-", "_", " -_ ", "\t"]))
def test_separators_are_interchangeable(left: str, right: str, separator: str) -> None:
    assert normalise(f"{left}{separator}{right}") == normalise(f"{left} {right}")


@PURE_SETTINGS
@given(st.data())
def test_spelling_variants_normalise_equal(data: st.DataObject) -> None:
    spelling = data.draw(NAMES)
    variant = data.draw(spelling_variant(spelling))
    note(f"variant: {variant!r}")
    assert normalise(variant) == normalise(spelling)


def _term(term_id: str, name: str, aliases: tuple[str, ...] = ()) -> Term:
    return Term(id=term_id, name=name, aliases=aliases, source="terms.yaml", line=1)


@PURE_SETTINGS
@given(st.data())
def test_collisions_are_always_detected(data: st.DataObject) -> None:
    """Two terms whose spellings normalise equal: always a collision, never a silent
    winner, and the first term keeps the spelling."""
    shared = data.draw(NAMES)
    variant = data.draw(spelling_variant(shared))
    assume(normalise(shared) not in {"first", "second"})
    where = data.draw(st.sampled_from(["name", "alias"]))
    first = _term("first", shared)
    second = (
        _term("second", variant)
        if where == "name"
        else _term("second", "Second Term Name", (variant,))
    )
    assume(normalise("Second Term Name") != normalise(shared))
    database = TermDatabase([first, second])
    collisions = [p for p in database.problems if p.subtype.value == "collision"]
    assert len(collisions) == 1, database.problems
    assert "'second'" in collisions[0].message and "'first'" in collisions[0].message
    assert database.lookup(variant) is database.terms["first"]
    assert database.lookup(shared) is database.terms["first"]


@PURE_SETTINGS
@given(st.lists(NAMES, min_size=1, max_size=6), st.text(max_size=20))
def test_lookup_is_exact_first_and_inflections_never_shadow(names: list[str], probe: str) -> None:
    terms = [_term(f"t{i}", name) for i, name in enumerate(names)]
    database = TermDatabase(terms)
    keys = {normalise(s): t.id for t in database for s in (t.id, t.name)}
    key = normalise(probe)
    found = database.lookup(probe, inflect=True)
    if key in keys:
        assert found is not None and found.id == keys[key]
    elif found is not None:
        assert any(k in keys and keys[k] == found.id for k in inflections(key))
    assert database.lookup(probe) == (database.terms[keys[key]] if key in keys else None)


@PURE_SETTINGS
@given(st.text(st.characters(categories=["Ll"], max_codepoint=0x7F), min_size=2, max_size=10))
def test_a_plural_that_is_another_term_goes_to_that_term(word: str) -> None:
    forms = inflections(word)
    assume(forms)
    other = forms[0]
    database = TermDatabase([_term("singular", word), _term("plural", other)])
    assume(not database.problems)
    assert database.lookup(other, inflect=True).id == "plural"
    assert database.lookup(word, inflect=True).id == "singular"


# -- whole builds ---------------------------------------------------------------------------------


def _build_random_project(
    terms: list[dict[str, object]], refs: list[str], builder: str = "html"
) -> Built:
    cards = "".join(f".. term-card:: {term['id']}\n\n" for term in terms)
    paragraphs = "".join(
        f".. rst-class:: ref-{i}\n\nR{i}: :termref:`{escape_role(ref)}`\n\n"
        for i, ref in enumerate(refs)
    )
    page = (
        "Random\n======\n\n.. role:: html(raw)\n   :format: html\n\n"
        + cards
        + paragraphs
        + ".. term-index::\n"
    )
    with tempfile.TemporaryDirectory(prefix="termref-hardening-") as tmp:
        built = project(
            Path(tmp), dump_terms(terms), page, builder, conf_extra="smartquotes = False\n"
        )
        if builder == "html":
            # Read everything the caller checks before the directory goes away.
            built.soup_cache = built.soup()  # type: ignore[attr-defined]
        else:
            built.texts = {  # type: ignore[attr-defined]
                p.name: p.read_text(encoding="utf-8", errors="replace")
                for p in built.outdir.rglob("*")
                if p.is_file() and p.suffix in (".txt", ".tex", ".xml", ".texi", ".1")
            }
        return built


@st.composite
def references(draw: st.DrawFn, terms: list[dict[str, object]]) -> list[str]:
    spellings = [
        str(s)
        for t in terms
        for s in [t["id"], t["name"], *t.get("aliases", []), *t.get("hidden_aliases", [])]  # type: ignore[misc]
    ]
    known = st.sampled_from(spellings).flatmap(spelling_variant).map(str.strip)
    refs = draw(st.lists(st.one_of(known, NAMES), max_size=8))
    return [r for r in refs if r and not r.startswith("!")]


@BUILD_SETTINGS
@given(st.data())
def test_every_reference_resolves_or_warns_and_keeps_its_text(data: st.DataObject) -> None:
    terms = data.draw(databases())
    refs = data.draw(references(terms))
    built = _build_random_project(terms, refs)
    soup = built.soup_cache  # type: ignore[attr-defined]
    unknown = {w.message for w in built.typed("termref.unknown")}
    for i, ref in enumerate(refs):
        paragraph = soup.find("p", class_=f"ref-{i}")
        assert paragraph is not None, i
        expected = model_lookup(terms, ref)
        target = " ".join(ref.split())
        link = paragraph.find("a", class_="termref")
        event("resolves" if expected is not None else "unknown")
        if expected is not None:
            assert link is not None, (ref, expected, str(paragraph))
            assert f"termref--{expected}" in link["class"]
            assert link["href"] == f"#termref-{expected}"
            assert squash(link.get_text(" ")) == squash(ref)
        else:
            assert link is None, (ref, str(paragraph))
            assert squash(paragraph.get_text(" ")) == squash(f"R{i}: {ref}")
            assert any(m.startswith(f"unknown term {target!r}:") for m in unknown), (
                target,
                unknown,
            )


@BUILD_SETTINGS
@given(st.data())
def test_cards_and_index_show_every_name_whatever_the_text(data: st.DataObject) -> None:
    terms = data.draw(databases())
    built = _build_random_project(terms, [])
    soup = built.soup_cache  # type: ignore[attr-defined]
    for term in terms:
        card = soup.find(id=f"termref-{term['id']}")
        assert card is not None, term
        assert squash(card.find("dfn").get_text()) == squash(str(term["name"]))
        shown_aliases = [squash(li.get_text()) for li in card.select("ul.termref-aliases > li")]
        assert shown_aliases == [squash(a) for a in term.get("aliases", [])]  # type: ignore[attr-defined]
        for related, item in zip(
            term.get("see_also", []), card.select("ul.termref-see-also > li"), strict=True
        ):  # type: ignore[call-overload]
            target = model_lookup(terms, related)
            if target is None:
                assert squash(item.get_text(" ")) == squash(related)
            else:
                name = next(t["name"] for t in terms if t["id"] == target)
                assert squash(item.get_text(" ")) == squash(str(name))
                assert item.find("a", class_="termref") is not None
    entries = [squash(dt.get_text(" ")) for dt in soup.select("div.termref-index dt")]
    assert sorted(entries) == sorted(squash(str(t["name"])) for t in terms)


@BUILD_SETTINGS
@given(st.data())
def test_random_databases_never_crash_any_builder(data: st.DataObject) -> None:
    """Anything a YAML string can hold, control characters included, in every field."""
    anything = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
    terms = data.draw(databases(max_terms=3))
    for term in terms:
        for field in ("category", "summary", "usage_note"):
            if data.draw(st.booleans()):
                term[field] = data.draw(anything) + " " + data.draw(inline_text([]))
        if data.draw(st.booleans()):
            term["aliases"] = [data.draw(anything) for _ in range(2)]
    builder = data.draw(st.sampled_from(["html", "text", "latex", "xml", "man", "texinfo"]))
    note(f"builder: {builder}")
    refs = [data.draw(anything) for _ in range(3)]
    refs = [r.strip() for r in refs if r.strip() and not r.strip().startswith("!")]
    _build_random_project(terms, refs, builder)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_collisions_are_reported_by_the_build(data: st.DataObject) -> None:
    shared = data.draw(NAMES)
    variant = data.draw(spelling_variant(shared))
    assume(normalise(shared) not in {"first", "second", normalise("Second Term")})
    terms = [
        {"id": "first", "name": shared},
        {"id": "second", "name": "Second Term", "aliases": [variant]},
    ]
    page = "Clash\n=====\n\n.. term-card:: first\n\n.. term-card:: second\n"
    with tempfile.TemporaryDirectory(prefix="termref-hardening-") as tmp:
        built = project(Path(tmp), dump_terms(terms), page)
        (collision,) = built.typed("termref.collision")
        assert collision.message.startswith(f"{variant.strip()!r} of term 'second' matches ")
        assert "of term 'first'" in collision.message
        # The clash costs the alias, not the term; the first term keeps its name.
        card = built.soup().find(id="termref-second")
        assert card is not None and card.select("ul.termref-aliases") == []


# Text with none of the characters that start inline markup, but with everything
# else a summary holds: words, digits, punctuation, quotes, dashes, non-ASCII.
PLAIN_PROSE = st.text(
    st.characters(
        blacklist_characters="`*_|\\:@[\x00" + BIDI_CONTROLS,
        blacklist_categories=["Cs", "Cc"],
    )
    | st.sampled_from(" \n"),
    max_size=80,
)


@settings(max_examples=300)
@given(PLAIN_PROSE)
def test_plain_text_shortcut_matches_the_inliner(text: str) -> None:
    """Database text without markup skips docutils' inliner; the nodes are the same."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from sphinx_termref.sphinx_ext.markup import _guard, parse_inline
    from sphinx_termref.termdb.text_layout import paragraphs

    document = new_document("<test>", get_default_settings(Parser))
    shortcut = parse_inline(document, text, 1, "the summary of term 'x'")
    for part, paragraph in zip(paragraphs(text), shortcut, strict=True):
        parsed = paragraph.deepcopy()
        parsed.children = []
        messages = _guard(document).parse(part, 1, document, parsed)
        assert messages == []
        assert parsed.pformat() == paragraph.pformat(), part

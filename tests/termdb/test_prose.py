"""The prose matcher: terms found in running text, whole words, longest first."""

from __future__ import annotations

import gc

import pytest

from sphinx_termref.termdb.database import TermDatabase
from sphinx_termref.termdb.prose import ProseMatcher, words
from sphinx_termref.termdb.records import Term

TERMS = [
    Term("inner-alignment", "Inner alignment", aliases=("inner-alignment problem",)),
    Term("alignment", "Alignment"),
    Term(
        "mesa-optimizer",
        "Mesa-optimizer",
        aliases=("learned optimizer",),
        discouraged=("mesa-optimiser",),
    ),
    Term("ontology", "Ontology"),
    Term("supervised", "Supervised learning"),
    Term("cpp", "C++"),
    Term("bayes", "Bayes' theorem", hidden_aliases=("Bayes rule",)),
    Term("us", "U.S. Navy"),
]


def found(text: str, inflect: bool = True, terms=TERMS) -> list[tuple[str, str]]:
    matcher = ProseMatcher(TermDatabase(terms), inflect=inflect)
    return [(text[m.start : m.end], m.term_id) for m in matcher.mentions(text)]


def test_the_longest_spelling_wins() -> None:
    text = "The inner alignment problem is not alignment, nor inner alignment alone."
    assert found(text) == [
        ("inner alignment problem", "inner-alignment"),
        ("alignment", "alignment"),
        ("inner alignment", "inner-alignment"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "INNER ALIGNMENT",
        "inner-alignment",
        "inner_alignment",
        "Inner\nalignment",
        "inner \u2010 alignment",
        "\uff29nner alignment",  # a full-width letter: NFKC
    ],
)
def test_mentions_match_as_references_do(text: str) -> None:
    assert [term for _, term in found(text)] == ["inner-alignment"]


def test_inflected_mentions_only_with_inflections() -> None:
    text = "Two mesa-optimizers and three ontologies."
    assert found(text) == [("mesa-optimizers", "mesa-optimizer"), ("ontologies", "ontology")]
    assert found(text, inflect=False) == []


def test_discouraged_spellings_are_found_and_marked() -> None:
    matcher = ProseMatcher(TermDatabase(TERMS), inflect=True)
    (mention,) = matcher.mentions("a Mesa-Optimiser appears")
    assert (mention.term_id, mention.discouraged) == ("mesa-optimizer", True)
    (mention,) = matcher.mentions("a learned optimizer appears")
    assert not mention.discouraged


def test_hidden_aliases_are_found() -> None:
    assert found("By Bayes rule, and Bayes\u2019 theorem.") == [
        ("Bayes rule", "bayes"),
        ("Bayes\u2019 theorem", "bayes"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "self-supervised learning",  # no mention inside a compound
        "supervised learning-rate",
        "inner. Alignment",  # nor across punctuation
        "inner (alignment",
        "inner, alignment",
        "innermost alignment",  # nor inside a word
        "C",
    ],
)
def test_whole_words_only(text: str) -> None:
    assert [m for m in found(text) if m[1] in {"supervised", "inner-alignment", "cpp"}] == []


@pytest.mark.parametrize(
    ("before", "text", "after"),
    [
        ("self", "-supervised learning", ""),  # *self*-supervised learning
        ("self", "supervised learning", ""),  # *self*\ supervised learning
        ("", "alignment and supervised learning", "-rate"),  # ... learning-*rate*
        ("", "see supervised learning-", "rate"),
        ("", "inner alignment", "s"),  # inner alignment\ *s*
    ],
)
def test_no_mention_goes_on_across_markup(before: str, text: str, after: str) -> None:
    matcher = ProseMatcher(TermDatabase(TERMS), inflect=True)
    mentions = matcher.mentions(text, before=before, after=after)
    assert [text[m.start : m.end] for m in mentions] == (
        ["alignment"] if text.startswith("alignment") else []
    )


@pytest.mark.parametrize(
    ("before", "after"), [(" ", " "), ("(", ")"), ("\u2014", "."), ("", ""), ("-", "")]
)
def test_markup_beside_a_whole_word_leaves_it_a_mention(before: str, after: str) -> None:
    matcher = ProseMatcher(TermDatabase(TERMS), inflect=True)
    text = "supervised learning" if before != "-" else " supervised learning"
    (mention,) = matcher.mentions(text, before=before, after=after)
    assert text[mention.start : mention.end] == "supervised learning"


def test_names_that_are_code_are_not_found_as_words() -> None:
    """A name whose symbols its words would drop is not matched in prose: read as
    words, ``(n,)``, ``-1`` and ``__future__`` would be ``n``, ``1`` and *future*."""
    code = [
        Term("tuple", "(n,)"),
        Term("minus-one", "-1"),
        Term("future", "__future__", aliases=("f(x)",)),
        Term("etc", "etc."),  # "etc" would be a reference to no term
        Term("quoted", '"quoted" name'),
    ]
    text = "If N = 1 in the future, f x, etc. A quoted name."
    assert found(text, terms=code) == [("quoted name", "quoted")]


def test_punctuation_around_a_mention_is_not_part_of_it() -> None:
    text = '("Inner alignment"), C++. The mesa-optimizer\u2019s goal; the U.S. Navy.'
    assert found(text) == [
        ("Inner alignment", "inner-alignment"),
        ("C++", "cpp"),
        ("mesa-optimizer", "mesa-optimizer"),
        ("U.S. Navy", "us"),
    ]


def test_dashes_between_words_separate_them() -> None:
    assert found("alignment\u2014inner alignment") == [
        ("alignment", "alignment"),
        ("inner alignment", "inner-alignment"),
    ]


def test_an_exact_spelling_beats_another_terms_inflected_form() -> None:
    terms = [Term("datum", "Datum"), Term("data", "Data")]
    assert found("data and datum", terms=terms) == [("data", "data"), ("datum", "datum")]


def test_the_cost_does_not_depend_on_the_number_of_terms() -> None:
    """The n-grams of one word are each spelling's first word, once: a text is walked
    word by word, and a word that begins no spelling costs one lookup."""
    many = [Term(f"t{i}", f"term number {i}") for i in range(3000)]
    matcher = ProseMatcher(TermDatabase(many), inflect=False)
    assert matcher.spellings == 3000
    assert [gram for gram in matcher._grams if "\n" not in gram] == ["term"]
    text = "a term number 17 and a term number 2999 and term numbers"
    assert [m.term_id for m in matcher.mentions(text)] == ["t17", "t2999"]


def test_the_collector_does_not_track_the_matcher() -> None:
    """The n-grams and the entries hold only strings, numbers and booleans, which
    Python's cyclic collector leaves out of every collection once it has seen them."""
    terms = [
        Term(f"t{i}", f"term number {i}", aliases=[f"number {i} term"], discouraged=[f"tn {i}"])
        for i in range(200)
    ]
    matcher = ProseMatcher(TermDatabase(terms), inflect=False)
    gc.collect()
    assert not gc.is_tracked(matcher._grams)
    assert matcher.spellings == 200 * 3
    assert not any(gc.is_tracked(entry) for entry in matcher._entries)


def test_an_abbreviation_is_found_only_as_written() -> None:
    terms = [Term("rlhf", "Reinforcement learning from human feedback", abbreviation="RLHF")]
    matcher = ProseMatcher(TermDatabase(terms), inflect=True)
    text = "RLHF, rlhf, Rlhf, two RLHFs and reinforcement learning from human feedback."
    found = [(text[m.start : m.end], m.abbreviation) for m in matcher.mentions(text)]
    assert found == [
        ("RLHF", True),
        ("RLHFs", True),
        ("reinforcement learning from human feedback", False),
    ]


def test_plain_words_and_words_before_a_stop_read_as_any_other() -> None:
    """Plain words take a shorter way through ``words``; what they may span is the
    same as for a word with brackets or quotes."""
    text = "Inner alignment, (inner) Écart. U.S. self-made"
    found = [
        (text[w.start : w.end], w.key, w.may_start, w.may_end, w.joins_previous, w.joins_next)
        for w in words(text)
    ]
    assert found == [
        ("Inner", "inner", True, True, True, True),
        ("alignment", "alignment", True, True, True, False),
        ("inner", "inner", True, True, False, False),
        ("Écart", "écart", True, True, True, False),
        ("U.S.", "u.s.", True, True, True, True),
        ("self", "self", True, False, True, True),
        ("made", "made", False, True, True, True),
    ]


def test_a_word_that_normalises_to_two_is_still_one_word() -> None:
    """U+2012 FIGURE DASH joins nothing: with it between them, "foo" and "bar" are
    one word, whose key holds a space, and it is neither "foo bar" nor the start
    of "foo bar baz"."""
    terms = [Term("a", "foo bar"), Term("b", "foo bar baz")]
    matcher = ProseMatcher(TermDatabase(terms), inflect=False)
    text = "a foo\u2012bar and a foo\u2012bar baz, but foo bar baz"
    assert [(text[m.start : m.end], m.term_id) for m in matcher.mentions(text)] == [
        ("foo bar baz", "b")
    ]

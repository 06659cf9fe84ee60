"""The prose lint: discouraged spellings and deprecated terms in plain text warn."""

from __future__ import annotations

from helpers import dump_terms, line_of, project

TERMS = dump_terms(
    [
        {
            "id": "mesa-optimizer",
            "name": "Mesa-optimizer",
            "summary": "A learned model that is itself an optimizer.",
            "discouraged": ["mesa-optimiser"],
        },
        {
            "id": "optimization-daemon",
            "name": "Optimization daemon",
            "summary": "An older name.",
            "status": "deprecated",
            "replaced_by": "mesa-optimizer",
        },
        {"id": "alignment", "name": "Alignment", "summary": "Doing what was intended."},
        {"id": "model", "name": "Model", "summary": "A trained network.", "autolink": False},
    ]
)
PAGE = """\
Lint
====

.. term-card:: mesa-optimizer

.. term-card:: optimization-daemon

.. term-card:: alignment

A mesa-optimiser, written the discouraged way.

An optimization daemon, an old name.

.. termref-lint:: off

Another mesa-optimiser, not linted here.

.. termref-lint:: on

A third mesa-optimiser, and :termref:`mesa-optimiser` as a reference.

``mesa-optimiser`` in a literal.
"""
LINT = "termref_lint = True\n"


def test_plain_text_warns_at_its_line(tmp_path) -> None:
    built = project(tmp_path, TERMS, PAGE, conf_extra=LINT)
    page = built.srcdir / "index.rst"
    terms = built.srcdir / "terms.yaml"
    found = [(w.type, w.location, w.message) for w in built.termref()]
    discouraged = "write 'Mesa-optimizer' (or one of its aliases), not 'mesa-optimiser'"
    assert found == [
        ("termref.discouraged", f"{page}:{line_of(page, 'A mesa-optimiser')}", discouraged),
        (
            "termref.deprecated",
            f"{page}:{line_of(page, 'An optimization daemon')}",
            "'Optimization daemon' is deprecated: use 'Mesa-optimizer' "
            f"({terms}:{line_of(terms, 'id: mesa-optimizer')})",
        ),
        ("termref.discouraged", f"{page}:{line_of(page, 'A third')}", discouraged),
        # The reference warns when it is resolved, as every reference does: once.
        ("termref.discouraged", f"{page}:{line_of(page, 'A third')}", discouraged),
    ]


def test_each_place_warns_once_when_mentions_are_linked(tmp_path) -> None:
    built = project(tmp_path, TERMS, PAGE, conf_extra=LINT + 'termref_autolink = "first"\n')
    page = built.srcdir / "index.rst"
    lines = sorted(int(w.location.rpartition(":")[2]) for w in built.termref())
    # The first mention is linked and warns as a reference; the lint covers the rest.
    assert lines == sorted(
        [
            line_of(page, "A mesa-optimiser"),
            line_of(page, "An optimization daemon"),
            line_of(page, "A third"),
            line_of(page, "A third"),
        ]
    )


def test_without_the_lint_plain_text_does_not_warn(tmp_path) -> None:
    built = project(tmp_path, TERMS, PAGE, conf_extra='termref_autolink = "first"\n')
    page = built.srcdir / "index.rst"
    # Only the explicit reference; an auto-link is quiet unless the lint is on.
    assert [w.location for w in built.termref()] == [f"{page}:{line_of(page, 'A third')}"]


def test_unlinked_first_mentions(tmp_path) -> None:
    pages = {
        "index": (
            ".. toctree::\n\n   cards\n   other\n\nAlignment is mentioned, twice: alignment.\n"
            "A model is an everyday word: it is not expected to be linked.\n"
        ),
        "cards": "Cards\n=====\n\n.. term-card:: alignment\n\n.. term-card:: model\n",
        "other": "Other\n=====\n\nAlignment here, and :termref:`alignment` later.\n",
    }
    built = project(
        tmp_path,
        TERMS,
        pages,
        conf_extra="termref_lint_unlinked = True\n",
    )
    (warning,) = built.typed("termref.unlinked")
    page = built.srcdir / "index.rst"
    assert warning.location == f"{page}:{line_of(page, 'Alignment is mentioned')}"
    assert warning.message == (
        "'Alignment' is the page's first mention of term 'Alignment', and the page does "
        "not link it; write :termref:`Alignment`"
    )


def test_suppress_warnings_by_subtype(tmp_path) -> None:
    built = project(
        tmp_path,
        TERMS,
        PAGE,
        conf_extra=LINT + 'suppress_warnings = ["termref.discouraged"]\n',
    )
    assert [w.type for w in built.termref()] == ["termref.deprecated"]


def test_a_bad_switch_warns(tmp_path) -> None:
    built = project(tmp_path, TERMS, "Page\n====\n\n.. termref-lint:: maybe\n", conf_extra=LINT)
    (warning,) = built.typed("termref.option")
    assert warning.message == (
        "termref-lint takes 'on' or 'off', not 'maybe'; the lint is left as it is"
    )
    assert warning.location == f"{built.srcdir / 'index.rst'}:4"

"""Abbreviations written out on their first use on a page, in every output."""

from __future__ import annotations

from helpers import dump_terms, project

TERMS = dump_terms(
    [
        {
            "id": "rlhf",
            "name": "Reinforcement Learning from Human Feedback",
            "abbreviation": "RLHF",
            "summary": "Training a model on human preference judgements.",
        },
        {"id": "model", "name": "Language model", "abbreviation": "LM", "summary": "A model."},
    ]
)
CARDS = "Cards\n=====\n\n.. term-card:: rlhf\n\n.. term-card:: model\n"
PAGE = """\
Page
====

We use :termref:`RLHF` here, and :termref:`RLHF` again; a :termref:`language model`
first, then :termref:`LM`.
"""
FIRST = 'termref_abbreviations = "first"\n'


def pages(page: str = PAGE) -> dict[str, str]:
    return {"index": ".. toctree::\n\n   cards\n   page\n", "cards": CARDS, "page": page}


def link_texts(built, page: str = "page") -> list[str]:
    return [a.get_text() for a in built.soup(page).select("div.body a.termref")]


def test_the_first_use_is_written_out_in_html(tmp_path) -> None:
    built = project(tmp_path, TERMS, pages(), conf_extra=FIRST)
    assert link_texts(built) == [
        "Reinforcement Learning from Human Feedback (RLHF)",
        "RLHF",
        "language model",
        "LM",  # the name came first: the abbreviation needs no expansion
    ]
    assert not built.termref()


def test_the_expansion_is_text_in_latex_and_text_output(tmp_path) -> None:
    text_build = project(tmp_path / "text", TERMS, pages(), "text", conf_extra=FIRST)
    text = " ".join((text_build.outdir / "page.txt").read_text(encoding="utf-8").split())
    assert "We use *Reinforcement Learning from Human Feedback (RLHF)* here, and *RLHF*" in text
    latex = project(tmp_path / "latex", TERMS, pages(), "latex", conf_extra=FIRST)
    (tex,) = latex.outdir.glob("*.tex")
    assert "Reinforcement Learning from Human Feedback (RLHF)" in tex.read_text(encoding="utf-8")


def test_off_by_default(tmp_path) -> None:
    built = project(tmp_path, TERMS, pages())
    assert link_texts(built)[:2] == ["RLHF", "RLHF"]


def test_auto_linked_mentions_are_written_out_too(tmp_path) -> None:
    page = "Page\n====\n\nRLHF is popular. Later, RLHF again, and rlhf in lower case.\n"
    built = project(tmp_path, TERMS, pages(page), conf_extra=FIRST + 'termref_autolink = "all"\n')
    assert link_texts(built) == ["Reinforcement Learning from Human Feedback (RLHF)", "RLHF"]


def test_a_page_can_turn_it_on(tmp_path) -> None:
    built = project(tmp_path, TERMS, pages(":termref-abbreviations: first\n\n" + PAGE))
    assert link_texts(built)[:2] == ["Reinforcement Learning from Human Feedback (RLHF)", "RLHF"]

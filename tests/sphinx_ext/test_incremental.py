"""Rebuilding after the database changes: pages that show a changed term are read
again, pages that refer to it are written again; the others are left alone."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import html, strip_ansi, termref_warnings


def rebuild(make_build, srcdir: Path, builddir: Path):
    return make_build(srcdir, builddir=builddir)


def read_docs(app) -> set[str]:
    status = strip_ansi(app.status.getvalue())
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status))


def written_docs(app) -> set[str]:
    status = strip_ansi(app.status.getvalue())
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_changed_summary_updates_card_and_link_titles(make_build, copied_root, tmp_path) -> None:
    srcdir = copied_root("refs")
    builddir = tmp_path / "incremental"
    first = rebuild(make_build, srcdir, builddir)
    assert read_docs(first) == {"index", "other"}

    edit(srcdir / "terms.yaml", "Gaming the reward, see", "Exploiting the reward, see")
    second = rebuild(make_build, srcdir, builddir)
    # reward-hacking's card is on other.rst; index.rst refers to it
    assert read_docs(second) == {"other"}
    assert written_docs(second) == {"index", "other"}
    card = html(second, "other").find(id="termref-reward-hacking")
    assert (
        card.find(class_="termref-card__summary")
        .get_text(" ", strip=True)
        .startswith("Exploiting the reward")
    )
    titles = {a["title"] for a in html(second).select("a.termref--reward-hacking")}
    assert titles == {"Reward Hacking: Exploiting the reward, see mesa-optimization."}


def test_unrelated_change_reads_nothing_again(make_build, copied_root, tmp_path) -> None:
    srcdir = copied_root("refs")
    (srcdir / "lonely.rst").write_text(":orphan:\n\nLonely\n======\n\nNo terms here.\n")
    builddir = tmp_path / "incremental"
    rebuild(make_build, srcdir, builddir)
    # a comment changes the bytes but no term
    edit(srcdir / "terms.yaml", "terms:\n", "# a comment\nterms:\n")
    second = rebuild(make_build, srcdir, builddir)
    assert read_docs(second) == set()


def test_new_alias_resolves_a_reference_that_was_unknown(
    make_build, copied_root, tmp_path
) -> None:
    srcdir = copied_root("refs")
    builddir = tmp_path / "incremental"
    first = rebuild(make_build, srcdir, builddir)
    assert any("'xyzzy plugh'" in w.message for w in termref_warnings(first))

    edit(
        srcdir / "terms.yaml",
        "      - Specification gaming\n",
        "      - Specification gaming\n      - xyzzy plugh\n",
    )
    second = rebuild(make_build, srcdir, builddir)
    assert "index" in read_docs(second)
    assert not any("'xyzzy plugh'" in w.message for w in termref_warnings(second))
    link = next(a for a in html(second).select("a.termref") if a.get_text() == "xyzzy plugh")
    assert link["href"] == "other.html#termref-reward-hacking"

#!/usr/bin/env python3
"""Benchmark sphinx-termref against Sphinx's own glossary and against plain text.

One synthetic corpus (the same terms, pages and references) is written in three
forms, each a complete Sphinx project:

``glossary``  Sphinx's ``.. glossary::`` page, one entry per term (its name and
              aliases as the entry's terms, so aliases resolve, and one definition
              paragraph: the summary followed by the technical definition), and
              pages that refer to terms with ``:term:`` (half by name, half by alias).
``termref``   the same terms in a YAML database (id, name, aliases, summary,
              technical_definition), a glossary page of one ``.. term-card::`` per
              term in the same order as the glossary (closer to a glossary's single
              list than ``term-index :cards:``, which adds A-Z headings), and the same
              pages with ``:termref:``.  The extension runs with its default
              settings (backlinks and hover previews on).
``plain``     the same pages with every reference replaced by its text, and the
              glossary page as plain paragraphs: the floor.

Every form's pages also mention terms in plain text, without a role (by name, alias
or abbreviation; a fifth of the terms have an ``abbreviation``, which the glossary
lists as one more entry term), so that all forms are the same pages with the same
words.

The forms are built alternately (glossary, termref, plain, glossary, ...) for
several rounds, every build in a fresh ``python -m sphinx -b html`` process. Wall
time is measured around the process; peak memory is the process's own
``ru_maxrss`` as returned by ``os.wait4`` for that one child (it includes the
``-j`` worker processes the build forked and waited for).

Usage::

    .venv/bin/python bench/run.py                      # default size, 3 rounds
    .venv/bin/python bench/run.py --size tiny --rounds 1
    .venv/bin/python bench/run.py --size large --rounds 1 --timeout 480
    .venv/bin/python bench/run.py --json results.json --workdir /tmp/termref-bench
    .venv/bin/python bench/run.py --size large --skip forms,prose,dbload,startup  # intersphinx
    .venv/bin/python bench/run.py --size large --skip forms,intersphinx,dbload,startup  # prose
    .venv/bin/python bench/run.py --rounds 1 \
        --skip forms,prose,intersphinx,dbload,bigdb,startup  # large-input alone

Each round measures, per form: a full build (fresh output directory), the same
full build with ``-j N`` for each ``--jobs`` value above 1, a second build with
nothing changed, a build after editing one term's definition, and one after
editing its summary (in the termref form every link to the term shows the
summary, so the pages using it are written again); documents read and written
are counted from Sphinx's "reading sources..." and "writing output..." lines.
Each round also builds a project that links to another project's terms through
``sphinx.ext.intersphinx``: a provider of the corpus's terms (a glossary page, or
the database and its cards; built once, before the rounds) and a consumer of 100
pages x 50 references (10 x 5 at size tiny) written as writers write them (the
name or an alias, as written, in lower or upper case, an alias with hyphens), with
``:term:``, with ``:termref:``, or as plain text without intersphinx. The glossary
provider lists each alias of several words with hyphens too, as ``:term:`` needs.
Each round also builds the termref form with ``termref_autolink = "first"``,
``termref_abbreviations = "first"`` and ``termref_lint = True`` and without them, back
to back, and then each again after adding an alias to a term no page refers to or
mentions: a phrase (``QUIET_PHRASE``) that a few pages hold in plain text.
The phase ``bigdb`` (``bench/bigdb.py``) builds a small project against a 50,000-term
database and against one of only the terms it uses, and times the first load of
large databases. The phase ``large-input`` (``bench/large_input.py``) builds a term
with 10,000 aliases, a 1 MB technical definition and a page of 100,000 references,
each against the same at half size. Outside the rounds, the time to load and validate a 10,000-term
database with ``sphinx_termref.termdb.loading.load`` is measured in fresh processes,
and so is
the start-up of ``sphinx-termref validate`` on the example database, in turns with
a bare ``python -c pass``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FORMS = ("glossary", "termref", "plain")
#: No-op builds per form and round (see the no-op phase).
NOOP_PASSES = 5
#: The prose scenario's two builds of the termref form: PROSE_CONF off and on.
PROSE = ("prose off", "prose on")
SIZES = {  # terms, pages, references per page
    "tiny": (50, 10, 5),
    "default": (1_000, 200, 50),
    "large": (10_000, 1_000, 100),
}
DBLOAD_TERMS = 10_000
REFS_PER_PARAGRAPH = 5
PARAGRAPHS_PER_SECTION = 4
SEED = 20240611
#: The share of references followed by a sentence that mentions a term in plain text
#: (no role), and the share of terms with an abbreviation.
MENTION_RATE = 0.5
ABBREVIATION_RATE = 0.2
#: A phrase of letters the corpus's words never use (no j, q, w or y), written in
#: plain text on a few pages; the prose scenario's incremental build adds it as an
#: alias of a term that no page refers to or mentions.
QUIET_PHRASE = "Jaqwy Yowjeq"
QUIET_PAGES = 3
#: The settings of the prose scenario, against the same build with all three off.
PROSE_CONF = 'termref_autolink = "first"\ntermref_abbreviations = "first"\ntermref_lint = True'

# -- the corpus ------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


_ONSETS = _words(
    """
b c d f g k l m n p r s t v z br cr dr gr pl st tr th sh ch fl kl
"""
)
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
_CODAS = ["", "", "", "n", "r", "s", "l", "x", "m", "nt", "st"]

_PROSE = _words(
    """
the a an of to in on for with by from as at that this these those which while when where
because although however therefore thus also often usually rarely sometimes model system
method process result value state signal layer network data sample training objective
error feature structure pattern behaviour analysis approach measure estimate effect
change condition question problem answer example case evidence claim argument paper
study work team project design choice rule policy is are was were be been being has have
had can could may might should would will shows suggests describes explains reduces
increases depends changes keeps gives makes uses needs improves compares combines
separates follows precedes supports important useful simple complex general specific
common rare early late large small new old clear hidden direct indirect stable robust
noisy careful formal informal first second next last each every many several few more
most less least other researchers engineers readers authors reviewers users operators
teams groups
"""
)
_VERBS = _words(
    """
shows suggests describes explains reduces increases changes keeps gives makes uses needs
improves compares combines separates follows supports
"""
)
_NOUNS = _words(
    """
model system method process result value state signal layer network sample objective
error feature structure pattern behaviour analysis approach measure estimate effect
condition question problem example case evidence claim argument study design policy
"""
)
_ADJECTIVES = _words(
    """
important useful simple complex general specific common rare early large small new clear
hidden direct indirect stable robust noisy careful formal
"""
)


@dataclass
class Term:
    id: str
    name: str
    aliases: list[str]
    summary: str
    definition: str  # the technical definition
    abbreviation: str = ""

    def spellings(self) -> list[str]:
        return [self.name, *self.aliases, *filter(None, [self.abbreviation])]


@dataclass
class Page:
    docname: str
    title: str
    # ("title"|"heading", text) or ("para", [str | (term index, spelling)])
    blocks: list[tuple[str, Any]] = field(default_factory=list)
    #: The terms the page mentions in plain text (the same text in every form).
    mentions: set[int] = field(default_factory=set)

    def terms_used(self) -> set[int]:
        return {
            segment[0]
            for kind, content in self.blocks
            if kind == "para"
            for segment in content
            if isinstance(segment, tuple)
        }


@dataclass
class Corpus:
    terms: list[Term]
    pages: list[Page]
    edited: int  # index of the term whose definition the incremental build edits
    #: the term no page refers to or mentions, and the pages that hold QUIET_PHRASE
    quiet: int = 0
    quiet_pages: list[str] = field(default_factory=list)

    def users(self, index: int) -> list[str]:
        return sorted(page.docname for page in self.pages if index in page.terms_used())


def _lexicon(rng: random.Random, count: int) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < count:
        syllables = rng.choice((2, 2, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
            for _ in range(syllables)
        )
        words.setdefault(word, None)
    return list(words)


def _key(spelling: str) -> str:
    return " ".join(spelling.lower().replace("-", " ").split())


def _sentence(rng: random.Random, low: int, high: int) -> list[str]:
    return [rng.choice(_PROSE) for _ in range(rng.randint(low, high))]


def _finish(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _term_text(rng: random.Random, name: str) -> tuple[str, str]:
    summary = _finish(
        [
            "a",
            rng.choice(_ADJECTIVES),
            rng.choice(_NOUNS),
            "that",
            rng.choice(_VERBS),
            *_sentence(rng, 8, 16),
        ]
    )
    first = _finish([name, "is", "the", rng.choice(_NOUNS), "which", *_sentence(rng, 12, 20)])
    emphasised = _sentence(rng, 6, 10)
    emphasised[2] = f"*{emphasised[2]}*"
    literal = _sentence(rng, 8, 14)
    literal[3] = f"``{literal[3]}``"
    return summary, " ".join([first, _finish(emphasised), _finish(literal)])


def make_pages(
    rng: random.Random,
    terms: list[Term],
    n_pages: int,
    refs_per_page: int,
    spell: Callable[[Term, int], str],
    mention: Callable[[Term], str] | None = None,
    quiet: int | None = None,
) -> list[Page]:
    """Pages of prose around references to random terms; ``spell(term, n)`` writes a
    page's ``n``-th reference. With ``mention``, a share (MENTION_RATE) of the
    references is followed by a sentence that mentions a random term in plain text as
    ``mention(term)`` writes it. No page refers to or mentions the term ``quiet``."""
    n_terms = len(terms)

    def pick() -> int:
        index = rng.randrange(n_terms)
        while index == quiet:
            index = rng.randrange(n_terms)
        return index

    pages = []
    width = max(4, len(str(n_pages)))
    for number in range(1, n_pages + 1):
        docname = f"page{number:0{width}d}"
        page = Page(docname, f"Topic {number}: {_finish(_sentence(rng, 3, 5))[:-1]}")
        page.blocks.append(("title", page.title))
        page.blocks.append(("para", [" ".join(_finish(_sentence(rng, 10, 18)) for _ in range(3))]))
        refs_left = refs_per_page
        paragraph_no = 0
        while refs_left:
            if paragraph_no % PARAGRAPHS_PER_SECTION == 0:
                heading = _finish(_sentence(rng, 2, 4))[:-1]
                part = paragraph_no // PARAGRAPHS_PER_SECTION + 1
                page.blocks.append(("heading", f"Part {part}: {heading}"))
            segments: list[Any] = []
            for _ in range(min(REFS_PER_PARAGRAPH, refs_left)):
                index = pick()
                term = terms[index]
                text = spell(term, refs_per_page - refs_left)
                before = _sentence(rng, 4, 12)
                before[0] = before[0].title()
                segments.append(" ".join(before) + " ")
                segments.append((index, text))
                segments.append(" " + " ".join(_sentence(rng, 3, 10)) + ".")
                if rng.random() < 0.5:
                    segments.append(" " + _finish(_sentence(rng, 8, 16)))
                if mention is not None and rng.random() < MENTION_RATE:
                    mentioned = pick()
                    page.mentions.add(mentioned)
                    said = [
                        *_sentence(rng, 3, 8),
                        mention(terms[mentioned]),
                        *_sentence(rng, 2, 6),
                    ]
                    segments.append(" " + _finish(said))
                segments.append(" ")
                refs_left -= 1
            page.blocks.append(("para", segments))
            paragraph_no += 1
        pages.append(page)
    return pages


def make_corpus(n_terms: int, n_pages: int, refs_per_page: int, seed: int = SEED) -> Corpus:
    rng = random.Random(seed)
    lexicon = _lexicon(rng, max(600, n_terms // 3))
    taken: set[str] = set()

    def spelling(words: int, hyphen: bool = False) -> str:
        for attempt in range(1_000_000):
            # One-word spellings run out in a large corpus: then use more words.
            parts = [rng.choice(lexicon) for _ in range(words + attempt // 20)]
            text = ("-" if hyphen else " ").join(parts).title()
            if _key(text) not in taken:
                taken.add(_key(text))
                return text
        raise RuntimeError("no free spelling")  # pragma: no cover

    def abbreviation(name: str) -> str:
        # The name's initials and a letter or two more, as long as no spelling has it.
        initials = "".join(word[0] for word in _key(name).split()).upper()
        for _ in range(1_000_000):
            extra = "".join(rng.choice("BCDFGKLMNPRSTVXZ") for _ in range(rng.choice((1, 2))))
            if _key(initials + extra) not in taken:
                taken.add(_key(initials + extra))
                return initials + extra
        raise RuntimeError("no free abbreviation")  # pragma: no cover

    raw = []
    for _ in range(n_terms):
        name = spelling(rng.choice((2, 2, 3)), hyphen=rng.random() < 0.1)
        aliases = [spelling(rng.choice((1, 2, 2, 3))) for _ in range(rng.choice((1, 2, 2, 3)))]
        short = abbreviation(name) if rng.random() < ABBREVIATION_RATE else ""
        raw.append((name, aliases, short))
    raw.sort(key=lambda item: _key(item[0]))  # a glossary is alphabetical
    terms = []
    for name, aliases, short in raw:
        summary, definition = _term_text(rng, name)
        terms.append(Term(_key(name).replace(" ", "-"), name, aliases, summary, definition, short))

    def by_name_or_alias(term: Term, number: int) -> str:
        # Half of the references use the name, half an alias.
        return term.name if number % 2 == 0 else rng.choice(term.aliases)

    def in_prose(term: Term) -> str:
        # Mentions use the name, an alias or the abbreviation, in turns at random.
        return rng.choice(term.spellings())

    # The quiet term: in the middle of the list, and with no one-word spelling, so
    # that a page holds all the words of one of its spellings only by mentioning it.
    middle = len(terms) // 2
    quiet = min(
        (i for i, t in enumerate(terms) if all(" " in s for s in (t.name, *t.aliases))),
        key=lambda i: (terms[i].abbreviation != "", abs(i - middle)),
        default=middle,
    )
    pages = make_pages(rng, terms, n_pages, refs_per_page, by_name_or_alias, in_prose, quiet)
    quiet_pages = []
    if pages:
        step = max(1, len(pages) // QUIET_PAGES)
        for page in pages[step // 2 :: step][:QUIET_PAGES]:
            _, intro = page.blocks[1]
            intro.append(f" Some teams call it {QUIET_PHRASE} in their notes.")
            quiet_pages.append(page.docname)

    # Edit a typical term: one referred to by a median number of pages.
    counts: dict[int, int] = {}
    for page in pages:
        for index in page.terms_used():
            counts[index] = counts.get(index, 0) + 1
    used = sorted(counts, key=lambda index: (counts[index], index))
    edited = used[len(used) // 2] if used else 0
    return Corpus(terms, pages, edited, quiet, quiet_pages)


# -- the three forms -------------------------------------------------------------------

_CONF = '''"""Benchmark corpus ({form}); generated by bench/run.py."""

project = "termref-bench"
extensions = {extensions!r}
exclude_patterns = ["_build"]
html_theme = "alabaster"
{extra}'''


def _heading(text: str, char: str, over: bool = False) -> str:
    line = char * len(text)
    return f"{line}\n{text}\n{line}\n" if over else f"{text}\n{line}\n"


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(
        text,
        88,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def render_page(page: Page, form: str) -> str:
    out = []
    for kind, content in page.blocks:
        if kind == "title":
            out.append(_heading(content, "=", over=True))
        elif kind == "heading":
            out.append(_heading(content, "-"))
        else:
            parts = []
            for segment in content:
                if isinstance(segment, tuple):
                    text = segment[1]
                    if form == "glossary":
                        text = f":term:`{text}`"
                    elif form == "termref":
                        text = f":termref:`{text}`"
                    parts.append(text.replace(" ", "\0"))  # never wrap inside a role
                else:
                    parts.append(segment)
            out.append(_wrap(" ".join("".join(parts).split())).replace("\0", " ") + "\n")
    return "\n".join(out)


def render_glossary_page(terms: list[Term], form: str, edited: int | None = None) -> str:
    out = [_heading("Glossary", "="), "Every term of the corpus, in alphabetical order.\n"]
    if form == "glossary":
        out.append(".. glossary::\n")
        for index, term in enumerate(terms):
            lines = [f"   {spelling}" for spelling in term.spellings()]
            out.append("\n".join(lines))
            out.append(_wrap(_definition_text(term, index == edited), "      ") + "\n")
    elif form == "termref":
        for term in terms:
            out.append(f".. term-card:: {term.id}\n")
    else:
        for index, term in enumerate(terms):
            out.append(f"**{term.name}**\n")
            out.append(_wrap("Also: " + ", ".join(term.spellings()[1:]) + ".") + "\n")
            out.append(_wrap(_definition_text(term, index == edited)) + "\n")
    return "\n".join(out)


EDIT_SENTENCE = "This sentence was added to measure an incremental build."


def _definition_text(term: Term, edited: bool) -> str:
    definition = f"{term.definition} {EDIT_SENTENCE}" if edited else term.definition
    return f"{term.summary} {definition}"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_yaml(
    terms: list[Term],
    edited: int | None = None,
    field: str = "technical_definition",
    alias: tuple[int, str] | None = None,
) -> str:
    """The database; the ``edited`` term's ``field`` gets the added sentence, and
    ``alias`` = (term index, spelling) gives a term one more alias."""
    out = ["# Benchmark term database; generated by bench/run.py.", "terms:"]
    for index, term in enumerate(terms):
        summary, definition = term.summary, term.definition
        if index == edited and field == "summary":
            summary = f"{summary} {EDIT_SENTENCE}"
        elif index == edited:
            definition = f"{definition} {EDIT_SENTENCE}"
        aliases = [*term.aliases, *([alias[1]] if alias and alias[0] == index else [])]
        out.append(f"  - id: {term.id}")
        out.append(f"    name: {_yaml_string(term.name)}")
        if term.abbreviation:
            out.append(f"    abbreviation: {_yaml_string(term.abbreviation)}")
        out.append(f"    aliases: [{', '.join(map(_yaml_string, aliases))}]")
        out.append("    summary: >-")
        out.append(_wrap(summary, "      "))
        out.append("    technical_definition: >-")
        out.append(_wrap(definition, "      "))
    return "\n".join(out) + "\n"


def render_index(corpus: Corpus) -> str:
    entries = "\n".join(f"   {page.docname}" for page in corpus.pages)
    return (
        _heading("Benchmark corpus", "=")
        + "\nA synthetic site: a glossary and pages that refer to its terms.\n\n"
        + ".. toctree::\n   :maxdepth: 1\n\n   glossary\n"
        + entries
        + "\n"
    )


def write_form(corpus: Corpus, form: str, root: Path, extra_conf: str = "") -> Path:
    src = root / form / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    extensions = ["sphinx_termref"] if form == "termref" else []
    extra = 'termref_databases = ["terms.yaml"]\n' if form == "termref" else ""
    if form == "termref" and extra_conf:
        extra += extra_conf + "\n"
    (src / "conf.py").write_text(_CONF.format(form=form, extensions=extensions, extra=extra))
    (src / "index.rst").write_text(render_index(corpus))
    (src / "glossary.rst").write_text(render_glossary_page(corpus.terms, form))
    if form == "termref":
        (src / "terms.yaml").write_text(render_yaml(corpus.terms))
    for page in corpus.pages:
        (src / f"{page.docname}.rst").write_text(render_page(page, form))
    return src


def edit_one_term(
    corpus: Corpus, form: str, src: Path, edit: bool = True, field: str = "technical_definition"
) -> None:
    """Append a sentence to the edited term's definition (or put it back).

    ``field`` chooses the database field of the termref form; the other forms have
    one definition paragraph per term, which gets the sentence either way.
    """
    edited = corpus.edited if edit else None
    if form == "termref":
        (src / "terms.yaml").write_text(render_yaml(corpus.terms, edited, field))
    else:
        (src / "glossary.rst").write_text(render_glossary_page(corpus.terms, form, edited))


# -- a project that links to another's terms through intersphinx ---------------------

#: pages and references per page of the consumer, by --size; the provider has the
#: size's terms
CONSUMER_SIZES = {"tiny": (10, 5), "default": (100, 50), "large": (100, 50)}


def _hyphenated(spelling: str) -> str:
    return "-".join(spelling.split())


def consumer_spelling(rng: random.Random, term: Term, number: int) -> str:
    """A reference as writers write it: the name or an alias, as written, in lower or
    upper case, or an alias with hyphens for spaces; in turns."""
    form = number % 6
    text = term.name if form < 3 else rng.choice(term.aliases)
    if form in (1, 4):
        return text.lower()
    if form == 2:
        return text.upper()
    if form == 5:
        return _hyphenated(text.lower())
    return text


def write_provider(terms: list[Term], form: str, dest: Path) -> Path:
    """A project of the terms alone: a glossary page, or a database and its cards.

    The glossary form also lists each alias of several words with hyphens for
    spaces, since ``:term:`` finds only spellings that are entries of their own
    (in any case); termref finds them as it finds any spelling variant.
    """
    if form == "glossary":
        terms = [
            Term(
                t.id,
                t.name,
                [*t.aliases, *(_hyphenated(a) for a in t.aliases if " " in a)],
                t.summary,
                t.definition,
                t.abbreviation,
            )
            for t in terms
        ]
    return write_form(Corpus(terms, [], 0), form, dest)


def write_consumer(pages: list[Page], form: str, provider_out: Path | None, dest: Path) -> Path:
    """Pages that refer to the provider's terms with ``:term:`` or ``:termref:``; in
    the plain form, the same pages with the references' text and no intersphinx."""
    src = dest / form / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    extensions, extra = [], ""
    if provider_out is not None:
        extensions = ["sphinx.ext.intersphinx", *(["sphinx_termref"] if form == "termref" else [])]
        extra = f"intersphinx_mapping = {{'vocabulary': ({str(provider_out)!r}, None)}}\n"
    (src / "conf.py").write_text(_CONF.format(form=form, extensions=extensions, extra=extra))
    entries = "\n".join(f"   {page.docname}" for page in pages)
    (src / "index.rst").write_text(
        _heading("Consumer", "=")
        + "\nPages that refer to another project's terms.\n\n"
        + f".. toctree::\n   :maxdepth: 1\n\n{entries}\n"
    )
    for page in pages:
        (src / f"{page.docname}.rst").write_text(render_page(page, form))
    return src


# -- running builds --------------------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_READING = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (.+?)\s*$")
_WRITING = re.compile(r"writing output\.\.\. \[\s*\d+%\] (.+?)\s*$")


@dataclass
class Build:
    seconds: float
    maxrss_mib: float
    cpu_s: float  # user + system time of the build and the workers it waited for
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if "WARNING" in line]

    def _matches(self, pattern: re.Pattern[str]) -> list[str]:
        text = _ANSI.sub("", self.stdout).replace("\r", "\n")
        return [m.group(1) for line in text.splitlines() if (m := pattern.search(line))]

    @property
    def read(self) -> list[str]:
        return self._matches(_READING)

    @property
    def written(self) -> list[str]:
        return self._matches(_WRITING)


def compile_package() -> None:
    """Start every process the way an installed package starts: from bytecode.

    pip compiles a package it installs, as it compiled Sphinx and docutils here;
    a checkout under ``PYTHONDONTWRITEBYTECODE`` would compile each of this
    package's modules again in every build it times, and in no other form.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    package = REPO / "sphinx_termref"
    if not compileall.compile_dir(package, quiet=1):
        raise SystemExit(f"bench: cannot compile {package}")


def run_build(
    src: Path, out: Path, jobs: int, quiet: bool, timeout: float, options: tuple[str, ...] = ()
) -> Build:
    """One ``python -m sphinx -b html`` in a fresh process; its own time and peak RSS;
    ``options`` are more command-line options of ``sphinx-build``."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-j", str(jobs), *options]
    if quiet:
        cmd.append("-q")
    cmd += [str(src), str(out)]
    env = {**os.environ, "NO_COLOR": "1"}
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            cmd, cwd=src, stdout=stdout, stderr=stderr, env=env, start_new_session=True
        )
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill) if timeout > 0 else None
        if timer:
            timer.start()
        # wait4 returns the rusage of this child alone (with the workers it waited for).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        return Build(
            seconds,
            usage.ru_maxrss / 1024,  # KiB on Linux
            usage.ru_utime + usage.ru_stime,
            process.returncode,
            stdout.read(),
            stderr.read(),
            timed_out.is_set(),
        )


_DBLOAD = r"""
import json, sys, time
from pathlib import Path
from sphinx_termref.termdb import loading
path = Path(sys.argv[1])
loading._cache.clear()
start = time.perf_counter()
db = loading.load([path.name], path.parent)
total = time.perf_counter() - start
parts = {}
try:  # where the time goes; internal API, so optional
    from sphinx_termref.termdb.yaml_source import read_yaml
    from sphinx_termref.termdb.validation import validate
    from sphinx_termref.termdb.database import TermDatabase
    t0 = time.perf_counter(); document, _ = read_yaml(path)
    t1 = time.perf_counter(); terms, _ = validate(document)
    t2 = time.perf_counter(); fresh = TermDatabase(terms)
    t3 = time.perf_counter(); fresh.digests()
    t4 = time.perf_counter()
    parts = {"yaml": t1 - t0, "validate": t2 - t1, "index": t3 - t2, "digests": t4 - t3}
except Exception as exc:
    parts = {"error": repr(exc)}
print(json.dumps({"seconds": total, "terms": len(db), "problems": len(db.problems),
                  "parts": parts}))
"""


#: ``sphinx-termref validate`` on the example database, against a bare interpreter.
STARTUP_COMMANDS = {
    "bare": [sys.executable, "-c", "pass"],
    "validate": [sys.executable, "-m", "sphinx_termref", "validate", "example_docs/terms"],
}


def measure_startup(runs: int) -> dict[str, Any]:
    """Wall time of each start-up command in fresh processes, taken in turns so that
    the machine's load falls on both alike; the ratio is the median of the pairs'."""
    seconds: dict[str, list[float]] = {name: [] for name in STARTUP_COMMANDS}
    for _ in range(runs):
        for name, argv in STARTUP_COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(argv, cwd=REPO, check=True, capture_output=True)
            seconds[name].append(time.perf_counter() - start)
    ratios = [v / b for v, b in zip(seconds["validate"], seconds["bare"], strict=True)]
    return {
        "seconds": seconds,
        "median_s": {name: median(values) for name, values in seconds.items()},
        "ratio": median(ratios),
        "ratio_range": (min(ratios), max(ratios)),
    }


def measure_db_load(path: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", _DBLOAD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


# -- the benchmark ---------------------------------------------------------------------


def html_megabytes(outdir: Path) -> float:
    """The size of the HTML pages a build wrote (not static files or doctrees)."""
    return sum(path.stat().st_size for path in outdir.glob("**/*.html")) / 1e6


#: The stylesheet with the tooltip and preview texts of the terms that pages show,
#: which every page links instead of carrying them (``sphinx_ext/term_styles.py``).
TERM_STYLESHEET = Path("_static", "termref-terms.css")


def term_stylesheet_kilobytes(outdir: Path) -> float | None:
    """The size of the term stylesheet a termref build wrote once for all its pages,
    or None for a build without one; counted apart from the pages."""
    path = outdir / TERM_STYLESHEET
    return path.stat().st_size / 1e3 if path.is_file() else None


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine_info() -> dict[str, Any]:
    import docutils
    import sphinx
    import yaml

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        termref_version = __import__("sphinx_termref").__version__
    except Exception:
        termref_version = "?"
    commit = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "memory": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sphinx": sphinx.__version__,
        "docutils": docutils.__version__,
        "pyyaml": yaml.__version__ + (" (libyaml)" if yaml.__with_libyaml__ else " (pure)"),
        "sphinx_termref": f"{termref_version} ({commit})" if commit else termref_version,
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def package_fingerprint() -> str:
    """A digest of the installed sphinx_termref sources, to notice edits during a run."""
    import hashlib

    import sphinx_termref

    digest = hashlib.blake2b(digest_size=8)
    root = Path(sphinx_termref.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def paired_ratio(xs: list[float], ys: list[float]) -> tuple[float, float, float] | None:
    """Median, lowest and highest of the per-round ratios x/y.

    The forms are built back to back in each round, so a round's ratio is less
    affected by a machine that is busy in one round and idle in the next than the
    ratio of two medians. Without complete pairs, the ratio of the medians.
    """
    if xs and ys and len(xs) == len(ys) and all(ys):
        ratios = [x / y for x, y in zip(xs, ys, strict=True)]
        return statistics.median(ratios), min(ratios), max(ratios)
    r = ratio(median(xs), median(ys))
    return None if r is None else (r, r, r)


def fmt_ratio(r: tuple[float, float, float] | None) -> str:
    if r is None:
        return "-"
    if r[1] == r[2]:
        return f"{r[0]:.2f}"
    return f"{r[0]:.2f} [{r[1]:.2f}-{r[2]:.2f}]"


def fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


@dataclass
class Results:
    samples: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    #: form -> (phase, seconds, peak RSS MiB) of a build killed by --timeout
    timeouts: dict[str, tuple[str, float, float]] = field(default_factory=dict)

    def add(self, metric: str, form: str, value: Any) -> None:
        self.samples.setdefault(metric, {}).setdefault(form, []).append(value)

    def get(self, metric: str, form: str) -> list[Any]:
        return self.samples.get(metric, {}).get(form, [])


def prepare_consumers(
    corpus: Corpus, size: str, root: Path, results: Results, timeout: float
) -> dict[str, Path]:
    """Build the glossary and termref providers once; the consumers' sources, by form."""
    n_pages, refs = CONSUMER_SIZES[size]
    log(
        f"intersphinx: a provider of {len(corpus.terms)} terms, a consumer of {n_pages} pages "
        f"x {refs} references"
    )
    rng = random.Random(SEED + 1)
    pages = make_pages(
        rng, corpus.terms, n_pages, refs, lambda term, n: consumer_spelling(rng, term, n)
    )
    consumers = {}
    for form in FORMS:
        if form == "plain":
            consumers[form] = write_consumer(pages, form, None, root / "consumer")
            continue
        src = write_provider(corpus.terms, form, root / "provider")
        out = src.parent / "_build"
        shutil.rmtree(out, ignore_errors=True)
        if consumer_build(form, src, out, results, timeout, "provider"):
            consumers[form] = write_consumer(pages, form, out, root / "consumer")
    return consumers


def consumer_build(
    form: str, src: Path, out: Path, results: Results, timeout: float, phase: str = "consumer"
) -> Build | None:
    """One full build of an intersphinx provider or consumer; None if it failed."""
    result = run_build(src, out, 1, True, timeout)
    what = f"{phase:>8} {form:<8}"
    problem = ""
    if result.timed_out:
        problem = f"timed out after {timeout:.0f}s"
    elif result.returncode:
        problem = f"failed with exit code {result.returncode}"
    if problem:
        log(f"  {what} {problem}:\n{result.stderr[-3000:]}")
        results.failed[f"{form} {phase}"] = f"{phase} build {problem}"
        return None
    if result.warnings:
        key = f"{form} {phase}"
        results.warnings[key] = results.warnings.get(key, 0) + len(result.warnings)
        log(f"  {what} {len(result.warnings)} warnings, first: {result.warnings[0]}")
    log(f"  {what} {result.seconds:7.2f}s (CPU {result.cpu_s:6.2f}s) {result.maxrss_mib:5.0f} MiB")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="default")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--jobs",
        default="1,2",
        help="comma-separated -j values for full builds; 1 is the serial build (default 1,2)",
    )
    parser.add_argument("--workdir", type=Path, help="keep the corpus and builds here")
    parser.add_argument("--json", type=Path, help="write all samples and results here")
    parser.add_argument(
        "--timeout",
        type=float,
        default=0,
        help="kill a build after this many seconds; that form is then skipped (0: never)",
    )
    parser.add_argument(
        "--together",
        action="store_true",
        help="build the prose scenario's two full builds at the same time, one per core, "
        "so that the machine's drift and other work slow both alike",
    )
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated phases to skip: parallel, noop, edit, prose, dbload, bigdb, "
        "large-input, startup, intersphinx, and forms (the three forms' builds, to run the "
        "other phases alone)",
    )
    parser.add_argument(
        "--termref-conf",
        default="",
        help="extra conf.py lines for the termref form, e.g. 'termref_backlinks = False'",
    )
    args = parser.parse_args(argv)
    jobs = sorted({int(j) for j in args.jobs.split(",") if j.strip()} | {1})
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    n_terms, n_pages, refs = SIZES[args.size]
    command = (
        shlex.join([".venv/bin/python", "bench/run.py", *sys.argv[1:]])
        if argv is None
        else shlex.join([".venv/bin/python", "bench/run.py", *argv])
    )

    compile_package()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="termref-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    fingerprint = package_fingerprint()
    shape = (
        "(no pages: forms and prose skipped)"
        if {"forms", "prose"} <= skip
        else f"x {n_pages} pages x {refs} references"
    )
    log(f"corpus: {n_terms} terms {shape}, in {workdir}")
    start = time.perf_counter()
    no_pages = {"forms", "prose"} <= skip
    corpus = make_corpus(n_terms, 0 if no_pages else n_pages, refs)
    sources = {form: write_form(corpus, form, workdir, args.termref_conf) for form in FORMS}
    prose = [] if "prose" in skip else list(PROSE)
    for variant in prose:
        conf = args.termref_conf + ("\n" + PROSE_CONF if variant == "prose on" else "")
        root = workdir / "prose" / variant.split()[1]
        sources[variant] = write_form(corpus, "termref", root, conf)
    edited = corpus.terms[corpus.edited]
    users = corpus.users(corpus.edited)
    log(
        f"generated in {time.perf_counter() - start:.1f}s; the edited term is {edited.id!r}, "
        f"referred to by {len(users)} pages"
    )

    results = Results()
    active = [form for form in FORMS if "forms" not in skip] + prose

    def build(form: str, phase: str, out: Path, jobs: int = 1, quiet: bool = True) -> Build | None:
        if form not in active:
            return None
        result = run_build(sources[form], out, jobs, quiet, args.timeout)
        what = f"{phase:>8} {form:<8}"
        if result.timed_out:
            log(
                f"  {what} TIMEOUT after {result.seconds:.0f}s ({result.maxrss_mib:.0f} MiB "
                f"when killed); no more builds of {form}"
            )
            results.failed[form] = f"{phase} build timed out after {args.timeout:.0f}s"
            results.timeouts[form] = (phase, result.seconds, result.maxrss_mib)
            active.remove(form)
            return None
        if result.returncode:
            log(f"  {what} FAILED ({result.returncode}):\n{result.stderr[-3000:]}")
            results.failed[form] = f"{phase} build failed with exit code {result.returncode}"
            active.remove(form)
            return None
        if result.warnings:
            results.warnings[form] = results.warnings.get(form, 0) + len(result.warnings)
            log(f"  {what} {len(result.warnings)} warnings, first: {result.warnings[0]}")
        log(
            f"  {what} {result.seconds:7.2f}s (CPU {result.cpu_s:6.2f}s) "
            f"{result.maxrss_mib:5.0f} MiB"
            + ("" if quiet else f"  read {len(result.read)}, wrote {len(result.written)}")
        )
        return result

    def full_builds(outs: dict[str, Path], together: bool) -> dict[str, Build | None]:
        """A full build of each form into ``outs[form]``, one after the other or, with
        ``together``, all at once, a core each, so that whatever else the machine does
        slows them alike."""
        done: dict[str, Build | None] = {}

        def full(form: str) -> None:
            shutil.rmtree(outs[form], ignore_errors=True)
            done[form] = build(form, "full", outs[form])

        if not together:
            for form in outs:
                full(form)
            return done
        threads = [threading.Thread(target=full, args=(form,)) for form in outs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return done

    consumers: dict[str, Path] = {}
    if "intersphinx" not in skip:
        consumers = prepare_consumers(
            corpus, args.size, workdir / "intersphinx", results, args.timeout
        )

    for round_no in range(1, args.rounds + 1):
        log(f"round {round_no}/{args.rounds}")
        for form, src in list(consumers.items()):
            out = src.parent / "_build"
            shutil.rmtree(out, ignore_errors=True)
            if b := consumer_build(form, src, out, results, args.timeout):
                results.add("consumer_s", form, b.seconds)
                results.add("consumer_cpu_s", form, b.cpu_s)
                results.add("consumer_rss_mib", form, b.maxrss_mib)
            else:
                del consumers[form]
        outs = {form: workdir / form / "_build" for form in FORMS}
        for form in FORMS:  # full builds, serial
            shutil.rmtree(outs[form], ignore_errors=True)
            if b := build(form, "full", outs[form]):
                results.add("full_s", form, b.seconds)
                results.add("full_cpu_s", form, b.cpu_s)
                results.add("full_rss_mib", form, b.maxrss_mib)
                results.add("html_mb", form, html_megabytes(outs[form]))
                if (css_kb := term_stylesheet_kilobytes(outs[form])) is not None:
                    results.add("terms_css_kb", form, css_kb)
        if "parallel" not in skip:
            for n in jobs[1:]:
                for form in FORMS:
                    out = workdir / form / f"_build_j{n}"
                    shutil.rmtree(out, ignore_errors=True)
                    if b := build(form, f"full -j{n}", out, jobs=n):
                        results.add(f"full_j{n}_s", form, b.seconds)
                        results.add(f"full_j{n}_cpu_s", form, b.cpu_s)
                        results.add(f"full_j{n}_rss_mib", form, b.maxrss_mib)
                    shutil.rmtree(out, ignore_errors=True)
        if "noop" not in skip:
            # A no-op build takes about a second, within the machine's drift from one
            # build to the next; several passes a round, the forms' order alternating,
            # give paired ratios that a single pair cannot.
            for i in range(NOOP_PASSES):
                for form in FORMS if i % 2 == 0 else FORMS[::-1]:
                    if b := build(form, "no-op", outs[form], quiet=False):
                        results.add("noop_s", form, b.seconds)
                        results.add("noop_cpu_s", form, b.cpu_s)
                        results.add("noop_read", form, len(b.read))
                        results.add("noop_written", form, len(b.written))
        # The definition, as the targets say; then the summary, which every link to
        # the term shows (tooltip and preview), so the pages using it are written again.
        for key, edited_field in (("edit", "technical_definition"), ("summary_edit", "summary")):
            if "edit" in skip:
                break
            for form in FORMS:
                if form not in active:
                    continue
                edit_one_term(corpus, form, sources[form], field=edited_field)
                b = build(form, key.replace("_", " "), outs[form], quiet=False)
                edit_one_term(corpus, form, sources[form], edit=False)
                if b:
                    results.add(f"{key}_s", form, b.seconds)
                    results.add(f"{key}_cpu_s", form, b.cpu_s)
                    results.add(f"{key}_read", form, len(b.read))
                    results.add(f"{key}_written", form, len(b.written))
                    results.add(f"{key}_read_docs", form, sorted(b.read))
        # Auto-linking, abbreviations and the lint on, against the same build with them
        # off; then one alias more for the quiet term, whose words a few pages hold.
        prose_outs = {variant: sources[variant].parent / "_build" for variant in prose}
        prose_builds = full_builds(prose_outs, together=args.together)
        for variant in prose:
            if b := prose_builds.get(variant):
                results.add("prose_full_s", variant, b.seconds)
                results.add("prose_full_cpu_s", variant, b.cpu_s)
                results.add("prose_full_rss_mib", variant, b.maxrss_mib)
                results.add("prose_html_mb", variant, html_megabytes(prose_outs[variant]))
                if (css_kb := term_stylesheet_kilobytes(prose_outs[variant])) is not None:
                    results.add("prose_terms_css_kb", variant, css_kb)
        for variant in prose:
            if variant not in active:
                continue
            database = sources[variant] / "terms.yaml"
            database.write_text(render_yaml(corpus.terms, alias=(corpus.quiet, QUIET_PHRASE)))
            b = build(variant, "alias", prose_outs[variant], quiet=False)
            database.write_text(render_yaml(corpus.terms))
            if b:
                results.add("prose_alias_s", variant, b.seconds)
                results.add("prose_alias_cpu_s", variant, b.cpu_s)
                results.add("prose_alias_read", variant, len(b.read))
                results.add("prose_alias_written", variant, len(b.written))
                results.add("prose_alias_read_docs", variant, sorted(b.read))
                results.add("prose_alias_written_docs", variant, sorted(b.written))

    dbload: dict[str, Any] = {}
    if "dbload" not in skip:
        log(f"database load+validate, {DBLOAD_TERMS} terms")
        big = corpus if n_terms == DBLOAD_TERMS else make_corpus(DBLOAD_TERMS, 0, 0)
        path = workdir / "dbload" / "terms.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_yaml(big.terms))
        runs = [measure_db_load(path) for _ in range(max(5, args.rounds))]
        dbload = {
            "terms": runs[0]["terms"],
            "problems": runs[0]["problems"],
            "bytes": path.stat().st_size,
            "seconds": [run["seconds"] for run in runs],
            "median_s": median([run["seconds"] for run in runs]),
            "parts_median_s": {
                key: median([run["parts"][key] for run in runs])
                for key in runs[0]["parts"]
                if isinstance(runs[0]["parts"][key], float)
            },
        }
        log(f"  {fmt(dbload['median_s'], 3)}s median of {len(runs)} fresh processes")

    bigdb_result: dict[str, Any] = {}
    if "bigdb" not in skip:
        import bigdb  # bench/bigdb.py, next to this file

        bigdb_result = bigdb.measure(sys.modules[__name__], workdir, args.rounds, args.timeout)

    large: dict[str, Any] = {}
    if "large-input" not in skip:
        import large_input  # bench/large_input.py, next to this file

        log("large input, each case at full and half size")
        large = large_input.measure(sys.modules[__name__], workdir, args.rounds, args.timeout)

    startup: dict[str, Any] = {}
    if "startup" not in skip:
        log("start-up of sphinx-termref validate against a bare python")
        startup = measure_startup(max(10, args.rounds))
        log(f"  {startup['ratio']:.1f}x, median of {len(startup['seconds']['bare'])} pairs")

    machine["load_average_end"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    if package_fingerprint() != fingerprint:
        results.failed["sphinx_termref"] = (
            "the package's sources changed during the run: the numbers mix two versions"
        )
    report = summarise(
        args,
        jobs,
        corpus,
        users,
        results,
        dbload,
        startup,
        machine,
        command,
        workdir,
        bigdb_result,
        large,
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        log(f"results written to {args.json}")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def summarise(
    args: argparse.Namespace,
    jobs: list[int],
    corpus: Corpus,
    users: list[str],
    results: Results,
    dbload: dict[str, Any],
    startup: dict[str, Any],
    machine: dict[str, Any],
    command: str,
    workdir: Path,
    bigdb_result: dict[str, Any] | None = None,
    large: dict[str, Any] | None = None,
) -> dict[str, Any]:
    n_terms, n_pages, refs = SIZES[args.size]
    metrics = [
        ("full_s", "full build, s", 2),
        ("full_cpu_s", "full build, CPU s", 2),
        ("full_rss_mib", "full build peak RSS, MiB", 0),
        ("html_mb", "HTML written, MB", 1),
        ("terms_css_kb", "term stylesheet (once, not in the pages), kB", 1),
        *[
            item
            for n in jobs[1:]
            for item in (
                (f"full_j{n}_s", f"full build -j {n}, s", 2),
                (f"full_j{n}_cpu_s", f"full build -j {n}, CPU s", 2),
                (f"full_j{n}_rss_mib", f"full build -j {n} peak RSS, MiB", 0),
            )
        ],
        ("noop_s", "no-op rebuild, s", 2),
        ("noop_cpu_s", "no-op rebuild, CPU s", 2),
        ("noop_read", "no-op rebuild, docs read", 0),
        ("noop_written", "no-op rebuild, docs written", 0),
        ("edit_s", "edit one term, s", 2),
        ("edit_cpu_s", "edit one term, CPU s", 2),
        ("edit_read", "edit one term, docs read", 0),
        ("edit_written", "edit one term, docs written", 0),
        ("summary_edit_s", "edit one term's summary, s", 2),
        ("summary_edit_read", "edit one term's summary, docs read", 0),
        ("summary_edit_written", "edit one term's summary, docs written", 0),
        ("consumer_s", "intersphinx consumer full build, s", 2),
        ("consumer_cpu_s", "intersphinx consumer full build, CPU s", 2),
        ("consumer_rss_mib", "intersphinx consumer peak RSS, MiB", 0),
    ]
    medians: dict[str, dict[str, float | None]] = {}
    ratios: dict[str, dict[str, tuple[float, float, float] | None]] = {}
    table = []
    for key, label, digits in metrics:
        if key not in results.samples:
            continue
        row = {form: median(results.get(key, form)) for form in FORMS}
        medians[key] = row
        ratios[key] = {
            f"termref/{form}": paired_ratio(results.get(key, "termref"), results.get(key, form))
            for form in ("glossary", "plain")
        }
        table.append(
            (
                label,
                *(fmt(row[form], digits) for form in FORMS),
                fmt_ratio(ratios[key]["termref/glossary"]),
                fmt_ratio(ratios[key]["termref/plain"]),
            )
        )

    def m(key: str, form: str) -> float | None:
        return medians.get(key, {}).get(form)

    def vs_glossary(key: str) -> float | None:
        r = ratios.get(key, {}).get("termref/glossary")
        return None if r is None else r[0]

    targets = []

    def target(name: str, ok: bool | None, detail: str) -> None:
        verdict = "n/a" if ok is None else ("PASS" if ok else "FAIL")
        targets.append({"target": name, "verdict": verdict, "detail": detail})

    full_ratio = vs_glossary("full_s")
    timeout = results.timeouts.get("termref")
    killed = timeout if timeout and timeout[0] == "full" else None
    for size in ("default", "large"):
        name = f"full HTML build at {size} size <= 1.05x glossary"
        if args.size == size and full_ratio is not None:
            cpu = vs_glossary("full_cpu_s")
            target(
                name,
                full_ratio <= 1.05,
                f"{full_ratio:.2f}x wall time ({fmt(cpu)}x CPU time)",
            )
        elif args.size == size and killed and m("full_s", "glossary"):
            # A build killed by --timeout took at least that long.
            at_least = killed[1] / (m("full_s", "glossary") or 1)
            target(
                name,
                False if at_least > 1.05 else None,
                f"> {at_least:.2f}x: termref killed after {killed[1]:.0f}s, glossary took "
                f"{fmt(m('full_s', 'glossary'))}s",
            )
        else:
            target(name, None, f"not measured in this run (size {args.size})")
    rss_ratio = vs_glossary("full_rss_mib")
    if rss_ratio is None and killed and m("full_rss_mib", "glossary"):
        at_least = killed[2] / (m("full_rss_mib", "glossary") or 1)
        target(
            "peak memory <= 1.15x glossary",
            False if at_least > 1.15 else None,
            f">= {at_least:.2f}x when termref was killed ({killed[2]:.0f} MiB)",
        )
    else:
        target(
            "peak memory <= 1.15x glossary",
            None if rss_ratio is None else rss_ratio <= 1.15,
            "-" if rss_ratio is None else f"{rss_ratio:.2f}x (full build, -j 1)",
        )
    load = dbload.get("median_s")
    target(
        f"{DBLOAD_TERMS // 1000}k-term database load+validate < 0.5 s",
        None if load is None else load < 0.5 and dbload.get("problems") == 0,
        "-" if load is None else f"{load:.3f} s, {dbload['problems']} problems",
    )
    startup_ratio = startup.get("ratio")
    target(
        "sphinx-termref validate start-up <= 6x a bare python",
        None if startup_ratio is None else startup_ratio <= 6,
        "-"
        if startup_ratio is None
        else f"{startup_ratio:.1f}x ({startup['median_s']['validate'] * 1000:.0f} ms against "
        f"{startup['median_s']['bare'] * 1000:.0f} ms)",
    )
    consumer_cpu = vs_glossary("consumer_cpu_s")
    tiny = args.size == "tiny"
    pages, per_page = CONSUMER_SIZES[args.size]
    target(
        "intersphinx consumer (:termref: / :term: to another project) CPU <= 1.05x glossary",
        None if consumer_cpu is None or tiny else consumer_cpu <= 1.05,
        "-"
        if consumer_cpu is None
        else ("not a target at size tiny, where start-up dominates: " if tiny else "")
        + f"{consumer_cpu:.2f}x CPU time ({fmt(vs_glossary('consumer_s'))}x wall time); "
        f"{n_terms:,}-term provider, {pages} pages x {per_page} references",
    )
    noop_ratio = vs_glossary("noop_s")
    target(
        "no-op second build <= 1.1x glossary",
        None if noop_ratio is None else noop_ratio <= 1.1,
        "-"
        if noop_ratio is None
        else f"{noop_ratio:.2f}x wall time ({fmt(vs_glossary('noop_cpu_s'))}x CPU time, "
        f"{NOOP_PASSES} pairs a round); termref read {fmt(m('noop_read', 'termref'), 0)} docs",
    )
    edit_ratio = vs_glossary("edit_s")
    expected = {"glossary", *users}
    reads = results.get("edit_read_docs", "termref")
    extra = sorted({doc for docs in reads for doc in docs} - expected)
    only_users = bool(reads) and not extra
    detail = "-"
    if edit_ratio is not None:
        detail = (
            f"{edit_ratio:.2f}x; termref re-read {fmt(m('edit_read', 'termref'), 0)} docs, "
            + (
                f"all among the glossary page and the {len(users)} pages using the term"
                if only_users
                else f"including others: {extra[:5]}{'...' if len(extra) > 5 else ''}"
            )
            + f"; glossary form re-read {fmt(m('edit_read', 'glossary'), 0)}"
        )
    target(
        "edit-one-term incremental <= 1.2x glossary, re-reads only docs using the term",
        None if edit_ratio is None else edit_ratio <= 1.2 and only_users,
        detail,
    )
    j1, j2 = m("full_s", "termref"), m("full_j2_s", "termref")
    speedup = paired_ratio(results.get("full_j2_s", "termref"), results.get("full_s", "termref"))
    glossary_speedup = paired_ratio(
        results.get("full_j2_s", "glossary"), results.get("full_s", "glossary")
    )
    target(
        "termref -j 2 faster than -j 1 at default size",
        None if speedup is None or args.size != "default" else speedup[0] < 1,
        "-"
        if j1 is None or j2 is None
        else f"-j 2 {j2:.2f}s vs -j 1 {j1:.2f}s (-j 2 / -j 1 = {fmt_ratio(speedup)}); "
        f"glossary's -j 2 / -j 1 = {fmt_ratio(glossary_speedup)}",
    )

    prose_table, prose_ratios = prose_summary(args, corpus, results, target)
    if bigdb_result:
        import bigdb

        bigdb.targets(bigdb_result, target)

    lines = [
        "",
        f"sphinx-termref benchmark: size {args.size} ({n_terms:,} terms x {n_pages:,} pages x "
        f"{refs} references per page), {args.rounds} round(s), medians",
        "machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()),
        f"reproduce: {command}",
        "",
    ]
    header = ("metric", *FORMS, "termref/glossary", "termref/plain")
    lines.insert(
        -1,
        "ratios: the median of the per-round ratios (each round builds the forms back to "
        "back), [lowest-highest] round",
    )
    widths = [max(len(str(cells[i])) for cells in (header, *table)) for i in range(len(header))]
    for cells in (header, tuple("-" * w for w in widths), *table):
        lines.append(
            "  ".join(
                str(cell).ljust(w) if i == 0 else str(cell).rjust(w)
                for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
            )
        )
    if prose_table:
        lines += [
            "",
            f"prose: the termref form with {PROSE_CONF.replace(chr(10), ', ')}, against the "
            "same build with them off (built back to back)",
        ]
        lines += _columns(("metric", *PROSE, "on / off"), prose_table)
    if dbload:
        parts = ", ".join(f"{k} {v:.3f}" for k, v in dbload["parts_median_s"].items())
        lines += [
            "",
            f"database load+validate ({dbload['terms']:,} terms, {dbload['bytes'] / 1e6:.1f} MB "
            f"YAML): {dbload['median_s']:.3f} s median of {len(dbload['seconds'])} fresh "
            f"processes ({parts})",
        ]
    if startup:
        low, high = startup["ratio_range"]
        lines += [
            "",
            f"sphinx-termref validate on example_docs/terms: "
            f"{startup['median_s']['validate'] * 1000:.0f} ms, a bare python "
            f"{startup['median_s']['bare'] * 1000:.0f} ms: {startup['ratio']:.1f}x "
            f"[{low:.1f}-{high:.1f}] over {len(startup['seconds']['bare'])} pairs",
        ]
    if bigdb_result:
        lines += bigdb.summary_lines(sys.modules[__name__], bigdb_result)
    if large:
        import large_input

        lines += large_input.summary_lines(large)
    lines += ["", "targets:"]
    for t in targets:
        lines.append(f"  {t['verdict']:<4}  {t['target']}: {t['detail']}")
    if results.warnings:
        lines.append(f"\nwarnings during builds (the corpus should give none): {results.warnings}")
    if results.failed:
        lines.append(f"\nfailed or skipped: {results.failed}")
    print("\n".join(lines), flush=True)

    return {
        "size": args.size,
        "corpus": {
            "terms": n_terms,
            "pages": n_pages,
            "references_per_page": refs,
            "edited_term": corpus.terms[corpus.edited].id,
            "edited_term_users": users,
            "quiet_term": corpus.terms[corpus.quiet].id,
            "quiet_pages": corpus.quiet_pages,
        },
        "rounds": args.rounds,
        "jobs": jobs,
        "termref_conf": args.termref_conf,
        "machine": machine,
        "command": command,
        "workdir": str(workdir),
        "samples": results.samples,
        "medians": medians,
        "ratios": ratios,
        "ratios_of_medians": {
            key: {
                "termref/glossary": ratio(row["termref"], row["glossary"]),
                "termref/plain": ratio(row["termref"], row["plain"]),
            }
            for key, row in medians.items()
        },
        "prose": {"conf": PROSE_CONF, "ratios": prose_ratios},
        "dbload": dbload,
        "startup": startup,
        "bigdb": bigdb_result or {},
        "large_input": large or {},
        "targets": targets,
        "warnings": results.warnings,
        "failed": results.failed,
        "timeouts": results.timeouts,
    }


def _columns(header: tuple[str, ...], table: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(str(cells[i])) for cells in (header, *table)) for i in range(len(header))]
    return [
        "  ".join(
            str(cell).ljust(w) if i == 0 else str(cell).rjust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        )
        for cells in (header, tuple("-" * w for w in widths), *table)
    ]


def prose_summary(
    args: argparse.Namespace,
    corpus: Corpus,
    results: Results,
    target: Callable[[str, bool | None, str], None],
) -> tuple[list[tuple[str, ...]], dict[str, tuple[float, float, float] | None]]:
    """The prose scenario's table (medians, and the per-round ratio on / off) and its
    targets."""
    metrics = [
        ("prose_full_s", "full build, s", 2),
        ("prose_full_cpu_s", "full build, CPU s", 2),
        ("prose_full_rss_mib", "full build peak RSS, MiB", 0),
        ("prose_html_mb", "HTML written, MB", 1),
        ("prose_terms_css_kb", "term stylesheet (once, not in the pages), kB", 1),
        ("prose_alias_s", "add an alias, s", 2),
        ("prose_alias_cpu_s", "add an alias, CPU s", 2),
        ("prose_alias_read", "add an alias, docs read", 0),
        ("prose_alias_written", "add an alias, docs written", 0),
    ]
    table: list[tuple[str, ...]] = []
    ratios: dict[str, tuple[float, float, float] | None] = {}
    for key, label, digits in metrics:
        if key not in results.samples:
            continue
        off, on = (results.get(key, variant) for variant in PROSE)
        ratios[key] = paired_ratio(on, off)
        table.append(
            (label, fmt(median(off), digits), fmt(median(on), digits), fmt_ratio(ratios[key]))
        )
    full = ratios.get("prose_full_s")
    for size in ("default", "large"):
        name = f"prose features' full build at {size} size <= 1.10x the same build without"
        if args.size == size and full is not None:
            cpu = ratios.get("prose_full_cpu_s")
            cpu_text = "-" if cpu is None else f"{cpu[0]:.2f}"
            target(name, full[0] <= 1.10, f"{fmt_ratio(full)}x wall time ({cpu_text}x CPU time)")
        else:
            target(name, None, f"not measured in this run (size {args.size})")
    reads = results.get("prose_alias_read_docs", "prose on")
    expected = {"glossary", *corpus.quiet_pages}
    extra = sorted({doc for docs in reads for doc in docs} - expected)
    missing = sorted(expected - {doc for docs in reads for doc in docs})
    written = results.get("prose_alias_written_docs", "prose on")
    detail = "-"
    if reads:
        detail = (
            f"re-read {fmt(median(results.get('prose_alias_read', 'prose on')), 0)} docs, wrote "
            f"{fmt(median(results.get('prose_alias_written', 'prose on')), 0)} "
            f"({written[-1][:8]}{'...' if len(written[-1]) > 8 else ''}); expected the "
            f"glossary page and the {len(corpus.quiet_pages)} pages with the phrase "
            f"({', '.join(corpus.quiet_pages)})"
            + (f"; also re-read: {extra[:8]}{'...' if len(extra) > 8 else ''}" if extra else "")
            + (f"; not re-read: {missing}" if missing else "")
        )
    target(
        "prose on, add an alias written on a few pages: re-reads only those and the glossary",
        None if not reads else not extra and not missing,
        detail,
    )
    return table, ratios


if __name__ == "__main__":
    sys.exit(main())

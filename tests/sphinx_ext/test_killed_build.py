"""A ``sphinx-build`` killed with SIGKILL, then built again as a user would (the same
source, output and doctree directories): every page's extension output - cards,
references (href and text), the term index, backlinks, previews, the usage table and
report - is what a clean build in a fresh directory gives.

The build runs as its own process (``python -m sphinx -b html``) on a project of
many pages, and is killed once its doctree or output directory holds some but not
all pages: in the read phase, or in the write phase. A build that ends before the
kill lands is tried again with twice the pages, so the test never passes without
having killed a build half way.

Only the extension's output is compared. What Sphinx itself writes at the end of a
build (the search index, ``objects.inv``, ``genindex``) may be missing or out of date
after a kill until a build that writes them again, and Sphinx may warn about it.

Sphinx writes each page in place: a page it was writing at the kill stays cut short,
and newer than its source, so Sphinx alone would not write it again. The extension
marks a build that has not finished (``unfinished``), and the next build writes
every page. The test stops the build (SIGSTOP) and kills it between two pages, so
that it knows which pages were written, then cuts one of them short as a kill in
the middle of writing it would.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import dump_terms

from sphinx_termref.sphinx_ext.unfinished import MARK


def marked(root: Path) -> bool:
    """Whether a build into ``root/html`` is marked unfinished."""
    return any((root / "doctrees").glob(f"{MARK}*"))


pytestmark = pytest.mark.slow

TERMS = 40
FIRST_PAGES = 120
CONF = """\
extensions = ["sphinx_termref"]
termref_databases = ["terms.yaml"]
termref_usage_report = True
termref_autolink = "first"
termref_abbreviations = "first"
"""
#: How long one build may take before the test gives up on it.
TIMEOUT = 600


def _terms() -> list[dict[str, object]]:
    terms: list[dict[str, object]] = []
    for number in range(TERMS):
        term: dict[str, object] = {
            "id": f"term-{number}",
            "name": f"Zorb{number} Quaddle",
            "aliases": [f"quaddle{number}", f"zq{number} alias"],
            "summary": f"Summary of term {number}, which matters.",
            "technical_definition": f"Technical text {number} refers to "
            f":termref:`zorb{(number + 1) % TERMS} quaddle`.",
            "see_also": [f"term-{(number + 3) % TERMS}"],
        }
        if number % 5 == 0:
            term["abbreviation"] = f"ZQA{number}"
        terms.append(term)
    return terms


def _page(number: int) -> str:
    first, second = number % TERMS, (number * 7 + 3) % TERMS
    lines = [f"Page {number}", "=" * (len(str(number)) + 5), ""]
    lines.append(
        f"See :termref:`zorb{first} quaddle`, :termref:`the alias <quaddle{second}>` and "
        f":termref:`zq{(first + 11) % TERMS} alias`. In prose, Zorb{(second + 5) % TERMS} "
        f"Quaddle and ZQA{(number % 8) * 5} are mentioned."
    )
    lines.append("")
    if number % 10 == 0:
        lines += [f".. term-card:: term-{number // 10 % TERMS}", ""]
    if number % 25 == 0:
        lines += [".. term-usage::", ""]
    return "\n".join(lines)


def write_project(srcdir: Path, pages: int) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "terms.yaml").write_text(dump_terms(_terms()), encoding="utf-8")
    names = page_names(pages)
    toctree = "\n".join(f"   {name}" for name in [*names, "glossary"])
    index = f"Killed\n======\n\n.. toctree::\n\n{toctree}\n"
    (srcdir / "index.rst").write_text(index, encoding="utf-8")
    glossary = "Glossary\n========\n\n.. term-index::\n   :cards:\n\n.. term-usage::\n"
    (srcdir / "glossary.rst").write_text(glossary, encoding="utf-8")
    for number, name in enumerate(names):
        (srcdir / f"{name}.rst").write_text(_page(number), encoding="utf-8")


def page_names(pages: int) -> list[str]:
    return [f"page{number:04}" for number in range(pages)]


def _command(root: Path) -> list[str]:
    return [
        sys.executable,
        *("-m", "sphinx", "-b", "html", "-q"),
        *("-d", str(root / "doctrees")),
        str(root / "src"),
        str(root / "html"),
    ]


def _environment() -> dict[str, str]:
    # The checkout's package, whichever directory the test runs from.
    checkout = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": checkout + os.pathsep + os.environ.get("PYTHONPATH", "")}


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(root),
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=TIMEOUT,
        check=False,
    )


def _count(directory: Path, pattern: str) -> int:
    try:
        return sum(1 for _ in directory.glob(pattern))
    except OSError:
        return 0


def _pages_written(root: Path) -> int:
    return _count(root / "html", "page*.html")


def _whole(page: Path) -> bool:
    try:
        return page.read_bytes().rstrip().endswith(b"</html>")
    except OSError:
        return False


def _between_pages(root: Path) -> bool:
    """No page of the stopped build is cut short (none is being written)."""
    return all(_whole(page) for page in (root / "html").glob("*.html"))


def kill_when(root: Path, ready: Callable[[], bool]) -> int | None:
    """Start a build and SIGKILL it once ``ready()``, between two pages; its exit
    status, or None if it ended by itself first."""
    process = subprocess.Popen(
        _command(root),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_environment(),
    )
    deadline = time.monotonic() + TIMEOUT
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if ready():
                os.kill(process.pid, signal.SIGSTOP)
                if _between_pages(root):
                    os.kill(process.pid, signal.SIGKILL)
                    return process.wait()
                os.kill(process.pid, signal.SIGCONT)
            time.sleep(0.002)
        return None if process.poll() is not None else -1
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def _half_way(root: Path, pages: int, phase: str) -> bool:
    """Whether the build has read (or written) some of its pages, but far from all."""
    if phase == "read":
        read = _count(root / "doctrees", "page*.doctree")
        return pages // 4 <= read < pages and _pages_written(root) == 0
    return pages // 4 <= _pages_written(root) < pages // 2


def killed_build(tmp_path: Path, phase: str) -> tuple[Path, int]:
    """A project whose first build was killed in ``phase`` ("read" or "write"), and
    its number of numbered pages."""
    pages = FIRST_PAGES
    for attempt in range(4):
        root = tmp_path / f"{phase}-{attempt}"
        write_project(root / "src", pages)
        status = kill_when(root, lambda root=root, pages=pages: _half_way(root, pages, phase))
        if status is not None:
            assert status == -signal.SIGKILL
            doctrees = _count(root / "doctrees", "page*.doctree")
            if phase == "read":
                assert 0 < doctrees < pages
                assert not (root / "doctrees" / "environment.pickle").exists()
            else:
                assert doctrees == pages
                assert 0 < _pages_written(root) < pages
            return root, pages
        shutil.rmtree(root)
        pages *= 2  # the build was faster than the polling: more pages to write
    pytest.fail("every build ended before it could be killed")


def extension_output(page: Path) -> list[str]:
    """Every element the extension made on ``page``, as HTML, in page order: the
    outermost elements of a ``termref`` class (cards, references, the term index,
    backlinks, previews, usage tables), and the page's links to its files."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    made: list[str] = []
    for element in soup.find_all(True):
        if _termref_class(element) and not any(_termref_class(up) for up in element.parents):
            made.append(str(element))
    for asset in soup.select("head link[href], head script[src]"):
        source = str(asset.get("href") or asset.get("src"))
        if "termref" in source:
            made.append(str(asset))
    return made


def _termref_class(element: Tag) -> bool:
    classes = element.get("class") or []
    return any(name.startswith("termref") for name in classes)


def assert_same_extension_output(rebuilt: Path, clean: Path, names: list[str]) -> None:
    references = 0
    for name in names:
        got = extension_output(rebuilt / "html" / f"{name}.html")
        assert got == extension_output(clean / "html" / f"{name}.html"), name
        references += sum(item.startswith("<a") and "termref" in item for item in got)
    assert references > 3 * (len(names) - 2)  # the pages' references were compared
    for static in ("termref.css", "termref.js"):
        path = f"html/_static/{static}"
        assert (rebuilt / path).read_bytes() == (clean / path).read_bytes()
    assert _report(rebuilt) == _report(clean)


def _report(root: Path) -> object:
    """The usage report, which names the source files by their paths, with the
    project's own directory left out of them."""
    text = (root / "html" / "termref-usage.json").read_text(encoding="utf-8")
    return json.loads(text.replace(json.dumps(str(root))[1:-1], "ROOT"))


@pytest.fixture(scope="module")
def clean_builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """A clean build of the project with so many pages, made once."""
    made: dict[int, Path] = {}

    def clean(pages: int) -> Path:
        if pages not in made:
            root = tmp_path_factory.mktemp(f"clean-{pages}")
            write_project(root / "src", pages)
            finished = build(root)
            assert finished.returncode == 0, finished.stderr
            made[pages] = root
        return made[pages]

    return clean


@pytest.mark.parametrize("phase", ["read", "write"])
def test_a_build_killed_half_way_is_completed_by_the_next(
    tmp_path: Path, phase: str, clean_builds: Callable[[int], Path]
) -> None:
    killed, pages = killed_build(tmp_path, phase)
    # Marked unfinished once the build began to write.
    assert marked(killed) == (phase == "write")
    if phase == "write":
        # What a kill while the page was written leaves: its start, newer than its source.
        page = sorted((killed / "html").glob("page*.html"))[0]
        page.write_bytes(page.read_bytes()[:2000])
    rebuilt = build(killed)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Traceback" not in rebuilt.stderr
    assert not marked(killed)
    names = ["index", "glossary", *page_names(pages)]
    assert_same_extension_output(killed, clean_builds(pages), names)

"""The stylesheet and script: in place before the pages are written, so every page
links them with their checksum and an epub book holds them. The term stylesheet is
in place as early, and linked without a checksum (its content changes while pages
that are not written again keep their link)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import ROOTS

from sphinx_termref.sphinx_ext.build_events import CSS_FILE, JS_FILE, STATIC_DIR
from sphinx_termref.sphinx_ext.term_styles import FILE_NAME


def checksum(name: str) -> str:
    content = (STATIC_DIR / name).read_bytes().translate(None, b"\r")
    return f"{zlib.crc32(content):08x}"


def linked(page: str) -> dict[str, str]:
    """The extension's files a page links, with the query that follows each name."""
    soup = BeautifulSoup(page, "html.parser")
    found = {}
    for element in soup.select("link[rel=stylesheet], script[src]"):
        path, _, query = (element.get("href") or element["src"]).partition("?")
        if path.startswith("_static/termref"):
            found[path] = query
    return found


def test_a_first_build_links_the_files_with_their_checksum(make_build) -> None:
    app = make_build(ROOTS / "test-refs", "html")
    for page in ("index.html", "other.html"):
        files = linked((app.outdir / page).read_text(encoding="utf-8"))
        assert files == {
            f"_static/{CSS_FILE}": f"v={checksum(CSS_FILE)}",
            f"_static/{JS_FILE}": f"v={checksum(JS_FILE)}",
            f"_static/{FILE_NAME}": "",
        }, page
    for name in (CSS_FILE, JS_FILE):
        assert (app.outdir / "_static" / name).read_bytes() == (STATIC_DIR / name).read_bytes()


def test_the_epub_book_holds_the_files_its_pages_link(make_build) -> None:
    app = make_build(ROOTS / "test-refs", "epub")
    (book,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        names = set(archive.namelist())
        page = archive.read("index.xhtml").decode("utf-8")
        manifest = archive.read("content.opf").decode("utf-8")
    files = linked(page)
    assert {f"_static/{CSS_FILE}", f"_static/{FILE_NAME}"} <= files.keys()
    for path in files:
        assert path in names
        assert f'href="{path}"' in manifest

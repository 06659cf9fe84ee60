"""Translated card labels, gettext extraction of card text, and the shipped catalogs.

Root ``test-i18n``: ``index`` shows a card with every section (BROADER and NARROWER
through the terms above and below it, and a NOTE
from the directive's content) and refers to it from ``other``, so REFERENCED IN is
shown too; its read-more link has no label of its own.
"""

from __future__ import annotations

import ast
import io
import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag
from helpers import CARD_LABELS, ROOTS, build_app
from sphinx.testing.util import SphinxTestApp

import sphinx_termref

LOCALE_DIR = Path(sphinx_termref.__file__).parent / "locale"
LANGUAGES = ["de", "fr"]

EXPECTED = {
    "en": {
        "labels": [
            *CARD_LABELS[:3],
            "BROADER",
            "NARROWER",
            *CARD_LABELS[3:],
            "NOTE",
            "REFERENCED IN",
        ],
        "read_more": "Read more",
        "preview": [],
        "intro": "Organizations developing technology related to Mesa-Optimization.",
        "status": ["DEPRECATED", "DRAFT", "(deprecated)", "(draft)", "Use %s instead."],
        "usage": [],  # the msgids themselves
        "graph": [],
    },
    "de": {
        "labels": [
            "TECHNISCHE DEFINITION",
            "HINTERGRUND",
            "SYNONYME & ALIASE",
            "OBERBEGRIFFE",
            "UNTERBEGRIFFE",
            "VERWENDUNGSHINWEIS",
            "ENTWICKLER",
            "SIEHE AUCH",
            "ANMERKUNG",
            "ERWÄHNT IN",
        ],
        "read_more": "Weiterlesen",
        "preview": ["Vollständige Definition", "Auch:"],
        "intro": "Organisationen, die Technologie im Zusammenhang mit Mesa-Optimization "
        "entwickeln.",
        "status": [
            "VERALTET",
            "ENTWURF",
            "(veraltet)",
            "(Entwurf)",
            "Verwenden Sie stattdessen %s.",
        ],
        "usage": [
            "Begriff",
            "Status",
            "Verantwortlich",
            "Geprüft",
            "Verweise",
            "Seiten",
            "Veraltet oder unerwünscht",
        ],
        "graph": [
            "Begriffe rund um %s",
            "Begriffe der Kategorie „%(category)s“ mit dem Schlagwort „%(tag)s“",
            "Begriffe der Kategorie „%s“",
            "Begriffe mit dem Schlagwort „%s“",
            "Alle Begriffe",
            "Pfeile führen von einem Oberbegriff zu einem Unterbegriff; gestrichelte "
            "Linien verbinden Begriffe, die aufeinander verweisen.",
            "Der Graph als Liste",
        ],
    },
    "fr": {
        "labels": [
            "DÉFINITION TECHNIQUE",
            "CONTEXTE",
            "SYNONYMES ET ALIAS",
            "TERMES GÉNÉRIQUES",
            "TERMES SPÉCIFIQUES",
            "NOTE D’USAGE",  # noqa: RUF001 - the catalog's typographic apostrophe
            "DÉVELOPPEURS",
            "VOIR AUSSI",
            "REMARQUE",
            "CITÉ DANS",
        ],
        "read_more": "En savoir plus",
        "preview": ["Définition complète", "Aussi\u00a0:"],
        "intro": "Organisations développant des technologies liées à Mesa-Optimization.",
        "status": [
            "OBSOLÈTE",
            "BROUILLON",
            "(obsolète)",
            "(brouillon)",
            "Utilisez %s à la place.",
        ],
        "usage": [
            "Terme",
            "Statut",
            "Responsable",
            "Révisé",
            "Références",
            "Pages",
            "Obsolète ou déconseillé",
        ],
        "graph": [
            "Termes liés à %s",
            "Termes de la catégorie « %(category)s » avec l’étiquette « %(tag)s »",  # noqa: RUF001
            "Termes de la catégorie « %s »",
            "Termes avec l’étiquette « %s »",  # noqa: RUF001 - the typographic apostrophe
            "Tous les termes",
            "Les flèches vont d’un terme générique à un terme spécifique ; les lignes en "  # noqa: RUF001
            "tirets relient les termes qui renvoient l’un à l’autre.",  # noqa: RUF001
            "Le graphe sous forme de liste",
        ],
    },
}


def _card(app: SphinxTestApp) -> Tag:
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    card = soup.find("section", id="termref-mesa-optimization")
    assert card is not None
    return card


def _check_labels(app: SphinxTestApp, language: str) -> None:
    expected = EXPECTED[language]
    card = _card(app)
    labels = [label.get_text(strip=True) for label in card.select(".termref-card__label")]
    assert labels == expected["labels"]
    read_more = card.select_one(".termref-card__read-more a")
    assert read_more.get_text(strip=True) == expected["read_more"]
    assert read_more["href"] == "https://en.wikipedia.org/wiki/AI_alignment"
    intro = card.select_one(".termref-card__intro")
    assert " ".join(intro.get_text().split()) == expected["intro"]
    # The database's own text is not translated.
    assert card.select_one(".termref-card__name dfn").get_text() == "Mesa-Optimization"


@pytest.mark.sphinx("html", testroot="i18n")
def test_english_labels(app: SphinxTestApp) -> None:
    app.build()
    _check_labels(app, "en")


@pytest.mark.sphinx("html", testroot="i18n", confoverrides={"language": "de"})
def test_german_labels(app: SphinxTestApp) -> None:
    app.build()
    _check_labels(app, "de")


@pytest.mark.sphinx("html", testroot="i18n", confoverrides={"language": "fr"})
def test_french_labels(app: SphinxTestApp) -> None:
    app.build()
    _check_labels(app, "fr")


@pytest.mark.parametrize("language", LANGUAGES)
def test_expected_labels_are_the_catalogs(language: str) -> None:
    """The expectations above are the shipped .po file's translations, all of them."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / "sphinx_termref.po").open("rb") as po:
        catalog = read_po(po)
    translated = {message.string for message in catalog if message.id}
    expected = EXPECTED[language]
    intro = catalog.get("Organizations developing technology related to %s.").string
    assert translated == {
        *expected["labels"],
        expected["read_more"],
        *expected["preview"],
        intro,
        *expected["status"],
        *expected["usage"],
        *expected["graph"],
    }
    assert intro % "Mesa-Optimization" == expected["intro"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_mo_files_match_po_files(language: str) -> None:
    directory = LOCALE_DIR / language / "LC_MESSAGES"
    with (directory / "sphinx_termref.po").open("rb") as po:
        source = read_po(po)
    compiled = io.BytesIO()
    write_mo(compiled, source)
    compiled.seek(0)
    with (directory / "sphinx_termref.mo").open("rb") as mo:
        shipped = read_mo(mo)
    expected = read_mo(compiled)

    def messages(catalog):  # type: ignore[no-untyped-def]
        return {message.id: message.string for message in catalog if message.id}

    assert messages(shipped) == messages(expected)
    assert len(messages(shipped)) == 33
    assert shipped.locale is not None and str(shipped.locale) == language


@pytest.mark.sphinx("gettext", testroot="i18n")
def test_gettext_extracts_card_text(app: SphinxTestApp) -> None:
    app.build()
    with (Path(app.outdir) / "index.pot").open("rb") as pot:
        catalog = read_po(pot)
    ids = {message.id for message in catalog if message.id}
    for text in [
        "Mesa-Optimization",
        "Model Optimization Term",
        "A learned optimizer inside a trained model.",
        "The base optimizer produces a model that optimizes.",
        "Raises safety concerns.",
        "A note for this page.",
        "Reward Hacking",
        "Gaming the reward.",
    ]:
        assert text in ids, f"{text!r} not extracted; got {sorted(ids)}"
    # Each message points back at the page that shows it.
    name = catalog.get("Model Optimization Term")
    assert any(path.endswith("index.rst") for path, _ in name.locations)


PROJECT_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Mesa-Optimization"
msgstr "Mesa-Optimierung"

msgid "Model Optimization Term"
msgstr "Begriff der Modelloptimierung"

msgid "A learned optimizer inside a trained model."
msgstr "Ein gelernter Optimierer in einem trainierten Modell."

msgid "A note for this page."
msgstr "Eine Anmerkung."
"""


def test_project_catalog_translates_card_text(tmp_path: Path) -> None:
    """What gettext extracts, a project's own catalog translates on the card."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-i18n", srcdir)
    messages = srcdir / "locale" / "de" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "index.po").write_text(PROJECT_PO, encoding="utf-8")
    app = build_app(
        srcdir, tmp_path / "_build", confoverrides={"language": "de", "locale_dirs": ["locale"]}
    )
    card = _card(app)
    assert card.select_one(".termref-card__name dfn").get_text() == "Mesa-Optimierung"
    category = card.select_one(".termref-card__category").get_text(strip=True)
    assert category == "Begriff der Modelloptimierung"
    summary = card.select_one(".termref-card__summary").get_text(strip=True)
    assert summary == "Ein gelernter Optimierer in einem trainierten Modell."
    note = card.select_one(".termref-card__section--note p").get_text(strip=True)
    assert note == "Eine Anmerkung."
    # Untranslated text stays as it is; the labels come from the shipped catalog.
    usage = card.select_one(".termref-card__section--usage-note p").get_text(strip=True)
    assert usage == "Raises safety concerns."
    assert card.select_one(".termref-card__label").get_text(strip=True) == (
        "TECHNISCHE DEFINITION"
    )


def _messages_in_code() -> set[str]:
    """Every message the package marks for translation: ``_("...")`` calls."""
    found = set()
    for path in Path(sphinx_termref.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogs_translate_every_message(language: str) -> None:
    """No label of a card, preview, table or graph stays English in a shipped language."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / "sphinx_termref.po").open("rb") as po:
        catalog = read_po(po)
    translated = {message.id for message in catalog if message.id and message.string}
    in_code = _messages_in_code()
    assert "Full definition" in in_code and len(in_code) >= 30
    assert sorted(in_code - translated) == []

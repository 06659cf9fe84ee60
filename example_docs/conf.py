"""Sphinx configuration of the sphinx-termref example site: a small AI alignment glossary."""

project = "Alignment Vocabulary"
author = "sphinx-termref contributors"
copyright = "%Y, sphinx-termref contributors"
version = release = "1.0"  # EPUB 3 requires a version

extensions = ["myst_parser", "sphinx_termref"]

# The term database: every *.yaml / *.yml file in terms/, read in sorted order.
termref_databases = ["terms"]

# The other settings keep their defaults: cards show every section, list the
# pages that refer to their term (termref_backlinks = True), and references
# match plural and singular forms (termref_inflections = True).

# The cards reproduce their source text word for word, straight quotes and
# apostrophes included, so Sphinx must not turn "..." into curly quotes.
smartquotes = False

exclude_patterns = ["_build"]

html_theme = "alabaster"
html_static_path = ["_static"]
html_title = "Alignment Vocabulary"

latex_documents = [
    ("index", "alignment-vocabulary.tex", "Alignment Vocabulary", author, "manual"),
]


def setup(app):
    # The site's own styles for the card classes used on customizing.rst. Added
    # here rather than through html_css_files, which Sphinx 9 reports as a changed
    # setting on every incremental build, rewriting every page.
    app.add_css_file("example.css")

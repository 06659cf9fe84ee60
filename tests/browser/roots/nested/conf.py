"""A small site with pages in subdirectories, over the example site's term database."""

project = "termref nested pages"
extensions = ["sphinx_termref"]
termref_databases = ["../../../../example_docs/terms"]
smartquotes = False
html_theme = "alabaster"

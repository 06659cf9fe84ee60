# The project before its migration: a Sphinx glossary, and a page that refers to it.
project = "before"

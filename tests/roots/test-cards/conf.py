extensions = ["sphinx_termref"]
termref_databases = ["terms.yaml"]
project = "termref-cards"
version = release = "1.0"
copyright = "2025, tests"

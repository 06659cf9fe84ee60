extensions = ["myst_parser", "sphinx_termref"]
termref_databases = ["terms.yaml"]
project = "termref-myst"

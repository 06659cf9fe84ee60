extensions = ["sphinx_termref"]
termref_databases = ["terms.yaml"]
project = "Alpha"
version = release = "2.0"

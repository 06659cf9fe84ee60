extensions = ["sphinx_termref"]
project = "Provider"
termref_databases = ["terms.yaml"]
termref_std_terms = True

extensions = ["sphinx_termref"]
termref_databases = ["terms.yaml"]
project = "termref-std-terms"
# termref_std_terms is set by each test.

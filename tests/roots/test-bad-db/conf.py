extensions = ["sphinx_termref"]
# tests add one file of bad/ through confoverrides
termref_databases = ["good.yaml"]
project = "termref-bad-db"

extensions = ["sphinx_termref"]
termref_databases = ["terms.yaml"]
project = "termref-index-status"
# Adam's see-also names the deprecated SGD on purpose, to show its mark there.
suppress_warnings = ["termref.deprecated"]

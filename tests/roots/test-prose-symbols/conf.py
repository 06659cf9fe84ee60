extensions = ["sphinx_termref"]
termref_databases = ["terms.yaml"]
termref_autolink = "all"
termref_lint_unlinked = True

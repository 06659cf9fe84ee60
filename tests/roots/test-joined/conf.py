extensions = ["sphinx_termref"]
termref_databases = ["terms.yaml"]
project = "termref-joined"

# Each of these documents holds the glossary alone, as a printed glossary often does:
# the pages that refer to its terms are not in it.
latex_documents = [("glossary", "glossary.tex", "Glossary", "Author", "manual")]
texinfo_documents = [("glossary", "glossary", "Glossary", "Author", "glossary", "Terms.", "")]
man_pages = [("glossary", "glossary", "Glossary", ["Author"], 7)]

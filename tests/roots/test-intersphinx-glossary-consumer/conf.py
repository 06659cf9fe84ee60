extensions = ["sphinx.ext.intersphinx", "sphinx_termref"]
project = "Arrays"
termref_databases = ["terms.yaml"]
# intersphinx_mapping is given by the tests: it names the glossary project's build.

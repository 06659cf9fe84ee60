extensions = ["sphinx.ext.intersphinx", "sphinx_termref"]
project = "Beta"
# intersphinx_mapping is given by the tests: it names project A's build directory.

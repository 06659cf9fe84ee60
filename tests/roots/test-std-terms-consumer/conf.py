extensions = ["sphinx.ext.intersphinx"]
project = "Consumer"
# intersphinx_mapping is given by the tests: it names the provider's build.

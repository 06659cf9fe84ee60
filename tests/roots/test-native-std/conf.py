extensions = ["sphinx_termref"]
termref_databases = ["terms.yaml"]
project = "termref-native-std"
# termref_std_terms is set by each test.

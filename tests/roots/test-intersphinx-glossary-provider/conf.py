project = "Lang"

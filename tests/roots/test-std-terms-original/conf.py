project = "Provider"
# As import-glossary reads it: "..." stays three dots.
smartquotes = False

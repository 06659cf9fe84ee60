"""The term database, without Sphinx: YAML in, immutable term records out.

The schema (``schema``, ``json_schema``), the reader (``yaml_source``), the rules
(``validation``), the records (``records``), how spellings match (``matching``),
the merged database (``database``) and the one pipeline that loads and caches it
(``loading``). Docutils is used only where database text is checked as markup.
"""

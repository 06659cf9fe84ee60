"""Browser tests: the reader's side of sphinx-termref in a real Chromium."""

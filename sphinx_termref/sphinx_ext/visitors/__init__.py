"""Per-builder markup for the card nodes: ``html``, ``latex`` and ``text``."""

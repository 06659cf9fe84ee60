"""The shape of database text, as every reader of it sees it: paragraphs, and the
block markup it may hold.

The build's cards, the plain-text export and the glossary importer all follow
these rules, so they live here, with no Sphinx: only docutils' node classes.
"""

from __future__ import annotations

import re

from docutils import nodes

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``, with inner line breaks folded to spaces."""
    parts = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text))
    return [part for part in parts if part]


#: Directives database text may use, by their English names.
ALLOWED_DIRECTIVES = frozenset(
    {
        "code-block",
        "code",
        "sourcecode",
        "math",
        "versionadded",
        "versionchanged",
        "deprecated",
        "versionremoved",
        "admonition",
        "attention",
        "caution",
        "danger",
        "error",
        "hint",
        "important",
        "note",
        "seealso",
        "tip",
        "warning",
    }
)

#: The block-level nodes that text of the allowed markup parses into (and a code
#: block with a caption, see ``is_allowed_block``). The importer reports what a
#: glossary holds besides.
ALLOWED_BLOCKS: tuple[type, ...] = (
    nodes.paragraph,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.term,
    nodes.classifier,
    nodes.definition,
    nodes.block_quote,
    nodes.attribution,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.math_block,
    nodes.Admonition,  # note, warning, ..., admonition, seealso, versionadded, ...
    nodes.title,  # of an admonition
    nodes.caption,  # of a code block
    nodes.comment,
)


def is_allowed_block(node: nodes.Node) -> bool:
    """Whether database text may hold the block ``node``."""
    if isinstance(node, nodes.container):  # Sphinx's wrapper of a code block's caption
        return "literal-block-wrapper" in node["classes"]
    return isinstance(node, ALLOWED_BLOCKS)


# A line that can start a block other than a paragraph: a list item, explicit markup,
# an indented line, a literal block's "::", a doctest, a line of punctuation (a title
# or a transition), a line block, a table, a field or an option list. Text without
# one is only paragraphs, which the inline parser makes much sooner.
_BLOCK_LINE = re.compile(
    r"""^(?:
        [ \t]+\S                                    # indented: quote, definition, ...
      | [-*+\u2022\u2023\u2043][ \t]                # bullet
      | (?:\d+|\#|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)][ \t]  # enumerator
      | \((?:\d+|\#|[A-Za-z]|[ivxlcdmIVXLCDM]+)\)[ \t]
      | \.\.(?:[ \t]|$)                             # directive, comment, target, ...
      | __[ \t]                                     # anonymous target
      | >>>                                         # doctest
      | ([!-/:-@\[-`{-~])\1{3,}[ \t]*$              # title adornment, transition
      | \|                                          # line block
      | \+[-=]                                      # grid table
      | :[^:`\s][^:`]*:(?:[ \t]|$)                  # field list
      | --?\w                                       # option list
    )|::[ \t]*$""",
    re.MULTILINE | re.VERBOSE,
)


def has_blocks(text: str) -> bool:
    """Whether ``text`` may hold more than paragraphs of inline markup."""
    return _BLOCK_LINE.search(text) is not None

"""Database text without its inline markup, showing each role as the card shows it.

Tooltips, previews, ``sphinx-termref show`` and the exports have no page to parse
the text in, so the markup is read here with patterns: ``:pep:`427``` is
"PEP 427", ``:ref:`the format <binary-format>``` is "the format", ``:py:func:`~a.b```
is "b()", `` `text <url>`_ `` is "text". The text comes as tokens that say which
parts the card shows as code, which smart quotes leave alone (``tooltips``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

#: ``(kind, text)``: kind ``"plain"``, or ``"literal"`` for what the card shows as
#: code and smart quotes never change (docutils' ``educate_tokens`` reads these).
Token = tuple[str, str]
#: Finds what a reference without its own title shows: ``(role, target)`` -> the
#: section or page title (``:ref:``, ``:doc:``), or None to show the target.
Resolver = Callable[[str, str], str | None]

_ROLE_NAME = r":(?:[\w.+-]+:)?[\w.+-]+:"
_INLINE = re.compile(
    r"\\(?P<escaped>.)"
    r"|``(?P<literal>\S(?:.*?\S)??)``"
    rf"|(?P<prefix>{_ROLE_NAME})?`(?P<content>(?:[^`\\]|\\.)+)`(?P<suffix>{_ROLE_NAME})?"
    r"(?P<link>__?)?"
    r"|\*\*(?P<strong>\S(?:.*?\S)??)\*\*"
    r"|\*(?P<emphasis>[^\s*](?:.*?[^\s\\])??)\*"
    r"|(?<![\w\\])(?P<name>[^\W_]\w*(?:[-.+:][^\W_]\w*)*)__?(?![\w])",
    re.DOTALL,
)
_TITLED = re.compile(r"^(?P<title>.*?)\s*(?<!\\)<(?P<target>[^<>]*)>$", re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ABBREVIATION = re.compile(r"\s*\((.*)\)$", re.DOTALL)
_ACCELERATOR = re.compile(r"(?<!&)&(?![&\s])")
_BRACES = re.compile(r"\\([\\{}])|[{}]")

#: Roles whose text the card shows as code (docutils', Sphinx's and its domains' code
#: roles); a role with a domain (``py:func``) is code unless it is listed in ``_TEXT``.
# fmt: off
_CODE = frozenset({
    "code", "literal", "math", "regexp", "command", "program", "makevar", "mailheader",
    "mimetype", "newsgroup", "file", "samp", "kbd", "manpage", "envvar", "option", "token",
    "keyword", "func", "meth", "class", "attr", "exc", "data", "const", "mod", "obj",
    "type",
})
# fmt: on
#: Roles whose text is prose, educated by smart quotes like the text around it.
# fmt: off
_TEXT = frozenset({
    "emphasis", "strong", "sub", "sup", "subscript", "superscript", "title-reference",
    "title", "t", "dfn", "abbr", "abbreviation", "ab", "acronym", "ac", "guilabel",
    "menuselection", "term", "ref", "doc", "numref", "termref", "any", "pep", "rfc", "cve",
    "cwe", "pep-reference", "rfc-reference", "std:term", "std:ref", "std:doc", "std:numref",
    "termref:term",
})
# fmt: on
#: Roles the card refuses (``markup``) and shows as written.
_REFUSED = re.compile(r"raw(?:-[\w.+-]+)?|download")
_NUMBERED = {"pep": "PEP ", "pep-reference": "PEP ", "rfc": "RFC ", "rfc-reference": "RFC "}
_NUMBERED |= {"cve": "CVE ", "cwe": "CWE "}
_CALLABLES = frozenset({"func", "meth", "py:func", "py:meth"})


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "" if m.group(1).isspace() else m.group(1), text)


def _xref_target(target: str, code: bool) -> str:
    """What a cross-reference without a title shows: ``~a.b`` is ``b``, ``!x`` is x."""
    if target.startswith("!"):
        target = target[1:]
    if target.startswith("~"):
        target = target[1:]
        if code:
            target = target.rpartition(".")[2]
    return target


def role_text(role: str, content: str, resolve: Resolver | None = None) -> Token:
    """What the card shows for ``:role:`content```, as a token."""
    base = role.rpartition(":")[2]
    code = role not in _TEXT and (base in _CODE or ":" in role)
    titled = _TITLED.match(content)
    if titled and titled["title"] and base not in ("abbr", "guilabel", "menuselection"):
        return ("literal" if code else "plain", _unescape(titled["title"]))
    text = _unescape(content)
    if base in _NUMBERED:
        return ("plain", _NUMBERED[base] + text)
    if base in ("abbr", "abbreviation", "ab", "acronym", "ac"):
        return ("plain", _ABBREVIATION.sub("", text))
    if base in ("menuselection", "guilabel"):
        text = text.replace("-->", "\N{TRIANGULAR BULLET}") if base == "menuselection" else text
        return ("plain", _ACCELERATOR.sub("", text).replace("&&", "&"))
    if base in ("file", "samp"):
        return ("literal", _BRACES.sub(lambda m: m.group(1) or "", content))
    if base in ("ref", "doc", "numref", "term", "termref", "any") or code:
        target = _xref_target(text, code)
        shown = resolve(base, target) if resolve is not None else None
        if shown is None:
            shown = target
            if role in _CALLABLES and not shown.endswith(")"):
                shown += "()"
        return ("literal" if code else "plain", shown)
    return ("plain", text)


def _tokens(text: str, resolve: Resolver | None) -> Iterator[Token]:
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            yield "plain", text[position : match.start()]
        position = match.end()
        if match["escaped"] is not None:
            # an escaped character is never educated (docutils keeps it as it is)
            if not match["escaped"].isspace():
                yield "literal", match["escaped"]
        elif match["literal"] is not None:
            yield "literal", match["literal"]
        elif match["content"] is not None:
            role = (match["prefix"] or match["suffix"] or "").strip(":")
            content = match["content"]
            if role and _REFUSED.fullmatch(role):
                yield "plain", _unescape(match.group())
            elif role:
                yield role_text(role, content, resolve)
            else:  # a hyperlink reference, or text in the default role
                titled = _TITLED.match(content) if match["link"] else None
                shown = (titled["title"] or titled["target"]) if titled else content
                yield "plain", _unescape(shown)
        elif match["strong"] is not None:
            yield from _tokens(match["strong"], resolve)
        elif match["emphasis"] is not None:
            yield from _tokens(match["emphasis"], resolve)
        else:
            yield "plain", match["name"]
    if position < len(text):
        yield "plain", text[position:]


def tokens(text: str, resolve: Resolver | None = None) -> list[Token]:
    """One paragraph of database text as the tokens of what the card shows."""
    return [token for token in _tokens(" ".join(text.split()), resolve) if token[1]]


@functools.lru_cache(maxsize=4096)  # every link to a term asks for the same summary
def plain_text(text: str) -> str:
    """``text`` as the card shows it, without markup, on one line."""
    return " ".join("".join(part for _, part in tokens(text)).split())

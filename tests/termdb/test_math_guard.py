"""Database math may hold no MathJax macro that makes links, HTML attributes or
other macros (docs/security.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import dump_terms, project, squash

from sphinx_termref.termdb.tex import math_problem

# Each macro MathJax turns into a link, an attribute, a loaded extension or a font
# choice, and each way of writing a macro that could spell one in pieces.
REFUSED_TEX = {
    "href": r"\href{javascript:alert(1)}{click}",
    "href-space": r"\href {javascript:alert(1)} {click}",
    "href-braced": r"{\href}{javascript:alert(1)}{click}",
    "url": r"\url{javascript:alert(1)}",
    "class": r"\class{evil}{x}",
    "style": r"\style{color:red}{y}",
    "cssId": r"\cssId{main}{z}",
    "require": r"\require{html}",
    "unicode": r"\unicode{x263a}",
    "htmlClass": r"\htmlClass{evil}{x}",
    "htmlStyle": r"\htmlStyle{color:red}{x}",
    "htmlId": r"\htmlId{main}{x}",
    "htmlData": r"\htmlData{x=1}{x}",
    "mmlToken": r"\mmlToken{mi}[href='javascript:alert(1)']{x}",
    "def": r"\def\h{\hre}\h f{javascript:alert(1)}{x}",
    "newcommand": r"\newcommand{\h}[1]{#1}\h{x}",
    "let": r"\let\h\relax \h",
    "csname": r"\csname hr\endcsname",
    "caret-notation": r"\^^68ref{javascript:alert(1)}{x}",
    "bbox": r"\bbox[background:url(https://example.org/x)]{x}",
    "data": r"\data{x=1}{x}",
    # What the LaTeX builder would hand to TeX: files, the shell, the engine.
    "input": r"\input{/etc/passwd}",
    "include": r"\include{chapter}",
    "write18": r"\immediate\write18{rm -rf ~}",
    "write": r"\write16{x}",
    "openout": r"\openout1=evil.tex",
    "openin": r"\openin1=secret",
    "read": r"\read16 to \x",
    "special": r"\special{ps: evil}",
    "catcode": r"\catcode 64=11",
    "scantokens": r"\scantokens{\hr ef}",
    "everymath": r"\everymath{\input{x}}",
    "directlua": r"\directlua{os.execute('x')}",
    "luaescapestring": r"\luaescapestring{x}",
    "pdfliteral": r"\pdfliteral{0 0 m}",
    "pdfshellescape": r"\pdfshellescape",
    "xetex": r"\XeTeXinterchartoks 0 1 = {x}",
    "usepackage": r"\usepackage{shellesc}",
}
SAFE_TEX = (
    r"\frac{a}{b}",
    r"\sum_{i=1}^{n} x_i^2",
    r"\mathrm{KL}(p \| q)",
    r"\text{urls}",
    r"\left(\inf_{x} f(x)\right)",  # words that start like refused ones
    r"\lambda \leq \datum",
)


@pytest.mark.parametrize("key", list(REFUSED_TEX))
def test_each_active_macro_is_refused(key: str) -> None:
    assert math_problem(REFUSED_TEX[key]) is not None


@pytest.mark.parametrize("tex", SAFE_TEX)
def test_ordinary_math_is_allowed(tex: str) -> None:
    assert math_problem(tex) is None


def test_refused_math_is_shown_as_text_with_a_warning(tmp_path: Path) -> None:
    terms = [
        {"id": f"m-{n}", "name": f"Math {n}", "summary": f"Before :math:`{tex}` after."}
        for n, tex in enumerate(REFUSED_TEX.values())
    ]
    terms.append({"id": "safe", "name": "Safe", "summary": r"Ratio :math:`\frac{a}{b}`."})
    page = "Math\n====\n\n" + "".join(f".. term-card:: {t['id']}\n\n" for t in terms)
    built = project(tmp_path, dump_terms(terms), page, conf_extra="smartquotes = False\n")
    soup = built.soup()
    warned = built.typed("termref.markup")
    for n, tex in enumerate(REFUSED_TEX.values()):
        summary = soup.find(id=f"termref-m-{n}").find(class_="termref-card__summary")
        assert summary.find(class_="math") is None, summary
        assert squash(summary.get_text(" ")) == squash(f"Before :math:`{tex}` after.")
        assert [w for w in warned if f"of term 'm-{n}' " in w.message], tex
    safe = soup.find(id="termref-safe").find(class_="termref-card__summary")
    assert safe.find(class_="math") is not None
    assert len(warned) == len(REFUSED_TEX)

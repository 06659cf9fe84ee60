#!/usr/bin/env bash
# Install Debian's TeX when it is missing: tests/sphinx_ext/test_tex_compile.py compiles
# a LaTeX build with pdflatex (with the packages and fonts Sphinx's LaTeX uses) and
# reads the PDF with pdftotext (poppler-utils).
set -euo pipefail
{ command -v pdflatex && command -v pdftotext && kpsewhich tabulary.sty tgtermes.sty; } \
    >/dev/null 2>&1 ||
    bash "$(dirname "$0")/apt-install.sh" "TeX for the LaTeX compile tests" \
        texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended tex-gyre \
        poppler-utils

#!/usr/bin/env bash
# Install Debian's TeX when it is missing: tests/sphinx_ext/test_tex_compile.py compiles
# a LaTeX build with pdflatex (with the packages and fonts Sphinx's LaTeX uses) and
# reads the PDF with pdftotext (poppler-utils).
set -euo pipefail
if ! { command -v pdflatex && command -v pdftotext && kpsewhich tabulary.sty tgtermes.sty; } \
    >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "Installing TeX for the LaTeX compile tests ..." >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended tex-gyre \
        poppler-utils >/dev/null
fi

#!/usr/bin/env bash
# Build example_docs into example_docs/_build/html, failing on any warning.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh" "docs"
bash "$(dirname "$0")/install-graphviz.sh"
sphinx-build -W --keep-going -b html example_docs example_docs/_build/html "$@"
echo "Open example_docs/_build/html/index.html"

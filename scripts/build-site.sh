#!/usr/bin/env bash
# Build the documentation site (docs/) into docs/_build/html, failing on any warning.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh" "docs"
sphinx-build -W --keep-going -b html docs docs/_build/html "$@"
echo "Open docs/_build/html/index.html"

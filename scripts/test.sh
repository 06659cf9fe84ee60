#!/usr/bin/env bash
# Run the whole test suite, installing what it needs first.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh" "test,browser"
# The browser tests (tests/browser) drive Debian's Chromium through Playwright;
# Playwright's own browser downloads are never used.
command -v chromium >/dev/null 2>&1 ||
    bash "$(dirname "$0")/apt-install.sh" "Chromium for the browser tests" \
        chromium fonts-dejavu-core
bash "$(dirname "$0")/install-graphviz.sh"
bash "$(dirname "$0")/install-tex.sh"
python -m pytest "$@"

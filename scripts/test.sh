#!/usr/bin/env bash
# Run the whole test suite, installing what it needs first.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh" "test,browser"
# The browser tests (tests/browser) drive Debian's Chromium through Playwright;
# Playwright's own browser downloads are never used.
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests ..." >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        chromium fonts-dejavu-core >/dev/null
fi
bash "$(dirname "$0")/install-graphviz.sh"
bash "$(dirname "$0")/install-tex.sh"
python -m pytest "$@"

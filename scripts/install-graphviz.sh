#!/usr/bin/env bash
# Install Debian's Graphviz when its `dot` is missing: term-graph draws with it
# (without it, graphs are lists and the build warns termref.graph).
set -euo pipefail
if ! command -v dot >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Graphviz for term-graph ..." >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        graphviz >/dev/null
fi

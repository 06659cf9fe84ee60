#!/usr/bin/env bash
# Install Debian's Graphviz when its `dot` is missing: term-graph draws with it
# (without it, graphs are lists and the build warns termref.graph).
set -euo pipefail
command -v dot >/dev/null 2>&1 ||
    bash "$(dirname "$0")/apt-install.sh" "Graphviz for term-graph" graphviz

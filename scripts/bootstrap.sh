#!/usr/bin/env bash
# Create .venv (once) and install the package with the extras named in $1.
# Sourced by the other scripts; leaves the venv's bin first on PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "sphinx-termref needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
    exit 1
}
[ -x "$root/.venv/bin/python" ] || "$python" -m venv "$root/.venv"
"$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    --editable "$root${1:+[$1]}"
export PATH="$root/.venv/bin:$PATH"
cd "$root"

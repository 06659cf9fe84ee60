#!/usr/bin/env bash
# Run the whole test suite, installing what it needs first.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh" "test"
python -m pytest "$@"

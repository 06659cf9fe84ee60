#!/usr/bin/env bash
# Run the test suite, without the browser tests, at both ends of the supported range:
#   oldest  .venv-oldest: Python 3.11, Sphinx 8.0.x, docutils 0.21.x
#   newest  .venv-newest: Python 3.13, the newest Sphinx and docutils that pip offers
# Usage: scripts/matrix.sh [oldest|newest|all] [pytest arguments]   (default: all)
# The interpreters are $PYTHON311 and $PYTHON313 if set, else pyenv's 3.11 and 3.13,
# else python3.11 and python3.13 on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

which="${1:-all}"
[ $# -gt 0 ] && shift
case "$which" in
oldest | newest | all) ;;
*)
    echo "usage: scripts/matrix.sh [oldest|newest|all] [pytest arguments]" >&2
    exit 2
    ;;
esac

# The interpreter for Python $1 (3.11, 3.13), or a message saying how to get one.
find_python() {
    local version="$1" variable="PYTHON${1/./}" candidate="" prefix=""
    if [ -n "${!variable:-}" ]; then
        candidate="${!variable}"
    elif command -v pyenv >/dev/null 2>&1 && prefix="$(pyenv prefix "$version" 2>/dev/null)"; then
        candidate="${prefix%%:*}/bin/python$version"
    elif command -v "python$version" >/dev/null 2>&1; then
        candidate="$(command -v "python$version")"
    fi
    if [ -n "$candidate" ] && "$candidate" -c \
        "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$version'.split('.'))))" \
        2>/dev/null; then
        echo "$candidate"
        return 0
    fi
    {
        echo "scripts/matrix.sh: no Python $version found${candidate:+ ($candidate does not run as Python $version)}."
        echo "Set $variable=/path/to/python$version, or install it: 'pyenv install $version',"
        echo "'uv python install $version', or on Debian/Ubuntu the deadsnakes packages"
        echo "(docs/versions.md)."
    } >&2
    return 1
}

# Create or update .venv-$1 with Python $2 and the pip requirements that follow.
prepare() {
    local name="$1" python="$2" venv="$root/.venv-$1"
    shift 2
    local version
    version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    if [ -x "$venv/bin/python" ] &&
        [ "$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" != "$version" ]; then
        rm -rf "$venv"  # made with another Python
    fi
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
    echo "== $name: $("$venv/bin/python" -c '
import platform, docutils, sphinx
print(f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, docutils {docutils.__version__}")
')"
}

failed=()
run() {
    local name="$1" started=$SECONDS
    shift
    # The browser tests need Playwright and Chromium, which these environments lack.
    if "$root/.venv-$name/bin/python" -m pytest -q -m "not browser" --ignore=tests/browser \
        -p no:cacheprovider "$@"; then
        echo "== $name: passed in $((SECONDS - started)) s"
    else
        echo "== $name: FAILED after $((SECONDS - started)) s"
        failed+=("$name")
    fi
}

if [ "$which" = oldest ] || [ "$which" = all ]; then
    python="$(find_python 3.11)"
    prepare oldest "$python" --editable "$root[test]" "sphinx==8.0.*" "docutils==0.21.*"
    run oldest "$@"
fi
if [ "$which" = newest ] || [ "$which" = all ]; then
    python="$(find_python 3.13)"
    prepare newest "$python" --upgrade --upgrade-strategy eager \
        --editable "$root[test]" sphinx docutils
    run newest "$@"
fi

if [ ${#failed[@]} -gt 0 ]; then
    echo "scripts/matrix.sh: the suite failed in: ${failed[*]}" >&2
    exit 1
fi

#!/usr/bin/env bash
# The package as users get it: build the sdist and the wheel, check both with twine
# and check what each holds (the sdist: the tests and the example site; the wheel:
# the static files, message catalogs and JSON Schema, and no tests), then install the
# wheel into a new venv outside the checkout and with it build a small project and
# the example site and run the sphinx-termref command.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh" "package"
root="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "package-check: building the sdist and the wheel ..." >&2
# From a copy of the checkout's files (not ignored by git): a stale egg-info
# directory in the checkout would otherwise decide what the sdist holds.
git -C "$root" ls-files -z --cached --others --exclude-standard >"$work/files"
mkdir "$work/checkout"
tar -C "$root" --null -T "$work/files" -cf - | tar -C "$work/checkout" -xf -
if ! python -m build --outdir "$work/dist" "$work/checkout" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi
sdist="$(echo "$work"/dist/*.tar.gz)"
wheel="$(echo "$work"/dist/*.whl)"
twine check --strict "$sdist" "$wheel"
git -C "$root" ls-files tests example_docs docs sphinx_termref >"$work/tracked"
python - "$sdist" "$wheel" "$work/tracked" <<'PYTHON'
import sys, tarfile, zipfile
from pathlib import PurePosixPath

sdist, wheel, tracked = sys.argv[1:]
with tarfile.open(sdist) as archive:
    # Every name without the sdist's top directory (sphinx_termref-VERSION/).
    in_sdist = {str(PurePosixPath(*PurePosixPath(n).parts[1:])) for n in archive.getnames()}
with zipfile.ZipFile(wheel) as archive:
    in_wheel = set(archive.namelist())
problems = []
wanted = set(open(tracked, encoding="utf-8").read().split())
missing = sorted(wanted - in_sdist)
if missing:
    problems.append(f"the sdist lacks {len(missing)} tracked files, such as {missing[:5]}")
for needed in ("tests/conftest.py", "example_docs/conf.py", "pyproject.toml"):
    if needed not in in_sdist:
        problems.append(f"the sdist lacks {needed}")
stray = sorted(n for n in in_sdist if "__pycache__" in n or "/_build/" in n)
if stray:
    problems.append(f"the sdist holds build output, such as {stray[:5]}")
tests = sorted(n for n in in_wheel if n.startswith(("tests/", "example_docs/")))
if tests:
    problems.append(f"the wheel holds {tests[:5]}")
catalogs = sorted(
    n.removesuffix(".po") + ".mo" for n in wanted if n.endswith(".po") and "/locale/" in n
)
shipped = [
    *catalogs,
    "sphinx_termref/sphinx_ext/static/termref.css",
    "sphinx_termref/sphinx_ext/static/termref.js",
    "sphinx_termref/termdb/termref.schema.json",
]
problems += [f"the wheel lacks {name}" for name in shipped if name not in in_wheel]
if not catalogs:
    problems.append("no message catalogs found in the checkout")
for problem in problems:
    print(f"package-check: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"package-check: sdist {len(in_sdist)} files, wheel {len(in_wheel)} files: as expected")
PYTHON

echo "package-check: installing the wheel into a new venv ..." >&2
python -m venv "$work/venv"
# myst-parser: the example site has a Markdown page.
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" myst-parser
venv="$work/venv/bin"
cd "$work"  # outside the checkout, so that only the installed package can be imported
"$venv/python" - <<'PYTHON'
import sphinx_termref, sys
if "site-packages" not in sphinx_termref.__file__:
    sys.exit(f"package-check: sphinx_termref imported from {sphinx_termref.__file__}")
PYTHON
"$venv/sphinx-termref" --version
"$venv/sphinx-termref" validate "$root/example_docs/terms"
"$venv/sphinx-termref" schema --path | grep -q site-packages
"$venv/sphinx-termref" schema | "$venv/python" -c 'import json, sys; json.load(sys.stdin)'

# A small project in German: the card's labels come from the installed catalog.
mkdir -p small
cat >small/conf.py <<'CONF'
extensions = ["sphinx_termref"]
termref_databases = ["terms.yaml"]
language = "de"
CONF
cat >small/terms.yaml <<'YAML'
terms:
  - id: widget
    name: Widget
    summary: A small part.
    technical_definition: A part that does one thing.
YAML
cat >small/index.rst <<'RST'
Small
=====

.. term-card:: widget

See :termref:`widget`.
RST
"$venv/sphinx-build" -W -q -b html small small/_build
"$venv/python" - small/_build <<'PYTHON'
import re, sys
from pathlib import Path

out = Path(sys.argv[1])
page = (out / "index.html").read_text(encoding="utf-8")
problems = []
if 'class="termref-card' not in page:
    problems.append("no card on the page")
if not re.search(r'<a class="[^"]*termref[^"]*" href="#termref-widget"', page):
    problems.append("no link to the card")
if "TECHNISCHE DEFINITION" not in page:
    problems.append("the card's labels are not German: the message catalog is missing")
for name in ("termref.css", "termref.js"):
    if not (out / "_static" / name).is_file():
        problems.append(f"_static/{name} was not copied")
for problem in problems:
    print(f"package-check: the small project: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PYTHON

# The example site, as scripts/build-docs.sh builds it, with the installed package.
"$venv/sphinx-build" -W --keep-going -q -b html -d "$work/example-doctrees" \
    "$root/example_docs" "$work/example-html"
test -f "$work/example-html/_static/termref.css"
echo "package-check: the sdist, the wheel and the installed package are as expected" >&2

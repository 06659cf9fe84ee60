#!/usr/bin/env python3
"""Profile one full HTML build of the benchmark corpus with cProfile.

Writes the corpus of ``bench/run.py`` (termref form by default), builds it once in
a fresh process under ``python -m cProfile -o OUT -m sphinx -b html -q``, and
prints the functions of ``sphinx_termref`` that take the most time (cumulative and
own), plus the Sphinx/docutils functions that ``sphinx_termref`` calls directly,
with the time spent in them on its behalf::

    .venv/bin/python bench/profile_build.py                     # default size, termref
    .venv/bin/python bench/profile_build.py --size large --out /tmp/large.prof
    .venv/bin/python bench/profile_build.py --stats /tmp/termref.prof   # only print
"""

from __future__ import annotations

import argparse
import importlib.util
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = "sphinx_termref"

Func = tuple[str, int, str]


def _load_run() -> object:
    spec = importlib.util.spec_from_file_location("termref_bench_run", HERE / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _ours(func: Func) -> bool:
    return f"/{PACKAGE}/" in func[0].replace("\\", "/")


def _name(func: Func) -> str:
    path, line, name = func
    path = path.replace("\\", "/")
    for marker in (f"/{PACKAGE}/", "/site-packages/", "/lib/python"):
        if marker in path:
            path = path.split(marker, 1)[1]
            if marker == f"/{PACKAGE}/":
                path = f"{PACKAGE}/{path}"
            break
    return f"{path}:{line}({name})" if line else name


def report(stats_file: Path, top: int) -> None:
    stats = pstats.Stats(str(stats_file))
    table = stats.stats  # type: ignore[attr-defined]
    total = max(ct for _, _, _, ct, _ in table.values())
    print(f"profile {stats_file}: {total:.2f} s in the profiled process (with profiler overhead)")

    def show(title: str, rows: list[tuple[Func, int, float, float]]) -> None:
        print(f"\n{title}")
        print(f"{'calls':>10} {'own s':>8} {'cum s':>8} {'cum %':>6}  function")
        for func, calls, own, cum in rows[:top]:
            print(f"{calls:>10} {own:>8.3f} {cum:>8.3f} {100 * cum / total:>5.1f}%  {_name(func)}")

    ours = [(func, nc, tt, ct) for func, (_, nc, tt, ct, _) in table.items() if _ours(func)]
    show(
        f"top {top} {PACKAGE} functions by cumulative time",
        sorted(ours, key=lambda row: -row[3]),
    )
    show(f"top {top} {PACKAGE} functions by own time", sorted(ours, key=lambda row: -row[2]))
    own_total = sum(tt for _, _, tt, _ in ours)
    print(f"\nown time in {PACKAGE} functions, all together: {own_total:.2f} s")

    # Time spent in other code called directly from the package's functions.
    called: dict[Func, list[float]] = {}
    for func, (_, _, _, _, callers) in table.items():
        if _ours(func):
            continue
        for caller, (_, nc, tt, ct) in callers.items():
            if _ours(caller):
                entry = called.setdefault(func, [0, 0.0, 0.0])
                entry[0] += nc
                entry[1] += tt
                entry[2] += ct
    rows = [(func, int(nc), tt, ct) for func, (nc, tt, ct) in called.items()]
    show(
        f"top {top} Sphinx/docutils/stdlib functions called directly from {PACKAGE} "
        "(time on its behalf)",
        sorted(rows, key=lambda row: -row[3]),
    )
    everything = [(func, nc, tt, ct) for func, (_, nc, tt, ct, _) in table.items()]
    show(
        f"top {top} functions of the whole build by own time",
        sorted(everything, key=lambda r: -r[2]),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="default")
    parser.add_argument("--form", default="termref", choices=("glossary", "termref", "plain"))
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "termref.prof")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--stats", type=Path, help="only print this existing profile")
    parser.add_argument("--termref-conf", default="", help="extra conf.py lines (termref form)")
    args = parser.parse_args()
    if args.stats:
        report(args.stats, args.top)
        return 0
    run = _load_run()
    n_terms, n_pages, refs = run.SIZES[args.size]  # type: ignore[attr-defined]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="termref-profile-"))
    corpus = run.make_corpus(n_terms, n_pages, refs)  # type: ignore[attr-defined]
    src = run.write_form(corpus, args.form, workdir, args.termref_conf)  # type: ignore[attr-defined]
    out = workdir / args.form / "_build"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "cProfile", "-o", str(args.out), "-m", "sphinx"]
    cmd += ["-b", "html", "-q", str(src), str(out)]
    print("running:", " ".join(cmd), flush=True)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=src, check=True)
    print(f"build took {time.perf_counter() - start:.1f} s under the profiler")
    report(args.out, args.top)
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

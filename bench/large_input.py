"""The large-input scenario of ``bench/run.py`` (phase ``large-input``): input that is
legal but large must cost time in proportion to its size.

Three projects (``large_corpus.py``), each written at full size and at half size:
``aliases``, one term with 10,000 aliases; ``definition``, one term whose technical
definition is 1 MB of prose; ``references``, one page with 100,000 references to
100 terms.

Each round builds every project at both sizes in fresh ``python -m sphinx -b html``
processes (full build, fresh output directory), the two sizes back to back; the
ratio of full to half is the median of the rounds' ratios, of wall time and of CPU
time (user and system; on a loaded machine the wall time also counts the waits for
a core, the CPU time less so). Linear cost shows as a ratio near 2 (a little under,
as each build's fixed start-up cost is in both), a quadratic one near 4.
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path
from types import ModuleType
from typing import Any

import large_corpus  # bench/large_corpus.py, next to this file
import yaml

ALIASES = 10_000
DEFINITION_BYTES = 1_000_000
REFERENCES = 100_000
CONF = 'extensions = ["sphinx_termref"]\ntermref_databases = ["terms.yaml"]\n'
CASES = ("aliases", "definition", "references")
#: Each case's project at a size, and its full size.
WRITERS = {
    "aliases": (large_corpus.aliases, ALIASES),
    "definition": (large_corpus.definition, DEFINITION_BYTES),
    "references": (large_corpus.references, REFERENCES),
}


def _write(root: Path, corpus: large_corpus.Corpus) -> Path:
    terms, pages = corpus
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    text = yaml.safe_dump({"terms": terms}, allow_unicode=True, sort_keys=False, width=10**6)
    (root / "terms.yaml").write_text(text, encoding="utf-8")
    for name, page in pages.items():
        (root / f"{name}.rst").write_text(page, encoding="utf-8")
    return root


def measure(run: ModuleType, workdir: Path, rounds: int, timeout: float) -> dict[str, Any]:
    """Every case at full and half size; ``run`` is ``bench/run.py`` (its builds and
    its log)."""
    result: dict[str, Any] = {}
    sources = {}
    for case, (corpus, size) in WRITERS.items():
        for label, amount in (("full", size), ("half", size // 2)):
            root = workdir / "large-input" / f"{case}-{label}"
            sources[case, label] = _write(root, corpus(amount))
    for case, (_, size) in WRITERS.items():
        samples: dict[str, list[float]] = {"full": [], "half": []}
        cpu: dict[str, list[float]] = {"full": [], "half": []}
        for number in range(rounds):
            order = ("full", "half") if number % 2 == 0 else ("half", "full")
            for label in order:
                out = workdir / "large-input" / f"{case}-{label}-out"
                shutil.rmtree(out, ignore_errors=True)
                build = run.run_build(sources[case, label], out, 1, True, timeout)
                if build.returncode or build.timed_out:
                    run.log(f"  large-input {case} {label} FAILED: {build.stderr[-2000:]}")
                    result[case] = {"failed": build.stderr[-2000:]}
                    break
                if build.warnings:
                    run.log(f"  large-input {case} {label} warns: {build.warnings[0]}")
                samples[label].append(build.seconds)
                cpu[label].append(build.cpu_s)
                run.log(
                    f"  large-input {case:<10} {label} {build.seconds:7.2f}s "
                    f"(CPU {build.cpu_s:6.2f}s) {build.maxrss_mib:5.0f} MiB"
                )
            else:
                continue
            break
        if case in result:
            continue
        ratios = [f / h for f, h in zip(samples["full"], samples["half"], strict=True)]
        cpu_ratios = [f / h for f, h in zip(cpu["full"], cpu["half"], strict=True)]
        result[case] = {
            "size": size,
            "full_s": samples["full"],
            "half_s": samples["half"],
            "full_median_s": statistics.median(samples["full"]),
            "half_median_s": statistics.median(samples["half"]),
            "ratio": statistics.median(ratios),
            "full_cpu_s": cpu["full"],
            "half_cpu_s": cpu["half"],
            "full_cpu_median_s": statistics.median(cpu["full"]),
            "half_cpu_median_s": statistics.median(cpu["half"]),
            "cpu_ratio": statistics.median(cpu_ratios),
        }
    return result


def summary_lines(result: dict[str, Any]) -> list[str]:
    lines = ["", "large input: full against half size (linear is ~2x, quadratic ~4x)"]
    for case in CASES:
        entry = result.get(case, {})
        if "failed" in entry or not entry:
            lines.append(f"  {case:<10} FAILED")
            continue
        lines.append(
            f"  {case:<10} {entry['size']:>9,}: full {entry['full_median_s']:6.2f}s, "
            f"half {entry['half_median_s']:6.2f}s, ratio {entry['ratio']:.2f}x; CPU full "
            f"{entry['full_cpu_median_s']:6.2f}s, half {entry['half_cpu_median_s']:6.2f}s, "
            f"ratio {entry['cpu_ratio']:.2f}x"
        )
    return lines

"""The usage report (termref-usage.json) and the unused-term warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOTS, build_app, termref_warnings
from sphinx.testing.util import SphinxTestApp

ROOT = ROOTS / "test-usage"


def _report(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((Path(app.outdir) / "termref-usage.json").read_text("utf-8"))  # type: ignore[no-any-return]


def _build(tmp_path: Path, **kwargs: Any) -> SphinxTestApp:
    return build_app(ROOT, tmp_path, **kwargs)


def test_report_counts_references_per_document(tmp_path: Path) -> None:
    report = _report(_build(tmp_path))
    assert report["version"] == 1
    alpha = report["terms"]["alpha"]
    assert alpha["name"] == "Alpha"
    assert alpha["references"] == {"one": 2, "two": 1}
    assert alpha["reference_count"] == 3
    assert alpha["card"]["document"] == "index"
    assert alpha["card"]["anchor"] == "termref-alpha"
    assert alpha["defined_in"].endswith("terms.yaml:2")
    # "betas" finds beta through its plural.
    assert report["terms"]["beta"]["references"] == {"four": 1, "two": 1}


def test_report_lists_unresolved_references_with_their_place(tmp_path: Path) -> None:
    report = _report(_build(tmp_path))
    (unresolved,) = report["unresolved"]
    assert unresolved["spelling"] == "zeta"
    assert unresolved["document"] == "one"
    assert unresolved["file"].endswith("one.rst")
    assert unresolved["line"] == 6


def test_report_lists_unused_terms_and_cardless_terms(tmp_path: Path) -> None:
    report = _report(_build(tmp_path))
    assert report["unused"] == ["gamma"]
    assert report["terms"]["gamma"]["card"] is None
    assert report["terms"]["gamma"]["reference_count"] == 0


def test_report_is_the_same_in_a_parallel_build(tmp_path: Path) -> None:
    serial = _report(_build(tmp_path / "serial"))
    parallel = _report(_build(tmp_path / "parallel", parallel=2))
    assert parallel == json.loads(json.dumps(serial).replace("/serial/", "/parallel/"))


def test_report_is_off_by_default(tmp_path: Path) -> None:
    app = _build(tmp_path, confoverrides={"termref_usage_report": False})
    assert not (Path(app.outdir) / "termref-usage.json").exists()


@pytest.mark.parametrize("enabled", [True, False])
def test_unused_terms_warn_when_asked(tmp_path: Path, enabled: bool) -> None:
    app = _build(tmp_path, confoverrides={"termref_warn_unused": enabled})
    unused = [w for w in termref_warnings(app) if w.type == "termref.unused"]
    if not enabled:
        assert unused == []
        return
    (warning,) = unused
    assert warning.location.endswith("terms.yaml:7")
    assert "'gamma' is not referred to by any page" in warning.message

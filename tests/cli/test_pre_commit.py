"""The ``termref-validate`` pre-commit hook (``.pre-commit-hooks.yaml``), run by
pre-commit itself on a repository with term files, as a user's configuration runs it.

``pre-commit try-repo`` clones a git repository of the hook: a commit of the project
as it is in the work tree (what pip needs to install it, and the hook file), so the
test checks the files as they are, committed or not. pre-commit installs the hook's
environment with pip, from the package index pip is configured with.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[2]
HOOKS = ROOT / ".pre-commit-hooks.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _environment(tmp_path: Path) -> dict[str, str]:
    # No GIT_* from a hook that runs the suite; pre-commit's store out of the user's.
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")
    return env


#: Commits that do not depend on the user's git configuration.
_GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"]
_GIT += ["-c", "commit.gpgsign=false"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run([*_GIT, *args], cwd=repo, check=True, capture_output=True)


def _commit_all(repo: Path) -> None:
    _git(repo, "init", "--quiet")
    _git(repo, "add", "--all")
    _git(repo, "commit", "--quiet", "--message", "files")


def _pre_commit(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_the_hook_manifest_is_valid(tmp_path: Path) -> None:
    result = _pre_commit(_environment(tmp_path), ROOT, "validate-manifest", str(HOOKS))
    assert result.returncode == 0, result.stdout + result.stderr
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "termref-validate"
    assert hook["entry"] == "sphinx-termref validate"
    assert hook["language"] == "python"


def test_the_documented_configuration_is_valid(tmp_path: Path) -> None:
    """The ``.pre-commit-config.yaml`` examples of docs/cli.md, as pre-commit reads them."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    examples = re.findall(r"```yaml\n(repos:\n.*?)```", text, re.DOTALL)
    assert examples
    for number, example in enumerate(examples):
        config = tmp_path / f"config-{number}.yaml"
        config.write_text(example, encoding="utf-8")
        result = _pre_commit(_environment(tmp_path), tmp_path, "validate-config", str(config))
        assert result.returncode == 0, example + result.stdout + result.stderr
        [repo] = yaml.safe_load(example)["repos"]
        assert [hook["id"] for hook in repo["hooks"]] == ["termref-validate"]


@pytest.mark.slow  # pre-commit installs the hook's environment, sphinx-termref and Sphinx
def test_the_hook_reports_a_bad_term_file(tmp_path: Path) -> None:
    # The project as the hook's repository: what pip installs, and the hook file.
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md", HOOKS.name):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "sphinx_termref",
        project / "sphinx_termref",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
    )
    _commit_all(project)
    # A user's repository: a good and a bad term file, and a file that is not YAML,
    # which the hook's `files:` pattern leaves out.
    user = tmp_path / "user"
    (user / "docs" / "terms").mkdir(parents=True)
    (user / "docs" / "terms" / "good.yaml").write_text(
        "terms:\n  - id: good-term\n    name: Good Term\n", encoding="utf-8"
    )
    (user / "docs" / "terms" / "bad.yml").write_text(
        "terms:\n  - id: bad-term\n    name: Bad Term\n    aliases: Bad\n", encoding="utf-8"
    )
    (user / "notes.txt").write_text("not YAML\n", encoding="utf-8")
    _commit_all(user)

    result = _pre_commit(
        _environment(tmp_path), user, "try-repo", str(project), "termref-validate", "--all-files"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "- hook id: termref-validate" in output
    assert "- exit code: 1" in output
    problems = [line for line in result.stdout.splitlines() if "[termref." in line]
    assert problems == [
        "docs/terms/bad.yml:4:5: 'aliases' of term 'bad-term' must be a list, found a "
        "string; write it as a list item: '- Bad' [termref.schema]"
    ]
    # Both term files in one run; the text file is not a YAML file.
    assert "2 files, 2 terms: 1 problem" in output

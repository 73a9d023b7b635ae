"""The pre-commit hook (``.pre-commit-hooks.yaml``), tried as a user would:
``pre-commit try-repo REPO cnpress-check --files FILE`` fails on a raw seed and
passes on its cleaned text.

Skipped where pre-commit or git is missing, where the repository is no git
checkout (an unpacked sdist), and where pre-commit cannot install the hook's
environment (no package index reachable).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cnpress

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_925a84bfa8b6800a.txt"
#: pre-commit's exit status for an unexpected error, installing the environment among them.
PRE_COMMIT_ERROR = 3

pytest.importorskip("pre_commit")
pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason="not a git checkout (try-repo needs a commit)"),
]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=cnpress", "-c", "user.email=cnpress@invalid", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding a raw seed and its cleaned text."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED, root / "raw.txt")
    (root / "cleaned.txt").write_text(cnpress.clean(cnpress.read_text(SEED)), encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "raw.txt", "cleaned.txt")
    _git(root, "commit", "-q", "-m", "corpus")
    return root


def _try_repo(corpus: Path, name: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "cnpress-check",
                           "--files", name], cwd=corpus, env=env, capture_output=True, text=True, timeout=600)


def test_hook_fails_on_raw_text_and_passes_on_clean_text(corpus: Path, tmp_path: Path) -> None:
    raw = _try_repo(corpus, "raw.txt", tmp_path)
    if raw.returncode == PRE_COMMIT_ERROR and "Installing environment" in raw.stdout:
        pytest.skip("pre-commit could not install the hook's environment: " + raw.stdout[-300:])
    assert raw.returncode == 1, raw.stdout + raw.stderr
    assert "cnpress check" in raw.stdout and "Failed" in raw.stdout
    assert "raw.txt:1:2: CNP106" in raw.stdout  # " 姻 新华社记者…": the glyph after a space
    cleaned = _try_repo(corpus, "cleaned.txt", tmp_path)
    assert cleaned.returncode == 0, cleaned.stdout + cleaned.stderr
    assert "Passed" in cleaned.stdout

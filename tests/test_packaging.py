"""The package as a user installs it: ``python -m cnpress``, one version, the license."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import cnpress

REPO = Path(__file__).resolve().parent.parent


def test_python_dash_m_cnpress() -> None:
    done = subprocess.run([sys.executable, "-m", "cnpress", "--version"], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"cnpress {cnpress.__version__}\n", "")


def test_one_version() -> None:
    # pyproject.toml reads the version from cnpress.__version__; the installed
    # metadata must agree with it.
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert metadata.version("cnpress") == cnpress.__version__


def test_license_file_matches_the_metadata() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert metadata.metadata("cnpress")["License-Expression"] == "MIT"


def test_typed_package() -> None:
    assert (Path(cnpress.__file__).parent / "py.typed").is_file()

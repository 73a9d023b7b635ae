"""Shared fixtures: the seed files and the gold annotations beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

import cnpress

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO / "seeds"
GOLD_DIR = REPO.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The directory of raw seed files (``repo/seeds``)."""
    assert SEEDS_DIR.is_dir(), f"seed directory missing: {SEEDS_DIR}"
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """Every seed file read with :func:`cnpress.read_text`, by file stem."""
    texts = {p.stem: cnpress.read_text(p) for p in sorted(seeds_dir.glob("*.txt"))}
    assert texts, f"no seed files in {seeds_dir}"
    return texts


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """The gold annotations (``repo/../shared/gold``); tests needing them skip if absent."""
    if not GOLD_DIR.is_dir() or not any(GOLD_DIR.glob("*.json")):
        pytest.skip(f"gold annotations not found at {GOLD_DIR}")
    return GOLD_DIR

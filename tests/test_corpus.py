"""Whole-corpus properties on every generated dev page (../shared/pagegen/dev) and seed:
``clean`` is idempotent and nothing is lost.  Skipped when the pages are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

import cnpress
from cnpress.evaluate import unaccounted

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "pagegen" / "dev" / "seeds"
PAGES = sorted(DEV.glob("*.txt")) if DEV.is_dir() else []


@pytest.mark.skipif(not PAGES, reason=f"no generated pages at {DEV}")
@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_dev_page_is_idempotent_and_loses_nothing(path: Path) -> None:
    text = cnpress.read_text(path)
    once = cnpress.clean(text)
    assert cnpress.clean(once) == once
    assert unaccounted(text, cnpress.parse(text)) == {}


def test_seeds_are_idempotent_and_lose_nothing(seed_texts: dict[str, str]) -> None:
    for stem, text in seed_texts.items():
        once = cnpress.clean(text)
        assert cnpress.clean(once) == once, stem
        assert unaccounted(text, cnpress.parse(text)) == {}, stem

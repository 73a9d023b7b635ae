"""Every example in docs/*.md runs: each file is one doctest."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = sorted((REPO / "docs").glob("*.md"))
#: Docs whose examples need optional extras (installed by .ci/run), and which.
NEEDS = {"corpus.md": ("dask", "distributed", "datatrove", "datasets")}


def test_docs_exist() -> None:
    names = {p.name for p in DOCS}
    assert {"getting-started.md", "structure.md", "bylines.md", "output-formats.md"} <= names


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_doc_examples(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = [m for m in NEEDS.get(path.name, ()) if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"{path.name} needs {', '.join(missing)}: pip install 'cnpress[engines]'")
    # The examples name files relative to the repository root (seeds/...).
    monkeypatch.chdir(REPO)
    result = doctest.testfile(
        str(path),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
        verbose=False,
        report=True,
    )
    assert result.attempted > 0, f"{path.name} has no examples"
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {path.name} failed (see above)"

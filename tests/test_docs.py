"""Every example in docs/*.md runs: each file is one doctest."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = sorted((REPO / "docs").glob("*.md"))
#: Pages with no examples of their own: the changelog page only includes CHANGELOG.md.
PROSE_ONLY = {"changelog.md"}
#: Docs whose examples need optional extras (installed by .ci/run), and which.
NEEDS = {"corpus.md": ("dask", "distributed", "datatrove", "datasets")}


def test_docs_exist() -> None:
    names = {p.name for p in DOCS}
    assert {"getting-started.md", "structure.md", "bylines.md", "output-formats.md", "corpus.md", "ci-gate.md",
            "accuracy.md", "api.md", "changelog.md"} <= names


def test_changelog_page_includes_the_changelog() -> None:
    assert (REPO / "docs" / "changelog.md").read_text(encoding="utf-8").strip() == '--8<-- "CHANGELOG.md"'


def test_ci_gate_page_lists_every_code() -> None:
    from cnpress.check import RULES

    page = (REPO / "docs" / "ci-gate.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1:4] for line in page.splitlines() if line.startswith("| CNP")]
    assert [tuple(cell.strip() for cell in row) for row in rows] == [
        (r.code, r.name, "on" if r.default else "off") for r in RULES]


@pytest.mark.parametrize("path", [p for p in DOCS if p.name not in PROSE_ONLY],
                         ids=[p.name for p in DOCS if p.name not in PROSE_ONLY])
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

"""Decisions from data: a linear-chain CRF over the feature table.

Every non-blank line gets one label (:data:`LABELS`): its block kind, and for
body lines whether it ends a paragraph and whether it opens an article:

========== ============================================================
``body``   a body line that runs on into the next one
``end``    the last line of a body paragraph
``start``  the first body line of an article (the paragraph runs on)
``start1`` the first body line of an article that is a whole paragraph
others     the block kinds: ``title`` ``subtitle`` ``section`` ``kicker``
           ``byline`` ``source`` ``caption`` ``furniture``
========== ============================================================

The model's parameters are a data file (python-crfsuite's format), fitted by
:func:`train` from pages annotated in the gold format (``cnpress train``);
the shipped one is ``cnpress/data/lines.crfsuite``.  :meth:`LineModel.explain`
tells which features weighed most in a decision.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import pycrfsuite

from .features import FeatureTable, build_table
from .normalize import NLine, normalize_lines
from .reading import split_lines

__all__ = [
    "BODY_LABELS", "DEFAULT_MODEL", "LABELS", "LineModel", "TrainingPage", "gold_labels", "load_model", "train",
]

#: Body labels: ``(ends a paragraph, opens an article)`` for each.
BODY_LABELS: Final[Mapping[str, tuple[bool, bool]]] = {
    "body": (False, False), "end": (True, False), "start": (False, True), "start1": (True, True),
}
#: Every label, body ones first.
LABELS: Final = (*BODY_LABELS, "title", "subtitle", "section", "kicker", "byline", "source", "caption", "furniture")
#: The shipped model's resource name inside the package.
DEFAULT_MODEL: Final = "lines.crfsuite"
#: Training parameters (L-BFGS with elastic-net regularisation): the L1 term
#: keeps the model small, the L2 term keeps the weights of correlated rule
#: features spread.
TRAIN_PARAMS: Final[Mapping[str, Any]] = {
    "c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True,
}


@dataclass(frozen=True, slots=True)
class TrainingPage:
    """One annotated page: its raw text, its gold annotation, and how many
    times it counts (real pages weigh more than generated ones)."""

    text: str
    gold: Mapping[str, Any]
    weight: int = 1


def gold_labels(lines: Sequence[NLine], gold: Mapping[str, Any]) -> list[str]:
    """The label of every line, read off a gold annotation.

    >>> gold = {"blocks": [{"kind": "title", "lines": [1]}], "paragraph_ends": [4],
    ...         "articles": [{"body_first": 3}]}
    >>> gold_labels([NLine(1, "标题"), NLine(3, "正文"), NLine(4, "完。")], gold)
    ['title', 'start', 'end']
    """
    kind = {n: b["kind"] for b in gold["blocks"] for n in b["lines"]}
    ends = set(gold["paragraph_ends"])
    starts = {a["body_first"] for a in gold["articles"]}
    out = []
    for line in lines:
        k = kind.get(line.no)
        if k is not None:
            out.append(k)
        elif line.no in starts:
            out.append("start1" if line.no in ends else "start")
        else:
            out.append("end" if line.no in ends else "body")
    return out


class LineModel:
    """A fitted line model: one CRF file, loaded once per process.

    The tagger is opened lazily and is not pickled, so a ``LineModel`` can
    be sent to worker processes.
    """

    def __init__(self, data: bytes, name: str = "<memory>") -> None:
        self._data = data
        self.name = name
        self._tagger: pycrfsuite.Tagger | None = None
        self._weights: dict[tuple[str, str], float] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"_data": self._data, "name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["_data"], state["name"])  # type: ignore[misc]

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> LineModel:
        """Load a model file written by :func:`train`.

        Raises ``ValueError`` when the file is not a CRF model.
        """
        data = Path(path).read_bytes()
        model = cls(data, str(path))
        try:
            model.tagger()
        except (ValueError, OSError) as e:
            raise ValueError(f"{path}: not a cnpress line model ({e})") from None
        return model

    def tagger(self) -> pycrfsuite.Tagger:
        if self._tagger is None:
            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self._data)
            self._tagger = tagger
        return self._tagger

    def labels(self, table: FeatureTable) -> list[str]:
        """The most likely label sequence for a table's lines."""
        if not table.rows:
            return []
        return list(self.tagger().tag([list(r) for r in table.rows]))

    def weights(self) -> dict[tuple[str, str], float]:
        """Every state feature's weight: ``(attribute, label) -> weight``."""
        if self._weights is None:
            self._weights = dict(self.tagger().info().state_features)
        return self._weights

    def explain(self, row: Sequence[str], label: str, top: int = 3) -> list[tuple[str, float]]:
        """The attributes of ``row`` that weighed most for ``label``.

        >>> m = load_model()
        >>> [f for f, _ in m.explain(("bias", "old=furniture", "rule=page-number"), "furniture", 1)]
        ['old=furniture']
        """
        w = self.weights()
        scored = [(a, w[(a, label)]) for a in row if (a, label) in w]
        scored.sort(key=lambda t: -t[1])
        return scored[:top]


@lru_cache(maxsize=1)
def load_model() -> LineModel:
    """The model shipped with cnpress (loaded once per process)."""
    data = resources.files("cnpress").joinpath("data", DEFAULT_MODEL).read_bytes()
    return LineModel(data, DEFAULT_MODEL)


def page_table(text: str) -> FeatureTable:
    """The feature table of a raw page."""
    lines, _ = normalize_lines(split_lines(text))
    return build_table(lines)


def train(pages: Iterable[TrainingPage], out: str | os.PathLike[str],
          params: Mapping[str, Any] = TRAIN_PARAMS) -> int:
    """Fit a line model on annotated pages and write it to ``out``.

    The same pages in the same order give the same model, byte for byte.
    The file is written beside ``out`` and renamed into place.  Returns the
    number of line sequences it was fitted on.
    """
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for page in pages:
        table = page_table(page.text)
        if not table.rows:
            continue
        labels = gold_labels(table.lines, page.gold)
        xs = [list(r) for r in table.rows]
        for _ in range(page.weight):
            trainer.append(xs, labels)
            count += 1
    trainer.set_params(dict(params))
    target = Path(out)
    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", suffix=".part")
    os.close(fd)
    try:
        trainer.train(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return count

"""Scoring a Document against a gold annotation (``shared/gold`` format).

The gold format (see ``GUIDE.md`` beside the gold files) lists non-body
blocks by kind and raw line numbers, inline bylines and furniture, the last
line of every body paragraph, and the articles with their first body line.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import BlockKind, Document

__all__ = ["Evaluation", "Score", "evaluate", "load_gold", "pooled", "unaccounted"]


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of a predicted set against a gold set."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @classmethod
    def of(cls, predicted: Iterable[int], gold: Iterable[int]) -> Score:
        """Score two sets of line numbers.

        >>> Score.of({1, 2, 3}, {2, 3, 4}).f1
        0.6666666666666666
        """
        p, g = set(predicted), set(gold)
        return cls(len(p & g), len(p - g), len(g - p))

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Every score of one document, and the lines behind the misses."""

    paragraph_ends: Score
    kind_accuracy: float
    kind_total: int
    bylines: Score
    furniture: Score
    article_starts: Score
    kind_misses: tuple[tuple[int, str, str], ...]
    end_misses: tuple[tuple[int, str], ...]

    def summary(self) -> str:
        """One line per score, as printed by ``benchmarks/accuracy.py``."""
        return "\n".join([
            f"paragraph ends  {self.paragraph_ends}",
            f"block kinds     {self.kind_accuracy:.3f} of {self.kind_total} non-body lines",
            f"bylines         {self.bylines}",
            f"furniture       {self.furniture}",
            f"article starts  {self.article_starts}",
        ])


def load_gold(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a gold annotation file."""
    with Path(path).open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _lines_of(doc: Document, kind: BlockKind) -> set[int]:
    return {n for b in doc.blocks if b.kind is kind for n in b.lines}


def evaluate(doc: Document, gold: dict[str, Any]) -> Evaluation:
    """Score ``doc`` against a gold annotation.

    * paragraph ends: the last raw line of each body paragraph;
    * block kinds: for each line of a gold non-body block, whether the block
      holding that line in ``doc`` has the same kind;
    * bylines / furniture: the raw lines holding them, blocks and inline;
    * article starts: the first body line of each article.

    Generated gold (``shared/pagegen``) may carry ``cut_ends``: paragraph
    ends that exist only because the extractor's reading order cut an
    article.  They are left out on both sides, and so are the first body
    lines of fragment articles that ``continue`` another one, so a system
    that undoes a cut is not penalised.
    """
    cut = set(gold.get("cut_ends", ()))
    para_ends = {b.span[1] for b in doc.blocks if b.kind is BlockKind.PARAGRAPH} - cut
    gold_ends = set(gold["paragraph_ends"]) - cut
    # Kind of each line: a block that is the whole line wins over an inline split.
    line_kind: dict[int, str] = {}
    for b in doc.blocks:
        for n in b.lines:
            if n not in line_kind or b.kind is BlockKind.PARAGRAPH:
                line_kind[n] = b.kind.value
    checked, misses = 0, []
    for gb in gold["blocks"]:
        for n in gb["lines"]:
            checked += 1
            got = line_kind.get(n, "missing")
            if got != gb["kind"]:
                misses.append((n, gb["kind"], got))
    inline = gold.get("inline", [])
    gold_bylines = {n for gb in gold["blocks"] if gb["kind"] == "byline" for n in gb["lines"]}
    gold_bylines |= {i["line"] for i in inline if i["kind"] == "byline"}
    gold_furn = {n for gb in gold["blocks"] if gb["kind"] == "furniture" for n in gb["lines"]}
    gold_furn |= {i["line"] for i in inline if i["kind"] == "furniture"}
    starts = set()
    for a in doc.articles:
        body = [b.span[0] for b in a.blocks if b.kind is BlockKind.PARAGRAPH]
        if body:
            starts.add(min(body))
    continued = {a["body_first"] for a in gold["articles"] if a.get("continues") is not None}
    starts -= continued
    gold_starts = {a["body_first"] for a in gold["articles"]} - continued
    end_misses = [(n, "missed") for n in sorted(gold_ends - para_ends)]
    end_misses += [(n, "extra") for n in sorted(para_ends - gold_ends)]
    return Evaluation(
        paragraph_ends=Score.of(para_ends, gold_ends),
        kind_accuracy=(checked - len(misses)) / checked if checked else 1.0,
        kind_total=checked,
        bylines=Score.of(_lines_of(doc, BlockKind.BYLINE), gold_bylines),
        furniture=Score.of(_lines_of(doc, BlockKind.FURNITURE), gold_furn),
        article_starts=Score.of(starts, gold_starts),
        kind_misses=tuple(misses),
        end_misses=tuple(sorted(end_misses)),
    )


def unaccounted(text: str, doc: Document) -> dict[str, int]:
    """Characters of ``text`` that ``doc`` neither kept nor logged as repaired.

    Every non-space character of the input must be in some block's text or
    be explained by a :class:`~cnpress.model.Repair` (``before`` removed,
    ``after`` added).  Returns ``{char: count}`` of the difference, positive
    for characters lost, negative for characters that appeared from nowhere;
    empty when everything is accounted for.

    >>> from cnpress import parse
    >>> unaccounted("姻 新华社记者 陈刚\\n\\n有光，才有了世界。", parse("姻 新华社记者 陈刚\\n\\n有光，才有了世界。"))
    {}
    """
    balance: Counter[str] = Counter(c for c in text if not c.isspace())
    for r in doc.repairs:
        balance.subtract(c for c in r.before if not c.isspace())
        balance.update(c for c in r.after if not c.isspace())
    for b in doc.blocks:
        balance.subtract(c for c in b.text if not c.isspace())
    return {c: n for c, n in balance.items() if n}


def pooled(evaluations: Iterable[Evaluation]) -> Evaluation:
    """Pool several documents' evaluations into one (micro-averaged).

    Counts are added up, so a long document weighs more than a short one.

    >>> a = Evaluation(Score(1, 0, 1), 1.0, 2, Score(1, 0, 0), Score(0, 0, 0), Score(1, 1, 0), (), ())
    >>> pooled([a, a]).paragraph_ends.f1
    0.6666666666666666
    """
    evs = list(evaluations)

    def add(scores: Iterable[Score]) -> Score:
        tp = fp = fn = 0
        for s in scores:
            tp, fp, fn = tp + s.tp, fp + s.fp, fn + s.fn
        return Score(tp, fp, fn)

    total = sum(e.kind_total for e in evs)
    right = sum(round(e.kind_accuracy * e.kind_total) for e in evs)
    return Evaluation(
        paragraph_ends=add(e.paragraph_ends for e in evs),
        kind_accuracy=right / total if total else 1.0,
        kind_total=total,
        bylines=add(e.bylines for e in evs),
        furniture=add(e.furniture for e in evs),
        article_starts=add(e.article_starts for e in evs),
        kind_misses=tuple(m for e in evs for m in e.kind_misses),
        end_misses=tuple(m for e in evs for m in e.end_misses),
    )

#!/usr/bin/env python3
"""Accuracy of ``cnpress.parse`` on the seeds that have a gold annotation.

For every ``seeds/<stem>.txt`` with a ``<stem>.json`` in the gold directory
(default ``<repo>/../shared/gold``; format in its ``GUIDE.md``), parse the
seed, score the Document with :func:`cnpress.evaluate.evaluate` and print
``Evaluation.summary()``, then the "nothing lost" check: the Han characters
of the input against those found in block texts and the repair log, and any
character :func:`cnpress.evaluate.unaccounted` reports.

With ``--check``, exit with status 1 when any file misses a bar:

==================  =======
score               bar
==================  =======
paragraph-end F1    ≥ 0.95
block kinds         ≥ 0.95
bylines F1          ≥ 0.97
furniture F1        ≥ 0.95
article starts F1   ≥ 0.90
unaccounted chars   none
==================  =======

Usage::

    python benchmarks/accuracy.py [--gold DIR] [--seeds DIR] [--check] [--verbose]

This is a measurement for developers, not part of CI: the gold files live
outside the repository.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import regex

import cnpress
from cnpress.evaluate import Evaluation, evaluate, load_gold, unaccounted

REPO = Path(__file__).resolve().parent.parent
_HAN = regex.compile(r"\p{Han}")

#: (label, bar, how to read the score off an Evaluation)
BARS: tuple[tuple[str, float], ...] = (
    ("paragraph-end F1", 0.95),
    ("block kinds", 0.95),
    ("bylines F1", 0.97),
    ("furniture F1", 0.95),
    ("article starts F1", 0.90),
)


def scores(ev: Evaluation) -> dict[str, float]:
    """The scores that have a bar, by label."""
    return {
        "paragraph-end F1": ev.paragraph_ends.f1,
        "block kinds": ev.kind_accuracy,
        "bylines F1": ev.bylines.f1,
        "furniture F1": ev.furniture.f1,
        "article starts F1": ev.article_starts.f1,
    }


def han_count(texts: Iterable[str]) -> int:
    """How many Han characters the strings hold together."""
    return sum(len(_HAN.findall(t)) for t in texts)


def main(argv: list[str] | None = None) -> int:
    """Score every annotated seed; with ``--check``, fail on a missed bar."""
    ap = argparse.ArgumentParser(description="Score cnpress.parse against the gold annotations.")
    ap.add_argument("--gold", type=Path, default=REPO.parent / "shared" / "gold",
                    help="directory of gold JSON files (default: <repo>/../shared/gold)")
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds", help="directory of seed .txt files")
    ap.add_argument("--check", action="store_true", help="exit 1 if any score misses its bar")
    ap.add_argument("--verbose", "-v", action="store_true", help="list the lines behind every miss")
    args = ap.parse_args(argv)

    if not args.gold.is_dir():
        print(f"no gold directory at {args.gold} (use --gold DIR)", file=sys.stderr)
        return 2
    pairs = [(seed, args.gold / f"{seed.stem}.json") for seed in sorted(args.seeds.glob("*.txt"))]
    pairs = [(seed, gold) for seed, gold in pairs if gold.is_file()]
    if not pairs:
        print(f"no seed in {args.seeds} has a gold file in {args.gold}", file=sys.stderr)
        return 2

    failures: list[str] = []
    for seed, gold_path in pairs:
        text = cnpress.read_text(seed)
        doc = cnpress.parse(text)
        ev = evaluate(doc, load_gold(gold_path))
        print(f"== {seed.name}  ({len(doc.blocks)} blocks, {len(doc.articles)} articles)")
        print(ev.summary())

        han_in = han_count([text])
        han_blocks = han_count(b.text for b in doc.blocks)
        han_removed = han_count(r.before for r in doc.repairs)
        han_added = han_count(r.after for r in doc.repairs)
        missing = unaccounted(text, doc)
        han_missing = {c: n for c, n in missing.items() if _HAN.match(c)}
        print(f"no Han lost     input {han_in}, blocks {han_blocks} + repairs {han_removed - han_added} "
              f"= {han_blocks + han_removed - han_added}; "
              + ("nothing unaccounted" if not missing else f"UNACCOUNTED {missing}"))
        if han_missing:
            print(f"                Han characters unaccounted: {han_missing}")

        for label, bar in BARS:
            value = scores(ev)[label]
            if value < bar:
                failures.append(f"{seed.name}: {label} {value:.3f} < {bar:.2f}")
        if missing:
            failures.append(f"{seed.name}: unaccounted characters {missing}")

        if args.verbose:
            for n, want, got in ev.kind_misses:
                print(f"  kind miss   line {n}: gold {want}, got {got}")
            for n, what in ev.end_misses:
                print(f"  end {what:<6}  line {n}")
        print()

    if failures:
        print("bars missed:" if args.check else "bars missed (use --check to fail on them):")
        for f in failures:
            print(f"  {f}")
    else:
        print("all bars met")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())

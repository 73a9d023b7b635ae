#!/usr/bin/env python3
"""Refit the line model shipped with cnpress (``src/cnpress/data/lines.crfsuite``).

The recipe, in one place (``benchmarks/accuracy.py --loo`` fits the same
recipe without one seed at a time):

* the real pages: every ``seeds/<stem>.txt`` with a gold file in
  ``../shared/gold``, each counted ``REAL_WEIGHT`` times;
* the generated pages of ``../shared/pagegen/train`` (never ``dev/``, which
  is for reporting), each counted once.

Usage::

    python scripts/train_model.py [--shared DIR] [-o MODEL] [--leave-out STEM]

The same data give the same model, byte for byte.  It is the same as::

    cnpress train ../shared/gold --texts seeds --generated ../shared/pagegen/train/gold \\
        -o src/cnpress/data/lines.crfsuite
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cnpress.cli import REAL_WEIGHT
from cnpress.decide import TrainingPage, load_pages, train

REPO = Path(__file__).resolve().parent.parent


def recipe(shared: Path, leave_out: str | None = None, weight: int = REAL_WEIGHT) -> list[TrainingPage]:
    """The shipped model's training pages (without seed ``leave_out``)."""
    gold = [g for g in sorted((shared / "gold").glob("*.json"))
            if leave_out is None or not g.name.startswith(leave_out)]
    pages = load_pages(gold, REPO / "seeds", weight)
    pages += load_pages([shared / "pagegen" / "train" / "gold"], None, 1)
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared/ folder")
    ap.add_argument("-o", "--output", type=Path, default=REPO / "src" / "cnpress" / "data" / "lines.crfsuite")
    ap.add_argument("--leave-out", metavar="STEM", default=None, help="leave out the seed whose name starts so")
    ap.add_argument("--weight", type=int, default=REAL_WEIGHT,
                    help=f"how many times each real page counts (default {REAL_WEIGHT})")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    pages = recipe(args.shared, args.leave_out, args.weight)
    count = train(pages, args.output)
    print(f"{args.output}: {len(pages)} pages, {count} sequences, {args.output.stat().st_size / 1e6:.2f} MB, "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

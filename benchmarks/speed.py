#!/usr/bin/env python3
"""Throughput of ``cnpress.clean`` against pangu and a single regex pass.

Builds a corpus of at least ``--size`` MB (default 20) from the seed files in
``seeds/`` (all of them concatenated, repeated), then times, on the same text:

* ``cnpress.clean`` (the whole pipeline: read lines, normalise, classify,
  layout, rejoin, spacing, punctuation, articles, render);
* ``pangu.space_text`` (a popular one-pass CJK/Latin spacing fixer: the
  "how fast can one regex-based pass be" baseline);
* one compiled ``regex`` substitution removing the spaces between Han and
  ASCII letters/digits (the floor: one pass over the text, nothing else).

Both libraries are warmed up on a small slice first, so jieba's lazy
dictionary load (about a second, once per process) is not in the timings.

Usage::

    python benchmarks/speed.py [--size MB] [--repeat N]

pangu comes with the ``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import regex

import cnpress

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

#: The one-pass baseline: spaces between Han and ASCII letters/digits, either order.
HAN_ASCII_GAP = regex.compile(r"(?<=\p{Han}) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) +(?=\p{Han})")


def build_corpus(min_mb: float) -> str:
    """All seed files concatenated, repeated until the UTF-8 text is ``min_mb`` MB or more."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no seed files in {SEEDS}")
    unit = "\n".join(cnpress.read_text(p) for p in seeds) + "\n"
    unit_bytes = len(unit.encode("utf-8"))
    copies = max(1, -(-int(min_mb * 1_000_000) // unit_bytes))
    return unit * copies


def timed(fn: Callable[[str], object], text: str, repeat: int) -> float:
    """The best wall-clock time of ``repeat`` calls of ``fn(text)``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print MB/s for each contender."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--size", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--repeat", type=int, default=1, help="time each contender N times, keep the best (default 1)")
    args = ap.parse_args(argv)

    pangu: ModuleType | None
    try:
        import pangu
    except ImportError:
        pangu = None

    text = build_corpus(args.size)
    mb = len(text.encode("utf-8")) / 1_000_000
    print(f"corpus: {len(sorted(SEEDS.glob('*.txt')))} seed files from {SEEDS.relative_to(REPO)}/, repeated to "
          f"{mb:.1f} MB ({len(text):,} characters, {text.count(chr(10)) + 1:,} lines)")

    # Warm-up: jieba loads its dictionary on first use (about a second); do it
    # on a small slice so that it is not part of any timing below.
    warm = text[:20_000]
    started = time.perf_counter()
    cnpress.clean(warm)
    if pangu is not None:
        pangu.space_text(warm)
    HAN_ASCII_GAP.sub("", warm)
    print(f"warm-up on a {len(warm):,}-character slice took {time.perf_counter() - started:.2f} s "
          "(jieba's lazy dictionary load happens here and is NOT included in the timings below)")
    print()

    results: dict[str, float] = {}
    rows: list[tuple[str, Callable[[str], object]]] = [("cnpress.clean", cnpress.clean)]
    if pangu is not None:
        rows.append(("pangu.space_text", pangu.space_text))
    rows.append(("one regex.sub (Han/ASCII gaps)", lambda t: HAN_ASCII_GAP.sub("", t)))
    width = max(len(name) for name, _ in rows)
    for name, fn in rows:
        seconds = timed(fn, text, args.repeat)
        results[name] = mb / seconds
        print(f"{name:<{width}}  {seconds:8.2f} s  {mb / seconds:8.2f} MB/s", flush=True)

    print()
    if pangu is None:
        print("pangu is not installed, so there is no clean/pangu ratio; install it with:\n"
              "    python3 -m pip install -e '.[bench]'")
    else:
        ratio = results["cnpress.clean"] / results["pangu.space_text"]
        print(f"clean/pangu throughput ratio: {ratio:.2f} "
              f"(cnpress.clean takes {1 / ratio:.2f}x the time of pangu.space_text on the same text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

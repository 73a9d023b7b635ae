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

With ``--against REV`` it first measures per-file throughput, old against
new in one run: every seed file cleaned on its own (as a corpus of pages
is), by this checkout and by the cnpress of git revision ``REV`` (default
``49fac85``, release 0.1.0), the old one in a child process importing a
``git archive`` of that revision.

Usage::

    python benchmarks/speed.py [--size MB] [--repeat N] [--against REV] [--per-file-only]

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


#: Release 0.1.0: the baseline of the per-file comparison.
BASELINE_REV = "49fac85"

#: Run in a child process (old code) and in this one (new code): clean every
#: seed file on its own, ``rounds`` times, and print the MB/s.
PER_FILE = """
import sys, time
from pathlib import Path
import cnpress
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
rounds = int(sys.argv[2])
texts = [cnpress.read_text(p) for p in paths]
cnpress.clean(texts[0][:2000])  # jieba's dictionary load is not timed
mb = sum(len(t.encode("utf-8")) for t in texts) * rounds / 1e6
best = float("inf")
for _ in range(3):
    started = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            cnpress.clean(t)
    best = min(best, time.perf_counter() - started)
print(mb / best)
"""


def per_file(rev: str, rounds: int) -> tuple[float, float]:
    """Per-file clean MB/s of revision ``rev`` and of this checkout."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {**__import__("os").environ, "PYTHONPATH": str(Path(tmp) / "src")}
        old = subprocess.run([sys.executable, "-c", PER_FILE, str(SEEDS), str(rounds)], env=env, check=True,
                             capture_output=True, text=True).stdout
        env["PYTHONPATH"] = str(REPO / "src")
        new = subprocess.run([sys.executable, "-c", PER_FILE, str(SEEDS), str(rounds)], env=env, check=True,
                             capture_output=True, text=True).stdout
    return float(old), float(new)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print MB/s for each contender."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--size", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--repeat", type=int, default=1, help="time each contender N times, keep the best (default 1)")
    ap.add_argument("--against", metavar="REV", default=BASELINE_REV,
                    help=f"git revision of the per-file baseline (default {BASELINE_REV}, release 0.1.0)")
    ap.add_argument("--rounds", type=int, default=3, help="per-file comparison: rounds over the seeds (default 3)")
    ap.add_argument("--per-file-only", action="store_true", help="only the per-file comparison")
    args = ap.parse_args(argv)

    old, new = per_file(args.against, args.rounds)
    print(f"per-file clean on {SEEDS.relative_to(REPO)}/ (each file on its own, best of 3):")
    print(f"  cnpress {args.against}: {old:6.2f} MB/s")
    print(f"  this checkout: {new:6.2f} MB/s   ({new / old:.2f}x)")
    print()
    if args.per_file_only:
        return 0

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

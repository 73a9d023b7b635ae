#!/usr/bin/env python3
"""Peak memory of ``cnpress.parse`` per input byte (issue 8).

Builds a UTF-8 text of ``--size`` MB from the seed pages (all of them,
repeated), then, in a fresh child process for each measurement:

* loads jieba's dictionary and the model (a warm-up parse of one seed page),
  builds the text, and notes the peak resident set size so far: the baseline;
* parses the text and notes the peak resident set size again.

The figure is ``(peak - baseline) / input bytes``: the memory ``parse``
needs on top of the interpreter, cnpress's data and the input text itself.
With ``--tracemalloc`` the peak of Python's own allocations during ``parse``
is reported as well (tracemalloc slows the parse two or three times).

Usage::

    python benchmarks/memory.py [--size MB] [--tracemalloc]

The bar of issue 8: at most 6 bytes per input byte on a 50 MB input.
A measurement for developers, not part of CI.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

#: The bar of issue 8, in bytes of peak memory per input byte.
MAX_BYTES_PER_BYTE = 6.0


def build_text(megabytes: float) -> str:
    """The seed pages, concatenated and repeated to at least ``megabytes`` MB of UTF-8."""
    import cnpress

    unit = "\n\n".join(cnpress.read_text(p) for p in sorted(SEEDS.glob("*.txt"))) + "\n\n"
    size = len(unit.encode("utf-8"))
    return unit * int(megabytes * 1e6 // size + 1)


def _peak_rss() -> int:
    """The process's peak resident set size so far, in bytes (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def child(megabytes: float, trace: bool) -> dict[str, float]:
    """One measurement, in this process: see the module docstring."""
    import cnpress

    cnpress.parse(cnpress.read_text(sorted(SEEDS.glob("*.txt"))[0]))  # jieba, the model, the tagger
    text = build_text(megabytes)
    data_bytes = len(text.encode("utf-8"))
    baseline = _peak_rss()
    result: dict[str, float] = {"input_bytes": data_bytes, "baseline_rss": baseline}
    if trace:
        import tracemalloc

        tracemalloc.start()
    started = time.perf_counter()
    doc = cnpress.parse(text)
    result["seconds"] = time.perf_counter() - started
    if trace:
        import tracemalloc

        result["traced_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    result["peak_rss"] = _peak_rss()
    result["blocks"] = len(doc.blocks)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=float, default=50.0, help="input size in MB (default 50)")
    ap.add_argument("--tracemalloc", action="store_true", help="also report tracemalloc's peak (slower)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.size, args.tracemalloc)))
        return 0
    cmd = [sys.executable, __file__, "--child", "--size", str(args.size)] + (["--tracemalloc"] * args.tracemalloc)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    r = json.loads(out)
    n = r["input_bytes"]
    extra = r["peak_rss"] - r["baseline_rss"]
    print(f"input: {n / 1e6:.1f} MB of UTF-8, {int(r['blocks'])} blocks, parsed in {r['seconds']:.1f} s")
    print(f"baseline RSS (interpreter, cnpress's data, the input text): {r['baseline_rss'] / 1e6:.0f} MB")
    print(f"peak RSS during parse: {r['peak_rss'] / 1e6:.0f} MB; above the baseline: {extra / 1e6:.0f} MB "
          f"= {extra / n:.1f} bytes per input byte (bar: {MAX_BYTES_PER_BYTE:.0f})")
    if "traced_peak" in r:
        print(f"tracemalloc peak during parse: {r['traced_peak'] / 1e6:.0f} MB = {r['traced_peak'] / n:.1f} bytes "
              "per input byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())

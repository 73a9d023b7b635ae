#!/usr/bin/env python3
"""Time ``cnpress.parse`` on pathological input shapes at six sizes (issue 8).

Each shape is a function of a size ``n`` (about ``n`` characters): the
known-bad ones from issue 8 (``'版' + ' ' * n + '甲。'`` …) and long runs of
spaces, Han, punctuation, brackets, dashes, controls, Latin, digits, many
short lines, many bylines.  Every shape is parsed at ``n``, ``2n``, … ``32n``
characters, ``n`` chosen per shape so that one parse of ``n`` takes about
``--min-time`` (from ``--base``, doubled for a quick shape, halved for a
slow one): a timing of a few milliseconds is mostly the machine's noise,
and a slow shape would otherwise run out of budget after two sizes.

The growth is the time for four times the size as all the sizes measured
say it, ``4 ** k`` where ``k`` is the slope of a least-squares line through
``log t`` against ``log n``: a step between two sizes (a string outgrowing
a CPU cache, an allocator's threshold: on this machine one size can take
1.4× the time per character of the next) weighs a fifth of the span, not
the whole.  The plain ratio of the largest pair of four times the size,
``t(32n) / t(8n)``, is printed beside it.  Linear code grows about 4×,
quadratic code 16×; the bar of issue 8 is at most 5×.

A shape whose time at one size passes ``--budget`` seconds is not run at
larger sizes; its growth is then fitted on the sizes measured and marked
``~``.

Usage::

    python benchmarks/pathological.py [--base N] [--min-time S] [--budget S] [--only NAME...] [--check]

With ``--check``, exit with status 1 when a shape grows more than 5×.
A measurement for developers, not part of CI (timings are not tests).
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import time
from collections.abc import Callable

import cnpress

#: The bar of issue 8: time growth for four times the size.
MAX_GROWTH = 5.0
#: How the four sizes relate to ``--base``.
SIZE_FACTORS = (1, 2, 4, 8, 16, 32)
#: A shape's smallest size is at most this many times ``--base`` ...
MAX_BASE_FACTOR = 16
#: ... and at least this many characters.
MIN_SIZE = 1_000


def _rep(unit: str, n: int) -> str:
    """``unit`` repeated to about ``n`` characters."""
    return unit * max(1, n // len(unit))


#: Shape name → the text of about ``n`` characters.  The first three are the
#: reproducers of issue 8; the others are long runs of one kind of character
#: (or one kind of line), each a thing an unanchored or rescanning pattern
#: would be slow on.
SHAPES: dict[str, Callable[[int], str]] = {
    "issue: 版 + spaces + 甲。": lambda n: "版" + " " * n + "甲。",
    "issue: 甲 + spaces + 甲)": lambda n: "甲" + " " * n + "甲)",
    "issue: Han run + ' ~'": lambda n: "甲" * n + " ~",
    "spaces": lambda n: " " * n,
    "spaces then Han": lambda n: " " * n + "甲",
    "Han": lambda n: "甲" * n,
    "Han, one space each": lambda n: _rep("甲 ", n),
    "Han pairs spaced": lambda n: _rep("甲乙 ", n),
    "Han + Latin spaced": lambda n: _rep("甲 a ", n),
    "Han + digits spaced": lambda n: _rep("甲 1 ", n),
    "Latin words": lambda n: _rep("ab ", n),
    "digits": lambda n: "1" * n,
    "full-width commas": lambda n: "，" * n,
    "half-width marks in Han": lambda n: _rep("甲?", n),
    "half-width colons": lambda n: ":" * n,
    "open brackets": lambda n: "(" * n,
    "nested brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "open brackets in Han": lambda n: _rep("甲(", n),
    "full-width brackets": lambda n: _rep("（甲", n),
    "garbled brackets 渊": lambda n: "渊" * n + "冤",
    "em dashes": lambda n: "—" * n,
    "em dashes spaced": lambda n: _rep("—— ", n),
    "controls": lambda n: "\x00" * n,
    "controls between Han": lambda n: _rep("甲\x1e", n),
    "form feeds": lambda n: "\x0c" * n,
    "zero-width spaces": lambda n: "\u200b" * n,
    "ideographic spaces": lambda n: "\u3000" * n,
    "combining marks": lambda n: "e" + "\u0301" * n,
    "mojibake (Latin-1)": lambda n: _rep("Ã©", n),
    "marker glyphs": lambda n: _rep("■ ", n),
    "版 + spaces, repeated": lambda n: _rep("版" + " " * 50 + "甲。", n),
    "jump markers spaced": lambda n: _rep("（ 下 转 第 ", n),
    "names spaced": lambda n: _rep("陈刚 ", n),
    "datelines": lambda n: _rep("本报讯 ", n),
    "open reporter groups": lambda n: _rep("（记者", n),
    "sentence ends and quotes": lambda n: _rep("。”", n),
    "list numbers": lambda n: _rep("1. ", n),
    "unclosed jump markers": lambda n: _rep("(下转第1", n),
    "digits then 版": lambda n: "1" * n + "版",
    "URL-like": lambda n: _rep("http://x.cn/", n),
    "many short lines": lambda n: _rep("甲乙丙丁戊\n", n),
    "many blank lines": lambda n: "\n" * n,
    "many headings": lambda n: _rep("一、标题\n", n),
    "many bylines": lambda n: _rep("本报记者 齐旭\n", n),
    "bylines and body": lambda n: _rep("本报记者 齐旭\n正文一句。\n", n),
    "hyphenated Latin lines": lambda n: _rep("ab\u2043\n", n),
    "CR line breaks": lambda n: "\r" * n,
    "OCR-gapped prose lines": lambda n: _rep("这束光，是长三角制造业重 镇无锡的一家企业，\n", n),
    "OCR-gapped long line": lambda n: _rep("甲乙丙丁戊己庚辛 ", n) + "，",
    "OCR gaps after roles": lambda n: _rep("记者 记者 甲乙丙丁戊己庚辛，", n),
    "digits set one at a time": lambda n: _rep("1 ", n) + "年",
    "digits set one at a time, no unit": lambda n: _rep("1 ", n) + "a",
    "spaces before a half-width mark": lambda n: "甲" + " " * n + ",乙",
    "spaces around full-width brackets": lambda n: _rep("甲 （乙） ", n),
}


def _time(text: str) -> float:
    """CPU seconds to parse ``text``: the best of five runs, or of as many
    as fit in half a second for quick ones.  CPU time of this process
    (not wall time), so that other work on the machine weighs less; the
    garbage of earlier runs collected before each, so that a collection of
    what a larger size left behind does not fall into a smaller one's time."""
    best = float("inf")
    spent = 0.0
    runs = 0
    while runs < 5 or spent < 0.5:
        gc.collect()
        start = time.process_time()
        cnpress.parse(text)
        took = time.process_time() - start
        best = min(best, took)
        spent += took
        runs += 1
        if runs >= 3 and took > 0.5:
            break
    return best


def fitted_growth(times: list[float]) -> float:
    """The time for 4× the size, as the least-squares slope of ``log t``
    against ``log n`` over ``times`` (at sizes ``n, 2n, 4n, …``) says it.

    >>> round(fitted_growth([1.0, 2.0, 4.0, 8.0]), 6), round(fitted_growth([1.0, 4.0, 16.0]), 6)
    (4.0, 16.0)
    """
    if len(times) < 2:
        return float("inf")
    xs = list(range(len(times)))  # log2 of the size factor
    ys = [math.log2(max(t, 1e-9)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return 4.0 ** slope


def smallest_size(shape: Callable[[int], str], base: int, min_time: float) -> int:
    """The size from which ``shape`` is measured: ``base``, doubled (up to
    :data:`MAX_BASE_FACTOR` times) while a parse takes less than
    ``min_time`` seconds, or halved (down to :data:`MIN_SIZE`) while it
    takes more than twice that."""
    n = base
    took = _time(shape(n))
    while took > 2 * min_time and n // 2 >= MIN_SIZE:
        n //= 2
        took = _time(shape(n))
    while took < min_time and n < MAX_BASE_FACTOR * base:
        n *= 2
        took = _time(shape(n))
    return n


def measure(shape: Callable[[int], str], base: int, budget: float) -> tuple[list[float], float, bool]:
    """The times at the sizes of :data:`SIZE_FACTORS` (fewer when the budget
    ran out), the fitted growth for 4× the size, and whether fewer sizes
    were measured."""
    times: list[float] = []
    for factor in SIZE_FACTORS:
        times.append(_time(shape(base * factor)))
        if times[-1] > budget:
            break
    return times, fitted_growth(times), len(times) < len(SIZE_FACTORS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=int, default=20_000, help="the smallest size, in characters (default 20000)")
    ap.add_argument("--budget", type=float, default=5.0,
                    help="seconds after which a shape is not run at larger sizes (default 5)")
    ap.add_argument("--min-time", type=float, default=0.05,
                    help="the time of one parse at a shape's smallest size, about (default 0.05 s)")
    ap.add_argument("--only", nargs="*", default=None, help="run only the shapes whose name contains one of these")
    ap.add_argument("--check", action="store_true", help="exit 1 when a shape grows more than 5x")
    args = ap.parse_args(argv)
    # Load jieba's dictionary, its tagger and the model outside the timings.
    cnpress.clean("本报记者 齐旭\n博 士 、船 名 航 次 ：\n正文第一行，\n第二行。\n" * 3)
    print(f"sizes: n ... 32n characters, n such that a parse of n takes about {args.min_time} s; "
          "growth = 4 ** (slope of log t on log n); pair = t(32n)/t(8n)")
    print(f"{'shape':32} {'n':>9} " + " ".join(f"{f'{f}n':>8}" for f in SIZE_FACTORS) + "    pair   growth")
    worst = 0.0
    failed = []
    for name, shape in SHAPES.items():
        if args.only and not any(word in name for word in args.only):
            continue
        base = smallest_size(shape, args.base, args.min_time)
        times, growth, guessed = measure(shape, base, args.budget)
        cells = [f"{t:8.3f}" for t in times] + [f"{'-':>8}"] * (len(SIZE_FACTORS) - len(times))
        mark = "~" if guessed else " "
        verdict = "" if growth <= MAX_GROWTH else "  > 5x"
        full = len(SIZE_FACTORS)
        pair = f"{times[full - 1] / times[full - 3]:7.1f}x" if len(times) == full else f"{'-':>8}"
        print(f"{name:32} {base:9,} " + " ".join(cells) + f" {pair}  {mark}{growth:5.1f}x{verdict}", flush=True)
        worst = max(worst, growth)
        if growth > MAX_GROWTH:
            failed.append(name)
    print(f"worst growth: {worst:.1f}x; {len(failed)} shape(s) above {MAX_GROWTH:.0f}x" +
          (": " + ", ".join(failed) if failed else ""))
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())

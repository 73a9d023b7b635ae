#!/usr/bin/env python3
"""Fuzz ``cnpress.parse`` and ``cnpress.clean`` with hypothesis (issue 8).

Five strategies, each given an equal share of ``--examples``:

* ``arbitrary``: any Unicode text;
* ``cjk``: Han, CJK punctuation, digits, Latin, spaces and line breaks;
* ``page``: page-shaped text: lines of headings, bylines, sources, jump
  markers, digits with units, hyphenated Latin, marker glyphs, furniture and
  wrapped body text, joined by every line separator cnpress knows;
* ``unicode``: odd Unicode: combining marks, right-to-left letters, emoji,
  U+FFFD, NUL, form feeds, lone CRs, bidi controls, zero-width characters,
  between Han and Latin;
* ``options``: page-shaped or CJK text under random :class:`cnpress.Options`.

Every example is checked for five properties; a failure is counted (not
raised) so that one run gives the counts of each:

* ``exception``: ``parse`` or ``clean`` raised;
* ``lost``: a character neither kept nor logged (:func:`cnpress.evaluate.unaccounted`);
* ``span``: a block's span or lines do not point at the raw lines;
* ``not-idempotent``: ``clean(clean(x)) != clean(x)``;
* ``unlogged-change``: ``clean`` output holds a non-space character that no
  block holds (every block's characters are the input's, changed only by
  logged repairs: that is ``lost``).

Usage::

    python benchmarks/fuzz.py [--examples N] [--seed S] [--show K] [--only NAME...]

Prints the counts per strategy and property and up to ``--show`` failing
inputs of each kind.  Exit status 1 when any property failed.
``tests/test_fuzz.py`` runs a few hundred examples in CI.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

import cnpress
from cnpress import Options
from cnpress.evaluate import unaccounted

#: The properties checked, in the order they are reported.
PROPERTIES = ("exception", "lost", "span", "not-idempotent", "unlogged-change")

# --- the strategies --------------------------------------------------------------------

#: Common Han characters, and the CJK punctuation newspapers use.
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"  # noqa: E501
CJK_PUNCT = "，。、；：？！“”‘’（）《》「」『』…—·■●▲◆□★☆◎"
#: Every line separator split_lines counts, and the blank line and page break.
SEPARATORS = ("\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\n\n", "\x0c", "\n\x0c\n")

_han = st.sampled_from(HAN)
_cjk_alphabet = st.sampled_from(HAN * 3 + CJK_PUNCT + "0123456789" + "abcXYZ" + "  \n\n.,;:?!()-%/")


def _words(alphabet: st.SearchStrategy[str], lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=lo, max_size=hi)


#: One kind of line each: what a newspaper page extracted to text is made of.
_LINE_KINDS: tuple[st.SearchStrategy[str], ...] = (
    # wrapped body text, ending or not in a sentence end
    st.builds(lambda a, b: a + b, _words(_han, 5, 30), st.sampled_from(["", "，", "。", "：", "”", "。”", "？"])),
    st.builds(lambda a, b, c: f"{a}，{b}{c}", _words(_han, 2, 12), _words(_han, 2, 20), st.sampled_from(["", "。"])),
    # headings
    st.builds(lambda n, t: f"{n}、{t}", st.sampled_from("一二三四五"), _words(_han, 2, 12)),
    st.builds(lambda n, t: f"（{n}）{t}", st.sampled_from("一二三"), _words(_han, 2, 12)),
    st.builds(lambda n, t: f"{n}. {t}", st.integers(1, 12), _words(_han, 2, 12)),
    st.builds(lambda h, t: f"{h} {t}", st.sampled_from(["#", "##", "###"]), _words(_han, 1, 12)),
    st.builds(lambda t: f"——{t}", _words(_han, 2, 12)),
    st.builds(lambda t: f"○{t}○", _words(_han, 2, 4)),
    # bylines and sources
    st.builds(lambda m, a, r, n: f"{m}{a}{r} {n}", st.sampled_from(["", "姻 ", "■ ", "● "]),
              st.sampled_from(["新华社", "本报", "人民日报", ""]), st.sampled_from(["记者", "通讯员", ""]),
              st.lists(_words(_han, 2, 3), min_size=1, max_size=3).map(" ".join)),
    st.builds(lambda a, b: f"本报讯 记者{a}报道：{b}", _words(_han, 2, 3), _words(_han, 3, 20)),
    st.builds(lambda p, t: f"据新华社{p}1月11日电（记者{t}）", _words(_han, 2, 4), _words(_han, 2, 3)),
    st.builds(lambda t, o, c: f"{o}来源：{t}{c}", _words(_han, 2, 6), st.sampled_from("（(渊"),
              st.sampled_from("）)冤")),
    st.builds(lambda t: f"…见到实效。({t})", _words(_han, 2, 3)),
    st.builds(lambda t: f"新华社记者 {t} 摄", _words(_han, 2, 3)),
    # captions, jump markers, furniture
    st.builds(lambda t: f"荫 {t}", _words(_han, 4, 20)),
    st.builds(lambda o, d, p, c: f"{o}{d}第{p}版{c}", st.sampled_from("（(渊"), st.sampled_from(["下转", "上接", "转"]),
              st.integers(1, 24), st.sampled_from("）)冤")),
    st.sampled_from(["·· 10", "CN 11-0005", "今日8版", "主管：中国科学院", "3 / 71", "A3 要闻", "第2版", "目录"]),
    # digits and units, Latin, hyphenated Latin words
    st.builds(lambda a, n, u: f"{a} {n} {u}", _words(_han, 1, 6), st.integers(0, 2025), st.sampled_from(
        ["年", "月 31 日", "秒/次", "%", "亿元", "倍"])),
    st.builds(lambda w, h: f"{w} Spe{h}", st.sampled_from(["Flow", "工业 X射线", "TCL"]), st.sampled_from(
        "\u2043\u00ad\u2010-")),
    st.sampled_from(["cialists and more", "ters", "2025年）", "HUI JIN QIAO 299", "3. 支柱产业"]),
    # letter-spaced text, long dashes
    st.builds(lambda t: " ".join(t), _words(_han, 2, 8)),
    st.builds(lambda a, d, b: f"{a}{d}{b}", _words(_han, 0, 6), st.sampled_from(["—", "——", "———", "————"]),
              _words(_han, 0, 6)),
)

_line = st.one_of(*_LINE_KINDS)


@st.composite
def page_text(draw: st.DrawFn) -> str:
    """Lines of the kinds a page holds, joined by random line separators."""
    lines = draw(st.lists(_line, min_size=1, max_size=14))
    out = [lines[0]]
    for line in lines[1:]:
        out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(line)
    if draw(st.booleans()):
        out.append("\n")
    return "".join(out)


_odd_alphabet = st.one_of(
    st.sampled_from(HAN),
    st.sampled_from("abcAEOxyz019 .,\n\n"),
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),  # combining marks
    st.characters(min_codepoint=0x5D0, max_codepoint=0x5EA),  # Hebrew
    st.characters(min_codepoint=0x627, max_codepoint=0x64A),  # Arabic
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1F64F),  # emoji
    st.sampled_from("\ufffd\x00\x0c\r\x1e\x7f\x85\xa0\xad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"),
    st.sampled_from("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),  # bidi controls
    st.sampled_from("\u3000\u2028\u2029\u2043\u2014\uff61\uff64\u2f08\uf900\u2ed4ÃÂ©®"),
)

options_strategy = st.builds(
    Options,
    spacing=st.sampled_from(["tight", "spaced", "keep"]),
    widen_punct=st.booleans(),
    fix_mojibake=st.booleans(),
    collapse_letter_spacing=st.booleans(),
    shorten_dashes=st.booleans(),
    render_bylines=st.booleans(),
    render_captions=st.booleans(),
    render_furniture=st.booleans(),
)

_DEFAULT = Options()

#: Strategy name → strategy of ``(text, options)``.
STRATEGIES: dict[str, st.SearchStrategy[tuple[str, Options]]] = {
    "arbitrary": st.tuples(st.text(max_size=200), st.just(_DEFAULT)),
    "cjk": st.tuples(_words(_cjk_alphabet, 0, 300), st.just(_DEFAULT)),
    "page": st.tuples(page_text(), st.just(_DEFAULT)),
    "unicode": st.tuples(_words(_odd_alphabet, 0, 120), st.just(_DEFAULT)),
    "options": st.tuples(st.one_of(page_text(), _words(_cjk_alphabet, 0, 200)), options_strategy),
}


# --- the properties --------------------------------------------------------------------


def _span_errors(text: str, doc: cnpress.Document) -> list[str]:
    """Blocks whose span or lines do not point at raw lines of ``text``."""
    n = len(cnpress.split_lines(text))
    bad = []
    for b in doc.blocks:
        first, last = b.span
        if not (1 <= first <= last <= n) or not b.lines or (min(b.lines), max(b.lines)) != b.span:
            bad.append(f"{b.kind.value} span={b.span} lines={b.lines}")
    return bad


def _non_space(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def check(text: str, options: Options = _DEFAULT) -> dict[str, str]:
    """The properties ``text`` breaks under ``options``: name → what was seen.

    >>> check("有光，才有了人们眼中色彩斑斓的\\n世界。")
    {}
    """
    try:
        doc = cnpress.parse(text, options)
        once = cnpress.render_text(doc, options)
        twice = cnpress.clean(once, options)
    except Exception as err:  # the property is that nothing is raised at all
        return {"exception": f"{type(err).__name__}: {err}"}
    failed: dict[str, str] = {}
    lost = unaccounted(text, doc)
    if lost:
        failed["lost"] = repr(lost)
    spans = _span_errors(text, doc)
    if spans:
        failed["span"] = "; ".join(spans)
    if twice != once:
        failed["not-idempotent"] = f"{once!r} -> {twice!r}"
    extra = _non_space(once) - _non_space("".join(b.text for b in doc.blocks))
    if extra:
        failed["unlogged-change"] = repr(dict(extra))
    return failed


@dataclass
class Tally:
    """Counts of examples and failures, and the first failing inputs of each kind."""

    show: int = 3
    examples: Counter[str] = field(default_factory=Counter)
    failures: Counter[tuple[str, str]] = field(default_factory=Counter)
    samples: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def record(self, strategy: str, text: str, options: Options) -> dict[str, str]:
        self.examples[strategy] += 1
        failed = check(text, options)
        for prop, seen in failed.items():
            key = (strategy, prop)
            self.failures[key] += 1
            kept = self.samples.setdefault(key, [])
            if len(kept) < self.show:
                opts = "" if options == _DEFAULT else f" with {options}"
                kept.append(f"{text!r}{opts}: {seen[:300]}")
        return failed


def run(strategy: str, examples: int, tally: Tally, seed_value: int | None = None) -> None:
    """Run ``examples`` examples of one strategy into ``tally`` (generation
    only: no shrinking, no example database, no deadline)."""

    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(STRATEGIES[strategy])
    def one(case: tuple[str, Options]) -> None:
        tally.record(strategy, *case)

    test: Callable[[], None] = one if seed_value is None else seed(seed_value)(one)
    test()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=5000, help="examples in all, shared by the strategies")
    ap.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random)")
    ap.add_argument("--show", type=int, default=3, help="failing inputs shown per strategy and property")
    ap.add_argument("--only", nargs="*", default=None, choices=sorted(STRATEGIES), help="run only these strategies")
    args = ap.parse_args(argv)
    names = args.only or list(STRATEGIES)
    share = max(1, args.examples // len(names))
    tally = Tally(show=args.show)
    started = time.perf_counter()
    for name in names:
        t0 = time.perf_counter()
        run(name, share, tally, args.seed)
        print(f"{name:10} {tally.examples[name]:7} examples in {time.perf_counter() - t0:7.1f} s", flush=True)
    print(f"\n{'strategy':10} {'examples':>8} " + " ".join(f"{p:>15}" for p in PROPERTIES))
    for name in names:
        print(f"{name:10} {tally.examples[name]:8} " + " ".join(f"{tally.failures[name, p]:15}" for p in PROPERTIES))
    total = sum(tally.examples.values())
    print(f"{'all':10} {total:8} " + " ".join(
        f"{sum(tally.failures[n, p] for n in names):15}" for p in PROPERTIES))
    print(f"({time.perf_counter() - started:.0f} s)")
    for (name, prop), kept in sorted(tally.samples.items()):
        print(f"\n{name} / {prop}:")
        for line in kept:
            print("  " + line)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())

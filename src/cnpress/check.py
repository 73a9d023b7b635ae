"""Lint text that should already be clean: the CI gate (``cnpress check``).

:func:`check` reads a text line by line and reports every piece of
extraction noise left in it as a :class:`Finding` with a stable code.  The
codes are rows of one table, :data:`RULES`: each row has its code, a short
name, a description, whether it is on by default, the detector that finds
it, and an example line it fires on.  Detectors reuse the patterns the
pipeline repairs with (``chars``, ``normalize``, ``furniture``, ``bylines``,
``spacing``) and ftfy's own badness measure, so what ``check`` reports is what
:func:`cnpress.clean` would have changed.

>>> [f.code for f in check("潜心 20年的成果。")]
['CNP101']
>>> check("潜心20年的成果。")
[]
"""

from __future__ import annotations

import glob
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, NamedTuple

import regex
from ftfy.badness import BADNESS_RE

from .brackets import garbled_pairs
from .bylines import looks_like_byline_line, split_lead_in, split_trailing_attribution
from .chars import (
    ASCII_ALNUM_CLASS,
    CLOSERS,
    GARBLED_BRACKETS,
    HALFWIDTH_IDEOGRAPHIC,
    HALFWIDTH_IDEOGRAPHIC_CLASS,
    HAN_CLASS,
    HAN_VARIANT_CLASS,
    HAN_VARIANTS,
    MARKER_GLYPHS,
    NO_SPACE_AFTER_CLASS,
    NO_SPACE_BEFORE_CLASS,
    TERMINAL_PUNCT,
    WORD_BREAK_HYPHENS,
    bracket_balance,
    column_width,
)
from .files import write_atomic
from .furniture import FURNITURE_RULES, INLINE_JUMP
from .normalize import LONG_DASH
from .spacing import widen_punctuation, word_crosses

__all__ = [
    "FORMATS", "RULES", "Finding", "Rule", "check", "codes", "expand_paths", "format_findings", "rules_table",
    "select_rules", "write_atomic",
]


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of noise: where it is (1-based line and column, counted in
    characters), its rule's code and what was found.

    >>> Finding(3, 5, "CNP101", "space between Han and Latin/digits: '潜心 20年'").code
    'CNP101'
    """

    line: int
    col: int
    code: str
    message: str


class Hit(NamedTuple):
    """What a detector reports: a 0-based line index, a 0-based column, a message."""

    row: int
    offset: int
    message: str


#: A detector reads every line of a text and yields a hit for each piece of noise.
Detector = Callable[[Sequence[str]], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of residual noise: a row of :data:`RULES`.

    ``example`` is a text the detector fires on (a test runs every rule on
    its example, and every default rule on ``clean(example)``, where it
    must not fire).

    >>> rule = RULES[0]
    >>> rule.code, rule.name, [f.code for f in check(rule.example, [rule])][:1]
    ('CNP101', 'han-latin-space', ['CNP101'])
    """

    code: str
    name: str
    description: str
    default: bool
    detector: Detector
    example: str


# --- helpers -----------------------------------------------------------------

#: Characters of context shown on each side of what a message quotes.
_CONTEXT: Final = 4


def _quote(line: str, start: int, end: int) -> str:
    """``line[start:end]`` with a little context, quoted for a message.

    >>> _quote("从零起步，深耕工业 X射线领域。", 9, 10)
    "'深耕工业 X射线领'"
    """
    return repr(line[max(0, start - _CONTEXT):end + _CONTEXT])


def _per_line(find: Callable[[str], Iterator[tuple[int, str]]]) -> Detector:
    """A detector that runs ``find`` on each line alone; ``find`` yields
    ``(offset, message)`` pairs."""

    def detect(lines: Sequence[str]) -> Iterator[Hit]:
        for index, line in enumerate(lines):
            if line:
                for offset, message in find(line):
                    yield Hit(index, offset, message)

    detect.__doc__ = find.__doc__
    return detect


# --- CNP101, CNP102: extraction spaces -------------------------------------------

# A run of spaces between a Han character and an ASCII letter or digit, either
# order ("潜心 20年", "10 月 31 日", "工业 X射线", "21.01% 。" is CNP102's).
_HAN_LATIN_SPACE: Final = regex.compile(
    rf"(?<=[{HAN_CLASS}]) +(?=[{ASCII_ALNUM_CLASS}])|(?<=[{ASCII_ALNUM_CLASS}%]) +(?=[{HAN_CLASS}])"
)


def _han_latin_space(line: str) -> Iterator[tuple[int, str]]:
    """Spaces extraction put between Han and Latin letters or digits."""
    for m in _HAN_LATIN_SPACE.finditer(line):
        yield m.start(), f"space between Han and Latin/digits: {_quote(line, m.start(), m.end())}"


# A run of spaces before full-width punctuation that takes none before it, or
# after one that takes none after it ("博士 、", "（ 记者").
_PUNCT_SPACE: Final = regex.compile(rf" +(?=[{NO_SPACE_BEFORE_CLASS}])|(?<=[{NO_SPACE_AFTER_CLASS}]) +")


def _punct_space(line: str) -> Iterator[tuple[int, str]]:
    """Spaces next to full-width punctuation."""
    for m in _PUNCT_SPACE.finditer(line.strip(" ")):
        start = m.start() + len(line) - len(line.lstrip(" "))
        yield start, f"space next to full-width punctuation: {_quote(line, start, start + len(m.group()))}"


# --- CNP103: half-width punctuation -------------------------------------------------

# Half-width ideographic punctuation "｡｢｣､", never right in Chinese text.
_HALFWIDTH_IDEOGRAPHIC: Final = regex.compile(f"[{HALFWIDTH_IDEOGRAPHIC_CLASS}]")
# The marks :func:`cnpress.widen_punctuation` may widen: a cheap pre-check.
_HALF_MARKS: Final = frozenset("?!,;:()")


def _halfwidth_punct(line: str) -> Iterator[tuple[int, str]]:
    """Half-width marks in Chinese text, as :func:`cnpress.widen_punctuation` finds them."""
    if not _HALF_MARKS.isdisjoint(line):
        widened = widen_punctuation(line)
        if widened != line:
            for i, (a, b) in enumerate(zip(line, widened, strict=True)):
                if a != b:
                    yield i, f"half-width {a!r} in Chinese text (want {b!r}): {_quote(line, i, i + 1)}"
    for m in _HALFWIDTH_IDEOGRAPHIC.finditer(line):
        ch = m.group()
        yield m.start(), f"half-width ideographic {ch!r} (want {HALFWIDTH_IDEOGRAPHIC[ch]!r})"


# --- CNP104: letter-spaced Han ------------------------------------------------------

# Two or more single Han characters, each set apart by one space: justified
# letter-spacing ("博 士", "船 名 航 次").  A one-character word next to a longer
# one ("季春鹏 摄") is real spacing and is not matched.
_LETTER_SPACED: Final = regex.compile(rf"(?<![{HAN_CLASS}])[{HAN_CLASS}](?: [{HAN_CLASS}](?![{HAN_CLASS}]))+")


def _letter_spaced(line: str) -> Iterator[tuple[int, str]]:
    """Han characters set one space apart."""
    for m in _LETTER_SPACED.finditer(line):
        yield m.start(), f"letter-spaced Han: {_quote(line, m.start(), m.end())}"


# --- CNP105: hard-wrapped lines ------------------------------------------------------

#: Blank lines that may stand between a wrapped line and its continuation
#: (some extractors leave one after every line).
WRAP_GAP: Final = 1
#: A text has a column when at least this many lines ...
COLUMN_MIN_LINES: Final = 6
#: ... and this share of its non-blank lines are (nearly) one width.
COLUMN_MIN_SHARE: Final = 0.3
#: How much narrower than the column a wrapped line may be, in ems.
COLUMN_SLACK: Final = 1.0
#: Characters on each side of a break that jieba reads for a word across it.
WRAP_WINDOW: Final = 4

# An English word broken at the line end by a hyphen bullet or soft hyphen ("Spe⁃").
_BROKEN_WORD: Final = regex.compile(f"[A-Za-z][{WORD_BREAK_HYPHENS}]$")
# The rest of a broken English word, opening the next line ("cialists").
_WORD_REST: Final = regex.compile("[a-z]")
# What a continuation starts with: Han, Latin text or digits, an opening quote or bracket.
_TEXT_START: Final = regex.compile(rf"[{HAN_CLASS}{ASCII_ALNUM_CLASS}“‘《（(]")
# The first round bracket of a line, opening or closing.
_FIRST_BRACKET: Final = regex.compile(r"[（()）]")
# Punctuation that marks a line as running prose (a heading or kicker has none).
_PROSE_MARK: Final = regex.compile(r"[，、；。！？：,;]")


def _ends_open(line: str) -> bool:
    """Whether ``line`` stops where no sentence, heading or list item can end
    on punctuation: on a letter, a digit, a comma, an opening bracket.

    >>> _ends_open("这束光，是长三角制造业重镇无锡的一"), _ends_open("向0.4秒的不懈奔跑"), _ends_open("说。”")
    (True, True, False)
    """
    last = line[-1]
    if last in TERMINAL_PUNCT:
        return False
    if last in CLOSERS:
        return len(line) < 2 or (line[-2] not in TERMINAL_PUNCT and line[-2] not in CLOSERS)
    return True


def _column(widths: Sequence[float]) -> float | None:
    """The column width of a hard-wrapped text: the widest width, in ems,
    that at least :data:`COLUMN_MIN_SHARE` of the lines (and
    :data:`COLUMN_MIN_LINES` of them) reach within one em; ``None`` when no
    width is that common (paragraphs one to a line vary in length).

    >>> _column([20.0] * 6 + [7.0, 12.5]), _column([31.0, 12.0, 88.5, 20.0, 45.0, 60.0, 5.0])
    (20.0, None)
    """
    counts = Counter(int(w) for w in widths)
    best: float | None = None
    for em in sorted(counts):
        near = counts[em] + counts.get(em - 1, 0)
        if near >= COLUMN_MIN_LINES and near >= COLUMN_MIN_SHARE * len(widths):
            best = float(em)
    return best


def _closes_first(line: str) -> bool:
    """Whether the first round bracket of ``line`` closes one (``星）``, ``市）的负责人``)."""
    m = _FIRST_BRACKET.search(line)
    return m is not None and m.group() in "）)"


def _wrap_reason(line: str, nxt: str, column: float | None) -> str | None:
    """Why the break between ``line`` and the next line ``nxt`` is a hard
    wrap, or ``None``.  A break only counts with evidence that the next line
    goes on with the same sentence: the rest of a broken English word, a
    bracket left open and closed there, a full column, or a word that jieba
    reads across the break into more running prose.  A line ending in a
    comma before a headline is an article cut off (a jump), not a wrap.

    >>> _wrap_reason("无锡的一", "家科创企业。", None) is None  # a headline-like line: no evidence
    True
    >>> _wrap_reason("数字化、绿色化也成了重庆小", "康动力有限公司的“秘诀”。", None)
    "a word runs across the break: '小' + '康'"
    >>> _wrap_reason("并于近日播出。（马卫", "星）", None)
    'a bracket opened here is closed on the next line'
    """
    if _BROKEN_WORD.search(line):
        return "an English word broken at the line end" if _WORD_REST.match(nxt) else None
    if not _ends_open(line) or not _TEXT_START.match(nxt):
        return None
    if bracket_balance(line) > 0 and _closes_first(nxt):
        return "a bracket opened here is closed on the next line"
    if column is not None and column_width(line) >= column - COLUMN_SLACK:
        return "a full column line with no sentence end"
    if (_PROSE_MARK.search(line) and _PROSE_MARK.search(nxt) and line[-1] not in NO_SPACE_AFTER_CLASS
            and word_crosses(line[-WRAP_WINDOW:], nxt[:WRAP_WINDOW])):
        return f"a word runs across the break: {line[-1:]!r} + {nxt[:1]!r}"
    return None


def _hard_wraps(lines: Sequence[str]) -> Iterator[Hit]:
    """Lines that end mid-sentence and go on in the next (at most
    :data:`WRAP_GAP` blank lines between them)."""
    texts = [line.strip() for line in lines]
    column = _column([column_width(t) for t in texts if t])
    for i, text in enumerate(texts):
        if not text:
            continue
        for j in range(i + 1, min(i + 2 + WRAP_GAP, len(texts))):
            if texts[j]:
                reason = _wrap_reason(text, texts[j], column)
                if reason:
                    yield Hit(i, len(lines[i].rstrip()) - 1, f"hard-wrapped line: {reason}")
                break


# --- CNP106, CNP107: marker glyphs and garbled brackets ------------------------------

# A marker glyph opening a line, followed by a space or by Latin text or a digit
# (as normalize recognises one): "姻 新华社记者…", "荫TCL与上游…", "■ 丁会".
_MARKER: Final = regex.compile(
    "^ *(" + "|".join(map(regex.escape, MARKER_GLYPHS)) + r")(?: +(?=\S)|(?=[A-Za-z0-9]))"
)


def _marker_glyph(line: str) -> Iterator[tuple[int, str]]:
    """A marker glyph (or what a PDF font turned it into) opening a line."""
    m = _MARKER.match(line)
    if m:
        glyph = m.group(1)
        yield m.start(1), f"marker glyph {glyph!r} (for {MARKER_GLYPHS[glyph]}) opening the line"


def _garbled_brackets(line: str) -> Iterator[tuple[int, str]]:
    """Brackets a PDF font turned into 渊…冤 (:data:`cnpress.chars.GARBLED_BRACKETS`)."""
    for first, end in garbled_pairs(line):
        last = end - 1
        want = GARBLED_BRACKETS[line[first]] + line[first + 1:last] + GARBLED_BRACKETS[line[last]]
        yield first, f"garbled brackets {line[first:end]!r} (want {want!r})"


# --- CNP108, CNP109: mojibake and look-alike code points ---------------------------------


# Latin-1 and Latin Extended letters: what mojibake of Chinese is mostly made of
# ("æœ¬æŠ¥" is 本报 read as cp1252).  A finding starts at the run's first one.
_LATIN_RUN_CHAR: Final = regex.compile("[\u0080-\u024f]")


def _mojibake(line: str) -> Iterator[tuple[int, str]]:
    """Mojibake, as ftfy's badness measure sees it.

    >>> list(_mojibake("会上æœ¬æŠ¥è®°è€…"))
    [(2, "mojibake (ftfy): '会上æœ¬æŠ¥è'")]
    """
    m = BADNESS_RE.search(line)
    if m:
        start = m.start()
        while start and _LATIN_RUN_CHAR.match(line[start - 1]):
            start -= 1
        yield start, f"mojibake (ftfy): {_quote(line, start, m.end())}"


# The blocks of Kangxi radicals, radical supplements and compatibility ideographs.
_HAN_VARIANT: Final = regex.compile(f"[{HAN_VARIANT_CLASS}]")


def _han_variant(line: str) -> Iterator[tuple[int, str]]:
    """Kangxi radicals and compatibility ideographs standing for a unified Han ideograph."""
    for m in _HAN_VARIANT.finditer(line):
        ch = m.group()
        if ch in HAN_VARIANTS:
            yield m.start(), f"look-alike code point {ch!r} (U+{ord(ch):04X}) for {HAN_VARIANTS[ch]!r}"


# --- CNP110, CNP111: furniture and jump lines ----------------------------------------------

#: Furniture rules :func:`check` leaves out: the jump line (CNP111 reports it) and
#: rules too loose to call a line furniture on their own; the pipeline uses them
#: only as features (``publisher-line`` takes "由机械工业部首次主办").
UNCHECKED_FURNITURE: Final = frozenset({"jump-line", "publisher-line"})
# The furniture rules check applies, compiled: (name, pattern).
_FURNITURE: Final = tuple(
    (name, regex.compile(pattern)) for name, pattern in FURNITURE_RULES if name not in UNCHECKED_FURNITURE
)


def _furniture(line: str) -> Iterator[tuple[int, str]]:
    """A whole line of page furniture: a page number, a masthead field, a running head."""
    text = line.strip()
    for name, pattern in _FURNITURE:
        if pattern.search(text):
            yield len(line) - len(line.lstrip()), f"page furniture left in the text ({name}): {text[:30]!r}"
            return


def _jump_line(line: str) -> Iterator[tuple[int, str]]:
    """A jump marker, on its own line or at a paragraph's start or end."""
    for m in INLINE_JUMP.finditer(line):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        yield start, f"jump marker left in the text: {m.group().strip()!r}"


# --- CNP112: bylines (opt-in) -----------------------------------------------------------


def _byline(line: str) -> Iterator[tuple[int, str]]:
    """A byline: a line of its own, a lead-in or a trailing attribution."""
    text = line.strip()
    lead = len(line) - len(line.lstrip())
    if looks_like_byline_line(text):
        yield lead, f"byline: {text[:30]!r}"
        return
    inline = split_lead_in(text)
    if inline is not None:
        yield lead, f"byline lead-in: {inline.lead!r}"
    trailing = split_trailing_attribution(text)
    if trailing is not None:
        yield lead + len(text) - len(trailing[1]), f"trailing attribution: {trailing[1]!r}"


# --- CNP113: long dashes ------------------------------------------------------------------


def _long_dash(line: str) -> Iterator[tuple[int, str]]:
    """Three or more em dashes where Chinese text sets two."""
    for m in LONG_DASH.finditer(line):
        yield m.start(), f"{len(m.group())} em dashes (want 2)"


#: Every rule, in code order.  ``default``: reported unless deselected.
RULES: Final[tuple[Rule, ...]] = (
    Rule("CNP101", "han-latin-space", "a space between Han and Latin letters or digits (extraction)", True,
         _per_line(_han_latin_space), "潜心 20年，深耕工业 X射线领域。"),
    Rule("CNP102", "punct-space", "a space before or after full-width punctuation", True,
         _per_line(_punct_space), "Hanisch博士 、教授。"),
    Rule("CNP103", "halfwidth-punct", "half-width punctuation in Chinese text (? ! , ; : ( ) ｡ ､ …)", True,
         _per_line(_halfwidth_punct), "钢材用手就能轻易撕开?记者看到。"),
    Rule("CNP104", "letter-spaced", "letter-spaced Han (justified text read one character at a time)", True,
         _per_line(_letter_spaced), "船 名 航 次：东方号。"),
    Rule("CNP105", "hard-wrap", "a line ending mid-sentence that goes on in the next (a column wrap)", True,
         _hard_wraps, "这束光，是长三角制造业重镇无锡的一\n家科创企业。"),
    Rule("CNP106", "marker-glyph", "a marker glyph opening a line (■, or 姻/荫 as PDF fonts garble it)", True,
         _per_line(_marker_glyph), "姻 新华社记者 陈刚"),
    Rule("CNP107", "garbled-bracket", "brackets a PDF font turned into 渊…冤 (渊林伟霞 黄俭冤 for （林伟霞 黄俭）)",
         True,
         _per_line(_garbled_brackets), "渊林伟霞 黄俭冤"),
    Rule("CNP108", "mojibake", "mojibake: text decoded with the wrong encoding (ftfy's badness)", True,
         _per_line(_mojibake), "æœ¬æŠ¥è®°è€…"),
    Rule("CNP109", "han-variant", "a Kangxi radical or compatibility ideograph for a unified Han ideograph", True,
         _per_line(_han_variant), "⼈民⽇报"),
    Rule("CNP110", "furniture", "page furniture left in the text: page numbers, masthead lines, running heads", True,
         _per_line(_furniture), "主管：中华人民共和国工业和信息化部"),
    Rule("CNP111", "jump-line", "a jump marker left in the text: (下转第2版), （上接第1版）", True,
         _per_line(_jump_line), "公平参与竞争。（下转第2版）"),
    Rule("CNP112", "byline", "a byline left in the text (opt-in: clean() keeps bylines by default)", False,
         _per_line(_byline), "本报记者 齐旭"),
    Rule("CNP113", "long-dash", "three or more em dashes for the two-em Chinese dash", True,
         _per_line(_long_dash), "他说———这是开始。"),
)

_BY_CODE: Final[Mapping[str, Rule]] = MappingProxyType({r.code: r for r in RULES})
_BY_NAME: Final[Mapping[str, Rule]] = MappingProxyType({r.name: r for r in RULES})


def codes() -> list[str]:
    """Every rule's code, in order.

    >>> codes()[:3]
    ['CNP101', 'CNP102', 'CNP103']
    """
    return [r.code for r in RULES]


def _matching(item: str) -> list[Rule]:
    """The rules one ``--select``/``--ignore`` item names: a code, a code
    prefix (``CNP1``), a rule's name, or ``ALL``."""
    key = item.strip()
    if key.upper() == "ALL":
        return list(RULES)
    if key in _BY_NAME:
        return [_BY_NAME[key]]
    found = [r for r in RULES if r.code.startswith(key.upper())] if key else []
    if not found:
        raise ValueError(f"unknown check code or name: {item!r} (codes: {', '.join(codes())})")
    return found


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The rules to run: ``select`` (codes, code prefixes, names or ``ALL``;
    default: the rules on by default) less ``ignore``.  Raises
    :class:`ValueError` on an unknown code.

    >>> [r.code for r in select_rules(["CNP11"], ignore=["jump-line"])]
    ['CNP110', 'CNP112', 'CNP113']
    >>> "CNP112" in [r.code for r in select_rules()]
    False
    """
    chosen = {r.code for item in select for r in _matching(item)} if select is not None else {
        r.code for r in RULES if r.default}
    dropped = {r.code for item in ignore for r in _matching(item)}
    return tuple(r for r in RULES if r.code in chosen - dropped)


def check(text: str, rules: Sequence[Rule] | None = None) -> list[Finding]:
    """Every piece of residual noise in ``text``, ordered by line and column.

    ``rules`` defaults to the rules on by default (see :func:`select_rules`).
    Lines are split at ``\\n`` (``\\r\\n`` too); a line's findings point at its
    characters, 1-based.

    >>> for f in check("本报讯 记者齐旭报道：6月 27日，第二十届…\\n\\n（下转第2版）"):
    ...     print(f.line, f.col, f.code)
    1 14 CNP101
    3 1 CNP111
    >>> [f.code for f in check("本报记者 齐旭", select_rules(["byline"]))]
    ['CNP112']
    """
    lines = text.replace("\r\n", "\n").split("\n")
    findings = [Finding(hit.row + 1, hit.offset + 1, rule.code, hit.message)
                for rule in (select_rules() if rules is None else rules) for hit in rule.detector(lines)]
    return sorted(findings, key=lambda f: (f.line, f.col, f.code))


# --- files and output -----------------------------------------------------------------

#: File names a directory given to ``cnpress check`` is searched for.
CHECK_GLOB: Final = "*.txt"
#: Characters that make a path argument a glob pattern.
_GLOB_CHARS: Final = frozenset("*?[")
#: Output formats of ``cnpress check``.
FORMATS: Final = ("text", "json", "github")


def expand_paths(paths: Iterable[str], recursive: bool = False) -> list[str]:
    """The files to check: each path as it is, each directory's
    :data:`CHECK_GLOB` files (with ``recursive``, in every folder below it),
    each glob pattern's matches (``**`` spans folders).  Sorted within each
    argument, duplicates dropped; a path that does not exist is kept, so
    that reading it reports the error.  Raises :class:`ValueError` for a
    pattern that matches nothing.

    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for name in ("a.txt", "b.md", "sub/c.txt"):
    ...         os.makedirs(os.path.dirname(os.path.join(d, name)), exist_ok=True)
    ...         open(os.path.join(d, name), "w").close()
    ...     [os.path.relpath(p, d) for p in expand_paths([d])], len(expand_paths([d], recursive=True))
    (['a.txt'], 2)
    """
    out: list[str] = []
    for path in paths:
        if _GLOB_CHARS.intersection(path):
            found = sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
            if not found:
                raise ValueError(f"no files match {path!r}")
        elif os.path.isdir(path):
            pattern = os.path.join(path, "**", CHECK_GLOB) if recursive else os.path.join(path, CHECK_GLOB)
            found = sorted(p for p in glob.glob(pattern, recursive=recursive) if os.path.isfile(p))
        else:
            found = [path]
        out += [p for p in found if p not in out]
    return out


# GitHub workflow commands: what a property value and the message must escape.
_GITHUB_DATA: Final = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_GITHUB_PROPERTY: Final = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def format_findings(results: Sequence[tuple[str, Sequence[Finding]]], fmt: str = "text") -> str:
    """The findings of every file, one per line (``text``: ``path:line:col:
    CODE message``; ``github``: a workflow ``::warning`` command), or one
    JSON array (``json``).

    >>> found = [("p.txt", [Finding(2, 5, "CNP101", "space: '潜心 20年'")])]
    >>> print(format_findings(found), end="")
    p.txt:2:5: CNP101 space: '潜心 20年'
    >>> print(format_findings(found, "github"), end="")
    ::warning file=p.txt,line=2,col=5,title=CNP101::space: '潜心 20年'
    >>> json.loads(format_findings(found, "json"))[0]["name"]
    'han-latin-space'
    """
    if fmt == "json":
        rows = [{"path": path, "line": f.line, "col": f.col, "code": f.code, "name": _BY_CODE[f.code].name,
                 "message": f.message} for path, findings in results for f in findings]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for path, findings in results:
        for f in findings:
            if fmt == "github":
                where = f"file={path.translate(_GITHUB_PROPERTY)},line={f.line},col={f.col}"
                lines.append(f"::warning {where},title={f.code}::{f.message.translate(_GITHUB_DATA)}")
            else:
                lines.append(f"{path}:{f.line}:{f.col}: {f.code} {f.message}")
    return "".join(line + "\n" for line in lines)


def rules_table() -> str:
    """Every rule as a line: code, name, on by default or not, description.

    >>> rules_table().splitlines()[0]
    'CNP101  han-latin-space  on   a space between Han and Latin letters or digits (extraction)'
    """
    width = max(len(r.name) for r in RULES)
    return "".join(f"{r.code}  {r.name:<{width}}  {'on ' if r.default else 'off'}  {r.description}\n"
                   for r in RULES)

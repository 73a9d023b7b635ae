"""Context-free classification of single lines.

A table of named rules (:data:`LINE_RULES`) is tried in order on each
normalised line; the first that matches gives the line's kind and the rule's
name becomes the reason.  Lines that no rule claims are ``text``: body or
heading, which :mod:`cnpress.layout` decides from the lines around them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

import regex

from .bylines import AGENCIES, ROLES, looks_like_byline_line
from .chars import BULLET_CLASS, CAPTION_MARKERS, CN_NUMERALS, NUMBER_UNIT_CLASS
from .furniture import EDITION_NAMES, FURNITURE_RULES
from .normalize import NLine

__all__ = [
    "BLANK", "BYLINE_LINE", "CAPTION_CONTINUED", "HEADING", "KICKER_TEXT", "LINE_RULES", "MARKDOWN_HEADING",
    "SECTION_MARK", "SECTION_NUMBER", "TEXT", "LineRule", "LineTag", "caption_open", "classify_line", "tag_lines",
]

#: Pseudo-kinds used before blocks exist.
TEXT = "text"
BLANK = "blank"
HEADING = "heading"
#: The name of the line rule for a Markdown heading mark ("## 促转型：…").
MARKDOWN_HEADING: Final = "markdown-heading"
#: The name of the line rule for a byline on a line of its own ("本报记者 齐旭").
BYLINE_LINE: Final = "byline"


class LineTag(NamedTuple):
    """The kind a rule gave a line, and the rule's name."""

    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class LineRule:
    """A named rule: the line is of ``kind`` when ``pattern`` is found in its
    text, or (rules that need more than the text) when ``test(line)`` is true."""

    name: str
    kind: str
    pattern: str | None = None
    test: Callable[[NLine], bool] | None = None


# A Markdown heading: "## 促转型：…".
_MD_HEADING = r"^#{1,6} +\S"
# A dash leader: "——解读前三季度金融数据" (dashes already shortened to two).
_DASH_LEADER = r"^——[^—]"
# A column label between circles: "○刊首○", "○省内动态○".
_CIRCLE_KICKER = r"^[○◎●]\s*\S{1,10}\s*[○◎●]$"
# Source attribution on its own line: "（来源：浙江日报）", also in the garbled
# brackets a broken font map makes of them: "渊来源：经济日报冤".
_SOURCE = r"^[（(渊]\s*(?:来源|来自|稿源|原载|转自|摘自)\s*[：:].{1,40}[)）冤]$"
# Photo credits: "新华社记者 季春鹏 摄", "孙凯芳 摄影报道", "（企业供图）".
_PHOTO_CREDIT = (
    r"^(?:[\p{Han}]{0,8}(?:记者|通讯员)\s*)?[\p{Han}]{2,4}(?:\s+[\p{Han}]{2,4}){0,3}\s*(?:摄|摄影|摄影报道|供图)$"
)
# A caption that ends in a credit: "…订单协同（企业供图）".
_CREDIT_SUFFIX = regex.compile(r"[（(][\p{Han}]{0,10}供图[)）]$")


def _credit_suffix(line: NLine) -> bool:
    return line.text.endswith(("图）", "图)")) and _CREDIT_SUFFIX.search(line.text) is not None


def _caption_marker(line: NLine) -> bool:
    return line.marker is not None and line.marker in CAPTION_MARKERS


def _byline(line: NLine) -> bool:
    return looks_like_byline_line(line.text, line.marker)


#: How many characters a bulleted section head has after its bullet, at most.
SECTION_MARK_MAX: Final = 24
#: A bullet opening a short line with no punctuation inside: "• 提升产业链韧性",
#: "◆坚持创新驱动".  Not "·· 10" (a page number) nor a list item, which has
#: clauses ("· 无需小屋集成，成本低，…") or ends in "；" or "。".  (``●◆■`` followed by a space are marker glyphs, which
#: normalisation has already moved to ``NLine.marker``.)
SECTION_MARK: Final = regex.compile(
    rf"^[{BULLET_CLASS}] ?[\p{{Han}}A-Za-z“《（(][^。！？；;!?，,、：:]{{0,{SECTION_MARK_MAX - 1}}}$"
)
# A decimal section number, three levels or more ("1.2.1 概述", "2.3.4.1总体要求")
# or two followed by a space ("3.1 发展现状"); never a quantity ("2.5倍",
# "3.1%", "3.1 亿元").
_DECIMAL_SECTION = (
    rf"\d{{1,2}}(?:\.\d{{1,2}}){{2,3}}\s*(?![{NUMBER_UNIT_CLASS}\d.])\S"
    rf"|\d{{1,2}}\.\d{{1,2}}\s+(?![{NUMBER_UNIT_CLASS}\d])\S"
)
# A section sign: "§ 3.1 适用范围", "§2 定义".
_SECTION_SIGN = r"§\s*\d{1,2}(?:\.\d{1,2}){0,3}\s*\S"
#: Numbered in-article headings: "一、", "（一）", "1.", "1、", "第一章",
#: "1.2.1 …", "§ 3.1 …" (not a decimal: "2.5倍"), and bulleted short lines
#: (:data:`SECTION_MARK`).
SECTION_NUMBER: Final = regex.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d)\s*\S|第[一二三四五六七八九十]+[章节部分]|"
    + _DECIMAL_SECTION + "|" + _SECTION_SIGN + ")|" + SECTION_MARK.pattern
)
# A numbered item opening a line, by how it is written: "3. " / "3、" / "3）",
# "（三）", "三、", "三是", "第三，", "其三，".  (Named groups: the number in
# Arabic digits or Chinese numerals, one to ten.)
_ITEM_NUMBER: Final = regex.compile(
    rf"^(?:(?P<arabic>\d{{1,2}})[.．、)）](?!\d)|[（(](?P<paren>[{CN_NUMERALS}])[)）]"
    rf"|(?P<comma>[{CN_NUMERALS}])、|(?P<shi>[{CN_NUMERALS}])是"
    rf"|第(?P<di>[{CN_NUMERALS}])[，、,：:]|其(?P<qi>[{CN_NUMERALS}])[，、,：:])"
)


def item_number(text: str) -> tuple[str, int] | None:
    """The numbered item opening ``text``: how it is written and its number.

    >>> item_number("2. 设备互联互通能力持续加强；"), item_number("三是加强数据挖掘"), item_number("二〇二三年")
    (('arabic', 2), ('shi', 3), None)
    """
    m = _ITEM_NUMBER.match(text)
    if m is None or m.lastgroup is None:
        return None
    value = m.group(m.lastgroup)
    return m.lastgroup, int(value) if value.isdigit() else CN_NUMERALS.index(value) + 1


#: A column label's shape: a few Han characters, no punctuation ("协会动态", "会员成果").
KICKER_TEXT: Final = regex.compile(r"^[\p{Han}]{2,6}$")

#: The line rules, tried in order; the first match wins.
LINE_RULES: tuple[LineRule, ...] = (
    LineRule(MARKDOWN_HEADING, HEADING, _MD_HEADING),
    *(LineRule(name, "furniture", pattern) for name, pattern in FURNITURE_RULES),
    LineRule("source-line", "source", _SOURCE),
    LineRule("caption-marker", "caption", test=_caption_marker),
    LineRule("photo-credit", "caption", _PHOTO_CREDIT),
    LineRule("credit-suffix", "caption", test=_credit_suffix),
    LineRule(BYLINE_LINE, "byline", test=_byline),
    LineRule("dash-leader", "subtitle", _DASH_LEADER),
    LineRule("circle-kicker", "kicker", _CIRCLE_KICKER),
)

# All pattern rules in one regex, one alternative per rule, every one
# anchored at the line start so that alternatives are tried in table order:
# one match per line instead of one search per rule.
_ALL_PATTERNS = regex.compile(
    "|".join(f"(?P<r{i}>{rule.pattern})" for i, rule in enumerate(LINE_RULES) if rule.pattern)
)
assert all(r.pattern.startswith("^") for r in LINE_RULES if r.pattern), "line rules must be anchored"
_TEXT_TAG = LineTag(TEXT, "text")
_BLANK_TAG = LineTag(BLANK, "blank")
#: The tag of a text line an open caption above it takes with it (:func:`tag_lines`).
CAPTION_CONTINUED: Final = LineTag("caption", "caption-continued")
# A prefilter that spares most prose lines the rules: a line can only be
# claimed if it starts with a character some rule starts with, or (when
# short) ends the way a publisher line, a photo credit or a running head
# ("华东经济导报 1998 年 1 月 5 日 星期一") ends.
_SHORT_LINE = 50
_RULE_STARTS = frozenset(
    "#主承协出编总社副责美地电传邮网印定发广投国ISCNhw—(（渊○◎●星今本第·•-–.0123456789<PpABCDEFGH"
    + "".join(a[0] for a in AGENCIES) + "".join(r[0] for r in ROLES)
)
_RULE_ENDS = ("出版", "出版物", "主办", "摄", "摄影", "摄影报道", "供图", "图）", "图)", "版", "日", "星期天",
              *(f"星期{d}" for d in CN_NUMERALS[:6]), *EDITION_NAMES)
_TEST_RULES = tuple((i, rule) for i, rule in enumerate(LINE_RULES) if rule.test is not None)


def classify_line(line: NLine) -> LineTag:
    """Return the kind of one line by the first rule in :data:`LINE_RULES`.

    >>> classify_line(NLine(1, "·· 10")).kind
    'furniture'
    >>> classify_line(NLine(1, "新华社记者 陈刚 杨绍功", "■"))
    LineTag(kind='byline', reason='byline')
    >>> classify_line(NLine(1, "有光，才有了人们眼中色彩斑斓的世界。")).kind
    'text'
    """
    text = line.text
    if not text:
        return _BLANK_TAG
    if line.marker is None and text[0] not in _RULE_STARTS and (
            len(text) > _SHORT_LINE or not text.endswith(_RULE_ENDS)):
        return _TEXT_TAG  # no rule can claim a line that starts and ends like prose
    m = _ALL_PATTERNS.match(text)
    hit = int(m.lastgroup[1:]) if m and m.lastgroup else len(LINE_RULES)
    for i, rule in _TEST_RULES:
        if i > hit:
            break
        if rule.test is not None and rule.test(line):
            return LineTag(rule.kind, rule.name)
    if hit < len(LINE_RULES):
        rule = LINE_RULES[hit]
        return LineTag(rule.kind, rule.name)
    return _TEXT_TAG


def caption_open(text: str) -> bool:
    """A caption line that runs on to the next line (no sentence end, no credit)."""
    return not (text.endswith(("摄", "摄影", "摄影报道", "供图", "供图）")) or text[-1] in "。！？”）)")


def tag_lines(lines: Sequence[NLine]) -> list[LineTag]:
    """Classify every line: the line rules, then the context rules.

    Context rules: a photo caption that does not end its sentence takes the
    next text line with it (``caption-continued``).

    >>> [t.kind for t in tag_lines([NLine(1, "9月24日，技术人员对X射线", "▲"), NLine(2, "管进行气密性检测。")])]
    ['caption', 'caption']
    """
    tags = [classify_line(line) for line in lines]
    for caption in [i for i, tag in enumerate(tags) if tag.kind == "caption"]:
        # An open caption takes the next line if it is text (blank lines
        # between are skipped), and that line may leave it open in turn.
        last = caption
        while caption_open(lines[last].text):
            nxt = _next_non_blank(tags, last)
            if nxt is None or tags[nxt].kind != TEXT:
                break
            tags[nxt] = CAPTION_CONTINUED
            last = nxt
    return tags


def _next_non_blank(tags: Sequence[LineTag], i: int) -> int | None:
    """The index of the first tag after ``tags[i]`` that is not blank."""
    return next((j for j in range(i + 1, len(tags)) if tags[j].kind != BLANK), None)

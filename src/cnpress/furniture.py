"""Page furniture: page numbers, masthead lines and jump markers.

Furniture is set aside in its own blocks, never deleted.  Jump markers
("(下转第2版)", "（上接第1版）") also link an article to its continuation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import regex

from .chars import GARBLED_BRACKETS, HAN_CLASS, SENTENCE_END
from .normalize import NLine

__all__ = [
    "EDITION_NAMES", "FURNITURE_RULES", "INLINE_JUMP", "JUMP_FROM_OPENING", "JUMP_LINE", "PAGE_NUMBER",
    "PAPER_NAME_ENDS", "is_paper_name", "is_pull_quote", "jump_target", "restore_jump_brackets",
]

_NUM = r"[0-9０-９一二三四五六七八九十百]+"

# A jump marker: "(下转第2版)", "（上接第1版）", "（转第3版）".
# The brackets may be the font-garbled 渊…冤 (see chars.GARBLED_BRACKETS).
_JUMP_BODY = r"[（(渊]\s*(?P<dir>下转|上接|接|转)\s*第?\s*(?P<page>" + _NUM + r")\s*版\s*[)）冤]"

#: How the name of a paper or magazine ends ("中原建设导刊", "中国机电产业报",
#: "北方科技周刊"): a masthead or running head line that is only a name.
PAPER_NAME_ENDS: Final = ("日报", "晚报", "时报", "周报", "商报", "报", "周刊", "导刊", "月刊", "期刊", "杂志", "画报")
#: The longest paper name counted, in characters.
PAPER_NAME_MAX: Final = 12


def is_paper_name(text: str) -> bool:
    """Whether a line is only the name of a paper or magazine.

    >>> is_paper_name("中原建设导刊"), is_paper_name("华东经济导报"), is_paper_name("据新华社报")
    (True, True, False)
    """
    return (4 <= len(text) <= PAPER_NAME_MAX and text.endswith(PAPER_NAME_ENDS)
            and _ALL_HAN.fullmatch(text) is not None and not text.startswith(("据", "本报")))


#: Names newspapers give their pages (版名), as they follow a page code in a
#: running head: "A3 要闻", "B12 财经".  A page code counts only before one of
#: these, since "C9 高校联盟" or "G20 峰会" open headlines.
EDITION_NAMES: Final = (
    "要闻", "综合", "国内", "国际", "财经", "经济", "评论", "观点", "社会", "文化", "体育",
    "科技", "教育", "健康", "民生", "法治", "理论", "地方", "时事", "专题", "专版", "副刊",
    "文艺", "读书", "旅游", "产业", "市场", "新闻", "城市", "视点", "特刊", "广告", "公告",
    "环球", "两岸", "港澳", "热点", "关注", "深度", "人物",
)

# A date as a running head prints it: "2024年3月5日".
_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
# A weekday: "星期二".
_WEEKDAY = r"星期[一二三四五六日天]"
# A paper's name in a running head: a few Han ending as paper names end
# ("人民日报", "中国电子报", "半月刊").
_PAPER = r"[\p{Han}]{1,10}(?:报|刊)"
# A page of the paper: "第5版", "A3版", "B12".
_EDITION = r"(?:第\s*[0-9]{1,3}\s*版|[A-H][0-9]{1,2}\s*版?)"
# One of the page names above.
_EDITION_NAME = "(?:" + "|".join(EDITION_NAMES) + ")"
# A page number in words: "第 3 页", "page 3".
_PAGE_WORDS = r"(?:第\s*[0-9]{1,4}\s*页|(?i:page)\s*[0-9]{1,4})"

# "·· 10", "- 3 -", "10": a page number, maybe with dots or dashes.
_PAGE_NUMBER = r"^(?:[·•\-—–.]+\s*)?[0-9]{1,3}(?:\s*[·•\-—–.]+)?$"

#: (name, pattern) for lines that are furniture as a whole.
FURNITURE_RULES: Final[tuple[tuple[str, str], ...]] = (
    ("page-number", _PAGE_NUMBER),
    ("jump-line", "^" + _JUMP_BODY + "$"),
    # Masthead fields: "主管：…", "主办：…", "社长：…".
    ("masthead-field", r"^(?:主\s*管|主\s*办|承办|协办|出版|编辑部?|总编辑|社长|副?主编|责任编辑|美术编辑|"
                       r"地址|电话|传真|邮编|网址|印刷|定价|发行|广告|投稿邮箱)\s*[：:]"),
    ("serial-number", r"^(?:国内统一连续出版物号|国际标准连续出版物号|ISSN\s*\d{4}-\d{3}[\dX]|"
                      r"CN\s*\d{2}\s*-\s*\d{4}|邮发代号)"),
    ("url", r"^(?:https?://|www\.)\S+$"),
    ("date-line", r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*星期[一二三四五六日天])?"
                  r"(?:\s*(?:农历|第\d+期)\S*)?$"),
    ("weekday", r"^星期[一二三四五六日天]$"),
    ("edition-count", r"^(?:今日|本期)\s*\d+\s*版$"),
    ("issue-number", r"^第\s*\d+\s*期\s*(?:[（(]\s*总第\s*\d+\s*期\s*[)）])?$"),
    ("publisher-line", r"^[\p{Han}]{2,12}(?:出版|出版物|主办)$"),
    # A page counter: "3 / 71", "3/12".
    ("page-counter", r"^[0-9]{1,4}\s*/\s*[0-9]{1,4}$"),
    # A page number in Chinese, maybe with the count: "第 3 页", "第3页 共12页".
    ("page-of-pages", r"^第\s*[0-9]{1,4}\s*页(?:\s*[,，/]?\s*共\s*[0-9]{1,4}\s*页)?$"),
    # The same in English: "Page 3", "Page 3 of 12", "page 3/12".
    ("page-of-pages-en", r"^(?i:page)\s*[0-9]{1,4}(?:\s*(?i:of|/)\s*[0-9]{1,4})?$"),
    # A page marker an extractor left as an HTML comment: "<!-- 第 3 页 -->", "<!-- page 3 -->".
    ("page-comment", r"^<!--\s*" + _PAGE_WORDS + r"\s*-->$"),
    # A running head: the date, then the paper or the page or both
    # ("2024年3月5日 星期二 人民日报 第5版"), or the paper, then the page
    # ("人民日报 第5版", "人民日报 2024年3月5日 第5版 要闻"), or the paper
    # and the date alone ("华东经济导报 1998 年 1 月 5 日 星期一").
    ("running-head", "^" + _DATE + r"(?:\s*" + _WEEKDAY + r")?\s*(?:" + _PAPER + r"(?:\s*" + _EDITION + r")?|"
                     + _EDITION + r")(?:\s+" + _EDITION_NAME + r")?$"
                     + "|^" + _PAPER + r"\s*(?:" + _DATE + r"\s*(?:" + _WEEKDAY + r"\s*)?)?" + _EDITION
                     + r"(?:\s+" + _EDITION_NAME + r")?$"
                     + "|^" + _PAPER + r"\s*" + _DATE + r"(?:\s*" + _WEEKDAY + r")?$"),
    # An edition line: "第5版", "第5版 要闻" (a name only after a space:
    # "第5版刊登了…" is a sentence).
    ("edition-line", r"^第\s*[0-9]{1,3}\s*版(?:\s+[\p{Han}]{2,8})?$"),
    # A page number alone with 版: "5版", "05版 要闻".
    ("edition-number", r"^[0-9]{1,3}\s*版(?:\s+" + _EDITION_NAME + r")?$"),
    # A page code with its name: "A3 要闻", "B12版 财经".
    ("page-code", r"^[A-H][0-9]{1,2}\s*版?\s*" + _EDITION_NAME + "$"),
)

# A whole jump marker, and a line of Han characters only.
_JUMP: Final = regex.compile(_JUMP_BODY)
_ALL_HAN: Final = regex.compile(f"[{HAN_CLASS}]+")

#: A line that is a page number and nothing else: "·· 10", "- 3 -", "10".
#: Such a line is transparent to a sentence running on across it.
PAGE_NUMBER: Final = regex.compile(_PAGE_NUMBER)

#: A line that is a jump marker and nothing else: "（下转第2版）", "渊上接第1版冤".
JUMP_LINE: Final = regex.compile(r"^\s*" + _JUMP_BODY + r"\s*$")

#: A "continued from" marker opening a line: "（上接第1版）从政府的角度来看，…".
JUMP_FROM_OPENING: Final = regex.compile(r"^\s*[（(渊]\s*(?:上接|接)\s*第?\s*" + _NUM + r"\s*版\s*[)）冤]")

#: A jump marker inside a body line, at its end or its start.  The end
#: form starts only where a run of spaces starts (``(?<!\s)``): unanchored,
#: a search would scan every run of spaces again from each of its
#: positions (quadratic in the run's length), and the leftmost match
#: starts at the run's start anyway.
INLINE_JUMP: Final = regex.compile(r"(?<!\s)\s*" + _JUMP_BODY + r"\s*$|^\s*" + _JUMP_BODY + r"\s*")

_CN_DIGITS: Final = {c: i for i, c in enumerate("零一二三四五六七八九")}


def restore_jump_brackets(marker: str) -> str:
    """A jump marker with its garbled brackets restored; anything else as it is.

    >>> restore_jump_brackets("渊下转第3版冤"), restore_jump_brackets("渊上接第22版）"), restore_jump_brackets("渊源")
    ('（下转第3版）', '（上接第22版）', '渊源')
    """
    if (marker[:1] in GARBLED_BRACKETS or marker[-1:] in GARBLED_BRACKETS) and _JUMP.fullmatch(marker):
        # Either bracket may be garbled alone ("渊上接第22版）").
        return GARBLED_BRACKETS.get(marker[0], marker[0]) + marker[1:-1] + GARBLED_BRACKETS.get(marker[-1], marker[-1])
    return marker


def jump_target(marker: str) -> tuple[str, int] | None:
    """Return ``("on"|"from", page)`` for a jump marker, else ``None``.

    >>> jump_target("(下转第2版)")
    ('on', 2)
    >>> jump_target("（上接第十二版）")
    ('from', 12)
    """
    m = _JUMP.search(marker)
    if not m:
        return None
    direction = "from" if m.group("dir") in ("上接", "接") else "on"
    return direction, _page_number(m.group("page"))


def _page_number(text: str) -> int:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    # Chinese numerals up to 百: 十二 = 12, 二十 = 20, 二十三 = 23.
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += max(current, 1) * 100
            current = 0
        elif ch == "十":
            total += max(current, 1) * 10
            current = 0
        else:
            current = _CN_DIGITS.get(ch, 0)
    return total + current


#: A pull quote repeats at least this many characters of the text around it
#: in one run, and at least ``PULL_QUOTE_SHARE`` of its own length.
PULL_QUOTE_SHARED: Final = 16
PULL_QUOTE_SHARE: Final = 0.4
_PULL_QUOTE_MAX: Final = 45


def is_pull_quote(lines: Sequence[NLine], i: int, context: int) -> bool:
    """Whether ``lines[i]`` is a pull quote: one short sentence standing alone
    whose words are repeated (``PULL_QUOTE_SHARED`` characters in a row) in
    the text within ``context`` lines of it, but not in the lines right
    before and after it.

    >>> ls = [NLine(1, "甲说，向数字化、绿色化实体经济转型，是专精特新企业的发展之路。乙说。"),
    ...       NLine(3, "丙说，数字化转型方案需进一步向小型化、快速化、轻量化发力。"),
    ...       NLine(5, "向数字化、绿色化实体经济转型，是专精特新企业的发展之路。")]
    >>> is_pull_quote(ls, 2, 100), is_pull_quote(ls, 0, 100)
    (True, False)
    >>> is_pull_quote([ls[0], ls[2]], 1, 100)  # right after the text it repeats
    False
    """
    text = lines[i].text
    n = len(text)
    if not PULL_QUOTE_SHARED + 4 <= n <= _PULL_QUOTE_MAX or text[-1] not in SENTENCE_END:
        return False
    if any(c in SENTENCE_END for c in text[:-1]):
        return False  # more than one sentence
    # Not the lines right next to it: a sentence that repeats the words of the
    # line before ("…部长李乐成在广东…" / "…部长李乐成出席活动并讲话。") is prose.
    around = "\n".join(ln.text for ln in lines[max(0, i - context):max(0, i - 1)]) + "\n" + "\n".join(
        ln.text for ln in lines[i + 2:i + 1 + context])
    run = max(PULL_QUOTE_SHARED, int(n * PULL_QUOTE_SHARE))
    step = max(1, (run - PULL_QUOTE_SHARED) // 2 + 1)
    return any(text[s:s + run] in around for s in range(0, n - run + 1, step))

"""The one place for character classes, punctuation sets and glyph tables.

Every other module builds its regular expressions from the names defined here,
so that "what counts as CJK" or "what ends a sentence" is decided once.

Strings named ``*_CLASS`` are the *inside* of a regex character class (no
brackets), so they can be combined: ``f"[{HAN_CLASS}{CJK_PUNCT_CLASS}]"``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

# --- letters --------------------------------------------------------------

#: Han ideographs (all blocks, via the ``regex`` module's script property).
HAN_CLASS: Final = r"\p{Han}"

#: Everything typeset as one full em in a CJK column: Han, kana, hangul,
#: CJK symbols and punctuation, full-width forms.
CJK_CLASS: Final = (
    r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
    r"\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019"
)

#: ASCII letters and digits: the "Latin" side of a CJK/Latin boundary.
ASCII_ALNUM_CLASS: Final = r"A-Za-z0-9"

# --- punctuation ------------------------------------------------------------

#: Marks that can end a paragraph's last line: sentence ends, closing quotes
#: and brackets after them, an ellipsis, and the colon/semicolon that ends a
#: list item or a lead-in.
TERMINAL_PUNCT: Final = frozenset("。！？…；：!?.;:")

#: Closing quotes and brackets: terminal only right after terminal punctuation
#: (``说。”`` ends a paragraph, ``“护盾”`` does not).
CLOSERS_CLASS: Final = "”’」』）)》"
CLOSERS: Final = frozenset(CLOSERS_CLASS)

#: Marks that can end a sentence (and so a title cannot end with them).
SENTENCE_END: Final = frozenset("。！？!?…")

#: Full-width punctuation that takes no space before it.
NO_SPACE_BEFORE_CLASS: Final = r"，。、：；？！）》」』”’"

#: Full-width punctuation that takes no space after it.
NO_SPACE_AFTER_CLASS: Final = r"，、：；（《「『“‘"

#: Full-width opening brackets and quotes: no space between them and the
#: Chinese text before them (``电 （记者…`` is ``电（记者…``).
CJK_OPENERS_CLASS: Final = r"（《「『“‘"

#: Full-width closing brackets and quotes (:data:`CLOSERS_CLASS` less the
#: half-width bracket): no space between them and the Chinese text after them
#: (``…） 受国务院委派`` is ``…）受国务院委派``).
CJK_CLOSERS_CLASS: Final = CLOSERS_CLASS.replace(")", "")

#: Full-width marks that end a clause or a sentence: a name or an
#: attribution in brackets holds none (``（林伟霞 黄俭）``).
CLAUSE_END_CLASS: Final = "，。；！？"

#: Punctuation inside a line that marks running prose rather than a heading.
CLAUSE_PUNCT: Final = frozenset("，、；。")

#: The form feed pdftotext (and pdfminer.six) put between pages.
PAGE_BREAK: Final = "\f"

#: Half-width marks and the full-width form they take in Chinese text.
HALF_TO_FULL: Final = {
    "?": "？",
    "!": "！",
    ",": "，",
    ";": "；",
    ":": "：",
    "(": "（",
    ")": "）",
}

#: Half-width ideographic punctuation (U+FF61–FF64, from Japanese half-width
#: fonts) and the Chinese mark each stands for.  Never right in Chinese text.
HALFWIDTH_IDEOGRAPHIC: Final[Mapping[str, str]] = MappingProxyType({
    "\uff61": "。",  # ｡ HALFWIDTH IDEOGRAPHIC FULL STOP
    "\uff62": "「",  # ｢ HALFWIDTH LEFT CORNER BRACKET
    "\uff63": "」",  # ｣ HALFWIDTH RIGHT CORNER BRACKET
    "\uff64": "、",  # ､ HALFWIDTH IDEOGRAPHIC COMMA
})
#: The characters of :data:`HALFWIDTH_IDEOGRAPHIC` as a class.
HALFWIDTH_IDEOGRAPHIC_CLASS: Final = r"\uff61-\uff64"

# --- glyphs ----------------------------------------------------------------

#: Glyphs that PDF fonts turn a line-start marker (■, ▲, …) into.  They are
#: real characters elsewhere (婚姻, 树荫), so they count as markers only at a
#: line start followed by a space.  Value: what the glyph stands for.
MARKER_GLYPHS: Final = {
    "姻": "■",  # byline marker in Xinhua-style layouts
    "荫": "▲",  # photo-caption marker
    "■": "■",
    "●": "●",
    "▲": "▲",
    "◆": "◆",
    "□": "□",
    "▼": "▼",
    "★": "★",
    "☆": "☆",
    "◎": "◎",
}

#: Markers that introduce a photo caption rather than a byline.
CAPTION_MARKERS: Final = frozenset("荫▲▼")

#: Glyphs that the same fonts turn full-width brackets into: 渊…冤 is （…）.
#: Restored only where a whole line is bracketed this way (see bylines.py).
GARBLED_BRACKETS: Final = {"渊": "（", "冤": "）"}

#: Digits as newspapers print them in dates: half-width and full-width
#: (``1 月 20 日``, ``１月２０日``).  Narrower than ``\d``, which also takes
#: Arabic-Indic and other scripts' digits.
DATE_DIGIT_CLASS: Final = "0-9\uff10-\uff19"

#: Characters that break an English word at a line end and are not real
#: hyphens: hyphen bullet, soft hyphen, Unicode hyphen.
WORD_BREAK_HYPHENS: Final = "\u2043\u00ad\u2010"

#: Dash leaders: a run of three em dashes is the PDF form of a Chinese dash.
EM_DASH: Final = "\u2014"


#: Brackets a bracketed byline or attribution opens with: "（林伟霞 黄俭）", "(跃文)".
OPENING_BRACKETS: Final = frozenset("（(")
#: Round closing brackets, full- and half-width.
CLOSING_BRACKETS: Final = frozenset("）)")
#: Marks that close an item of a list set one item a line ("1. 设备数字化率稳步提升；").
ITEM_END_PUNCT: Final = frozenset("；;。")
#: Of those, the ones no heading closes with.
SEMICOLONS: Final = frozenset("；;")

#: Marks that can end a headline line: "…名单公布啦！", "…是怎样炼成的？".
HEADLINE_END_PUNCT: Final = frozenset("！？!?")

#: Marks that end a sentence or a list item inside a line ("1. …提升；").
SENTENCE_OR_ITEM_END: Final = frozenset("。；！？;!?")

#: Characters that, right after a number, make it a quantity rather than a
#: section number: "3.1 亿元", "2.5 倍", "1.5 万", "3.1%".
NUMBER_UNIT_CLASS: Final = r"%％‰℃倍亿万千百元个次年月日时秒分米吨克度"

#: Marks that follow a list number: "3. 支柱产业", "3、", "3）".
LIST_MARK_CLASS: Final = r".．、)）"

#: Bullets that open a list item or a short section head: "• 提升产业链韧性".
BULLET_CLASS: Final = r"•·●◆■"

#: Chinese numerals one to ten, in order (list items 一是/二是, 第三，).
CN_NUMERALS: Final = "一二三四五六七八九十"


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence: :data:`SENTENCE_END`, or one of
    :data:`CLOSERS` right after one (``；`` and ``：`` end a clause, not a
    sentence).

    >>> ends_sentence("开幕。"), ends_sentence("他说：“好。”"), ends_sentence("平台；"), ends_sentence("")
    (True, True, False, False)
    """
    return text[-1:] in SENTENCE_END or (len(text) > 1 and text[-1] in CLOSERS and text[-2] in SENTENCE_END)


def bracket_balance(text: str) -> int:
    """How many round brackets ``text`` leaves open (negative: closes more
    than it opens), full- and half-width alike.

    >>> bracket_balance("…电（记者翟景"), bracket_balance("升）过去"), bracket_balance("（来源：某报）")
    (1, -1, 0)
    """
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def closes_first(text: str) -> bool:
    """Whether the first round bracket in ``text`` closes one (the line
    finishes a bracket a line before it opened).

    >>> closes_first("亿美元）。"), closes_first("（来源：某报）"), closes_first("没有括号")
    (True, False, False)
    """
    for c in text:
        if c in OPENING_BRACKETS:
            return False
        if c in CLOSING_BRACKETS:
            return True
    return False


#: Half-width marks that are clause punctuation when extraction leaves them in Chinese text.
HALF_CLAUSE_PUNCT: Final = frozenset(",;?!")


def column_width(text: str) -> float:
    """Return how many ems ``text`` takes in a CJK column.

    CJK characters and full-width punctuation take one em, ASCII characters
    half an em.  A space counts half an em too: the extractor inserts one
    where justification widened the gap around Latin text and digits.
    Counted through the UTF-8 length, which is much faster than a loop:
    ASCII is one byte, BMP CJK three, so (characters + bytes) / 4 is half an
    em for each ASCII character and one em for each CJK one.

    >>> column_width("日联科技")
    4.0
    >>> column_width("潜心 20年")
    4.5
    """
    return (len(text) + len(text.encode("utf-8", "surrogatepass"))) / 4


# --- Han look-alikes ---------------------------------------------------------

#: Blocks whose characters look like (or are) a unified Han ideograph and that
#: PDF fonts map glyphs to: Kangxi radicals, the CJK Radicals Supplement, CJK
#: Compatibility Ideographs and their supplement.  Inclusive code point ranges.
HAN_VARIANT_RANGES: Final = ((0x2E80, 0x2EF3), (0x2F00, 0x2FD5), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))

#: The ranges of :data:`HAN_VARIANT_RANGES` as a class (a cheap pre-scan; only
#: the characters in :data:`HAN_VARIANTS` are changed).
HAN_VARIANT_CLASS: Final = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in HAN_VARIANT_RANGES)

#: Simplified-form radicals of the CJK Radicals Supplement that stand for a
#: whole common character but have no compatibility decomposition, so NFKC
#: leaves them alone (``⻓`` for 长, ``⻔`` for 门).  Only forms that are a
#: character of their own are listed; component forms (``⺮``) are left as they are.
SUPPLEMENT_RADICALS: Final[Mapping[str, str]] = MappingProxyType({
    "\u2ea0": "民",  # CIVILIAN
    "\u2ec4": "西",  # WEST TWO
    "\u2ec5": "见",  # C-SIMPLIFIED SEE
    "\u2ec6": "角",  # SIMPLIFIED HORN
    "\u2ec9": "贝",  # C-SIMPLIFIED SHELL
    "\u2ecb": "车",  # C-SIMPLIFIED CART
    "\u2ed3": "长",  # C-SIMPLIFIED LONG
    "\u2ed4": "门",  # C-SIMPLIFIED GATE
    "\u2ed8": "青",  # BLUE
    "\u2ed9": "韦",  # C-SIMPLIFIED TANNED LEATHER
    "\u2eda": "页",  # C-SIMPLIFIED LEAF
    "\u2edb": "风",  # C-SIMPLIFIED WIND
    "\u2edc": "飞",  # C-SIMPLIFIED FLY
    "\u2edd": "食",  # EAT ONE
    "\u2ee2": "马",  # C-SIMPLIFIED HORSE
    "\u2ee3": "骨",  # BONE
    "\u2ee4": "鬼",  # GHOST
    "\u2ee5": "鱼",  # C-SIMPLIFIED FISH
    "\u2ee6": "鸟",  # C-SIMPLIFIED BIRD
    "\u2ee7": "卤",  # C-SIMPLIFIED SALT
    "\u2ee8": "麦",  # SIMPLIFIED WHEAT
    "\u2ee9": "黄",  # SIMPLIFIED YELLOW
    "\u2eea": "黾",  # C-SIMPLIFIED FROG
    "\u2eec": "齐",  # C-SIMPLIFIED EVEN
    "\u2eee": "齿",  # C-SIMPLIFIED TOOTH
    "\u2ef0": "龙",  # C-SIMPLIFIED DRAGON
})


def _is_unified_han(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


def _build_han_variants() -> dict[str, str]:
    """Map every character of :data:`HAN_VARIANT_RANGES` whose NFKC form is one
    unified Han ideograph to that ideograph, plus :data:`SUPPLEMENT_RADICALS`.

    NFKC is applied one code point at a time, never to running text (it
    would also narrow full-width Chinese punctuation).

    >>> table = _build_han_variants()
    >>> table["\u2f00"], table["\uf900"], table["\u2ed4"]
    ('一', '豈', '门')
    """
    table: dict[str, str] = {}
    for lo, hi in HAN_VARIANT_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            nfkc = unicodedata.normalize("NFKC", ch)
            if nfkc != ch and len(nfkc) == 1 and _is_unified_han(nfkc):
                table[ch] = nfkc
    table.update(SUPPLEMENT_RADICALS)
    return table


#: Radical or compatibility character → the unified Han ideograph it stands
#: for (``⼈`` U+2F08 → 人, ``⾦`` → 金, ``﨑`` U+FA11 is unified and kept).
HAN_VARIANTS: Final[Mapping[str, str]] = MappingProxyType(_build_han_variants())

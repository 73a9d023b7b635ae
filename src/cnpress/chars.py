"""The one place for character classes, punctuation sets and glyph tables.

Every other module builds its regular expressions from the names defined here,
so that "what counts as CJK" or "what ends a sentence" is decided once.

Strings named ``*_CLASS`` are the *inside* of a regex character class (no
brackets), so they can be combined: ``f"[{HAN_CLASS}{CJK_PUNCT_CLASS}]"``.
"""

from __future__ import annotations

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
CLOSERS: Final = frozenset("”’」』）)》")

#: Marks that can end a sentence (and so a title cannot end with them).
SENTENCE_END: Final = frozenset("。！？!?…")

#: Full-width punctuation that takes no space before it.
NO_SPACE_BEFORE_CLASS: Final = r"，。、：；？！）》」』”’"

#: Full-width punctuation that takes no space after it.
NO_SPACE_AFTER_CLASS: Final = r"，、：；（《「『“‘"

#: Punctuation inside a line that marks running prose rather than a heading.
CLAUSE_PUNCT: Final = frozenset("，、；。")

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

#: Characters that break an English word at a line end and are not real
#: hyphens: hyphen bullet, soft hyphen, Unicode hyphen.
WORD_BREAK_HYPHENS: Final = "\u2043\u00ad\u2010"

#: Dash leaders: a run of three em dashes is the PDF form of a Chinese dash.
EM_DASH: Final = "\u2014"


#: Brackets a bracketed byline or attribution opens with: "（林伟霞 黄俭）", "(跃文)".
OPENING_BRACKETS: Final = frozenset("（(")

#: Marks that can end a headline line: "…名单公布啦！", "…是怎样炼成的？".
HEADLINE_END_PUNCT: Final = frozenset("！？!?")

#: Marks that end a sentence or a list item inside a line ("1. …提升；").
SENTENCE_OR_ITEM_END: Final = frozenset("。；！？;!?")

#: Chinese numerals one to ten, in order (list items 一是/二是, 第三，).
CN_NUMERALS: Final = "一二三四五六七八九十"


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

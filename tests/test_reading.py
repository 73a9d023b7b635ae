"""Bad input: encodings, undecodable bytes, line breaks, control characters, size."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

import cnpress
from cnpress.evaluate import unaccounted

TEXT = "潜心 20年的“成果”。\n\n这束光，以超高精度、超高效\n率，让缺陷无所遁形。\n"


# --- encodings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("utf-16-le with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
        ("utf-16-be with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
        ("utf-32-le with BOM", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")),
        ("utf-16-le without BOM", TEXT.encode("utf-16-le")),
        ("utf-16-be without BOM", TEXT.encode("utf-16-be")),
        ("gb18030", TEXT.encode("gb18030")),
        ("gbk", TEXT.encode("gbk")),
        ("gb2312", TEXT.encode("gb2312")),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, label: str, data: bytes) -> None:
    assert cnpress.decode_bytes(data) == TEXT
    assert cnpress.read_text(data) == TEXT
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert cnpress.read_text(path) == TEXT
    assert cnpress.read_text(str(path)) == TEXT


def test_bom_is_not_part_of_the_text() -> None:
    text = cnpress.read_text(codecs.BOM_UTF8 + "标题".encode())
    assert text == "标题"
    assert not text.startswith("\ufeff")


def test_gb18030_four_byte_characters() -> None:
    rare = "𠀀㐀€"  # outside GBK: four-byte GB18030 sequences (and the euro sign)
    assert cnpress.decode_bytes(rare.encode("gb18030")) == rare


def test_empty_bytes_and_empty_file(tmp_path: Path) -> None:
    assert cnpress.decode_bytes(b"") == ""
    assert cnpress.read_text(b"") == ""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert cnpress.read_text(empty) == ""
    assert cnpress.read_text(codecs.BOM_UTF8) == ""


@pytest.mark.parametrize("text", ["", "\n", " \n\n\t\n", "\u3000\n"])
def test_empty_text_parses_to_no_blocks(text: str) -> None:
    doc = cnpress.parse(text)
    assert isinstance(doc, cnpress.Document)
    assert doc.blocks == ()
    assert doc.articles == ()
    assert cnpress.clean(text) == ""
    assert cnpress.render_markdown(doc) == ""
    assert cnpress.to_jsonl(doc) == ""


# --- undecodable bytes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"abc\x80\xffdef", 3),  # 0x80: continuation byte in UTF-8, no lead byte in GB18030
        (b"\xff", 0),
        ("中文".encode("gb18030") + b"\x80", 4),  # good GB18030, then a bad byte
        (("中文" * 100).encode("utf-8") + b"\xff" + "中文".encode(), 600),  # good UTF-8, then a bad byte
        (codecs.BOM_UTF8 + b"ab\xff", 5),  # BOM says UTF-8, so only UTF-8 is tried
        (codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"a", 6),  # truncated UTF-16
    ],
)
def test_undecodable_bytes_name_the_first_bad_byte(tmp_path: Path, data: bytes, offset: int) -> None:
    with pytest.raises(cnpress.DecodeError) as caught:
        cnpress.decode_bytes(data)
    assert caught.value.offset == offset
    assert caught.value.source == "<bytes>"
    assert f"offset {offset}" in str(caught.value)

    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(cnpress.DecodeError) as caught:
        cnpress.read_text(path)
    assert caught.value.source == str(path)
    assert caught.value.offset == offset
    message = str(caught.value)
    assert message.startswith(str(path))
    assert f"offset {offset}" in message


def test_decode_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="convert the file to UTF-8"):
        cnpress.decode_bytes(b"abc\x80\xffdef")


# --- line breaks ---------------------------------------------------------------------

MIXED = "甲乙丙丁。\r\n\r\n第二段文字。\r第三段\u2028文字。\n\n最后一段\u2029在此。\r\n"
UNIX = "甲乙丙丁。\n\n第二段文字。\n第三段\n文字。\n\n最后一段\n在此。\n"


def test_read_text_turns_every_break_into_newline() -> None:
    assert cnpress.read_text(MIXED.encode("utf-8")) == UNIX
    assert cnpress.read_text(MIXED.encode("utf-16")) == UNIX
    assert cnpress.read_text(MIXED.encode("gb18030")) == UNIX
    assert cnpress.split_lines(MIXED) == UNIX.split("\n")


def _spans(text: str) -> list[tuple[str, tuple[int, int], tuple[int, ...]]]:
    return [(b.text, b.span, b.lines) for b in cnpress.parse(text).blocks]


def test_mixed_line_endings_number_lines_as_read_text_does() -> None:
    expected = _spans(UNIX)
    assert expected  # the text has blocks to compare
    assert _spans(MIXED) == expected
    assert _spans(cnpress.read_text(MIXED.encode("utf-8"))) == expected
    # The last block starts on raw line 7 whichever line breaks the file used.
    assert expected[-1][1][0] == 7


def test_crlf_file_spans_match_lf_file(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "seeds" / "004_14845132b57f61f4.txt"
    text = cnpress.read_text(seed)
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert cnpress.read_text(crlf) == text
    assert _spans(text.replace("\n", "\r\n")) == _spans(text)


# --- control characters --------------------------------------------------------------


def test_control_characters_are_dropped_and_logged() -> None:
    text = "第一行文字。\n\n甲\x00乙\x07丙\x0c。\n"
    doc = cnpress.parse(text)
    joined = "".join(b.text for b in doc.blocks)
    for ch in "\x00\x07\x0c":
        assert ch not in joined
    assert "甲乙丙。" in [b.text for b in doc.blocks]
    controls = [r for r in doc.repairs if r.kind == "control-char"]
    assert [(r.line, r.before, r.after) for r in controls] == [(3, "\x00", ""), (3, "\x07", "")]
    # a form feed is dropped too, but logged as the page break it is
    assert [(r.line, r.before) for r in doc.repairs if r.kind == "page-break"] == [(3, "\x0c")]
    assert unaccounted(text, doc) == {}
    assert "\x00" not in cnpress.clean(text)


def test_invisible_characters_are_dropped_and_logged() -> None:
    text = "甲\u200b乙\ufeff丙。"
    doc = cnpress.parse(text)
    assert [b.text for b in doc.blocks] == ["甲乙丙。"]
    assert sorted(r.before for r in doc.repairs if r.kind == "control-char") == ["\u200b", "\ufeff"]


# --- size ----------------------------------------------------------------------------


def test_ten_megabyte_line() -> None:
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_925a84bfa8b6800a.txt"
    # Real text with its spaces and punctuation, all on one line.
    unit = cnpress.read_text(seed).replace("\n", " ")
    size = 10_000_000
    line = unit * (size // len(unit.encode("utf-8")) + 1)
    assert len(line.encode("utf-8")) >= size
    assert "\n" not in line
    started = time.perf_counter()
    doc = cnpress.parse(line)
    elapsed = time.perf_counter() - started
    assert doc.blocks
    assert all(b.span == (1, 1) for b in doc.blocks)
    assert sum(len(b.text) for b in doc.blocks) > len(line) * 0.8
    assert elapsed < 60, f"parse of one 10 MB line took {elapsed:.1f} s"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_seed_pages(seed_texts: dict[str, str], encoding: str) -> None:
    # Every seed page, BOM-less UTF-16, reads back as the same text (NUL bytes
    # of its ASCII characters give the byte order away; 一 = U+4E00 does not mislead).
    for text in seed_texts.values():
        assert cnpress.decode_bytes(text.encode(encoding)) == text


# --- encoding detection, a forced encoding, replacement (issue 8) ---------------------

#: Traditional Chinese, in both Big5 and GB18030 (which holds every character).
TRADITIONAL = "新華社北京1月11日電（記者張宿堂）\n今年以來，各地積極推進經濟發展，取得了顯著成效。\n"


def test_big5_and_gb18030_of_the_same_text_decode_to_it(tmp_path: Path) -> None:
    big5, gb = TRADITIONAL.encode("big5"), TRADITIONAL.encode("gb18030")
    assert big5 != gb
    # Big5 bytes are valid GB18030 too (as garbage): the detector must tell them apart.
    assert big5.decode("gb18030") != TRADITIONAL
    assert cnpress.decode(big5) == cnpress.Decoded(TRADITIONAL, "big5")
    assert cnpress.decode(gb) == cnpress.Decoded(TRADITIONAL, "gb18030")
    for name, data in (("big5.txt", big5), ("gb.txt", gb)):
        (tmp_path / name).write_bytes(data)
        assert cnpress.read_text(tmp_path / name) == TRADITIONAL


def test_simplified_gbk_is_reported_as_gb18030() -> None:
    assert cnpress.decode(TEXT.encode("gbk")) == cnpress.Decoded(TEXT, "gb18030")


def test_utf16_without_bom_or_nuls() -> None:
    # All Han, no ASCII: no NUL byte gives the byte order away; the detector does.
    text = "这束光以超高精度超高效率让缺陷无所遁形潜心二十年的成果"
    for encoding in ("utf-16-le", "utf-16-be"):
        data = text.encode(encoding)
        assert b"\x00" not in data
        assert cnpress.decode(data) == cnpress.Decoded(text, encoding)


def test_forced_encoding_wins_over_detection() -> None:
    data = TRADITIONAL.encode("big5")
    forced = cnpress.read_decoded(data, encoding="gb18030")
    assert forced.encoding == "gb18030"
    assert forced.text == data.decode("gb18030")
    assert cnpress.read_text(TEXT.encode("gbk"), encoding="GBK") == TEXT
    with pytest.raises(cnpress.DecodeError):
        cnpress.read_text(TEXT.encode("utf-8"), encoding="ascii")
    with pytest.raises(LookupError):
        cnpress.read_text(b"abc", encoding="no-such-encoding")


def test_errors_replace_keeps_the_rest_and_logs_what_it_replaced(caplog: pytest.LogCaptureFixture) -> None:
    data = "第一段文字。".encode() + b"\xff\xfe" + "第二段。".encode() + b"\x80"
    with pytest.raises(cnpress.DecodeError):
        cnpress.decode(data)
    with caplog.at_level("WARNING", logger="cnpress"):
        decoded = cnpress.decode(data, errors="replace")
    # One U+FFFD per byte the codec rejects, as Python's errors="replace" gives.
    assert decoded.text == "第一段文字。\ufffd\ufffd第二段。\ufffd" == data.decode("utf-8", "replace")
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == ((18, b"\xff"), (19, b"\xfe"), (32, b"\x80"))
    [record] = [r for r in caplog.records if r.name == "cnpress"]
    assert "3 undecodable" in record.getMessage() and "fe at 19" in record.getMessage()
    # The replacement characters are text like any other: kept, accounted for.
    doc = cnpress.parse(decoded.text)
    assert unaccounted(decoded.text, doc) == {}


def test_errors_replace_after_a_bom_counts_offsets_from_the_file_start() -> None:
    decoded = cnpress.decode(codecs.BOM_UTF8 + b"ab\xffcd", errors="replace")
    assert decoded == cnpress.Decoded("ab\ufffdcd", "utf-8", ((5, b"\xff"),))


def test_a_run_of_control_characters_is_one_repair() -> None:
    # 5 MB of controls were 5 million repairs (16 s, 412 MB).
    text = "甲" + "\x00" * 1000 + "\x07\x1e" + "乙。\n\n丙\x0c\x0c丁。"
    doc = cnpress.parse(text)
    assert [b.text for b in doc.blocks] == ["甲乙。", "丙丁。"]
    assert [(r.kind, r.line, r.before) for r in doc.repairs] == [
        ("control-char", 1, "\x00" * 1000 + "\x07\x1e"),
        ("page-break", 3, "\x0c\x0c"),
    ]
    assert unaccounted(text, doc) == {}

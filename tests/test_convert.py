"""OpenCC conversion of the output: ``Options(convert=...)``, ``--convert``."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from pathlib import Path

import pytest

import cnpress
from cnpress.cli import main
from cnpress.convert import CONVERSIONS, convert_document, convert_text

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
PAGE = "这束光，以超高精度、超高效\n率，让缺陷无所遁形。\n\n本报记者 齐旭\n"


def test_clean_converts_to_traditional() -> None:
    out = cnpress.clean(PAGE, cnpress.Options(convert="s2t"))
    assert out == "這束光，以超高精度、超高效率，讓缺陷無所遁形。\n\n本報記者 齊旭\n"


def test_taiwan_phrases() -> None:
    assert convert_text("鼠标和软件", "s2twp") == "滑鼠和軟體"
    assert convert_text("鼠标和软件", "s2tw") == "鼠標和軟件"  # characters only


def test_markdown_is_converted_too() -> None:
    doc = cnpress.parse("## 数字化转型\n\n这束光，让缺陷无所遁形。")
    assert cnpress.render_markdown(doc, cnpress.Options(convert="s2t")).startswith("# 數字化轉型\n")


def test_unknown_conversion_is_refused() -> None:
    with pytest.raises(ValueError, match=r"Options\.convert"):
        cnpress.Options(convert="s2x")


def test_options_stay_picklable_and_hold_no_converter() -> None:
    options = cnpress.Options(convert="s2t")
    cnpress.clean(PAGE, options)  # the converter now exists in this process
    assert pickle.loads(pickle.dumps(options)) == options
    assert all(isinstance(getattr(options, f.name), str | bool | None) for f in fields(options))


def _clean_traditional(args: tuple[str, cnpress.Options]) -> str:
    return cnpress.clean(*args)


def test_options_reach_a_worker_process() -> None:
    # Options go to the worker by pickle; the worker builds its own converter.
    with ProcessPoolExecutor(max_workers=1) as pool:
        out = pool.submit(_clean_traditional, (PAGE, cnpress.Options(convert="s2t"))).result(timeout=120)
    assert out == cnpress.clean(PAGE, cnpress.Options(convert="s2t"))


def test_convert_document_keeps_spans_lines_and_raw() -> None:
    doc = cnpress.parse(PAGE)
    new = convert_document(doc, "s2t")
    assert [(b.kind, b.span, b.lines, b.reason, b.placement) for b in new.blocks] == [
        (b.kind, b.span, b.lines, b.reason, b.placement) for b in doc.blocks]
    assert [b.text for b in new.blocks] == ["這束光，以超高精度、超高效率，讓缺陷無所遁形。", "本報記者 齊旭"]
    byline = new.blocks[1].byline
    assert byline is not None and byline.names == ("齊旭",) and byline.raw == "本报记者 齐旭"
    assert new.repairs == doc.repairs
    assert all(b in new.blocks for a in new.articles for b in a.blocks)
    assert convert_document(doc, None) is doc


def test_every_conversion_builds() -> None:
    for config in CONVERSIONS:
        assert convert_text("汉字", config)


def test_cli_convert_keeps_spans(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["clean", "--convert", "s2t", str(page)]) == 0
    assert capsys.readouterr().out.startswith("這束光")
    assert main(["parse", "--format", "json", "--convert", "s2t", str(page)]) == 0
    converted = json.loads(capsys.readouterr().out)
    assert main(["parse", "--format", "json", str(page)]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert [b["span"] for b in converted["blocks"]] == [b["span"] for b in plain["blocks"]]
    assert converted["blocks"][0]["text"] == "這束光，以超高精度、超高效率，讓缺陷無所遁形。"
    assert main(["clean", "--convert", "x2y", str(page)]) == 2


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_round_trip_loses_only_what_opencc_does(path: Path) -> None:
    # clean --convert s2t, then clean --convert t2s, gives the seed's clean
    # text back except where OpenCC's own dictionaries are not round-trip safe
    # (001: 复→覆 twice, 燦→灿; 003: 鐄→𨱑).
    base = cnpress.clean(cnpress.read_text(path))
    back = cnpress.clean(cnpress.clean(cnpress.read_text(path), cnpress.Options(convert="s2t")),
                         cnpress.Options(convert="t2s"))
    assert back == convert_text(convert_text(base, "s2t"), "t2s")
    assert sum(a != b for a, b in zip(base, back, strict=True)) <= 3


def test_cli_explain_blocks_converts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("这束光，让缺陷无所遁形。\n", encoding="utf-8")
    assert main(["explain", "--blocks", "--convert", "s2t", str(page)]) == 0
    assert capsys.readouterr().out == "1-1\tparagraph\tmodel:end\t這束光，讓缺陷無所遁形。\n"

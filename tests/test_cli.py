"""The ``cnpress`` command line, called in-process through ``cnpress.cli.main``."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

import cnpress
import cnpress.decide
from cnpress.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000 = SEEDS / "000_925a84bfa8b6800a.txt"
SEED_004 = SEEDS / "004_14845132b57f61f4.txt"

#: Invalid in UTF-8 (0x80 is a lone continuation byte) and in GB18030
#: (0x80 is no lead byte there); no BOM.
UNDECODABLE = b"abc\x80\xffdef"

SAMPLE = "潜心 20年的“成果”。\n\n这束光，以超高精度、超高效\n率，让缺陷无所遁形。\n"


class _Stdin:
    """A stand-in for ``sys.stdin`` whose ``buffer`` holds raw bytes."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``cnpress ARGV``; return exit status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# --- clean ---------------------------------------------------------------------------


def test_clean_seed_removes_inserted_spaces(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "clean", str(SEED_000))
    assert status == 0, err
    assert "潜心20年" in out
    assert " 20年" not in out
    assert err == ""


def test_clean_matches_library(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "clean", str(SEED_004))
    assert status == 0
    assert out == cnpress.clean(cnpress.read_text(SEED_004))


def test_clean_several_files_in_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("第一篇的正文。\n", encoding="utf-8")
    b.write_text("第二篇的正文。\n", encoding="utf-8")
    status, out, _ = run(capsys, "clean", str(a), str(b))
    assert status == 0
    assert out == "第一篇的正文。\n\n第二篇的正文。\n"


def test_clean_reads_stdin_bytes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(SAMPLE.encode("utf-8")))
    status, out, err = run(capsys, "clean")
    assert status == 0, err
    assert out == cnpress.clean(SAMPLE)
    assert "潜心20年" in out


def test_clean_reads_stdin_dash_gb18030(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(SAMPLE.encode("gb18030")))
    status, out, _ = run(capsys, "clean", "-")
    assert status == 0
    assert out == cnpress.clean(SAMPLE)


class _Terminal(_Stdin):
    """A stdin that is an interactive terminal."""

    def isatty(self) -> bool:
        return True


def test_terminal_stdin_is_not_waited_on(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal(b""))
    status, out, err = run(capsys, "clean")
    assert (status, out) == (2, "")
    assert "standard input is a terminal" in err


def test_undecodable_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(UNDECODABLE))
    status, out, err = run(capsys, "clean")
    assert status == 2
    assert out == ""
    assert "<stdin>" in err and "offset 3" in err


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_clean_decodes_file_encodings(capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    if encoding == "utf-16":
        assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")  # written with a BOM
    status, out, err = run(capsys, "clean", str(path))
    assert status == 0, err
    assert out == cnpress.clean(SAMPLE)


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    status, out, err = run(capsys, "clean", str(missing))
    assert status == 2
    assert out == ""
    assert err.strip() == f"cnpress: {missing}: no such file"


def test_missing_file_among_others_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "clean", str(SEED_004), str(tmp_path / "nope.txt"))
    assert status == 2
    assert out == ""
    assert "no such file" in err


def test_directory_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "clean", str(tmp_path))
    assert status == 2
    assert err.startswith("cnpress: ") and "Traceback" not in err


def test_undecodable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(cnpress.DecodeError):  # the bytes really are undecodable
        cnpress.decode_bytes(UNDECODABLE)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(UNDECODABLE)
    status, out, err = run(capsys, "clean", str(bad))
    assert status == 2
    assert out == ""
    assert str(bad) in err
    assert "offset 3" in err
    assert "Traceback" not in err


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_path = tmp_path / "out.txt"
    status, out, _ = run(capsys, "clean", str(SEED_000), "-o", str(out_path))
    assert status == 0
    assert out == ""
    text = out_path.read_bytes().decode("utf-8")
    assert "潜心20年" in text
    assert "\r" not in text


def test_unwritable_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "clean", str(SEED_004), "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    assert (status, out) == (2, "")
    assert err.startswith("cnpress: ") and "cannot write" in err


def test_output_to_input_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    before = path.read_bytes()
    status, out, err = run(capsys, "clean", str(path), "-o", str(path))
    assert status == 2
    assert out == ""
    assert "refusing" in err and str(path) in err
    assert path.read_bytes() == before


def test_output_to_input_by_another_name_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "in.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    status, _, _ = run(capsys, "parse", "../in.txt", "-o", str(path))
    assert status == 2
    assert path.read_text(encoding="utf-8") == SAMPLE


# --- option flags ------------------------------------------------------------------


def test_spacing_flags(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("深耕工业 X射线领域 20年。\n", encoding="utf-8")
    assert run(capsys, "clean", str(path))[1] == "深耕工业X射线领域20年。\n"
    assert run(capsys, "clean", "--spacing", "spaced", str(path))[1] == "深耕工业 X 射线领域 20 年。\n"
    assert run(capsys, "clean", "--spacing", "keep", str(path))[1] == "深耕工业 X射线领域 20年。\n"


def test_keep_halfwidth(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("钢材用手就能轻易撕开?\n", encoding="utf-8")
    assert run(capsys, "clean", str(path))[1] == "钢材用手就能轻易撕开？\n"
    assert run(capsys, "clean", "--keep-halfwidth", str(path))[1] == "钢材用手就能轻易撕开?\n"


def test_bylines_and_captions_flags(capsys: pytest.CaptureFixture[str]) -> None:
    doc = cnpress.parse(cnpress.read_text(SEED_000))
    byline = doc.of_kind("byline")[0].text
    caption = doc.of_kind("caption")[0].text
    _, default, _ = run(capsys, "clean", str(SEED_000))
    _, no_bylines, _ = run(capsys, "clean", "--no-bylines", str(SEED_000))
    _, captions, _ = run(capsys, "clean", "--captions", str(SEED_000))
    assert byline in default.splitlines()
    assert byline not in no_bylines.splitlines()
    assert caption not in default.splitlines()
    assert caption in captions.splitlines()


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "clean", "--spacing", "wide", str(SEED_000))
    assert status == 2
    assert out == ""
    assert "invalid choice" in err


def test_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys)
    assert status == 2
    assert "usage:" in err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "clean" in out and "explain" in out
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out == f"cnpress {cnpress.__version__}\n"


# --- parse ---------------------------------------------------------------------------


def test_parse_jsonl_one_object_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "parse", "--format", "jsonl", str(SEED_004))
    assert status == 0
    assert out.endswith("\n")
    lines = out.splitlines()
    assert lines
    rows: list[dict[str, Any]] = [json.loads(line) for line in lines]
    assert all(isinstance(row, dict) for row in rows)
    assert all({"title", "text", "spans"} <= row.keys() for row in rows)
    assert len(rows) == len(cnpress.parse(cnpress.read_text(SEED_004)).articles)


def test_parse_json_is_the_document(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "parse", str(SEED_004))  # json is the default
    assert status == 0
    data = json.loads(out)
    doc = cnpress.parse(cnpress.read_text(SEED_004))
    assert [b["text"] for b in data["blocks"]] == [b.text for b in doc.blocks]
    assert [tuple(b["span"]) for b in data["blocks"]] == [b.span for b in doc.blocks]


@pytest.mark.parametrize(("fmt", "render"), [("text", cnpress.render_text), ("markdown", cnpress.render_markdown)])
def test_parse_text_and_markdown(capsys: pytest.CaptureFixture[str], fmt: str, render: Any) -> None:
    status, out, _ = run(capsys, "parse", "-f", fmt, str(SEED_004))
    assert status == 0
    assert out == render(cnpress.parse(cnpress.read_text(SEED_004)))


def test_parse_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "parse", "--format", "jsonl", str(tmp_path / "gone.txt"))
    assert (status, out) == (2, "")
    assert "no such file" in err


# --- explain -------------------------------------------------------------------------

_EXPLAIN_LINE = re.compile(r"^(\d+)-(\d+)\t([a-z]+)\t([^\t]+)\t([^\t]*)$")


def test_explain_blocks(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "--blocks", str(SEED_000))
    assert status == 0
    lines = out.splitlines()
    doc = cnpress.parse(cnpress.read_text(SEED_000))
    assert len(lines) == len(doc.blocks)
    kinds = {k.value for k in cnpress.BlockKind}
    for line, block in zip(lines, doc.blocks, strict=True):
        m = _EXPLAIN_LINE.match(line)
        assert m, line
        first, last = int(m.group(1)), int(m.group(2))
        assert 1 <= first <= last
        assert (first, last) == block.span
        assert m.group(3) in kinds
        assert m.group(5) == block.text


def test_explain_lines_give_every_line_its_decision(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", str(SEED_000))
    assert status == 0
    raw = cnpress.read_text(SEED_000).split("\n")
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == sum(1 for line in raw if line.strip())  # one row per non-blank line
    for no, label, probability, features, text in rows:
        assert label in cnpress.decide.LABELS
        assert 0.0 < float(probability) <= 1.0
        assert features  # the features that weighed most, with their weights
        assert raw[int(no) - 1].strip().endswith(text[-3:])


def test_explain_shows_why_a_line_is_a_heading(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("## 促转型：向“数字化”要竞争力\n\n中小企业数字化转型方案需进一步发力。\n", encoding="utf-8")
    status, out, _ = run(capsys, "explain", str(path))
    assert status == 0
    no, label, _, features, text = out.splitlines()[0].split("\t")
    assert (no, label) in (("1", "title"), ("1", "section"))
    assert "Markdown heading mark" in features  # the style's rule, not only the model, decided
    assert text == "## 促转型：向“数字化”要竞争力"


def test_explain_takes_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "explain", str(SEED_000), str(SEED_004))
    assert status == 2 and out == "" and "usage:" in err


# --- output robustness ---------------------------------------------------------------


class _ClosedPipe(io.StringIO):
    """A stdout whose reader has gone away."""

    def write(self, s: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_broken_pipe_is_quiet(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    status = main(["clean", str(SEED_000)])
    assert status == 141
    assert capsys.readouterr().err == ""

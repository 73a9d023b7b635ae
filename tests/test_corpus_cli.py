"""Corpus runs of ``cnpress clean|parse``: trees, records, failures, resume, order (issue 9)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

import cnpress
import cnpress.corpus
from cnpress.cli import main

#: Invalid in UTF-8 and in GB18030 (see test_cli.UNDECODABLE).
UNDECODABLE = b"abc\x80\xffdef"

#: Short pages, each a few wrapped lines: quick to parse.
PAGES = {
    "2024/01/p1.txt": "潜心 20年的“成果”。\n\n这束光，以超高精度、超高效\n率，让缺陷无所遁形。\n",
    "2024/01/p2.txt": "本报讯 记者齐旭报道：6月27日，工业和信\n息化部召开会议。\n",
    "2024/02/p3.txt": "·· 10\n有光，才有了人们眼中色彩斑斓的\n世界。\n",
    "p4.txt": "博 士 、教授撕开?\n",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``cnpress ARGV``; return exit status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def make_tree(root: Path, pages: dict[str, str] = PAGES) -> Path:
    for rel, text in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def make_unreadable(path: Path) -> None:
    """A file that exists and cannot be read, even by root (who ignores chmod)."""
    if os.geteuid() != 0:
        path.write_text("秘密。", encoding="utf-8")
        path.chmod(0)
    elif Path("/proc/self/mem").exists():
        path.symlink_to("/proc/self/mem")  # reading it from offset 0 fails with EIO
    else:  # pragma: no cover
        pytest.skip("no way to make an unreadable file as root here")
    with pytest.raises(OSError) as err:  # the premise of the test
        path.read_bytes()
    assert not isinstance(err.value, FileNotFoundError)


# --- the bar: a tree with an undecodable and an unreadable file ----------------------------


def test_tree_with_bad_files_writes_the_rest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree")
    (tree / "2024" / "02" / "bad.txt").write_bytes(UNDECODABLE)
    make_unreadable(tree / "2024" / "locked.txt")
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    status, stdout, err = run(capsys, "clean", "-r", str(tree), "--out-dir", str(out), "--jobs", "2",
                              "--errors", str(errors))
    assert status == 1
    assert stdout == ""
    assert files_under(out) == sorted(PAGES)  # every other file, same relative path
    for rel, text in PAGES.items():
        assert (out / rel).read_text(encoding="utf-8") == cnpress.clean(text), rel
    failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(f["path"], f["error"]) for f in failures] == [("2024/02/bad.txt", "undecodable"),
                                                           ("2024/locked.txt", "unreadable")]
    assert "offset 3" in failures[0]["message"]
    assert "Traceback" not in err
    summary = err.strip().splitlines()[-1]
    assert re.fullmatch(r"cnpress: 6 files, 0\.0 MB in [\d.]+ s \([\d.]+ MB/s\), 4 documents, \d+ articles, "
                        r"2 errors", summary), summary


def test_on_error_stop_stops_at_the_first_failure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", {"a.txt": "甲。\n", "b.txt": "乙。\n", "c.txt": "丙。\n"})
    (tree / "b.txt").write_bytes(UNDECODABLE)
    errors = tmp_path / "errors.jsonl"
    status, _, _ = run(capsys, "clean", "-r", str(tree), "--out-dir", str(tmp_path / "out"), "--jobs", "1",
                       "--on-error", "stop", "--errors", str(errors))
    assert status == 1
    assert files_under(tmp_path / "out") == ["a.txt"]
    assert len(errors.read_text(encoding="utf-8").splitlines()) == 1


def test_missing_file_in_a_corpus_run_is_recorded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", {"a.txt": "甲。\n"})
    status, out, err = run(capsys, "clean", str(tree / "a.txt"), str(tree / "gone.txt"), "--records", "documents",
                           "-j", "1")
    assert status == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in rows] == ["a.txt"]
    assert f"{tree / 'gone.txt'}: no such file" in err


# --- JSONL round trip ------------------------------------------------------------------------


RECORDS: list[dict[str, Any]] = [
    {"id": "n1", "text": PAGES["2024/01/p1.txt"], "url": "https://example.org/1", "meta": {"page": 3, "tags": ["a"]}},
    {"id": 2, "text": PAGES["2024/01/p2.txt"], "url": None, "score": 0.5},
    {"text": PAGES["p4.txt"], "lang": "zh"},
]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_round_trip_keeps_fields_and_adds_provenance(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / "out.jsonl"
    status, stdout, _ = run(capsys, "clean", "--input-format", "jsonl", str(corpus), "-o", str(out), "-j", "1")
    assert status == 0 and stdout == ""
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(RECORDS)
    for index, (row, record) in enumerate(zip(rows, RECORDS, strict=True)):
        for key, value in record.items():  # every other field passed through unchanged
            if key not in ("text", "id"):
                assert row[key] == value, key
        assert row["text"] == cnpress.clean(record["text"])
        assert row["path"] == "in.jsonl"
        assert row["record"] == index
        assert row["encoding"] is None
        assert row["chars_in"] == len(record["text"])
        assert row["chars_out"] == len(row["text"])
        doc = cnpress.parse(record["text"])
        assert row["spans"] == [list(b.span) for b in doc.blocks]
        assert row["styles"] == [{"style": s.style, "span": list(s.span)} for s in doc.styles]
    assert [r["id"] for r in rows] == ["n1", "2", "in.jsonl#2"]


def test_jsonl_articles_one_record_per_article(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "in.jsonl", RECORDS[:2])
    status, out, _ = run(capsys, "parse", "--input-format", "jsonl", "--records", "articles", str(corpus), "-j", "1")
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    expected = [(i, a) for i, r in enumerate(RECORDS[:2]) for a in cnpress.parse(r["text"]).articles]
    assert len(rows) == len(expected) >= 2
    for row, (index, article) in zip(rows, expected, strict=True):
        assert row["record"] == index and row["url"] == RECORDS[index]["url"]
        assert row["text"] == article.text and row["title"] == article.title
        assert row["spans"] == [list(b.span) for b in article.blocks]
        assert 0 < row["chars_out"] <= row["chars_in"] + 2
    assert [r["article"] for r in rows if r["record"] == 0] == list(range(sum(i == 0 for i, _ in expected)))


def test_bad_jsonl_lines_are_failures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"text": "甲。"}\nnot json\n{"body": "乙"}\n{"text": "丙。"}\n', encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    status, out, _ = run(capsys, "clean", "--input-format", "jsonl", str(corpus), "--errors", str(errors), "-j", "1")
    assert status == 1
    assert [json.loads(line)["text"] for line in out.splitlines()] == ["甲。\n", "丙。\n"]
    failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(f["record"], f["error"]) for f in failures] == [(1, "bad-record"), (2, "bad-record")]


def test_records_out_dir_mirrors_the_jsonl_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "in" / "x").mkdir(parents=True)
    write_jsonl(tmp_path / "in" / "x" / "a.jsonl", RECORDS[:1])
    write_jsonl(tmp_path / "in" / "b.jsonl", RECORDS[1:])
    status, _, _ = run(capsys, "clean", "--input-format", "jsonl", "-r", str(tmp_path / "in"),
                       "--out-dir", str(tmp_path / "out"), "-j", "1")
    assert status == 0
    assert files_under(tmp_path / "out") == ["b.jsonl", "x/a.jsonl"]
    rows = [json.loads(line) for line in (tmp_path / "out" / "b.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["path"], r["record"]) for r in rows] == [("b.jsonl", 0), ("b.jsonl", 1)]


def test_parquet_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.Table.from_pylist([{"doc": r["text"], "key": f"k{i}"} for i, r in enumerate(RECORDS)])
    pq.write_table(table, tmp_path / "in.parquet")
    status, out, _ = run(capsys, "clean", "--input-format", "parquet", "--text-field", "doc", "--id-field", "key",
                         str(tmp_path / "in.parquet"), "-j", "1")
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["doc"]) for r in rows] == [(f"k{i}", cnpress.clean(r["text"])) for i, r in enumerate(RECORDS)]


# --- order, resume, interruption ---------------------------------------------------------------


def test_jobs_2_gives_the_same_stream_as_jobs_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    texts = list(PAGES.values())
    records = [{"id": i, "text": texts[i % len(texts)] + f"第{i}段。\n"} for i in range(150)]  # three chunks
    corpus = write_jsonl(tmp_path / "in.jsonl", records)
    one = run(capsys, "clean", "--input-format", "jsonl", str(corpus), "-j", "1", "-q")
    two = run(capsys, "clean", "--input-format", "jsonl", str(corpus), "-j", "2", "-q")
    assert one[0] == two[0] == 0
    assert one[2] == two[2] == ""  # --quiet: no summary
    assert one[1] == two[1]
    assert [json.loads(line)["id"] for line in one[1].splitlines()] == [str(i) for i in range(150)]


def test_resume_skips_complete_outputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree, out = make_tree(tmp_path / "tree"), tmp_path / "out"
    assert run(capsys, "clean", "-r", str(tree), "--out-dir", str(out), "-j", "1")[0] == 0
    (out / "p4.txt").write_text("kept\n", encoding="utf-8")
    (out / "2024" / "01" / "p2.txt").unlink()
    status, _, err = run(capsys, "clean", "-r", str(tree), "--out-dir", str(out), "-j", "1", "--resume")
    assert status == 0
    assert (out / "p4.txt").read_text(encoding="utf-8") == "kept\n"  # not redone
    assert (out / "2024" / "01" / "p2.txt").read_text(encoding="utf-8") == cnpress.clean(PAGES["2024/01/p2.txt"])
    assert "1 files" in err and "3 skipped" in err
    assert not [p for p in out.rglob("*") if p.name.startswith(".cnpress-")]  # no temporary file left


def test_ctrl_c_leaves_no_partial_output(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    tree, out = make_tree(tmp_path / "tree"), tmp_path / "out"
    calls: list[str] = []
    real_parse = cnpress.corpus.parse

    def interrupted_on_the_third(text: str, *args: Any) -> cnpress.Document:
        calls.append(text)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_parse(text, *args)

    monkeypatch.setattr(cnpress.corpus, "parse", interrupted_on_the_third)
    status, _, err = run(capsys, "clean", "-r", str(tree), "--out-dir", str(out), "-j", "1")
    assert status == 130
    assert "interrupted" in err
    assert files_under(out) == ["2024/01/p1.txt", "2024/01/p2.txt"]  # the two done, nothing half-written
    calls.clear()
    status, _, _ = run(capsys, "clean", "-r", str(tree), "-o", str(tmp_path / "all.txt"), "-j", "1")
    assert status == 130
    assert not (tmp_path / "all.txt").exists()  # a stream output appears whole or not at all
    assert not [p for p in tmp_path.rglob(".cnpress-*")]


# --- inputs, outputs and refusals --------------------------------------------------------------


def test_glob_and_parse_formats_in_out_dir(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree")
    status, _, _ = run(capsys, "parse", "-f", "markdown", str(tree / "2024" / "*" / "*.txt"),
                       "--out-dir", str(tmp_path / "out"), "-j", "1")
    assert status == 0
    assert files_under(tmp_path / "out") == ["01/p1.md", "01/p2.md", "02/p3.md"]
    assert (tmp_path / "out" / "02" / "p3.md").read_text(encoding="utf-8") == cnpress.render_markdown(
        cnpress.parse(PAGES["2024/02/p3.txt"]))


def test_stream_of_text_is_what_clean_of_the_files_gives(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree")
    status, corpus_out, _ = run(capsys, "clean", "-r", str(tree), "-j", "1", "-q")
    assert status == 0
    named = sorted(str(p) for p in tree.rglob("*.txt"))
    assert run(capsys, "clean", *named)[1] == corpus_out  # same sorted order, same separators


def test_encoding_is_recorded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "gb.txt").write_bytes("中文报纸。".encode("gb18030"))
    (tmp_path / "in" / "u16.txt").write_bytes("中文报纸。".encode("utf-16"))
    status, out, _ = run(capsys, "clean", "-r", str(tmp_path / "in"), "--records", "documents", "-j", "1")
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["path"], r["encoding"], r["text"]) for r in rows] == [
        ("gb.txt", "gb18030", "中文报纸。\n"), ("u16.txt", "utf-16-le", "中文报纸。\n")]


@pytest.mark.parametrize("argv, message", [
    (["--resume"], "--resume needs --out-dir"),
    (["--out-dir", "{tree}"], "it is also an input"),
    (["-j", "0", "--out-dir", "{tmp}/o"], "--jobs must be at least 1"),
    (["--out-dir", "{tmp}/o", "-o", "{tmp}/x"], "choose one of -o and --out-dir"),
])
def test_refusals(capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str) -> None:
    tree = make_tree(tmp_path / "tree")
    args = [a.format(tree=tree, tmp=tmp_path) for a in argv]
    status, out, err = run(capsys, "clean", "-r", str(tree), *args)
    assert status == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_directory_without_r_names_the_flag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "clean", str(make_tree(tmp_path)), "--out-dir", str(tmp_path / "o"))
    assert status == 2
    assert "use -r" in err


def test_colliding_outputs_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make_tree(tmp_path / "a", {"x.txt": "甲。\n"})
    make_tree(tmp_path / "b", {"x.txt": "乙。\n"})
    status, _, err = run(capsys, "clean", str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"),
                         "--out-dir", str(tmp_path / "o"))
    assert status == 2 and "would both be written" in err


def test_progress_bar_when_asked(tmp_path: Path) -> None:
    import io

    pytest.importorskip("tqdm")
    tree = make_tree(tmp_path / "tree")
    stderr = io.StringIO()
    config = cnpress.corpus.RunConfig((str(tree),), recursive=True, out_dir=str(tmp_path / "o"), progress=True)
    summary = cnpress.corpus.run(config, stderr=stderr)
    assert (summary.files, summary.documents, summary.errors) == (4, 4, 0)
    assert "0/4 [" in stderr.getvalue()  # the bar was drawn, on the stream given


def test_outputs_have_the_mode_of_any_new_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", {"a.txt": "甲。\n"})
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")  # what the umask gives a new file
    expected = (tmp_path / "plain.txt").stat().st_mode & 0o777
    assert run(capsys, "clean", "-r", str(tree), "--out-dir", str(tmp_path / "o"), "-j", "1")[0] == 0
    assert run(capsys, "clean", "-r", str(tree), "-o", str(tmp_path / "all.txt"), "-j", "1")[0] == 0
    assert (tmp_path / "o" / "a.txt").stat().st_mode & 0o777 == expected
    assert (tmp_path / "all.txt").stat().st_mode & 0o777 == expected


def test_out_dir_inside_the_tree_is_not_read_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "tree", {"a.txt": "甲。\n"})
    for _ in range(2):  # the second run finds tree/clean/a.txt on disk: it is an output, not an input
        status, _, err = run(capsys, "clean", "-r", str(tree), "--out-dir", str(tree / "clean"), "-j", "1")
        assert status == 0 and "cnpress: 1 files" in err
    assert files_under(tree) == ["a.txt", "clean/a.txt"]


def test_line_breaks_are_read_as_read_text_reads_them(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    raw = "这束光，以超高精度、超高效\r\n率，让缺陷\r无所遁形。\u2028第二行。\n"
    (tree / "crlf.txt").write_bytes(raw.encode("utf-8"))
    status, out, _ = run(capsys, "clean", "-r", str(tree), "--records", "documents", "-j", "1")
    assert status == 0
    row = json.loads(out)
    assert row["text"] == cnpress.clean(cnpress.read_text(tree / "crlf.txt"))
    assert row["chars_in"] == len(cnpress.read_text(tree / "crlf.txt")) == len(raw) - 1  # CRLF counts once

"""The command line under faults (issue 8): its own input as output, a full
disk, a closed stdout, input too large, other encodings, runs of controls.

Each fault ends in one line on stderr, exit status 2, no traceback, and the
old output file as it was.  The faults the operating system makes
(``/dev/full``, a closed descriptor, ``/dev/zero``, ``< in.txt``) are run in a
child process, the way a user meets them; the others in-process.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import cnpress
import cnpress.cli
import cnpress.files
from cnpress.cli import main

SAMPLE = "潜心 20年的“成果”。\n\n这束光，以超高精度、超高效\n率，让缺陷无所遁形。\n"
CLEANED = "潜心20年的“成果”。\n\n这束光，以超高精度、超高效率，让缺陷无所遁形。\n"
#: Traditional Chinese, encodable in Big5 and GB18030 alike.
TRADITIONAL = "新華社北京1月11日電（記者張宿堂）\n今年以來，各地積極推進經濟發展，取得了顯著成效。\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_child(shell: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``shell`` in ``sh``, ``$CNPRESS`` standing for the command line."""
    env = {**os.environ, "PY": sys.executable}
    return subprocess.run(["sh", "-c", shell.replace("$CNPRESS", '"$PY" -m cnpress.cli')], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def one_line_error(err: str) -> str:
    """``err`` when it is one ``cnpress:`` line and no traceback."""
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cnpress: "), err
    return lines[0]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "in.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


# --- output that is an input -----------------------------------------------------------


def test_output_to_stdin_file_is_refused_in_a_shell(sample: Path) -> None:
    # The reproducer: `cnpress clean -o in.txt - < in.txt` overwrote its input.
    result = run_child('$CNPRESS clean -o in.txt - < in.txt', sample.parent)
    assert result.returncode == 2
    assert "standard input" in one_line_error(result.stderr)
    assert sample.read_text(encoding="utf-8") == SAMPLE


def test_output_to_stdin_file_is_refused(capsys: pytest.CaptureFixture[str], sample: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    with open(sample, "rb") as raw:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))
        status, out, err = run(capsys, "clean", "-o", str(sample))  # no FILE: stdin
    assert (status, out) == (2, "")
    assert "refusing" in one_line_error(err)
    assert sample.read_text(encoding="utf-8") == SAMPLE


def test_output_to_a_hard_link_of_an_input_is_refused(capsys: pytest.CaptureFixture[str], sample: Path) -> None:
    link = sample.parent / "link.txt"
    os.link(sample, link)
    status, _, err = run(capsys, "clean", str(sample), "-o", str(link))
    assert status == 2
    assert "refusing" in one_line_error(err)
    assert link.read_text(encoding="utf-8") == SAMPLE


def test_dev_null_as_output_and_stdin_is_not_refused(sample: Path) -> None:
    # Not regular files: nothing of an input can be overwritten there.
    result = run_child("$CNPRESS clean -o /dev/null in.txt < /dev/null", sample.parent)
    assert (result.returncode, result.stderr) == (0, "")


# --- writing the output file ------------------------------------------------------------


def test_output_replaces_the_old_file_whole(capsys: pytest.CaptureFixture[str], sample: Path) -> None:
    out_path = sample.parent / "out.txt"
    out_path.write_text("old text\n" * 1000, encoding="utf-8")
    out_path.chmod(0o640)
    status, out, err = run(capsys, "clean", str(sample), "-o", str(out_path))
    assert (status, out, err) == (0, "", "")
    assert out_path.read_text(encoding="utf-8") == CLEANED
    assert out_path.stat().st_mode & 0o777 == 0o640  # the old file's permissions kept
    assert sorted(p.name for p in sample.parent.iterdir()) == ["in.txt", "out.txt"]  # no temporary file left


def _failing_chunks(text: str) -> Iterator[str]:
    """Write one piece, then fail as a full disk does."""
    yield text[:5]
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_write_leaves_the_old_file(capsys: pytest.CaptureFixture[str], sample: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out_path = sample.parent / "out.txt"
    out_path.write_text("old text\n", encoding="utf-8")
    monkeypatch.setattr(cnpress.files, "_pieces", _failing_chunks)
    status, out, err = run(capsys, "clean", str(sample), "-o", str(out_path))
    assert (status, out) == (2, "")
    line = one_line_error(err)
    assert "No space left on device" in line and "unchanged" in line
    assert out_path.read_text(encoding="utf-8") == "old text\n"
    assert sorted(p.name for p in sample.parent.iterdir()) == ["in.txt", "out.txt"]


def test_a_failed_write_of_a_new_file_leaves_nothing(capsys: pytest.CaptureFixture[str], sample: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cnpress.files, "_pieces", _failing_chunks)
    status, _, err = run(capsys, "clean", str(sample), "-o", str(sample.parent / "new.txt"))
    assert status == 2
    assert "nothing written" in one_line_error(err)
    assert sorted(p.name for p in sample.parent.iterdir()) == ["in.txt"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("redirect", ["-o /dev/full", "> /dev/full"])
def test_full_disk_is_one_line_and_exit_2(sample: Path, redirect: str) -> None:
    result = run_child(f"$CNPRESS clean in.txt {redirect}", sample.parent)
    assert result.returncode == 2
    assert "No space left on device" in one_line_error(result.stderr)


# --- standard output ----------------------------------------------------------------------


def test_closed_stdout_in_a_shell(sample: Path) -> None:
    # Was exit 0 with nothing written.
    result = run_child("$CNPRESS clean in.txt >&-", sample.parent)
    assert result.returncode == 2
    assert "standard output is closed" in one_line_error(result.stderr)


def test_closed_stdout(capsys: pytest.CaptureFixture[str], sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", None)
    status = main(["clean", str(sample)])
    assert status == 2
    assert "standard output is closed" in one_line_error(capsys.readouterr().err)


class _ClosedFile(io.StringIO):
    """A stdout that was closed after the program started."""

    def write(self, s: str) -> int:
        raise ValueError("I/O operation on closed file.")


def test_stdout_closed_after_start(capsys: pytest.CaptureFixture[str], sample: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", _ClosedFile())
    status = main(["clean", str(sample)])
    assert status == 2
    assert "cannot write to standard output" in one_line_error(capsys.readouterr().err)


# --- input too large ------------------------------------------------------------------------


def test_dev_zero_is_refused_at_the_size_limit(tmp_path: Path) -> None:
    # Was a MemoryError traceback after reading until memory ran out.
    for command in ("$CNPRESS clean --max-input 2 /dev/zero", "$CNPRESS parse --max-input 2 < /dev/zero"):
        result = run_child(command, tmp_path)
        assert result.returncode == 2, command
        assert "larger than 2 MB" in one_line_error(result.stderr)


def test_input_over_the_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * ((1 << 20) + 1))
    status, out, err = run(capsys, "clean", "--max-input", "1", str(big))
    assert (status, out) == (2, "")
    assert str(big) in one_line_error(err)
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"a" * (1 << 20))
    assert run(capsys, "clean", "--max-input", "1", str(exact))[0] == 0


def test_out_of_memory_is_one_line(capsys: pytest.CaptureFixture[str], sample: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*_: object, **__: object) -> cnpress.Document:
        raise MemoryError

    monkeypatch.setattr(cnpress.cli, "parse", exhausted)
    out_path = sample.parent / "out.txt"
    status, out, err = run(capsys, "clean", str(sample), "-o", str(out_path))
    assert (status, out) == (2, "")
    assert "out of memory" in one_line_error(err)
    assert not out_path.exists()


# --- encodings ------------------------------------------------------------------------------


def test_big5_file_is_detected_and_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    status, out, _ = run(capsys, "parse", str(path))
    assert status == 0
    data = json.loads(out)
    assert data["encoding"] == "big5"
    assert "各地積極推進經濟發展" in "".join(b["text"] for b in data["blocks"])


def test_encoding_flag_forces_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    status, out, _ = run(capsys, "parse", "--encoding", "gb18030", str(path))
    assert status == 0
    assert json.loads(out)["encoding"] == "gb18030"
    status, _, err = run(capsys, "clean", "--encoding", "no-such-codec", str(path))
    assert status == 2
    assert "unknown encoding: no-such-codec" in err


def test_errors_replace_says_what_it_replaced(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("第一段文字。".encode() + b"\xff" + "第二段文字。".encode())
    assert run(capsys, "clean", str(path))[0] == 2  # strict by default
    status, out, err = run(capsys, "clean", "--decode-errors", "replace", str(path))
    assert status == 0
    assert "\ufffd" in out and "第二段文字。" in out
    assert "1 undecodable" in one_line_error(err) and "offset 18" in err

"""cnpress changes nothing process-wide (issue 8): not the garbage collector,
not jieba's logger, not the host application's logging configuration.

Each check runs in a fresh interpreter, so that jieba's dictionary is loaded
there for the first time (in this process other tests have loaded it already).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120, check=False)


def test_loading_jieba_leaves_logging_alone_and_prints_nothing() -> None:
    result = _run("""
        import logging
        import jieba
        jieba_logger = logging.getLogger("jieba")
        before = (jieba_logger.level, list(jieba_logger.handlers), logging.getLogger().level)
        import cnpress
        cnpress.parse("正文第一行，\\n第二行。")
        # a single character beside a word: fix_spacing asks jieba, which loads its dictionary
        assert cnpress.fix_spacing("摄 影报道") == "摄影报道"
        after = (jieba_logger.level, list(jieba_logger.handlers), logging.getLogger().level)
        assert before == after, (before, after)
        print("ok")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"
    assert result.stderr == ""  # jieba's "Building prefix dict ..." lines are not printed


def test_parse_leaves_the_garbage_collector_as_it_found_it() -> None:
    result = _run("""
        import gc
        import cnpress
        text = "标题\\n\\n正文第一行，\\n第二行。\\n" * 50
        gc.disable()
        cnpress.parse(text)
        assert not gc.isenabled(), "parse turned the collector back on"
        gc.enable()
        cnpress.parse(text)
        assert gc.isenabled(), "parse turned the collector off"
        print("ok")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"

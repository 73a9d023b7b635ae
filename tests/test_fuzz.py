"""A small run of the fuzz harness ``benchmarks/fuzz.py`` (issue 8).

The harness itself runs 10^5 examples once, by hand; here each of its five
strategies gets a hundred, with a fixed seed, so that CI stays quick and
repeatable.  ``clean`` is not yet idempotent on every generated text (see
the harness's report): that property is counted by the harness, and checked
here on the inputs where it is known to hold (tests/test_properties.py,
the seeds).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

HARNESS = Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz.py"
EXAMPLES = 100


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cnpress_fuzz", HARNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


fuzz = _harness()


@pytest.mark.parametrize("strategy", sorted(fuzz.STRATEGIES))
def test_fuzz_never_raises_loses_nothing_keeps_spans(strategy: str) -> None:
    tally = fuzz.Tally(show=3)
    fuzz.run(strategy, EXAMPLES, tally, seed_value=8)
    assert tally.examples[strategy] == EXAMPLES
    failed = {key: tally.samples[key] for key in tally.failures if key[1] != "not-idempotent"}
    assert failed == {}


def test_check_sees_each_kind_of_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    # The harness's checks can fail: a parse that drops a character is "lost",
    # one that raises is "exception".
    import cnpress

    real = cnpress.parse
    monkeypatch.setattr(cnpress, "parse", lambda text, options=None: real(text.replace("乙", ""), options))
    assert set(fuzz.check("甲乙丙。")) >= {"lost"}
    monkeypatch.setattr(cnpress, "parse", lambda text, options=None: 1 / 0)
    assert set(fuzz.check("甲乙丙。")) == {"exception"}

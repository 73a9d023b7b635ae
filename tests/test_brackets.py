"""Garbled brackets (渊…冤 for （…）) in running text: restored where the page shows the fault."""

from __future__ import annotations

import pytest

import cnpress
from cnpress.evaluate import unaccounted

# A page set with the broken font map: every （…） reads 渊…冤.
FAULTY = ("人民大会堂今天举行大会，纪念刘志丹同志诞辰１００周年渊１９０３年１０月出生冤。\n"
          "渊来源：经济日报冤\n"
          "他说，要发扬渊一冤艰苦奋斗、渊二冤密切联系群众的作风。\n")


def test_restored_where_the_page_shows_the_fault() -> None:
    text = cnpress.clean(FAULTY, cnpress.Options(render_bylines=True))
    assert "１００周年（１９０３年１０月出生）。" in text
    assert "（一）艰苦奋斗、（二）密切联系群众" in text
    assert "渊" not in text and "冤" not in text
    doc = cnpress.parse(FAULTY)
    assert unaccounted(FAULTY, doc) == {}
    assert sum(r.kind == "bracket" for r in doc.repairs) >= 8  # each restored bracket is logged


def test_words_with_the_characters_are_left_alone() -> None:
    text = ("他从深渊中走出，为冤案平反。渊源深厚，冤家路窄。深渊里的冤魂。\n"
            "８５岁渊１９１３年１月出生冤。\n渊一冤总则\n")
    out = cnpress.clean(text)
    assert "深渊" in out and "冤案" in out and "渊源深厚" in out and "冤家路窄" in out and "深渊里的冤魂" in out
    assert "８５岁（１９１３年１月出生）" in out


def test_one_stray_pair_on_a_clean_page_is_kept() -> None:
    text = "这是一篇正常排版的文章（来源：本报），只有一处渊一冤像是括号。\n"
    assert "渊一冤" in cnpress.clean(text)


@pytest.mark.parametrize(("mode", "restored"), [("restore", True), ("keep", False)])
def test_the_option_forces_either_way(mode: str, restored: bool) -> None:
    text = "只有一处渊一冤像是括号。\n"
    out = cnpress.clean(text, cnpress.Options(garbled_brackets=mode))
    assert ("（一）" in out) is restored


def test_a_bad_option_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="garbled_brackets"):
        cnpress.Options(garbled_brackets="sometimes")


def test_clean_is_idempotent_on_a_faulty_page() -> None:
    once = cnpress.clean(FAULTY)
    assert cnpress.clean(once) == once

"""The heading roles of the rule pass (a source of the model's features): one
example for every row of :data:`cnpress.headings.ROLE_RULES`."""

from __future__ import annotations

import pytest

from cnpress.headings import ROLE_RULES, assign_heading_roles
from cnpress.layout import DECK, LEAD_IN
from cnpress.model import Block, BlockKind

K = BlockKind
HEADLINE = "中国制造业数字化转型提速"  # too long for a column label


def _blocks(*spec: tuple[BlockKind, str] | tuple[BlockKind, str, int]) -> list[Block]:
    """Blocks two raw lines apart; a third item makes a block of that many lines."""
    out, line = [], 1
    for kind, text, *n in spec:
        lines = tuple(range(line, line + (n[0] if n else 1)))
        out.append(Block(kind, text, (lines[0], lines[-1]), "test", lines))
        line = lines[-1] + 2
    return out


# (rule, blocks, the rules that made raw lines headings, index of the heading, role)
CASES = [
    ("deck-under-title", _blocks((K.TITLE, HEADLINE), (K.TITLE, "新一代信息技术与制造业深度融合")), {3: DECK}, 1,
     K.SUBTITLE),
    ("lead-in", _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, "“点”："), (K.PARAGRAPH, "正文。")), {3: LEAD_IN}, 1,
     K.SECTION),
    ("numbered", _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, "一、提高认识"), (K.PARAGRAPH, "正文。")), {}, 1,
     K.SECTION),
    ("lead-in-prefix", _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, "促转型：向高端迈进"), (K.PARAGRAPH, "正文。")), {},
     1, K.SECTION),
    ("label-above-title", _blocks((K.TITLE, "会员成果"), (K.TITLE, HEADLINE), (K.PARAGRAPH, "正文。")), {}, 0,
     K.KICKER),
    ("followed-by-subtitle", _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, HEADLINE), (K.SUBTITLE, "——记某某")), {}, 1,
     K.TITLE),
    ("followed-by-byline", _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, HEADLINE), (K.BYLINE, "本报记者 齐旭")), {}, 1,
     K.TITLE),
    ("first-block", _blocks((K.TITLE, HEADLINE), (K.PARAGRAPH, "正文。")), {}, 0, K.TITLE),
    ("two-line-section", _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, "练就独门绝技"), (K.TITLE, "“百炼钢”化为“绕指柔”"),
                                 (K.PARAGRAPH, "正文。")), {}, 1, K.SECTION),
    ("next-to-heading", _blocks((K.TITLE, HEADLINE), (K.TITLE, "新一代信息技术与制造业深度融合"),
                                (K.PARAGRAPH, "正文。")), {}, 1, K.TITLE),
    ("after-byline", _blocks((K.PARAGRAPH, "前文。"), (K.BYLINE, "（齐旭）"), (K.TITLE, HEADLINE),
                             (K.PARAGRAPH, "正文。")), {}, 2, K.TITLE),
    ("after-source", _blocks((K.PARAGRAPH, "前文。"), (K.SOURCE, "（来源：人民日报）"), (K.TITLE, HEADLINE),
                             (K.PARAGRAPH, "正文。")), {}, 2, K.TITLE),
    ("after-furniture", _blocks((K.PARAGRAPH, "前文。"), (K.FURNITURE, "·· 10"), (K.TITLE, HEADLINE),
                                (K.PARAGRAPH, "正文。")), {}, 2, K.TITLE),
    ("three-line-headline", _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, HEADLINE, 3), (K.PARAGRAPH, "正文。")), {}, 1,
     K.TITLE),
    ("between-paragraphs", _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, HEADLINE), (K.PARAGRAPH, "正文。")), {}, 1,
     K.SECTION),
]


@pytest.mark.parametrize(("rule", "blocks", "line_rules", "at", "role"), CASES, ids=[c[0] for c in CASES])
def test_role_rule(rule: str, blocks: list[Block], line_rules: dict[int, str], at: int, role: BlockKind) -> None:
    out = assign_heading_roles(blocks, line_rules)
    assert out[at].kind is role
    assert out[at].reason == f"test:{rule}"  # the rule that decided, for display


def test_every_role_rule_has_an_example() -> None:
    assert [c[0] for c in CASES] == [r.name for r in ROLE_RULES]


def test_a_subhead_in_two_parts_is_one_section() -> None:
    blocks = _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, "练就独门绝技"), (K.TITLE, "“百炼钢”化为“绕指柔”"),
                     (K.PARAGRAPH, "正文。"))
    out = assign_heading_roles(blocks)
    assert [(b.kind, b.text, b.lines) for b in out[1:3]] == [
        (K.SECTION, "练就独门绝技 “百炼钢”化为“绕指柔”", (3, 5)), (K.PARAGRAPH, "正文。", (7,))]


def test_the_deck_and_lead_in_rules_need_the_layout_rule_on_a_line_of_the_block() -> None:
    # Without the layout's verdict the same blocks take other roles.
    deck = _blocks((K.TITLE, HEADLINE), (K.TITLE, "新一代信息技术与制造业深度融合"))
    assert assign_heading_roles(deck, {3: DECK})[1].kind is K.SUBTITLE
    assert assign_heading_roles(deck)[1].kind is K.TITLE  # next to a heading
    lead = _blocks((K.PARAGRAPH, "前文。"), (K.TITLE, "“点”："), (K.PARAGRAPH, "正文。"))
    assert assign_heading_roles(lead, {3: LEAD_IN})[1].kind is K.SECTION
    assert assign_heading_roles(lead, {1: LEAD_IN})[1].reason.endswith(":between-paragraphs")

"""A griffe extension for the docs site (mkdocs.yml): show every doctest block
of a docstring as a ``pycon`` code block.

Without it, Markdown reads ``>>>`` as nested block quotes and the examples'
lists (``[('paragraph', …)]``) as reference links.
"""

from __future__ import annotations

from typing import Any

import griffe

#: A line that opens a doctest block.
PROMPT = ">>>"


def fence_doctests(text: str) -> str:
    r"""Put every doctest block (a ``>>>`` line up to the next blank line) in a fence.

    >>> fence_doctests("Intro.\n\n>>> 1 + 1\n2\n\nMore.").split("\n")
    ['Intro.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'More.']
    """
    out: list[str] = []
    indent: str | None = None  # the indentation of the open block, if one is open
    for line in text.split("\n"):
        stripped = line.lstrip()
        if indent is None and stripped.startswith(PROMPT):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
        elif indent is not None and not stripped:
            out.append(f"{indent}```")
            indent = None
        out.append(line)
    if indent is not None:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fence the doctest blocks of every object's docstring."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)

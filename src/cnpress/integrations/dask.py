"""Dask recipes: a corpus as a ``dask.bag``, cleaned on every worker of a cluster.

Needs ``pip install 'cnpress[dask]'``.  Each worker loads jieba and the model
once (on its first text) and keeps them.

>>> import dask
>>> with dask.config.set(scheduler="sync"):
...     clean_bag(dask.bag.from_sequence(["潜心 20年。"])).compute()
['潜心20年。\\n']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import dask.bag

from ..corpus import CleanStep, RecordStep

__all__ = ["clean_bag", "records_bag"]


def clean_bag(texts: dask.bag.Bag, step: CleanStep | None = None) -> dask.bag.Bag:
    """A bag of raw texts in, a bag of their cleaned texts out (same order)."""
    bag: Any = texts  # dask's Bag methods are untyped
    return cast(dask.bag.Bag, bag.map(step or CleanStep()))


def records_bag(records: Sequence[Mapping[str, Any]], step: RecordStep | None = None,
                npartitions: int = 8) -> dask.bag.Bag:
    """A bag of output records (provenance included) for ``records``, in order:
    the records ``cnpress clean --input-format jsonl`` writes for the same
    records with the same ``RecordStep`` (``path``: the file's name).

    >>> import dask
    >>> with dask.config.set(scheduler="sync"):
    ...     [(r["id"], r["record"], r["text"]) for r in records_bag([{"id": "a", "text": "甲 1乙。"}]).compute()]
    [('a', 0, '甲1乙。\\n')]
    """
    from_sequence: Any = dask.bag.from_sequence  # untyped in dask
    pairs = from_sequence(list(enumerate(records)), npartitions=max(1, min(npartitions, len(records))))
    return cast(dask.bag.Bag, pairs.map(_records_of, step or RecordStep()).flatten())


def _records_of(pair: tuple[int, Mapping[str, Any]], step: RecordStep) -> list[dict[str, Any]]:
    index, record = pair
    return step(record, index)

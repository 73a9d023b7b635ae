"""A datatrove ``PipelineStep``: one page in, its cleaned text or its articles out.

Needs ``pip install 'cnpress[datatrove]'``.

>>> from datatrove.data import Document as Page
>>> [page.text for page in CnpressStep()([Page(text="潜心 20年。", id="p1")])]
['潜心20年。\\n']
>>> [(page.id, page.text, page.metadata["article"]) for page in
...  CnpressStep(records="articles")([Page(text="潜心 20年。", id="p1", metadata={"url": "u"})])]
[('p1/0', '潜心20年。', 0)]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from datatrove.data import Document as Page
from datatrove.pipeline.base import PipelineStep

from ..corpus import ParseStep, RecordKind, Source, article_records, document_record
from ..decide import LineModel
from ..model import Options

__all__ = ["CnpressStep"]


class CnpressStep(PipelineStep):  # type: ignore[misc]  # datatrove has no type information
    """Clean every page's text (``records="documents"``) or split it into one
    datatrove Document per article (``records="articles"``, ids ``PAGE/N``).

    The provenance of :func:`cnpress.corpus.document_record` and
    :func:`cnpress.corpus.article_records` (styles, spans, chars in and out,
    article index, title, bylines, ...) goes into the metadata, beside the
    page's own.
    """

    name = "🗞 cnpress"
    type = "✂️ - FORMAT"

    def __init__(self, options: Options | None = None, model: LineModel | None = None,
                 records: RecordKind = "documents") -> None:
        super().__init__()
        if records not in ("documents", "articles"):
            raise ValueError(f"records must be 'documents' or 'articles', not {records!r}")
        self.step = ParseStep(options or Options(), model)
        self.records = records

    def run(self, data: Iterable[Page] | None, rank: int = 0, world_size: int = 1) -> Iterator[Page]:
        """Clean or split every page of ``data``."""
        for page in data or ():
            self.stat_update("pages")
            with self.track_time():
                doc = self.step(page.text)
            source = Source(str(page.metadata.get("file_path", "")), str(page.id), chars_in=len(page.text))
            if self.records == "articles":
                for rec in article_records(doc, source, page.text.split("\n")):
                    self.stat_update("articles")
                    yield Page(text=rec.pop("text"), id=f"{page.id}/{rec['article']}",
                               metadata={**page.metadata, **_metadata(rec)})
                continue
            rec = document_record(doc, source, self.step.options)
            page.text = rec.pop("text")
            page.metadata.update(_metadata(rec))
            self.update_doc_stats(page)
            yield page


def _metadata(rec: dict[str, Any]) -> dict[str, Any]:
    """A record's fields as datatrove metadata (``path``/``id`` are the page's own)."""
    return {k: v for k, v in rec.items() if k not in ("path", "id")}

"""The engines of docs/corpus.md, each run for real on a few short pages: a Dask
cluster of two worker processes, datatrove's local executor, ``datasets.map``
with two processes, and the library's own pool.  Each is skipped when its
engine is not installed (``.ci/run`` installs them all: ``cnpress[engines]``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import cnpress
from cnpress.cli import main
from cnpress.corpus import CleanStep, ParseStep, RecordStep, iter_documents

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def page_records(count: int = 12) -> list[dict[str, Any]]:
    """Slices of seed 000 (40 raw lines each), as records with an extra field."""
    lines = cnpress.read_text(SEEDS / "000_925a84bfa8b6800a.txt").split("\n")
    return [{"id": f"s{i}", "text": "\n".join(lines[i * 40:(i + 1) * 40]), "page": i} for i in range(count)]


def cli_records(tmp_path: Path, records: list[dict[str, Any]], *extra: str) -> list[dict[str, Any]]:
    """What the serial command line writes for ``records`` (a JSONL file named in.jsonl)."""
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", "--input-format", "jsonl", str(corpus), "-o", str(out), "-j", "1", "-q", *extra]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_dask_cluster_output_is_the_serial_output(tmp_path: Path) -> None:
    dask = pytest.importorskip("dask")
    bag = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    from cnpress.integrations.dask import clean_bag, records_bag

    records = page_records(6)
    serial = cli_records(tmp_path, records)
    step = RecordStep(path="in.jsonl")
    # Forked workers start with this process's jieba and model (loaded by the
    # serial run above): seconds less than spawned ones, the same results.
    fork = {"distributed.worker.multiprocessing-method": "fork"}
    with dask.config.set(fork), distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                                         dashboard_address=None, scheduler_port=0) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        got = records_bag(records, step, npartitions=4).compute()
        texts = clean_bag(bag.from_sequence([r["text"] for r in records], npartitions=4)).compute()
    assert got == serial
    assert texts == [r["text"] for r in serial]
    assert [r["page"] for r in got] == list(range(len(records)))


def test_datatrove_local_executor(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.data import Document as Page
    from datatrove.executor import LocalPipelineExecutor

    from cnpress.integrations.datatrove import CnpressStep

    records = page_records(4)
    pages = [Page(text=r["text"], id=r["id"], metadata={"page": r["page"]}) for r in records]
    for records_kind in ("documents", "articles"):
        seen: list[Page] = []

        def collect(data: Any, rank: int = 0, world_size: int = 1, seen: list[Page] = seen) -> Any:
            for page in data:
                seen.append(page)
                yield page

        executor = LocalPipelineExecutor(pipeline=[list(pages), CnpressStep(records=records_kind), collect],
                                         tasks=1, workers=1, logging_dir=str(tmp_path / f"logs-{records_kind}"))
        executor.run()  # one worker: the pipeline runs in this process
        rows = [{"id": p.id, "text": p.text, "metadata": p.metadata} for p in seen]
        if records_kind == "documents":
            assert [r["text"] for r in rows] == [cnpress.clean(r["text"]) for r in records]
            assert [r["metadata"]["page"] for r in rows] == [0, 1, 2, 3]
            assert all(r["metadata"]["chars_in"] == len(p["text"]) for r, p in zip(rows, records, strict=True))
        else:
            articles = [(r["id"], i, a) for r in records for i, a in enumerate(cnpress.parse(r["text"]).articles)]
            assert [(r["id"], r["text"]) for r in rows] == [(f"{pid}/{i}", a.text) for pid, i, a in articles]
            assert [r["metadata"]["title"] for r in rows] == [a.title for _, _, a in articles]


def test_datasets_map_with_two_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")
    records = page_records(8)
    ds = datasets.Dataset.from_list(records)
    cleaned = ds.map(CleanStep().map_batch, batched=True, batch_size=2, num_proc=2)
    assert list(cleaned["text"]) == [cnpress.clean(r["text"]) for r in records]
    assert list(cleaned["page"]) == list(range(8)) and list(cleaned["id"]) == [r["id"] for r in records]
    assert list(cleaned["chars_in"]) == [len(r["text"]) for r in records]


def test_iter_documents_in_two_processes_is_the_serial_stream(tmp_path: Path) -> None:
    records = page_records(6)
    for i, r in enumerate(records[:3]):
        (tmp_path / f"p{i}.txt").write_text(r["text"], encoding="utf-8")
    inputs: list[Any] = [tmp_path, *records[3:]]
    serial = [(s, cnpress.to_dict(d)) for s, d in iter_documents(inputs, recursive=True)]
    pooled = [(s, cnpress.to_dict(d)) for s, d in iter_documents(inputs, recursive=True, jobs=2)]
    assert pooled == serial
    assert [s.path for s, _ in serial] == ["p0.txt", "p1.txt", "p2.txt", "<records>", "<records>", "<records>"]
    assert [d for _, d in serial] == [cnpress.to_dict(ParseStep()(r["text"])) for r in records]

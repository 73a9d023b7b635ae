"""Corpus throughput: ``cnpress clean -r tree --out-dir out`` at ``--jobs 1`` and ``--jobs 2``.

Makes FILES files of about 2 KB (slices of the seeds and of the generated dev
pages, cut at line ends) in a nested tree (``tree/d0/d3/f00345.txt``), then in
one run:

1. times the command line at ``--jobs 1`` and at ``--jobs 2`` (files/s of
   each, and the ratio: the bar is 1.6x on 2 cores);
2. checks that both runs wrote the same outputs, and that they are what
   ``cnpress.clean`` gives;
3. times ``cnpress.clean`` on the same texts in this process, and the start
   of the command (a one-file tree), and prints the per-file overhead of a
   corpus run beyond ``clean`` itself: (wall time at ``--jobs 1`` - start -
   sum of clean) / files; the bar is 200 us;
4. measures the same overhead directly, which a shared machine's noise
   does not swamp: ``corpus.run`` in this process with ``parse`` replaced by
   a look-up of Documents parsed beforehand, less ``render_text`` on them
   (see :func:`direct_overhead`);
5. as a cross-check, times what a corpus run does to a file besides
   cleaning it (read, decode, name the encoding, write by rename) in this
   process, and what creating a 2 KB file costs on this file system at all.

    python3 benchmarks/corpus.py [--files 10000] [--keep DIR] [--dir DIR] [--ratio-only]

The machine is shared on CI and developer machines alike: run it when quiet,
and read the ratio with the load average it prints.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cnpress
from cnpress import corpus

REPO = Path(__file__).resolve().parent.parent
SOURCES = [REPO / "seeds", REPO.parent / "shared" / "seeds", REPO.parent / "shared" / "pagegen" / "dev" / "seeds"]
#: Target size of one file, in UTF-8 bytes.
FILE_BYTES = 2000


def slices(count: int) -> list[str]:
    """``count`` texts of about FILE_BYTES each, cut at line ends, cycling over the sources."""
    pages = [cnpress.read_text(p) for d in SOURCES if d.is_dir() for p in sorted(d.glob("*.txt"))]
    pieces: list[str] = []
    for page in pages:
        lines, size, start = page.split("\n"), 0, 0
        for i, line in enumerate(lines):
            size += len(line.encode("utf-8")) + 1
            if size >= FILE_BYTES:
                pieces.append("\n".join(lines[start:i + 1]) + "\n")
                start, size = i + 1, 0
    if not pieces:
        sys.exit("no source pages found")
    return [pieces[i % len(pieces)] for i in range(count)]


def rel_of(i: int) -> str:
    return f"d{i // 1000}/d{i // 100 % 10}/f{i:05d}.txt"


def make_tree(root: Path, texts: list[str]) -> int:
    total = 0
    for i, text in enumerate(texts):
        path = root / rel_of(i)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def cli(tree: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall time and CPU time (user + system, every process) of one
    ``cnpress clean -r TREE --out-dir OUT --jobs N`` run."""
    cmd = [sys.executable, "-m", "cnpress.cli", "clean", "-r", str(tree), "--out-dir", str(out),
           "--jobs", str(jobs), "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def digest(root: Path, count: int) -> str:
    h = hashlib.sha256()
    for i in range(count):
        h.update((root / rel_of(i)).read_bytes())
    return h.hexdigest()


def io_only(tree: Path, out: Path, count: int) -> float:
    """Seconds per file of what a run does besides cleaning: read, decode, encoding, write by rename."""
    step = corpus.RecordStep()
    start = time.perf_counter()
    for i in range(count):
        rel = rel_of(i)
        unit = corpus._Unit(rel, str(tree / rel))
        _, text = corpus._load(unit, step)
        corpus.write_atomic(corpus.output_path(str(out), rel, ".txt"), text, durable=False, make_folder=True)
    return (time.perf_counter() - start) / count


def direct_overhead(tree: Path, out: Path, texts: list[str]) -> tuple[float, float, float]:
    """Seconds per file (wall, user CPU) that ``corpus.run`` at ``jobs=1`` spends beyond
    ``clean``, measured without subtracting two long runs (on a shared machine
    their noise is larger than the overhead): ``parse`` is replaced, for this
    measurement only, by a look-up of the Documents parsed beforehand, so the
    run does everything else for real (find the files, read, decode, name the
    encoding, render, write by rename, count); the time of ``render_text`` on
    the same Documents (part of ``clean``) is then taken off.  The third value
    is the wall time per file of the plain run, for comparison.
    """
    docs = {t: cnpress.parse(t) for t in set(texts)}
    real_parse = corpus.parse

    def parsed(text: str, options: object = None, model: object = None) -> cnpress.Document:
        return docs[text]

    corpus.parse = parsed  # type: ignore[assignment]
    try:
        w, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
        corpus.run(corpus.RunConfig((str(tree),), recursive=True, out_dir=str(out), jobs=1, quiet=True))
        run_wall, after = time.perf_counter() - w, resource.getrusage(resource.RUSAGE_SELF)
        run_cpu = after.ru_utime - before.ru_utime
        print(f"  the run with parse looked up: {run_wall:.1f} s, user CPU {run_cpu:.1f} s, "
              f"system CPU {after.ru_stime - before.ru_stime:.1f} s (the kernel's file-system work)")
    finally:
        corpus.parse = real_parse
    w, c = time.perf_counter(), time.process_time()
    for t in texts:
        cnpress.render_text(docs[t])
    render_wall, render_cpu = time.perf_counter() - w, time.process_time() - c
    n = len(texts)
    return (run_wall - render_wall) / n, (run_cpu - render_cpu) / n, render_wall / n


def _clean_all(texts: list[str]) -> int:
    return sum(len(cnpress.clean(t)) for t in texts)


def parallel_ceiling(texts: list[str]) -> float:
    """What two processes can do on this machine right now: the speed-up of
    ``clean`` on ``texts`` split over two forked processes (jieba and the
    model already loaded, no files, no pool) over the same in one process.
    The ``--jobs 2`` ratio cannot beat it."""
    import multiprocessing

    cnpress.clean(texts[0])
    start = time.perf_counter()
    _clean_all(texts)
    one = time.perf_counter() - start
    half = len(texts) // 2
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_clean_all, args=(part,)) for part in (texts[:half], texts[half:])]
    start = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return one / (time.perf_counter() - start)


def create_floor(folder: Path, count: int) -> float:
    """Seconds per file to write ``count`` 2 KB files with a plain ``open(..., "w")``
    at the run's relative paths under ``folder`` (the same nested folders):
    what the file system charges any tool for one output per input."""
    data = "x" * FILE_BYTES
    start = time.perf_counter()
    made: set[Path] = set()
    for i in range(count):
        path = folder / rel_of(i)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        with open(path, "w", encoding="utf-8") as f:
            f.write(data)
    return (time.perf_counter() - start) / count


def report_direct(tree: Path, out: Path, texts: list[str]) -> None:
    wall_o, cpu_o, render = direct_overhead(tree, out, texts)
    print(f"per-file overhead beyond clean, measured directly (parse replaced by a look-up, render_text's "
          f"{render * 1e6:.0f} us taken off): {wall_o * 1e6:.0f} us by wall time, {cpu_o * 1e6:.0f} us of it user CPU "
          f"(bar 200 us)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--keep", metavar="DIR", default=None, help="make the tree in DIR and keep it")
    parser.add_argument("--dir", metavar="DIR", default=None,
                        help="make the (temporary) tree under DIR, e.g. /dev/shm to leave the disk out")
    parser.add_argument("--ratio-only", action="store_true",
                        help="only the --jobs 1 / --jobs 2 runs and the machine's ceiling (no overhead)")
    parser.add_argument("--overhead-only", action="store_true",
                        help="only the direct overhead measurement and the cross-checks")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cnpress-corpus-bench-", dir=args.dir))
    try:
        texts = slices(args.files)
        tree = work / "tree"
        if tree.exists():
            shutil.rmtree(tree)
        size = make_tree(tree, texts)
        print(f"{args.files} files, {size / 1e6:.1f} MB ({size / args.files:.0f} B a file) in {tree}; "
              f"load average {os.getloadavg()[0]:.2f}, {corpus.default_jobs()} cores")
        for d in ("out1", "out2", "one", "outio", "outrun", "floor"):
            shutil.rmtree(work / d, ignore_errors=True)
        if args.overhead_only:
            report_direct(tree, work / "outrun", texts)
            print(f"  file handling alone: {io_only(tree, work / 'outio', args.files) * 1e6:.0f} us a file; "
                  f"a plain open(w).write of each output at the same paths: "
                  f"{create_floor(work / 'floor', args.files) * 1e6:.0f} us a file")
            return
        t1, cpu1 = cli(tree, work / "out1", 1)
        print(f"--jobs 1: {t1:7.1f} s  {args.files / t1:7.1f} files/s  (CPU {cpu1:.1f} s)")
        t2, cpu2 = cli(tree, work / "out2", 2)
        print(f"--jobs 2: {t2:7.1f} s  {args.files / t2:7.1f} files/s  (CPU {cpu2:.1f} s)  ratio {t1 / t2:.2f}x "
              f"(bar 1.6x; load average now {os.getloadavg()[0]:.2f})")
        print(f"  the machine's ceiling right now: clean() on 1,000 texts in two forked processes is "
              f"{parallel_ceiling(texts[:1000]):.2f}x one process")
        same = digest(work / "out1", args.files) == digest(work / "out2", args.files)
        print(f"outputs of --jobs 1 and --jobs 2 identical: {same}")
        if args.ratio_only:
            return

        (work / "onetree").mkdir(exist_ok=True)
        (work / "onetree" / "a.txt").write_text(texts[0], encoding="utf-8")
        starts = [cli(work / "onetree", work / "one", 1) for _ in range(3)]
        start_cost, start_cpu = min(w for w, _ in starts), min(c for _, c in starts)
        cnpress.clean(texts[0])  # jieba and the model loaded before timing
        begin, begin_cpu = time.perf_counter(), time.process_time()
        cleaned = [cnpress.clean(t) for t in texts]
        clean_s, clean_cpu = time.perf_counter() - begin, time.process_time() - begin_cpu
        right = all((work / "out1" / rel_of(i)).read_text(encoding="utf-8") == c for i, c in enumerate(cleaned))
        print(f"outputs are what cnpress.clean gives: {right}")
        overhead = (t1 - start_cost - clean_s) / args.files
        print(f"clean() in process: {clean_s:.1f} s ({clean_s / args.files * 1e3:.2f} ms a file); "
              f"command start {start_cost:.2f} s")
        overhead_cpu = (cpu1 - start_cpu - clean_cpu) / args.files
        print(f"per-file overhead beyond clean at --jobs 1: {overhead * 1e6:.0f} us by wall time, "
              f"{overhead_cpu * 1e6:.0f} us by CPU time (clean() in process: {clean_cpu:.1f} s CPU; "
              f"command start {start_cpu:.2f} s CPU) (bar 200 us)")
        report_direct(tree, work / "outrun", texts)
        print(f"  (start of the command, once a run: {start_cost:.2f} s, {start_cost / args.files * 1e6:.0f} us a file "
              f"over {args.files} files)")
        print(f"  cross-check, file handling alone (read, decode, encoding, write by rename): "
              f"{io_only(tree, work / 'outio', args.files) * 1e6:.0f} us a file")
        print(f"  a plain open(w).write of each output at the same paths: "
              f"{create_floor(work / 'floor', args.files) * 1e6:.0f} us a file (what any tool pays here)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

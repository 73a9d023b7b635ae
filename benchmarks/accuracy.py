#!/usr/bin/env python3
"""Accuracy of ``cnpress.parse`` against gold annotations, beside the 0.1 rules.

Three measurements, each printed as a table:

* **seeds**: every ``seeds/<stem>.txt`` with a ``<stem>.json`` in the gold
  directory (default ``<repo>/../shared/gold``; format in its ``GUIDE.md``),
  scored with the shipped model (which was fitted on them: marked *fitted*),
  with the hand-written rules of cnpress 0.1 (:func:`cnpress.parse_rules`),
  and with ``--loo`` by a model fitted on the same recipe without that seed
  (leave-one-out: the honest figure for a real page the model has not seen);
* **dev**: ``../shared/pagegen/dev`` pooled per extractor (the part of a
  file name after ``__``), model and rules.  Generated gold's ``cut_ends``
  and continued fragments are left out of the scores (see
  :func:`cnpress.evaluate.evaluate`);
* **properties**: on every page, whether ``clean`` is idempotent and
  whether every character is accounted for (:func:`cnpress.evaluate.unaccounted`).

With ``--check``, exit with status 1 when a bar of issue 7 is missed (dev,
per extractor, for pdftotext, pdfminer, pymupdf and pypdf; the seeds with the
shipped model; idempotence and nothing lost everywhere).

Usage::

    python benchmarks/accuracy.py [--shared DIR] [--loo] [--check] [--verbose]

This is a measurement for developers, not part of CI: the gold files live
outside the repository.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import cnpress
from cnpress.decide import LineModel, train
from cnpress.evaluate import Evaluation, evaluate, load_gold, pooled, unaccounted

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from train_model import recipe  # noqa: E402

Parser = Callable[[str], cnpress.Document]

#: Bars on dev, per extractor (issue 7).
DEV_BARS = {"paragraph-end F1": 0.95, "block kinds": 0.90, "bylines F1": 0.90, "furniture F1": 0.95,
            "article starts F1": 0.85}
DEV_BARRED = ("pdftotext", "pdfminer", "pymupdf", "pypdf")
#: Bars on the seeds, with the shipped model (issue 7).
SEED_BARS = {"paragraph-end F1": 0.97, "block kinds": 0.95, "article starts F1": 0.90}


def scores(ev: Evaluation) -> dict[str, float]:
    """The scores, by label."""
    return {
        "paragraph-end F1": ev.paragraph_ends.f1,
        "block kinds": ev.kind_accuracy,
        "bylines F1": ev.bylines.f1,
        "furniture F1": ev.furniture.f1,
        "article starts F1": ev.article_starts.f1,
    }


HEADER = f"{'':28s} {'para':>6s} {'kinds':>6s} {'byline':>6s} {'furn':>6s} {'starts':>6s}"


def row(label: str, ev: Evaluation) -> str:
    s = scores(ev)
    return f"{label:28s} " + " ".join(f"{v:6.3f}" for v in s.values())


def pages(folder: Path) -> Iterable[tuple[str, str, dict[str, object]]]:
    """``(name, text, gold)`` of a pagegen folder (``seeds/`` and ``gold/``)."""
    for g in sorted((folder / "gold").glob("*.json")):
        yield g.stem, cnpress.read_text(folder / "seeds" / f"{g.stem}.txt"), load_gold(g)


def properties(name: str, text: str, problems: list[str]) -> tuple[bool, bool]:
    """Whether ``clean`` is idempotent on ``text`` and nothing is lost."""
    once = cnpress.clean(text)
    idem = cnpress.clean(once) == once
    lost = unaccounted(text, cnpress.parse(text))
    if not idem:
        problems.append(f"{name}: clean is not idempotent")
    if lost:
        problems.append(f"{name}: unaccounted {dict(list(lost.items())[:5])}")
    return idem, not lost


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score cnpress.parse against the gold annotations.")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared/ folder")
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds", help="directory of seed .txt files")
    ap.add_argument("--loo", action="store_true", help="also fit and score a model without each seed (slow)")
    ap.add_argument("--check", action="store_true", help="exit 1 if any bar is missed")
    ap.add_argument("--verbose", "-v", action="store_true", help="list the lines behind every miss")
    args = ap.parse_args(argv)
    gold_dir, dev_dir = args.shared / "gold", args.shared / "pagegen" / "dev"
    if not gold_dir.is_dir():
        print(f"no gold directory at {gold_dir} (use --shared DIR)", file=sys.stderr)
        return 2
    failures: list[str] = []
    problems: list[str] = []
    counts = {"pages": 0, "idempotent": 0, "nothing lost": 0}

    def note(name: str, text: str) -> None:
        idem, whole = properties(name, text, problems)
        counts["pages"] += 1
        counts["idempotent"] += idem
        counts["nothing lost"] += whole

    print("== seeds (gold: shared/gold)")
    print(HEADER)
    seeds = [(s, gold_dir / f"{s.stem}.json") for s in sorted(args.seeds.glob("*.txt"))]
    for seed, gold_path in [(s, g) for s, g in seeds if g.is_file()]:
        text, gold = cnpress.read_text(seed), load_gold(gold_path)
        ev = evaluate(cnpress.parse(text), gold)
        print(row(f"{seed.stem[:3]} model (fitted)", ev))
        print(row(f"{seed.stem[:3]} rules 0.1", evaluate(cnpress.parse_rules(text), gold)))
        if args.loo:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "loo.crfsuite"
                train(recipe(args.shared, seed.stem[:3]), path)
                model = LineModel.from_file(path)
            print(row(f"{seed.stem[:3]} model, leave-one-out", evaluate(cnpress.parse(text, model=model), gold)))
        for label, bar in SEED_BARS.items():
            if scores(ev)[label] < bar:
                failures.append(f"seed {seed.stem[:3]}: {label} {scores(ev)[label]:.3f} < {bar}")
        note(seed.name, text)
        if args.verbose:
            for n, want, got in ev.kind_misses:
                print(f"  kind miss   line {n}: gold {want}, got {got}")
            for n, what in ev.end_misses:
                print(f"  end {what:<6}  line {n}")

    if dev_dir.is_dir():
        by_model: dict[str, list[Evaluation]] = defaultdict(list)
        by_rules: dict[str, list[Evaluation]] = defaultdict(list)
        for name, text, gold in pages(dev_dir):
            extractor = name.split("__")[-1]
            by_model[extractor].append(evaluate(cnpress.parse(text), gold))
            by_rules[extractor].append(evaluate(cnpress.parse_rules(text), gold))
            note(name, text)
        print("\n== shared/pagegen/dev, pooled per extractor")
        print(HEADER)
        for extractor in sorted(by_model):
            ev = pooled(by_model[extractor])
            print(row(f"{extractor} ({len(by_model[extractor])}) model", ev))
            print(row(f"{extractor} rules 0.1", pooled(by_rules[extractor])))
            if extractor in DEV_BARRED:
                for label, bar in DEV_BARS.items():
                    if scores(ev)[label] < bar:
                        failures.append(f"dev {extractor}: {label} {scores(ev)[label]:.3f} < {bar}")

    print(f"\n== properties: {counts['idempotent']} of {counts['pages']} pages idempotent, "
          f"{counts['nothing lost']} with nothing lost")
    for p in problems:
        print(f"  {p}")
    failures += problems
    if failures:
        print("\nbars missed:" if args.check else "\nbars missed (use --check to fail on them):")
        for f in failures:
            print(f"  {f}")
    else:
        print("\nall bars met")
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())

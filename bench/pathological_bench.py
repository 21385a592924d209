"""Pathological inputs: seconds per MB of text that stresses the extractor's worst cases.

    python bench/pathological_bench.py [--mb 1.0] [--only lines sentence numbers place] [--json]

Four documents, each sent through the default pipeline (``Pipeline.pipe``, so the per-document
budget of ``MARSAD_DOC_BUDGET_SECONDS`` applies as it does in the CLI, the batch and the API):

- ``lines``: ``--mb`` MB of short report lines (an attack, a town, a toll, a day on each);
- ``sentence``: ``--mb`` MB of one endless sentence (clauses joined by «و», no full stop);
- ``numbers``: 50,000 numbers (digits and number words among short phrases);
- ``place``: ``--mb`` MB of one place name repeated.

Prints, for each, the size, wall and CPU seconds, seconds per MB and the outcome (events, or the
error record: a document stopped by the budget says so). The target is ≤ 2 s/MB; the exit code is 1
when a case misses it (a budget stop counts as a miss: the document took too long).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

from marsad.document import Document
from marsad.pipeline import Pipeline

TARGET_S_PER_MB = 2.0
TOWNS = ("موبتي", "تمبكتو", "غاو", "كيدال", "دوانتزا", "منكا", "بوني", "سيغو")
DAYS = ("الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")
NUMBER_WORDS = ("ثلاثة", "خمسة", "سبعة", "عشرة", "عشرين", "مئة")


def _fill(size: int, piece: Callable[[int], str]) -> str:
    parts: list[str] = []
    total = i = 0
    while total < size:
        p = piece(i)
        parts.append(p)
        total += len(p.encode("utf-8"))
        i += 1
    return "".join(parts)


def short_lines(size: int) -> str:
    return _fill(size, lambda i: f"هاجم مسلحون قرية قرب {TOWNS[i % len(TOWNS)]} يوم {DAYS[i % len(DAYS)]} "
                                 f"وقتلوا {i % 40 + 2} مدنيين.\n")


def endless_sentence(size: int) -> str:
    return _fill(size, lambda i: f"وقتل مسلحون {NUMBER_WORDS[i % len(NUMBER_WORDS)]} جنود قرب "
                                 f"{TOWNS[i % len(TOWNS)]} ثم هاجموا قافلة ")


def numbers(count: int) -> str:
    return " ".join(f"{i} قتيلا" if i % 3 else f"{NUMBER_WORDS[i % len(NUMBER_WORDS)]} {i}" for i in range(count))


def place_repeated(size: int) -> str:
    return _fill(size, lambda _: "تمبكتو ")


def cases(mb: float) -> dict[str, str]:
    size = int(mb * 1_000_000)
    return {"lines": short_lines(size), "sentence": endless_sentence(size), "numbers": numbers(50_000),
            "place": place_repeated(size)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="size of the sized cases in MB (default 1)")
    ap.add_argument("--only", nargs="*", choices=("lines", "sentence", "numbers", "place"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    pipe = Pipeline()
    pipe(Document("warm-up", "قتل جنديان في هجوم قرب موبتي يوم الأحد.", published="2024-03-12"))
    rows = []
    missed = []
    for name, text in cases(args.mb).items():
        if args.only and name not in args.only:
            continue
        size_mb = len(text.encode("utf-8")) / 1_000_000
        doc = Document(f"pathological-{name}", text, published="2024-03-12")
        t0, c0 = time.perf_counter(), time.process_time()
        result = next(iter(pipe.pipe([doc])))
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        per_mb = seconds / size_mb
        outcome = f"{len(result.events)} events" if result.ok else f"error: {result.error.reason}"  # type: ignore[union-attr]
        rows.append({"case": name, "mb": round(size_mb, 3), "chars": len(text), "seconds": round(seconds, 2),
                     "cpu_seconds": round(cpu, 2), "s_per_mb": round(per_mb, 2), "outcome": outcome})
        if per_mb > TARGET_S_PER_MB or not result.ok:
            missed.append(name)
        if not args.json:
            print(f"{name:9} {size_mb:6.3f} MB {seconds:8.2f} s (cpu {cpu:7.2f}) {per_mb:8.2f} s/MB  {outcome}",
                  flush=True)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    line = ", ".join(f"{r['case']} {r['s_per_mb']} s/MB" for r in rows)
    print(f"pathological inputs: {line} (target ≤ {TARGET_S_PER_MB} s/MB)"
          + (f"; missed: {', '.join(missed)}" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

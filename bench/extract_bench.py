"""Extraction throughput on one core and peak memory.

    python bench/extract_bench.py [--shared ../shared] [--docs 2000]

Runs the default pipeline in this one process (one core) over the dev corpus of
``../shared`` repeated until ``--docs`` documents (the synthetic archive of bench/synth.py
when the shared folder is absent), after a warm-up that loads every lexicon and the
gazetteer. Prints articles per second and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from marsad.document import Document
from marsad.evaluate import shared_dir
from marsad.pipeline import Pipeline

TARGET_PER_SECOND = 300  # issue 9: articles per second on one core
TARGET_RSS_MB = 300  # with every learned part loaded


def corpus(shared: Path) -> tuple[str, list[Document]]:
    dev = shared / "corpus" / "dev" / "documents.jsonl"
    if dev.exists():
        from marsad.read import read_path

        return "dev corpus", [d for d in read_path(dev) if isinstance(d, Document)]
    sys.path.insert(0, str(Path(__file__).parent))
    from synth import generate  # type: ignore[import-not-found]

    return "synthetic archive", [Document(d.doc_id, d.text, published=d.published) for d in generate(200)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    source, docs = corpus(shared_dir(args.shared))
    pipe = Pipeline()
    for d in docs[:5]:  # warm-up: lexicons, gazetteer
        pipe(d)
    n = events = chars = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    while n < args.docs:
        for d in docs:
            events += len(pipe(d))
            chars += len(d.text)
            n += 1
            if n >= args.docs:
                break
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"source": source, "documents": n, "events": events, "seconds": round(seconds, 2),
              "articles_per_second": round(n / seconds, 1), "articles_per_cpu_second": round(n / cpu, 1),
              "chars_per_second": round(chars / seconds),
              "peak_rss_mb": round(peak_mb, 1)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"extraction ({source}, one core): {n} documents in {seconds:.2f} s = {n / seconds:.1f} articles/s "
              f"wall, {n / cpu:.1f} articles per CPU-second; {events} events; peak RSS {peak_mb:.0f} MB "
              f"(targets: >= {TARGET_PER_SECOND} articles/s per core, <= {TARGET_RSS_MB} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

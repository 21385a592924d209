"""Batch throughput on a synthetic archive: 1 vs 2 workers, scaling efficiency, memory per worker.

    python bench/batch_bench.py --docs 20000 --partition-size 500 [--workers 1 2] [--keep DIR]

Generates the archive with bench/synth.py, runs ``marsad.batch.run_batch`` once per worker
count into a fresh output folder, and prints a table: seconds (wall, cluster start included),
docs/s, scaling efficiency ``t1 / (n * tn)``, and the peak RSS of each worker process
(``ru_maxrss`` read inside the workers).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

from marsad.batch import BatchSummary, run_batch


def bench(archive: Path, out_root: Path, workers: list[int], partition_size: int) -> dict[int, BatchSummary]:
    results: dict[int, BatchSummary] = {}
    for n in workers:
        results[n] = run_batch([str(archive / "*.jsonl")], out_root / f"out-{n}w", workers=n,
                               partition_size=partition_size, progress=False)
        print(f"{n} worker(s): {results[n].line()}", file=sys.stderr, flush=True)
    return results


def table(results: dict[int, BatchSummary]) -> str:
    base = min(results)
    t1 = results[base].seconds * base
    rows = ["| workers | documents | events | errors | seconds | docs/s | efficiency | peak RSS per worker (MiB) |",
            "|---:|---:|---:|---:|---:|---:|---:|---|"]
    for n, s in sorted(results.items()):
        eff = t1 / (n * s.seconds) if s.seconds else 0.0
        peaks = ", ".join(f"{v / 2**20:.0f}" for v in sorted(s.worker_peak_rss.values()))
        rows.append(f"| {n} | {s.documents:,} | {s.events:,} | {s.errors:,} | {s.seconds:.1f} | "
                    f"{s.docs_per_s:,.1f} | {eff:.2f} | {peaks} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--partition-size", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="keep archive and outputs in this folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        root = args.keep or Path(tmp)
        archive = root / "archive"
        synth.write_archive(archive, args.docs, files=args.files, seed=args.seed)
        results = bench(archive, root, args.workers, args.partition_size)
    print(table(results))
    if args.json:
        base = min(results)
        t1 = results[base].seconds * base
        args.json.write_text(json.dumps({
            str(n): {"documents": s.documents, "events": s.events, "errors": s.errors, "seconds": s.seconds,
                     "docs_per_s": s.docs_per_s, "efficiency": t1 / (n * s.seconds) if s.seconds else None,
                     "peak_rss_bytes": sorted(s.worker_peak_rss.values())}
            for n, s in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

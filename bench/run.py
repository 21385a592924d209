"""``make bench``: every benchmark of the project, one after the other, with their figures.

    python bench/run.py [--shared ../shared] [--quick] [--only NAME...]   (names: extract pathological geo store
    api batch clusters watch compare html)

Each benchmark is its own script in this folder (run them alone for more options):
extraction throughput and memory (extract_bench.py), seconds per MB of pathological inputs
(pathological_bench.py: short lines, one endless sentence, 50,000 numbers, one place name repeated;
target ≤ 2 s/MB, under the per-document budget), geocoder lookups (geo_bench.py), store
ingest rate (store_bench.py), API latency under a fixed request rate (api_bench.py), the
Dask batch with 1 and 2 workers (batch_bench.py), merged events at scale — GET /clusters latency,
/aggregates time, merging 10,000 reports into a 100,000-event store (cluster_bench.py) —, the watcher from
feed poll to alerts (watch_bench.py), ``marsad compare`` against an ACLED export (compare_bench.py), and
trafilatura against read/html_main.py on five page layouts (html_extractors.py). ``--quick`` runs smaller sizes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def plan(shared: str | None, quick: bool) -> dict[str, list[str]]:
    shared_args = ["--shared", shared] if shared else []
    return {
        "extract": ["extract_bench.py", *shared_args, "--docs", "500" if quick else "2000"],
        "pathological": ["pathological_bench.py", "--mb", "0.25" if quick else "1"],
        "geo": ["geo_bench.py", "--rounds", "5" if quick else "20"],
        "store": ["store_bench.py", "--docs", "1000" if quick else "3000"],
        "api": ["api_bench.py", "--events", "20000" if quick else "100000", "--duration", "10" if quick else "20"],
        "batch": ["batch_bench.py", "--docs", "4000" if quick else "20000"],
        "clusters": ["cluster_bench.py", "--events", "20000" if quick else "100000",
                     "--reports", "2000" if quick else "10000", "--duration", "10" if quick else "20"],
        "watch": ["watch_bench.py", "--items", "300" if quick else "1000", "--processes", "2"],
        "compare": ["compare_bench.py", *(["--events", "3000", "--rows", "3000"] if quick else [])],
        "html": ["html_extractors.py", "--rounds", "50" if quick else "200"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args(argv)
    failed = []
    for name, cmd in plan(args.shared, args.quick).items():
        if args.only and name not in args.only:
            continue
        print(f"\n=== {name}: {' '.join(cmd)}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(HERE / cmd[0]), *cmd[1:]])
        print(f"=== {name}: exit {rc} in {time.perf_counter() - t0:.0f} s", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"\nbenchmarks that missed a target or failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

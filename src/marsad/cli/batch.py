"""``marsad batch``: an archive on a Dask cluster, resumable (run it again after a kill)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "batch",
        help="extract events from an archive on a Dask cluster (resumable)",
        description="Run extraction over JSON Lines archives (and other readable files) in partitions on Dask. "
        "Re-running with the same --output resumes: finished partitions are skipped.",
    )
    parser.add_argument("--input", action="append", required=True, metavar="GLOB",
                        help="input files, globs or folders (repeatable), e.g. 'archive/*.jsonl'")
    parser.add_argument("--output", type=Path, required=True,
                        help="output folder (parts/, manifest.jsonl, errors.jsonl)")
    parser.add_argument("--scheduler", default=None, help="address of a running scheduler, e.g. tcp://host:8786")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes when no --scheduler (default 2)")
    parser.add_argument("--partition-size", type=int, default=500, help="documents per partition (default 500)")
    parser.add_argument("--ingest", action="store_true", help="also load the results into the store (idempotent)")
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    parser.set_defaults(func=run)


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from marsad.batch import run_batch

    if args.workers < 1 or args.partition_size < 1:
        print("marsad batch: --workers and --partition-size must be at least 1", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminate)  # stop the local cluster cleanly; the manifest stays consistent
    try:
        summary = run_batch(
            args.input,
            args.output,
            scheduler=args.scheduler,
            workers=args.workers,
            partition_size=args.partition_size,
            ingest=args.ingest,
            progress=not args.quiet,
        )
    except (FileNotFoundError, ValueError) as exc:
        print(f"marsad batch: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:  # --ingest: the database refuses writes
        from marsad.settings import get_settings
        from marsad.store.db import explain_error

        print(f"marsad batch: {explain_error(exc, get_settings().database_url)}", file=sys.stderr)
        return 2
    except OSError as exc:  # the output folder cannot be written (permissions, a full disk, ...)
        print(f"marsad batch: cannot write {exc.filename or args.output}: {exc.strerror or exc}: "
              "name a writable --output folder", file=sys.stderr)
        return 2
    print(summary.line())
    for failure in summary.failures[:10]:
        print(f"marsad batch: partition failed (run again to retry): {failure}", file=sys.stderr)
    if len(summary.failures) > 10:
        print(f"marsad batch: ... and {len(summary.failures) - 10} more failed partitions", file=sys.stderr)
    return 1 if summary.partitions_failed else 0

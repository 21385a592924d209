"""A batch killed with SIGKILL and run again gives the same output as an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pyarrow.parquet as pq
import pytest

BAD_ROWS = (
    b'{"doc_id": "bad-type", "text": 5}\n',
    b"this is not json\n",
    b'{"doc_id": "bad-empty", "text": "   "}\n',
    b'{"doc_id": "bad-date", "text": "\xd9\x87\xd8\xac\xd9\x88\xd9\x85", "published": "1850-01-01"}\n',
)
PARTITION_SIZE = 10
DOCS = 400  # with 4 bad rows: 41 partitions; the extractor runs at ~30-40 docs/s on one worker


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, synth: ModuleType) -> Path:
    root = tmp_path_factory.mktemp("archive")
    paths = synth.write_archive(root, DOCS, files=2, seed=7)
    with paths[1].open("ab") as fh:
        for row in BAD_ROWS:
            fh.write(row)
    return root


def _batch(archive: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", "batch", "--input", str(archive / "*.jsonl"), "--output", str(out),
            "--workers", "1", "--partition-size", str(PARTITION_SIZE), "--quiet", *extra]


def _manifest(out: Path) -> list[str]:
    path = out / "manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line)["partition"] for line in path.read_text(encoding="utf-8").splitlines()]


def _snapshot(out: Path) -> dict[str, object]:
    parts = out / "parts"
    lines = sorted(line for p in parts.glob("*.jsonl") for line in p.read_text(encoding="utf-8").splitlines())
    errors = sorted((out / "errors.jsonl").read_text(encoding="utf-8").splitlines())
    rows = sum(pq.read_metadata(p).num_rows for p in parts.glob("*.parquet"))
    return {
        "files": sorted(p.name for p in parts.iterdir()),
        "lines": lines,
        "errors": errors,
        "parquet_rows": rows,
        "manifest": sorted(_manifest(out)),
    }


def test_killed_run_resumes_without_gaps_or_duplicates(archive: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    subprocess.run(_batch(archive, reference), check=True, capture_output=True, timeout=120)
    expected = _snapshot(reference)
    total = len(expected["manifest"])  # type: ignore[arg-type]
    assert total == 41
    assert len(expected["errors"]) == len(BAD_ROWS)  # type: ignore[arg-type]

    out = tmp_path / "killed"
    proc = subprocess.Popen(_batch(archive, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not _manifest(out) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        with _suppress_lookup():
            os.killpg(proc.pid, signal.SIGKILL)  # the driver's own worker processes, if any linger
    done_at_kill = _manifest(out)
    assert 0 < len(done_at_kill) < total, "the kill should land between the first and the last partition"

    resumed = subprocess.run(_batch(archive, out), check=True, capture_output=True, text=True, timeout=120)
    assert f"{len(done_at_kill)} skipped" in resumed.stdout
    got = _snapshot(out)
    assert got == expected
    assert len(set(_manifest(out))) == len(_manifest(out)) == total


class _suppress_lookup:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return exc[0] is ProcessLookupError

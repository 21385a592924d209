"""Operator errors answered in one line naming the path and the fix, never a traceback or a hang (issue 12,
items 6 and 8): FIFOs, databases that cannot be opened or written, output paths that cannot be written,
batch inputs that match nothing, and two batch runs on one output folder."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from marsad.settings import sqlite_url
from marsad.store import open_store

TIMEOUT = 120  # every command is bounded: a hang fails the test
TEXT = "قتل مسلحون خمسة جنود في كمين قرب بلدة منكا شرق مالي يوم الخميس، بحسب الجيش."


def marsad(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True,
                          timeout=TIMEOUT, cwd=cwd, env={**os.environ, **(env or {})})


def one_line_error(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode != 0, done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert "Traceback" not in done.stderr, done.stderr
    assert len(lines) == 1, done.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


# --- item 6: FIFOs ------------------------------------------------------------------------------------


def test_extract_of_a_folder_with_a_fifo_reads_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    os.mkfifo(folder / "manifest.jsonl")
    errors = tmp_path / "errors.jsonl"
    done = marsad("extract", str(folder), "--published", "2024-03-12", "--errors", str(errors),
                  "-o", str(tmp_path / "out.jsonl"))
    assert done.returncode == 0, done.stderr
    records = sorted((r["doc_id"], r["error"]) for r in map(json.loads, errors.read_text("utf-8").splitlines()))
    reason = "not a regular file (a FIFO): only regular files are read"
    assert records == [("b", reason), ("manifest", reason)]
    assert "3 documents" in done.stderr and "2 failed" in done.stderr


def test_extract_of_a_fifo_named_directly_says_what_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done = marsad("extract", str(fifo), "-o", str(tmp_path / "out.jsonl"))
    record = json.loads(done.stderr.splitlines()[0])
    assert record == {"error": "not a regular file (a FIFO): only regular files are read", "doc_id": "pipe",
                      "source": str(fifo)}


# --- item 8: databases ----------------------------------------------------------------------------------


def _docs(tmp_path: Path) -> str:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"doc_id": "op-1", "text": TEXT, "published": "2024-03-12"}, ensure_ascii=False),
                    encoding="utf-8")
    return str(path)


def _read_only_uri(tmp_path: Path) -> str:
    db = tmp_path / "ro.db"
    open_store(sqlite_url(db)).dispose()  # a database at the current schema
    return f"sqlite:///file:{db}?mode=ro&uri=true"


def _folder_missing(tmp_path: Path) -> str:
    return str(tmp_path / "no-such-folder" / "marsad.db")


def _a_folder(tmp_path: Path) -> str:
    (tmp_path / "dir.db").mkdir()
    return str(tmp_path / "dir.db")


DATABASES: list[tuple[str, Callable[[Path], str], tuple[str, ...]]] = [
    ("read-only", _read_only_uri, ("is read-only", "ro.db", "make it writable")),
    ("missing-folder", _folder_missing, ("no-such-folder", "does not exist", "mkdir -p")),
    ("a-folder", _a_folder, ("dir.db", "is a folder", "name a file")),
]


@pytest.mark.parametrize(("make", "needles"), [(m, n) for _, m, n in DATABASES], ids=[i for i, _, _ in DATABASES])
def test_ingest_into_a_database_that_cannot_be_written(tmp_path: Path, make: Callable[[Path], str],
                                                       needles: tuple[str, ...]) -> None:
    done = marsad("ingest", _docs(tmp_path), "--database", make(tmp_path), "--progress", "never")
    one_line_error(done, "marsad ingest:", *needles)
    assert done.returncode == 2


@pytest.mark.parametrize("command", ["serve", "export"])
def test_serve_and_export_with_a_database_in_a_missing_folder(tmp_path: Path, command: str) -> None:
    args = ["--port", "9"] if command == "serve" else ["--format", "jsonl"]
    done = marsad(command, "--database", _folder_missing(tmp_path), *args)
    one_line_error(done, f"marsad {command}:", "no-such-folder", "does not exist")


# --- item 8: output paths -------------------------------------------------------------------------------


def _missing_folder_file(tmp_path: Path) -> str:
    return str(tmp_path / "missing" / "x.jsonl")


def _directory(tmp_path: Path) -> str:
    (tmp_path / "a-dir").mkdir(exist_ok=True)
    return str(tmp_path / "a-dir")


@pytest.mark.parametrize("option", ["--errors", "--output"])
@pytest.mark.parametrize("make", [_missing_folder_file, _directory], ids=["missing-folder", "a-directory"])
def test_extract_with_an_unwritable_output_or_errors_path(tmp_path: Path, option: str,
                                                          make: Callable[[Path], str]) -> None:
    target = make(tmp_path)
    done = marsad("extract", _docs(tmp_path), option, target)
    one_line_error(done, "marsad extract:", option, target)
    assert done.returncode == 2


def test_batch_output_that_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("not a folder", encoding="utf-8")
    done = marsad("batch", "--input", _docs(tmp_path), "--output", str(out), "--workers", "1", "--quiet")
    one_line_error(done, "marsad batch:", str(out), "is a file, not a folder")
    assert out.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("pattern", ["nothing-here-*.jsonl", "empty-dir"])
def test_batch_input_that_matches_nothing_exits_non_zero(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "empty-dir").mkdir()
    done = marsad("batch", "--input", str(tmp_path / pattern), "--output", str(tmp_path / "out"), "--quiet")
    one_line_error(done, "marsad batch:", pattern)
    assert done.returncode == 2


def _lock_held(lock: Path) -> bool:
    if not lock.exists():
        return False
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


@pytest.mark.slow
def test_a_second_batch_on_the_same_output_folder_is_refused(tmp_path: Path) -> None:
    rows = [{"doc_id": f"b-{i}", "text": TEXT, "published": "2024-03-12"} for i in range(400)]
    archive = tmp_path / "archive.jsonl"
    archive.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "marsad.cli", "batch", "--input", str(archive), "--output", str(out),
           "--workers", "1", "--partition-size", "10", "--quiet"]
    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + TIMEOUT
        while not _lock_held(out / "batch.lock"):
            assert first.poll() is None, "the first run ended before the test saw its lock"
            assert time.monotonic() < deadline, "the first run never took the lock"
            time.sleep(0.1)
        second = marsad("batch", "--input", str(archive), "--output", str(out), "--workers", "1", "--quiet")
        one_line_error(second, "marsad batch:", str(out), "in use by another marsad batch", f"process {first.pid}")
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(timeout=TIMEOUT)
    # the first run's manifest is whole: every line a partition written once
    lines = (out / "manifest.jsonl").read_text("utf-8").splitlines() if (out / "manifest.jsonl").exists() else []
    parts = [json.loads(line)["partition"] for line in lines]
    assert len(parts) == len(set(parts))


def test_the_read_only_check_does_not_touch_a_database_that_is_fine(tmp_path: Path) -> None:
    db = tmp_path / "fine.db"
    done = marsad("ingest", _docs(tmp_path), "--database", str(db), "--progress", "never")
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (1,)

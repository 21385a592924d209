"""The output folder of a batch run, written so that a killed run can resume without gaps or duplicates.

    out/batch.json           run parameters (a resume must use the same partition size)
    out/parts/<pid>.jsonl    events of one partition (one JSON object a line)
    out/parts/<pid>.parquet  the same events, nested lists flattened to JSON strings
    out/errors.jsonl         one record per failed document: partition, doc_id, source file:line, reason
    out/manifest.jsonl       one line per finished partition, appended (and fsynced) last
    out/batch.lock           held (flock) by the run writing the folder: a second run is refused

Order of writes for a partition: part files (tmp + ``os.replace``), then its error records,
then its manifest line. On start, the manifest and the errors file are compacted: torn last
lines dropped, error records of partitions missing from the manifest removed. A partition
is done only when its manifest line and both part files exist.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.records import Event

_NESTED = ("assoc_actors", "assoc_actors1", "assoc_actors2", "claims", "seized", "destroyed", "evidence", "sources")
_INTS = ("time_precision", "geonameid", "geo_precision", "fatalities")
_FLOATS = ("latitude", "longitude")


def parquet_schema() -> pa.Schema:
    cols = []
    for f in fields(Event):
        if f.name in _INTS:
            cols.append(pa.field(f.name, pa.int64()))
        elif f.name in _FLOATS:
            cols.append(pa.field(f.name, pa.float64()))
        else:
            cols.append(pa.field(f.name, pa.string()))  # nested lists as JSON strings
    return pa.schema(cols)


def _flat(event: dict[str, Any]) -> dict[str, Any]:
    out = dict(event)
    for name in _NESTED:
        out[name] = json.dumps(out.get(name) or [], ensure_ascii=False, sort_keys=True)
    return out


def events_table(events: list[dict[str, Any]]) -> pa.Table:
    schema = parquet_schema()
    flat = [_flat(e) for e in events]
    columns = {name: [row.get(name) for row in flat] for name in schema.names}
    return pa.table(columns, schema=schema)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def _read_records(path: Path) -> list[dict[str, Any]]:
    """The complete JSON object lines of ``path``; a torn (partial) line is dropped."""
    if not path.exists():
        return []
    out: list[dict[str, Any]] = []
    with path.open("rb") as fh:
        for raw in fh:
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue
            if isinstance(record, dict):
                out.append(record)
    return out


class OutputDir:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.parts = root / "parts"
        self.manifest = root / "manifest.jsonl"
        self.errors = root / "errors.jsonl"
        self.params = root / "batch.json"
        self.lock = root / "batch.lock"

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold ``batch.lock`` in the folder for the run: a second run on the same folder is refused (an
        exclusive ``flock``, released by the system however the holder ends, even by SIGKILL)."""
        if self.root.exists() and not self.root.is_dir():
            raise ValueError(f"--output {self.root} is a file, not a folder: name a folder (created when missing)")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ValueError(f"--output {self.root}: cannot create the output folder or its lock file: "
                             f"{exc.strerror or exc}: name a writable folder") from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                raise ValueError(f"--output {self.root} is in use by another marsad batch (process {holder} holds "
                                 f"{self.lock}): wait for it to end or use another folder") from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            yield
        finally:
            os.close(fd)  # releases the lock

    def prepare(self, params: dict[str, Any]) -> set[str]:
        """Create the folder, check the run parameters, compact the logs; returns done partition ids."""
        if self.root.exists() and not self.root.is_dir():
            raise ValueError(f"--output {self.root} is a file, not a folder: name a folder (created when missing)")
        self.parts.mkdir(parents=True, exist_ok=True)
        if self.params.exists():
            old = json.loads(self.params.read_text(encoding="utf-8"))
            if old.get("partition_size") != params.get("partition_size"):
                raise ValueError(
                    f"{self.root} was written with partition size {old.get('partition_size')}; "
                    f"resume with the same size or use another output folder"
                )
        else:
            atomic_write_bytes(self.params, json.dumps(params, sort_keys=True).encode("utf-8"))
        for stale in self.parts.glob("*.tmp"):
            stale.unlink()
        done: dict[str, dict[str, Any]] = {}
        for record in _read_records(self.manifest):
            pid = record.get("partition")
            if isinstance(pid, str) and self._files_exist(pid):
                done.setdefault(pid, record)
        self._rewrite(self.manifest, done.values())
        seen: set[str] = set()
        kept = []
        for record in _read_records(self.errors):
            key = _json_line(record)
            if record.get("partition") in done and key not in seen:
                seen.add(key)
                kept.append(record)
        self._rewrite(self.errors, kept)
        return set(done)

    def _files_exist(self, pid: str) -> bool:
        return (self.parts / f"{pid}.jsonl").exists() and (self.parts / f"{pid}.parquet").exists()

    def _rewrite(self, path: Path, records: Iterable[dict[str, Any]]) -> None:
        data = "".join(_json_line(r) for r in records).encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            return
        atomic_write_bytes(path, data)

    def write_partition(self, pid: str, events: list[dict[str, Any]], errors: list[dict[str, Any]],
                        summary: dict[str, Any]) -> None:
        """Write one finished partition: part files, error records, then the manifest line."""
        jsonl = "".join(_json_line(e) for e in events).encode("utf-8")
        atomic_write_bytes(self.parts / f"{pid}.jsonl", jsonl)
        sink = pa.BufferOutputStream()
        pq.write_table(events_table(events), sink)
        atomic_write_bytes(self.parts / f"{pid}.parquet", sink.getvalue().to_pybytes())
        _fsync_dir(self.parts)
        if errors:
            self._append(self.errors, errors)
        self._append(self.manifest, [{"partition": pid, **summary}])

    def _append(self, path: Path, records: list[dict[str, Any]]) -> None:
        with path.open("ab") as fh:
            fh.write("".join(_json_line(r) for r in records).encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())

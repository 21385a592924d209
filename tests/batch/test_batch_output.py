"""The output folder: atomic part files, manifest and errors compaction, redoing unfinished partitions."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pyarrow.parquet as pq
import pytest

from marsad.batch import run_batch
from marsad.batch.output import OutputDir
from marsad.batch.partition import expand_inputs, plan_partitions
from marsad.records import Claim, Event, Evidence


def _event(doc_id: str) -> dict[str, object]:
    return Event(
        doc_id,
        event_date="2021-03-02",
        event_type="Battles",
        sub_event_type="Armed clash",
        fatalities=4,
        claims=[Claim("military:mali", killed=4, quote="مقتل أربعة جنود")],
        evidence=[Evidence("trigger", 3, 9)],
    ).to_dict()


def _error(pid: str, n: int) -> dict[str, object]:
    return {"partition": pid, "doc_id": f"d{n}", "source": f"a.jsonl:{n}", "reason": "empty document"}


def test_part_files_hold_the_events_and_parquet_flattens_lists(tmp_path: Path) -> None:
    out = OutputDir(tmp_path)
    out.prepare({"partition_size": 10})
    out.write_partition("p1", [_event("a"), _event("b")], [_error("p1", 3)], {"documents": 3})
    lines = (tmp_path / "parts" / "p1.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["a", "b"]
    table = pq.read_table(tmp_path / "parts" / "p1.parquet")
    assert table.num_rows == 2
    row = table.to_pylist()[0]
    assert row["fatalities"] == 4
    assert json.loads(row["claims"])[0]["killed"] == 4
    assert json.loads(row["evidence"]) == [{"field": "trigger", "start": 3, "end": 9}]
    assert not list((tmp_path / "parts").glob("*.tmp"))


def test_empty_partition_still_gets_files_with_the_schema(tmp_path: Path) -> None:
    out = OutputDir(tmp_path)
    out.prepare({"partition_size": 10})
    out.write_partition("p0", [], [], {"documents": 5})
    assert (tmp_path / "parts" / "p0.jsonl").read_bytes() == b""
    assert "fatalities" in pq.read_schema(tmp_path / "parts" / "p0.parquet").names


def test_prepare_drops_torn_lines_and_errors_of_unfinished_partitions(tmp_path: Path) -> None:
    out = OutputDir(tmp_path)
    out.prepare({"partition_size": 10})
    out.write_partition("p1", [_event("a")], [_error("p1", 1)], {"documents": 1})
    out.write_partition("p2", [_event("b")], [_error("p2", 2)], {"documents": 1})
    # a crash: p3's errors appended but not its manifest line, then a torn manifest line
    with out.errors.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(_error("p3", 3)) + "\n" + '{"partition": "p1", "doc')
    with out.manifest.open("a", encoding="utf-8") as fh:
        fh.write('{"partition": "p3", "docu')
    (tmp_path / "parts" / "p3.jsonl.tmp").write_text("half", encoding="utf-8")
    done = out.prepare({"partition_size": 10})
    assert done == {"p1", "p2"}
    assert [json.loads(line)["partition"] for line in out.manifest.read_text().splitlines()] == ["p1", "p2"]
    assert [json.loads(line)["doc_id"] for line in out.errors.read_text().splitlines()] == ["d1", "d2"]
    assert not list((tmp_path / "parts").glob("*.tmp"))


def test_manifest_line_without_part_files_is_not_done(tmp_path: Path) -> None:
    out = OutputDir(tmp_path)
    out.prepare({"partition_size": 10})
    out.write_partition("p1", [_event("a")], [_error("p1", 1)], {"documents": 1})
    (tmp_path / "parts" / "p1.parquet").unlink()
    assert out.prepare({"partition_size": 10}) == set()
    assert out.errors.read_text() == ""


def test_resume_with_another_partition_size_is_refused(tmp_path: Path) -> None:
    OutputDir(tmp_path).prepare({"partition_size": 10})
    with pytest.raises(ValueError, match="partition size 10"):
        OutputDir(tmp_path).prepare({"partition_size": 20})


def test_partition_ids_are_deterministic_and_cover_every_line(tmp_path: Path, synth: ModuleType) -> None:
    synth.write_archive(tmp_path, 95, files=2, seed=3)
    first = plan_partitions(expand_inputs([str(tmp_path / "*.jsonl")]), 10)
    again = plan_partitions(expand_inputs([str(tmp_path)]), 10)
    assert [p.pid for p in first] == [p.pid for p in again]
    assert len({p.pid for p in first}) == len(first) == 10
    assert sum(p.size for p in first) == 95


def test_partition_written_but_not_in_manifest_is_redone(tmp_path: Path, synth: ModuleType) -> None:
    archive = tmp_path / "archive"
    synth.write_archive(archive, 60, files=1, seed=5)
    with (archive / "synth-000.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"doc_id": "broken", "text": null}\n')
    out = tmp_path / "out"
    first = run_batch([str(archive / "*.jsonl")], out, workers=1, partition_size=20, progress=False)
    assert (first.partitions, first.partitions_done, first.documents, first.errors) == (4, 4, 61, 1)
    reference = {p.name: p.read_bytes() for p in (out / "parts").iterdir()}
    manifest = out / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    victim = json.loads(lines[-1])["partition"]  # the partition holding the broken row
    manifest.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    (out / "parts" / f"{victim}.jsonl").write_text('{"doc_id": "stale"}\n', encoding="utf-8")

    second = run_batch([str(archive / "*.jsonl")], out, workers=1, partition_size=20, progress=False)
    assert (second.partitions_skipped, second.partitions_done, second.errors) == (3, 1, 1)
    assert {p.name: p.read_bytes() for p in (out / "parts").iterdir()} == reference
    pids = [json.loads(line)["partition"] for line in manifest.read_text(encoding="utf-8").splitlines()]
    assert sorted(pids) == sorted(set(pids)) and len(pids) == 4
    errors = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(errors) == 1 and json.loads(errors[0])["doc_id"] == "broken"

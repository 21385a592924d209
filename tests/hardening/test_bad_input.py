"""Every entry point gets the same bad inputs (cases.py): a clear error naming the document and the
reason, or normal processing for valid-but-odd input, and the other documents of the batch still pass.

Each entry point runs once over all cases together (one batch), then each (entry point, case)
pair is checked on its own.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cases import ALL, CASES, GOOD, Case

from marsad.document import Document, DocumentError
from marsad.pipeline import Pipeline, extract
from marsad.read import read_stream

KNOWN_GAPS: dict[tuple[str, str], str] = {}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an entry point did with one document of a case: its error (None when processed) and its label."""

    error: str | None
    label: str  # doc_id, source, whatever names the document in the error


Outcomes = dict[str, list[Outcome]]


def _write_files(root: Path, cases: tuple[Case, ...] = ALL) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in cases:
        path = root / case.filename
        path.write_bytes(case.data)
        paths.append(path)
    return paths


def _owner(label: str) -> str | None:
    """The case a document label belongs to (labels carry the case's file name or doc_id)."""
    for case in sorted(ALL, key=lambda c: -len(c.name)):
        if case.filename in label or case.name in label:
            return case.name
    return None


def _group(pairs: list[tuple[str | None, str]]) -> Outcomes:
    out: Outcomes = {}
    for error, label in pairs:
        owner = _owner(label)
        if owner is not None:
            out.setdefault(owner, []).append(Outcome(error, label))
    return out


# -- entry points ----------------------------------------------------------------------------------


def run_library(tmp: Path) -> Outcomes:
    items = [item for case in ALL for item in read_stream(io.BytesIO(case.data), name=case.filename, fmt=case.suffix)]
    pairs = []
    for res in Pipeline().pipe(items):
        if res.error is not None:
            pairs.append((res.error.reason, f"{res.error.doc_id} {res.error.source}"))
        else:
            assert res.document is not None
            pairs.append((None, f"{res.doc_id} {res.document.source}"))
    return _group(pairs)


def _cli(*args: str, stdin: bytes | None = None, tmp: Path) -> Outcomes:
    errors = tmp / "cli-errors.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "extract", *args, "--output", str(tmp / "cli-out.jsonl"),
         "--errors", str(errors), "--progress", "never"],
        input=stdin, capture_output=True, timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")[-2000:]
    assert "Traceback" not in proc.stderr.decode("utf-8", "replace")
    for line in (tmp / "cli-out.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)  # the output stays valid JSON Lines
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    pairs: list[tuple[str | None, str]] = [(r["error"], f"{r['doc_id']} {r.get('source')}") for r in records]
    failed = {_owner(label) for _, label in pairs}
    # a case with no error record was processed: the summary line counts it among the documents
    pairs.extend((None, case.filename) for case in ALL if case.name not in failed)
    return _group(pairs)


def run_cli_files(tmp: Path) -> Outcomes:
    if importlib.util.find_spec("marsad.cli.extract") is None:
        pytest.skip("marsad extract is not built yet")
    return _cli(*map(str, _write_files(tmp / "files")), tmp=tmp)


def run_cli_stdin(tmp: Path) -> Outcomes:
    if importlib.util.find_spec("marsad.cli.extract") is None:
        pytest.skip("marsad extract is not built yet")
    rows = [c for c in CASES if c.suffix == "jsonl"]
    good = json.dumps({"doc_id": GOOD.name, "text": GOOD.data.decode("utf-8")}, ensure_ascii=False).encode() + b"\n"
    stdin = b"".join(c.data if c.data.endswith(b"\n") else c.data + b"\n" for c in rows) + good
    return _cli("-", stdin=stdin, tmp=tmp)


def run_batch_entry(tmp: Path) -> Outcomes:
    from marsad.batch import run_batch

    out = tmp / "batch-out"
    summary = run_batch([str(tmp / "files")] if (tmp / "files").exists() else [str(p.parent) for p in
                        _write_files(tmp / "files")][:1], out, workers=1, partition_size=4, progress=False)
    assert summary.partitions_failed == 0, summary.failures
    assert summary.documents == len(ALL)
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    pairs: list[tuple[str | None, str]] = [(r["reason"], f"{r['doc_id']} {r['source']}") for r in records]
    failed = {_owner(label) for _, label in pairs}
    pairs.extend((None, case.filename) for case in ALL if case.name not in failed)
    return _group(pairs)


ENTRY_POINTS: dict[str, Callable[[Path], Outcomes]] = {
    "library": run_library,
    "cli-files": run_cli_files,
    "cli-stdin": run_cli_stdin,
    "batch": run_batch_entry,
}
_CACHE: dict[str, Outcomes] = {}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bad-input")


def outcomes(entry: str, workdir: Path) -> Outcomes:
    if entry not in _CACHE:
        _CACHE[entry] = ENTRY_POINTS[entry](workdir / entry)
    return _CACHE[entry]


def _cases_for(entry: str) -> list[Case]:
    return [c for c in ALL if c.suffix == "jsonl" or c is GOOD] if entry == "cli-stdin" else list(ALL)


@pytest.mark.parametrize(
    ("entry", "case"),
    [pytest.param(e, c, id=f"{e}-{c.name}") for e in ENTRY_POINTS for c in _cases_for(e)],
)
def test_entry_point_handles_case(entry: str, case: Case, workdir: Path) -> None:
    gap = KNOWN_GAPS.get((entry, case.name)) or KNOWN_GAPS.get(("*", case.name))
    if gap:
        pytest.xfail(gap)
    got = outcomes(entry, workdir).get(case.name, [])
    assert got, f"{case.name}: no result at all (the document was lost)"
    if case.expect is None:
        assert all(o.error is None for o in got), f"{case.name} should be processed: {got}"
    else:
        assert any(o.error is not None and case.expect in o.error.lower() for o in got), (
            f"{case.name}: expected an error containing {case.expect!r}, got {got}")


def test_library_html_drops_scripts() -> None:
    case = next(c for c in CASES if c.name == "html-scripts")
    (doc,) = list(read_stream(io.BytesIO(case.data), name=case.filename, fmt="html"))
    assert isinstance(doc, Document)
    assert "alert" not in doc.text and "مئة جندي" not in doc.text and "نص مدسوس" not in doc.text
    assert "تيلابيري" in doc.text


def test_library_cp1256_is_read_as_arabic() -> None:
    case = next(c for c in CASES if c.name == "cp1256")
    (doc,) = list(read_stream(io.BytesIO(case.data), name=case.filename, fmt="txt"))
    assert isinstance(doc, Document)
    assert doc.text == case.data.decode("cp1256")


@pytest.mark.parametrize("case", [c for c in ALL if c.suffix != "jsonl"], ids=lambda c: c.name)
def test_extract_returns_events_or_a_document_error(case: Case) -> None:
    """``extract`` on a document built from the raw text: a list, or DocumentError naming the document."""
    text = case.data.decode("utf-8", errors="replace")
    try:
        events = extract(Document(case.name, text, published="2024-02-10"))
    except DocumentError as exc:
        assert exc.doc_id == case.name and exc.reason
    else:
        assert isinstance(events, list)
        for event in events:
            for ev in event.evidence:
                assert 0 <= ev.start < ev.end <= len(text)

"""Every entry point gets the same bad inputs (cases.py): a clear error naming the document and the
reason, or normal processing for valid-but-odd input, and the other documents of the batch still pass.

Each entry point runs once over all cases together (one batch), then each (entry point, case)
pair is checked on its own.
"""

from __future__ import annotations

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

# gaps found by this suite in other modules: (entry, case) -> reason; each becomes a strict xfail so that
# a fix turns it into a failure until the entry is removed (all fixed so far)
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
    pairs: list[tuple[str | None, str]] = []
    for res in Pipeline().pipe(items):
        if res.error is not None:
            pairs.append((res.error.reason, f"{res.error.doc_id} {res.error.source}"))
        else:
            assert res.document is not None
            pairs.append((None, f"{res.doc_id} {res.document.source}"))
    return _group(pairs)


def _cli(*args: str, stdin: bytes | None = None, tmp: Path, lines: list[Case] | None = None) -> Outcomes:
    """Run ``marsad extract``; ``lines`` names the case of each stdin line (errors say ``stdin:N``)."""
    errors = tmp / "cli-errors.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "extract", *args, "--output", str(tmp / "cli-out.jsonl"),
         "--errors", str(errors), "--progress", "never"],
        input=stdin, capture_output=True, timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")[-2000:]
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr[-3000:]
    for line in (tmp / "cli-out.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)  # the output stays valid JSON Lines
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    pairs: list[tuple[str | None, str]] = [(r["error"], _stdin_label(r, lines)) for r in records]
    failed = {_owner(label) for _, label in pairs}
    # a case with no error record was processed: the summary line counts it among the documents
    pairs.extend((None, case.filename) for case in (lines or ALL) if case.name not in failed)
    return _group(pairs)


def _stdin_label(record: dict[str, str], lines: list[Case] | None) -> str:
    label = f"{record['doc_id']} {record.get('source')}"
    source = record.get("source") or ""
    if lines is not None and source.startswith("stdin:"):
        label += " " + lines[int(source.split(":")[1]) - 1].name
    return label


def run_cli_files(tmp: Path) -> Outcomes:
    return _cli(*map(str, _write_files(tmp / "files")), tmp=tmp)


def run_cli_stdin(tmp: Path) -> Outcomes:
    rows = [c for c in CASES if c.suffix == "jsonl"]
    good = json.dumps({"doc_id": GOOD.name, "text": GOOD.data.decode("utf-8")}, ensure_ascii=False).encode() + b"\n"
    stdin = b"".join(c.data if c.data.endswith(b"\n") else c.data + b"\n" for c in rows) + good
    return _cli("-", stdin=stdin, tmp=tmp, lines=[*rows, GOOD])


def run_batch_entry(tmp: Path) -> Outcomes:
    from marsad.batch import run_batch

    out = tmp / "batch-out"
    _write_files(tmp / "files")
    summary = run_batch([str(tmp / "files" / "*")], out, workers=1, partition_size=4, progress=False)
    assert summary.partitions_failed == 0, summary.failures
    assert summary.documents == len(ALL)
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    pairs: list[tuple[str | None, str]] = [(r["reason"], f"{r['doc_id']} {r['source']}") for r in records]
    failed = {_owner(label) for _, label in pairs}
    pairs.extend((None, case.filename) for case in ALL if case.name not in failed)
    return _group(pairs)


def run_api(tmp: Path) -> Outcomes:
    """POST /documents once per case (JSON is the API's only format: undecodable bytes go as the raw body)."""
    from fastapi.testclient import TestClient

    from marsad.api.app import create_app
    from marsad.settings import Settings

    key = "bad-input-key"
    settings = Settings(database_url=f"sqlite:///{tmp / 'api.db'}", db_path=str(tmp / "api.db"), api_key=key)
    pairs: list[tuple[str | None, str]] = []
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        for case in ALL:
            if case.suffix == "jsonl":
                body = case.data
            else:
                try:
                    body = json.dumps({"doc_id": case.name, "text": case.data.decode("utf-8")}).encode("utf-8")
                except UnicodeDecodeError:
                    body = case.data
            resp = client.post("/documents", content=body,
                               headers={"X-API-Key": key, "Content-Type": "application/json"})
            assert resp.status_code < 500, (case.name, resp.status_code, resp.text[:500])
            if resp.status_code == 201:
                pairs.append((None, case.name))
            else:
                err = resp.json()["error"]
                assert set(err) == {"status", "code", "message", "details"}
                pairs.append((json.dumps(err, ensure_ascii=False), case.name))
    return _group(pairs)


ENTRY_POINTS: dict[str, Callable[[Path], Outcomes]] = {
    "library": run_library,
    "cli-files": run_cli_files,
    "cli-stdin": run_cli_stdin,
    "batch": run_batch_entry,
    "api": run_api,
}
_CACHE: dict[str, Outcomes] = {}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bad-input")


_FAILED: dict[str, BaseException] = {}


def outcomes(entry: str, workdir: Path) -> Outcomes:
    """Each entry point runs once for all its cases; a failure of the run fails every case (once computed)."""
    if entry in _FAILED:
        raise _FAILED[entry]
    if entry not in _CACHE:
        try:
            (workdir / entry).mkdir(parents=True, exist_ok=True)
            _CACHE[entry] = ENTRY_POINTS[entry](workdir / entry)
        except (AssertionError, OSError, subprocess.SubprocessError) as exc:
            _FAILED[entry] = exc
            raise
    return _CACHE[entry]


def _cases_for(entry: str) -> list[Case]:
    return [c for c in ALL if c.suffix == "jsonl" or c is GOOD] if entry == "cli-stdin" else list(ALL)


@pytest.mark.parametrize(
    ("entry", "case"),
    [pytest.param(e, c, id=f"{e}-{c.name}") for e in ENTRY_POINTS for c in _cases_for(e)],
)
def test_entry_point_handles_case(entry: str, case: Case, workdir: Path, request: pytest.FixtureRequest) -> None:
    gap = KNOWN_GAPS.get((entry, case.name))
    if gap:
        request.applymarker(pytest.mark.xfail(strict=True, reason=gap))
    got = outcomes(entry, workdir).get(case.name, [])
    assert got, f"{case.name}: no result at all (the document was lost)"
    expect = case.api_expect if entry == "api" else case.expect
    if expect is None:
        assert all(o.error is None for o in got), f"{case.name} should be processed: {got}"
    else:
        assert any(o.error is not None and expect in o.error.lower() for o in got), (
            f"{case.name}: expected an error containing {expect!r}, got {got}")


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

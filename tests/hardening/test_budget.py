"""The hard time budget per document (issue 12, item 1): a document that overruns becomes an error record
naming it and "exceeded the processing budget of N s", never a hang, and the next document goes on; in
the library (every kind of runaway stage, several threads), the CLI, the batch and the API."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad import budget
from marsad.analysis import AnalysedDoc
from marsad.api.app import create_app
from marsad.budget import BudgetExceeded, run_with_budget
from marsad.document import Document
from marsad.pipeline import Pipeline
from marsad.settings import Settings, sqlite_url
from marsad.store import open_store

RUNAWAY_CAP = 60.0  # a runaway stage gives up after this long, so a broken budget fails the test, not hangs it
BUDGET = 0.3
REASON = f"exceeded the processing budget of {BUDGET:g} s"


def _spin(_: AnalysedDoc) -> None:  # a pure Python loop that never checks
    start = time.monotonic()
    while time.monotonic() - start < RUNAWAY_CAP:
        pass


def _checking(_: AnalysedDoc) -> None:  # a loop that calls the cooperative check
    start = time.monotonic()
    while time.monotonic() - start < RUNAWAY_CAP:
        budget.check()


def _sleeping(_: AnalysedDoc) -> None:  # short C calls (sleep) in a loop
    start = time.monotonic()
    while time.monotonic() - start < RUNAWAY_CAP:
        time.sleep(0.01)


def _swallowing(_: AnalysedDoc) -> None:  # a stage that catches every Exception it sees
    start = time.monotonic()
    while time.monotonic() - start < RUNAWAY_CAP:
        try:
            sum(range(1000))
        except Exception:  # the point: a broad except must not swallow the budget
            continue


class Stage:
    def __init__(self, fn: object) -> None:
        self.name = getattr(fn, "__name__", "stage")
        self.fn = fn

    def process(self, doc: AnalysedDoc) -> None:
        if "runaway" in doc.document.doc_id:
            self.fn(doc)  # type: ignore[operator]


def _doc(doc_id: str) -> Document:
    return Document(doc_id, "قتل مسلحون ثلاثة جنود قرب موبتي يوم الأحد.", published="2024-03-12")


@pytest.mark.parametrize("runaway", [_spin, _checking, _sleeping, _swallowing],
                         ids=["python-loop", "cooperative-check", "sleeping", "broad-except"])
def test_a_runaway_document_becomes_an_error_and_the_batch_goes_on(runaway: object) -> None:
    pipe = Pipeline([Stage(runaway)], budget_seconds=BUDGET)
    results = list(pipe.pipe([_doc("before"), _doc("runaway-1"), _doc("after")]))
    assert [r.doc_id for r in results] == ["before", "runaway-1", "after"]
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error is not None and results[1].error.reason == REASON


def test_documents_in_several_threads_are_stopped_each_in_its_own_thread() -> None:
    pipe = Pipeline([Stage(_spin)], budget_seconds=BUDGET)
    outcomes: dict[int, list[tuple[str, bool]]] = {}

    def work(n: int) -> None:
        results = pipe.pipe([_doc(f"runaway-{n}"), _doc(f"fine-{n}")])
        outcomes[n] = [(r.doc_id, r.ok) for r in results]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=RUNAWAY_CAP * 2)
    assert outcomes == {n: [(f"runaway-{n}", False), (f"fine-{n}", True)] for n in range(4)}


def test_a_document_that_ends_in_time_leaves_no_interrupt_behind() -> None:
    # many documents finishing close to a tiny budget: an interrupt fired too late must never escape
    # into the caller's code after the document is done
    escaped = 0
    for i in range(300):
        try:
            with contextlib.suppress(BudgetExceeded):
                run_with_budget(lambda: sum(range(20_000)), f"d{i}", 0.001)
            for _ in range(2_000):  # bytecodes after the document, where a stray interrupt would land
                pass
        except BaseException:  # counting any stray exception is the test
            escaped += 1
    assert escaped == 0


def test_no_budget_when_none() -> None:
    assert run_with_budget(lambda: 42, "d", None) == 42
    assert budget.remaining() is None
    budget.check()  # outside a budget: a no-op


# --- the entry points, with the real extractor and a budget far below what a long document needs ----------

LONG_TEXT = "\n".join(f"هاجم مسلحون قرية قرب موبتي يوم الأحد وقتلوا {n} مدنيين." for n in range(2, 1500))
TINY = "0.001"


def _cli(*args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **env})


def test_cli_extract_reports_the_document_over_budget(tmp_path: Path) -> None:
    rows = [{"doc_id": "long-1", "text": LONG_TEXT, "published": "2024-03-12"}]
    (tmp_path / "docs.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    errors = tmp_path / "errors.jsonl"
    done = _cli("extract", str(tmp_path / "docs.jsonl"), "--errors", str(errors), "-o", str(tmp_path / "out.jsonl"),
                env={"MARSAD_DOC_BUDGET_SECONDS": TINY})
    records = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    assert records == [{"error": f"exceeded the processing budget of {float(TINY):g} s", "doc_id": "long-1",
                        "source": f"{tmp_path / 'docs.jsonl'}:1"}]
    assert done.returncode == 1  # every document failed


@pytest.mark.slow
def test_batch_reports_the_document_over_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.batch import run_batch
    from marsad.settings import get_settings

    rows = [{"doc_id": "long-1", "text": LONG_TEXT, "published": "2024-03-12"},
            {"doc_id": "short-1", "text": "قتل جندي.", "published": "2024-03-12"}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    monkeypatch.setenv("MARSAD_DOC_BUDGET_SECONDS", "0.05")
    get_settings.cache_clear()
    try:
        summary = run_batch([str(tmp_path / "in.jsonl")], tmp_path / "out", workers=1, partition_size=10,
                            progress=False)
    finally:
        get_settings.cache_clear()
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text("utf-8").splitlines()]
    assert (summary.documents, summary.errors, summary.partitions_failed) == (2, 1, 0)
    assert [(e["doc_id"], e["reason"]) for e in errors] == [("long-1", "exceeded the processing budget of 0.05 s")]


def test_api_answers_422_for_the_document_over_budget(tmp_path: Path) -> None:
    settings = Settings(database_url=sqlite_url(tmp_path / "b.db"), api_key="k", doc_budget_seconds=float(TINY))
    store = open_store(settings)
    try:
        with TestClient(create_app(settings, store=store), raise_server_exceptions=False) as client:
            res = client.post("/documents", headers={"X-API-Key": "k"},
                              json={"doc_id": "long-1", "text": LONG_TEXT, "published": "2024-03-12"})
            missing = client.get("/documents/long-1")
    finally:
        store.dispose()
    assert res.status_code == 422
    err = res.json()["error"]
    assert err["code"] == "budget_exceeded"
    assert "long-1" in err["message"] and f"exceeded the processing budget of {float(TINY):g} s" in err["message"]
    assert missing.status_code == 404  # nothing stored

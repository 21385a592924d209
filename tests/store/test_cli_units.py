"""``marsad export --unit/--format aggregates-csv/gold`` and ``marsad extract --format acled-csv`` write
merged events; the CLI's filter names are the API's; a missing database file is an error."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from marsad.cli import glue_negative_values, main
from marsad.document import Document
from marsad.records import Event
from marsad.store import ingest
from marsad.store.db import Store

TEXT_B = "هاجم مسلحون من جماعة نصرة الإسلام معسكرا في بوني وقتلوا سبعة جنود."
OLD = "وذكر التقرير بهجوم سابق على المعسكر نفسه في 2019."


@pytest.fixture
def reports(store: Store, make_event: Callable[..., Event], make_doc: Callable[..., Document]) -> str:
    ingest(store.session_factory, make_doc("doc-a", outlet="Outlet A"), [make_event("doc-a", fatalities=0,
                                                                                    claims=[])])
    ingest(store.session_factory, make_doc("doc-b", TEXT_B + OLD, outlet="Outlet B"), [
        make_event("doc-b", text=TEXT_B, fatalities=7),
        make_event("doc-b", text=OLD, status="background", event_date="2019-05-01", date_min="2019-05-01",
                   date_max="2019-05-01", fatalities=2, claims=[])])
    return str(store.engine.url.render_as_string(hide_password=False))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(("args", "rows"), [
    ([], [("2024-01-02", "7", "Outlet A; Outlet B")]),  # one merged event; a report without a toll not counted
    (["--include-background"], [("2024-01-02", "7", "Outlet A; Outlet B"), ("2019-05-01", "2", "Outlet B")]),
    # every report's record (its sources: every document of its merged event)
    (["--unit", "event"], [("2024-01-02", "0", "Outlet A; Outlet B"), ("2024-01-02", "7", "Outlet A; Outlet B")]),
])
def test_export_acled_csv_units(reports: str, capsys: pytest.CaptureFixture[str], args: list[str],
                                rows: list[tuple[str, str, str]]) -> None:
    out = run(capsys, "export", "--database", reports, "--format", "acled-csv", *args)
    got = [(r["event_date"], r["fatalities"], r["source"]) for r in csv.DictReader(io.StringIO(out))]
    assert sorted(got) == sorted(rows)


def test_export_jsonl_clusters_are_merged_records(reports: str, capsys: pytest.CaptureFixture[str]) -> None:
    lines = run(capsys, "export", "--database", reports, "--format", "jsonl", "--status", "reported").splitlines()
    [record] = [json.loads(line) for line in lines]
    assert record["sources"] == ["doc-a", "doc-b"] and record["events"] == ["doc-a#1", "doc-b#1"]
    # the lowest full count 7 (the other report gives none); the range spans the claim of 5 too
    assert (record["fatalities"], record["fatalities_min"], record["fatalities_max"]) == (7, 5, 7)


@pytest.mark.parametrize(("args", "header", "first"), [
    (["--by", "country", "--period", "month"], "country,period,events,fatalities", "Mali,2019-05,1,2"),
    (["--by", "admin2", "--period", "week", "--status", "reported"],
     "country,admin1,admin2,period,events,fatalities", "Mali,Mopti,Douentza,2024-W01,1,7"),
])
def test_export_aggregates_csv(reports: str, capsys: pytest.CaptureFixture[str], args: list[str], header: str,
                               first: str) -> None:
    lines = run(capsys, "export", "--database", reports, "--format", "aggregates-csv", *args).splitlines()
    assert lines[0] == header and lines[1] == first


@pytest.mark.parametrize("args", [["--bbox", "-5,14,-2,16"], ["--bbox=-5,14,-2,16"], ["--q", "بوني"],
                                  ["--cluster-id", "c-none", "--unit", "event"]])
def test_filter_names_of_the_api(reports: str, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    run(capsys, "export", "--database", reports, "--format", "jsonl", *args)


def test_glue_negative_values() -> None:
    assert glue_negative_values(["export", "--bbox", "-5,14,-2,16", "-o", "x"]) == [
        "export", "--bbox=-5,14,-2,16", "-o", "x"]


def test_missing_database_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing-here.db"
    assert main(["export", "--database", str(missing)]) == 2
    assert "no database at" in capsys.readouterr().err
    assert not missing.exists()


def test_gold_export_of_a_store_without_reviews_is_empty(reports: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "export", "--database", reports, "--format", "gold") == ""


def test_extract_acled_csv_writes_merged_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ambush = "قتل سبعة جنود ماليين في كمين نصبه مسلحون من جماعة نصرة الإسلام والمسلمين قرب دوانتزا يوم الأحد"
    docs = [{"doc_id": "r1", "published": "2024-03-12", "outlet": "Outlet A", "text": ambush + "."},
            {"doc_id": "r2", "published": "2024-03-12", "outlet": "Outlet B", "text": ambush + " الماضي."}]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    events = [json.loads(x) for x in run(capsys, "extract", str(path)).splitlines()]
    rows = list(csv.DictReader(io.StringIO(run(capsys, "extract", str(path), "--format", "acled-csv"))))
    clusters = {e["cluster_id"] for e in events if e["status"] == "reported"}
    assert len(events) >= 2 and len(rows) == len(clusters)
    assert any(r["source"] == "Outlet A; Outlet B" for r in rows)




def test_serve_refuses_a_missing_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing-here.db"
    assert main(["serve", "--database", str(missing), "--port", "1"]) == 2
    assert "no database at" in capsys.readouterr().err
    assert not missing.exists()



@pytest.mark.parametrize(("args", "says"), [([], True), (["--quiet"], False)])
def test_export_quiet(reports: str, capsys: pytest.CaptureFixture[str], args: list[str], says: bool) -> None:
    assert main(["export", "--database", reports, "--format", "jsonl", *args]) == 0
    assert ("marsad export:" in capsys.readouterr().err) is says

"""``marsad ingest`` and ``marsad export`` against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from marsad.cli import main
from marsad.document import Document
from marsad.records import Event
from marsad.store import ingest
from marsad.store.db import Store
from marsad.store.models import DocumentRow

REPORT = "قالت مصادر محلية إن مسلحين هاجموا نقطة تفتيش للجيش في بلدة بوني بوسط مالي يوم الثلاثاء."


def n_documents(store: Store) -> int:
    with store.session() as s:
        return int(s.execute(select(func.count()).select_from(DocumentRow)).scalar_one())


def test_ingest_command_is_idempotent(store: Store, db_target: tuple[str, dict[str, Any]], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    url = db_target[0]
    (tmp_path / "boni.txt").write_text(REPORT, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "boni.txt"), "--published", "2024-01-03", "--database", url]) == 0
    assert "inserted 1, unchanged 0, replaced 0, failed 0" in capsys.readouterr().out
    assert main(["ingest", str(tmp_path / "boni.txt"), "--published", "2024-01-03", "--database", url]) == 0
    assert "inserted 0, unchanged 1, replaced 0, failed 0" in capsys.readouterr().out
    (tmp_path / "boni.txt").write_text(REPORT + " وأضافت أن الهجوم خلف قتلى.", encoding="utf-8")
    assert main(["ingest", str(tmp_path), "--published", "2024-01-03", "--database", url]) == 0
    assert "inserted 0, unchanged 0, replaced 1, failed 0" in capsys.readouterr().out
    assert n_documents(store) == 1


def test_ingest_command_fails_when_nothing_is_read(db_target: tuple[str, dict[str, Any]], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "missing.txt"), "--database", db_target[0]]) == 1
    out = capsys.readouterr()
    assert "failed 1" in out.out and "missing" in out.err


@pytest.fixture
def two_reports(store: Store, make_event: Callable[..., Event], make_doc: Callable[..., Document]) -> Store:
    text_b = "هاجم مسلحون من جماعة نصرة الإسلام معسكرا في بوني وقتلوا سبعة جنود."
    ingest(store.session_factory, make_doc("doc-a", outlet="Outlet A"), [make_event("doc-a")])
    ingest(store.session_factory, make_doc("doc-b", text_b, outlet="Outlet B"),
           [make_event("doc-b", text=text_b, fatalities=7)])
    kidal = "اشتباكات في كيدال."
    ingest(store.session_factory, make_doc("doc-c", kidal, outlet="Outlet C"),
           [make_event("doc-c", text=kidal, location="Kidal", admin1="Kidal", admin2="Kidal", latitude=18.44,
                       longitude=1.41, geonameid=2455290, fatalities=0, event_date="2024-02-01",
                       date_min="2024-02-01", date_max="2024-02-01")])
    return store


def export(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["export", "--database", url, *args]) == 0
    return capsys.readouterr().out


def test_export_acled_csv_writes_one_row_per_cluster(two_reports: Store, db_target: tuple[str, dict[str, Any]],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(csv.DictReader(io.StringIO(export(db_target[0], capsys, "--format", "acled-csv"))))
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Kidal", "0"), ("Boni", "5")]
    assert rows[1]["source"] == "Outlet A; Outlet B"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["Kidal", "Boni", "Boni"]),
        (["--admin1", "Mopti"], ["Boni", "Boni"]),
        (["--min-fatalities", "6"], ["Boni"]),
        (["--from", "2024-01-15"], ["Kidal"]),
        (["--bbox=-3,14,-2,16"], ["Boni", "Boni"]),  # "=" since the value starts with "-"
        (["--text", "كيدال"], ["Kidal"]),
        (["--actor", "is_sahel"], []),
    ],
)
def test_export_jsonl_filters(two_reports: Store, db_target: tuple[str, dict[str, Any]],
                              capsys: pytest.CaptureFixture[str], args: list[str], expected: list[str]) -> None:
    lines = export(db_target[0], capsys, "--format", "jsonl", "--unit", "event", *args).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["location"] for r in records] == expected
    assert all(r["cluster_id"] for r in records)


def test_export_geojson_to_a_file(two_reports: Store, db_target: tuple[str, dict[str, Any]], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.geojson"
    export(db_target[0], capsys, "--format", "geojson", "--output", str(out), "--country", "Mali")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2


@pytest.mark.parametrize("args", [["--bbox", "1,2,3"], ["--from", "2024-13-01"], ["--format", "xml"]])
def test_export_refuses_bad_options(db_target: tuple[str, dict[str, Any]], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--database", db_target[0], *args])
    assert info.value.code == 2


def test_export_to_an_unwritable_path_says_so(two_reports: Store, db_target: tuple[str, dict[str, Any]],
                                              tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--database", db_target[0], "--output", str(tmp_path / "no" / "dir.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err

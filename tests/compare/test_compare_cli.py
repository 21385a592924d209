"""``marsad compare`` over a real store and a synthetic ACLED export (generated here; nothing of ACLED ships)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.document import Document
from marsad.export.acled_csv import COLUMNS
from marsad.records import Event
from marsad.settings import sqlite_url
from marsad.store import ingest, open_store

# (doc_id, day, type, sub-type, actor1, actor2, country, admin1, admin2, place, lat, lon, fatalities)
STORED = [
    ("d1", "2024-03-10", "Battles", "Armed clash", "jnim", "military:mali", "Mali", "Mopti", "Douentza", "Douentza",
     15.0, -2.95, 7),
    ("d2", "2024-03-20", "Violence against civilians", "Attack", "unidentified", "civilians:burkina_faso",
     "Burkina Faso", "Sahel", "Soum", "Djibo", 14.1, -1.63, 4),
    ("d3", "2024-04-02", "Battles", "Armed clash", "unidentified", "military:niger", "Niger", "Tillabéri",
     "Tillabéri", "Tillabéri", 14.21, 1.45, 3),
]
# ACLED rows: d1's event two days later and 20 km away; d2's on the same day; two only in ACLED; d3 missing
ACLED = [
    {"event_id_cnty": "MLI1", "event_date": "12 March 2024", "event_type": "Battles", "sub_event_type": "Armed clash",
     "actor1": "JNIM: Group for Support of Islam and Muslims", "actor2": "Military Forces of Mali (2021-)",
     "country": "Mali", "admin1": "Mopti", "admin2": "Douentza", "location": "Douentza", "latitude": "15.18",
     "longitude": "-2.95", "fatalities": "9"},
    {"event_id_cnty": "BFO1", "event_date": "2024-03-20", "event_type": "Violence against civilians",
     "sub_event_type": "Attack", "actor1": "Unidentified Armed Group (Burkina Faso)",
     "actor2": "Civilians (Burkina Faso)", "country": "Burkina Faso", "admin1": "Sahel", "admin2": "Soum",
     "location": "Djibo", "latitude": "14.10", "longitude": "-1.63", "fatalities": "4"},
    {"event_id_cnty": "MLI2", "event_date": "2024-03-25", "event_type": "Protests",
     "sub_event_type": "Peaceful protest",
     "actor1": "Protesters (Mali)", "country": "Mali", "admin1": "Bamako", "admin2": "Bamako", "location": "Bamako",
     "latitude": "12.65", "longitude": "-8.0", "fatalities": "0"},
    {"event_id_cnty": "NIG1", "event_date": "2024-04-20", "event_type": "Battles", "sub_event_type": "Armed clash",
     "country": "Niger", "admin1": "Diffa", "admin2": "Diffa", "location": "Diffa", "latitude": "13.31",
     "longitude": "12.61", "fatalities": "2"},
    {"event_id_cnty": "BAD1", "event_date": "sometime", "event_type": "Battles", "country": "Mali",
     "latitude": "15", "longitude": "-3"},
]


def _store(path: Path) -> str:
    url = sqlite_url(path)
    store = open_store(url)
    for doc_id, day, et, st, a1, a2, country, adm1, adm2, place, lat, lon, fat in STORED:
        ev = Event(doc_id=doc_id, event_date=day, date_min=day, date_max=day, time_precision=1, event_type=et,
                   sub_event_type=st, actor1=a1, actor2=a2, country=country, admin1=adm1, admin2=adm2, location=place,
                   latitude=lat, longitude=lon, geo_precision=1, fatalities=fat)
        ingest(store.session_factory, Document(doc_id, f"نص تجريبي للحدث {doc_id}", published=day), [ev])
    store.dispose()
    return url


def _acled(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("extra", "counts"),
    [
        ([], (2, 2, 1)),
        (["--country", "Mali"], (1, 1, 0)),
        (["--from", "2024-03-15", "--to", "2024-03-31"], (1, 1, 0)),
        (["--from", "2024-04-01"], (0, 1, 1)),
    ],
)
def test_compare_json(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
                      counts: tuple[int, int, int]) -> None:
    db = _store(tmp_path / "m.db")
    csv_path = _acled(tmp_path / "acled.csv", ACLED)
    rc = main(["compare", "--acled", str(csv_path), "--database", db, "--json", "--out", str(tmp_path / "r"), *extra])
    out, err = capsys.readouterr()
    assert rc == 0
    s = json.loads(out)
    assert (s["matched"], s["only_acled"], s["only_marsad"]) == counts
    assert "acled.csv:6: event_date 'sometime' is not a date" in err
    assert (tmp_path / "r" / "compare.md").exists() and "<svg" in (tmp_path / "r" / "compare.html").read_text()


def test_compare_agreement_on_the_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _store(tmp_path / "m.db")
    main(["compare", "--acled", str(_acled(tmp_path / "a.csv", ACLED)), "--database", db, "--json",
          "--out", str(tmp_path / "r")])
    s = json.loads(capsys.readouterr().out)
    assert s["agreement"]["date"] == 0.5 and s["agreement"]["event_type"] == 1.0
    assert s["agreement"]["fatalities"] == 0.5 and s["fatalities_mean_abs_diff"] == 1.0
    assert s["agreement"]["actors"] == 1.0  # ACLED's «(2021-)» and «(Burkina Faso)» set aside


@pytest.mark.parametrize(
    ("columns", "message"),
    [(("event_id_cnty", "event_date", "country"), "missing column(s) event_type, latitude, longitude")],
)
def test_not_an_acled_export(tmp_path: Path, capsys: pytest.CaptureFixture[str], columns: tuple[str, ...],
                             message: str) -> None:
    path = _acled(tmp_path / "x.csv", ACLED[:1], columns)
    assert main(["compare", "--acled", str(path), "--database", _store(tmp_path / "m.db")]) == 2
    assert message in capsys.readouterr().err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--acled", str(tmp_path / "none.csv"), "--database", str(tmp_path / "m.db")]) == 2
    assert "cannot read" in capsys.readouterr().err

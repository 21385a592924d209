from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from export_samples import make_event

from marsad.export import COLUMNS, write_acled_csv
from marsad.export.acled_csv import disorder_type, interaction
from marsad.records import Event

SPEC_COLUMNS = [  # spec/EVENTS.md section 5, in order
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
SPEC = Path(os.environ.get("MARSAD_SHARED") or Path(__file__).resolve().parents[2].parent / "shared") / "spec/EVENTS.md"


def rows(events: list[Event], **kw: object) -> list[dict[str, str]]:
    out = io.StringIO()
    kw.setdefault("timestamp", 1_700_000_000)
    assert write_acled_csv(events, out, **kw) == len(events)  # type: ignore[arg-type]
    out.seek(0)
    reader = csv.DictReader(out)
    assert reader.fieldnames == SPEC_COLUMNS
    return list(reader)


def test_header_is_the_spec_layout() -> None:
    assert list(COLUMNS) == SPEC_COLUMNS
    out = io.StringIO()
    write_acled_csv([], out, timestamp=0)
    assert out.getvalue() == ",".join(SPEC_COLUMNS) + "\n"


@pytest.mark.skipif(not SPEC.is_file(), reason=f"spec not found at {SPEC}")
def test_header_matches_the_shared_spec_text() -> None:
    section = SPEC.read_text(encoding="utf-8").split("## 5.")[1]
    listed = re.search(r"Columns, in this order[^:]*:(.*?)\. Actor columns", section, re.S)
    assert listed is not None
    names = [n.strip(" `\n") for n in listed.group(1).replace("\n", " ").split(",")]
    assert names == list(COLUMNS)


def test_row_of_a_battle(event: Event) -> None:
    [row] = rows([event], outlets={"d1": "Al Jazeera"})
    assert row["event_id_cnty"].startswith("MLI") and row["event_id_cnty"][3:].isdigit()
    expected = {
        "event_date": "2024-09-17", "year": "2024", "time_precision": "1", "disorder_type": "Political violence",
        "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "JNIM: Group for Support of Islam and Muslims", "assoc_actor_1": "", "inter1": "2",
        "actor2": "Military Forces of Mali", "assoc_actor_2": "Wagner Group", "inter2": "1", "interaction": "12",
        "civilian_targeting": "", "iso": "466", "region": "Western Africa", "country": "Mali", "admin1": "Bamako",
        "admin2": "", "admin3": "", "location": "Bamako", "latitude": "12.6500", "longitude": "-8.0000",
        "geo_precision": "1", "source": "Al Jazeera", "source_scale": "", "fatalities": "3", "tags": "",
        "timestamp": "1700000000",
    }  # fmt: skip
    assert {k: row[k] for k in expected} == expected
    assert row["notes"] == (
        "On 2024-09-17, JNIM: Group for Support of Islam and Muslims clashed with Military Forces of Mali "
        "in Bamako (Mali); 3 fatalities."
    )


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(2, 1, "12"), (1, 2, "12"), (7, 2, "27"), (2, None, "20"), (None, 6, "60"), (None, None, ""), (3, 3, "33")],
)
def test_interaction(inter1: int | None, inter2: int | None, expected: str) -> None:
    assert interaction(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [
        ("Battles", "Political violence"),
        ("Explosions/Remote violence", "Political violence"),
        ("Violence against civilians", "Political violence"),
        ("Protests", "Demonstrations"),
        ("Riots", "Demonstrations"),
        ("Strategic developments", "Strategic developments"),
        (None, "Strategic developments"),
    ],
)
def test_disorder_type(event_type: str | None, expected: str) -> None:
    assert disorder_type(event_type) == expected


@pytest.mark.parametrize(
    ("country", "iso", "prefix"),
    [("Mali", "466", "MLI"), ("Burkina Faso", "854", "BFA"), ("Niger", "562", "NER"), ("Atlantis", "", "XXX")],
)
def test_iso_and_id_prefix(country: str, iso: str, prefix: str) -> None:
    [row] = rows([make_event(country=country)])
    assert (row["iso"], row["event_id_cnty"][:3], row["country"]) == (iso, prefix, country)


@pytest.mark.parametrize(
    ("event_type", "sub", "actor1", "actor2", "targeting", "inter"),
    [
        ("Violence against civilians", "Attack", "unidentified", "civilians:niger", "Civilian targeting", "37"),
        ("Explosions/Remote violence", "Air/drone strike", "military:mali", "civilians:mali",
         "Civilian targeting", "17"),
        ("Violence against civilians", "Abduction/forced disappearance", "jnim", "civilians:burkina_faso",
         "Civilian targeting", "27"),
        ("Battles", "Armed clash", "jnim", "military:mali", "", "12"),
        ("Protests", "Peaceful protest", "protesters:mali", None, "", "60"),
        ("Strategic developments", "Looting/property destruction", "jnim", "civilians:mali", "", "27"),
    ],
)  # fmt: skip
def test_civilian_targeting(
    event_type: str, sub: str, actor1: str, actor2: str | None, targeting: str, inter: str
) -> None:
    [row] = rows([make_event(event_type=event_type, sub_event_type=sub, actor1=actor1, actor2=actor2, assoc_actors=[])])
    assert (row["civilian_targeting"], row["interaction"]) == (targeting, inter)


def test_sources_use_outlets_when_known_and_doc_ids_otherwise() -> None:
    [row] = rows([make_event(sources=["d1", "d2", "d3"])], outlets={"d1": "France 24", "d2": "France 24"})
    assert row["source"] == "France 24; d3"


def test_ids_are_stable_and_unique() -> None:
    a, b = make_event(), make_event(location="Gao", latitude=16.27, longitude=-0.04)
    first = [r["event_id_cnty"] for r in rows([a, b, a])]
    again = [r["event_id_cnty"] for r in rows([a, b, a])]
    assert first == again
    assert len(set(first)) == 3
    assert (
        rows([make_event(event_id="x")])[0]["event_id_cnty"]
        == rows([make_event(event_id="x", location="Gao")])[0]["event_id_cnty"]
    )


@pytest.mark.parametrize(
    ("kw", "column", "expected"),
    [
        ({"fatalities": None}, "fatalities", ""),
        ({"fatalities": 0}, "fatalities", "0"),
        ({"latitude": None, "longitude": None}, "latitude", ""),
        ({"event_date": None, "date_min": "2023-01-11", "date_max": "2023-01-31"}, "event_date", "2023-01-11"),
        ({"event_date": None, "date_min": "2023-01-11", "date_max": "2023-01-31"}, "year", "2023"),
        # allies on their own side: Wagner and the French army with the Malian army, Katiba Macina with JNIM
        ({"assoc_actors": ["wagner", "military:france"]}, "assoc_actor_2", "Wagner Group; Military Forces of France"),
        ({"assoc_actors": ["katiba_macina", "wagner"]}, "assoc_actor_1", "Katiba Macina"),
        ({"assoc_actors1": ["ansar_dine"], "assoc_actors2": ["vdp"]}, "assoc_actor_1", "Ansar Dine"),
        ({"assoc_actors1": ["ansar_dine"], "assoc_actors2": ["vdp"]}, "assoc_actor_2",
         "VDP: Volunteers for the Defense of the Homeland"),
        ({"notes": "سطر\nثان"}, "notes", "سطر ثان"),
        ({"actor2": "not-in-registry"}, "actor2", "not-in-registry"),
        ({"actor2": "not-in-registry"}, "inter2", ""),
    ],
)
def test_columns(kw: dict[str, object], column: str, expected: str) -> None:
    assert rows([make_event(**kw)])[0][column] == expected


@pytest.mark.parametrize(("include", "statuses"), [(False, ["reported"]), (True, ["reported", "background"])])
def test_background_events_only_on_request(include: bool, statuses: list[str]) -> None:
    events = [make_event(doc_id="d1"), make_event(doc_id="d2", status="background", event_date="2012-04-01")]
    out = io.StringIO()
    write_acled_csv(events, out, timestamp=0, include_background=include)
    assert [r["event_date"] for r in csv.DictReader(io.StringIO(out.getvalue()))] == (
        ["2024-09-17", "2012-04-01"][: len(statuses)])


@pytest.mark.parametrize(
    ("kw", "notes"),
    [
        ({"fatalities": None}, "fatalities reported, number unknown."),
        ({"fatalities": 0}, "no fatalities reported."),
        ({"fatalities": 1}, "1 fatality."),
        ({"actor2": None, "event_type": "Explosions/Remote violence",
          "sub_event_type": "Remote explosive/landmine/IED"},
         "JNIM: Group for Support of Islam and Muslims: remote explosive/landmine/ied in Bamako (Mali); 3 fatalities."),
        ({"event_date": None, "date_min": "2023-01-11", "date_max": "2023-01-31"}, "On a day between 2023-01-11"),
        ({"location": "Boulkessi", "admin1": "Mopti"}, "in Boulkessi (Mopti, Mali)"),
    ],
)  # fmt: skip
def test_notes_summarise_the_fields(kw: dict[str, object], notes: str) -> None:
    assert notes in rows([make_event(**kw)])[0]["notes"]


def test_timestamp_defaults_to_now() -> None:
    out = io.StringIO()
    write_acled_csv([make_event()], out)
    out.seek(0)
    [row] = list(csv.DictReader(out))
    assert int(row["timestamp"]) > 1_700_000_000

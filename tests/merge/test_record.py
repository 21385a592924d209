"""The merged event record (spec §6) built from report-level events: votes, ranges, ACLED's toll rule."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.merge.record import Review, build_cluster, fatalities_of
from marsad.records import Claim, Event


def ev(doc: str, **kw: Any) -> Event:
    base: dict[str, Any] = dict(doc_id=doc, event_date="2024-03-10", date_min="2024-03-10", date_max="2024-03-10",
                                time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                                actor1="jnim", actor2="military:mali", country="Mali", admin1="Mopti",
                                admin2="Douentza", location="Douentza", latitude=15.0, longitude=-2.95,
                                geo_precision=1, fatalities=0)
    base.update(kw)
    return Event(**base)


KILLED_7 = Claim("military:mali", killed=7, quote="قتل سبعة جنود في الكمين")
KILLED_15 = Claim("jnim", killed=15, quote="قتلنا خمسة عشر جنديا")
NONE_KILLED = Claim("military:mali", killed=0, quote="لم يسقط أي قتيل في الهجوم")


@pytest.mark.parametrize(("events", "outlets", "published", "expected"), [
    ("one report with a toll, one without any", {}, {}, (10, 10, 10)),
    ("two tolls: the lowest, never the sum", {}, {}, (7, 7, 15)),
    ("an explicit zero is a full count", {}, {}, (0, 0, 4)),
    ("deaths without a figure", {}, {}, (None, None, None)),
    ("no death reported anywhere", {}, {}, (0, 0, 0)),
    ("a later update by the same outlet replaces its figure", {"a": "X", "b": "X", "c": "Y"},
     {"a": "2024-03-10", "b": "2024-03-12", "c": "2024-03-11"}, (12, 3, 20)),
])
def test_fatalities_by_acled_rule(events: str, outlets: dict[str, str], published: dict[str, str],
                                  expected: tuple[int | None, int | None, int | None]) -> None:
    cases = {
        "one report with a toll, one without any": [ev("a", fatalities=10), ev("b", fatalities=0)],
        "two tolls: the lowest, never the sum": [ev("a", fatalities=7, claims=[KILLED_7, KILLED_15]),
                                                  ev("b", fatalities=9)],
        "an explicit zero is a full count": [ev("a", fatalities=0, claims=[NONE_KILLED]), ev("b", fatalities=4)],
        "deaths without a figure": [ev("a", fatalities=None), ev("b", fatalities=0)],
        "no death reported anywhere": [ev("a"), ev("b")],
        "a later update by the same outlet replaces its figure": [
            ev("a", fatalities=3), ev("b", fatalities=20), ev("c", fatalities=12)],
    }
    assert fatalities_of(cases[events], outlets=outlets, published=published) == expected


@pytest.mark.parametrize(("members", "field", "value", "alternatives"), [
    ([ev("a"), ev("b"), ev("c", event_type="Explosions/Remote violence",
                             sub_event_type="Remote explosive/landmine/IED")],
     "event_type", "Battles", [("Battles", ["a", "b"]), ("Explosions/Remote violence", ["c"])]),
    ([ev("a", actor1="unidentified"), ev("b", actor1="jnim")], "actor1", "jnim", [("jnim", ["b"]),
                                                                                  ("unidentified", ["a"])]),
    ([ev("a", location="Douentza", geo_precision=2), ev("b", location="Boni", geo_precision=1, latitude=15.1)],
     "location", "Boni", [("Boni", ["b"]), ("Douentza", ["a"])]),
    ([ev("a", event_date="2024-03-09", date_min="2024-03-09", date_max="2024-03-09"),
      ev("b", event_date=None, date_min="2024-03-04", date_max="2024-03-10", time_precision=2),
      ev("c", event_date="2024-03-10", date_min="2024-03-10", date_max="2024-03-10")],
     "event_date", "2024-03-09", [("2024-03-09", ["a"]), ("2024-03-10", ["c"])]),
])
def test_best_supported_value_and_alternatives(members: list[Event], field: str, value: Any,
                                               alternatives: list[tuple[Any, list[str]]]) -> None:
    record = build_cluster(members, "c-test").to_dict()
    assert record[field] == value
    got = [(a["value"], a["sources"]) for a in record["alternatives"].get(field, [])]
    assert sorted(got) == sorted(alternatives)


@pytest.mark.parametrize(("members", "expected"), [
    ([ev("a", event_date=None, date_min="2024-03-04", date_max="2024-03-10", time_precision=2),
      ev("b", event_date=None, date_min="2024-03-08", date_max="2024-03-14", time_precision=2)],
     (None, "2024-03-08", "2024-03-10", 2)),
    ([ev("a", event_date=None, date_min="2024-03-01", date_max="2024-03-31", time_precision=3),
      ev("b")], ("2024-03-10", "2024-03-10", "2024-03-10", 1)),
    ([ev("a", event_date="2024-02-01", date_min="2024-02-01", date_max="2024-02-01"),
      ev("b", event_date=None, date_min="2024-03-01", date_max="2024-03-31", time_precision=3)],
     ("2024-02-01", "2024-02-01", "2024-02-01", 1)),
])
def test_dates_are_the_narrowest_common_range(members: list[Event], expected: tuple[Any, ...]) -> None:
    r = build_cluster(members)
    assert (r.event_date, r.date_min, r.date_max, r.time_precision) == expected


def test_claims_sources_events_status_and_sides() -> None:
    members = [
        ev("a", claims=[KILLED_7], assoc_actors=["wagner"], status="reported"),
        ev("b", actor1="military:mali", actor2="jnim", claims=[KILLED_15], status="background"),
    ]
    r = build_cluster(members, "c-x").to_dict()
    assert r["sources"] == ["a", "b"]
    assert r["events"] == ["a#1", "b#1"]
    assert r["status"] == "reported"
    assert [(c["doc_id"], c["killed"]) for c in r["claims"]] == [("a", 7), ("b", 15)]
    assert (r["actor1"], r["actor2"]) == ("jnim", "military:mali")
    assert (r["assoc_actors1"], r["assoc_actors2"]) == ([], ["wagner"])  # Wagner fights with the army


def test_background_only_cluster_and_review_wins() -> None:
    members = [ev("a", status="background", fatalities=5), ev("b", status="background", fatalities=8)]
    review = {"fatalities": Review(6, "analyst-1", "2026-01-01T00:00:00Z"),
              "location": Review("Boni", "analyst-1", "2026-01-01T00:00:00Z")}
    r = build_cluster(members, "c-y", reviewed=review).to_dict()
    assert r["status"] == "background"
    assert (r["fatalities"], r["fatalities_min"], r["fatalities_max"]) == (6, 5, 8)
    assert r["location"] == "Boni"
    assert r["reviewed"]["fatalities"] == {"value": 6, "by": "analyst-1", "at": "2026-01-01T00:00:00Z"}


@pytest.mark.parametrize(("record", "sides"), [
    ({"assoc_actors": ["wagner"], "actor1": "military:mali", "actor2": "jnim"}, (["wagner"], [])),
    ({"assoc_actors": ["wagner"], "actor1": "jnim", "actor2": "military:mali"}, ([], ["wagner"])),
    ({"assoc_actors1": ["katiba_macina"], "assoc_actors2": ["wagner"], "actor1": "jnim"},
     (["katiba_macina"], ["wagner"])),
])
def test_assoc_sides_read_old_and_new_records(record: dict[str, Any], sides: tuple[list[str], list[str]]) -> None:
    event = Event.from_dict({"doc_id": "d", **record})
    out = event.to_dict()
    assert (out["assoc_actors1"], out["assoc_actors2"]) == sides
    assert Event.from_dict(out).assoc_sides() == sides


def test_to_event_keeps_the_cluster_unit() -> None:
    r = build_cluster([ev("b", fatalities=4), ev("a", fatalities=6)], "c-z")
    e = r.to_event()
    assert (e.doc_id, e.sources, e.event_id, e.cluster_id, e.fatalities) == ("a", ["a", "b"], "c-z", "c-z", 4)


@pytest.mark.parametrize(("clusters", "rows"), [
    (["c1", "c1", "c2"], [("c1", ["a", "b"]), ("c2", ["c"])]),
    ([None, "c1", "c1"], [(None, ["a"]), ("c1", ["b", "c"])]),
    ([None, None, None], [(None, ["a"]), (None, ["b"]), (None, ["c"])]),
])
def test_merged_events_one_row_per_cluster(clusters: list[str | None],
                                           rows: list[tuple[str | None, list[str]]]) -> None:
    from marsad.merge.record import merged_events

    events = [ev(doc, cluster_id=cid, fatalities=3) for doc, cid in zip("abc", clusters, strict=True)]
    out = merged_events(events)
    assert [(e.cluster_id, e.sources or [e.doc_id]) for e in out] == rows

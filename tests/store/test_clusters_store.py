"""Merged events in the store on SQLite and PostgreSQL: pages of clusters and the aggregates table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from marsad.document import Document
from marsad.records import Event, Evidence
from marsad.store import EventFilter, ingest
from marsad.store.clusters import aggregates, query_clusters
from marsad.store.db import Store

TEXT = "قتل مسلحون ثلاثة مدنيين في هجوم على قرية قرب بوني."
PLACES: dict[str, dict[str, Any]] = {
    "d2": {"location": "Kidal", "admin1": "Kidal", "admin2": "Kidal", "latitude": 18.44, "longitude": 1.41,
           "geonameid": 2455290},
    "d3": {"location": "Gao", "admin1": "Gao", "admin2": "Gao", "latitude": 16.27, "longitude": -0.04,
           "geonameid": 2457163},
}
DAYS = {"d1": ("2024-08-31", 3), "d2": ("2024-09-01", 2), "d3": ("2024-09-02", 4), "d4": ("2024-09-03", 6)}


@pytest.fixture
def four(store: Store, make_event: Callable[..., Event], make_doc: Callable[..., Document]) -> Store:
    for i, (doc_id, (day, killed)) in enumerate(DAYS.items()):
        far = PLACES.get(doc_id, {})
        ingest(store.session_factory, make_doc(doc_id, f"{TEXT} ({i})"), [make_event(
            doc_id, f"{TEXT} ({i})", event_date=day, date_min=day, date_max=day, fatalities=killed, claims=[],
            **far)])
    return store


@pytest.mark.parametrize(("by", "period", "expected"), [
    ("country", "month", [("Mali", None, "2024-08", 1, 3), ("Mali", None, "2024-09", 3, 12)]),
    # 2024-08-31 is a Saturday (ISO week 35); 2024-09-01 a Sunday (week 35); 09-02 and 09-03 (week 36)
    ("admin1", "week", [("Mali", "Mopti", "2024-W35", 1, 3), ("Mali", "Kidal", "2024-W35", 1, 2),
                        ("Mali", "Gao", "2024-W36", 1, 4), ("Mali", "Mopti", "2024-W36", 1, 6)]),
])
def test_aggregates_on_both_databases(four: Store, by: Any, period: Any,
                                      expected: list[tuple[Any, ...]]) -> None:
    with four.session() as s:
        items = aggregates(s, EventFilter(), by=by, period=period)
    got = [(i["country"], i.get("admin1"), i["period"], i["events"], i["fatalities"]) for i in items]
    assert sorted(got, key=str) == sorted(expected, key=str)


def test_cluster_pages_on_both_databases(four: Store) -> None:
    with four.session() as s:
        assert len(query_clusters(s, EventFilter(), limit=100).items) == 4
        first = query_clusters(s, EventFilter(), limit=2)
        rest = query_clusters(s, EventFilter(), limit=2, cursor=first.next_cursor)
    ids = [i["cluster_id"] for i in first.items + rest.items]
    assert len(ids) == len(set(ids)) == 4 and rest.next_cursor is None


def test_a_full_rebuild_keeps_the_merged_event_ids(four: Store) -> None:
    from sqlalchemy import select

    from marsad.store.models import EventRow
    from marsad.store.recluster import recluster_all

    with four.session() as s:
        before = dict(s.execute(select(EventRow.key, EventRow.cluster_id)).tuples().all())
    with four.session() as s, s.begin():
        assert recluster_all(s) == 4
    with four.session() as s:
        assert dict(s.execute(select(EventRow.key, EventRow.cluster_id)).tuples().all()) == before


BRIDGE_TEXTS = {"a": "كمين على طريق قرب بوني", "b": "انفجار لغم أرضي ثم اشتباك في الغورما",
                "c": "معارك عنيفة بين الطرفين في المنطقة"}


def test_clusters_joined_by_a_new_report_keep_the_older_id_and_point_to_it(
        store: Store, make_event: Callable[..., Event], make_doc: Callable[..., Document]) -> None:
    from marsad.store.clusters import resolve_cluster_id

    # a and b are not linked (another sub-event type 45 km away); c, between them, links both
    places = {"a": dict(longitude=-2.21),
              "b": dict(longitude=-1.79, location="East", event_date="2024-01-03", date_min="2024-01-03",
                        date_max="2024-01-03", sub_event_type="Non-state actor overtakes territory"),
              "c": dict(longitude=-2.0, location="Mid", event_date=None, date_min="2024-01-02",
                        date_max="2024-01-03", time_precision=2)}
    ids = {}
    for doc_id in "abc":
        text = BRIDGE_TEXTS[doc_id]
        event = make_event(doc_id, text, latitude=15.05, geonameid=None, claims=[],
                           evidence=[Evidence("trigger", 0, len(text))], **places[doc_id])
        ingest(store.session_factory, make_doc(doc_id, text), [event])
        with store.session() as s:
            ids[doc_id] = {i["cluster_id"] for i in query_clusters(s, EventFilter(doc_id=doc_id)).items}
    assert ids["a"] != ids["b"]  # two merged events before c
    [older], [younger] = ids["a"], ids["b"]
    assert ids["c"] == {older}
    with store.session() as s:
        assert len(query_clusters(s, EventFilter()).items) == 1
        assert resolve_cluster_id(s, younger) == (older, younger)
        assert resolve_cluster_id(s, older) == (older, None)

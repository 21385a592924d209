"""Query layer: every filter, keyset pagination, event and document details; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from marsad.document import Document
from marsad.records import Claim, Event, Evidence
from marsad.store import (
    EventFilter,
    QueryError,
    count_events,
    get_document,
    get_event,
    ingest,
    iter_events,
    query_events,
)
from marsad.store.db import Store
from marsad.store.query import facets, list_documents

# (doc_id, text, event overrides); every text is written for these tests
DOCS: list[tuple[str, str, list[dict[str, Any]]]] = [
    ("mopti-1", "نصب مسلحون كمينا لدورية للجيش المالي قرب بوني وقتلوا ثلاثة جنود بنسبة 100% من الدورية.", [
        dict(event_date="2024-01-02", fatalities=3, actor1="jnim", assoc_actors=["katiba_macina"]),
    ]),
    ("mopti-2", "اختطف مسلحون مجهولون خمسة مدنيين في سيفاري.", [
        dict(event_date="2024-01-05", event_type="Violence against civilians",
             sub_event_type="Abduction/forced disappearance", actor1="unidentified", actor2="civilians:mali",
             location="Sévaré", admin2="Mopti", latitude=14.53, longitude=-4.10, fatalities=0),
    ]),
    ("gao-1", "انفجرت عبوة ناسفة بمركبة عسكرية فرنسية قرب غاو.", [
        dict(event_date="2023-11-20", event_type="Explosions/Remote violence",
             sub_event_type="Remote explosive/landmine/IED", actor1="is_sahel", actor2="military:france",
             location="Gao", admin1="Gao", admin2="Gao", latitude=16.27, longitude=-0.04, fatalities=1),
        dict(event_date="2023-11-21", status="background", event_type="Battles", sub_event_type="Armed clash",
             actor1="is_sahel", actor2="msa", location="Ménaka", admin1="Ménaka", admin2="Ménaka",
             latitude=15.92, longitude=2.40, fatalities=None),
    ]),
    ("bf-1", "قتل عشرون جنديا بوركينيا في هجوم على مفرزة جيبو.", [
        dict(event_date="2024-02-10", country="Burkina Faso", admin1="Sahel", admin2="Soum", location="Djibo",
             latitude=14.10, longitude=-1.63, actor2="military:burkina_faso", fatalities=20),
    ]),
    ("nodate-1", "تقرير عن الوضع الأمني_العام في النيجر.", [
        dict(event_date=None, date_min="2023-06-01", date_max="2023-06-30", time_precision=3, country="Niger",
             admin1="Tillabéri", admin2=None, location="Tillabéri", latitude=14.21, longitude=1.45, geo_precision=3,
             fatalities=None, actor1="is_sahel", actor2="military:niger"),
    ]),
]


def _event(doc_id: str, text: str, over: dict[str, Any]) -> Event:
    base: dict[str, Any] = dict(
        doc_id=doc_id, event_date="2024-01-02", time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="jnim", actor2="military:mali", country="Mali", admin1="Mopti",
        admin2="Douentza", location="Boni", latitude=15.05, longitude=-2.21, geo_precision=1, fatalities=0,
        evidence=[Evidence("trigger", 0, min(len(text), 12)), Evidence("location", len(text) - 6, len(text) - 1)],
        claims=[Claim("army", over.get("fatalities"), quote=text[-14:])],
        notes=f"note for {doc_id}",
    )
    base.update(over)
    if "date_min" not in over:
        base["date_min"] = base["date_max"] = base["event_date"]
    return Event(**base)


@pytest.fixture
def filled(store: Store) -> Store:
    for doc_id, text, overs in DOCS:
        document = Document(doc_id, text, "2024-03-01", title=f"title {doc_id}", outlet="outlet")
        ingest(store.session_factory, document, [_event(doc_id, text, o) for o in overs])
    return store


def keys(items: list[Any]) -> list[str]:
    return [f"{it.event.doc_id}:{it.event.location}" for it in items]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(), ["bf-1:Djibo", "mopti-2:Sévaré", "mopti-1:Boni", "gao-1:Ménaka", "gao-1:Gao",
                         "nodate-1:Tillabéri"]),
        (EventFilter(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31)), ["mopti-2:Sévaré", "mopti-1:Boni"]),
        (EventFilter(date_to=date(2023, 6, 30)), ["nodate-1:Tillabéri"]),
        (EventFilter(country="mali"), ["mopti-2:Sévaré", "mopti-1:Boni", "gao-1:Ménaka", "gao-1:Gao"]),
        (EventFilter(admin1="Gao"), ["gao-1:Gao"]),
        (EventFilter(bbox=(-5.0, 14.0, -2.0, 15.5)), ["mopti-2:Sévaré", "mopti-1:Boni"]),
        (EventFilter(actor="katiba_macina"), ["mopti-1:Boni"]),
        (EventFilter(actor="is_sahel"), ["gao-1:Ménaka", "gao-1:Gao", "nodate-1:Tillabéri"]),
        (EventFilter(actor="civilians:mali"), ["mopti-2:Sévaré"]),
        (EventFilter(event_type="Explosions/Remote violence"), ["gao-1:Gao"]),
        (EventFilter(sub_event_type="Abduction/forced disappearance"), ["mopti-2:Sévaré"]),
        (EventFilter(min_fatalities=3), ["bf-1:Djibo", "mopti-1:Boni"]),
        (EventFilter(min_fatalities=0, country="Mali"), ["mopti-2:Sévaré", "mopti-1:Boni", "gao-1:Gao"]),
        (EventFilter(status="background"), ["gao-1:Ménaka"]),
        (EventFilter(text="سيفاري"), ["mopti-2:Sévaré"]),  # in the evidence span / document text
        (EventFilter(text="TITLE BF"), ["bf-1:Djibo"]),  # document title, case-insensitive
        (EventFilter(text="note for gao"), ["gao-1:Ménaka", "gao-1:Gao"]),
        (EventFilter(text="100%"), ["mopti-1:Boni"]),  # % is a character, not a wildcard
        (EventFilter(text="_"), ["nodate-1:Tillabéri"]),  # and so is _
        (EventFilter(text="x' OR '1'='1"), []),
        (EventFilter(doc_id="gao-1", status="reported"), ["gao-1:Gao"]),
        (EventFilter(country="Mali", actor="jnim", min_fatalities=1, date_from=date(2024, 1, 1)), ["mopti-1:Boni"]),
    ],
)
def test_filters(filled: Store, flt: EventFilter, expected: list[str]) -> None:
    with filled.session() as s:
        page = query_events(s, flt, limit=100)
        assert keys(page.items) == expected
        assert page.next_cursor is None
        assert count_events(s, flt) == len(expected)


def test_cluster_filter_and_sources(filled: Store) -> None:
    with filled.session() as s:
        boni = query_events(s, EventFilter(doc_id="mopti-1")).items[0]
        assert boni.cluster_id and boni.event.sources == ["mopti-1"]
        assert keys(query_events(s, EventFilter(cluster_id=boni.cluster_id)).items) == ["mopti-1:Boni"]


@pytest.mark.parametrize("limit", [1, 2, 4, 5])
def test_keyset_pages_cover_everything_once(filled: Store, limit: int) -> None:
    with filled.session() as s:
        everything = [it.id for it in query_events(s, EventFilter(), limit=100).items]
        seen: list[int] = []
        cursor = None
        for _ in range(10):
            page = query_events(s, EventFilter(), limit=limit, cursor=cursor)
            assert len(page.items) <= limit
            seen.extend(it.id for it in page.items)
            cursor = page.next_cursor
            if cursor is None:
                break
        assert seen == everything and len(everything) == 6
        assert [it.id for it in iter_events(s, EventFilter(), batch=limit)] == everything


@pytest.mark.parametrize(("cursor", "limit"), [("not-a-cursor!", 10), ("MjAyNHwx", 10), (None, 0), (None, 1001)])
def test_bad_cursor_or_limit_is_a_query_error(filled: Store, cursor: str | None, limit: int) -> None:
    with filled.session() as s, pytest.raises(QueryError):
        query_events(s, EventFilter(), limit=limit, cursor=cursor)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(date_from=date(2024, 2, 1), date_to=date(2024, 1, 1)),
        dict(bbox=(-5.0, 16.0, -2.0, 15.0)),
        dict(bbox=(-500.0, 14.0, -2.0, 15.0)),
        dict(min_fatalities=-1),
    ],
)
def test_impossible_filter_is_a_query_error(kwargs: dict[str, Any]) -> None:
    with pytest.raises(QueryError):
        EventFilter(**kwargs)


def test_event_round_trips_through_the_store(filled: Store) -> None:
    text, over = DOCS[2][1], DOCS[2][2][0]
    expected = _event("gao-1", text, over).to_dict()
    with filled.session() as s:
        got = query_events(s, EventFilter(doc_id="gao-1", status="reported")).items[0].to_dict()
    assert got.pop("id") > 0
    assert got.pop("cluster_id").startswith("c-") and got.pop("event_id") == "gao-1#1"
    expected.pop("cluster_id"), expected.pop("event_id")
    assert got == expected


def test_event_detail_has_sources_claims_and_excerpts(filled: Store) -> None:
    text = DOCS[1][1]
    with filled.session() as s:
        sid = query_events(s, EventFilter(doc_id="mopti-2")).items[0].id
        detail = get_event(s, sid)
        assert detail is not None and get_event(s, 10_000) is None
    assert [src.doc_id for src in detail.sources] == ["mopti-2"] and detail.sources[0].title == "title mopti-2"
    assert [(e.field, e.text) for e in detail.evidence] == [("trigger", text[:12]), ("location", text[-6:-1])]
    assert detail.evidence[1].before == text[max(0, len(text) - 86): len(text) - 6]
    assert detail.claims[0].quote == text[-14:]
    assert detail.cluster is not None and detail.cluster.n_sources == 1 and detail.related == []


def test_document_detail(filled: Store) -> None:
    with filled.session() as s:
        d = get_document(s, "gao-1")
        assert get_document(s, "missing") is None
        docs = list_documents(s)
        counts = facets(s)
    assert d is not None and d.text == DOCS[2][1] and len(d.events) == 2
    assert [e.event.location for e in d.events] == ["Gao", "Ménaka"]
    assert [x.start for _eid, x in d.evidence] == sorted(x.start for _eid, x in d.evidence)
    assert {doc_id for doc_id, _t, _n in docs} == {doc_id for doc_id, _t, _o in DOCS}
    assert dict(counts["country"]) == {"Mali": 4, "Burkina Faso": 1, "Niger": 1}


def test_merged_event_lists_every_source(store: Store, make_event: Callable[..., Event],
                                         make_doc: Callable[..., Document]) -> None:
    text_b = "هاجم مسلحون من جماعة نصرة الإسلام معسكرا في بوني وقتلوا سبعة جنود."
    ingest(store.session_factory, make_doc("doc-a"), [make_event("doc-a")])
    ingest(store.session_factory, make_doc("doc-b", text_b), [make_event("doc-b", text=text_b, fatalities=7)])
    with store.session() as s:
        items = query_events(s, EventFilter()).items
        assert [it.event.sources for it in items] == [["doc-a", "doc-b"]] * 2
        detail = get_event(s, items[0].id)
    assert detail is not None and detail.cluster is not None
    assert (detail.cluster.fatalities, detail.cluster.fatalities_min, detail.cluster.fatalities_max) == (5, 5, 7)
    assert sorted(src.doc_id for src in detail.sources) == ["doc-a", "doc-b"] and len(detail.related) == 1

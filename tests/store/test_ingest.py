"""Ingest: idempotence, atomic replacement, failures leaving nothing behind, batches, re-clustering."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from marsad.document import Document
from marsad.records import Evidence
from marsad.store import IngestError, delete_document, ingest, ingest_many
from marsad.store.db import Store
from marsad.store.models import ClaimRow, ClusterRow, DocumentRow, EventActorRow, EventRow, EvidenceRow

TABLES = (DocumentRow, EventRow, ClaimRow, EvidenceRow, EventActorRow, ClusterRow)
TEXT_B = "قتل خمسة جنود ماليين في هجوم على معسكر الجيش في بوني الثلاثاء، وتبنت الهجوم جماعة نصرة الإسلام."
TEXT_FAR = "هاجمت جماعة مسلحة موقعا للجيش قرب كيدال يوم الثلاثاء."


def snapshot(store: Store) -> dict[str, Any]:
    """Everything observable of the store: row counts, documents, events with their clusters, cluster rows."""
    with store.session() as s:
        out: dict[str, Any] = {t.__tablename__: s.execute(select(func.count()).select_from(t)).scalar_one()
                               for t in TABLES}
        out["docs"] = sorted(s.execute(select(DocumentRow.doc_id, DocumentRow.content_hash, DocumentRow.text)).all())
        out["rows"] = sorted(s.execute(select(EventRow.key, EventRow.fatalities, EventRow.location,
                                                EventRow.cluster_id)).all())
        out["clusters"] = sorted(s.execute(select(ClusterRow.id, ClusterRow.fatalities, ClusterRow.n_sources)).all())
    return out


def test_same_document_twice_changes_nothing(store: Store, make_event: Callable[..., Any],
                                             make_doc: Callable[..., Document]) -> None:
    d = make_doc("doc-a")
    assert ingest(store.session_factory, d, [make_event("doc-a")]) == "inserted"
    before = snapshot(store)
    assert ingest(store.session_factory, d, [make_event("doc-a"), make_event("doc-a")]) == "unchanged"
    assert snapshot(store) == before
    assert before["events"] == 1 and before["claims"] == 1 and before["evidence"] == 1 and before["event_actors"] == 2


def test_changed_document_replaces_its_events(store: Store, make_event: Callable[..., Any],
                                              make_doc: Callable[..., Document]) -> None:
    ingest(store.session_factory, make_doc("doc-a"), [make_event("doc-a"), make_event("doc-a", location="Douentza")])
    new_text = TEXT_B
    outcome = ingest(store.session_factory, make_doc("doc-a", new_text),
                     [make_event("doc-a", text=new_text, fatalities=7)])
    assert outcome == "replaced"
    snap = snapshot(store)
    assert snap["docs"] == [("doc-a", make_doc("doc-a", new_text).content_hash, new_text)]
    assert [(k, f) for k, f, _loc, _c in snap["rows"]] == [("doc-a#1", 7)]
    assert snap["claims"] == 1 and snap["evidence"] == 1 and snap["clusters"] == [(snap["rows"][0][3], 7, 1)]


@pytest.mark.parametrize("stage", ["new document", "replacement"])
def test_failure_mid_transaction_leaves_store_as_before(store: Store, make_event: Callable[..., Any],
                                                        make_doc: Callable[..., Document], stage: str) -> None:
    ingest(store.session_factory, make_doc("doc-b", TEXT_B), [make_event("doc-b", text=TEXT_B)])
    if stage == "replacement":
        ingest(store.session_factory, make_doc("doc-a"), [make_event("doc-a")])
    before = snapshot(store)
    # the document row and the events go in first; the evidence row without a field name then violates NOT NULL
    broken = make_event("doc-a", text=TEXT_FAR, evidence=[Evidence(None, 0, 3)])  # type: ignore[arg-type]
    with pytest.raises(SQLAlchemyError):
        ingest(store.session_factory, make_doc("doc-a", TEXT_FAR), [make_event("doc-a", text=TEXT_FAR), broken])
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("event_date", "2024-02-30", "event_date '2024-02-30' is not a YYYY-MM-DD date"),
        ("date_min", "yesterday", "date_min 'yesterday' is not a YYYY-MM-DD date"),
        ("doc_id", "other-doc", "event 1 belongs to document 'other-doc'"),
    ],
)
def test_bad_event_is_refused_with_reason(store: Store, make_event: Callable[..., Any],
                                          make_doc: Callable[..., Document], field: str, value: str,
                                          reason: str) -> None:
    event = make_event("doc-a")
    setattr(event, field, value)
    with pytest.raises(IngestError) as info:
        ingest(store.session_factory, make_doc("doc-a"), [event])
    assert info.value.reason == reason
    assert snapshot(store)["documents"] == 0


def test_batch_stores_good_documents_and_reports_bad_ones(store: Store, make_event: Callable[..., Any],
                                                         make_doc: Callable[..., Document]) -> None:
    items = [(make_doc(f"d{i}", f"{TEXT_B} {i}"), [make_event(f"d{i}", text=TEXT_B, event_date=f"2023-05-{i + 1:02d}",
                                                            date_min=None, date_max=None)])
             for i in range(7)]
    items[3] = (items[3][0], [make_event("d3", event_date="2023-05-99")])
    items.append(items[0])  # the same document again in the batch
    failures: list[tuple[str, str]] = []
    report = ingest_many(store.session_factory, items, batch_size=3, on_failure=lambda d, r: failures.append((d, r)))
    assert report.failed == failures == [("d3", "event_date '2023-05-99' is not a YYYY-MM-DD date")]
    assert (report.inserted, report.unchanged, report.replaced) == (6, 1, 0)
    snap = snapshot(store)
    assert snap["documents"] == 6 and snap["events"] == 6
    # reports a day or two apart merge; a chain of them does not stretch one cluster over more than three days
    days = {k: c for k, _f, _l, c in snap["rows"]}
    assert days["d0#1"] == days["d1#1"] == days["d2#1"] != days["d4#1"]
    again = ingest_many(store.session_factory, items[:3], batch_size=10)
    assert again.unchanged == 3 and snapshot(store) == snap


def test_reports_of_one_event_share_a_cluster_until_one_changes(store: Store, make_event: Callable[..., Any],
                                                                make_doc: Callable[..., Document]) -> None:
    sf = store.session_factory
    ingest(sf, make_doc("doc-a"), [make_event("doc-a", fatalities=5)])
    ingest(sf, make_doc("doc-b", TEXT_B), [make_event("doc-b", text=TEXT_B, fatalities=9,
                                                      claims=[], location="Boni", latitude=15.06)])
    snap = snapshot(store)
    (_, _, _, ca), (_, _, _, cb) = snap["rows"]
    assert ca == cb and snap["clusters"] == [(ca, 5, 2)]  # ACLED: the lowest figure between sources
    with store.session() as s:
        row = s.get(ClusterRow, ca)
        assert row is not None and (row.fatalities_min, row.fatalities_max) == (5, 9)
    # doc-b is corrected: the attack was in Kidal; the cluster splits, each record on its own
    ingest(sf, make_doc("doc-b", TEXT_FAR), [make_event("doc-b", text=TEXT_FAR, location="Kidal", admin1="Kidal",
                                                        admin2="Kidal", geonameid=2455290, latitude=18.44,
                                                        longitude=1.41, fatalities=2)])
    snap = snapshot(store)
    (_, _, _, ca2), (_, _, _, cb2) = snap["rows"]
    assert ca2 != cb2
    assert sorted((f, n) for _c, f, n in snap["clusters"]) == [(2, 1), (5, 1)]
    # and removing doc-a leaves only doc-b's cluster
    assert delete_document(sf, "doc-a") and not delete_document(sf, "doc-a")
    snap = snapshot(store)
    assert [c for c, _f, _n in snap["clusters"]] == [cb2] and snap["documents"] == 1 and snap["claims"] == 1


def test_two_events_of_one_document_never_share_a_cluster(store: Store, make_event: Callable[..., Any],
                                                          make_doc: Callable[..., Document]) -> None:
    ingest(store.session_factory, make_doc("doc-a"), [make_event("doc-a"), make_event("doc-a", fatalities=1)])
    ingest(store.session_factory, make_doc("doc-b", TEXT_B), [make_event("doc-b", text=TEXT_B)])
    clusters = [c for _k, _f, _l, c in snapshot(store)["rows"]]
    assert clusters[0] != clusters[1] and clusters[2] in clusters[:2]


def test_store_clusters_match_the_pure_function(store: Store, make_event: Callable[..., Any],
                                                make_doc: Callable[..., Document]) -> None:
    from marsad.merge import cluster_events

    texts = {f"d{i}": f"{TEXT_B} ({i})" for i in range(6)}
    events = [
        make_event("d0", text=texts["d0"]),
        make_event("d1", text=texts["d1"], latitude=15.07),
        make_event("d2", text=texts["d2"], event_date="2024-01-03", date_min="2024-01-03", date_max="2024-01-03"),
        # another region and its own toll (the same words and toll would be one dispatch, placed wrong once)
        make_event("d3", text=texts["d3"], location="Kidal", admin1="Kidal", latitude=18.44, longitude=1.41,
                   geonameid=2455290, fatalities=2, claims=[]),
        make_event("d4", text=texts["d4"], event_type="Violence against civilians", sub_event_type="Attack",
                   actor2="civilians:mali"),
        make_event("d5", text=texts["d5"], event_date="2024-03-03", date_min="2024-03-03", date_max="2024-03-03"),
    ]
    for ev in reversed(events):  # the store sees them in another order than the function
        ingest(store.session_factory, make_doc(ev.doc_id, texts[ev.doc_id]), [ev])
    expected = {f"{e.doc_id}#1": e.cluster_id for e in cluster_events(
        [make_event(e.doc_id, text=texts[e.doc_id], **_overrides(e)) for e in events], texts)}
    stored = {k: c for k, _f, _l, c in snapshot(store)["rows"]}
    # the same partition; ids may differ: a stored cluster keeps the id it had when reports join it (spec §6)
    assert _partition(stored) == _partition(expected)
    assert len(set(stored.values())) == 4  # d0, d1, d2 one event; the others alone


def _partition(assigned: dict[str, str | None]) -> set[frozenset[str]]:
    groups: dict[str | None, set[str]] = {}
    for key, cid in assigned.items():
        groups.setdefault(cid, set()).add(key)
    return {frozenset(g) for g in groups.values()}


def _overrides(ev: Any) -> dict[str, Any]:
    keys = ("event_date", "date_min", "date_max", "location", "admin1", "latitude", "longitude", "geonameid",
            "event_type", "sub_event_type", "actor2", "fatalities", "claims")
    return {k: getattr(ev, k) for k in keys}


def test_headline_spans_keep_their_part(store: Store, make_event: Callable[..., Any],
                                        make_doc: Callable[..., Document]) -> None:
    """A span in the headline (``part`` = ``title``) is stored as such and excerpted from the title."""
    from marsad.store.query import get_document, get_event

    d = make_doc("t-1", title="مقتل سبعة جنود قرب دوانتزا")
    ev = make_event("t-1")
    ev.evidence = [Evidence("location", 19, 26, "title"), Evidence("event_type", 0, 4)]
    ingest(store.session_factory, d, [ev])
    with store.session() as s:
        row_id = s.scalars(select(EventRow.id)).one()
        detail = get_event(s, row_id)
        doc = get_document(s, "t-1")
    assert detail is not None and doc is not None
    assert [(e.part, e.start, e.end) for e in detail.event.event.evidence] == [("title", 19, 26), (None, 0, 4)]
    title_excerpt = next(x for x in detail.evidence if x.part == "title")
    assert title_excerpt.text == "دوانتزا"

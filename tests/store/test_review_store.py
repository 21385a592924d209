"""The review loop loses nothing: a corrected document re-ingested keeps every reviewed field, every
cluster correction, every split and every audit line (SQLite and PostgreSQL); reviewed events export as
gold lines that the referee's score.py reads."""

from __future__ import annotations

import importlib.util
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from marsad.document import Document
from marsad.export.gold import write_gold
from marsad.records import Event
from marsad.store import ingest
from marsad.store.db import Store
from marsad.store.models import AuditRow, ClusterRow, EventRow
from marsad.store.review import patch_cluster, patch_event

SCORE = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "score.py"
TEXT_A = "قالت مصادر أمنية إن مسلحين هاجموا معسكرا للجيش في بوني يوم الثلاثاء وقتلوا خمسة جنود، ثم اشتبكوا قرب دوينتزا."
TEXT_A2 = TEXT_A + " وأضاف مسؤول محلي أن الحصيلة قد ترتفع."
TEXT_B = "أكد الجيش المالي أن معسكره في بوني تعرض لهجوم يوم الثلاثاء قتل فيه خمسة جنود."
EVENT_FIELDS = {"fatalities": 7, "location": "Boni", "actor1": "jnim", "assoc_actors2": ["wagner"],
                "event_date": "2024-01-02", "time_precision": 1}


def _state(store: Store) -> dict[str, Any]:
    with store.session() as s:
        events = {r.key: r for r in s.scalars(select(EventRow))}
        return {
            "audit": [(a.at, a.who, a.target, a.target_id, a.field, a.old, a.new)
                      for a in s.scalars(select(AuditRow).order_by(AuditRow.id))],
            "reviewed": {k: r.reviewed for k, r in events.items() if r.reviewed},
            "values": {k: {f: _plain(getattr(r, f)) for f in EVENT_FIELDS} for k, r in events.items()},
            "clusters": {k: r.cluster_id for k, r in events.items()},
            "cluster_fatalities": {c.id: c.fatalities for c in s.scalars(select(ClusterRow))},
        }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _patch(store: Store, fn: Callable[..., Any], *args: Any) -> Any:
    with store.session_factory() as session, session.begin():
        return fn(session, *args, who="alice")


def test_corrections_survive_reingest(store: Store, make_event: Callable[..., Event],
                                      make_doc: Callable[..., Document]) -> None:
    ingest(store.session_factory, make_doc("doc-a", TEXT_A), [
        make_event("doc-a", TEXT_A, actor1="unidentified", fatalities=5),
        make_event("doc-a", TEXT_A, location="Douentza", latitude=15.0, longitude=-2.95, geonameid=2458334,
                   event_type="Violence against civilians", sub_event_type="Attack", actor2="civilians:mali")])
    ingest(store.session_factory, make_doc("doc-b", TEXT_B), [make_event("doc-b", TEXT_B, fatalities=5)])
    before = _state(store)
    cid = before["clusters"]["doc-a#1"]
    assert before["clusters"]["doc-b#1"] == cid
    with store.session() as s:
        a1 = s.scalars(select(EventRow.id).where(EventRow.key == "doc-a#1")).one()
    _patch(store, patch_event, a1, dict(EVENT_FIELDS))
    _patch(store, patch_cluster, cid, {"fatalities": 6})
    _patch(store, patch_cluster, cid, {"split": ["doc-b#1"]})
    reviewed = _state(store)
    assert reviewed["values"]["doc-a#1"] == EVENT_FIELDS
    assert len(reviewed["audit"]) >= len(EVENT_FIELDS) - 2  # (fields that already had the value: no line)

    # the document is corrected at the source and extracted again: other figures, the same two events
    outcome = ingest(store.session_factory, make_doc("doc-a", TEXT_A2), [
        make_event("doc-a", TEXT_A2, actor1="unidentified", fatalities=11, location="Douentza"),
        make_event("doc-a", TEXT_A2, location="Douentza", event_type="Violence against civilians",
                   sub_event_type="Attack", actor2="civilians:mali")])
    assert outcome == "replaced"
    after = _state(store)
    assert after["values"]["doc-a#1"] == EVENT_FIELDS  # every reviewed field
    assert after["reviewed"] == reviewed["reviewed"]  # with who and when
    assert after["audit"] == reviewed["audit"]  # every audit line, unchanged
    assert after["clusters"]["doc-a#1"] == cid != after["clusters"]["doc-b#1"]  # the split holds
    assert after["cluster_fatalities"][cid] == 6  # the merged event's correction too


@pytest.mark.skipif(not SCORE.is_file(), reason=f"referee not found at {SCORE}")
def test_gold_export_is_read_by_the_referee(store: Store, make_event: Callable[..., Event],
                                            make_doc: Callable[..., Document]) -> None:
    ingest(store.session_factory, make_doc("doc-a", TEXT_A), [make_event("doc-a", TEXT_A)])
    ingest(store.session_factory, make_doc("doc-b", TEXT_B), [make_event("doc-b", TEXT_B)])
    ingest(store.session_factory, make_doc("doc-c", TEXT_B + " "), [make_event(
        "doc-c", TEXT_B + " ", event_date="2023-05-05", date_min="2023-05-05", date_max="2023-05-05")])
    with store.session() as s:
        ids = dict(s.execute(select(EventRow.key, EventRow.id)).all())
    _patch(store, patch_event, ids["doc-a#1"], {"fatalities": 4})
    _patch(store, patch_event, ids["doc-b#1"], {"location": "Boni"})
    out = io.StringIO()
    with store.session() as s:
        assert write_gold(s, out) == 2  # doc-c has no reviewed event
    gold = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [g["doc_id"] for g in gold] == ["doc-a", "doc-b"]
    assert gold[0]["events"][0]["fatalities"] == 4 and gold[0]["events"][0]["reviewed"] == ["fatalities"]
    assert gold[1]["events"][0]["same_as"] == "doc-a#1"
    assert all(e["quote"] for g in gold for e in g["events"])
    spec = importlib.util.spec_from_file_location("referee_score", SCORE)
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    preds = [{**e, "doc_id": g["doc_id"], "cluster_id": "same"} for g in gold for e in g["events"]]
    result = score.score(gold, preds)
    assert result["detection_f1"] == 1.0 and result["fatalities_exact"] == 1.0
    assert result["merge_recall"] == 1.0

"""The analyst's review loop: corrections of report-level events and of merged events, splits and joins,
every change in the ``audit`` table, and corrections that survive re-extraction.

    >>> patch_event(session, 12, {"fatalities": 7, "location": "Boni"}, who="alice")      # doctest: +SKIP
    >>> patch_cluster(session, "c-1", {"split": ["doc-b#1"]}, who="alice")               # doctest: +SKIP
    >>> patch_cluster(session, "c-1", {"join": "c-2"}, who="alice")                      # doctest: +SKIP

A patch is a JSON Merge Patch (RFC 7396) of the record's fields: each key sets that field (``null``
clears it; lists are replaced whole). A reviewed field is kept in the event's ``reviewed`` column
(``{field: {"value", "by", "at"}}``) and wins over extraction: a re-ingested document gets its
reviewed values back on the record with the same key (``"{doc_id}#{n}"``). On a merged event,
``split`` (event keys or row ids) moves reports to a new merged event and ``join`` (a cluster id or a
list) joins other merged events into one, the older id surviving; both pin the reports' cluster
(``reviewed["cluster_id"]``), so later merging does not undo them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from marsad.merge.cluster import cluster_id_for
from marsad.merge.record import REVIEWABLE
from marsad.records import EVENT_TYPES, SUB_TO_TYPE
from marsad.store.models import (
    AuditRow,
    ClusterPointerRow,
    ClusterRecordRow,
    ClusterReviewRow,
    ClusterRow,
    EventActorRow,
    EventRow,
)

CLUSTER_OPS = ("split", "join")
_DATES = ("event_date", "date_min", "date_max")
_INTS = {"time_precision": (1, 3), "geo_precision": (1, 3), "fatalities": (0, 1_000_000), "geonameid": (0, 2**31 - 1)}
_STRINGS = {"event_type": 64, "sub_event_type": 64, "actor1": 64, "actor2": 64, "country": 64, "admin1": 128,
            "admin2": 128, "location": 255, "admin1_pcode": 32, "admin2_pcode": 32, "notes": 20_000}


class ReviewError(ValueError):
    """A patch that cannot be applied; ``field`` names the offending key (the API answers 422)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(LookupError):
    """No event or merged event of that id."""


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_value(name: str, value: Any) -> Any:
    """The value of field ``name`` as stored, or ReviewError naming the field and the reason."""
    if value is None:
        return None
    if name in _DATES:
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError(value)
            return date.fromisoformat(value).isoformat()
        except ValueError as exc:
            raise ReviewError(name, "expected a YYYY-MM-DD date") from exc
    if name in _INTS:
        lo, hi = _INTS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ReviewError(name, f"expected an integer from {lo} to {hi}")
        return value
    if name in ("latitude", "longitude"):
        limit = 90 if name == "latitude" else 180
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or abs(
                value) > limit:
            raise ReviewError(name, f"expected a number from -{limit} to {limit}")
        return float(value)
    if name in ("assoc_actors1", "assoc_actors2"):
        if not isinstance(value, list) or not all(isinstance(v, str) and 0 < len(v) <= 64 for v in value):
            raise ReviewError(name, "expected a list of actor ids")
        return list(dict.fromkeys(value))
    if name == "status":
        if value not in ("reported", "background"):
            raise ReviewError(name, "expected reported or background")
        return value
    if name in _STRINGS:
        if not isinstance(value, str) or not value.strip() or len(value) > _STRINGS[name] or "\x00" in value:
            raise ReviewError(name, f"expected a non-empty text of at most {_STRINGS[name]} characters")
        if name == "event_type" and value not in EVENT_TYPES:
            raise ReviewError(name, f"not an ACLED event type: {value!r}")
        if name == "sub_event_type" and value not in SUB_TO_TYPE:
            raise ReviewError(name, f"not an ACLED sub-event type: {value!r}")
        return value
    raise ReviewError(name, f"not a field that can be corrected (fields: {', '.join(REVIEWABLE)})")


def check_patch(patch: Any, *, allowed: Iterable[str] = REVIEWABLE) -> dict[str, Any]:
    if not isinstance(patch, dict) or not patch:
        raise ReviewError("body", "expected a JSON object of the fields to set (a JSON Merge Patch)")
    names = set(allowed)
    out: dict[str, Any] = {}
    for name, value in patch.items():
        if name not in names:
            raise ReviewError(name, f"not a field that can be corrected (fields: {', '.join(sorted(names))})")
        out[name] = check_value(name, value)
    sub = out.get("sub_event_type")
    typ = out.get("event_type")
    if sub is not None and typ is not None and SUB_TO_TYPE[sub] != typ:
        raise ReviewError("sub_event_type", f"{sub!r} is not a sub-event type of {typ!r}")
    return out


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _audit(session: Session, who: str, at: str, target: str, target_id: str, changes: Iterable[tuple[str, Any, Any]],
           ) -> None:
    rows = [{"at": at, "who": who, "target": target, "target_id": target_id, "field": f, "old": _json(o),
             "new": _json(n)} for f, o, n in changes]
    if rows:
        session.execute(insert(AuditRow), rows)


def _set_event_fields(row: EventRow, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        if name == "cluster_id":
            row.cluster_id = value
        elif name in _DATES:
            setattr(row, name, date.fromisoformat(value) if value else None)
        else:
            setattr(row, name, value)
    if any(n in values for n in _DATES):
        row.day = row.event_date or row.date_min or row.date_max or row.day
    if "assoc_actors1" in values or "assoc_actors2" in values:  # the side-less list merging reads
        row.assoc_actors = list(dict.fromkeys([*(row.assoc_actors1 or []), *(row.assoc_actors2 or [])]))


def _sync_actors(session: Session, row: EventRow) -> None:
    session.execute(delete(EventActorRow).where(EventActorRow.event_id == row.id))
    roles = {("actor1", row.actor1), ("actor2", row.actor2),
             *(("assoc", a) for a in [*(row.assoc_actors1 or []), *(row.assoc_actors2 or [])])}
    payload = [{"event_id": row.id, "role": r, "actor": a} for r, a in sorted(roles, key=str) if a]
    if payload:
        session.execute(insert(EventActorRow), payload)


def patch_event(session: Session, event_id: int, patch: Any, *, who: str) -> list[tuple[str, Any, Any]]:
    """Correct fields of one stored event; returns the (field, old, new) changes made (also audited)."""
    from marsad.store.recluster import recluster

    values = check_patch(patch)
    row = session.get(EventRow, event_id)
    if row is None:
        raise NotFound(f"no event {event_id}")
    at = now()
    changes = [(n, _json(getattr(row, n)), v) for n, v in values.items() if _json(getattr(row, n)) != v]
    reviewed = dict(row.reviewed or {})
    for name, value in values.items():
        reviewed[name] = {"value": value, "by": who, "at": at}
    _set_event_fields(row, values)
    row.reviewed = reviewed
    _audit(session, who, at, "event", row.key, changes)
    session.flush()
    if {"actor1", "actor2", "assoc_actors1", "assoc_actors2"} & set(values):
        _sync_actors(session, row)
    recluster(session, fresh_doc_ids=[row.doc_id], orphan_clusters={row.cluster_id} if row.cluster_id else set())
    return changes


def _members(session: Session, cluster_id: str) -> list[EventRow]:
    return list(session.scalars(select(EventRow).where(EventRow.cluster_id == cluster_id).order_by(EventRow.id)))


def _pin(session: Session, rows: Iterable[EventRow], cluster_id: str, who: str, at: str) -> None:
    for row in rows:
        old = row.cluster_id
        reviewed = dict(row.reviewed or {})
        reviewed["cluster_id"] = {"value": cluster_id, "by": who, "at": at}
        row.reviewed = reviewed
        row.cluster_id = cluster_id
        _audit(session, who, at, "event", row.key, [("cluster_id", old, cluster_id)])


def _pick(members: list[EventRow], refs: Any) -> list[EventRow]:
    if not isinstance(refs, list) or not refs:
        raise ReviewError("split", "expected a list of the reports to move: event keys or ids")
    by_key = {m.key: m for m in members} | {str(m.id): m for m in members}
    picked = []
    for ref in refs:
        found = by_key.get(str(ref))
        if found is None:
            raise ReviewError("split", f"{ref!r} is not a report of this merged event")
        picked.append(found)
    if len({m.id for m in picked}) == len(members):
        raise ReviewError("split", "a split must leave at least one report in the merged event")
    return picked


def patch_cluster(session: Session, cluster_id: str, patch: Any, *, who: str) -> str:
    """Correct a merged event, split it or join others into it; returns the id of the merged event that
    holds the result (another id when this one was joined into an older one)."""
    from marsad.store.recluster import _refresh

    if not isinstance(patch, dict) or not patch:
        raise ReviewError("body", "expected a JSON object of the fields to set (a JSON Merge Patch)")
    if session.get(ClusterRow, cluster_id) is None:
        raise NotFound(f"no cluster {cluster_id!r}")
    ops = {k: patch[k] for k in CLUSTER_OPS if k in patch}
    values = check_patch({k: v for k, v in patch.items() if k not in CLUSTER_OPS}) if len(ops) < len(patch) else {}
    at = now()
    touched = {cluster_id}
    result = cluster_id
    if "split" in ops:
        members = _members(session, cluster_id)
        moved = _pick(members, ops["split"])
        new_id = cluster_id_for([m.key for m in moved])
        _pin(session, moved, new_id, who, at)
        _pin(session, [m for m in members if m not in moved], cluster_id, who, at)
        _audit(session, who, at, "cluster", cluster_id, [("split", [m.key for m in moved], new_id)])
        touched.add(new_id)
    if "join" in ops:
        others = ops["join"] if isinstance(ops["join"], list) else [ops["join"]]
        if not others or not all(isinstance(o, str) for o in others):
            raise ReviewError("join", "expected a cluster id or a list of them")
        groups = {cluster_id: _members(session, cluster_id)}
        for other in others:
            if other != cluster_id:
                if session.get(ClusterRow, other) is None:
                    raise ReviewError("join", f"no cluster {other!r}")
                groups[other] = _members(session, other)
        result = min(groups, key=lambda c: (min((m.id for m in groups[c]), default=1 << 62), c))  # the oldest
        for cid, rows in groups.items():
            _pin(session, rows, result, who, at)
            if cid != result:
                session.execute(delete(ClusterPointerRow).where(ClusterPointerRow.id == cid))
                session.execute(insert(ClusterPointerRow), [{"id": cid, "target": result}])
                _move_reviews(session, cid, result)
                _audit(session, who, at, "cluster", cid, [("join", cid, result)])
        touched |= set(groups)
    if values:
        stored = session.get(ClusterRecordRow, result)
        record = stored.record if stored is not None else {}
        for name, value in values.items():
            session.execute(delete(ClusterReviewRow).where(ClusterReviewRow.cluster_id == result,
                                                           ClusterReviewRow.field == name))
            session.execute(insert(ClusterReviewRow), [{"cluster_id": result, "field": name, "value": value,
                                                        "by": who, "at": at}])
        _audit(session, who, at, "cluster", result,
               [(n, record.get(n), v) for n, v in values.items() if record.get(n) != v])
    session.flush()
    _refresh(session, touched)
    return result


def _move_reviews(session: Session, source: str, target: str) -> None:
    have = set(session.scalars(select(ClusterReviewRow.field).where(ClusterReviewRow.cluster_id == target)))
    for r in list(session.scalars(select(ClusterReviewRow).where(ClusterReviewRow.cluster_id == source))):
        if r.field not in have:
            session.execute(insert(ClusterReviewRow), [{"cluster_id": target, "field": r.field, "value": r.value,
                                                        "by": r.by, "at": r.at}])
    session.execute(delete(ClusterReviewRow).where(ClusterReviewRow.cluster_id == source))


# --- surviving re-extraction -------------------------------------------------------------------------


def snapshot_reviews(session: Session, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """key -> reviewed fields of the stored events of ``doc_ids`` that an analyst corrected."""
    out: dict[str, dict[str, Any]] = {}
    ids = sorted(set(doc_ids))
    for i in range(0, len(ids), 500):
        for key, reviewed in session.execute(select(EventRow.key, EventRow.reviewed).where(
                EventRow.doc_id.in_(ids[i : i + 500]), EventRow.reviewed.is_not(None))):
            if reviewed:
                out[key] = dict(reviewed)
    return out


def reapply_reviews(session: Session, snapshot: Mapping[str, Mapping[str, Any]]) -> None:
    """Put the reviewed values back on the re-extracted events with the same keys (before re-clustering).
    A reviewed event the new extraction no longer has is noted in the audit table."""
    if not snapshot:
        return
    rows = {r.key: r for r in session.scalars(select(EventRow).where(EventRow.key.in_(sorted(snapshot))))}
    at = now()
    for key, reviewed in snapshot.items():
        row = rows.get(key)
        if row is None:
            _audit(session, "marsad", at, "event", key, [("record", sorted(reviewed), None)])
            continue
        _set_event_fields(row, {f: r.get("value") for f, r in reviewed.items()})
        row.reviewed = dict(reviewed)
    session.flush()
    for key in snapshot:
        if key in rows and {"actor1", "actor2", "assoc_actors1", "assoc_actors2"} & set(snapshot[key]):
            _sync_actors(session, rows[key])


def pinned(reviewed: Mapping[str, Any] | None) -> str | None:
    """The cluster an analyst put an event in, if any."""
    pin = (reviewed or {}).get("cluster_id")
    return pin.get("value") if isinstance(pin, dict) else None

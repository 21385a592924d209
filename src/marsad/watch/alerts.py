"""Alerts: each new or changed merged event checked against the rules, each match recorded once.

A merged event has an alert *version*: 1 when first seen, bumped when what an alert shows changes (a new
source, another toll, type, place or actors). ``record_alerts`` bumps versions and inserts one
``watch_alerts`` row per (rule, cluster, version) in the caller's transaction — so a crash either keeps both
or neither. ``AlertSink.deliver`` then appends the pending rows to the JSON Lines file (skipping any whose key
the file already holds, so a crash between the write and its bookkeeping does not write twice) and POSTs
them to the rule's webhook with an ``Idempotency-Key`` header (retried with backoff, again after a restart).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from marsad.store.watch_tables import WatchAlertRow, WatchClusterRow, WatchClusterSourceRow
from marsad.watch.merged import merged_events
from marsad.watch.rules import Rule

log = logging.getLogger("marsad.watch")

# what an alert shows: a change of any of these makes a new version
SNAPSHOT_FIELDS = ("status", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                   "admin2", "location", "fatalities", "fatalities_max")
WEBHOOK_ATTEMPTS = 4


def alert_key(rule: str, cluster_id: str, version: int) -> str:
    return f"{rule}|{cluster_id}|{version}"


def _snapshot(event: dict[str, Any]) -> dict[str, Any]:
    snap = {k: event.get(k) for k in SNAPSHOT_FIELDS}
    snap["sources"] = sorted(s["doc_id"] for s in event.get("sources", []))
    return snap


def _fingerprint(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def describe_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed between two snapshots, in words: ``new source X``, ``fatalities 7 → 9``..."""
    out: list[str] = []
    added = sorted(set(new.get("sources", [])) - set(old.get("sources", [])))
    gone = sorted(set(old.get("sources", [])) - set(new.get("sources", [])))
    out.extend(f"new source {s}" for s in added)
    out.extend(f"source {s} withdrawn" for s in gone)
    for k in SNAPSHOT_FIELDS:
        if old.get(k) != new.get(k):
            label = "highest toll claimed" if k == "fatalities_max" else k.replace("_", " ")
            out.append(f"{label} {old.get(k)} → {new.get(k)}")
    return out


@dataclass(frozen=True, slots=True)
class NewAlert:
    key: str
    rule: str
    cluster_id: str
    version: int


@dataclass(slots=True)
class _Tracked:
    cluster_id: str
    version: int
    fingerprint: str
    snapshot: dict[str, Any]
    previous: str | None


def _tracked(session: Session, ids: Iterable[str]) -> dict[str, _Tracked]:
    out: dict[str, _Tracked] = {}
    wanted = sorted(set(ids))
    for i in range(0, len(wanted), 500):
        stmt = select(WatchClusterRow.cluster_id, WatchClusterRow.version, WatchClusterRow.fingerprint,
                      WatchClusterRow.snapshot, WatchClusterRow.previous).where(
            WatchClusterRow.cluster_id.in_(wanted[i : i + 500]))
        out.update((r.cluster_id, _Tracked(*r)) for r in session.execute(stmt))
    return out


def _sharing(session: Session, docs: Iterable[str]) -> dict[str, set[str]]:
    """doc id -> the tracked clusters that had it among their sources."""
    wanted = sorted(set(docs))
    out: dict[str, set[str]] = {}
    for i in range(0, len(wanted), 500):
        stmt = select(WatchClusterSourceRow.doc_id, WatchClusterSourceRow.cluster_id).where(
            WatchClusterSourceRow.doc_id.in_(wanted[i : i + 500]))
        for doc_id, cid in session.execute(stmt):
            out.setdefault(doc_id, set()).add(cid)
    return out


def record_alerts(session: Session, rules: Sequence[Rule], cluster_ids: Iterable[str]) -> list[NewAlert]:
    """Bump the version of each cluster whose snapshot changed and insert an alert row per matching rule
    (in the caller's transaction). Idempotent: an unchanged cluster gets nothing.

    A cluster seen for the first time continues the versions of the tracked cluster it shares the most
    documents with (the same event before its members, hence its id, changed)."""
    ids = sorted(set(cluster_ids))
    if not ids:
        return []
    events = merged_events(session, ids)
    snaps = {cid: _snapshot(ev) for cid, ev in events.items()}
    known = _tracked(session, snaps)
    fresh_docs = [d for cid, snap in snaps.items() if cid not in known for d in snap["sources"]]
    sharing = _sharing(session, fresh_docs)
    known.update(_tracked(session, {c for cs in sharing.values() for c in cs} - set(known)))
    now = datetime.now(UTC)
    out: list[NewAlert] = []
    new_clusters: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    new_sources: list[dict[str, str]] = []
    alerts: list[dict[str, Any]] = []
    for cid in ids:
        event = events.get(cid)
        if event is None:
            continue  # the cluster went (its records moved elsewhere)
        snap = snaps[cid]
        fp = _fingerprint(snap)
        row = known.get(cid)
        if row is not None and row.fingerprint == fp:
            continue
        before = row
        if before is None:
            shared: dict[str, int] = {}
            for d in snap["sources"]:
                for other in sharing.get(d, ()):
                    if other != cid and other in known:
                        shared[other] = shared.get(other, 0) + 1
            if shared:
                best = max(shared, key=lambda c: (shared[c], known[c].version, c))
                before = known[best]
        changes = describe_changes(before.snapshot, snap) if before is not None else []
        version = before.version + 1 if before is not None else 1
        if row is None:
            previous = before.cluster_id if before is not None else None
            new_clusters.append({"cluster_id": cid, "version": version, "fingerprint": fp, "snapshot": snap,
                                 "previous": previous, "updated_at": now})
            new_sources.extend({"doc_id": d, "cluster_id": cid} for d in snap["sources"])
            known[cid] = _Tracked(cid, version, fp, snap, previous)
        else:
            changed.append({"cluster_id": cid, "version": version, "fingerprint": fp, "snapshot": snap,
                            "updated_at": now})
            new_sources.extend({"doc_id": d, "cluster_id": cid}
                               for d in sorted(set(snap["sources"]) - set(row.snapshot.get("sources", []))))
            row.version, row.fingerprint, row.snapshot = version, fp, snap
        previous_id = known[cid].previous if version > 1 else None
        for rule in rules:
            why = rule.match(event)
            if why is None:
                continue
            reason = why if version == 1 else f"{why} (version {version}: {'; '.join(changes)})"
            key = alert_key(rule.name, cid, version)
            payload = {"key": key, "rule": rule.name, "cluster_id": cid, "version": version, "reason": reason,
                       "changes": changes, "previous_cluster_id": previous_id, "created_at": now.isoformat(),
                       "event": event}
            alerts.append({"key": key, "rule": rule.name, "cluster_id": cid, "version": version, "reason": reason,
                           "payload": payload, "created_at": now, "webhook": rule.webhook, "attempts": 0})
            out.append(NewAlert(key, rule.name, cid, version))
    for table, rows in ((WatchClusterRow, new_clusters), (WatchClusterSourceRow, new_sources),
                        (WatchAlertRow, alerts)):
        if rows:
            session.execute(insert(table), rows)
    if changed:
        session.execute(update(WatchClusterRow), changed)
    return out


class AlertSink:
    """Writes pending alerts to a JSON Lines file once, and POSTs them to their webhooks."""

    def __init__(self, path: str | Path | None, *, user_agent: str, timeout: float = 10.0,
                 backoff: float = 0.5) -> None:
        self.path = Path(path) if path else None
        self.backoff = backoff
        self._written = self._keys_in_file()
        self._client = httpx.Client(timeout=timeout, headers={"User-Agent": user_agent})

    def close(self) -> None:
        self._client.close()

    def _keys_in_file(self) -> set[str]:
        keys: set[str] = set()
        if self.path is None or not self.path.exists():
            return keys
        with self.path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    keys.add(json.loads(line)["key"])
                except (ValueError, KeyError, TypeError):
                    continue  # a line torn by a crash: its alert is written again
        return keys

    def deliver(self, session_factory: Any) -> list[dict[str, Any]]:
        """Write every alert not yet written (returns them), then try the webhooks not yet delivered."""
        written: list[dict[str, Any]] = []
        with session_factory() as session, session.begin():
            pending = list(session.scalars(select(WatchAlertRow).where(WatchAlertRow.written_at.is_(None))
                                           .order_by(WatchAlertRow.id)))
            if pending:
                lines = [r.payload for r in pending if r.key not in self._written]
                if self.path is not None and lines:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with self.path.open("a", encoding="utf-8") as fh:
                        fh.write("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in lines))
                        fh.flush()
                        os.fsync(fh.fileno())
                self._written.update(r.key for r in pending)
                written.extend(lines)
                now = datetime.now(UTC)
                for r in pending:
                    r.written_at = now
        self._webhooks(session_factory)
        return written

    def _webhooks(self, session_factory: Any) -> None:
        with session_factory() as session:
            rows = list(session.scalars(select(WatchAlertRow).where(
                WatchAlertRow.webhook.is_not(None), WatchAlertRow.delivered_at.is_(None),
                WatchAlertRow.attempts < WEBHOOK_ATTEMPTS * 3).order_by(WatchAlertRow.id)))
            for row in rows:
                ok, attempts, error = self._post(row.webhook or "", row.key, row.payload)
                row.attempts += attempts
                row.last_error = error
                if ok:
                    row.delivered_at = datetime.now(UTC)
                session.commit()

    def _post(self, url: str, key: str, payload: dict[str, Any]) -> tuple[bool, int, str | None]:
        delay = self.backoff
        error: str | None = None
        for attempt in range(1, WEBHOOK_ATTEMPTS + 1):
            try:
                resp = self._client.post(url, json=payload, headers={"Idempotency-Key": key})
                if resp.status_code < 300:
                    return True, attempt, None
                error = f"HTTP {resp.status_code}"
                if 400 <= resp.status_code < 500 and resp.status_code not in (408, 429):
                    log.warning("webhook %s refused alert %s: %s", url, key, error)
                    return False, WEBHOOK_ATTEMPTS * 3, error  # a refusal is final
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            if attempt < WEBHOOK_ATTEMPTS:
                time.sleep(delay)
                delay *= 2
        log.warning("webhook %s: alert %s not delivered: %s", url, key, error)
        return False, WEBHOOK_ATTEMPTS, error

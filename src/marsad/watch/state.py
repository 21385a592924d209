"""What the watcher has seen, kept in the store (tables of :mod:`marsad.store.watch_tables`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from marsad.store.db import Store
from marsad.store.watch_tables import WatchItemRow, WatchSourceRow

CHUNK = 500


@dataclass(frozen=True, slots=True)
class SeenItem:
    key: str
    doc_id: str
    content_hash: str
    entry_sig: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class ItemUpdate:
    """The state of one item after this pass (written with the pass's alerts, in one transaction)."""

    key: str
    url: str
    source: str
    doc_id: str
    content_hash: str
    entry_sig: str | None
    etag: str | None
    last_modified: str | None
    new_text: bool  # a new text was stored (counts a version)


def seen_items(session: Session, keys: Sequence[str]) -> dict[str, SeenItem]:
    out: dict[str, SeenItem] = {}
    for i in range(0, len(keys), CHUNK):
        stmt = select(WatchItemRow).where(WatchItemRow.key.in_(keys[i : i + CHUNK]))
        for r in session.scalars(stmt):
            out[r.key] = SeenItem(r.key, r.doc_id, r.content_hash, r.entry_sig, r.etag, r.last_modified)
    return out


def save_items(session: Session, updates: Sequence[ItemUpdate]) -> None:
    now = datetime.now(UTC)
    keys = [u.key for u in updates]
    rows: dict[str, WatchItemRow] = {}
    for i in range(0, len(keys), CHUNK):
        stmt = select(WatchItemRow).where(WatchItemRow.key.in_(keys[i : i + CHUNK]))
        rows.update((r.key, r) for r in session.scalars(stmt))
    for u in updates:
        row = rows.get(u.key)
        if row is None:
            row = WatchItemRow(key=u.key, url=u.url, source=u.source, doc_id=u.doc_id, content_hash=u.content_hash,
                               entry_sig=u.entry_sig, etag=u.etag, last_modified=u.last_modified, first_seen=now,
                               last_seen=now, versions=1)
            session.add(row)
            rows[u.key] = row
            continue
        if u.new_text and u.content_hash != row.content_hash:
            row.versions += 1
        row.doc_id, row.content_hash, row.entry_sig = u.doc_id, u.content_hash, u.entry_sig
        row.etag, row.last_modified, row.last_seen = u.etag, u.last_modified, now


def source_row(session: Session, name: str, kind: str) -> WatchSourceRow:
    row = session.scalars(select(WatchSourceRow).where(WatchSourceRow.name == name)).first()
    if row is None:
        row = WatchSourceRow(name=name, kind=kind, polls=0, items_total=0, items_last=0, errors_total=0)
        session.add(row)
        session.flush()
    return row


def source_status(store: Store) -> list[dict[str, Any]] | None:
    """Each watched source's last poll, items and errors (for ``/health``); None before migration 0004."""
    try:
        with store.engine.connect() as conn:
            if not inspect(conn).has_table("watch_sources"):
                return None
        with store.session() as session:
            rows = list(session.scalars(select(WatchSourceRow).order_by(WatchSourceRow.name)))
    except SQLAlchemyError:
        return None
    return [{"source": r.name, "kind": r.kind, "last_poll": _iso(r.last_poll), "last_ok": _iso(r.last_ok),
             "polls": r.polls, "items_last_poll": r.items_last, "items_total": r.items_total,
             "errors_total": r.errors_total, "last_error": r.last_error, "last_error_at": _iso(r.last_error_at)}
            for r in rows]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None

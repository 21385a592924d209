"""The watcher's state (migration ``0004``): what each source and item looked like when last seen, the version
of each merged event the alerts have looked at, and every alert raised.

- ``watch_sources``: one row per source (feed URL, links page or directory): the feed's ETag / Last-Modified
  for a conditional GET, when it was last polled, items and errors counted;
- ``watch_items``: one row per article (``key`` = SHA-256 of its URL or path): the document it became, the
  hash of its text, its ETag / Last-Modified and the signature of its feed entry (a changed entry is fetched
  again);
- ``watch_clusters``: the alert version of each merged event (bumped when what an alert shows changes) and
  the snapshot the next version is compared with;
- ``watch_cluster_sources``: the documents of each tracked cluster (to follow a cluster whose id changed);
- ``watch_alerts``: one row per (rule, cluster, version), unique, written to the JSON Lines file and POSTed to
  the rule's webhook once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marsad.store.models import Base


class WatchSourceRow(Base):
    __tablename__ = "watch_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(1000), unique=True)  # the SOURCE argument as given
    kind: Mapped[str] = mapped_column(String(16))  # feed | links | dir
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_poll: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_ok: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    polls: Mapped[int] = mapped_column(Integer, default=0)
    items_total: Mapped[int] = mapped_column(Integer, default=0)  # new or changed items stored
    items_last: Mapped[int] = mapped_column(Integer, default=0)  # ... in the last poll
    errors_total: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WatchItemRow(Base):
    __tablename__ = "watch_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the URL / path
    url: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(1000), index=True)
    doc_id: Mapped[str] = mapped_column(String(255), index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    entry_sig: Mapped[str | None] = mapped_column(String(64))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    versions: Mapped[int] = mapped_column(Integer, default=1)  # texts stored for this URL


class WatchClusterRow(Base):
    __tablename__ = "watch_clusters"

    cluster_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    previous: Mapped[str | None] = mapped_column(String(40))  # the tracked cluster this one continues
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WatchClusterSourceRow(Base):
    """The documents of each tracked merged event: a cluster that appears under a new id (its members changed,
    so did its id) continues the versions of the tracked cluster it shares a document with."""

    __tablename__ = "watch_cluster_sources"

    doc_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    cluster_id: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class WatchAlertRow(Base):
    __tablename__ = "watch_alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)  # rule|cluster|version: the idempotency key
    rule: Mapped[str] = mapped_column(String(255), index=True)
    cluster_id: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    written_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    webhook: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)

"""The event store's tables (SQLAlchemy 2 typed models); the Alembic migrations in ``migrations/`` build them.

- ``documents``: one row per document (``doc_id`` unique, ``content_hash`` decides re-ingest);
- ``events``: every field of :class:`marsad.records.Event` flattened, with ``key`` = ``"{doc_id}#{n}"``
  (1-based position in the document), the sort/filter day ``day`` and the merge text ``merge_text``;
- ``claims``, ``evidence``: child rows of an event;
- ``event_actors``: (event, role, actor) for the actor filter;
- ``clusters``: one row per cluster of events reporting the same event (see :mod:`marsad.merge`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(String(255), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    outlet: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    events: Mapped[list[EventRow]] = relationship(
        back_populates="document", order_by="EventRow.ordinal", passive_deletes=True
    )


class ClusterRow(Base):
    """A merged event: the summary columns, and (revision 0003) the §6 record's fields for filtering, paging
    and aggregating merged events (the whole record is in ``cluster_records``)."""

    __tablename__ = "clusters"
    __table_args__ = (
        Index("ix_clusters_day_id", "day", "id"),
        Index("ix_clusters_country_day_id", func.lower(text("country")), "day", "id"),
        Index("ix_clusters_admin1_day_id", func.lower(text("admin1")), "day", "id"),
        Index("ix_clusters_event_type_day_id", "event_type", "day", "id"),
        # aggregates by area and period read this index only (covering), not the rows with their JSON record
        Index("ix_clusters_area_day", "country", "admin1", "admin2", "day", "fatalities"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    fatalities: Mapped[int | None] = mapped_column(Integer)  # ACLED conservative: lowest figure among sources
    fatalities_min: Mapped[int | None] = mapped_column(Integer)  # range of every figure claimed
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    date_first: Mapped[date | None] = mapped_column(Date)
    date_last: Mapped[date | None] = mapped_column(Date)
    n_sources: Mapped[int] = mapped_column(Integer)
    n_events: Mapped[int] = mapped_column(Integer)
    day: Mapped[date | None] = mapped_column(Date)  # event_date, else date_min, else date_first
    status: Mapped[str | None] = mapped_column(String(16))
    event_date: Mapped[date | None] = mapped_column(Date)
    date_min: Mapped[date | None] = mapped_column(Date)
    date_max: Mapped[date | None] = mapped_column(Date)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    event_type: Mapped[str | None] = mapped_column(String(64))
    sub_event_type: Mapped[str | None] = mapped_column(String(64))
    actor1: Mapped[str | None] = mapped_column(String(64))
    actor2: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(64))
    admin1: Mapped[str | None] = mapped_column(String(128))
    admin2: Mapped[str | None] = mapped_column(String(128))
    location: Mapped[str | None] = mapped_column(String(255))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)


class ClusterRecordRow(Base):
    """The whole §6 record of a merged event (``ClusterRecord.to_dict()``), apart from the narrow ``clusters``
    rows that filters, pages and aggregates scan."""

    __tablename__ = "cluster_records"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class ClusterPointerRow(Base):
    """A cluster id joined into another (the older id survives): ``GET /clusters/{old}`` answers with it."""

    __tablename__ = "cluster_pointers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    target: Mapped[str] = mapped_column(String(40), index=True)


class ClusterReviewRow(Base):
    """An analyst's value for a field of a merged event; it wins over the merged value while the id lives."""

    __tablename__ = "cluster_reviews"

    cluster_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    by: Mapped[str] = mapped_column(String(128))
    at: Mapped[str] = mapped_column(String(40))


class AuditRow(Base):
    """Every analyst change: who (the API key's name), when, what (an event's key or a cluster id), the field,
    the value before and after. Never deleted with the event: it is the history of the review."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(40))
    who: Mapped[str] = mapped_column(String(128))
    target: Mapped[str] = mapped_column(String(16))  # event | cluster
    target_id: Mapped[str] = mapped_column(String(300), index=True)
    field: Mapped[str] = mapped_column(String(64))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_day_id", "day", "id"),
        # the API's filtered pages: equality on one column, newest first (keyset on day, id)
        Index("ix_events_country_day_id", func.lower(text("country")), "day", "id"),
        Index("ix_events_admin1_day_id", func.lower(text("admin1")), "day", "id"),
        Index("ix_events_event_type_day_id", "event_type", "day", "id"),
        Index("ix_events_sub_event_type_day_id", "sub_event_type", "day", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    doc_id: Mapped[str] = mapped_column(
        String(255), ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    event_id: Mapped[str | None] = mapped_column(String(300))  # the extractor's own id, when it gives one
    status: Mapped[str] = mapped_column(String(16), index=True)
    day: Mapped[date] = mapped_column(Date)  # event_date, else date_min, else date_max, else publication day
    event_date: Mapped[date | None] = mapped_column(Date, index=True)
    date_min: Mapped[date | None] = mapped_column(Date)
    date_max: Mapped[date | None] = mapped_column(Date)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    actor1: Mapped[str | None] = mapped_column(String(64))
    actor2: Mapped[str | None] = mapped_column(String(64))
    assoc_actors: Mapped[list[str]] = mapped_column(JSON, default=list)
    country: Mapped[str | None] = mapped_column(String(64), index=True)
    admin1: Mapped[str | None] = mapped_column(String(128), index=True)
    admin2: Mapped[str | None] = mapped_column(String(128))
    location: Mapped[str | None] = mapped_column(String(255))
    geonameid: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    admin1_pcode: Mapped[str | None] = mapped_column(String(32))
    admin2_pcode: Mapped[str | None] = mapped_column(String(32))
    fatalities: Mapped[int | None] = mapped_column(Integer, index=True)
    seized: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    destroyed: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    merge_text: Mapped[str] = mapped_column(Text, default="")  # evidence and claim quotes, for merging and search
    cluster_id: Mapped[str | None] = mapped_column(String(40), index=True)
    assoc_actors1: Mapped[list[str] | None] = mapped_column(JSON, default=list)  # revision 0003
    assoc_actors2: Mapped[list[str] | None] = mapped_column(JSON, default=list)
    reviewed: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # field -> {"value", "by", "at"} (analyst)

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    claims: Mapped[list[ClaimRow]] = relationship(
        order_by="ClaimRow.ordinal", cascade="all, delete-orphan", passive_deletes=True
    )
    evidence: Mapped[list[EvidenceRow]] = relationship(
        order_by="EvidenceRow.ordinal", cascade="all, delete-orphan", passive_deletes=True
    )


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(Integer, ForeignKey("events.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    claimant: Mapped[str | None] = mapped_column(String(255))
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    captured: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")


class EvidenceRow(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(Integer, ForeignKey("events.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    part: Mapped[str | None] = mapped_column(String(8), nullable=True)  # "title": offsets into the headline


class EventActorRow(Base):
    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(8), primary_key=True)  # actor1 | actor2 | assoc
    actor: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


# the watcher's tables (migration 0004) share this metadata
from marsad.store import watch_tables as _watch_tables  # noqa: E402, F401

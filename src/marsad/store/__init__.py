"""The event store: SQLite or PostgreSQL through SQLAlchemy 2, schema by Alembic, merging on ingest.

    >>> from marsad.store import open_store, ingest, EventFilter, query_events
"""

from marsad.store.db import Store, open_store
from marsad.store.ingest import IngestError, IngestReport, Outcome, delete_document, ingest, ingest_many
from marsad.store.query import (
    DocumentDetail,
    EventDetail,
    EventFilter,
    Page,
    QueryError,
    StoredEvent,
    count_events,
    get_document,
    get_event,
    iter_events,
    query_events,
)

__all__ = [
    "DocumentDetail",
    "EventDetail",
    "EventFilter",
    "IngestError",
    "IngestReport",
    "Outcome",
    "Page",
    "QueryError",
    "Store",
    "StoredEvent",
    "count_events",
    "delete_document",
    "get_document",
    "get_event",
    "ingest",
    "ingest_many",
    "iter_events",
    "open_store",
    "query_events",
]

"""``--ingest``: load each finished partition into the store before it is marked done.

Ingest is idempotent (same doc_id and text → "unchanged"), so a partition redone after a kill
is stored once. A document the store refuses becomes an error record of its partition.
"""

from __future__ import annotations

from collections.abc import Callable

from marsad.batch.work import PartitionResult
from marsad.records import Event

Ingester = Callable[[PartitionResult], None]


def make_ingester(database: str | None = None) -> Ingester:
    """A function storing a partition's documents and events in the store of ``database`` (default: settings)."""
    from marsad.store.db import open_store
    from marsad.store.ingest import ingest_many

    store = open_store(database)

    def load(result: PartitionResult) -> None:
        by_doc: dict[str, list[Event]] = {}
        for record in result.events:
            by_doc.setdefault(str(record["doc_id"]), []).append(Event.from_dict(record))
        items = [(doc, by_doc.get(doc.doc_id, [])) for doc in result.documents_read]

        def failed(doc_id: str, reason: str) -> None:
            result.errors.append({"partition": result.pid, "doc_id": doc_id, "source": "store",
                                  "reason": f"not stored: {reason}"})

        ingest_many(store.session_factory, items, on_failure=failed)

    return load

"""``GET /export?format=acled-csv|geojson|jsonl`` with the filters of ``GET /events``.

The export is written by :func:`marsad.export.get_writer` into a spooled temporary file (memory
up to 8 MB, disk beyond) inside one read transaction, then streamed.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from marsad.api.deps import get_session, require_read
from marsad.api.filters import event_filter
from marsad.export import get_writer
from marsad.store.clusters import iter_cluster_records, record_of
from marsad.store.query import EventFilter, iter_events

router = APIRouter(tags=["export"], dependencies=[Depends(require_read)])
Format = Literal["acled-csv", "geojson", "jsonl"]
MEDIA = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
}
CHUNK = 64 * 1024


@router.get("/export", summary="every event matching the filters as ACLED CSV, GeoJSON or JSON Lines")
def export(
    flt: Annotated[EventFilter, Depends(event_filter)],
    session: Annotated[Session, Depends(get_session)],
    fmt: Annotated[Format, Query(alias="format")] = "jsonl",
    unit: Annotated[Literal["cluster", "event"], Query(
        description="cluster: one merged event a row/line (spec §6); event: every report's record")] = "cluster",
    include_background: Annotated[bool, Query(description="ACLED CSV: also background events")] = False,
) -> StreamingResponse:
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+b")  # noqa: SIM115 (closed by stream)
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="", write_through=True)
    if unit == "cluster" and fmt == "jsonl":
        count = sum(text.write(json.dumps(r, ensure_ascii=False, default=str) + "\n") > 0
                    for r in iter_cluster_records(session, flt))
    else:
        events = ((record_of(r).to_event() for r in iter_cluster_records(session, flt)) if unit == "cluster"
                  else (s.event for s in iter_events(session, flt)))
        count = get_writer(fmt)(events, text, include_background=include_background)
    text.flush()
    text.detach()
    spool.seek(0)
    media, ext = MEDIA[fmt]

    def stream() -> Iterator[bytes]:
        try:
            while chunk := spool.read(CHUNK):
                yield chunk
        finally:
            spool.close()

    return StreamingResponse(stream(), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="marsad-events.{ext}"',
        "X-Event-Count": str(count),
    })

"""``GET /alerts``: the alerts the watcher raised, newest first (``marsad watch --alerts rules.yaml``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from marsad.api.deps import get_session, require_read
from marsad.store.watch_tables import WatchAlertRow

MAX_LIMIT = 500
router = APIRouter(tags=["alerts"], dependencies=[Depends(require_read)])


@router.get("/alerts", summary="alerts raised by the watcher's rules, newest first")
def list_alerts(
    session: Annotated[Session, Depends(get_session)],
    rule: Annotated[str | None, Query(max_length=200, description="only this rule's alerts")] = None,
    cluster_id: Annotated[str | None, Query(max_length=40, description="only this merged event's alerts")] = None,
    after_id: Annotated[int | None, Query(ge=0, description="only alerts with a larger id (polling)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    if not inspect(session.connection()).has_table("watch_alerts"):
        return {"total": 0, "items": [], "limit": limit, "offset": offset}
    cond = []
    if rule:
        cond.append(WatchAlertRow.rule == rule)
    if cluster_id:
        cond.append(WatchAlertRow.cluster_id == cluster_id)
    if after_id is not None:
        cond.append(WatchAlertRow.id > after_id)
    total = session.scalar(select(func.count()).select_from(WatchAlertRow).where(*cond)) or 0
    rows = session.scalars(select(WatchAlertRow).where(*cond).order_by(WatchAlertRow.id.desc())
                           .limit(limit).offset(offset))
    items = [{"id": r.id, **r.payload, "webhook_delivered": (r.delivered_at is not None) if r.webhook else None}
             for r in rows]
    return {"total": int(total), "items": items, "limit": limit, "offset": offset}

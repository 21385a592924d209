"""What a cluster says as a whole: ACLED's conservative fatality figure, the range claimed, dates, sources."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """One member record of a cluster: its source, its own figure, every figure its claims give, its dates."""

    doc_id: str
    fatalities: int | None
    claimed: tuple[int, ...] = ()
    lo: date | None = None
    hi: date | None = None


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    cluster_id: str
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    date_first: date | None
    date_last: date | None
    n_sources: int
    n_events: int
    sources: tuple[str, ...] = field(default=())


def summarise(cluster_id: str, members: Iterable[MemberFacts]) -> ClusterSummary:
    """ACLED's rule between sources: the lowest figure any source gives (sources without a figure ignored).

    ``fatalities_min``/``fatalities_max`` span every figure reported, the records' own and their claims'.
    """
    rows = list(members)
    own = [m.fatalities for m in rows if m.fatalities is not None]
    every = own + [k for m in rows for k in m.claimed]
    los = [m.lo for m in rows if m.lo is not None]
    his = [m.hi or m.lo for m in rows if (m.hi or m.lo) is not None]
    sources = tuple(sorted({m.doc_id for m in rows}))
    return ClusterSummary(
        cluster_id=cluster_id,
        fatalities=min(own) if own else None,
        fatalities_min=min(every) if every else None,
        fatalities_max=max(every) if every else None,
        date_first=min(los) if los else None,
        date_last=max(d for d in his if d is not None) if his else None,
        n_sources=len(sources),
        n_events=len(rows),
        sources=sources,
    )

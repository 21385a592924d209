"""The aggregates table as CSV: ``country[,admin1[,admin2]],period,events,fatalities``, one row per area
and period (merged events, see :func:`marsad.store.clusters.aggregates`)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

LEVELS = {"country": ("country",), "admin1": ("country", "admin1"), "admin2": ("country", "admin1", "admin2")}


def write_aggregates_csv(items: Iterable[dict[str, Any]], out: TextIO, *, by: str = "admin1") -> int:
    """Write the header and the rows; returns the number of rows."""
    columns = (*LEVELS[by], "period", "events", "fatalities")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    n = 0
    for item in items:
        writer.writerow({c: "" if item.get(c) is None else item.get(c) for c in columns})
        n += 1
    return n

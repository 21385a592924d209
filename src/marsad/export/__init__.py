"""Exporting events: JSON Lines, ACLED CSV and GeoJSON.

>>> from marsad.export import get_writer
>>> n = get_writer("acled-csv")(events, sys.stdout)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from marsad.export.acled_csv import COLUMNS, write_acled_csv
from marsad.export.geojson import write_geojson
from marsad.export.jsonl import write_jsonl
from marsad.records import Event

Writer = Callable[[Iterable[Event], TextIO], int]
WRITERS: dict[str, Writer] = {"jsonl": write_jsonl, "acled-csv": write_acled_csv, "geojson": write_geojson}
ALIASES = {"csv": "acled-csv", "acled": "acled-csv"}
FORMATS = tuple(WRITERS)


def get_writer(fmt: str) -> Writer:
    """The writer for "jsonl", "acled-csv" or "geojson" (also "csv", "acled"); ValueError otherwise."""
    key = ALIASES.get(fmt.lower(), fmt.lower())
    if key not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return WRITERS[key]


__all__ = ["COLUMNS", "FORMATS", "Writer", "get_writer", "write_acled_csv", "write_geojson", "write_jsonl"]

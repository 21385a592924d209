"""Exporting events: JSON Lines, ACLED CSV and GeoJSON.

>>> from marsad.export import get_writer
>>> n = get_writer("acled-csv")(events, sys.stdout)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TextIO

from marsad.export.acled_csv import COLUMNS, write_acled_csv
from marsad.export.geojson import write_geojson
from marsad.export.jsonl import write_jsonl
from marsad.records import Event


class Writer(Protocol):
    """Every writer takes the same options; those a format has no use for are ignored."""

    def __call__(
        self,
        events: Iterable[Event],
        out: TextIO,
        *,
        outlets: Mapping[str, str] | None = None,
        timestamp: int | None = None,
        include_background: bool = False,
    ) -> int: ...


def _jsonl(
    events: Iterable[Event], out: TextIO, *, outlets: Mapping[str, str] | None = None, timestamp: int | None = None,
    include_background: bool = False,
) -> int:
    return write_jsonl(events, out)


def _geojson(
    events: Iterable[Event], out: TextIO, *, outlets: Mapping[str, str] | None = None, timestamp: int | None = None,
    include_background: bool = False,
) -> int:
    return write_geojson(events, out)


WRITERS: dict[str, Writer] = {"jsonl": _jsonl, "acled-csv": write_acled_csv, "geojson": _geojson}
ALIASES = {"csv": "acled-csv", "acled": "acled-csv"}
FORMATS = tuple(WRITERS)


def get_writer(fmt: str) -> Writer:
    """The writer for "jsonl", "acled-csv" or "geojson" (also "csv", "acled"); ValueError otherwise.

    Call it as ``writer(events, out, outlets=..., timestamp=...)`` whatever the format."""
    key = ALIASES.get(fmt.lower(), fmt.lower())
    if key not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return WRITERS[key]


__all__ = ["COLUMNS", "FORMATS", "Writer", "get_writer", "write_acled_csv", "write_geojson", "write_jsonl"]

"""Rows of an ACLED export (the CSV as ACLED distributes it: ``event_id_cnty``, ``event_date``,
``event_type``, ``sub_event_type``, ``actor1``, ``actor2``, ``country``, ``admin1``, ``admin2``,
``location``, ``latitude``, ``longitude``, ``fatalities``...). Dates are ``YYYY-MM-DD`` (API exports) or
``10 March 2024`` (the data export tool). A row that cannot be read is reported (line and reason) and
skipped; the others are read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

REQUIRED = ("event_date", "event_type", "country", "latitude", "longitude")
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%m/%d/%Y")


class AcledError(ValueError):
    """An ACLED file that cannot be used at all (missing, not CSV, missing columns)."""


@dataclass(frozen=True, slots=True)
class AcledRow:
    line: int
    event_id: str
    day: date
    event_type: str
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    country: str
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float
    longitude: float
    fatalities: int | None


def parse_day(raw: str) -> date:
    value = raw.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {raw!r} is not a date (YYYY-MM-DD or '10 March 2024')")


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def read_acled(path: str | Path) -> tuple[list[AcledRow], list[tuple[int, str]]]:
    """The readable rows and the (line, reason) of every row skipped; raises AcledError for an unusable file."""
    rows: list[AcledRow] = []
    errors: list[tuple[int, str]] = []
    for item in _iter(Path(path)):
        if isinstance(item, AcledRow):
            rows.append(item)
        else:
            errors.append(item)
    return rows, errors


def _iter(path: Path) -> Iterator[AcledRow | tuple[int, str]]:
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise AcledError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    with fh:
        try:
            reader = csv.DictReader(fh)
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise AcledError(f"{path}: not a CSV file: {exc}") from exc
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise AcledError(f"{path}: not an ACLED export: missing column(s) {', '.join(missing)}")
        reader.fieldnames = header
        line = 1
        try:
            for raw in reader:
                line = reader.line_num
                try:
                    yield _row(line, raw)
                except (ValueError, TypeError) as exc:
                    yield (line, str(exc))
        except (csv.Error, UnicodeDecodeError) as exc:
            yield (line + 1, f"unreadable CSV: {exc}")


def _row(line: int, raw: dict[str, str | None]) -> AcledRow:
    day = parse_day(raw.get("event_date") or "")
    try:
        lat, lon = float(raw.get("latitude") or ""), float(raw.get("longitude") or "")
    except ValueError as exc:
        where = f"{raw.get('latitude')!r}, {raw.get('longitude')!r}"
        raise ValueError(f"latitude/longitude {where} are not numbers") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"latitude/longitude {lat}, {lon} out of range")
    fat_raw = _opt(raw.get("fatalities"))
    try:
        fatalities = int(fat_raw) if fat_raw is not None else None
    except ValueError as exc:
        raise ValueError(f"fatalities {fat_raw!r} is not a whole number") from exc
    event_type = _opt(raw.get("event_type"))
    country = _opt(raw.get("country"))
    if event_type is None or country is None:
        raise ValueError("event_type and country must not be empty")
    return AcledRow(line, _opt(raw.get("event_id_cnty")) or f"line-{line}", day, event_type,
                    _opt(raw.get("sub_event_type")), _opt(raw.get("actor1")), _opt(raw.get("actor2")), country,
                    _opt(raw.get("admin1")), _opt(raw.get("admin2")), _opt(raw.get("location")), lat, lon, fatalities)

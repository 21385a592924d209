"""Publication dates: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or an ISO / RFC 2822 timestamp → ``YYYY[-MM[-DD]]``.

Timestamps are truncated to their (local) date. Dates before :data:`MIN_YEAR` or more than
:data:`MAX_FUTURE_DAYS` days after today are refused with :class:`ValueError`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

MIN_YEAR = 1900
MAX_FUTURE_DAYS = 2

_PARTIAL = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$")
_ISO_STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ]\d{1,2}:\d{2}")


def normalise_published(value: str, *, today: date | None = None) -> str:
    """The normal form of a publication date; raises ValueError naming what is wrong."""
    raw = value.strip()
    if not raw:
        raise ValueError("empty date")
    parts = _parse(raw)
    year, month, day = parts
    try:
        first = date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a date ({exc})") from exc
    if year < MIN_YEAR:
        raise ValueError(f"{value!r} is before {MIN_YEAR}")
    limit = (today or date.today()) + timedelta(days=MAX_FUTURE_DAYS)
    if first > limit:
        raise ValueError(f"{value!r} is in the future")
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return first.isoformat()


def _parse(raw: str) -> tuple[int, int | None, int | None]:
    m = _PARTIAL.match(raw)
    if m:
        return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    m = _ISO_STAMP.match(raw)
    if m:
        try:
            datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError(f"{raw!r} is not an ISO timestamp ({exc})") from exc
        return int(m[1]), int(m[2]), int(m[3])
    try:
        stamp = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"{raw!r} is not YYYY-MM-DD, YYYY-MM, YYYY or an ISO timestamp") from None
    return stamp.year, stamp.month, stamp.day

"""Events as JSON Lines: one ``Event.to_dict()`` a line, UTF-8 text (not ``\\u`` escapes)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from marsad.records import Event


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """Write one JSON record a line; returns the number of events written."""
    count = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False, allow_nan=False))
        out.write("\n")
        count += 1
    return count

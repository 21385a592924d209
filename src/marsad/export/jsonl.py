"""Events as JSON Lines: one ``Event.to_dict()`` a line, UTF-8 text (not ``\\u`` escapes).

The characters that ``str.splitlines`` also treats as line breaks (U+0085, U+2028, U+2029)
are escaped so that every reader sees one record a line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from marsad.records import Event

_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """Write one JSON record a line; returns the number of events written."""
    count = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False, allow_nan=False).translate(_LINE_BREAKS))
        out.write("\n")
        count += 1
    return count

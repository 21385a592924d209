"""Events as an RFC 7946 GeoJSON FeatureCollection: Point ``[longitude, latitude]``, properties the record.

Events without usable coordinates are kept with ``"geometry": null``. Features are written
one by one, so a large export is not held in memory.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any, TextIO

from marsad.records import Event


def geometry(event: Event) -> dict[str, Any] | None:
    lat, lon = event.latitude, event.longitude
    if lat is None or lon is None:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def feature(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "Feature"}
    if event.event_id:
        out["id"] = event.event_id
    out["geometry"] = geometry(event)
    props = event.to_dict()
    for key in ("latitude", "longitude"):  # NaN is not JSON
        value = props.get(key)
        if isinstance(value, float) and not math.isfinite(value):
            props[key] = None
    out["properties"] = props
    return out


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    """Write a FeatureCollection; returns the number of features."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for event in events:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(feature(event), ensure_ascii=False, allow_nan=False))
        count += 1
    out.write("\n]}\n")
    return count

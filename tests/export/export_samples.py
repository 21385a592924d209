"""Sample events for the exporter tests."""

from __future__ import annotations

from typing import Any

from marsad.records import Claim, Event, Evidence, Item


def make_event(**kw: Any) -> Event:
    base: dict[str, Any] = {
        "doc_id": "d1",
        "event_date": "2024-09-17",
        "date_min": "2024-09-17",
        "date_max": "2024-09-17",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "jnim",
        "actor2": "military:mali",
        "assoc_actors": ["wagner"],
        "country": "Mali",
        "admin1": "Bamako",
        "location": "Bamako",
        "geonameid": 2460596,
        "latitude": 12.65,
        "longitude": -8.0,
        "geo_precision": 1,
        "fatalities": 3,
        "claims": [Claim("jnim", killed=3, quote="قتل ثلاثة")],
        "seized": [Item("rifle", 3)],
        "evidence": [Evidence("event_type", 4, 9)],
        "sources": ["d1"],
    }
    base.update(kw)
    return Event(**base)

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from export_samples import make_event

from marsad.export import FORMATS, get_writer, write_geojson
from marsad.records import Event


def collection(events: list[Event]) -> dict[str, Any]:
    out = io.StringIO()
    assert write_geojson(events, out) == len(events)
    data: dict[str, Any] = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    assert isinstance(data["features"], list)
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) <= {"type", "id", "geometry", "properties"}
        assert "geometry" in feature and isinstance(feature["properties"], dict)
        if feature["geometry"] is not None:
            assert feature["geometry"]["type"] == "Point"
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    return data


def test_empty_collection_is_valid() -> None:
    assert collection([]) == {"type": "FeatureCollection", "features": []}


def test_point_is_longitude_then_latitude() -> None:
    [feature] = collection([make_event(latitude=14.49, longitude=-4.19, event_id="e7")])["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-4.19, 14.49]}
    assert feature["id"] == "e7"
    assert feature["properties"]["location"] == "Bamako"
    assert feature["properties"]["evidence"] == [{"field": "event_type", "start": 4, "end": 9}]
    assert Event.from_dict(feature["properties"]) == make_event(latitude=14.49, longitude=-4.19, event_id="e7")


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(None, None), (12.6, None), (None, -8.0), (float("nan"), -8.0), (95.0, -8.0), (12.6, float("inf"))],
)
def test_events_without_usable_coordinates_keep_a_null_geometry(lat: float | None, lon: float | None) -> None:
    data = collection([make_event(latitude=lat, longitude=lon), make_event()])
    assert [f["geometry"] is None for f in data["features"]] == [True, False]


@pytest.mark.parametrize(
    ("fmt", "starts"),
    [
        ("jsonl", '{"doc_id": "d1"'),
        ("acled-csv", "event_id_cnty,event_date,"),
        ("csv", "event_id_cnty,event_date,"),
        ("GeoJSON", '{"type": "FeatureCollection"'),
    ],
)
def test_get_writer_takes_the_same_options_for_every_format(fmt: str, starts: str) -> None:
    out = io.StringIO()
    assert get_writer(fmt)([make_event()], out, outlets={"d1": "RFI"}, timestamp=0) == 1
    assert out.getvalue().startswith(starts)


def test_unknown_writer() -> None:
    with pytest.raises(ValueError, match="jsonl, acled-csv, geojson"):
        get_writer("xlsx")
    assert FORMATS == ("jsonl", "acled-csv", "geojson")

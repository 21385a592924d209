from __future__ import annotations

import io
import json

import pytest
from export_samples import make_event
from hypothesis import given
from hypothesis import strategies as st

from marsad.export import write_jsonl
from marsad.records import Claim, Event, Evidence, Item


@pytest.mark.parametrize(
    "event",
    [
        make_event(),
        make_event(fatalities=None, latitude=None, longitude=None, actor2=None, assoc_actors=[]),
        make_event(status="background", event_date=None, date_min="2012-01-01", date_max="2012-01-31"),
        make_event(sources=["d1", "d2"], cluster_id="c1", event_id="e1", notes="ملاحظة"),
    ],
)
def test_round_trip(event: Event) -> None:
    out = io.StringIO()
    assert write_jsonl([event], out) == 1
    [line] = out.getvalue().splitlines()
    assert Event.from_dict(json.loads(line)) == event


def test_one_line_per_event_and_utf8_text(event: Event) -> None:
    out = io.StringIO()
    assert write_jsonl([event, event, event], out) == 3
    text = out.getvalue()
    assert text.count("\n") == 3 and text.endswith("\n")
    assert "قتل ثلاثة" in text  # not \u escapes


def test_nan_is_refused() -> None:
    with pytest.raises(ValueError):
        write_jsonl([make_event(latitude=float("nan"))], io.StringIO())


events = st.builds(
    make_event,
    doc_id=st.text(min_size=1).filter(str.strip),
    fatalities=st.none() | st.integers(0, 10_000),
    latitude=st.none() | st.floats(-90, 90),
    longitude=st.none() | st.floats(-180, 180),
    claims=st.lists(st.builds(Claim, st.none() | st.text(), st.none() | st.integers(0, 500), quote=st.text())),
    seized=st.lists(st.builds(Item, st.text(), st.none() | st.integers(0, 50))),
    evidence=st.lists(
        st.tuples(st.sampled_from(["date", "location", "actor1"]), st.integers(0, 10**6), st.integers(0, 500)).map(
            lambda t: Evidence(t[0], t[1], t[1] + t[2])
        )
    ),
    sources=st.lists(st.text(min_size=1), min_size=1, max_size=3),
)


@given(st.lists(events, max_size=5))
def test_round_trip_any_events(evs: list[Event]) -> None:
    out = io.StringIO()
    assert write_jsonl(evs, out) == len(evs)
    assert [Event.from_dict(json.loads(line)) for line in out.getvalue().splitlines()] == evs

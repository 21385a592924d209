"""Pairing merged events with ACLED rows: dates, places, types; the figures of the report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from marsad.compare.acled import AcledRow, parse_day
from marsad.compare.events import MarsadEvent
from marsad.compare.match import km, match
from marsad.compare.report import bar_chart, miss_map, summarise, to_html, to_markdown

M = MarsadEvent("c-1", date(2024, 3, 10), "Battles", "Armed clash", "JNIM", "Military Forces of Mali", "Mali",
                "Mopti", "Douentza", "Douentza", 15.0, -2.95, 7, 2)
A = AcledRow(2, "MLI1", date(2024, 3, 10), "Battles", "Armed clash", "JNIM", "Military Forces of Mali", "Mali",
             "Mopti", "Douentza", "Douentza", 15.0, -2.95, 7)


@pytest.mark.parametrize(
    ("acled", "matched"),
    [
        ({}, True),
        ({"day": date(2024, 3, 12), "latitude": 15.2}, True),  # 2 days, ~22 km
        ({"day": date(2024, 3, 13)}, False),  # 3 days
        ({"day": date(2024, 3, 8)}, True),
        ({"latitude": 15.6}, True),  # ~67 km but the same admin2
        ({"latitude": 15.6, "admin2": "Bandiagara"}, False),  # ~67 km, another admin2
        ({"latitude": 15.4, "admin2": "Bandiagara"}, True),  # ~44 km
        ({"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED"}, True),
        ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, False),
        ({"country": "Niger"}, False),
    ],
)
def test_same_event(acled: dict[str, object], matched: bool) -> None:
    result = match([M], [replace(A, **acled)])  # type: ignore[arg-type]
    assert (len(result.pairs), len(result.only_acled), len(result.only_marsad)) == ((1, 0, 0) if matched else (0, 1, 1))


def test_admin2_names_compare_without_accents() -> None:
    m = replace(M, country="Niger", admin2="Tillabéri", latitude=None, longitude=None)
    a = replace(A, country="Niger", admin2="Tillaberi", latitude=14.2, longitude=1.45)
    assert len(match([m], [a]).pairs) == 1


def test_each_record_in_one_pair_the_closest_first() -> None:
    far = replace(A, event_id="far", day=date(2024, 3, 11), latitude=15.3)
    near = replace(A, event_id="near")
    other = replace(M, key="c-2", day=date(2024, 3, 11), latitude=15.3)
    result = match([M, other], [far, near])
    assert sorted((p.marsad.key, p.acled.event_id) for p in result.pairs) == [("c-1", "near"), ("c-2", "far")]


def test_km() -> None:
    assert km(15.0, -2.95, 15.0, -2.95) == 0
    assert 110 < km(15.0, -2.95, 16.0, -2.95) < 112


@pytest.mark.parametrize(
    ("raw", "day"),
    [("2024-03-10", date(2024, 3, 10)), ("10 March 2024", date(2024, 3, 10)), ("01 January 2020", date(2020, 1, 1))],
)
def test_acled_dates(raw: str, day: date) -> None:
    assert parse_day(raw) == day


def test_summary_agreement_and_breakdowns() -> None:
    pairs_m = [M, replace(M, key="c-2", fatalities=3, actor2="Wagner Group"),
               replace(M, key="c-3", day=date(2024, 4, 2), sub_event_type="Attack")]
    pairs_a = [A, replace(A, event_id="2"), replace(A, event_id="3", day=date(2024, 4, 1))]
    only_a = replace(A, event_id="4", day=date(2024, 4, 20), admin1="Ségou", admin2="Niono", latitude=14.25,
                     longitude=-5.99)
    only_m = replace(M, key="c-9", day=date(2024, 5, 1), country="Niger", admin1="Tillabéri", admin2="Ayorou",
                     latitude=14.73, longitude=0.92)
    s = summarise(match([*pairs_m, only_m], [*pairs_a, only_a]))
    assert (s["matched"], s["only_acled"], s["only_marsad"]) == (3, 1, 1)
    assert s["agreement"] == {"date": round(2 / 3, 4), "event_type": 1.0, "sub_event_type": round(2 / 3, 4),
                              "actors": round(2 / 3, 4), "actor1": 1.0, "fatalities": round(2 / 3, 4)}
    assert s["fatalities_mean_abs_diff"] == round(4 / 3, 3)
    assert [(r["key"], r["matched"], r["only_acled"], r["only_marsad"]) for r in s["by_month"]] == [
        ("2024-03", 2, 0, 0), ("2024-04", 1, 1, 0), ("2024-05", 0, 0, 1)]
    assert {r["key"]: (r["acled"], r["marsad"]) for r in s["by_admin1"]} == {
        "Mali / Mopti": (3, 3), "Mali / Ségou": (1, 0), "Niger / Tillabéri": (0, 1)}
    md = to_markdown(s)
    assert "| matched | 3 |" in md and "| 2024-04 | 2 | 1 | 1 | 1 | 0 |" in md
    page = to_html(s, match([*pairs_m, only_m], [*pairs_a, only_a]))
    assert page.count("<svg") == 2 and "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_plots_draw_every_month_and_every_miss() -> None:
    rows = [{"key": f"2024-{m:02d}", "acled": m, "marsad": 12 - m} for m in range(1, 13)]
    assert bar_chart(rows).count("<rect") == 24 + 2 + 0  # two bars a month and the legend's two swatches
    result = match([replace(M, key="x", country="Niger")], [A])
    svg = miss_map(result)
    assert "only ACLED: 2024-03-10 Douentza" in svg and "only Marsad: 2024-03-10 Douentza" in svg

"""Events the extractor used to miss (issue 9, detection recall): table-driven, on reports written for these
tests."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.document import Document
from marsad.pipeline import extract
from marsad.records import Event


def _events(text: str, published: str | None = "2024-03-12") -> list[Event]:
    return [e for e in extract(Document("t", text, published=published)) if e.status == "reported"]


def _has(events: list[Event], expected: dict[str, Any]) -> bool:
    return any(all(getattr(e, k) == v for k, v in expected.items()) for e in events)


ARRESTS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "intelligence service arrests suspects",
        "أوقفت الاستخبارات النيجرية يوم السبت أربعة رجال يشتبه في انتمائهم إلى خلية إرهابية في نيامي.",
        {"sub_event_type": "Arrests", "actor1": "police:niger", "location": "Niamey"},
    ),
    (
        "security services detain a cell",
        "اعتقلت أجهزة المخابرات المالية ثلاثة مسلحين في باماكو يوم الأحد قالت إنهم أعضاء في جماعة إرهابية.",
        {"sub_event_type": "Arrests", "actor1": "police:mali", "location": "Bamako"},
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), ARRESTS, ids=[c[0] for c in ARRESTS])
def test_arrests_by_intelligence_services(name: str, text: str, expected: dict[str, Any]) -> None:
    events = _events(text)
    assert _has(events, expected), [(e.sub_event_type, e.actor1, e.location) for e in events]


COUNTRIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "an attack in Chad, then the Niger army repelling one the same night",
        "قتل مسلحون من جماعة بوكو حرام عشرة قرويين مساء الخميس في هجوم على قرية في تشاد. وأعلن جيش النيجر أنه قتل "
        "خمسة إرهابيين بعدما صد هجوما لبوكو حرام على أحد مواقعه في النيجر مساء الخميس.",
        [("Chad", "Lac"), ("Niger", "Diffa")],
    ),
    (
        "villagers killed in Cameroon and farmers in Nigeria the same night",
        "هاجم مسلحون من بوكو حرام قرية في الكاميرون ليل الثلاثاء وقتلوا ستة مدنيين. وفي نيجيريا قتل مسلحون ثمانية "
        "مزارعين ليل الثلاثاء.",
        [("Cameroon", "Far North"), ("Nigeria", "FCT")],
    ),
    (
        "one attack told twice, the second time with the border it lies near",
        "قتل مسلحون عشرة جنود في هجوم على موقع عسكري في النيجر يوم الأحد. ووقع الهجوم قرب الحدود مع مالي يوم الأحد.",
        [("Niger", "Niamey")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), COUNTRIES, ids=[c[0] for c in COUNTRIES])
def test_two_countries_are_two_events(name: str, text: str, expected: list[tuple[str, str]]) -> None:
    events = _events(text)
    assert sorted((e.country, e.admin1) for e in events) == sorted(expected)

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

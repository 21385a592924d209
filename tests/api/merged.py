"""A store with the demo reports plus a second and third report of the Boni attack, so that one merged
event has several sources (texts written for these tests)."""

from __future__ import annotations

from marsad.document import Document
from marsad.records import Claim, Event, Evidence

BONI_AGAIN = (
    "موبتي - أكدت مصادر محلية أن هجوما لجماعة نصرة الإسلام والمسلمين استهدف الثلاثاء موقعا للجيش في بوني، "
    "وأن عشرة جنود قتلوا فيه.")
BONI_BRIEF = "وقع هجوم على موقع للجيش المالي في بوني يوم الثلاثاء، ولم ترد معلومات عن الضحايا."


def _event(doc_id: str, text: str, fatalities: int | None, claims: list[Claim]) -> Event:
    start = text.find("بوني")
    return Event(
        doc_id=doc_id, event_date="2024-09-10", date_min="2024-09-10", date_max="2024-09-10", time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1="jnim", actor2="military:mali",
        country="Mali", admin1="Mopti", admin2="Douentza", location="Boni", latitude=15.07658,
        longitude=-2.21976, geo_precision=1, fatalities=fatalities, claims=claims,
        evidence=[Evidence("location", start, start + 4)])


def boni_reports() -> list[tuple[Document, list[Event]]]:
    q = "عشرة جنود قتلوا"
    return [
        (Document("demo-mali-boni-2", BONI_AGAIN, published="2024-09-12", title="هجوم بوني", outlet="وكالة ب"),
         [_event("demo-mali-boni-2", BONI_AGAIN, 10, [Claim("local_sources", 10, None, None, q)])]),
        (Document("demo-mali-boni-3", BONI_BRIEF, published="2024-09-11", title="هجوم في بوني", outlet="وكالة ج"),
         [_event("demo-mali-boni-3", BONI_BRIEF, 0, [])]),
    ]

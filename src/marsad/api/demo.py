"""A small hand-made demo data set: five short Arabic reports written for Marsad (no real article)
and their events coded by hand, every evidence span found in the text it points into.

Used by the API and browser tests, and to try the dashboard on an empty store:

    >>> from marsad.api.demo import demo_items
    >>> [len(evs) for _, evs in demo_items()]
    [1, 1, 1, 1, 1]

``demo_followups()`` adds two later reports of the Boni attack from other outlets (one with a higher toll,
one with none), so that one merged event has three sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.document import Document
from marsad.records import Claim, Event, Evidence


@dataclass(frozen=True, slots=True)
class _Spec:
    doc_id: str
    published: str
    title: str
    text: str
    event: dict[str, Any]
    spans: dict[str, str]  # field -> exact substring of text
    claims: list[tuple[str, int | None, int | None, str]] = field(default_factory=list)


SPECS: tuple[_Spec, ...] = (
    _Spec(
        "demo-mali-boni",
        "2024-09-11",
        "هجوم على موقع عسكري في بوني",
        "باماكو - قتل ثمانية جنود ماليين على الأقل يوم الثلاثاء 10 سبتمبر 2024 في هجوم شنته جماعة نصرة الإسلام "
        "والمسلمين على موقع عسكري في بلدة بوني بمنطقة موبتي، حسب ما أفاد مصدر أمني.\n"
        "وقال الجيش المالي في بيان إن خمسة جنود قتلوا وأصيب ستة آخرون، مؤكدا أن الوضع تحت السيطرة.",
        {"event_date": "2024-09-10", "date_min": "2024-09-10", "date_max": "2024-09-10", "time_precision": 1,
         "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "jnim", "actor2": "military:mali",
         "country": "Mali", "admin1": "Mopti", "admin2": "Douentza", "location": "Boni", "geonameid": None,
         "latitude": 15.07658, "longitude": -2.21976, "geo_precision": 1, "fatalities": 5},
        {"event_type": "هجوم", "event_date": "يوم الثلاثاء 10 سبتمبر 2024", "actor1": "جماعة نصرة الإسلام والمسلمين",
         "actor2": "الجيش المالي", "location": "بوني", "admin1": "موبتي", "fatalities": "خمسة جنود قتلوا"},
        [("security_source", 8, None, "قتل ثمانية جنود ماليين على الأقل"),
         ("military:mali", 5, 6, "خمسة جنود قتلوا وأصيب ستة آخرون")],
    ),
    _Spec(
        "demo-bf-djibo",
        "2024-09-16",
        "مقتل مدنيين في سوق جيبو",
        "واغادوغو - قتل مسلحون مجهولون اثني عشر مدنيا في هجوم على سوق أسبوعية في مدينة جيبو شمالي بوركينا فاسو "
        "يوم الأحد 15 سبتمبر 2024، وفق ما ذكر مسؤول محلي لم يكشف عن اسمه.",
        {"event_date": "2024-09-15", "date_min": "2024-09-15", "date_max": "2024-09-15", "time_precision": 1,
         "event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": "unidentified",
         "actor2": "civilians:burkina_faso", "country": "Burkina Faso", "admin1": "Sahel", "admin2": "Soum",
         "location": "Djibo", "latitude": 14.0994, "longitude": -1.62554, "geo_precision": 1, "fatalities": 12},
        {"event_type": "هجوم على سوق أسبوعية", "event_date": "يوم الأحد 15 سبتمبر 2024", "actor1": "مسلحون مجهولون",
         "location": "جيبو", "fatalities": "اثني عشر مدنيا"},
        [("local_official", 12, None, "قتل مسلحون مجهولون اثني عشر مدنيا")],
    ),
    _Spec(
        "demo-niger-tera",
        "2024-09-21",
        "انفجار عبوة ناسفة قرب تيرا",
        "نيامي - قتل أربعة جنود نيجريين وأصيب ثلاثة آخرون يوم الجمعة 20 سبتمبر 2024 في انفجار عبوة ناسفة "
        "استهدفت دوريتهم قرب بلدة تيرا في منطقة تيلابيري غربي النيجر، بحسب مصدر عسكري.",
        {"event_date": "2024-09-20", "date_min": "2024-09-20", "date_max": "2024-09-20", "time_precision": 1,
         "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
         "actor1": None, "actor2": "military:niger", "country": "Niger", "admin1": "Tillaberi", "admin2": "Tera",
         "location": "Tera", "latitude": 14.00776, "longitude": 0.75306, "geo_precision": 2, "fatalities": 4},
        {"event_type": "انفجار عبوة ناسفة", "event_date": "يوم الجمعة 20 سبتمبر 2024", "actor2": "جنود نيجريين",
         "location": "تيرا", "admin1": "تيلابيري", "fatalities": "أربعة جنود"},
        [("military_source", 4, 3, "قتل أربعة جنود نيجريين وأصيب ثلاثة آخرون")],
    ),
    _Spec(
        "demo-mali-kidal",
        "2024-10-03",
        "ضربة بمسيرة قرب كيدال",
        "أعلن الجيش المالي أنه نفذ يوم الأربعاء 2 أكتوبر 2024 ضربة بطائرة مسيرة استهدفت تجمعا للمسلحين قرب "
        "مدينة كيدال في شمال البلاد، دون أن يحدد عدد القتلى.",
        {"event_date": "2024-10-02", "date_min": "2024-10-02", "date_max": "2024-10-02", "time_precision": 1,
         "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
         "actor1": "military:mali", "actor2": None, "country": "Mali", "admin1": "Kidal", "admin2": "Kidal",
         "location": "Kidal", "latitude": 18.44111, "longitude": 1.40778, "geo_precision": 2, "fatalities": None},
        {"event_type": "ضربة بطائرة مسيرة", "event_date": "يوم الأربعاء 2 أكتوبر 2024", "actor1": "الجيش المالي",
         "location": "كيدال", "fatalities": "دون أن يحدد عدد القتلى"},
    ),
    _Spec(
        "demo-bf-fada",
        "2024-08-20",
        "اختطاف قرويين قرب فادا نغورما",
        "فادا نغورما - اختطف مسلحون يعتقد أنهم من جماعة نصرة الإسلام والمسلمين سبعة قرويين من قرية قريبة من "
        "فادا نغورما شرقي بوركينا فاسو ليلة السبت 17 أغسطس 2024، حسب ما أفاد سكان محليون.",
        {"event_date": "2024-08-17", "date_min": "2024-08-17", "date_max": "2024-08-17", "time_precision": 1,
         "event_type": "Violence against civilians", "sub_event_type": "Abduction/forced disappearance",
         "actor1": "jnim", "actor2": "civilians:burkina_faso", "country": "Burkina Faso", "admin1": "Est",
         "admin2": "Gourma", "location": "Fada N'gourma", "latitude": 12.06157, "longitude": 0.35843,
         "geo_precision": 2, "fatalities": 0},
        {"event_type": "اختطف", "event_date": "ليلة السبت 17 أغسطس 2024", "actor1": "جماعة نصرة الإسلام والمسلمين",
         "location": "فادا نغورما شرقي", "fatalities": "سبعة قرويين"},
        [("residents", None, None, "اختطف مسلحون يعتقد أنهم من جماعة نصرة الإسلام والمسلمين سبعة قرويين")],
    ),
)


def _span(text: str, name: str, needle: str) -> Evidence:
    start = text.find(needle)
    if start < 0:
        raise ValueError(f"demo evidence {name!r}: {needle!r} not in the text")
    return Evidence(name, start, start + len(needle))


def demo_items() -> list[tuple[Document, list[Event]]]:
    """The demo documents, each with its hand-coded events (offsets computed from the text)."""
    out: list[tuple[Document, list[Event]]] = []
    for spec in SPECS:
        doc = Document(spec.doc_id, spec.text, published=spec.published, title=spec.title, outlet="مرصد تجريبي")
        evidence = [_span(spec.text, name, needle) for name, needle in spec.spans.items()]
        claims = [Claim(claimant, killed, injured, None, quote) for claimant, killed, injured, quote in spec.claims]
        for c in claims:
            _span(spec.text, "claims", c.quote)  # every quote is in the text
        event = Event(doc_id=spec.doc_id, claims=claims, evidence=evidence, **spec.event)
        out.append((doc, [event]))
    return out


BONI_AGAIN = (
    "موبتي - أكدت مصادر محلية أن هجوما لجماعة نصرة الإسلام والمسلمين استهدف الثلاثاء موقعا للجيش في بوني، "
    "وأن عشرة جنود قتلوا فيه.")
BONI_BRIEF = "وقع هجوم على موقع للجيش المالي في بوني يوم الثلاثاء، ولم ترد معلومات عن الضحايا."


def _boni_event(doc_id: str, text: str, fatalities: int | None, claims: list[Claim]) -> Event:
    return Event(
        doc_id=doc_id, event_date="2024-09-10", date_min="2024-09-10", date_max="2024-09-10", time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1="jnim", actor2="military:mali",
        country="Mali", admin1="Mopti", admin2="Douentza", location="Boni", latitude=15.07658,
        longitude=-2.21976, geo_precision=1, fatalities=fatalities, claims=claims,
        evidence=[_span(text, "location", "بوني")])


def demo_followups() -> list[tuple[Document, list[Event]]]:
    """Two later reports of the Boni attack (written for Marsad): 10 dead in one, no toll in the other."""
    quote = "عشرة جنود قتلوا"
    _span(BONI_AGAIN, "claims", quote)
    return [
        (Document("demo-mali-boni-2", BONI_AGAIN, published="2024-09-12", title="هجوم بوني", outlet="وكالة ب"),
         [_boni_event("demo-mali-boni-2", BONI_AGAIN, 10, [Claim("local_sources", 10, None, None, quote)])]),
        (Document("demo-mali-boni-3", BONI_BRIEF, published="2024-09-11", title="هجوم في بوني", outlet="وكالة ج"),
         [_boni_event("demo-mali-boni-3", BONI_BRIEF, 0, [])]),
    ]

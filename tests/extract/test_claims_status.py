"""Attribution, status and toll rules, table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.document import Document
from marsad.extract.claims import claims_responsibility
from marsad.extract.status import attacks_told, days_before_cue, describes_a_place, names_a_told_event, status_for
from marsad.extract.tolls import _conservative
from marsad.pipeline import Pipeline
from marsad.text.normalise import fold


def _attribution(sentence: str) -> str | None:
    doc = Pipeline().analyse(Document("t", sentence, published="2024-03-12"))
    found = doc.get("attribution")
    return found[0].value.claimant if found else None


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("قتل خمسة جنود في هجوم على ثكنة في نارا بحسب الجيش المالي.", "military:mali"),
        ("أعلنت جماعة نصرة الإسلام والمسلمين أنها قتلت عشرة جنود في كمين قرب بوني.", "jnim"),
        ("قال مصدر عسكري إن ثلاثة جنود قتلوا في انفجار لغم قرب غاو.", "military source"),
        ("أفاد شهود عيان بأن مسلحين قتلوا خمسة قرويين في هجوم على سوق.", "residents"),
        ("ذكرت وكالة فرانس برس أن هجوما استهدف دورية قرب ميناكا.", "AFP"),
        ("قتل خمسة جنود في هجوم على ثكنة في نارا يوم الأحد.", None),
    ],
)
def test_claimant(sentence: str, claimant: str | None) -> None:
    assert _attribution(sentence) == claimant


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("وتبنت جماعة نصرة الإسلام الهجوم", True), ("أعلن التنظيم مسؤوليته عن الهجوم", True),
     ("قتل جنديان في الهجوم", False)],
)
def test_claims_of_responsibility(sentence: str, expected: bool) -> None:
    text = fold(sentence)
    assert claims_responsibility(text, 0, len(text)) is expected


@pytest.mark.parametrize(
    ("date_max", "published", "recalled", "date_min", "expected"),
    [
        (date(2024, 3, 10), date(2024, 3, 12), False, None, "reported"),
        (date(2024, 2, 20), date(2024, 3, 12), False, None, "background"),
        (date(2024, 3, 1), date(2024, 3, 12), True, None, "reported"),  # within two weeks, even if recalled
        (None, None, True, None, "background"),
        (None, None, False, None, "reported"),
        (date(2023, 12, 31), date(2024, 1, 2), False, date(2023, 1, 1), "background"),  # a whole year: a trend
    ],
)
def test_status(date_max: date | None, published: date | None, recalled: bool, date_min: date | None,
                expected: str) -> None:
    assert status_for(date_max, published, recalled, date_min) == expected


@pytest.mark.parametrize(
    ("sentence", "days"),
    [("جاء ذلك غداة هجوم على ثكنة", 1), ("بعد يومين من هجوم انتحاري", 2), ("في هجوم على ثكنة", 0)],
)
def test_days_before(sentence: str, days: int) -> None:
    text = fold(sentence)
    trigger = text.index("هجوم")
    found, start, end = days_before_cue(text, trigger, 0)
    assert found == days
    assert (start < end <= trigger) if days else (start, end) == (0, 0)


@pytest.mark.parametrize(
    ("sentence", "told"),
    [("ضربت الجماعة مرتين", 2), ("شنت الجماعة عدة هجمات", 0), ("نصب مسلحون كمينا", None)],
)
def test_attacks_told(sentence: str, told: int | None) -> None:
    text = fold(sentence)
    assert attacks_told(text, 0, len(text)) == told


@pytest.mark.parametrize(
    ("tolls", "classes", "expected"),
    [
        ({"army": [5], "jnim": [20]}, {"army": {"military"}, "jnim": {"military"}}, 5),  # between claimants: lowest
        ({"report": [16], "authorities": [4]}, {"report": {"unknown"}, "authorities": {"attacker"}}, 16),  # partial
        ({"army": [5, 7]}, {"army": {"military"}}, 7),  # within one claimant the updated toll
    ],
)
def test_conservative_fatalities(tolls: dict[str, list[int]], classes: dict[str, set[str]], expected: int) -> None:
    assert _conservative(tolls, classes) == expected


@pytest.mark.parametrize(
    ("sentence", "word", "reference"),
    [
        ("وتفقد الوزير السبت مكان وقوع الهجوم", "الهجوم", True),
        ("وزار الرئيس موقع الانفجار في غاو", "الانفجار", True),
        ("وقع الهجوم السبت في غاو", "الهجوم", False),
        ("استهدف الهجوم موقعا للجيش", "الهجوم", False),
    ],
)
def test_a_trigger_named_as_a_site_tells_no_event(sentence: str, word: str, reference: bool) -> None:
    text = fold(sentence)
    assert names_a_told_event(text, text.index(fold(word))) is reference


@pytest.mark.parametrize(
    ("sentence", "description"),
    [
        ("وتقع موبتي على تخوم الشمال حيث خطف عدد من الأجانب", True),
        ("يقع المعسكر على بعد 10 كيلومترات من المدينة", True),
        ("وقع الهجوم فجر السبت", False),
        ("قتل جنديان في هجوم تقع مسؤوليته على الجماعة", False),
    ],
)
def test_a_sentence_saying_where_a_place_lies(sentence: str, description: bool) -> None:
    text = fold(sentence)
    assert describes_a_place(text, 0, len(text)) is description

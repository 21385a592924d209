"""The role of a place mention in its sentence (marsad.extract.site): sentences written for Marsad."""

from __future__ import annotations

import pytest

from marsad.extract.site import LOCATING, PlaceRole, place_in_sentence
from marsad.text.normalise import fold


def _role(sentence: str, name: str, cue: str = "") -> str:
    text = fold(sentence)
    start = text.index(fold(name))
    return PlaceRole().decide(place_in_sentence(text, 0, start, start + len(fold(name)), cue)).label


@pytest.mark.parametrize(
    ("sentence", "name", "cue", "expected"),
    [
        ("هاجم مسلحون قرية تاهوا في منطقة تيلابيري", "تاهوا", "", "site"),
        ("قتل جنديان في كمين قرب بلدة دوانتزا", "دوانتزا", "near", "near"),
        ("وقع الهجوم في بلدة داماساك على الحدود مع النيجر", "النيجر", "", "border"),
        ("اشتباكات في المنطقة المحاذية لمالي", "مالي", "", "border"),
        ("قال من نيامي إن الهجوم أسفر عن مقتل خمسة", "نيامي", "", "speaker"),
        ("وقال مراسلنا في باماكو إن الجيش استعاد البلدة", "باماكو", "", "speaker"),
        ("وقال حاكم ولاية بورنو إن المسلحين قتلوا عشرة", "بورنو", "", "title"),
        ("وأدانت حكومة مالي الهجوم على القرية", "مالي", "", "title"),
        ("فر السكان إلى ديفا بعد الهجوم", "ديفا", "", "destination"),
        ("تقع البلدة على بعد 600 كيلومتر من العاصمة نيامي", "نيامي", "distance", "reference"),
        ("هاجم مسلحون موقعا على بعد 20 كيلومترا من غاو", "غاو", "distance", "near"),
        ("واغادوغو (أ ف ب) - قتل عشرة جنود في هجوم على موقع للجيش", "واغادوغو", "", "dateline"),
        ("نيامي - قتل سبعة مدنيين في هجوم شمال البلاد", "نيامي", "", "dateline"),
        # a region in brackets after a town is no dateline
        ("وفي باندياغارا (وسط) منعت مجموعات مسلحة السكان من الخروج", "باندياغارا", "", "site"),
    ],
)
def test_place_role(sentence: str, name: str, cue: str, expected: str) -> None:
    assert _role(sentence, name, cue) == expected


def test_only_sites_and_nearby_places_locate() -> None:
    assert frozenset({"site", "near"}) == LOCATING

"""Geocoder.find / Geocoder.lookup on Arabic sentences written for these tests."""

from __future__ import annotations

import itertools

import pytest

from marsad.geo.resolve import Geocoder, GeoContext, PlaceMention
from marsad.text.normalise import normalise


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder.default()


def _find(geo: Geocoder, sentence: str) -> list[PlaceMention]:
    return geo.find(normalise(sentence).text)


def _places(geo: Geocoder, sentence: str) -> list[PlaceMention]:
    return [m for m in _find(geo, sentence) if m.kind != "country"]


# (sentence, expected geonameid of the first non-country mention, expected precision)
TOWNS = [
    ("هاجم مسلحون مدينة غاو فجر اليوم", 2457163, 1),
    ("انفجرت عبوة ناسفة في جاو صباح الأحد", 2457163, 1),
    ("وصلت تعزيزات عسكرية إلى تمبكتو", 2449067, 1),
    ("قتل جنديان في تومبكتو أمس", 2449067, 1),
    ("أعلن الجيش أن تنبكتو تعرضت لقصف", 2449067, 1),
    ("تظاهر المئات في باماكو ضد فرنسا", 2460596, 1),
    ("وباماكو شهدت احتجاجات واسعة", 2460596, 1),
    ("عاد الوفد بتمبكتو بعد الاجتماع", 2449067, 1),
    ("أرسلت الحكومة قافلة لغاو الأسبوع الماضي", 2457163, 1),
    ("هاجم مسلحون معسكرا في كيدال", 2455290, 1),
    ("اشتباكات عنيفة في ميناكا بين الجيش والمتمردين", 2453514, 1),
    ("اشتباكات في مينكا أمس", 2453514, 1),
    ("قتل خمسة مدنيين في سيغو", 2451478, 1),
    ("قتل خمسة مدنيين في سيجو", 2451478, 1),
    ("هجوم على فندق في سيفاري وسط البلاد", 2451285, 1),
    ("كمين في دوينتزا أوقع قتلى", 2458334, 1),
    ("هاجم متشددون قاعدة في بوني", 2459917, 1),
    ("هجوم على بلدة نيونو", 2452655, 1),
    ("هجوم على موقع في ديورا أمس", 2458636, 1),
    ("قتل مدني في باندياغارا على يد مسلحين", 2460489, 1),
    ("تعرضت نامبالا لهجوم", 2453133, 1),
    ("هاجم مسلحون بلدة جيبو شمال بوركينا فاسو", 2361177, 1),
    ("قتل شرطيان في واغادوغو", 2357048, 1),
    ("أغلقت السلطات المدارس في بلدة أربيندا", 2363174, 1),
    ("هجوم على دورية في تيلابيري غرب النيجر", 2438678, 1),
    ("احتج السكان في نيامي على الغلاء", 2440485, 1),
    ("هاجمت بوكو حرام بلدة ديفا جنوب شرق النيجر", 2445704, 1),
    ("قتل جنود في إيناتس على الحدود", 6862231, 1),
    ("هجوم على مطار تمبكتو", 2449067, 1),
    ("هاجم مسلحون قرية أوغوساغو وقتلوا العشرات", 12232587, 1),
]


@pytest.mark.parametrize(("sentence", "gid", "precision"), TOWNS)
def test_towns(geo: Geocoder, sentence: str, gid: int, precision: int) -> None:
    found = _places(geo, sentence)
    assert found, sentence
    assert (found[0].place.geonameid, found[0].place.geo_precision) == (gid, precision)
    assert found[0].kind == "place"


NEAR = [
    ("وقع انفجار قرب غاو", 2457163, "قرب غاو"),
    ("كمين بالقرب من دوينتزا", 2458334, "بالقرب من دوينتزا"),
    ("على بعد 20 كلم من ميناكا قتل جنديان", 2453514, "علي بعد 20 كلم من ميناكا"),
    ("هجوم على قرية تبعد 30 كيلومترا شمال تمبكتو", 2449067, "30 كيلومترا شمال تمبكتو"),
    ("اشتباكات في ضواحي باماكو", 2460596, "ضواحي باماكو"),
    ("كمين بين دوانتزا وبوني", 2458334, "بين دوانتزا"),
    ("انفجار لغم قرب مدينة غاو", 2457163, "قرب مدينه غاو"),
    ("هجوم شمال غاو", 2457163, "شمال غاو"),
]


@pytest.mark.parametrize(("sentence", "gid", "span"), NEAR)
def test_near_sets_precision_2_and_span_includes_cue(geo: Geocoder, sentence: str, gid: int, span: str) -> None:
    text = normalise(sentence).text
    found = [m for m in geo.find(text) if m.kind == "place"]
    assert found[0].place.geonameid == gid
    assert found[0].place.geo_precision == 2
    assert text[found[0].start:found[0].end] == span


def test_between_second_place_is_precision_2(geo: Geocoder) -> None:
    found = _places(geo, "نصب مسلحون كمينا بين دوانتزا و بوني")
    assert [(m.place.location, m.place.geo_precision) for m in found] == [("Douentza", 2), ("Boni", 2)]


REGIONS = [
    ("هاجم مسلحون مركزا للدرك في منطقة سيكاسو", "Sikasso", 2451185),
    ("قتل عشرة مدنيين في منطقة موبتي", "Mopti", 2453348),
    ("قتل جنود بولاية تمبكتو", "Tombouctou", 2449067),
    ("هجمات متكررة في منطقة ميناكا", "Ménaka", 2453514),
    ("أعلنت حالة الطوارئ في منطقة تيلابيري", "Tillabéri", 2438678),
    ("هجوم في منطقة غاو الشهر الماضي", "Gao", 2457163),
    ("هجمات في إقليم الساحل شمال بوركينا فاسو", "Sahel", 2361082),
    ("نزوح السكان من منطقة الشرق في بوركينا فاسو", "Est", 2360886),
]


@pytest.mark.parametrize(("sentence", "admin1", "capital"), REGIONS)
def test_region_mentions_give_capital_precision_3(geo: Geocoder, sentence: str, admin1: str, capital: int) -> None:
    regions = [m for m in _find(geo, sentence) if m.kind == "region"]
    assert regions, sentence
    assert (regions[0].place.admin1, regions[0].place.geonameid, regions[0].place.geo_precision) == (admin1, capital, 3)


def test_province_mention_gives_seat(geo: Geocoder) -> None:
    regions = [m for m in _find(geo, "قتل جنود في إقليم سوم في بوركينا فاسو") if m.kind == "region"]
    assert regions and regions[0].place.location == "Djibo" and regions[0].place.geo_precision == 3


def test_unknown_village_in_known_region_gives_region_only(geo: Geocoder) -> None:
    found = _find(geo, "هاجم مسلحون قرية زوكوبالاتيني في منطقة موبتي")
    assert [(m.kind, m.place.location, m.place.geo_precision) for m in found] == [("region", "Mopti", 3)]


HOMONYMS = [
    # Dia: several villages of the Mopti region; the one near Diafarabé (Ténenkou cercle)
    ("كمين بين ديا وديافارابي في منطقة موبتي", "Ténenkou"),
    # Sébékoro: the Kayes-region ones, not those of Koulikoro
    ("هاجم مسلحون بلدة سيبيكورو في منطقة كاييس", "Kayes"),
    ("هاجم مسلحون بلدة سيبيكورو في منطقة كوليكورو", "Koulikoro"),
    # Kasséla: Koulikoro region or Sikasso region, as the sentence says
    ("قتل مدنيون في بلدة كسيلا بمنطقة سيكاسو", "Sikasso"),
    ("قتل مدنيون في بلدة كسيلا بمنطقة كوليكورو", "Koulikoro"),
]


@pytest.mark.parametrize(("sentence", "admin"), HOMONYMS)
def test_homonyms_follow_the_context(geo: Geocoder, sentence: str, admin: str) -> None:
    place = _places(geo, sentence)[0].place
    assert admin in (place.admin1, place.admin2)


def test_koro_in_mopti_is_the_cercle_seat(geo: Geocoder) -> None:
    place = _places(geo, "هاجم مسلحون بلدة كورو في وسط مالي")[0].place
    assert (place.geonameid, place.admin1) == (2454674, "Mopti")


COUNTRIES = [
    ("عادت فرنسا إلى مالي", "Mali", "Bamako"),
    ("زار الوزير بوركينا فاسو", "Burkina Faso", "Ouagadougou"),
    ("تدهور الوضع الأمني في النيجر", "Niger", "Niamey"),
    ("وصل الوفد إلى جمهورية مالي", "Mali", "Bamako"),
    ("عاد السفير لبوركينا فاسو", "Burkina Faso", "Ouagadougou"),
]


@pytest.mark.parametrize(("sentence", "country", "capital"), COUNTRIES)
def test_country_mentions(geo: Geocoder, sentence: str, country: str, capital: str) -> None:
    found = _find(geo, sentence)
    assert [(m.kind, m.place.country, m.place.location, m.place.geo_precision) for m in found] == [
        ("country", country, capital, 3)]


NOT_PLACES = [
    "أعلن الجيش المالي مقتل جنديين",
    "قدمت فرنسا دعم مالي كبير للحكومة",
    "وقع الهجوم في الساعة الثالثة فجرا",
    "اندلعت اشتباكات بين الجانبين في الليل",
    "قال المتحدث في بيان إن القوات الماليه تقدمت",
    "قتل عدد من الجنود الماليين في الهجوم",
    "أكد الرئيس إبراهيم بوبكر كيتا أن الحوار مستمر",
    "ارتفع منسوب نهر النيجر هذا العام",
    "فاز الفريق في الدوري المحلي",
    "قالت المصادر في حين نفى الجيش ذلك",
    "وفي إطار التعاون الأمني بين البلدين",
    "يأتي ذلك في ظل تدهور الأوضاع في غرب افريقيا",
]


@pytest.mark.parametrize("sentence", NOT_PLACES)
def test_ordinary_words_are_not_places(geo: Geocoder, sentence: str) -> None:
    assert _find(geo, sentence) == []


def test_mentions_are_ordered_and_disjoint(geo: Geocoder) -> None:
    found = _find(geo, "هجمات في غاو وتمبكتو وكيدال ثم في موبتي وسيغو شمال مالي ووسطها")
    assert [m.place.location for m in found if m.kind == "place"] == ["Gao", "Timbuktu", "Kidal", "Mopti", "Ségou"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_fuzzy_spelling_after_strong_cue(geo: Geocoder) -> None:
    # not in the alias table: found through the consonant key after «قرية»
    found = _places(geo, "هاجم مسلحون قرية سوكورا في منطقة موبتي")
    assert found and found[0].place.admin1 == "Mopti" and found[0].score < 1.0


LOOKUPS = [
    ("غاو", None, 2457163),
    ("بتمبكتو", None, 2449067),
    ("Ouagadougou", None, 2357048),
    ("Ménaka", None, 2453514),
    ("Sévaré", None, 2451285),
    ("ديا", GeoContext(admin1=frozenset({"Mopti"})), None),
    ("كسيلا", GeoContext(admin1=frozenset({"Sikasso"})), 6798700),
]


@pytest.mark.parametrize(("name", "context", "gid"), LOOKUPS)
def test_lookup(geo: Geocoder, name: str, context: GeoContext | None, gid: int | None) -> None:
    place = geo.lookup(name, context)
    assert place is not None
    if gid is not None:
        assert place.geonameid == gid
    else:
        assert place.admin1 == "Mopti"


def test_lookup_unknown_is_none(geo: Geocoder) -> None:
    assert geo.lookup("زززززز") is None


def test_default_is_cached() -> None:
    assert Geocoder.default() is Geocoder.default()

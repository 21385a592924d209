"""Curated Arabic spellings of the Lake Chad basin (Nigeria, Chad, Cameroon, Niger's Diffa), Mauritania
and Algeria: Geocoder.find on sentences written for these tests (places.tsv and extra_places.tsv rows)."""

from __future__ import annotations

import pytest

from marsad.geo.resolve import Geocoder, PlaceMention
from marsad.text.normalise import normalise


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder.default()


def _mentions(geo: Geocoder, sentence: str) -> list[PlaceMention]:
    return geo.find(normalise(sentence).text)


def _places(geo: Geocoder, sentence: str) -> list[PlaceMention]:
    return [m for m in _mentions(geo, sentence) if m.kind != "country"]


# (sentence, location of the first non-country mention, its country, its admin1); None: no place at all
CASES: list[tuple[str, str | None, str | None, str | None]] = [
    # Nigeria: Borno and Yobe
    ("هاجم مقاتلو بوكو حرام أطراف مايدوغوري فجر الأحد", "Maiduguri", "Nigeria", "Borno"),
    ("سقطت قذائف هاون على أحياء في ميدوجوري", "Maiduguri", "Nigeria", "Borno"),
    ("قتل جنود في كمين قرب داماتورو", "Damaturu", "Nigeria", "Yobe"),
    ("أعلن الجيش النيجيري استعادة بلدة باما من المسلحين", "Bama", "Nigeria", "Borno"),
    ("فجرت انتحارية نفسها في سوق بلدة غوزا", "Gwoza", "Nigeria", "Borno"),
    ("هاجم انتحاريون مسجدا في كوندوغا", "Konduga", "Nigeria", "Borno"),
    ("فر آلاف السكان من ديكوا ومونغونو بعد الهجوم", "Dikwa", "Nigeria", "Borno"),
    ("هاجم مسلحون قاعدة عسكرية في دماسك قرب الحدود مع النيجر", "Damasak", "Nigeria", "Borno"),
    ("عاد بعض سكان مالام فاتوري إلى منازلهم", "Mallam Fatori", "Nigeria", "Borno"),
    ("قصفت الطائرات مواقع قرب غامبورو على الحدود الكاميرونية", "Gamboru", "Nigeria", "Borno"),
    ("لا تزال بعض طالبات المدرسة في شيبوك مفقودات", "Chibok", "Nigeria", "Borno"),
    ("اختطف مسلحون عشرات الطالبات من مدرسة في دابتشي", "Dapchi", "Nigeria", "Yobe"),
    ("انفجرت عبوة في سوق بوتيسكوم المزدحم", "Potiskum", "Nigeria", "Yobe"),
    ("تسلل مسلحون إلى غيدام ليلا", "Geidam", "Nigeria", "Yobe"),
    ("وقع الهجوم في مدينة بيو جنوب الولاية", "Biu", "Nigeria", "Borno"),
    ("سيطر تنظيم داعش على قاعدة عسكرية في باغا على ضفاف البحيرة", "Baga", "Nigeria", "Borno"),
    # Nigeria: the north-west, the centre and the capitals
    ("انفجرت قنبلة في سوق بمدينة كانو", "Kano", "Nigeria", "Kano"),
    ("خطف مسلحون ركاب قطار بين أبوجا وكادونا", "Abuja", "Nigeria", "FCT"),
    ("شهدت مدينة جوس اشتباكات طائفية", "Jos", "Nigeria", "Plateau"),
    ("هاجم مسلحون قرية في ولاية زامفارا شمال غرب نيجيريا", "Gusau", "Nigeria", "Zamfara"),
    ("خطف مسلحون تلاميذ بولاية النيجر النيجيرية", "Minna", "Nigeria", "Niger"),
    ("قتل قطاع طرق عشرين قرويا قرب كاتسينا", "Katsina", "Nigeria", "Katsina"),
    ("زار الرئيس سوكوتو بعد الهجوم", "Sokoto", "Nigeria", "Sokoto"),
    # Chad
    ("عقد اجتماع أمني في انجامينا أمس", "N'Djamena", "Chad", "N’Djaména"),
    ("قتل جنود تشاديون في هجوم على بلدة باغا سولا", "Baga Sola", "Chad", "Lac"),
    ("وقع انفجار في بلدة بول قرب البحيرة", "Bol", "Chad", "Lac"),
    ("هاجم مسلحون قادمون بالزوارق قرية انغوبوا التشادية", "Ngouboua", "Chad", "Lac"),
    ("نقل الجرحى إلى مستشفى في أبشة شرق تشاد", "Abéché", "Chad", "Ouadaï"),
    ("هاجم متمردون حامية فايا لارجو", "Faya-Largeau", "Chad", "Borkou"),
    ("وصل آلاف اللاجئين السودانيين إلى بلدة أدري على الحدود", "Adré", "Chad", "Ouadaï"),
    # Cameroon
    ("قتل جنود كاميرونيون في هجوم على بلدة كولوفاتا", "Kolofata", "Cameroon", "Far North"),
    ("هاجم مسلحون قرى في منطقة أقصى الشمال", "Maroua", "Cameroon", "Far North"),
    ("فجرت انتحاريتان نفسيهما في سوق ماروا", "Maroua", "Cameroon", "Far North"),
    ("عبر اللاجئون النهر إلى كوسيري", "Kousséri", "Cameroon", "Far North"),
    # Niger: Diffa
    ("هاجم مسلحون قرية شتيماري في منطقة ديفا", "Chétimari", "Niger", "Diffa"),
    # Mauritania
    ("وصل الرئيس إلى نواكشوط قادما من الشرق", "Nouakchott", "Mauritania", "Trarza"),
    ("يعيش آلاف اللاجئين الماليين قرب باسكنو", "Bassikounou", "Mauritania", "Hodh Ech Chargi"),
    ("هاجم مسلحون ثكنة لمغيطي عام 2005", "Lemgheity", "Mauritania", "Tiris Zemmour"),
    ("أضرب عمال المناجم في الزويرات", "Zouerate", "Mauritania", "Tiris Zemmour"),
    # Algeria
    ("احتجز مسلحون رهائن في منشأة غاز قرب عين أميناس", "In Amenas", "Algeria", "Illizi"),
    ("قتل جنود في هجوم قرب برج باجي مختار", "Bordj Badji Mokhtar", "Algeria", "Adrar"),
    ("كشف الجيش الجزائري مخبأ للأسلحة في تمنراست", "Tamanghasset", "Algeria", "Tamanrasset"),
    ("اعتقلت الشرطة رجلا في بشار", "Béchar", "Algeria", "Béchar"),
    ("أوقف الدرك إرهابيا في بومرداس", "Boumerdas", "Algeria", "Boumerdes"),
    # ordinary words that must stay words
    ("لا أدري ماذا حدث في الاجتماع", None, None, None),
    ("سار الجنود نحو الحدود", None, None, None),
    ("تعمل الحكومة في إطار خطة وطنية", None, None, None),
    ("قال الوزير إن صالح سيعود غدا", None, None, None),
    ("عمت النعمة على الناس", None, None, None),
    ("قال بشار إن الوضع هادئ", None, None, None),
    ("غرق صيادون في البحيرة", None, None, None),
    ("ران الصمت على القاعة", None, None, None),
    ("عقد اجتماع في الدار البيضاء بالمغرب", None, None, None),
]


@pytest.mark.parametrize(("sentence", "location", "country", "admin1"), CASES)
def test_lake_chad_place(geo: Geocoder, sentence: str, location: str | None, country: str | None,
                         admin1: str | None) -> None:
    places = _places(geo, sentence)
    if location is None:
        assert places == [], [m.surface for m in places]
        return
    assert places, f"no place in {sentence!r}"
    p = places[0].place
    assert (p.location, p.country, p.admin1) == (location, country, admin1)


# «نيجيريا» and «النيجر» never read as each other; «ولاية النيجر» is Nigeria's Niger State
COUNTRIES = [
    ("عبر اللاجئون من النيجر إلى نيجيريا", ["Niger", "Nigeria"]),
    ("وصلت قوات من نيجريا إلى الحدود", ["Nigeria"]),
    ("قتل قرويون في ولاية النيجر بنيجيريا", ["Nigeria"]),
    ("عبر اللاجئون نهر النيجر نحو نيجيريا", ["Nigeria"]),
    ("هاجم متشددون موقعا في النيجر", ["Niger"]),
]


@pytest.mark.parametrize(("sentence", "countries"), COUNTRIES)
def test_niger_and_nigeria(geo: Geocoder, sentence: str, countries: list[str]) -> None:
    assert [m.place.country for m in _mentions(geo, sentence) if m.kind == "country"] == countries


# (sentence, [(location, precision, kind)] of all mentions): state names, ordinary words, homonyms, spellings
MECHANISMS: list[tuple[str, list[tuple[str, int, str]]]] = [
    # a state named after «ولاية» is the state, at its seat, precision 3 (GeoNames ADM1 rows built for Nigeria)
    ("هاجم مسلحون قرى في ولاية بلاتو وسط نيجيريا", [("Jos", 3, "region"), ("Abuja", 3, "country")]),
    ("قتل عشرة في ولاية بورنو", [("Maiduguri", 3, "region")]),
    # GeoNames alternates made only of ordinary words are no places (Cameroon's «North» region, Bou Saâda)
    ("قتل جنود في منطقة شمال مالي", [("Bamako", 3, "country")]),
    ("وصل الوفد إلى بوابة الصحراء", []),
    # a curated spelling names one of two homonyms with no population: the named row wins the tie
    ("هاجم مسلحون بلدة بوسو على ضفاف البحيرة", [("Bosso", 1, "place")]),
    # a final -يه writes a French final e, like -ي
    ("انفجار في مدينة غومبيه", [("Gombe", 1, "place")]),
    # «كمينا» (an ambush) is no «ك» + a town's name
    ("نصب مسلحون كمينا للجنود", []),
]


@pytest.mark.parametrize(("sentence", "expected"), MECHANISMS)
def test_geocoder_mechanisms(geo: Geocoder, sentence: str, expected: list[tuple[str, int, str]]) -> None:
    got = [(m.place.location, m.place.geo_precision, m.kind) for m in _mentions(geo, sentence)]
    assert got == expected

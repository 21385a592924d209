"""marsad.extract.numbers: digits, number words, vague figures, qualifiers and the filters (years, times ...)."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.numbers import NumberMention, find_numbers, lexicon, parse_number_words
from marsad.text.normalise import fold


def _values(sentence: str) -> list[tuple[int, str]]:
    return [(m.value, m.qualifier) for m in find_numbers(fold(sentence))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("قتل 12 جنديا في الكمين", [(12, "exact")]),
        ("نزح 1,200 شخص من القرية", [(1200, "exact")]),
        ("فر 1.200 لاجئ", [(1200, "exact")]),
        ("وصل 1 200 نازح", [(1200, "exact")]),
        ("قتل ١٥ مدنيا", [(15, "exact")]),
        ("خطف واحد من الرعاة", [(1, "exact")]),
        ("أصيب اثنان من الحراس", [(2, "exact")]),
        ("نجت اثنتين من النساء", [(2, "exact")]),
        ("قتلت ثلاث نساء", [(3, "exact")]),
        ("قتل ثلاثة جنود", [(3, "exact")]),
        ("قتل أربعة عشر قرويا", [(14, "exact")]),
        ("قتل أحد عشر شخصا", [(11, "exact")]),
        ("أسر اثنا عشر جنديا", [(12, "exact")]),
        ("أسروا اثني عشر عسكريا", [(12, "exact")]),
        ("قتل عشرون مسلحا", [(20, "exact")]),
        ("قتل خمسة وعشرين جنديا", [(25, "exact")]),
        ("بلغ عددهم تسعة وتسعين", [(99, "exact")]),
        ("نحو مائة شخص", [(100, "about")]),
        ("قرابة مئتي لاجئ", [(200, "about")]),
        ("فر ثلاثمائة شخص", [(300, "exact")]),
        ("فر ثلاث مئة شخص", [(300, "exact")]),
        ("نزح ثلاثة آلاف شخص", [(3000, "exact")]),
        ("نزح ألفان من السكان", [(2000, "exact")]),
        ("نزح 15 ألف شخص", [(15000, "exact")]),
        ("يعيش 1.5 مليون لاجئ", [(1500000, "exact")]),
        ("قتل ألف ومئتان وخمسة وعشرون", [(1225, "exact")]),
        ("الجنود الـ15 المختطفون", [(15, "exact")]),
        ("قتل عشرات المدنيين", [(10, "vague")]),
        ("قتل العشرات من الجنود", [(10, "vague")]),
        ("نزح مئات الأشخاص", [(100, "vague")]),
        ("فر آلاف السكان", [(1000, "vague")]),
        ("فر عشرات الآلاف من السكان", [(10000, "vague")]),
        ("قتل العديد من الجنود وعدة مدنيين", []),
        ("قتل بضعة جنود", []),
        ("حوالي 30 قتيلا", [(30, "about")]),
        ("زهاء أربعين شخصا", [(40, "about")]),
        ("بنحو 20 جنديا", [(20, "about")]),
        ("ما لا يقل عن 16 مدنيا", [(16, "at_least")]),
        ("لا يقل عن عشرة أشخاص", [(10, "at_least")]),
        ("على الأقل 7 قتلى", [(7, "at_least")]),
        ("قتل ثلاثة أشخاص على الأقل", [(3, "at_least")]),
        ("قتل عشرة آخرون على الأقل", [(10, "at_least")]),
        ("أكثر من عشرين شخصا", [(20, "more_than")]),
        ("أزيد من 50 مسلحا", [(50, "more_than")]),
        ("ما يزيد على مئة شخص", [(100, "more_than")]),
        ("أقل من عشرة جرحى", [(10, "at_most")]),
        ("وقع الهجوم عام 2019 وقتل 5", [(5, "exact")]),
        ("منذ 2012 قتل 4 جنود", [(4, "exact")]),
        ("في 21 فبراير 2019 قتل 3 جنود", [(3, "exact")]),
        ("في 3 جانفي قتل 6 رعاة", [(6, "exact")]),
        ("عند الساعة 18,00 قتل 2", [(2, "exact")]),
        ("على الساعة 18:30 قتل 8 جنود", [(8, "exact")]),
        ("ارتفعت نسبة المشاركة إلى 45%", []),
        ("بلغت النسبة 30 بالمئة", []),
        ("هاجموا يوم الاثنين قاعدة", []),
        ("يوم الأحد الماضي", []),
        ("في الذكرى الحادي عشر", []),
        ("في اليوم الخامس والعشرين", []),
        ("قوة G5 الساحل", []),
        ("قتل الجندي الثالث", []),
        ("قتل أحد الجنود", []),
        ("قال إنه لست أدري", []),
        ("كمية من الأسلحة", []),
    ],
)
def test_find_numbers_table(sentence: str, expected: list[tuple[int, str]]) -> None:
    assert _values(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("قتل نحو 10 متشددين", "نحو 10"),
        ("مقتل ما لا يقل عن 16 مدنيا", "ما لا يقل عن 16"),
        ("قتل عشرة على الأقل", "عشره علي الاقل"),
        ("الجنود الـ15", "ال15"),
        ("قتل خمسة وعشرين", "خمسه وعشرين"),
    ],
)
def test_span_covers_qualifiers(sentence: str, span: str) -> None:
    text = fold(sentence)
    (m,) = find_numbers(text)
    assert text[m.start:m.end] == span


def test_trailing_qualifier_after_noun_leaves_the_noun_outside_the_span() -> None:
    text = fold("قتل ثلاثة أشخاص على الأقل")
    (m,) = find_numbers(text)
    assert text[m.start:m.end] == fold("ثلاثة")
    assert m.qualifier == "at_least"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("ثلاثة", 3),
        ("ثلاثه عشر", 13),
        ("سبعة وثلاثون", 37),
        ("مائتان وخمسون", 250),
        ("ألفين", 2000),
        ("عشرات", 10),
        ("1,500", 1500),
        ("ثلاثة جنود", None),
        ("جنود", None),
        ("", None),
    ],
)
def test_parse_number_words(words: str, value: int | None) -> None:
    assert parse_number_words(words) == value


def test_find_numbers_window() -> None:
    text = fold("قتل 5 جنود وأصيب 7 آخرون")
    cut = text.index(fold("وأصيب"))
    assert [m.value for m in find_numbers(text, 0, cut)] == [5]
    assert [m.value for m in find_numbers(text, cut)] == [7]
    assert find_numbers(text, 10, 5) == []


def test_lexicon_schema() -> None:
    source = resources.files("marsad").joinpath("data/ar/numbers.yaml").read_text(encoding="utf-8")
    assert source.startswith("# "), "the lexicon must open with a header comment naming its source"
    raw = yaml.safe_load(source)
    for key in ("units", "teen_units", "tens", "hundreds", "scales", "vague", "qualifiers_before",
                "qualifiers_after", "year_cues", "months", "clock_cues", "percent_words", "ordinals",
                "weekday_forms", "not_numbers"):
        assert key in raw, key
    assert sorted(raw["units"]) == list(range(1, 11))
    assert sorted(raw["tens"]) == list(range(20, 100, 10))
    for table in ("units", "teen_units", "tens", "hundreds", "vague"):
        for value, forms in raw[table].items():
            assert isinstance(value, int) and forms and all(isinstance(f, str) and fold(f) for f in forms)
    assert set(raw["qualifiers_before"]) <= {"about", "at_least", "more_than", "at_most"}
    assert lexicon() is lexicon()  # cached


# ---------------------------------------------------------------------------------------------- properties

_RAW = yaml.safe_load(resources.files("marsad").joinpath("data/ar/numbers.yaml").read_text(encoding="utf-8"))


@st.composite
def _number_words(draw: st.DrawFn) -> tuple[int, str]:
    """A value 1..99 written in words, in a form drawn from the lexicon."""
    n = draw(st.integers(1, 99))
    units = {int(k): [f for f in v if not fold(f).endswith("ا")] for k, v in _RAW["units"].items()}
    if n <= 10:
        words = draw(st.sampled_from(units[n]))
    elif n <= 19:
        u = n - 10
        first = draw(st.sampled_from(_RAW["teen_units"][u] if u <= 2 else units[u]))
        words = first + " " + draw(st.sampled_from(_RAW["teen_tens"]))
    else:
        tens = draw(st.sampled_from(_RAW["tens"][n - n % 10]))
        words = tens if n % 10 == 0 else draw(st.sampled_from(units[n % 10])) + " و" + tens
    prefix = draw(st.sampled_from(["", "و", "ال", "بال"])) if n > 2 else ""
    return n, prefix + words


@given(_number_words())
@settings(max_examples=300, deadline=None)
def test_words_round_trip(case: tuple[int, str]) -> None:
    value, words = case
    text = fold("قتل " + words + " شخصا")
    found = find_numbers(text)
    assert [m.value for m in found] == [value], words


@given(st.integers(0, 999_999), st.booleans())
@settings(max_examples=300, deadline=None)
def test_digits_round_trip(value: int, indic: bool) -> None:
    digits = str(value)
    if indic:
        digits = digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    text = fold("أسفر عن " + digits + " قتيلا")
    assert [m.value for m in find_numbers(text)] == [value]


_ALPHABET = st.sampled_from([*"ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآ ٠١٢٣0123456789,.،%:/-\n«»", "الف", "عشر"])


@given(st.one_of(st.text(), st.lists(_ALPHABET, max_size=60).map("".join)), st.integers(-5, 80), st.integers(-5, 80))
@settings(max_examples=300, deadline=None)
def test_find_numbers_never_raises_and_spans_are_sane(raw: str, start: int, end: int) -> None:
    text = fold(raw)
    found: list[NumberMention] = find_numbers(text, start, end)
    lo, hi = max(0, start), min(len(text), end)
    prev_end = lo
    for m in found:
        assert lo <= m.start < m.end <= hi
        assert m.start >= prev_end
        assert m.value >= 0
        prev_end = m.end

"""Tests for the date stage: table-driven cases (sentences written for these tests), properties, lexicon schema."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.dates import DateMention, day_range_for_published, find_dates, load_lexicon
from marsad.text.normalise import fold, normalise

D = date.fromisoformat


def _ranges(text: str, published: str | None) -> list[tuple[date, date, int]]:
    return [(m.date_min, m.date_max, m.precision) for m in find_dates(text, published)]


def _day(iso: str) -> tuple[date, date, int]:
    return D(iso), D(iso), 1


# (text, published, expected mentions as (date_min, date_max, precision) in text order)
# 2024-09-17 Tue, 2022-03-04 Fri, 2020-06-14 Sun, 2016-01-16 Sat, 2023-07-13 Thu,
# 2021-12-22 Wed, 2017-05-01 Mon, 2019-02-28 Thu, 2012-03-01 Thu
CASES: list[tuple[str, str | None, list[tuple[date, date, int]]]] = [
    # weekdays: the most recent such day on or before publication
    ("قتل ثلاثة جنود الثلاثاء في هجوم على نقطة تفتيش", "2024-09-17", [_day("2024-09-17")]),
    ("أعلن الجيش الاثنين مقتل عشرة مسلحين", "2024-09-17", [_day("2024-09-16")]),
    ("هاجم مسلحون قرية نائية يوم الأحد", "2024-09-17", [_day("2024-09-15")]),
    ("نفذ الطيران غارة مساء الأربعاء على موقع للمتشددين", "2024-09-17", [_day("2024-09-11")]),
    ("اندلعت اشتباكات عنيفة فجر الجمعة قرب الحدود", "2022-03-04", [_day("2022-03-04")]),
    ("انفجرت عبوة ناسفة صباح الخميس بمرور دورية", "2022-03-04", [_day("2022-03-03")]),
    ("وقع الهجوم السبت الماضي في منطقة الحدود الثلاثة", "2022-03-04", [_day("2022-02-26")]),
    ("قتل جنديان الجمعة الماضي في كمين", "2022-03-04", [_day("2022-02-25")]),
    ("قال مسؤول محلي يوم السبت إن القرية أخليت", "2016-01-16", [_day("2016-01-16")]),
    ("وقع الهجوم يوم الجمعة الماضية", "2016-01-16", [_day("2016-01-15")]),
    ("وأفاد شهود بأن المسلحين وصلوا الإثنين على دراجات نارية", "2016-01-16", [_day("2016-01-11")]),
    ("ليلة الخميس هاجم مسلحون مركزا للدرك", "2023-07-13", [_day("2023-07-13")]),
    ("ظهر الثلاثاء سمع دوي انفجار", "2020-06-14", [_day("2020-06-09")]),
    ("قتل راع في الهجوم يوم الاربعاء", "2021-12-22", [_day("2021-12-22")]),
    # nights: first night day .. next day, precision 1
    ("تعرضت البلدة لهجوم في ليل الأحد إلى الاثنين", "2017-05-01", [(D("2017-04-30"), D("2017-05-01"), 1)]),
    ("وقعت المواجهات ليلة الثلاثاء الأربعاء", "2021-12-22", [(D("2021-12-21"), D("2021-12-22"), 1)]),
    ("سقط القتلى الليلة الماضية في قصف مدفعي", "2019-02-28", [(D("2019-02-27"), D("2019-02-28"), 1)]),
    ("استهدف هجوم ليلة أمس قاعدة عسكرية", "2019-02-28", [(D("2019-02-27"), D("2019-02-28"), 1)]),
    ("تواصلت المعارك يومي السبت والأحد", "2020-06-14", [(D("2020-06-13"), D("2020-06-14"), 2)]),
    # relative to publication
    ("قتل خمسة مدنيين اليوم في هجوم على سوق", "2019-02-28", [_day("2019-02-28")]),
    ("أعلنت الحكومة أمس حصيلة جديدة", "2019-02-28", [_day("2019-02-27")]),
    ("جرى تبادل إطلاق النار أول أمس", "2019-02-28", [_day("2019-02-26")]),
    ("وصلت التعزيزات أمس الأول إلى المدينة", "2019-02-28", [_day("2019-02-26")]),
    ("هاجم مسلحون فجر اليوم الخميس ثكنة", "2019-02-28", [_day("2019-02-28")]),
    ("قصفت الطائرات صباح أمس الأربعاء مواقع", "2019-02-28", [_day("2019-02-27")]),
    ("أعلن الجيش مساء أمس (الأربعاء) مقتل جنود", "2019-02-28", [_day("2019-02-27")]),
    ("بالأمس خرج السكان من القرية", "2019-02-28", [_day("2019-02-27")]),
    ("اختطف مسلحون ثلاثة عمال قبل يومين", "2019-02-28", [_day("2019-02-26")]),
    ("فرّ السكان من البلدة قبل ثلاثة أيام", "2019-02-28", [_day("2019-02-25")]),
    ("بدأت العملية العسكرية منذ 5 أيام", "2019-02-28", [_day("2019-02-23")]),
    ("تعرضت الدورية لكمين قبل أسبوع", "2019-02-28", [(D("2019-02-19"), D("2019-02-23"), 2)]),
    ("قتل سبعة مدنيين الأسبوع الماضي", "2019-02-28", [(D("2019-02-21"), D("2019-02-27"), 2)]),
    ("تصاعدت الهجمات هذا الأسبوع في الشمال", "2019-02-28", [(D("2019-02-22"), D("2019-02-28"), 2)]),
    ("استعاد الجيش السيطرة على المدينة الشهر الماضي", "2019-02-28", [(D("2019-01-01"), D("2019-01-31"), 3)]),
    ("فرّ المئات الشهر الماضي", "2012-03-01", [(D("2012-02-01"), D("2012-02-29"), 3)]),
    ("وقعت المجزرة مطلع الشهر الجاري", "2019-02-28", [(D("2019-02-01"), D("2019-02-10"), 3)]),
    ("هاجم مسلحون قافلة خلال عطلة نهاية الأسبوع", "2017-05-01", [(D("2017-04-28"), D("2017-04-30"), 2)]),
    ("انسحبت القوات الفرنسية من القاعدة العام الماضي", "2019-02-28", [(D("2018-01-01"), D("2018-12-31"), 3)]),
    ("تضاعفت الهجمات في السنة الماضية", "2019-02-28", [(D("2018-01-01"), D("2018-12-31"), 3)]),
    ("شهدت المنطقة مؤخرا هجمات متكررة", "2019-02-28", [(D("2019-02-14"), D("2019-02-27"), 3)]),
    # day + month, with and without a year, every calendar tradition
    ("سيطر المسلحون على المدينة في 12 يناير 2013", None, [_day("2013-01-12")]),
    ("اختطف الرهائن في 12/1/2013 قرب الحدود", None, [_day("2013-01-12")]),
    ("نشر البيان بتاريخ 2013-01-12", None, [_day("2013-01-12")]),
    ("بدأ التدخل العسكري في الأول من يناير", "2013-03-05", [_day("2013-01-01")]),
    ("أعلن الحداد في الثاني من شهر فبراير", "2013-03-05", [_day("2013-02-02")]),
    ("سقطت البلدة في العاشر من مارس", "2013-04-05", [_day("2013-03-10")]),
    # a day a few weeks after publication is a plan («المقررة في 29 يوليو»), not the same day a year back
    ("الانتخابات المقررة في 29 يوليو", "2018-07-02", [(D("2018-07-29"), D("2018-07-29"), 1)]),
    ("فر السكان في الحادي عشر من سبتمبر", "2013-10-01", [_day("2013-09-11")]),
    ("وقع الانفجار في العشرين من أكتوبر", "2013-10-29", [_day("2013-10-20")]),
    ("قتل الجنود في الخامس والعشرين من ديسمبر", "2013-10-29", [_day("2012-12-25")]),
    ("هاجم المسلحون القرية في 8 تشرين الأول/أكتوبر", "2018-11-03", [_day("2018-10-08")]),
    ("أعلنت النتائج في 3 آب/أغسطس", "2018-11-03", [_day("2018-08-03")]),
    ("وقع الهجوم في 14 شباط", "2018-03-01", [_day("2018-02-14")]),
    ("في 21 أيلول سبتمبر الماضي تعرضت قافلة لهجوم", "2018-11-03", [_day("2018-09-21")]),
    ("بدأت العملية في 5 جويلية 2012", None, [_day("2012-07-05")]),
    ("تعرض موكب لهجوم في 20 جوان", "2013-07-01", [_day("2013-06-20")]),
    ("أعلن الجيش يوم 3 أفريل عن مقتل", "2013-05-01", [_day("2013-04-03")]),
    ("وقعت المواجهات في 9 غشت", "2016-09-01", [_day("2016-08-09")]),
    ("أعلنت الحركة في 17 نونبر انسحابها", "2016-12-01", [_day("2016-11-17")]),
    ("قتل المئات في 4 فيفري الماضي", "2016-12-01", [_day("2016-02-04")]),
    ("وقع الهجوم الخميس 3 مارس 2016 في العاصمة", None, [_day("2016-03-03")]),
    ("هاجم مسلحون معسكرا في 22 الجاري", "2019-02-28", [_day("2019-02-22")]),
    ("جرت الانتخابات في 15 من الشهر الماضي", "2019-02-28", [_day("2019-01-15")]),
    ("تسلمت البعثة المدينة يوم 22 أكتوبر الماضي", "2013-10-29", [_day("2013-10-22")]),
    ("دارت المعارك بين 12 و15 يناير 2013", None, [(D("2013-01-12"), D("2013-01-15"), 2)]),
    ("وقع الهجوم في 29 فبراير", "2013-10-29", [_day("2012-02-29")]),
    # months, parts of months and years
    ("وقع هجوم مماثل في مارس (آذار) المنصرم", "2015-07-21", [(D("2015-03-01"), D("2015-03-31"), 3)]),
    ("وقع اتفاق السلام في يونيو الماضي", "2015-06-10", [(D("2014-06-01"), D("2014-06-30"), 3)]),
    ("تضاعفت الهجمات خلال شهر مارس", "2015-07-21", [(D("2015-03-01"), D("2015-03-31"), 3)]),
    ("بدأ التدخل في يناير (كانون الثاني) 2013", None, [(D("2013-01-01"), D("2013-01-31"), 3)]),
    ("سيطرت الجماعات على الشمال في أبريل من عام 2012", None, [(D("2012-04-01"), D("2012-04-30"), 3)]),
    ("انطلقت العملية منتصف يناير", "2013-03-05", [(D("2013-01-11"), D("2013-01-20"), 3)]),
    ("ستنتهي المهمة في نهاية يوليو", "2018-05-03", [(D("2017-07-21"), D("2017-07-31"), 3)]),
    ("احتل المسلحون شمال البلاد عام 2012", None, [(D("2012-01-01"), D("2012-12-31"), 3)]),
    ("طردت القوات الفرنسية المسلحين في 2013", None, [(D("2013-01-01"), D("2013-12-31"), 3)]),
    ("بدأ التدخل العسكري مطلع 2013", None, [(D("2013-01-01"), D("2013-03-31"), 3)]),
    ("وقع الاتفاق في صيف 2015", None, [(D("2015-06-01"), D("2015-08-31"), 3)]),
    # scheduled (future) events are returned with kind "future" after publication
    ("ستعقد القمة الخميس المقبل", "2019-02-28", [_day("2019-03-07")]),
    ("يصل الوفد غدا إلى العاصمة", "2019-02-28", [_day("2019-03-01")]),
    # coordinated days are two mentions; «بين» makes a range
    ("قتل جنود في هجومين في الأول والثالث من أغسطس", "2015-08-10", [_day("2015-08-01"), _day("2015-08-03")]),
    ("وقعت الهجمات في 12 و15 يناير 2013", None, [_day("2013-01-12"), _day("2013-01-15")]),
    ("تواصلت المعارك بين الأول والثالث من أغسطس", "2015-08-10", [(D("2015-08-01"), D("2015-08-03"), 2)]),
    # «قبل الماضي»: one more period back
    ("وقع الهجوم السبت قبل الماضي", "2017-05-01", [_day("2017-04-22")]),
    ("قتل عشرات الأسبوع قبل الماضي", "2017-05-01", [(D("2017-04-17"), D("2017-04-23"), 2)]),
    ("جرت الاشتباكات نهاية الأسبوع الماضي", "2017-05-01", [(D("2017-04-28"), D("2017-04-30"), 2)]),
    # not dates: ordinals of other nouns, verbs spelt like months, counts, other days
    ("وصل الفوج الأول من الجنود إلى المدينة", "2019-02-28", []),
    ("فاز في الدور الثاني من الانتخابات", "2019-02-28", []),
    ("مارس الجيش ضغوطا على المسلحين", "2019-02-28", []),
    ("أرسلت فرنسا 2000 جندي إلى المنطقة", "2019-02-28", []),
    ("قتل 12 شخصا وجرح 30 آخرون", "2019-02-28", []),
    ("صوت المجلس على القرار 2085", "2019-02-28", []),
    ("انسحب المسلحون في اليوم التالي", "2019-02-28", []),
    ("قتل الرهائن في نفس اليوم", "2019-02-28", []),
    ("وصلت التعزيزات صباح اليوم نفسه", "2019-02-28", []),
    ("صرح الأمين العام السابق للأمم المتحدة", "2019-02-28", []),
    ("أفرج عن الرهائن الأحد عشر", "2019-02-28", []),
    ("أجلت الانتخابات قبل يومين من موعدها", "2019-02-28", []),
    # publication known only to the month, or not at all
    ("قتل جنديان الثلاثاء", "2019-02", [(D("2019-01-29"), D("2019-02-26"), 3)]),
    ("أعلنت الحكومة أمس حصيلة جديدة", "2019-02", [(D("2019-01-31"), D("2019-02-27"), 3)]),
    ("وقع الهجوم في 12 فبراير", "2019-02", [_day("2019-02-12")]),
    ("قتل جنديان الثلاثاء وأعلنت الحكومة أمس", None, []),
    ("وقع الهجوم في 12 فبراير", None, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_cases(text: str, published: str | None, expected: list[tuple[date, date, int]]) -> None:
    assert _ranges(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "kind"),
    [
        ("قتل جنديان الثلاثاء", "2024-09-17", "weekday"),
        ("أعلنت الحكومة أمس", "2024-09-17", "relative"),
        ("في 12 يناير 2013", None, "absolute"),
        ("في يناير الماضي", "2024-09-17", "month"),
        ("عام 2013", None, "year"),
        ("ليل الأحد إلى الاثنين", "2024-09-17", "night"),
        ("الخميس المقبل", "2024-09-17", "future"),
        ("مؤخرا", "2024-09-17", "vague"),
    ],
)
def test_kinds(text: str, published: str | None, kind: str) -> None:
    (m,) = find_dates(text, published)
    assert m.kind == kind


def test_span_and_day() -> None:
    text = "قالت مصادر أمنية إن مسلحين هاجموا مساء الثلاثاء قرية في وسط البلاد"
    (m,) = find_dates(text, "2024-09-19")
    assert fold(text)[m.start : m.end] == fold("مساء الثلاثاء")
    assert m.day == D("2024-09-17")
    (week,) = find_dates("الأسبوع الماضي", "2024-09-19")
    assert week.day is None and week.precision == 2


def test_normtext_input_offsets_map_to_original() -> None:
    raw = "هاجَمَ مسلحون القريةَ يومَ الأحدِ الماضي"
    nt = normalise(raw)
    (m,) = find_dates(nt, "2024-09-17")
    assert nt.original_slice(m.start, m.end) == "يومَ الأحدِ الماضي"
    assert m.day == D("2024-09-15")


def test_arabic_indic_digits() -> None:
    assert _ranges("في ١٢ يناير ٢٠١٣", None) == [_day("2013-01-12")]


@pytest.mark.parametrize(("name", "month"), sorted(load_lexicon().months.items()))
def test_every_month_spelling_with_day_and_year(name: str, month: int) -> None:
    assert _ranges(f"وقع الهجوم في 5 {name} 2014 قرب الحدود", None) == [_day(f"2014-{month:02d}-05")]


@pytest.mark.parametrize(("name", "day"), sorted(load_lexicon().ordinals.items()))
def test_every_ordinal_day_word(name: str, day: int) -> None:
    assert _ranges(f"أعلن الجيش في {name} من شهر مارس 2014 مقتل جنود", "2014-06-01") == [_day(f"2014-03-{day:02d}")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # published known to the year only: publication-relative words span the year, explicit days stay exact
        ("قتل جنديان أمس", "2014", [(D("2013-12-31"), D("2014-12-30"), 3)]),
        ("وقع الهجوم في 12 فبراير", "2014", [_day("2014-02-12")]),
        ("في مطلع الأسبوع سقطت قذائف", "2021-12-22", [(D("2021-12-18"), D("2021-12-21"), 2)]),
        ("خلال اليومين الماضيين", "2021-12-22", [(D("2021-12-20"), D("2021-12-21"), 2)]),
        ("عاد النازحون قبل شهرين", "2021-12-22", [(D("2021-10-12"), D("2021-11-01"), 3)]),
    ],
)
def test_more_publication_forms(text: str, published: str, expected: list[tuple[date, date, int]]) -> None:
    assert _ranges(text, published) == expected


def test_unreadable_published_is_unknown() -> None:
    assert find_dates("قتل جنديان أمس", "not a date") == []
    assert _ranges("في 12 يناير 2013", "2013-02-30") == [_day("2013-01-12")]


def test_published_none_keeps_explicit_dates() -> None:
    got = find_dates("قتل جنديان الثلاثاء أمس وفي 5 مارس 2014 وعام 2012 ويوم 7/8/2015", None)
    assert [m.kind for m in got] == ["absolute", "year", "absolute"]
    assert got[0].day == D("2014-03-05") and got[2].day == D("2015-08-07")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-09-17", (D("2024-09-17"), D("2024-09-17"))),
        ("2024-02", (D("2024-02-01"), D("2024-02-29"))),
        ("2013", (D("2013-01-01"), D("2013-12-31"))),
        (None, None),
        ("2024-13-01", None),
        ("yesterday", None),
        ("0001-01-01", None),
    ],
)
def test_day_range_for_published(published: str | None, expected: tuple[date, date] | None) -> None:
    assert day_range_for_published(published) == expected


# --------------------------------------------------------------------------- properties

_WORDS = [
    "الثلاثاء", "أمس", "اليوم", "يناير", "آب/أغسطس", "الماضي", "من", "شهر", "الأول", "ليل", "إلى", "2013",
    "12", "/", "عام", "مطلع", "الأسبوع", "قبل", "يومين", "(", ")", "،", "الجاري", "مارس", "في", "و", "ـ",
    "١٢", "فجر", "نهاية", "ليلة", "الجمعة", "المقبل", "منذ", "ثلاثة", "أيام", "العام", "29", "فبراير",
]


def _published() -> st.SearchStrategy[str | None]:
    days = st.one_of(st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)), st.dates())
    return st.one_of(
        st.none(),
        days.map(lambda d: d.isoformat()),
        days.map(lambda d: d.isoformat()[:7]),
        days.map(lambda d: d.isoformat()[:4]),
    )


_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=5)), max_size=30).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, published=_published())
def test_never_raises_and_mentions_are_well_formed(text: str, published: str | None) -> None:
    got = find_dates(text, published)
    norm = fold(text)
    prev_end = 0
    for m in got:
        assert isinstance(m, DateMention)
        assert prev_end <= m.start < m.end <= len(norm)
        assert m.date_min <= m.date_max
        assert m.precision in (1, 2, 3)
        assert (m.day is not None) == (m.precision == 1)
        prev_end = m.end


_WEEKDAY_SPELLINGS = [(name, num) for name, num in load_lexicon().weekdays.items()]


@settings(max_examples=300, deadline=None)
@given(
    pub=st.dates(min_value=date(2012, 1, 1), max_value=date(2025, 12, 31)),
    weekday=st.sampled_from(_WEEKDAY_SPELLINGS),
    prefix=st.sampled_from(["", "يوم ", "مساء ", "فجر ", "صباح يوم ", "و"]),
)
def test_weekday_resolves_within_the_six_days_before(pub: date, weekday: tuple[str, int], prefix: str) -> None:
    name, num = weekday
    (m,) = find_dates(f"قال الجيش إن مسلحين هاجموا {prefix}{name} قرية", pub.isoformat())
    assert m.day is not None
    assert 0 <= (pub - m.day).days <= 6
    assert m.day.weekday() == num


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), published=_published())
def test_explicit_day_month_year_is_exact(day: date, published: str | None) -> None:
    month_name = {1: "يناير", 2: "فبراير", 3: "مارس", 4: "أبريل", 5: "مايو", 6: "يونيو", 7: "يوليو", 8: "أغسطس",
                  9: "سبتمبر", 10: "أكتوبر", 11: "نوفمبر", 12: "ديسمبر"}[day.month]
    for text in (f"وقع الهجوم في {day.day} {month_name} {day.year}", f"وقع الهجوم في {day.day}/{day.month}/{day.year}"):
        (m,) = find_dates(text, published)
        assert (m.date_min, m.date_max, m.precision) == (day, day, 1)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(2012, 1, 1), max_value=date(2025, 12, 31)), back=st.integers(0, 300))
def test_day_month_without_year_is_on_or_before_publication(day: date, back: int) -> None:
    pub = day + timedelta(days=back)
    month_name = load_lexicon()  # any MSA name: take the first spelling listed for the month
    name = next(n for n, num in month_name.months.items() if num == day.month)
    (m,) = find_dates(f"وقع الهجوم في {day.day} {name}", pub.isoformat())
    assert m.day == day


# --------------------------------------------------------------------------- lexicon schema


def test_lexicon_schema() -> None:
    raw_text = resources.files("marsad.data").joinpath("ar/dates.yaml").read_text(encoding="utf-8")
    assert raw_text.startswith("#"), "lexicon must start with a header comment naming its source"
    raw = yaml.safe_load(raw_text)
    assert sorted(raw["months"]) == list(range(1, 13))
    assert sorted(raw["weekdays"]) == list(range(7))
    assert sorted(raw["ordinals"]) == list(range(1, 32))
    for table in ("months", "weekdays", "ordinals", "day_offsets", "units", "dual_units", "parts"):
        for key, names in raw[table].items():
            assert isinstance(names, list) and names, (table, key)
            assert all(isinstance(n, str) and n.strip() for n in names), (table, key)
    lx = load_lexicon()
    assert set(lx.ambiguous) <= set(lx.months)
    assert set(lx.night) <= set(lx.tod)
    assert all(lo <= hi for lo, hi, _night in lx.spans.values())
    assert all(lo <= hi for lo, hi in lx.number_words.values())
    assert set(lx.parts.values()) == {"start", "mid", "end"}
    # folding is idempotent on every entry (they are matched against folded text)
    assert all(fold(name) == name for name in [*lx.months, *lx.weekdays, *lx.ordinals, *lx.tod])


# --------------------------------------------------------------------------- the dev corpus (read from ../shared)

_DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not (_DEV / "gold.jsonl").exists(), reason="../shared/corpus/dev is absent (kept outside the repo)")
def test_dev_corpus_gold_days_are_found() -> None:
    """Most gold events dated to the day have a date mention in their document that covers the day."""
    docs = {d["doc_id"]: d for d in map(json.loads, (_DEV / "documents.jsonl").read_text("utf-8").splitlines())}
    total = covered = 0
    for line in (_DEV / "gold.jsonl").read_text("utf-8").splitlines():
        gold = json.loads(line)
        doc = docs.get(gold["doc_id"])
        if doc is None:
            continue
        mentions = find_dates(doc["text"], doc.get("published"))
        for ev in gold["events"]:
            if ev.get("status") != "reported" or ev.get("time_precision") != 1 or not ev.get("event_date"):
                continue
            total += 1
            day = D(ev["event_date"])
            covered += any(m.date_min - timedelta(days=1) <= day <= m.date_max + timedelta(days=1) for m in mentions)
    assert total > 0
    assert covered / total >= 0.8

"""Toll scope: a figure is an event's toll, or a long-run total told for context (sentences written for Marsad)."""

from __future__ import annotations

import pytest

from marsad.extract.casualties import find_casualties
from marsad.extract.scope import FigureInContext, TollScope, figure_in_context
from marsad.text.normalise import fold


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("قتل الصراع أكثر من 20 ألف شخص منذ عام 2009 في شمال شرق نيجيريا", "cumulative"),
        ("أسفرت أعمال العنف عن مقتل 600 شخص منذ 2015", "cumulative"),
        ("قتل المئات منذ بداية التمرد", "cumulative"),
        ("أودت الهجمات بحياة 300 شخص هذا الشهر وحده", "cumulative"),
        ("قتل 35 شخصا خلال السنوات الثلاث الماضية في المنطقة", "cumulative"),
        ("تسبب النزاع في مقتل عشرات الآلاف", "cumulative"),
        ("قتل سبعة جنود في كمين قرب دوانتزا يوم الأحد", "event"),
        ("قتل 12 شخصا منذ الأحد في هجمات على قرى المنطقة", "event"),
        ("قتل خمسة مدنيين خلال الهجوم على السوق", "event"),
        ("أدى التمرد المستمر منذ ست سنوات إلى مقتل 15 ألف شخص", "cumulative"),
        ("بعد يومين من هجوم وقع منذ أيام قتل ثلاثة جنود", "event"),
    ],
)
def test_scope_of_the_first_figure(sentence: str, expected: str) -> None:
    text = fold(sentence)
    found = find_casualties(text, 0, len(text))
    assert found, "the casualty reader finds the figure"
    c = found[0]
    got = TollScope().decide(figure_in_context(text, c.count, c.end, len(text), False, c.start, 0))
    assert got.label == expected, got.reasons


def test_a_large_figure_with_a_day_is_an_event() -> None:
    scope = TollScope()
    assert scope.decide(FigureInContext(1500, (), sentence_has_day=True)).label == "event"
    decided = scope.decide(FigureInContext(1500, (), sentence_has_day=False))
    assert decided.label == "cumulative" and decided.reasons == ("magnitude",)


def test_reasons_name_the_rule() -> None:
    got = TollScope().decide(FigureInContext(40, tuple(fold("منذ عام 2012").split()), sentence_has_day=False))
    assert got.reasons == ("since:منذ",) and got.score == 1.0

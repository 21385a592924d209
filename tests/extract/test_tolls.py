"""Toll arithmetic of one sentence (marsad.extract.tolls): disjoint groups add up, restatements do not."""

from __future__ import annotations

import pytest

from marsad.analysis import Mention
from marsad.extract.casualties import find_casualties
from marsad.extract.tolls import sentence_figures, victim_classes
from marsad.text.normalise import fold


def _mentions(sentence: str) -> list[Mention]:
    text = fold(sentence)
    return [Mention("casualty", c.start, c.end, c) for c in find_casualties(text, 0, len(text))]


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("قتل خمسة جنود وثلاثة دركيين في الهجوم", 8),  # two groups listed together
        ("قتل عشرة من متطوعي الدفاع عن الوطن وجنديان في هجوم", 12),  # a group's name between them
        ("قتل 3 متطرفين وأحد عناصر الأمن", 4),  # two classes
        ("قتل مسلحون شخصا واحدا وأصابوا اثنين آخرين", 1),  # «واحدا» is «one», not «and»
        ("أسفر الهجوم عن مقتل 13 جنديا، وقال الجيش إن 13 جنديا قتلوا", 13),  # the same toll stated twice
        ("قتل 15 راكبا بينهم شرطيان", 15),  # a breakdown is part of its head
    ],
)
def test_killed_in_one_sentence(sentence: str, killed: int) -> None:
    assert sentence_figures(_mentions(sentence)).get("killed") == killed


@pytest.mark.parametrize(
    ("sentence", "classes"),
    [
        ("قتل 15 راكبا بينهم شرطيان", {"civilian"}),
        ("مقتل 12 شخصا بينهم خمسة جنود", {"unknown", "military"}),
        ("قتل خمسة جنود وثلاثة مدنيين", {"military", "civilian"}),
    ],
)
def test_who_died(sentence: str, classes: set[str]) -> None:
    assert victim_classes(_mentions(sentence)) == classes

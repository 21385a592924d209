from __future__ import annotations

import pytest

from marsad.text.segment import split_clauses, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("قتل جنديان. وأصيب ثلاثة آخرون.", ["قتل جنديان.", "وأصيب ثلاثة آخرون."]),
        ("بلغت النسبة 2.5 في المئة. انتهى", ["بلغت النسبة 2.5 في المئة.", "انتهى"]),
        ("هل وقع الهجوم؟ نعم", ["هل وقع الهجوم؟", "نعم"]),
        ("العنوان\n\nالفقرة الأولى", ["العنوان", "الفقرة الأولى"]),
        ("   \n\n  ", []),
        ("جملة؛ وأخرى", ["جملة؛", "وأخرى"]),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e, _ in split_sentences(text)] == sentences


def test_paragraphs_are_counted() -> None:
    text = "أولى. ثانية\nثالثة"
    assert [p for _, _, p in split_sentences(text)] == [0, 0, 1]


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("قتل جندي في غاو، فيما أصيب آخر", ["قتل جندي في غاو", "فيما أصيب آخر"]),
        ("هاجم مسلحون قرية بينما فر السكان", ["هاجم مسلحون قرية", "بينما فر السكان"]),
        ("جملة واحدة", ["جملة واحدة"]),
    ],
)
def test_clauses(text: str, clauses: list[str]) -> None:
    assert [text[c.start:c.end] for c in split_clauses(text, 0, len(text))] == clauses

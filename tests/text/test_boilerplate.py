from __future__ import annotations

import pytest

from marsad.text.boilerplate import is_boilerplate
from marsad.text.normalise import fold


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("قتل جنديان في هجوم على دورية قرب غاو", False),
        ("اقرأ أيضاً: مقتل جنود في هجوم على ثكنة", True),
        ("شاهد أيضا: فيديو الهجوم", True),
        ("pic.twitter.com/AbCdEf", True),
        ("— وكالة الأنباء (@agency_news) March 3, 2018", True),
        ("تابعونا على تويتر وفيسبوك", True),
        ("مواضيع ذات صلة", True),
        ("سمات مالي الإرهاب الساحل", True),
        ("هاجم مسلحون سوق القرية وقتلوا تاجرين", False),
        ("جميع الحقوق محفوظة للموقع", True),
        ("الكاتب صحفي وكاتب متخصص في شؤون الساحل", True),
    ],
)
def test_boilerplate(sentence: str, expected: bool) -> None:
    assert is_boilerplate(fold(sentence)) is expected

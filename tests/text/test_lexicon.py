"""The phrase matcher (marsad.text.lexicon.PhraseMatcher): clitics, articles, stars on the last or first word."""

from __future__ import annotations

import pytest

from marsad.text.lexicon import PhraseMatcher
from marsad.text.normalise import fold

ENTRIES = [("هجوم", "attack"), ("هاجم*", "attacked"), ("فتح* النار", "opened fire"), ("صد هجوم*", "repelled"),
           ("الجيش المالي", "army")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقع هجوم على القرية", [("هجوم", "attack")]),
        ("وبالهجوم الأخير", [("وبالهجوم", "attack")]),
        ("هاجموا السوق", [("هاجموا", "attacked")]),
        ("وفتحوا النار على المصلين", [("وفتحوا النار", "opened fire")]),
        ("فتحت النار", [("فتحت النار", "opened fire")]),
        ("فتحوا الطريق", []),  # the first word alone is no match: the phrase needs «النار»
        ("صد هجوما مسلحا", [("صد هجوما", "repelled")]),
        ("قال الجيش المالي", [("الجيش المالي", "army")]),
    ],
)
def test_matches(text: str, expected: list[tuple[str, str]]) -> None:
    matcher = PhraseMatcher(ENTRIES)
    folded = fold(text)
    assert [(folded[m.start:m.end], m.value) for m in matcher.finditer(folded)] == [(fold(s), v) for s, v in expected]

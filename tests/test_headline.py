"""The headline is part of the report (spec §1): read before the body, its spans carry ``part`` = ``title``."""

from __future__ import annotations

import pytest

from marsad.analysis import AnalysedDoc
from marsad.document import Document
from marsad.records import Evidence

TITLE = "مقتل خمسة جنود في كمين قرب دوانتزا"
BODY = "قال مصدر عسكري إن الجنود قتلوا يوم الأحد في كمين نصبه مسلحون على طريق في وسط مالي."


@pytest.mark.parametrize(
    ("needle", "part"),
    [("دوانتزا", "title"), ("خمسة جنود", "title"), ("يوم الأحد", None), ("مسلحون", None)],
)
def test_spans_map_to_the_title_or_the_body(needle: str, part: str | None) -> None:
    doc = AnalysedDoc.of(Document("t1", BODY, published="2024-03-12", title=TITLE))
    folded = AnalysedDoc.of(Document("t1", needle)).text  # the needle as the analysed text spells it
    at = doc.text.index(folded)
    ev = doc.evidence("x", at, at + len(folded))
    assert ev.part == part
    source = TITLE if part == "title" else BODY
    assert source[ev.start:ev.end] == needle


def test_without_a_title_offsets_are_the_body_s() -> None:
    doc = AnalysedDoc.of(Document("t2", BODY, published="2024-03-12"))
    at = doc.text.index(AnalysedDoc.of(Document("x", "مسلحون")).text)
    assert doc.evidence("x", at, at + 6) == Evidence("x", BODY.index("مسلحون"), BODY.index("مسلحون") + 6)


def test_part_is_written_only_on_headline_spans() -> None:
    from marsad.pipeline import Pipeline

    events = [e for r in Pipeline().pipe([Document("t3", BODY, published="2024-03-12", title=TITLE)]) for e in r.events]
    spans = [e for ev in events for e in ev.to_dict()["evidence"]]
    assert spans and all(("part" in s) == (s.get("part") == "title") for s in spans)
    assert any(s.get("part") == "title" for s in spans)

"""Where an undated event's date comes from (marsad.extract.when): table of typed inputs → decision."""

from __future__ import annotations

import pytest

from marsad.extract.when import DateSource, UndatedEvent


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (UndatedEvent(has_own_day=True, lede_rank=7, dated_before=False, recalled=True), "own"),
        # «وأفاد الجيش أن معسكره في X تعرض لهجوم» after a dated lede: the same day
        (UndatedEvent(has_own_day=False, lede_rank=3, dated_before=True, recalled=False), "inherit"),
        # the lede names «منذ الأربعاء» but no event before this one was dated: the report's peg
        (UndatedEvent(has_own_day=False, lede_rank=1, dated_before=False, recalled=False, peg=True), "peg"),
        # the first sentence tells the news with no day: the publication dates it
        (UndatedEvent(has_own_day=False, lede_rank=0, dated_before=False, recalled=False), "lede"),
        # deep in the report, no day, nothing dated before it: no reported event
        (UndatedEvent(has_own_day=False, lede_rank=6, dated_before=False, recalled=False), "none"),
        # a memory with no day is no news, even in the lede
        (UndatedEvent(has_own_day=False, lede_rank=0, dated_before=False, recalled=True), "none"),
        (UndatedEvent(has_own_day=False, lede_rank=4, dated_before=True, recalled=True), "none"),
    ],
)
def test_date_source(event: UndatedEvent, expected: str) -> None:
    assert DateSource(lede_sentences=2).decide(event).label == expected


def test_the_reasons_say_why_nothing_dates_it() -> None:
    got = DateSource(lede_sentences=2).decide(UndatedEvent(False, 5, False, False))
    assert got.label == "none" and "not in the lede" in got.reasons

"""Event coreference inside a report (marsad.extract.linking): typed pairs → same event or another."""

from __future__ import annotations

import pytest

from marsad.extract.linking import EventPair, SameEvent


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        # the lede's town, the spokesman's figure the same day in the same town
        (EventPair("same", "same", True), "same"),
        # a paragraph naming the region instead of the town
        (EventPair("same", "contains", True), "same"),
        # a village and the town it lies by, the same day
        (EventPair("same", "near", True), "same"),
        # a sentence naming only its place, told after a dated event there
        (EventPair("unknown", "same", True), "same"),
        # another day
        (EventPair("conflict", "same", True), "other"),
        # another town far away, the same day
        (EventPair("same", "conflict", True), "other"),
        # «وبعد يومين»: a precise day inside the week told before, no place to tie them
        (EventPair("vaguer", "unknown", True), "other"),
        # «ليل السبت في ولاية بورنو» after a rescue near a town of Borno «this week»: only the region ties them
        (EventPair("vaguer", "contains", True), "other"),
        # the Boko Haram attack told after the G5 Sahel one
        (EventPair("same", "unknown", False), "other"),
        # «وتبنت الجماعة الهجوم» names the author of the event told before
        (EventPair("unknown", "unknown", False, responsibility=True), "same"),
        # «وكانت الجماعة قد نفذت الخميس الماضي هجوما في X» after news dated only by its announcement
        (EventPair("same", "unknown", True, recalls=True), "other"),
    ],
)
def test_same_event(pair: EventPair, expected: str) -> None:
    assert SameEvent().decide(pair).label == expected


def test_reasons_name_the_relations() -> None:
    got = SameEvent().decide(EventPair("same", "contains", True))
    assert got.reasons == ("day: same", "place: contains") and got.score == 1.0

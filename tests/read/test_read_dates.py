from __future__ import annotations

from datetime import date

import pytest

from marsad.read.dates import normalise_published

TODAY = date(2024, 9, 20)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-09-17", "2024-09-17"),
        ("2023-01", "2023-01"),
        ("2015", "2015"),
        ("2024-09-17T10:32:00Z", "2024-09-17"),
        ("2024-09-17T23:59:00+03:00", "2024-09-17"),
        ("2024-09-17 08:00:00", "2024-09-17"),
        ("2024/9/7", "2024-09-07"),
        (" 2024-09-17 ", "2024-09-17"),
        ("Tue, 17 Sep 2024 10:00:00 GMT", "2024-09-17"),
        ("2024-09-22", "2024-09-22"),  # two days ahead: time zones and early editions
    ],
)
def test_accepted(raw: str, expected: str) -> None:
    assert normalise_published(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("yesterday", "not YYYY-MM-DD"),
        ("2024-13-01", "not a date"),
        ("2024-02-30", "not a date"),
        ("1899-12-31", "before 1900"),
        ("2024-09-23", "future"),
        ("2025", "future"),
        ("2024-09-17T25:00:00", "not an ISO timestamp"),
        ("", "empty"),
    ],
)
def test_refused(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        normalise_published(raw, today=TODAY)

"""Normalisation: folding rules, and the offset map back to the original text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.normalise import fold, normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد إبراهيم آمنة", "احمد ابراهيم امنه"),
        ("مستشفى", "مستشفي"),
        ("هجوماً", "هجوما"),
        ("شَنَّت", "شنت"),
        ("الـــجيش", "الجيش"),
        ("٢٠١٩ و۱۲", "2019 و12"),
        ("مسؤول", "مسوول"),
        ("هيئة", "هييه"),
        ("ﻻ", "لا"),
        ("Gao GAO", "gao gao"),
        ("باماكو\u200fاليوم", "باماكواليوم"),
        ("أ\u00a0ب", "ا ب"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


@pytest.mark.parametrize(
    ("raw", "word", "original"),
    [
        ("شنت هجوماً كاسحاً", "هجوما", "هجوماً"),
        ("قتل ثلاثةُ جنودٍ", "جنود", "جنودٍ"),
        ("في ﻻ مكان", "لا", "ﻻ"),
        ("الـــجيش المالي", "الجيش", "الـــجيش"),
    ],
)
def test_span_maps_back(raw: str, word: str, original: str) -> None:
    nt = normalise(raw)
    start = nt.text.index(word)
    assert nt.original_slice(start, start + len(word)) == original


ARABIC = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوياأإآىةئؤء ًٌٍَُِّْـ٠١٢٩ \n،.ﻻabc")), max_size=80
)


@given(ARABIC)
def test_offset_map_is_monotonic_and_complete(raw: str) -> None:
    nt = normalise(raw)
    assert nt.text == fold(raw)
    assert len(nt.to_orig) == len(nt.text) + 1
    assert list(nt.to_orig) == sorted(nt.to_orig)
    assert nt.to_orig[-1] == len(raw)


# that any normalised span maps back onto the characters it came from is a property of
# tests/hardening/test_properties.py (over a wider alphabet)


@given(st.text(alphabet=st.sampled_from([*list("أإآابتثةىيئؤءكگڤ٣۵ًٌٍَُِّْـ\u200fABCxyz #_،.ﻻﷲİ "), "ﺍ", "é"]), max_size=60))
def test_the_fast_path_folds_as_the_character_walk(raw: str) -> None:
    from marsad.text.normalise import _fold_char, _normalise_each

    assert normalise(raw) == _normalise_each(raw)
    assert fold(raw) == "".join(_fold_char(c) for c in raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("قتل", [0, 1, 2, 3]),
        ("قَتل", [0, 2, 3, 4]),  # a dropped mark: the next letter is one further in the original
        ("قَتَلَ", [0, 2, 4, 6]),
        ("ـقتل‏", [1, 2, 3, 5]),  # dropped at both ends
    ],
)
def test_offset_map_by_the_drops(raw: str, expected: list[int]) -> None:
    to_orig = normalise(raw).to_orig
    assert list(to_orig) == expected and to_orig[-1] == expected[-1] and to_orig[1:3] == expected[1:3]
    with pytest.raises(IndexError):
        to_orig[len(expected)]

"""Properties (hypothesis) of normalisation, offset maps, the numbers and dates stages and the whole extract.

Inputs are drawn from Arabic letters (with hamza forms, ta marbuta, alef maqsura), diacritics,
tatweel, zero-width marks, presentation forms, Arabic-Indic and ASCII digits, Latin letters,
punctuation and whole words of the synthetic templates (bench/synth.py).
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from marsad.document import Document, DocumentError
from marsad.extract import dates, numbers
from marsad.text.normalise import fold, normalise

LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0640"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202b\u202c\ufeff\u00ad"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
PUNCT = " \n\t\u00a0.,:;!?()\"'«»-/،؛؟٪%"
LATIN = "abcxyzABCXYZéÉ"
PRESENTATION = "ﻻﻷﺍﺏﺕﻡﻪﻰ"  # single-word presentation forms (lam-alef ligatures, isolated/final letters)
WORDS = (
    "قتل", "جنود", "هجوم", "كمين", "عبوة", "ناسفة", "مسلحون", "اختطف", "الجيش", "المالي", "النيجري", "بوركينا",
    "فاسو", "تمبكتو", "غاو", "ميناكا", "جيبو", "تيلابيري", "يوم", "الأحد", "أمس", "مساء", "الخميس", "مارس",
    "يناير", "2021", "عشرة", "خمسة", "ثلاثين", "عشرات", "جماعة", "نصرة", "الإسلام", "والمسلمين", "داعش",
    "قرب", "في", "على", "بين", "و", "ما", "أسفر", "عن", "مقتل", "وإصابة", "آخرين", "الماضي", "فجر", "شمال",
    "قُتِلَ", "جُنُودٍ", "الـجيش", "١٢", "٢٠٢٠",
)
ALPHABET = LETTERS + DIACRITICS + INVISIBLE + DIGITS + PUNCT + LATIN + PRESENTATION

chars = st.text(alphabet=ALPHABET, max_size=200)
word_text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT), st.text(alphabet=ALPHABET, max_size=6)),
                     max_size=60).map(" ".join)
any_text = st.one_of(chars, word_text)
published = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(date.isoformat),
                      st.sampled_from(["2021", "2021-03", "2019-02-29", "garbage", ""]))


@given(any_text)
def test_normalise_agrees_with_fold_and_maps_every_char(text: str) -> None:
    nt = normalise(text)
    assert nt.text == fold(text)
    assert len(nt.to_orig) == len(nt.text) + 1 and nt.to_orig[-1] == len(text)
    assert all(a <= b for a, b in zip(nt.to_orig, nt.to_orig[1:], strict=False))
    assert fold(nt.text) == nt.text  # idempotent


@given(any_text)
def test_word_spans_map_back_to_their_original_words(text: str) -> None:
    nt = normalise(text)
    for m in re.finditer(r"\S+", nt.text):
        s, e = nt.span(m.start(), m.end())
        assert 0 <= s < e <= len(text)
        assert fold(text[s:e]) == m.group(), (m.group(), text[s:e])


@given(any_text, st.data())
def test_any_span_covers_its_source_characters(text: str, data: st.DataObject) -> None:
    nt = normalise(text)
    start = data.draw(st.integers(0, len(nt.text)))
    end = data.draw(st.integers(start, len(nt.text)))
    s, e = nt.span(start, end)
    assert 0 <= s <= e <= len(text)
    assert nt.text[start:end] in fold(text[s:e])


@given(any_text)
def test_numbers_stage_spans_are_ordered_and_inside(text: str) -> None:
    norm = fold(text)
    found = numbers.find_numbers(norm)
    last = 0
    for m in found:
        assert last <= m.start < m.end <= len(norm)
        assert m.value >= 0
        last = m.end


@given(st.integers(2, 999_999), st.booleans())
def test_numbers_stage_reads_digits_back(value: int, indic: bool) -> None:
    digits = str(value).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) if indic else str(value)
    norm = fold(f"قتل {digits} شخصا")
    values = [m.value for m in numbers.find_numbers(norm)]  # type: ignore[attr-defined]
    assert values == [value]


@given(any_text, published)
def test_dates_stage_spans_are_inside_and_ranges_ordered(text: str, pub: str | None) -> None:
    norm = fold(text)
    last = 0
    for m in dates.find_dates(norm, pub):
        assert last <= m.start < m.end <= len(norm)
        assert m.date_min <= m.date_max
        assert m.precision in (1, 2, 3)
        last = m.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, st.dates(date(2000, 1, 1), date(2025, 12, 31)))
def test_extract_never_raises_and_evidence_points_into_the_text(text: str, pub: date) -> None:
    from marsad.pipeline import extract

    assume(text.strip())
    try:
        events = extract(Document("prop", text, published=pub.isoformat()))
    except DocumentError:
        return
    for event in events:
        for ev in event.evidence:
            assert 0 <= ev.start < ev.end <= len(text), ev
            assert text[ev.start : ev.end].strip(), ev


def test_every_presentation_form_code_point_normalises() -> None:
    """Regression: presentation-form code points whose NFKC form is themselves once recursed without end
    (U+FBB2-U+FBD2, U+FD3E-...); found by fuzz/fuzz_normalise.py."""
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        text = f"قتل{chr(code)} جنود"
        nt = normalise(text)
        assert nt.to_orig[-1] == len(text)

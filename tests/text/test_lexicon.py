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


def test_matchers_share_one_pass_over_a_text_and_a_new_matcher_is_not_missed() -> None:
    """Every matcher's starting words are found in one pass over a document's words; a matcher built after
    that pass (and one whose entries begin with words another matcher knows) still finds its own phrases."""
    text = fold("هاجم مسلحون قرية قرب موبتي وقتلوا عشرة مدنيين")
    first = PhraseMatcher([("هاجم*", "attack")])
    assert [m.value for m in first.finditer(text)] == ["attack"]
    later = PhraseMatcher([("مدنيين", "civilians"), ("هاجم مسلحون", "armed attack")])
    assert [m.value for m in later.finditer(text)] == ["armed attack", "civilians"]
    assert [m.value for m in first.finditer(text, 5)] == []  # a window after the word finds nothing
    del later
    assert [m.value for m in PhraseMatcher([("قرية", "village")]).finditer(text)] == ["village"]


ENTRIES_AT_EDGES = [("الجيش", "army"), ("الجيش المالي", "malian army"), ("هجوم*", "attack")]


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ((0, None), ["الجيش المالي", "هجوما"]),
        ((0, "الجيش"), ["الجيش"]),  # the long phrase is cut by the window's end: the shorter one inside it
        (("المالي", None), ["هجوما"]),  # a window opening inside a phrase does not see its first word
        (("صد", "هجوما"), ["هجوما"]),
    ],
)
def test_a_window_sees_what_scanning_it_alone_sees(window: tuple[int | str, str | None],
                                                    expected: list[str]) -> None:
    """Windows are answered from one scan of the whole text, except near a match that crosses their edge."""
    text = fold("قال الجيش المالي إنه صد هجوما")
    matcher = PhraseMatcher(ENTRIES_AT_EDGES)
    start = window[0] if isinstance(window[0], int) else text.index(fold(window[0]))
    end = None if window[1] is None else text.index(fold(window[1])) + len(fold(window[1]))
    assert [text[m.start:m.end] for m in matcher.finditer(text, start, end)] == [fold(e) for e in expected]
    alone = text[start:end]  # the same window scanned as a text of its own
    own = PhraseMatcher(ENTRIES_AT_EDGES).finditer(alone)
    assert [alone[m.start:m.end] for m in own] == [fold(e) for e in expected]


def test_a_word_cut_by_the_window_end_is_not_a_word_of_the_window() -> None:
    text = fold("قال الجيش المالي إنه صد هجوما")
    assert list(PhraseMatcher(ENTRIES_AT_EDGES).finditer(text, 0, text.index("هجوم") + 4))[-1].value == "malian army"


def test_an_equal_text_in_another_object_is_then_found_by_identity() -> None:
    """The same document read again comes as a new string: its words are reused, and kept under the new object,
    so that later look-ups do not compare the whole text (a second run of a 1 MB text was 3.7 times slower)."""
    from marsad.text import lexicon

    first = "هاجم مسلحون قرية قرب موبتي. " * 50
    again = "".join(list(first))
    assert again == first and again is not first
    tokens = lexicon._document_tokens(first)
    assert lexicon._document_tokens(again) is tokens
    assert tokens.text is again
    assert next(k for k in lexicon._TOKENS if k == first) is again

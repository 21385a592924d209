"""The geocoder's tokens: the lexicons' one tokenisation, with sentence numbers read on access."""

from __future__ import annotations

import pytest

from marsad.geo.resolve import _Tokens
from marsad.text.normalise import fold

TEXT = fold("هاجم مسلحون قرية قرب غاو. وقتل جنديان في كمين! ثم انسحبوا")


@pytest.mark.parametrize(
    ("word", "sentence", "first_of_sentence"),
    [
        ("هاجم", 0, "هاجم"),
        ("غاو", 0, "هاجم"),
        ("وقتل", 1, "وقتل"),
        ("كمين", 1, "وقتل"),
        ("انسحبوا", 2, "ثم"),
    ],
)
def test_a_token_knows_its_sentence(word: str, sentence: int, first_of_sentence: str) -> None:
    toks = _Tokens(TEXT)
    i = toks.words.index(fold(word))
    assert toks.sent(i) == sentence and TEXT[toks.start(i):toks.end(i)] == fold(word)
    assert toks.words[toks.sentence_start(i)] == fold(first_of_sentence)
    assert len(toks) == len(TEXT.replace(".", " ").replace("!", " ").split())

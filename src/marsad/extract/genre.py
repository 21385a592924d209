"""Does a report bring news of conflict events, or is it analysis, politics, aid, a profile, a roundup?

A learned document-level decision (``data/models/genre.json``, rebuilt by ``make train`` from the gold of
``../shared``): TF-IDF of character n-grams (within words) of the headline and the lede — where a news
report tells its news — and a logistic regression. The model is read without scikit-learn: the shipped file
holds each n-gram's idf and weight, so scoring is a dictionary walk. A report judged ``other`` keeps its
events, as ``background``: context, not news.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from marsad.extract.component import Decision
from marsad.text.normalise import fold

Label = Literal["news", "other"]
_WORD = re.compile(r"[\u0621-\u064Aa-z0-9]+")
_LOG = [0.0, *(math.log(c) for c in range(1, 64))]  # sublinear tf: 1 + log(count)


def lede_text(title: str | None, sentences: list[str], lede_sentences: int) -> str:
    """The text the model reads: the headline and the first report sentences in Arabic, folded."""
    arabic = [s for s in sentences if len(re.findall(r"[\u0621-\u064A]{2,}", s)) >= 3][:lede_sentences]
    return fold(" ".join([title or "", *arabic]))


def char_ngrams(text: str, lo: int, hi: int) -> Counter[str]:
    """scikit-learn's ``char_wb`` analyser: n-grams inside each word padded with one space on each side."""
    out: Counter[str] = Counter()
    for w, k in Counter(_WORD.findall(text.lower())).items():
        for g, c in _word_ngrams(w, lo, hi).items():
            out[g] += c * k
    return out


@lru_cache(maxsize=65536)
def _word_ngrams(w: str, lo: int, hi: int) -> Counter[str]:
    padded = f" {w} "
    return Counter(padded[i:i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1))


@dataclass(frozen=True, slots=True)
class GenreModel:
    ngram_range: tuple[int, int]
    lede_sentences: int
    threshold: float
    intercept: float
    terms: dict[str, tuple[float, float]]  # n-gram → (idf, weight)
    _memo: dict[str, dict[str, int]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GenreModel:
        lo, hi = data["ngram_range"]
        return cls((int(lo), int(hi)), int(data["lede_sentences"]), float(data["threshold"]),
                   float(data["intercept"]), {t: (float(i), float(w)) for t, (i, w) in data["terms"].items()})

    def probability(self, text: str) -> tuple[float, list[tuple[str, float]]]:
        """P(news) and the n-grams that weighed most, with their contributions."""
        counts: Counter[str] = Counter()
        for w, k in Counter(_WORD.findall(text.lower())).items():
            for g, c in self._known(w).items():
                counts[g] += c * k
        terms = self.terms
        vec = {t: (1.0 + _LOG[c] if c < len(_LOG) else 1.0 + math.log(c)) * terms[t][0]
               for t, c in counts.items() if t in terms}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        contrib = [(t, v / norm * self.terms[t][1]) for t, v in vec.items()]
        z = self.intercept + sum(c for _t, c in contrib)
        contrib.sort(key=lambda tc: -abs(tc[1]))
        return 1.0 / (1.0 + math.exp(-z)), contrib[:5]


    def _known(self, word: str) -> dict[str, int]:
        """The n-grams of a word that the model knows (memoised per model and word)."""
        hit = self._memo.get(word)
        if hit is None:
            hit = {g: c for g, c in _word_ngrams(word, *self.ngram_range).items() if g in self.terms}
            if len(self._memo) < 100_000:
                self._memo[word] = hit
        return hit


@cache
def default_model() -> GenreModel:
    text = resources.files("marsad").joinpath("data/models/genre.json").read_text(encoding="utf-8")
    return GenreModel.from_json(json.loads(text))


class Genre:
    """``decide(lede)`` → ``news`` or ``other``; the score is P(news), the reasons its strongest n-grams."""

    def __init__(self, model: GenreModel | None = None) -> None:
        self.model = model or default_model()

    def decide(self, lede: str) -> Decision[Label]:
        p, top = self.model.probability(lede)
        reasons = tuple(f"{t.strip()}:{c:+.2f}" for t, c in top)
        return Decision("news" if p >= self.model.threshold else "other", p, reasons)

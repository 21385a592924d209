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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import islice
from typing import Any, Literal

import numpy as np

from marsad.extract.component import Decision
from marsad.text.normalise import fold

Label = Literal["news", "other"]


def lede_text(title: str | None, sentences: Iterable[str], lede_sentences: int) -> str:
    """The text the model reads: the headline and the first report sentences in Arabic, folded (``sentences``
    is read only as far as the lede)."""
    arabic = islice((s for s in sentences if len(_ARABIC_WORD.findall(s, 0, LEDE_CHARS)) >= 3), lede_sentences)
    text = fold(" ".join([title or "", *(s[:LEDE_CHARS] for s in arabic)]))
    return text if len(text) <= LEDE_CHARS else text[:LEDE_CHARS].rsplit(" ", 1)[0]


_ARABIC_WORD = re.compile(r"[\u0621-\u064A]{2,}")
# a lede is a few hundred characters (the longest of the gold's: 1,414); a sentence that never ends is read
# only this far, so the decision's work is bounded
LEDE_CHARS = 2_000


def char_ngrams(text: str, lo: int, hi: int) -> Counter[str]:
    """scikit-learn's ``char_wb`` analyser: n-grams inside each whitespace-separated word (punctuation
    included) padded with one space on each side."""
    out: Counter[str] = Counter()
    for w, k in Counter(text.lower().split()).items():
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
    _ids: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # n-gram → column
    _names: list[str] = field(default_factory=list, compare=False, repr=False)
    _idf: np.ndarray = field(default_factory=lambda: np.zeros(0), compare=False, repr=False)
    _weight: np.ndarray = field(default_factory=lambda: np.zeros(0), compare=False, repr=False)
    _memo: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        names = sorted(self.terms)
        self._names.extend(names)
        self._ids.update((t, k) for k, t in enumerate(names))
        object.__setattr__(self, "_idf", np.array([self.terms[t][0] for t in names], dtype=np.float64))
        object.__setattr__(self, "_weight", np.array([self.terms[t][1] for t in names], dtype=np.float64))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GenreModel:
        lo, hi = data["ngram_range"]
        return cls((int(lo), int(hi)), int(data["lede_sentences"]), float(data["threshold"]),
                   float(data["intercept"]), {t: (float(i), float(w)) for t, (i, w) in data["terms"].items()})

    def probability(self, text: str) -> tuple[float, list[tuple[str, float]]]:
        """P(news) and the n-grams that weighed most, with their contributions (sublinear TF-IDF, L2 norm,
        logistic regression: what scikit-learn's pipeline computes)."""
        known = self._known
        parts = [np.repeat(known(w), k) if k > 1 else known(w) for w, k in Counter(text.lower().split()).items()]
        ids = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        counts = np.bincount(ids, minlength=len(self._names))  # a count per column: no sort
        cols = np.flatnonzero(counts)
        vec = (1.0 + np.log(counts[cols])) * self._idf[cols]
        norm = float(np.sqrt(vec @ vec)) or 1.0
        contrib = vec / norm * self._weight[cols]
        z = self.intercept + float(contrib.sum())
        top = np.argsort(-np.abs(contrib))[:5]
        return 1.0 / (1.0 + math.exp(-z)), [(self._names[cols[k]], float(contrib[k])) for k in top]

    def _known(self, word: str) -> np.ndarray:
        """The columns of the n-grams of a word that the model knows, with repeats (memoised per word)."""
        hit = self._memo.get(word)
        if hit is None:
            ids = self._ids
            hit = np.array([ids[g] for g, c in _word_ngrams(word, *self.ngram_range).items() if g in ids
                            for _ in range(c)], dtype=np.int64)
            if len(self._memo) < 100_000:
                self._memo[word] = hit
        return hit


def pipeline_parameters(fitted: Any) -> dict[str, Any]:
    """The intercept and every term's (idf, weight) of a fitted scikit-learn pipeline (a ``char_wb``
    TfidfVectorizer with sublinear tf and L2 norm, then a LogisticRegression), as the shipped JSON holds them.
    Every term of the vocabulary is kept: all of them count in the vector's norm."""
    vec, lr = fitted.steps[0][1], fitted.steps[1][1]
    terms = {t: [round(float(vec.idf_[i]), 6), round(float(lr.coef_[0][i]), 6)]
             for t, i in sorted(vec.vocabulary_.items())}
    return {"intercept": round(float(lr.intercept_[0]), 6), "terms": terms}


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

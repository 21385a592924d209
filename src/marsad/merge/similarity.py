"""Measures used to decide whether two event records report the same event: distance, text overlap."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from marsad.text.normalise import fold

_NOT_LETTER = re.compile(r"[^\w]+|[\d_]+")
NGRAM = 3
_ARTICLES = ("وبال", "فبال", "وال", "بال", "فال", "كال", "لل", "ال")  # the article with its clitics


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def words(text: str) -> list[str]:
    """Folded Arabic/Latin words of ``text`` without digits and punctuation; the article ال is dropped."""
    out = []
    for w in _NOT_LETTER.split(fold(text)):
        for prefix in _ARTICLES:
            if len(w) > len(prefix) + 1 and w.startswith(prefix):
                w = w[len(prefix) :]
                break
        if len(w) >= 2:
            out.append(w)
    return out


@lru_cache(maxsize=65536)
def grams(text: str, n: int = NGRAM) -> frozenset[str]:
    """Character n-grams of each word (padded with a space), the unit of lexical similarity."""
    out: set[str] = set()
    for w in words(text):
        padded = f" {w} "
        if len(padded) <= n:
            out.add(padded)
            continue
        out.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger: a short quote inside a longer one counts fully."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))

"""Phrase matching over normalised Arabic with proclitics, the shared engine of every lexicon.

An entry is a phrase in any spelling; it is folded with :func:`marsad.text.normalise.fold`.
Matching allows the proclitics Arabic attaches to the first word: conjunction و/ف, then
preposition ب/ل/ك, then the article; «ل» + «ال» contracts to «لل» («للجيش»). An entry
written with the article matches only words that carry it; one written without matches
both forms («هجوم» → «الهجوم», «وبالهجوم»). A trailing ``*`` on a phrase's last word lets
any letters follow (suffixes, plurals). Matches are whole words, the words of a phrase
separated only by spaces or hyphens; the longest match wins, left to right, without overlap.

The matcher works on word tokens and hash lookups (not one large regular expression), so
its cost grows with the text, not with the size of the lexicon.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from marsad.text.normalise import fold

T = TypeVar("T")

_WORD = re.compile(r"[\u0621-\u064Aa-z0-9]+")
_GAP = re.compile(r"[\s\-]+")
_CONJ = "وف"
_PREP = "بلك"


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int
    end: int
    value: T
    phrase: str


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    rest: tuple[str, ...]  # the words after the first
    star: bool  # the last word may take any ending
    definite: bool  # the first word was written with the article
    value: T
    phrase: str


def clitic_variants(word: str) -> list[tuple[str, bool]]:
    """(base, had_article) readings of a word with its proclitics removed, the word itself first."""
    heads = [word]
    if len(word) > 2 and word[0] in _CONJ:
        heads.append(word[1:])
    for h in list(heads):
        if len(h) > 2 and h[0] in _PREP:
            heads.append(h[1:])
    out: list[tuple[str, bool]] = []
    for h in heads:
        out.append((h, False))
        if len(h) > 3 and (h.startswith("ال") or h.startswith("لل")):
            out.append((h[2:], True))
    return list(dict.fromkeys(out))


_TOKENS: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The word spans of ``text[start:end]``. The whole text is tokenised once and kept (for the last few
    texts), since every lexicon scans the same document sentence by sentence."""
    stop = len(text) if end is None else end
    cached = _TOKENS.get(text)
    if cached is None:
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        cached = ([s for s, _ in spans], spans)
        if len(_TOKENS) >= 8:
            _TOKENS.pop(next(iter(_TOKENS)))
        _TOKENS[text] = cached
    starts, spans = cached
    lo = bisect_left(starts, start)
    hi = bisect_left(starts, stop)
    out = spans[lo:hi]
    if out and out[-1][1] > stop:  # a word cut by the window's end is not a word of the window
        out = out[:-1]
    return out


class PhraseMatcher(Generic[T]):
    """Longest-leftmost, non-overlapping matching of many phrases."""

    def __init__(self, entries: Iterable[tuple[str, T]], *, clitics: bool = True) -> None:
        self._clitics = clitics
        self._exact: dict[str, list[_Entry[T]]] = {}
        self._prefix: dict[str, list[_Entry[T]]] = {}  # single-word entries with a star, by stem
        seen: set[str] = set()
        for phrase, value in entries:
            words = fold(phrase).split()
            if not words:
                raise ValueError(f"empty lexicon phrase {phrase!r}")
            key = " ".join(words)
            if key in seen:
                continue
            seen.add(key)
            star = words[-1].endswith("*")
            words[-1] = words[-1].rstrip("*")
            first = words[0]
            definite = clitics and first.startswith("ال") and len(first) > 2
            if definite:
                first = first[2:]
            entry = _Entry(tuple(words[1:]), star, definite, value, phrase)
            table = self._prefix if star and len(words) == 1 else self._exact
            table.setdefault(first, []).append(entry)
        for table in (self._exact, self._prefix):
            for lst in table.values():
                lst.sort(key=lambda e: -len(e.rest))
        self._size = len(seen)
        self._prefix_lengths = sorted({len(k) for k in self._prefix}, reverse=True)
        self._memo: dict[str, tuple[list[_Entry[T]], _Entry[T] | None]] = {}

    def __len__(self) -> int:
        return self._size

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match[T]]:
        stop = len(text) if end is None else end
        tokens = word_spans(text, start, stop)
        i = 0
        while i < len(tokens):
            best = self._longest(text, tokens, i)
            if best is None:
                i += 1
                continue
            n, entry = best
            yield Match(tokens[i][0], tokens[i + n - 1][1], entry.value, entry.phrase)
            i += n

    def findall(self, text: str, start: int = 0, end: int | None = None) -> list[Match[T]]:
        return list(self.finditer(text, start, end))

    def _first_word(self, word: str) -> tuple[list[_Entry[T]], _Entry[T] | None]:
        """Entries whose first word this word can be (exact), and the best one-word star entry."""
        hit = self._memo.get(word)
        if hit is not None:
            return hit
        variants = clitic_variants(word) if self._clitics else [(word, False)]
        exact: list[_Entry[T]] = []
        star: _Entry[T] | None = None
        for base, had_article in variants:
            exact.extend(e for e in self._exact.get(base, ()) if had_article or not e.definite)
            if star is None:
                for k in self._prefix_lengths:
                    if k <= len(base):
                        star = next((e for e in self._prefix.get(base[:k], ()) if had_article or not e.definite),
                                    None)
                        if star is not None:
                            break
        hit = (exact, star)
        if len(self._memo) < 200_000:
            self._memo[word] = hit
        return hit

    def _longest(self, text: str, tokens: list[tuple[int, int]], i: int) -> tuple[int, _Entry[T]] | None:
        s, e = tokens[i]
        exact, star = self._first_word(text[s:e])
        best: tuple[int, _Entry[T]] | None = None
        for entry in exact:
            n = self._rest_matches(text, tokens, i, entry)
            # longer wins; at equal length an entry written with the article is the more specific
            if n and (best is None or n > best[0] or (n == best[0] and entry.definite and not best[1].definite)):
                best = (n, entry)
        if best is None and star is not None:
            best = (1, star)
        return best

    @staticmethod
    def _rest_matches(text: str, tokens: list[tuple[int, int]], i: int, entry: _Entry[T]) -> int:
        n = len(entry.rest)
        if i + n >= len(tokens) + (0 if n else 1):
            return 0 if n else 1
        for k, want in enumerate(entry.rest, 1):
            s, e = tokens[i + k]
            if not _GAP.fullmatch(text, tokens[i + k - 1][1], s):
                return 0
            word = text[s:e]
            last = k == n
            if word != want and not (last and entry.star and word.startswith(want)):
                return 0
        if not n and entry.star:
            return 1
        return n + 1

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
import weakref
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from marsad.text.normalise import fold

T = TypeVar("T")

_WORD = re.compile(r"[\u0621-\u064A]+|[a-z]+|[0-9]+")  # letters, Latin letters, digits: a run of one kind
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


@dataclass(slots=True)
class _DocTokens:
    starts: list[int]
    spans: list[tuple[int, int]]
    words: list[str]
    # per matcher (by its number): the indices of the words that may begin one of its entries, found for every
    # matcher in one pass over the words when the first matcher scans the text
    starters: dict[int, list[int]] | None = None
    matches: dict[int, _Found[Any]] = field(default_factory=dict)  # per matcher: its matches in the whole text
    text: str = ""  # the text object it is kept under


@dataclass(slots=True)
class _Found(Generic[T]):
    matches: list[Match[T]]
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.matches]


class _Registry:
    """Every live matcher by number, and for each word seen the numbers of the matchers it may begin an entry
    of: one pass over a document's words serves all the lexicons."""

    def __init__(self) -> None:
        self.matchers: dict[int, weakref.ref[PhraseMatcher[Any]]] = {}
        self.begins: dict[str, tuple[int, ...]] = {}
        self._next = 0

    def add(self, matcher: PhraseMatcher[Any]) -> int:
        number = self._next
        self._next += 1
        self.matchers[number] = weakref.ref(matcher, lambda _r: self.matchers.pop(number, None))
        self.begins.clear()  # the words seen so far were not tried against the new matcher
        _TOKENS.clear()
        return number

    def starters(self, words: list[str]) -> dict[int, list[int]]:
        begins = self.begins
        if len(begins) > 400_000:  # a cache: forget it rather than grow without bound
            begins.clear()
        out: dict[int, list[int]] = {}
        for i, w in enumerate(words):
            numbers = begins.get(w)
            if numbers is None:
                numbers = self._numbers(w)
                if not w.isdigit():  # figures are mostly new each time: not worth keeping
                    begins[w] = numbers
            for n in numbers:
                lst = out.get(n)
                if lst is None:
                    out[n] = [i]
                else:
                    lst.append(i)
        return out

    def _numbers(self, word: str) -> tuple[int, ...]:
        found = []
        for n, ref in list(self.matchers.items()):
            m = ref()
            if m is not None:  # (a figure is refused at once by a lexicon without figures)
                exact, star = m._first_word(word)
                if exact or star is not None:
                    found.append(n)
        return tuple(found)


_REGISTRY = _Registry()


_TOKENS: dict[str, _DocTokens] = {}


def _document_tokens(text: str) -> _DocTokens:
    """Start offsets, spans and words of every word of ``text``, tokenised once and kept for the last few texts."""
    cached = _TOKENS.get(text)
    if cached is not None and cached.text is not text:
        # an equal text in another object (the same document read again): keep it under this object, so that
        # the next look-ups find it by identity instead of comparing the whole text each time
        del _TOKENS[text]
        cached.text = text
        _TOKENS[text] = cached
    if cached is None:
        spans: list[tuple[int, int]] = []
        words: list[str] = []
        for m in _WORD.finditer(text):
            spans.append(m.span())
            words.append(m.group())
        cached = _DocTokens([s for s, _ in spans], spans, words, text=text)
        if len(_TOKENS) >= 8:
            _TOKENS.pop(next(iter(_TOKENS)))
        _TOKENS[text] = cached
    return cached


def _window(text: str, start: int, stop: int) -> tuple[_DocTokens, int, int]:
    """The document's tokens and the range [lo, hi) of those inside ``text[start:stop]``."""
    doc = _document_tokens(text)
    lo = bisect_left(doc.starts, start)
    hi = bisect_left(doc.starts, stop)
    if hi > lo and doc.spans[hi - 1][1] > stop:  # a word cut by the window's end is not a word of the window
        hi -= 1
    return doc, lo, hi


def document_words(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The spans and the words of every word of ``text``: the one tokenisation the lexicons and the
    geocoder share (kept for the last few texts; do not modify the lists)."""
    doc = _document_tokens(text)
    return doc.spans, doc.words


_NOTHING: tuple[list[Any], None] = ([], None)
_NONE: list[int] = []


class PhraseMatcher(Generic[T]):
    """Longest-leftmost, non-overlapping matching of many phrases."""

    def __init__(self, entries: Iterable[tuple[str, T]], *, clitics: bool = True) -> None:
        self._clitics = clitics
        self._exact: dict[str, list[_Entry[T]]] = {}
        self._prefix: dict[str, list[_Entry[T]]] = {}  # single-word entries with a star, by stem
        # phrases whose first word has a star («فتح* النار»: فتحوا النار, فتحت النار), by the first word's stem
        self._prefix_first: dict[str, list[_Entry[T]]] = {}
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
            first_star = len(words) > 1 and words[0].endswith("*")
            words[0] = words[0].rstrip("*")
            first = words[0]
            definite = clitics and first.startswith("ال") and len(first) > 2
            if definite:
                first = first[2:]
            entry = _Entry(tuple(words[1:]), star, definite, value, phrase)
            table = self._prefix if star and len(words) == 1 else self._prefix_first if first_star else self._exact
            table.setdefault(first, []).append(entry)
        for table in (self._exact, self._prefix, self._prefix_first):
            for lst in table.values():
                lst.sort(key=lambda e: -len(e.rest))
        self._size = len(seen)
        self._prefix_lengths = sorted({len(k) for k in self._prefix}, reverse=True)
        self._first_lengths = sorted({len(k) for k in self._prefix_first}, reverse=True)
        self._digit_keys = any(  # does an entry begin with a figure?
            k[:1].isdigit() for t in (self._exact, self._prefix, self._prefix_first) for k in t)
        self._memo: dict[str, tuple[list[_Entry[T]], _Entry[T] | None]] = {}
        self._number = _REGISTRY.add(self)

    def __len__(self) -> int:
        return self._size

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match[T]]:
        """The matches inside ``text[start:end]``. The whole text is scanned once per matcher and kept (stages
        ask sentence by sentence, and several ask of the same sentence): a window's matches are those of the
        text inside it, unless a match of the text crosses the window's edge — then the window is scanned on
        its own, as a phrase cut by the edge may leave a shorter one inside."""
        stop = len(text) if end is None else end
        doc = _document_tokens(text)
        found = doc.matches.get(self._number)
        if found is None:
            found = doc.matches[self._number] = _Found(list(self._scan(text, 0, len(text))))
        i = bisect_left(found.starts, start)
        j = bisect_left(found.starts, stop, i)
        ms = found.matches
        if (i and ms[i - 1].end > start) or (j > i and ms[j - 1].end > stop):
            return self._scan(text, start, stop)
        return iter(ms[i:j])

    def _scan(self, text: str, start: int, stop: int) -> Iterator[Match[T]]:
        doc, lo, hi = _window(text, start, stop)
        if doc.starters is None:
            doc.starters = _REGISTRY.starters(doc.words)
        cands = doc.starters.get(self._number, _NONE)
        spans, words = doc.spans, doc.words
        memo = self._memo
        k = bisect_left(cands, lo)
        n_cands = len(cands)
        while k < n_cands:
            i = cands[k]  # the other words cannot begin a match
            if i >= hi:
                break
            hit = memo.get(words[i]) or self._first_word(words[i])
            best = self._longest(text, spans, words, i, hi, hit)
            if best is None:
                k += 1
                continue
            n, entry = best
            yield Match(spans[i][0], spans[i + n - 1][1], entry.value, entry.phrase)
            k = bisect_left(cands, i + n, k + 1)

    def findall(self, text: str, start: int = 0, end: int | None = None) -> list[Match[T]]:
        return list(self.finditer(text, start, end))

    def _first_word(self, word: str) -> tuple[list[_Entry[T]], _Entry[T] | None]:
        """Entries whose first word this word can be (exact), and the best one-word star entry."""
        hit = self._memo.get(word)
        if hit is not None:
            return hit
        if word.isdigit() and not self._digit_keys:  # a figure begins no phrase of a lexicon without figures
            return _NOTHING
        variants = clitic_variants(word) if self._clitics else [(word, False)]
        exact: list[_Entry[T]] = []
        star: _Entry[T] | None = None
        for base, had_article in variants:
            exact.extend(e for e in self._exact.get(base, ()) if had_article or not e.definite)
            for k in self._first_lengths:
                if k <= len(base):
                    exact.extend(e for e in self._prefix_first.get(base[:k], ()) if had_article or not e.definite)
            if star is None:
                for k in self._prefix_lengths:
                    if k <= len(base):
                        star = next((e for e in self._prefix.get(base[:k], ()) if had_article or not e.definite),
                                    None)
                        if star is not None:
                            break
        exact.sort(key=lambda e: -len(e.rest))  # longest first (stable: ties keep their order)
        hit = (exact, star)
        if len(self._memo) < 200_000:
            self._memo[word] = hit
        return hit

    @staticmethod
    def _longest(text: str, spans: list[tuple[int, int]], words: list[str], i: int, hi: int,
                 hit: tuple[list[_Entry[T]], _Entry[T] | None]) -> tuple[int, _Entry[T]] | None:
        """The longest entry matching from word i, the window's words ending before word hi (the entries are
        sorted longest first)."""
        exact, star = hit
        best: tuple[int, _Entry[T]] | None = None
        for entry in exact:
            rest = entry.rest
            n = len(rest) + 1
            if best is not None and n < best[0]:
                break  # no shorter entry can win
            if i + n > hi:
                continue
            for k, want in enumerate(rest, 1):
                word = words[i + k]
                # the words first (cheap), then the gap before each: spaces or hyphens only
                if (word != want and not (k == n - 1 and entry.star and word.startswith(want))) \
                        or not _GAP.fullmatch(text, spans[i + k - 1][1], spans[i + k][0]):
                    break
            else:
                # longer wins; at equal length an entry written with the article is the more specific
                if best is None or n > best[0] or (entry.definite and not best[1].definite):
                    best = (n, entry)
        if best is None and star is not None:
            best = (1, star)
        return best

"""Phrase matching over normalised Arabic with proclitics, the shared engine of every lexicon.

An entry is a phrase in any spelling; it is folded with :func:`marsad.text.normalise.fold`.
Matching allows the proclitics Arabic attaches to the first word: conjunction و/ف, then
preposition ب/ل/ك, then the article; «ل» + «ال» contracts to «لل» («للجيش»).
A trailing ``*`` on a phrase's last word lets any letters follow (suffixes, plurals).
Matches are whole words: no letter may touch either end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from marsad.text.normalise import fold

T = TypeVar("T")

_LETTER = r"[\u0621-\u064Aa-z0-9]"
_CONJ = r"(?:[وف])?"
_PREP = r"(?:[بلك])?"


def phrase_pattern(phrase: str, *, clitics: bool = True) -> str:
    """Regex (without boundaries) for one phrase; words may be separated by any run of spaces."""
    words = fold(phrase).split()
    if not words:
        raise ValueError(f"empty lexicon phrase {phrase!r}")
    parts = []
    for n, w in enumerate(words):
        star = w.endswith("*")
        w = w.rstrip("*")
        body = re.escape(w) + (r"[\u0621-\u064A]*" if star else "")
        if n == 0 and clitics:
            if w.startswith("ال") and len(w) > 2:
                rest = re.escape(w[2:]) + (r"[\u0621-\u064A]*" if star else "")
                body = rf"(?:{_CONJ}{_PREP}ال{rest}|{_CONJ}لل{rest})"
            else:
                body = rf"(?:{_CONJ}{_PREP}(?:ال)?|{_CONJ}لل){body}"
        parts.append(body)
    return r"[\s\-]+".join(parts)


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int
    end: int
    value: T
    phrase: str


class PhraseMatcher(Generic[T]):
    """Longest-leftmost, non-overlapping matching of many phrases in one compiled regex."""

    def __init__(self, entries: Iterable[tuple[str, T]], *, clitics: bool = True) -> None:
        table: dict[str, tuple[str, T]] = {}
        for phrase, value in entries:
            key = " ".join(fold(phrase).split())
            table.setdefault(key, (phrase, value))
        # longer phrases first so that alternation prefers them
        keys = sorted(table, key=lambda k: (-len(k.replace("*", "")), k))
        self._values: list[tuple[str, T]] = [table[k] for k in keys]
        if keys:
            alts = "|".join(f"(?P<g{i}>{phrase_pattern(k, clitics=clitics)})" for i, k in enumerate(keys))
            self._rx: re.Pattern[str] | None = re.compile(rf"(?<!{_LETTER})(?:{alts})(?!{_LETTER})")
        else:
            self._rx = None

    def __len__(self) -> int:
        return len(self._values)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match[T]]:
        if self._rx is None:
            return
        for m in self._rx.finditer(text, start, len(text) if end is None else end):
            name = m.lastgroup
            assert name is not None
            phrase, value = self._values[int(name[1:])]
            yield Match(m.start(), m.end(), value, phrase)

    def findall(self, text: str, start: int = 0, end: int | None = None) -> list[Match[T]]:
        return list(self.finditer(text, start, end))

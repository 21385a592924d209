"""Arabic normalisation that keeps a map back to the original offsets.

The normal form folds the variation that news text shows for one word: hamza-carrying
alefs to bare alef, alef maqsura to ya, ta marbuta to ha, hamza on waw/ya to waw/ya,
diacritics, tatweel and zero-width marks removed, Arabic-Indic and Persian digits to
ASCII, presentation-form ligatures expanded, Latin lower-cased, exotic spaces, «#» and «_» to " ".
Lexicons are passed through the same function when loaded, so both sides agree.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

_FOLD: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ڤ": "ف", "پ": "ب", "چ": "ج", "ژ": "ز",
    "٪": "%", "،": "،", "؛": "؛",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "\t": " ",
    "#": " ", "_": " ",  # hashtags («#بوركينا_فاسو») read as words
}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _FOLD[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _FOLD[_d] = str(_i)

# removed outright: harakat, Quranic marks, superscript alef, tatweel, zero-width and bidi marks
_DROP = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u06E1", "\u06ED"]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
       "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad"]
)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    code = ord(ch)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:  # presentation forms (ligatures)
        expanded = unicodedata.normalize("NFKC", ch)
        if expanded == ch:  # no compatibility form (e.g. ornate parentheses): keep it as it is
            return ch
        return "".join(_fold_char(c) for c in expanded)
    if "A" <= ch <= "Z":
        return ch.lower()
    if code < 0x80:
        return ch
    if ch.isupper():
        return ch.lower()
    return ch


class OffsetMap(Sequence[int]):
    """The original index of each normalised character (and one past the last), kept as the places where the
    two drift apart — the runs of dropped characters — so that building it costs the drops, not the length."""

    __slots__ = ("_at", "_n", "_shift")

    def __init__(self, n: int, at: list[int], shift: list[int]) -> None:
        self._n = n  # entries: len(normalised text) + 1
        self._at = at  # normalised index from which shift[k] characters have been dropped before it
        self._shift = shift

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        k = bisect_right(self._at, i)
        return i + self._shift[k - 1] if k else i

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash(tuple(self))


@dataclass(frozen=True, slots=True)
class NormText:
    """Normalised text and, for each of its characters, the index of the original character."""

    text: str
    original: str
    to_orig: Sequence[int]  # len(text) + 1 entries; the last is len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text (covers every source char)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}..{end} outside normalised text of length {len(self.text)}")
        if start == end:
            pos = self.to_orig[start]
            return pos, pos
        return self.to_orig[start], self.to_orig[end - 1] + _orig_width(self, end - 1)

    def original_slice(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


def _orig_width(nt: NormText, i: int) -> int:
    """Width of the original character behind normalised index i (1 unless a dropped run follows)."""
    nxt = nt.to_orig[i + 1] if i + 1 < len(nt.to_orig) else len(nt.original)
    here = nt.to_orig[i]
    if nxt == here:  # expansion (ligature): several normalised chars from one original char
        return 1
    # do not swallow dropped characters (diacritics) that follow: they belong to this letter anyway
    return max(1, nxt - here)


def fold(text: str) -> str:
    """The normal form alone (no offset map): for lexicon entries and lookups."""
    if not _SLOW.search(text):
        return text.translate(_TABLE)
    return "".join(_fold_char(c) for c in text)


def _tables() -> tuple[dict[int, str | None], re.Pattern[str], re.Pattern[str]]:
    table: dict[int, str | None] = {ord(k): v for k, v in _FOLD.items()}
    table.update((ord(c), None) for c in _DROP)
    table.update((ord(c), c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    handled = "".join(re.escape(c) for c in list(_FOLD) + sorted(_DROP))
    # anything a one-to-one table cannot fold: presentation forms, other scripts' capitals
    slow = re.compile(rf"[^\x00-\x7f\u0600-\u06ff\u2010-\u201f\u2026«»{handled}]")
    drop = re.compile("[" + "".join(re.escape(c) for c in sorted(_DROP)) + "]")
    return table, slow, drop


_TABLE, _SLOW, _DROP_RE = _tables()


def normalise(text: str) -> NormText:
    if not _SLOW.search(text):
        # every character folds to one character or is dropped: a table and the dropped runs suffice
        at: list[int] = []
        shift: list[int] = []
        dropped = 0
        for m in _DROP_RE.finditer(text):
            at.append(m.start() - dropped)
            dropped += m.end() - m.start()
            shift.append(dropped)
        return NormText(text.translate(_TABLE), text, OffsetMap(len(text) - dropped + 1, at, shift))
    return _normalise_each(text)


def _normalise_each(text: str) -> NormText:
    out: list[str] = []
    to_orig: list[int] = []
    for i, ch in enumerate(text):
        rep = _fold_char(ch)
        for r in rep:
            out.append(r)
            to_orig.append(i)
    to_orig.append(len(text))
    return NormText("".join(out), text, tuple(to_orig))

"""Comparable keys for Arabic and Latin (French-spelled) place names.

Two representations, the same for both scripts:

* ``consonant_key``: a coarse skeleton of consonant classes, vowels and h-like letters dropped.
  It is what the gazetteer is indexed by; an Arabic spelling and the French spelling of the same
  town usually share it: تمبكتو / تنبكتو / Tombouctou / Timbuktu → ``TMBKT``.
* ``fine_form``: the same classes with vowels kept as a/i/u, for fuzzy scoring (rapidfuzz) of the
  few candidates the key index proposes.

Classes: B (b p), T (t ط th), D (d ض ذ ظ), K (k g q j c-hard, ج غ ق ك خ, gh kh dj gu), S (s z c-soft,
س ص ز ث), C (ش ch sh tch), F (f v ph), L, M, N, R. «nb»/«np» becomes «mb» on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from marsad.text.normalise import fold

_AR_CONS: dict[str, str] = {
    "ب": "B", "ت": "T", "ط": "T", "ث": "S", "ج": "K", "خ": "K", "د": "D", "ذ": "D", "ض": "D", "ظ": "D",
    "ر": "R", "ز": "S", "س": "S", "ص": "S", "ش": "C", "غ": "K", "ق": "K", "ك": "K", "ف": "F", "ل": "L",
    "م": "M", "ن": "N",
}
_AR_VOWEL: dict[str, str] = {"ا": "a", "و": "u", "ي": "i", "ى": "i"}
_AR_SILENT = frozenset("حهعءة")

_LATIN_DIGRAPHS: list[tuple[str, str]] = [
    ("tsch", "C"), ("tch", "C"), ("sch", "C"), ("ch", "C"), ("sh", "C"),
    ("dj", "K"), ("kh", "K"), ("gh", "K"), ("qu", "K"), ("ck", "K"),
    ("ph", "F"), ("th", "T"), ("dh", "D"), ("x", "KS"),
]
_GU = re.compile(r"gu(?=[eiy])")
_LATIN_CONS: dict[str, str] = {
    "b": "B", "p": "B", "t": "T", "d": "D", "g": "K", "k": "K", "q": "K", "j": "K", "s": "S", "z": "S",
    "f": "F", "v": "F", "l": "L", "m": "M", "n": "N", "r": "R",
}
_LATIN_VOWEL: dict[str, str] = {"a": "a", "e": "i", "i": "i", "y": "i", "o": "u", "u": "u", "w": "u"}
_SOFT_C = re.compile(r"c(?=[eiy])")


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _finish(seq: list[str]) -> str:
    """Collapse doubles and vowel runs, apply «nb» → «mb»."""
    out: list[str] = []
    for ch in seq:
        if ch == "B" and out and out[-1] == "N":
            out[-1] = "M"
        if out and out[-1] == ch:
            continue
        if ch.islower() and out and out[-1].islower():  # vowel run: keep the first
            continue
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def arabic_fine(word: str) -> str:
    """Fine form of an Arabic spelling (any number of words; spaces ignored)."""
    w = fold(word).replace(" ", "").replace("-", "")
    w = w.replace("تش", "\x01")
    seq: list[str] = []
    last = len(w) - 1
    for i, ch in enumerate(w):
        if ch == "\x01":
            seq.append("C")
        elif ch in _AR_CONS:
            seq.append(_AR_CONS[ch])
        elif ch in _AR_VOWEL:
            seq.append(_AR_VOWEL[ch])
        elif ch in _AR_SILENT:
            if i == last and ch in "هة":
                seq.append("a")
        elif ch.isascii() and ch.isalpha():
            return latin_fine(word)
    return _finish(seq)


@lru_cache(maxsize=65536)
def latin_fine(name: str) -> str:
    """Fine form of a Latin (French or English) spelling."""
    low = name.lower().strip()
    mute_e = len(low) > 3 and low.endswith("e") and not low.endswith("ee")
    s = re.sub(r"[^a-z]", "", _strip_accents(low))
    if mute_e:
        s = s[:-1]
    s = s.replace("ou", "u")
    s = _GU.sub("K", s)
    for src, dst in _LATIN_DIGRAPHS:
        s = s.replace(src, dst)
    s = _SOFT_C.sub("s", s).replace("c", "k")
    seq: list[str] = []
    for ch in s:
        if ch.isupper():
            seq.extend(ch)
        elif ch in _LATIN_CONS:
            seq.append(_LATIN_CONS[ch])
        elif ch in _LATIN_VOWEL:
            seq.append(_LATIN_VOWEL[ch])
        # h and anything else: silent
    return _finish(seq)


def key_of_fine(fine: str) -> str:
    return "".join(c for c in fine if c.isupper())


_NASAL = re.compile(r"[MN](?=[BD])")


def denasal_key(key: str) -> str:
    """A key or fine form with «m/n» dropped before «b/d»: Arabic and French spellings of Tuareg and
    Fulfulde names keep or drop that nasal freely (تندينباون / تينديباوين / Tidimbawen)."""
    return _NASAL.sub("", key)


def arabic_key(word: str) -> str:
    return key_of_fine(arabic_fine(word))


def latin_key(name: str) -> str:
    return key_of_fine(latin_fine(name))


def latin_keys(name: str) -> set[str]:
    """All keys of a Latin name: French «rh» is often Arabic «غ» (Rharous), sometimes «ر»."""
    keys = {latin_key(name)}
    low = _strip_accents(name).lower()
    if "rh" in low:
        keys.add(latin_key(low.replace("rh", "gh")))
    if "gn" in low:
        keys.add(latin_key(low.replace("gn", "n")))
    keys.discard("")
    return keys


def is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def fine_form(text: str) -> str:
    return arabic_fine(text) if is_arabic(text) else latin_fine(text)


def consonant_key(text: str) -> str:
    return key_of_fine(fine_form(text))


def latin_fold(name: str) -> str:
    """Case- and accent-folded Latin name with punctuation as single spaces (for exact Latin lookup)."""
    s = _strip_accents(name).lower().replace("’", "'")
    return " ".join(re.sub(r"[^a-z0-9']+", " ", s).split())

"""Counts written in Arabic news text: digits, number words, vague collectives and their qualifiers.

Works on NORMALISED text (:func:`marsad.text.normalise.fold`); every offset is into that string.

What is returned:

* digit numbers, with thousands groups «1,200» «1.200» «1 200» and a scale word «15 ألف» «1.5 مليون»;
  «الـ15» (the article on digits) is part of the span;
* number words in any gender/case with proclitics (و ف ب ل ك ال): units, teens «ثلاثة عشر»,
  tens, compounds «خمسة وعشرين», hundreds «ثلاثمائة» / «ثلاث مئة», thousands «ثلاثة آلاف» «ألفين»;
* vague collectives: «عشرات» 10, «مئات» 100, «آلاف» 1000 (and «عشرات الآلاف» 10000), qualifier ``vague``;
* a qualifier written before («نحو» «ما لا يقل عن» «أكثر من» ...) widens the span; «على الأقل» right
  after the number widens it too, and one or two words later (after the counted noun) sets the
  qualifier without widening the span, so the noun stays free for the caller.

What is NOT returned (documented filters): years after «عام/سنة/منذ...» or beside a month name, the
day number before a month name, clock times after «الساعة» or written h:m, percentages, digits glued
to Latin letters («G5»), numbers after an ordinal word («الحادي عشر»), the weekdays «الاثنين» «الأحد»,
the teen-only forms «أحد» «اثنا» when alone, and non-numbers such as «العديد» «عدة» «بضعة».
Dual nouns («جنديين») are the casualty stage's business, not this one's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from marsad.text.lexicon import PhraseMatcher
from marsad.text.normalise import fold

Qualifier = Literal["exact", "about", "at_least", "more_than", "at_most", "vague"]
TokenKind = Literal["word", "digits", "punct"]

_TOKEN_RX = re.compile(r"(?P<digits>[0-9]+(?:[.,\u066b\u066c][0-9]+)*)|(?P<word>[\u0621-\u064Aa-z]+)|(?P<punct>\S)")
_LATIN = re.compile(r"[a-z]")
_DIGIT_SEPS = re.compile(r"[.,\u066b\u066c]")


@dataclass(slots=True)  # not frozen: a frozen dataclass is built three times slower, and a sentence has many
class Token:
    start: int
    end: int
    text: str
    kind: TokenKind


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    value: int
    qualifier: Qualifier


_WINDOWS: dict[tuple[str, int, int], list[Token]] = {}


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words (Arabic/Latin letter runs), digit runs (with . , separators) and single punctuation marks."""
    stop = len(text) if end is None else end
    key = (text, start, stop)
    out = _WINDOWS.get(key)  # the casualty stage and find_numbers read the same sentence
    if out is None:
        out = []
        for m in _TOKEN_RX.finditer(text, start, stop):
            a, b = m.span()
            out.append(Token(a, b, m.group(), m.lastgroup))  # type: ignore[arg-type]  # one of the three groups
        if len(_WINDOWS) >= 16:
            _WINDOWS.pop(next(iter(_WINDOWS)))
        _WINDOWS[key] = out
    return list(out)


# ---------------------------------------------------------------------------------------------- lexicon

_Kind = Literal["unit", "teen_unit", "tens", "hundreds", "scale", "scale_dual", "scale_plural", "vague"]
_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال")} | {"لل", "ولل", "فلل"},
        key=len,
    )
)


@dataclass(frozen=True, slots=True)
class _Word:
    kind: _Kind
    value: int


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    words: dict[str, tuple[_Word, ...]]
    teen_tens: frozenset[str]
    hundred_words: frozenset[str]
    before: PhraseMatcher[Qualifier]
    after: tuple[tuple[tuple[str, ...], Qualifier], ...]
    year_cues: frozenset[str]
    months: frozenset[str]
    clock_cues: frozenset[str]
    percent: tuple[tuple[str, ...], ...]
    ordinals: frozenset[str]
    weekday_forms: frozenset[str]
    not_numbers: frozenset[str]
    after_len: int = 0  # words of the longest qualifier after
    memo: dict[str, tuple[str, tuple[_Word, ...]] | None] = field(default_factory=dict, compare=False)
    stems: dict[str, str] = field(default_factory=dict, compare=False)  # word → its cue stem (see _stem)
    weekdays: dict[str, bool] = field(default_factory=dict, compare=False)  # word → is it a weekday's name?
    percent_first: frozenset[str] = field(default=frozenset(), compare=False)  # first words of the percent phrases


def _f(word: Any) -> str:
    return " ".join(fold(str(word)).split())


@lru_cache(maxsize=1)
def lexicon() -> NumberLexicon:
    raw = yaml.safe_load(resources.files("marsad").joinpath("data/ar/numbers.yaml").read_text(encoding="utf-8"))
    words: dict[str, list[_Word]] = {}

    def add(form: Any, kind: _Kind, value: int) -> None:
        entry = _Word(kind, value)
        bucket = words.setdefault(_f(form), [])
        if entry not in bucket:
            bucket.append(entry)

    for value, forms in raw["units"].items():
        for w in forms:
            add(w, "unit", int(value))
    for value, forms in raw["teen_units"].items():
        for w in forms:
            add(w, "teen_unit", int(value))
    for value, forms in raw["tens"].items():
        for w in forms:
            add(w, "tens", int(value))
    for value, forms in raw["hundreds"].items():
        for w in forms:
            add(w, "hundreds", int(value))
    for value, group in raw["scales"].items():
        for w in group["singular"]:
            add(w, "scale", int(value))
        for w in group["dual"]:
            add(w, "scale_dual", int(value))
        for w in group["plural"]:
            add(w, "scale_plural", int(value))
    for value, forms in raw["vague"].items():
        for w in forms:
            add(w, "vague", int(value))
    before = PhraseMatcher(
        [(str(p), q) for q, phrases in raw["qualifiers_before"].items() for p in phrases]
    )
    after = tuple(
        (tuple(_f(p).split()), q) for q, phrases in raw["qualifiers_after"].items() for p in phrases
    )
    percent = tuple(tuple(_f(p).split()) for p in raw["percent_words"])
    return NumberLexicon(
        words={k: tuple(v) for k, v in words.items()},
        teen_tens=frozenset(_f(w) for w in raw["teen_tens"]),
        hundred_words=frozenset(_f(w) for w in raw["hundred_words"]),
        before=before,
        after=tuple(sorted(set(after), key=lambda x: -len(x[0]))),
        year_cues=frozenset(_f(w) for w in raw["year_cues"]),
        months=frozenset(_f(w) for w in raw["months"]),
        clock_cues=frozenset(_f(w) for w in raw["clock_cues"]),
        percent=percent,
        ordinals=frozenset(_f(w) for w in raw["ordinals"]),
        weekday_forms=frozenset(_f(w) for w in raw["weekday_forms"]),
        not_numbers=frozenset(_f(w) for w in raw["not_numbers"]),
        after_len=max((len(w) for w, _q in after), default=0),
        percent_first=frozenset(words[0] for words in percent if words),
    )


@lru_cache(maxsize=65536)
def strip_clitics(word: str) -> list[tuple[str, str]]:
    """Every (prefix, stem) split of a word by the proclitics و/ف + ب/ل/ك + ال, shortest prefix first."""
    out = []
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            stem = word[len(p):]
            if p.endswith("لل"):
                out.append((p, stem))
                out.append((p, "ل" + stem))  # «للجنة»: ل + ال + لجنة
            else:
                out.append((p, stem))
    return out


def _lookup(lex: NumberLexicon, word: str, *, clitics: bool) -> tuple[str, tuple[_Word, ...]] | None:
    """(prefix, readings) of a number word; without clitics only the bare word or «و» + word."""
    if clitics:
        memo = lex.memo
        if word in memo:
            return memo[word]
        found: tuple[str, tuple[_Word, ...]] | None = None
        for prefix, stem in strip_clitics(word):
            if stem in lex.words:
                found = prefix, lex.words[stem]
                break
        if len(memo) < 200_000:
            memo[word] = found
        return found
    if word in lex.words:
        return "", lex.words[word]
    if word.startswith("و") and word[1:] in lex.words:
        return "و", lex.words[word[1:]]
    return None


def _has(readings: tuple[_Word, ...], *kinds: _Kind) -> _Word | None:
    for r in readings:
        if r.kind in kinds:
            return r
    return None


# ---------------------------------------------------------------------------------------------- parsing


@dataclass(slots=True)
class _Group:
    """The part of a number below the current scale: hundreds, unit (1..19) and tens."""

    h: int | None = None
    u: int | None = None
    t: int | None = None

    def value(self) -> int:
        return (self.h or 0) + (self.u or 0) + (self.t or 0)

    def empty(self) -> bool:
        return self.h is None and self.u is None and self.t is None


def _parse_words(lex: NumberLexicon, toks: list[Token], i: int) -> tuple[int, int, bool] | None:
    """Parse number words from token i: (value, index after the last token, vague?) or None."""
    first = _lookup(lex, toks[i].text, clitics=True)
    if first is None:
        return None
    readings = first[1]
    n = len(toks)

    def word_at(j: int) -> str | None:
        if j < n and toks[j].kind == "word" and toks[j].start - toks[j - 1].end <= 2:
            return toks[j].text
        return None

    vague = _has(readings, "vague")
    if vague is not None and not _is_not_number(lex, toks[i].text):
        nxt = word_at(i + 1)
        if nxt is not None:
            r = _lookup(lex, nxt, clitics=True)
            if r is not None and r[0] in ("", "ال") and (sc := _has(r[1], "scale_plural")):
                return vague.value * sc.value, i + 2, True
        return vague.value, i + 1, True

    total = 0
    group = _Group()
    last: str
    w = _has(readings, "teen_unit", "unit", "tens", "hundreds", "scale", "scale_dual", "scale_plural")
    if w is None:
        return None
    j = i + 1
    if w.kind == "teen_unit" or (w.kind == "unit" and w.value < 10):
        nxt = word_at(j)
        if nxt is not None and nxt in lex.teen_tens:
            group.u = w.value + 10
            j += 1
            last = "teen"
        elif w.kind == "teen_unit" and _has(readings, "unit") is None:
            return None
        else:
            group.u = (_has(readings, "unit") or w).value
            last = "unit"
    elif w.kind == "unit":
        group.u = w.value
        last = "unit"
    elif w.kind == "tens":
        group.t = w.value
        last = "tens"
    elif w.kind == "hundreds":
        group.h = w.value
        last = "hundreds"
    elif w.kind == "scale":
        total = w.value
        last = "scale"
    elif w.kind == "scale_dual":
        total = 2 * w.value
        last = "scale"
    else:  # a plural scale word alone: «آلاف» is a vague thousand
        return w.value, j, True

    while j < n:
        nxt = word_at(j)
        if nxt is None:
            break
        found = _lookup(lex, nxt, clitics=False)
        if found is None:
            break
        joined, rs = found[0] == "و", found[1]
        if not joined:
            if last == "unit" and group.u is not None and group.u < 10 and nxt in lex.hundred_words and group.h is None:
                group.h, group.u, last = group.u * 100, None, "hundreds"
            elif (sc := _has(rs, "scale")) and not group.empty() and sc.value > group.value() and total == 0:
                total, group, last = group.value() * sc.value, _Group(), "scale"
            elif (sc := _has(rs, "scale_plural")) and group.h is None and group.t is None and 3 <= (group.u or 0) <= 10:
                total, group, last = (group.u or 0) * sc.value, _Group(), "scale"
            else:
                break
        else:
            if (wu := _has(rs, "unit")) and group.u is None and group.t is None and last in ("hundreds", "scale"):
                group.u, last = wu.value, "unit"
                nxt2 = word_at(j + 1)
                if wu.value < 10 and nxt2 is not None and nxt2 in lex.teen_tens:
                    group.u, j = wu.value + 10, j + 1
                    last = "teen"
            elif (wt := _has(rs, "tens")) and group.t is None and (group.u is None or group.u < 10) and last != "tens":
                group.t, last = wt.value, "tens"
            elif (wh := _has(rs, "hundreds")) and group.empty() and last == "scale":
                group.h, last = wh.value, "hundreds"
            else:
                break
        j += 1
    value = total + group.value()
    if value <= 0:
        return None
    if j == i + 1 and (_is_weekday(lex, toks[i].text) or _is_not_number(lex, toks[i].text)):
        return None  # «يوم الاثنين», «الأحد»: a day; «كمية», «لست»: not a number at all
    return value, j, False


def _is_not_number(lex: NumberLexicon, word: str) -> bool:
    return word in lex.not_numbers or (word[:1] in ("و", "ف") and word[1:] in lex.not_numbers)


def _is_weekday(lex: NumberLexicon, word: str) -> bool:
    hit = lex.weekdays.get(word)
    if hit is None:
        hit = any(word.endswith(w) and set(word[: len(word) - len(w)]) <= set("وفبل") for w in lex.weekday_forms)
        if len(lex.weekdays) < 100_000:
            lex.weekdays[word] = hit
    return hit


def _digits_value(s: str) -> tuple[int | None, float | None]:
    """(integer value, decimal value) of a digit run: «1,200» «1.200» → 1200; «2.5» → (None, 2.5)."""
    parts = _DIGIT_SEPS.split(s)
    if len(parts) == 1:
        return int(s), None
    if 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
        return int("".join(parts)), None
    if len(parts) == 2:
        return None, float(parts[0] + "." + parts[1])
    return None, None


def _parse_digits(lex: NumberLexicon, text: str, toks: list[Token], i: int) -> tuple[int, int] | None:
    tok = toks[i]
    if tok.start > 0 and _LATIN.match(text[tok.start - 1]):
        return None
    if tok.end < len(text) and _LATIN.match(text[tok.end]):
        return None
    value, dec = _digits_value(tok.text)
    j = i + 1
    # «1 200»: a space-separated thousands group
    if (
        value is not None
        and dec is None
        and len(tok.text) <= 3
        and j < len(toks)
        and toks[j].kind == "digits"
        and len(toks[j].text) == 3
        and text[tok.end:toks[j].start] == " "
    ):
        value, j = value * 1000 + int(toks[j].text), j + 1
    nxt = toks[j].text if j < len(toks) and toks[j].kind == "word" else None
    if nxt is not None:
        found = _lookup(lex, nxt, clitics=False)
        if found is not None and found[0] == "":
            sc = _has(found[1], "scale", "scale_plural")
            if sc is not None:
                base = value if value is not None else dec
                if base is not None:
                    return round(base * sc.value), j + 1
    if value is None:
        return None
    return value, j


def _stem(lex: NumberLexicon, word: str) -> str:
    hit = lex.stems.get(word)
    if hit is None:
        hit = next((stem for _, stem in strip_clitics(word) if stem in lex.year_cues or stem in lex.months
                    or stem in lex.clock_cues or stem in lex.ordinals), word)
        if len(lex.stems) < 100_000:
            lex.stems[word] = hit
    return hit


def _prev_word(toks: list[Token], i: int) -> str | None:
    return toks[i - 1].text if i > 0 and toks[i - 1].kind == "word" else None


def _percent_end(lex: NumberLexicon, toks: list[Token], j: int) -> int | None:
    if j >= len(toks) or toks[j].text not in lex.percent_first:
        return None
    for words in lex.percent:
        if tuple(t.text for t in toks[j:j + len(words)]) == words:
            return j + len(words)
    return None


def _is_excluded(lex: NumberLexicon, text: str, toks: list[Token], i: int, j: int, value: int) -> bool:
    """Years, dates, clock times, percentages and ordinals (see the module docstring)."""
    prev = _prev_word(toks, i)
    if prev is not None:
        stem = _stem(lex, prev)
        if stem in lex.ordinals or stem in lex.clock_cues:
            return True
        if stem in lex.year_cues and 1000 <= value <= 2100:
            return True
        if stem in lex.months and (1000 <= value <= 2100 or value <= 31) and not (
                toks[i].kind == "word" and toks[i].text.startswith("و")):
            return True  # «مارس 2015»; «في مارس وستة قتلوا» starts a new phrase
    if toks[i].kind == "digits":
        if i > 0 and toks[i - 1].text in (":", "/") and i > 1 and toks[i - 2].kind == "digits":
            return True
        if j < len(toks) - 1 and toks[j].text in (":", "/") and toks[j + 1].kind == "digits":
            return True
    if j < len(toks):
        nxt = toks[j].text
        if toks[j].kind == "word":
            stem = _stem(lex, nxt)
            if stem in lex.months and value <= 31:
                return True
        if _percent_end(lex, toks, j) is not None:
            return True
    return False


def _trailing_qualifier(lex: NumberLexicon, toks: list[Token], j: int) -> tuple[Qualifier, int, int] | None:
    """(qualifier, gap in words, index after) for «على الأقل» right after the number or 1-2 words later."""
    # the qualifier's words and the gap before them are all words: count the words from j first
    n, limit = len(toks), j + 2 + lex.after_len
    run = j
    while run < n and run < limit and toks[run].kind == "word":
        run += 1
    for gap in range(3):
        k = j + gap
        for words, q in lex.after:
            size = len(words)
            if k + size > run:
                continue
            if _strip_conj(toks[k].text) == words[0] and all(toks[k + m].text == words[m] for m in range(1, size)):
                return q, gap, k + size
    return None


def _strip_conj(word: str) -> str:
    return word[1:] if word.startswith("و") and len(word) > 3 else word


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Every count in ``text[start:end]`` (normalised text), non-overlapping, in text order."""
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= stop:
        return []
    lex = lexicon()
    toks = tokenize(text, start, stop)
    befores = {}
    for m in lex.before.finditer(text, start, stop):  # keyed by where the number may begin
        k = m.end
        while k < stop and text[k] == " ":
            k += 1
        befores[k] = m
    out: list[NumberMention] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        parsed: tuple[int, int, bool] | None = None
        span_start = tok.start
        if tok.kind == "digits":
            d = _parse_digits(lex, text, toks, i)
            if d is not None:
                parsed = (d[0], d[1], False)
        elif tok.kind == "word":
            if tok.text != "ال" and _lookup(lex, tok.text, clitics=True) is None:
                i += 1  # not a number word (what _parse_words would find first)
                continue
            if tok.text == "ال" and i + 1 < len(toks) and toks[i + 1].kind == "digits":
                d = _parse_digits(lex, text, toks, i + 1)
                if d is not None and text[tok.end:toks[i + 1].start].strip() == "":
                    parsed = (d[0], d[1], False)
            else:
                parsed = _parse_words(lex, toks, i)
        if parsed is None:
            i += 1
            continue
        value, j, vague = parsed
        if _is_excluded(lex, text, toks, i, j, value):
            i = _percent_end(lex, toks, j) or j  # the percent words are not a number either
            continue
        qualifier: Qualifier = "vague" if vague else "exact"
        span_end = toks[j - 1].end
        q = befores.get(span_start)
        if q is not None and (not out or q.start >= out[-1].end):
            qualifier = q.value if qualifier == "exact" else qualifier
            span_start = q.start
        trail = _trailing_qualifier(lex, toks, j)
        if trail is not None and qualifier in ("exact", "vague"):
            qualifier = trail[0] if qualifier == "exact" else qualifier
            if trail[1] == 0:
                span_end = toks[trail[2] - 1].end
                j = trail[2]
        out.append(NumberMention(span_start, span_end, value, qualifier))
        i = j
    return out


def parse_number_words(words: str) -> int | None:
    """The value of a whole string that is one number (words or digits), else None («عشرات» → 10)."""
    text = fold(words).strip()
    found = find_numbers(text)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text):
        return None
    return found[0].value

"""Find and resolve Sahel place mentions in normalised Arabic text: ``Geocoder.find`` and ``Geocoder.lookup``.

A word is a place only when (a) it is a known spelling (curated alias table or GeoNames Arabic
alternate), possibly behind the clitics و/ف + ب/ل/ك, or (b) it follows a place cue («في», «بلدة»,
«قرب», «منطقة» ...) and its consonant key finds a populated GeoNames place that rapidfuzz scores
close. Homonyms are settled by the document: regions and countries it names, compass phrases
(«وسط مالي»), nearby unambiguous places, feature class and population. Precision (ACLED):
1 the town, 2 near it / between two places / a distance from it, 3 a region or country only
(at its capital).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Literal

import yaml
from rapidfuzz import fuzz

from marsad.geo.gazetteer import COUNTRY_CODES, COUNTRY_NAMES, Gazetteer, km
from marsad.geo.transliterate import arabic_fine, arabic_key, denasal_key, is_arabic, latin_fine, latin_fold
from marsad.records import Place
from marsad.text.lexicon import document_words
from marsad.text.normalise import fold

Kind = Literal["place", "region", "country"]
CueKind = Literal["", "point_weak", "point_strong", "region", "near", "direction", "distance", "between"]

_SENT_END = re.compile(r"[.!?؟\n]")
_JOIN = re.compile(r"[\s\-]+")
_NEAR_KINDS = ("near", "direction", "distance", "between")
_DIST_GLUE = frozenset(fold(w) for w in ("من", "على", "نحو", "حوالي", "قرابة", "مسافة"))
_PRONOUN_ENDINGS = ("هم", "هما", "كم", "هن", "ها")
_REFERENCE_REACH = 8  # words from a town to the reference town of «على بعد 160 كيلومترا شرقي X»
BOUND_KM = 60.0  # a fuzzy name «في منطقة Y» may lie this far outside Y's footprint (GeoNames admin is rough)
NAMED_KM = 150.0  # ... and this far outside the regions the document names
_NOT_CUE_FOR_SHORT = frozenset(fold(w) for w in ("من", "و", "على"))


@dataclass(frozen=True, slots=True)
class GeoContext:
    """What a document already says about where it is: countries, admin1 regions, anchor points."""

    countries: frozenset[str] = frozenset()  # "Mali", "Burkina Faso", "Niger"
    admin1: frozenset[str] = frozenset()
    anchors: tuple[tuple[float, float], ...] = ()
    hinted_admin1: frozenset[str] = frozenset()  # weaker: from «شمال مالي» and the like
    main_country: str | None = None
    place_admin1: frozenset[str] = frozenset()  # admin1 of the unambiguous known towns the document names


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    surface: str
    kind: Kind
    place: Place
    score: float
    cue: str = ""  # the cue kind that set the precision ("near", "between", "region", ...) or ""


@dataclass(frozen=True, slots=True)
class _Cues:
    point_weak: frozenset[str]
    point_strong: frozenset[str]
    region: frozenset[str]
    near: dict[str, int]  # phrase → number of words
    direction: dict[str, str]
    distance: frozenset[str]
    not_country_before: frozenset[str]
    not_niger_before: frozenset[str]
    stopwords: frozenset[str]
    country_parts: dict[str, dict[str, frozenset[str]]]
    this_country: frozenset[str]
    foreign: frozenset[str]
    split_regions: dict[str, str]  # a region set up in 2016 → the one it was carved out of


def _fset(items: list[str]) -> frozenset[str]:
    return frozenset(" ".join(fold(x).split()) for x in items)


@cache
def load_cues() -> _Cues:
    raw = yaml.safe_load((resources.files("marsad") / "data" / "ar" / "geo_cues.yaml").read_text(encoding="utf-8"))
    near = {" ".join(fold(x).split()): len(x.split()) for x in raw["near"]}
    parts = {c: {d: frozenset(v) for d, v in dirs.items()} for c, dirs in raw["country_parts"].items()}
    return _Cues(
        point_weak=_fset(raw["point_weak"]), point_strong=_fset(raw["point_strong"]), region=_fset(raw["region"]),
        near=near, direction={" ".join(fold(k).split()): v for k, v in raw["direction"].items()},
        distance=_fset(raw["distance"]), not_country_before=_fset(raw["not_country_before"]),
        not_niger_before=_fset(raw["not_country_niger_before"]), stopwords=_fset(raw["stopwords"]),
        country_parts=parts, this_country=_fset(raw["this_country"]), foreign=_fset(raw["foreign"]),
        split_regions=dict(raw["split_regions"]),
    )


_LEXICONS = ("triggers", "actors", "casualties", "numbers", "dates", "claims", "status", "materiel", "boilerplate")
_AR_WORD = re.compile(r"[\u0621-\u064A]+")


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [x for k, v in node.items() for x in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [x for v in node for x in _strings(v)]
    return []


@cache
def load_common_words() -> frozenset[str]:
    """Words never fuzzy-matched to a place: ``common_words.txt``, every word of the project lexicons
    (``data/ar/*.yaml``: triggers, actors, casualties, numbers, dates, claims, status ...) and the cue words."""
    base = resources.files("marsad") / "data" / "ar"
    words: set[str] = set()
    for line in (base / "common_words.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(_AR_WORD.findall(fold(line)))
    for name in _LEXICONS:
        res = base / f"{name}.yaml"
        if res.is_file():
            for text in _strings(yaml.safe_load(res.read_text(encoding="utf-8"))):
                words.update(_AR_WORD.findall(fold(text)))
    c = load_cues()
    for group in (c.point_weak, c.point_strong, c.region, frozenset(c.near), frozenset(c.direction), c.distance,
                  c.stopwords, c.not_country_before, c.this_country):
        for phrase in group:
            words.update(phrase.split())
    return frozenset(w for w in words if len(w) >= 2)


_MAX_ANCHORS = 64  # the first places a report names confidently are its context; a longer list adds nothing
_NAMED_TIE = 0.25  # breaks a tie between homonyms in favour of the row the curated spelling names


@cache
def load_frequent_words() -> frozenset[str]:
    """Words frequent in general Arabic text (``frequent_words.txt``, built from ``wordfreq`` by
    ``scripts/build_stoplist.py``): never fuzzy-matched, split by clitics only onto a curated spelling."""
    text = (resources.files("marsad") / "data" / "ar" / "frequent_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


# suffixes of Arabic morphology: a word that is a common word plus one of these is a common word too
_SUFFIXES = ("يين", "يون", "يتين", "ين", "ان", "ون", "ات", "يه", "ي", "ه", "ها", "هم", "هما", "وا", "ا", "تين")


def _arabic_morphology(w: str) -> bool:
    """Patterns of Arabic nouns and adjectives that Sahel names (Songhay, Tamasheq, Fulfulde, Mande,
    Moore ...) do not take: nisba adjectives (-يه, -يين), استفعال, تفعيل, تفاعل, مفاعل(ه), مفعول, مفعله, افتعال."""
    n = len(w)
    if n >= 5 and (w.endswith("يه") or w.endswith(("يين", "يون"))):
        return True
    if n >= 6 and w.startswith("است"):
        return True
    if n == 5 and w[0] == "ت" and w[3] == "ي" and w[1] not in "اوي" and w[2] not in "اي" and w[4] not in "اوي":
        return True  # تفعيل: تمويل تحرير تفجير
    if n == 5 and w[0] == "ت" and w[2] == "ا" and w[1] not in "اوي" and w[4] not in "اوي":
        return True  # تفاعل: تقاطع تبادل
    if w[0] == "م" and n in (5, 6) and w[2] == "ا" and w[1] not in "ايه" and w[-1] not in "او" \
            and (n == 5 or w[-1] == "ه"):
        return True  # مفاعل / مفاعله: مواقع مراكز مجاوره
    if n == 5 and w[0] == "م" and w[3] == "و" and w[1] not in "اوي" and w[2] not in "اوي" and w[4] not in "اوي":
        return True  # مفعول: مجهول مسوول
    if n == 5 and w[0] == "م" and w[4] == "ه" and all(ch not in "اوي" for ch in w[1:4]):
        return True  # مفعله: مدرسه
    return n == 6 and w[0] == "ا" and w[4] == "ا" and (w[2] == "ت" or w[1] == "ن")  # افتعال / انفعال



@dataclass(slots=True)
class _Target:
    idx: int
    flags: frozenset[str]
    curated: bool


class _Tokens:
    """A document's words (the lexicons' one tokenisation), their offsets and their sentence numbers."""

    __slots__ = ("_ends", "_spans", "words")

    def __init__(self, text: str) -> None:
        self._spans, self.words = document_words(text)
        self._ends = [m.start() for m in _SENT_END.finditer(text)]  # where each sentence ends

    def __len__(self) -> int:
        return len(self.words)

    def start(self, i: int) -> int:
        return self._spans[i][0]

    def end(self, i: int) -> int:
        return self._spans[i][1]

    def sent(self, i: int) -> int:
        """The number of token i's sentence."""
        return bisect_left(self._ends, self._spans[i][0])

    def sentence_start(self, i: int) -> int:
        """The index of the first token of token i's sentence."""
        s = self.sent(i)
        if s == 0:
            return 0
        # the first word starting after the end of the sentence before
        return bisect_left(self._spans, (self._ends[s - 1] + 1, -1))


@dataclass(slots=True)
class _Raw:
    """A mention before resolution."""

    tok_start: int
    tok_end: int
    start: int  # char span of the name (after clitics)
    end: int
    surface: str
    cands: Sequence[int]  # shared with the memo of homonyms: replaced, never changed in place
    curated: AbstractSet[int]  # likewise
    kind: Kind
    cue: CueKind
    cue_start: int
    sent: int
    fuzzy: float = 1.0
    weak: bool = False
    region_admin1: tuple[str, str] | None = None
    region_idx: int | None = None
    named: frozenset[int] = frozenset()  # the rows a curated spelling names (a tie between homonyms goes to them)
    k: int = 0  # its position among the mentions of its sentence
    scores: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _WordInfo:
    """What a token can start, whatever its context (memoised per word by ``Geocoder._info``)."""

    arabic: bool
    # clitic readings whose stem begins a known spelling (surface) / a foreign name: (stem, clitic length,
    # clitics, word counts of the phrases it begins), in _clitic_variants order
    exact: tuple[tuple[str, int, str, frozenset[int]], ...]
    exact_lengths: tuple[int, ...]  # all those word counts, longest first
    foreign: tuple[tuple[str, frozenset[int]], ...]
    foreign_lengths: tuple[int, ...]
    fuzzy: tuple[tuple[str, int, str], ...]  # readings that may be fuzzy-matched to a place (see _fuzzy_at)


_FIGURE = _WordInfo(False, (), (), (), (), ())


@lru_cache(maxsize=65536)
def _clitic_variants(word: str) -> list[tuple[str, int, str]]:
    """(stem, clitic length, clitics) for a word: itself first, then without و/ف and ب/ل/ك."""
    out: list[tuple[str, int, str]] = [(word, 0, "")]
    for c1 in ("", "و", "ف"):
        if c1 and not word.startswith(c1):
            continue
        r1 = word[len(c1):]
        for c2 in ("", "ب", "ل", "ك"):
            if (c2 and not r1.startswith(c2)) or not (c1 or c2):
                continue
            r2 = r1[len(c2):]
            n = len(c1) + len(c2)
            if len(r2) >= 2:
                out.append((r2, n, c1 + c2))
            if c2 == "ل" and r2.startswith("ل"):
                out.append(("ا" + r2, n - 1 if n > 1 else n, c1 + c2))
    return out


class Geocoder:
    """Arabic place names → GeoNames places with admin areas and ACLED precision."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.cues = load_cues()
        self.surface: dict[str, list[_Target]] = {}
        for phrase, aliases in gazetteer.aliases.items():
            for a in aliases:
                self.surface.setdefault(phrase, []).append(_Target(a.idx, a.flags, True))
        self.frequent = load_frequent_words()
        for phrase, rows in gazetteer.arabic_index.items():
            if phrase in self.surface or phrase in self.cues.stopwords or all(
                    w in self.frequent for w in phrase.split()):
                # a GeoNames alternate made of ordinary words («مينا», «منطقة شمال», «بوابة الصحراء»): only a
                # curated spelling counts
                continue
            flags = frozenset({"cue"}) if len(phrase) <= 3 else frozenset()
            self.surface[phrase] = [_Target(i, flags, False) for i in rows]
        self.max_words = max((len(p.split()) for p in self.surface), default=1)
        c = self.cues
        self._cue_words = frozenset(
            w for group in (c.point_weak, c.point_strong, c.region, frozenset(c.near), frozenset(c.direction),
                            c.distance) for phrase in group for w in phrase.split())
        self.common = load_common_words()
        self._common_memo: dict[str, bool] = {}
        self._foreign_words = max((len(p.split()) for p in c.foreign), default=1)
        self._surface_first = self._first_words(self.surface)
        self._foreign_first = self._first_words(c.foreign)
        self._info_memo: dict[str, _WordInfo] = {}
        self._fuzzy_memo: dict[tuple[str, float, bool, bool], list[tuple[int, float]]] = {}
        self._leader_memo: dict[tuple[tuple[int, ...], frozenset[int]], tuple[int, float]] = {}
        self._may_start: dict[str, bool] = {}  # word → may a name (foreign, known or fuzzy) start at it?
        self._homonym_memo: dict[tuple[tuple[int, bool], ...],
                                 tuple[tuple[int, ...], frozenset[int], frozenset[int]]] = {}
        # «وبلدة» → «بلدة»: a region or strong point cue behind و/ف
        self._cue_word = {w: w[1:] for w in (f + x for f in "وف" for x in c.region | c.point_strong) if len(w) > 3}

    @staticmethod
    def _first_words(phrases: Iterable[str]) -> dict[str, frozenset[int]]:
        """First word → numbers of words of the phrases it begins (a phrase joined by single spaces)."""
        out: dict[str, set[int]] = {}
        for p in phrases:
            parts = p.split(" ")
            out.setdefault(parts[0], set()).add(len(parts))
        return {k: frozenset(v) for k, v in out.items()}

    def _info(self, word: str) -> _WordInfo:
        hit = self._info_memo.get(word)
        if hit is not None:
            return hit
        if word.isdigit():  # a figure begins no name (and every figure is a new word: not memoised)
            return _FIGURE
        c = self.cues
        arabic = is_arabic(word)
        variants = _clitic_variants(word)
        exact: list[tuple[str, int, str, frozenset[int]]] = []
        foreign: list[tuple[str, frozenset[int]]] = []
        fuzzy: list[tuple[str, int, str]] = []
        frequent = word in self.frequent
        if arabic:
            if word.endswith("يه") and any(t.curated for t in self.surface.get(word[:-1], ())):
                # «غومبيه» for «غومبي» (Gombe): -يه writes a French final e, like -ي
                variants = [(word[:-1], 0, ""), *variants]
            for stem, clen, clitics in variants:
                if frequent and clen and not any(t.curated for t in self.surface.get(stem, ())):
                    # «كمينا» (an ambush) is no «ك» + «مينا»: a frequent word is split only onto a curated name
                    continue
                if (ns := self._surface_first.get(stem)) is not None:
                    exact.append((stem, clen, clitics, ns))
                if (ns := self._foreign_first.get(stem)) is not None:
                    foreign.append((stem, ns))
            if word not in c.stopwords and not frequent and not any(len(stem) >= 3 and self.is_common(stem)
                                                   for stem, _n, _c in variants):
                fuzzy = [(stem, clen, clitics) for stem, clen, clitics in variants
                         if not (len(stem) < 4 or stem.startswith("ال") or stem in c.stopwords
                                 or stem.endswith(_PRONOUN_ENDINGS))]
        hit = _WordInfo(arabic, tuple(exact), tuple(sorted({n for *_x, ns in exact for n in ns}, reverse=True)),
                        tuple(foreign), tuple(sorted({n for _s, ns in foreign for n in ns}, reverse=True)),
                        tuple(fuzzy))
        if len(self._info_memo) < 200_000:
            self._info_memo[word] = hit
        return hit

    @classmethod
    def default(cls) -> Geocoder:
        return _default_geocoder()

    # ================================================================== public API
    def find(self, text: str) -> list[PlaceMention]:
        """Place mentions in a normalised document, non-overlapping, in order; the document is the context."""
        tokens = self._tokens(text)
        raws, foreign = self._scan(text, tokens)
        for prev, r in pairwise(raws):
            # «عند تقاطع بوني-دوينتزا»: a place on the way between two towns, as «بين بوني ودوينتزا»
            if prev.sent == r.sent and prev.kind == r.kind == "place" and prev.cue in ("", "point_weak",
                    "point_strong") and text[prev.end:r.start].strip() in ("-", "–", "/"):
                prev.cue = "between"
        ctx = self._context(raws, tokens)
        # what each mention is compared with is its own sentence (and the document's context, computed once):
        # the work stays linear in the number of mentions
        by_sent: dict[int, list[_Raw]] = {}
        regions: dict[int, Counter[str]] = {}  # per sentence, how often each region is named in it
        for r in raws:
            same = by_sent.setdefault(r.sent, [])
            r.k = len(same)
            same.append(r)
            if r.region_admin1:
                regions.setdefault(r.sent, Counter())[r.region_admin1[1]] += 1
        g = self.gaz
        named = {g.cc[x.cands[0]] for x in raws if x.cands and (x.kind == "country" or (x.curated and x.fuzzy >= 1.0))}
        out: list[PlaceMention] = []
        chosen: dict[tuple[object, ...], int] = {}
        for r in raws:
            same = by_sent[r.sent]
            if r.fuzzy < 1.0 and r.sent in foreign and not any(
                    x.fuzzy >= 1.0 and x.kind != "country" for x in same):
                continue  # «في مبيرا ... في موريتانيا»: an unknown name in a sentence about another country
            m = self._resolve(r, same, ctx, named, regions.get(r.sent, Counter()), chosen)
            if m is not None:
                out.append(m)
        return out

    def lookup(self, name: str, context: GeoContext | None = None) -> Place | None:
        """One name, Arabic (clitics allowed) or Latin, resolved with an optional context."""
        ctx = context or GeoContext()
        cands: list[int] = []
        curated: set[int] = set()
        region = False
        if is_arabic(name):
            words = fold(name).split()
            if not words:
                return None
            for stem, _n, _c in _clitic_variants(words[0]):
                targets = self.surface.get(" ".join([stem, *words[1:]]))
                if targets:
                    for t in targets:
                        idx = t.idx
                        if self.gaz.fcode[idx] in ("ADM1", "ADM2", "PCLI"):
                            region = True
                        cands.extend(self.gaz.homonyms(idx))
                        curated.add(idx)
                    break
            if not cands:
                cands = [i for i, _s in self._fuzzy(" ".join(words), 0.8, allow_admin=True)]
        else:
            cands = self.gaz.latin_lookup(name)
            if not cands:
                cands = [i for i, _s in self._fuzzy(name, 0.85, allow_admin=True)]
        if not cands:
            return None
        best = max(dict.fromkeys(cands), key=lambda i: self._score(i, curated, ctx, None))
        if region or self.gaz.fclass[best] == "A":
            code = self.gaz.fcode[best]
            seat = self.gaz.region_place(best)
            admin1 = self.gaz.admin1[best] if code == "ADM1" else None
            return self.gaz.place(seat, 3, admin1=admin1)
        return self.gaz.place(best, 1)

    # ================================================================== scanning
    def _tokens(self, text: str) -> _Tokens:
        return _Tokens(text)

    def _joined(self, text: str, toks: _Tokens, i: int, n: int) -> bool:
        return all(_JOIN.fullmatch(text[toks.end(k):toks.start(k + 1)]) for k in range(i, i + n - 1))

    def _foreign_at(self, text: str, toks: _Tokens, i: int) -> int:
        """Number of tokens of a country (or town) outside the Sahel three starting at token i, or 0."""
        info = self._info(toks.words[i])
        if not info.foreign:  # no reading of the word begins a foreign name
            return 0
        limit = min(self._foreign_words, len(toks) - i)
        for n in info.foreign_lengths:
            if n > limit:
                continue
            if n > 1 and not self._joined(text, toks, i, n):
                continue
            rest = toks.words[i + 1:i + n]
            for stem, ns in info.foreign:
                if n in ns and " ".join([stem, *rest]) in self.cues.foreign:
                    return n
        return 0

    def _scan(self, text: str, toks: _Tokens) -> tuple[list[_Raw], set[int]]:
        """Raw mentions, and the sentences that name a country outside Mali/Burkina Faso/Niger."""
        raws: list[_Raw] = []
        foreign: set[int] = set()
        i = 0
        info = self._info
        may_start = self._may_start
        if len(may_start) > 200_000:  # a cache: forget it rather than grow without bound
            may_start.clear()
        n_toks = len(toks)
        words = toks.words
        while i < n_toks:
            word = words[i]
            starts = may_start.get(word)
            if starts is None:
                word_info = info(word)
                starts = may_start[word] = bool(word_info.foreign or word_info.exact or word_info.fuzzy)
            if not starts:
                i += 1  # neither a foreign name, a known spelling nor a possible fuzzy name can start here
                continue
            n = self._foreign_at(text, toks, i)
            if n:
                foreign.add(toks.sent(i))
                i += n
                continue
            r = self._exact_at(text, toks, i) or self._fuzzy_at(text, toks, i, raws[-1] if raws else None)
            if r is None:
                i += 1
                continue
            raws.append(r)
            i = r.tok_end
        return raws, foreign

    def _cue_before(self, toks: _Tokens, i: int, clitics: str) -> tuple[CueKind, int]:
        """The cue kind that precedes token i (same sentence) and the char offset where it starts."""
        c = self.cues
        cue_word = self._cue_word
        # the up to seven words before token i in its sentence, nearest first («وبلدة» read as «بلدة»)
        before: list[str] = []
        words = toks.words
        for k in range(i - 1, max(toks.sentence_start(i), i - 7) - 1, -1):
            word = words[k]
            before.append(cue_word.get(word, word) if len(word) > 3 and word[0] in "وف" else word)
        p1 = before[0] if before else None
        # distance: «على بعد 20 كلم من غاو», «20 كيلومترا شمال غاو»
        m, seen_dist = 0, False
        while m < len(before):
            word = before[m]
            if word in c.distance or word.isdigit():
                seen_dist = True
            elif word not in _DIST_GLUE and word not in c.direction:
                break
            m += 1
        if seen_dist and p1 is not None and (p1 == "من" or p1 in c.direction):
            return "distance", toks.start(i - m)
        for n in (3, 2, 1):
            if n > len(before):
                continue
            phrase = " ".join(before[n - 1::-1])
            if phrase in c.near:
                return "near", toks.start(i - n)
            if phrase in c.direction and c.direction[phrase] != "centre":
                return "direction", toks.start(i - n)
        if p1 is None:
            return ("point_weak", toks.start(i)) if "ب" in clitics else ("", toks.start(i))
        if p1 in ("بين", "وبين"):
            return "between", toks.start(i - 1)
        if p1 in c.region:
            return "region", toks.start(i - 1)
        if p1 in c.point_strong:
            if i >= 1:  # «قرب مدينة غاو», «بين بلدتي ...»: the cue before the noun decides
                outer, outer_start = self._cue_before(toks, i - 1, "")
                if outer in _NEAR_KINDS:
                    return outer, outer_start
            return "point_strong", toks.start(i)
        if p1 in c.point_weak or "ب" in clitics or (p1 in c.direction and c.direction[p1] == "centre"):
            return "point_weak", toks.start(i)
        return "", toks.start(i)

    def _exact_at(self, text: str, toks: _Tokens, i: int) -> _Raw | None:
        info = self._info(toks.words[i])
        if not info.exact:  # no reading of the word begins a known spelling
            return None
        limit = min(self.max_words, len(toks) - i)
        for n in info.exact_lengths:
            if n > limit:
                continue
            if n > 1 and not self._joined(text, toks, i, n):
                continue
            rest = toks.words[i + 1:i + n]
            for stem, clen, clitics, ns in info.exact:
                if n not in ns:
                    continue
                targets = self.surface.get(" ".join([stem, *rest]))
                if targets:
                    r = self._make_raw(text, toks, i, n, clen, clitics, targets)
                    if r is not None:
                        return r
        return None

    def _make_raw(self, text: str, toks: _Tokens, i: int, n: int, clen: int, clitics: str,
                  targets: list[_Target]) -> _Raw | None:
        g, c = self.gaz, self.cues
        cue, cue_start = self._cue_before(toks, i, clitics)
        prev = toks.words[i - 1] if i > 0 and toks.sent(i - 1) == toks.sent(i) else ""
        start, end = toks.start(i) + clen, toks.end(i + n - 1)
        surface = text[start:end]
        countries = [t for t in targets if g.fcode[t.idx] == "PCLI"]
        if countries:
            cc = g.cc[countries[0].idx]
            if (cc == "ML" and prev in c.not_country_before) or (cc == "NE" and prev in c.not_niger_before):
                return None
            seat = g.region_place(countries[0].idx)
            return _Raw(i, i + n, start, end, surface, [seat], {seat}, "country", cue, cue_start, toks.sent(i))
        usable: list[_Target] = []
        for t in targets:
            if "region" in t.flags and cue != "region":
                continue
            weak_only = cue == "point_weak" and prev in _NOT_CUE_FOR_SHORT and "ب" not in clitics
            if "cue" in t.flags and (cue == "" or weak_only):
                continue
            usable.append(t)
        if not usable:
            return None
        cands, curated, named = self._homonyms_of(usable)
        r = _Raw(i, i + n, start, end, surface, cands, curated, "place", cue, cue_start, toks.sent(i))
        r.named = named
        r.region_admin1, r.region_idx = self._region_of(usable) if cue == "region" else (None, None)
        if r.region_idx is not None:
            r.kind = "region"
        if any("ctx" in t.flags for t in usable):
            r.curated = r.curated | {-1}  # marker: needs the country named in the document
        return r

    def _homonyms_of(self, usable: list[_Target]) -> tuple[tuple[int, ...], frozenset[int], frozenset[int]]:
        """The rows the targets may stand for (each with its homonyms), those a curated spelling may stand for
        (the table names the place, not one homonym: context picks among them), and the rows the curated
        spellings name themselves; memoised by the targets."""
        key = tuple((t.idx, t.curated) for t in usable)
        hit = self._homonym_memo.get(key)
        if hit is None:
            cands: list[int] = []
            curated: set[int] = set()
            for t in usable:
                hom = self.gaz.homonyms(t.idx)
                cands.extend(hom)
                if t.curated:
                    curated.update(hom)
            hit = (tuple(dict.fromkeys(cands)), frozenset(curated), frozenset(t.idx for t in usable if t.curated))
            if len(self._homonym_memo) >= 50_000:
                self._homonym_memo.clear()
            self._homonym_memo[key] = hit
        return hit

    def _region_of(self, targets: list[_Target]) -> tuple[tuple[str, str] | None, int | None]:
        """After a region word: the admin area a name stands for (explicit ADM row or a region's namesake capital)."""
        g = self.gaz
        for t in targets:
            if g.fcode[t.idx] in ("ADM1", "ADM2"):
                return (g.cc[t.idx], g.admin1[t.idx]), t.idx
        for t in targets:  # a curated state name («ولاية بلاتو») kept at its capital: the state itself
            key = (g.cc[t.idx], g.admin1[t.idx])
            if "region" in t.flags and key in g.adm1_row:
                return key, g.adm1_row[key]
        for t in targets:
            for i in g.homonyms(t.idx):
                key = (g.cc[i], g.admin1[i])
                if g.capital_of_admin1.get(key) == i and key in g.adm1_row:
                    a1 = latin_fine(g.admin1[i])
                    if any(fuzz.ratio(a1, latin_fine(n)) >= 75 for n in g.latin_names(i)[:6]):
                        return key, g.adm1_row[key]
        return None, None

    # ------------------------------------------------------------------ fuzzy
    def is_common(self, word: str) -> bool:
        """An ordinary Arabic word (listed, a listed word plus a suffix, or Arabic noun morphology)."""
        hit = self._common_memo.get(word)
        if hit is None:
            hit = word in self.common or any(
                word.endswith(suf) and len(word) - len(suf) >= 3 and word[:-len(suf)] in self.common
                for suf in _SUFFIXES) or _arabic_morphology(word)
            if len(self._common_memo) < 100_000:
                self._common_memo[word] = hit
        return hit

    def _fuzzy(self, phrase: str, threshold: float, *, allow_admin: bool = False,
               allow_features: bool = False) -> list[tuple[int, float]]:
        """Gazetteer rows whose Latin names are close to ``phrase``, best first (memoised: a name recurs)."""
        key = (phrase, threshold, allow_admin, allow_features)
        hit = self._fuzzy_memo.get(key)
        if hit is None:
            hit = self._fuzzy_rows(phrase, threshold, allow_admin=allow_admin, allow_features=allow_features)
            if len(self._fuzzy_memo) >= 50_000:  # a cache: forget it rather than grow without bound
                self._fuzzy_memo.clear()
            self._fuzzy_memo[key] = hit
        return list(hit)

    def _fuzzy_rows(self, phrase: str, threshold: float, *, allow_admin: bool,
                    allow_features: bool) -> list[tuple[int, float]]:
        g = self.gaz
        fine = arabic_fine(phrase) if is_arabic(phrase) else latin_fine(phrase)
        key = "".join(ch for ch in fine if ch.isupper())
        if len(key) < 3:
            return []
        rows = list(g.key_index.get(key, ()))
        nasal = len(denasal_key(key)) >= 4
        if nasal:
            rows.extend(g.nasal_lookup(key))
        if not rows and len(key) >= 5:
            for k in range(len(key)):
                rows.extend(g.key_index.get(key[:k] + key[k + 1:], ()))
        dfine = denasal_key(fine)
        out: list[tuple[int, float]] = []
        for i in dict.fromkeys(rows):
            fc = g.fclass[i]
            if fc != "P" and not (allow_admin and fc == "A") and not (allow_features and fc in ("T", "S", "H")):
                continue
            names = g.latin_names(i)[:8]
            best = max((fuzz.ratio(fine, latin_fine(n)) for n in names), default=0.0) / 100
            if nasal:
                best = max(best, max((fuzz.ratio(dfine, denasal_key(latin_fine(n))) for n in names),
                                     default=0.0) / 100 - 0.03)
            if best >= threshold:
                out.append((i, best))
        out.sort(key=lambda x: -x[1])
        return out

    def _fuzzy_at(self, text: str, toks: _Tokens, i: int, prev: _Raw | None) -> _Raw | None:
        c = self.cues
        # readings that can be a name: not a stopword, no reading an ordinary word («هجومين», «وغرب», «فندقي»),
        # a stem of four letters or more, without the article, not a stopword, without a pronoun ending
        for stem, clen, clitics in self._info(toks.words[i]).fuzzy:
            cue, cue_start = self._cue_before(toks, i, clitics)
            after_and = clitics.startswith("و") or (i > 0 and toks.words[i - 1] == "و")
            if after_and and prev is not None and prev.sent == toks.sent(i) and i - prev.tok_end <= 1:
                # «في نانتاكا وكوباكا»: a coordinated name shares the cue of the one before
                cue = "point_strong" if prev.cue in ("point_strong", "region", "near", "between") else "point_weak"
                clitics = "ب" if cue == "point_weak" else clitics
            if cue == "" or (cue == "point_weak" and clitics and not after_and):
                continue
            if cue == "direction" and not (i > 0 and toks.words[i - 1] in c.point_strong):
                continue  # «جنوب X»: only a known name, or «جنوب مدينة X», is a place after a compass word
            strong = cue in ("point_strong", "region", "near", "direction", "distance", "between")
            if not strong and stem.endswith("ه"):  # after «في», a word in ة is nearly always a common noun
                continue
            for n in (2, 1):
                if i + n > len(toks) or (n > 1 and not self._joined(text, toks, i, n)):
                    continue
                rest = toks.words[i + 1:i + n]
                if any(w in c.stopwords or w in self._cue_words or w.startswith(("ال", "وال")) or not is_arabic(w)
                       or self.is_common(w) for w in rest):
                    continue
                phrase = " ".join([stem, *rest])
                hits = self._fuzzy(phrase, 0.8 if strong else 0.86,
                                   allow_features=cue in ("point_strong", "region", "distance"))
                if hits:
                    start, end = toks.start(i) + clen, toks.end(i + n - 1)
                    top = hits[0][1]
                    cands = [h for h, s in hits if s >= top - 0.05]
                    return _Raw(i, i + n, start, end, text[start:end], cands, set(), "place", cue, cue_start,
                                toks.sent(i), fuzzy=top, weak=not strong)
        return None

    # ================================================================== context and resolution
    def _context(self, raws: list[_Raw], toks: _Tokens) -> GeoContext:
        g, c = self.gaz, self.cues
        countries: Counter[str] = Counter()
        anchors: list[tuple[float, float]] = []
        place_admin1: set[str] = set()
        for r in raws:
            if r.kind == "country":
                countries[g.cc[r.cands[0]]] += 2
            elif r.kind == "region" and r.region_admin1 and -1 not in r.curated:
                countries[r.region_admin1[0]] += 1
            if r.kind == "place" and r.cands and r.fuzzy >= 0.99 and -1 not in r.curated:
                top, gap = self._leader(r.cands, r.curated)
                if gap >= 1.0 and len(anchors) < _MAX_ANCHORS:
                    anchors.append((g.lat[top], g.lon[top]))
                    place_admin1.add(g.admin1[top])
                    countries[g.cc[top]] += 1
        main = countries.most_common(1)[0][0] if countries else None
        admin1 = {r.region_admin1[1] for r in raws if r.kind == "region" and r.region_admin1
                  and (-1 not in r.curated or r.region_admin1[0] == main)}
        hinted: set[str] = set()
        words = toks.words
        for k, word in enumerate(words):
            d = c.direction.get(word) or c.direction.get(word[1:] if word[:1] in "وفب" else "")
            if d is None or k + 1 >= len(words):
                continue
            nxt = words[k + 1]
            if nxt in c.direction and k + 2 < len(words):  # «شمال شرق مالي»
                d = c.direction.get(f"{word} {nxt}", d)
                nxt = words[k + 2]
            cc = None
            for stem, _n, _cl in _clitic_variants(nxt):
                for tg in self.surface.get(stem, []):
                    if g.fcode[tg.idx] == "PCLI":
                        cc = g.cc[tg.idx]
            if cc is None and nxt in c.this_country:
                cc = main
            if cc is not None:
                hinted |= c.country_parts.get(COUNTRY_NAMES[cc], {}).get(d, frozenset())
        return GeoContext(frozenset(COUNTRY_NAMES[k] for k in countries), frozenset(admin1),
                          tuple(dict.fromkeys(anchors)),
                          frozenset(hinted), COUNTRY_NAMES[main] if main else None, frozenset(place_admin1))

    def _leader(self, cands: Sequence[int], curated: AbstractSet[int]) -> tuple[int, float]:
        """The most important of a name's rows (a curated one counts one more) and its lead over the next
        (memoised: gazetteer facts)."""
        key = (tuple(cands), frozenset(curated))
        hit = self._leader_memo.get(key)
        if hit is None:
            g = self.gaz
            ranked = sorted(cands, key=lambda i: -g.importance(i) - (1.0 if i in curated else 0.0))
            gap = (g.importance(ranked[0]) + (1.0 if ranked[0] in curated else 0.0)) - (
                g.importance(ranked[1]) + (1.0 if ranked[1] in curated else 0.0) if len(ranked) > 1 else 0.0)
            if len(self._leader_memo) >= 50_000:
                self._leader_memo.clear()
            hit = self._leader_memo[key] = (ranked[0], gap)
        return hit

    def _score(self, i: int, curated: AbstractSet[int], ctx: GeoContext, sent_admin1: set[str] | None) -> float:
        g = self.gaz
        s = g.importance(i) + (1.0 if i in curated else 0.0)
        a1 = g.admin1[i]
        if a1 in ctx.admin1:
            s += 3.0
        elif a1 in ctx.hinted_admin1:
            s += 1.5
        if sent_admin1 and a1 in sent_admin1:
            s += 1.0
        country = COUNTRY_NAMES.get(g.cc[i], "")
        if ctx.countries:
            s += 1.0 if country in ctx.countries else -3.0
        if ctx.anchors:
            s += max(1.5 * math.exp(-km(g.lat[i], g.lon[i], la, lo) / 75.0) for la, lo in ctx.anchors)
        return s

    def _resolve(self, r: _Raw, raws: list[_Raw], ctx: GeoContext, named: set[str], regions: Counter[str],
                 chosen: dict[tuple[object, ...], int]) -> PlaceMention | None:
        """``raws``: the mentions of r's sentence (r is ``raws[r.k]``); ``named``: the countries the document
        names by name or by a curated town; ``regions``: how often each region is named in r's sentence."""
        g = self.gaz
        if -1 in r.curated and not any(COUNTRY_NAMES.get(g.cc[i]) == ctx.main_country for i in r.cands):
            return None
        start = r.cue_start if r.cue in (*_NEAR_KINDS, "region") and r.kind != "country" else r.start
        if r.kind == "country":
            i = r.cands[0]
            return PlaceMention(start, r.end, r.surface, "country", g.place(i, 3), 0.9, r.cue)
        if r.kind == "region" and r.region_idx is not None:
            seat = g.region_place(r.region_idx)
            admin1 = r.region_admin1[1] if r.region_admin1 and g.fcode[r.region_idx] == "ADM1" else None
            return PlaceMention(start, r.end, r.surface, "region", g.place(seat, 3, admin1=admin1), 0.9, "region")
        own_region = r.region_admin1[1] if r.region_admin1 else None
        sent_admin1 = {a for a, n in regions.items() if n > (1 if a == own_region else 0)}
        bound = next((x.region_admin1[1] for x in raws[r.k + 1:r.k + 4] if x.region_admin1
                      and 0 <= x.tok_start - r.tok_end <= 3), None)  # «X في منطقة Y»
        told = tuple(r.cands)  # every row the name may stand for: none of them anchors its own choice
        if (r.fuzzy < 1.0 or not r.curated) and (named or ctx.countries):
            # a look-alike or an uncurated GeoNames name lies in a country the document names (by its name or a
            # curated town), never hundreds of kilometres away in another («بورنو» in a report on Nigeria is not
            # Borno in Mali; «أديا», a verb, is not Edéa in Cameroon in a report on Mali)
            allowed = {COUNTRY_NAMES.get(c) for c in named} or ctx.countries
            r.cands = [i for i in r.cands if COUNTRY_NAMES.get(g.cc[i]) in allowed]
            if not r.cands:
                return None
        if r.fuzzy < 1.0:  # an unknown spelling: only inside (or next to) the regions the document names
            r.cands = self._in_named_regions(r.cands, bound, ctx.admin1 | sent_admin1 | ctx.place_admin1,
                                             ctx.hinted_admin1)
            if not r.cands:
                return None
        if r.weak:  # a fuzzy match after «في»: only a known town or a place in a region the document names
            known = ctx.admin1 | ctx.hinted_admin1 | sent_admin1
            r.cands = [i for i in r.cands if g.importance(i) >= 2.0 or g.admin1[i] in known]
            if not r.cands:
                return None
        best = self._choose(r, told, ctx, sent_admin1, bound, chosen)
        if g.fclass[best] == "A":
            seat = g.region_place(best)
            admin1 = g.admin1[best] if g.fcode[best] == "ADM1" else None
            return PlaceMention(start, r.end, r.surface, "region", g.place(seat, 3, admin1=admin1), 0.7, r.cue)
        precision = 2 if r.cue in _NEAR_KINDS else 1
        if r.cue in ("", "point_weak") and self._second_of_between(r, raws):
            precision = 2
        score = max(0.3, min(1.0, r.fuzzy if r.fuzzy < 1.0 else (0.95 if r.curated else 0.85)))
        admin1 = self._reported_region(best, r, raws, bound)
        return PlaceMention(start, r.end, r.surface, "place", g.place(best, precision, admin1=admin1), score, r.cue)

    def _choose(self, r: _Raw, told: tuple[int, ...], ctx: GeoContext, sent_admin1: set[str], bound: str | None,
                chosen: dict[tuple[object, ...], int]) -> int:
        """The best of r's candidates in the document's context (``chosen``: the document's earlier choices, by
        everything the choice depends on — a name told again in the same setting is not scored again)."""
        g = self.gaz
        key = (tuple(r.cands), told, frozenset(r.curated), r.named, frozenset(sent_admin1), bound)
        best = chosen.get(key)
        if best is None:
            # anchors other than this mention itself
            own = {(g.lat[i], g.lon[i]) for i in told}
            local = GeoContext(ctx.countries, ctx.admin1, tuple(a for a in ctx.anchors if a not in own),
                               ctx.hinted_admin1, ctx.main_country, ctx.place_admin1)
            best = chosen[key] = max(r.cands, key=lambda i: (self._score(i, r.curated, local, sent_admin1)
                                                             + (4.0 if g.admin1[i] == bound else 0.0)
                                                             + (_NAMED_TIE if i in r.named else 0.0), -g.gid[i]))
        return best

    def _reported_region(self, best: int, r: _Raw, raws: list[_Raw], bound: str | None) -> str | None:
        """«قرية X في منطقة ميناكا», «X على بعد 160 كيلومترا شرقي ميناكا»: the region the report puts the
        town in, when GeoNames still gives the region Mali's 2016 reform carved it out of; else None."""
        g = self.gaz
        named = bound or next((g.admin1[x.cands[0]] for x in raws[r.k + 1:r.k + 1 + _REFERENCE_REACH]
                               if x.cue == "distance" and 0 <= x.tok_start - r.tok_end <= _REFERENCE_REACH
                               and x.cands and x.fuzzy >= 1.0), None)
        return named if named and self.cues.split_regions.get(named) == g.admin1[best] else None

    def _in_named_regions(self, cands: Sequence[int], bound: str | None, named: frozenset[str] | set[str],
                          hinted: frozenset[str]) -> Sequence[int]:
        """Fuzzy candidates kept: in the region the phrase names («X في منطقة Y»: within BOUND_KM of it);
        else within NAMED_KM of a region (or a known town's region) the document names; else of a region
        a compass phrase («شمال مالي») hints at; all when the document names no region at all."""
        g = self.gaz
        if bound is not None:
            return [i for i in cands if g.km_to_admin1(i, bound) <= BOUND_KM]
        for regions in (named, hinted):
            kept = [i for i in cands if any(g.km_to_admin1(i, a) <= NAMED_KM for a in regions)]
            if kept:
                return kept
        return [] if named or hinted else cands

    @staticmethod
    def _second_of_between(r: _Raw, raws: list[_Raw]) -> bool:
        if r.k == 0:
            return False
        prev = raws[r.k - 1]
        return prev.cue == "between" and prev.sent == r.sent and r.tok_start - prev.tok_end <= 2


@cache
def _default_geocoder() -> Geocoder:
    return Geocoder(Gazetteer.default())


def latin_name_key(name: str) -> str:
    """Folded Latin form of a name (exposed for callers comparing GeoNames names)."""
    return latin_fold(name)


__all__ = ["COUNTRY_CODES", "GeoContext", "Geocoder", "PlaceMention", "arabic_key"]

"""Casualty figures in Arabic news text: killed, injured, captured, missing, and who the victims were.

Works on NORMALISED text (:func:`marsad.text.normalise.fold`); every offset is into that string.
Vocabulary: ``data/ar/casualties.yaml``. The stage reads, in text order:

* a trigger followed by its count: «مقتل 12 جنديا», «قتل ثلاثة جنود», «إصابة 5 آخرين بجروح»,
  «أسر 3 جنود», «تحييد 15 إرهابيا», «أودى بحياة 20 شخصا», «لقي 20 شخصا حتفهم», with a subject
  skipped when a figure follows it («قتل مسلحون ثلاثة مدنيين»);
* a verb after its count (lookback): «أربعة مسلحين قُتلوا», «جنديين من جيش مالي قتلا»;
* result nouns: «سقوط 7 قتلى و10 جرحى», «خلف 16 قتيلا», «قتيلين», «سقط جندي قتيلا»;
* toll phrases: «ارتفعت حصيلة القتلى إلى 30»;
* deaths without a figure: «خسائر فادحة في الأرواح», «سقوط قتلى» → count None.

Counts: a figure (see :mod:`marsad.extract.numbers`), else a dual noun 2 («جنديين»), a singular
noun 1 («مقتل جندي»), «أحد الجنود» 1, «وإصابة ثالث» 1, a plural noun or «عدد من» None.
«مقتل وإصابة 20 شخصا» and «مقتل أو اعتقال 20» give both kinds with count None (the split is unknown).
A breakdown after «بينهم/من بينهم/منهم» is returned with ``subcount=True``: those victims are already
inside the preceding total and must not be added to it. «آخرين» takes the class of the victims named
just before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, cast

import yaml

from marsad.extract.numbers import NumberMention, Token, find_numbers, strip_clitics, tokenize
from marsad.text.lexicon import PhraseMatcher
from marsad.text.normalise import fold

Kind = Literal["killed", "injured", "captured", "missing"]
Victim = Literal["military", "civilian", "attacker", "unknown"]
_Form = Literal["sg", "pl", "du"]
_KINDS: tuple[Kind, ...] = ("killed", "injured", "captured", "missing")
_VICTIMS: tuple[Victim, ...] = ("military", "civilian", "attacker", "unknown")
_QUOTES = frozenset("«»\"'“”‘’()[]")
_HARD_STOPS = frozenset(".!؟?؛;")
_POSSESSIVE = ("هم", "ها", "نا", "ه")
_LETTERS = re.compile(r"[\u0621-\u064Aa-z]+")  # the word tokens of marsad.extract.numbers.tokenize


@dataclass(frozen=True, slots=True)
class Casualty:
    kind: Kind
    count: int | None
    start: int
    end: int
    number: NumberMention | None
    victim: Victim
    victim_start: int | None
    victim_end: int | None
    subcount: bool = False  # part of a breakdown («بينهم ...») of the casualty before it: do not add
    joined: bool = False  # another group listed with the one before it («خمسة جنود وثلاثة دركيين»): add


# ---------------------------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class _Noun:
    cls: str  # a Victim, or "other" («آخرين»)
    form: _Form
    result: Kind | None
    generic: bool


@dataclass(frozen=True, slots=True)
class _Trigger:
    kind: Kind | None  # None: neutral, the kind comes from a result noun
    lookback: bool = False
    victim: Victim | None = None
    needs: tuple[str, ...] = ()
    bare: bool = False
    toll: bool = False
    strict: bool = False


@dataclass(frozen=True, slots=True)
class _WordNoun:
    """What a word can be as a noun, whatever its context (memoised per word)."""

    two: tuple[tuple[int, str], ...]  # (proclitic length, stem) readings that may begin a two-word noun
    one: tuple[_Noun, int, int] | None  # the one-word reading, as _noun_at returns it
    may_result: bool  # the word may begin a result noun («قتلى», «جرحى»)


@dataclass(frozen=True, slots=True)
class CasualtyLexicon:
    nouns: dict[str, _Noun]  # folded word or two-word phrase
    groups: dict[str, Victim]  # stems without the article
    need_figure: frozenset[str]
    ordinal_one_more: frozenset[str]
    one_of: frozenset[str]
    unspecified: frozenset[str]
    subcount_markers: tuple[tuple[str, ...], ...]
    ranks_markers: tuple[tuple[str, ...], ...]
    fillers: frozenset[str]
    negations: frozenset[str]
    adjunct_prepositions: frozenset[str]
    directions: frozenset[str]
    relatives: frozenset[str]
    injury_tails: tuple[tuple[str, ...], ...]
    count_followers: frozenset[str]
    triggers: PhraseMatcher[int]
    trigger_info: tuple[_Trigger, ...]
    two_first: frozenset[str] = frozenset()  # first words of the two-word nouns
    two_first_result: frozenset[str] = frozenset()  # ... of the two-word result nouns
    memo: dict[str, _WordNoun] = field(default_factory=dict, compare=False)  # per word, see _word_noun


def _f(word: Any) -> str:
    return " ".join(fold(str(word)).split())


def _phrases(items: list[Any]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(_f(p).split()) for p in items}, key=lambda t: -len(t)))


def _noun_forms(lex: dict[str, _Noun], raw: dict[str, list[Any]], cls: str, result: Kind | None,
                generic: frozenset[str], plurals: frozenset[str]) -> None:
    for p in raw.get("plural", []):
        w = _f(p)
        lex.setdefault(w, _Noun(cls, "pl", result, w in generic))
        if " " not in w and w.endswith(("ين", "ون")) and len(w) > 4:  # construct state: «مقاتلي العدو»
            lex.setdefault(w[:-1], _Noun(cls, "pl", result, w in generic))
    for s in raw.get("singular", []):
        w = _f(s)
        lex.setdefault(w, _Noun(cls, "sg", result, w in generic))
        if " " in w:
            continue
        if not w.endswith(("ه", "ا")):
            lex.setdefault(w + "ا", _Noun(cls, "sg", result, w in generic))
        stem = w[:-1] + "ت" if w.endswith("ه") else w
        for dual in (stem + "ين", stem + "ان"):
            if dual not in plurals:
                lex.setdefault(dual, _Noun(cls, "du", result, w in generic))


@lru_cache(maxsize=1)
def lexicon() -> CasualtyLexicon:
    raw = yaml.safe_load(resources.files("marsad").joinpath("data/ar/casualties.yaml").read_text(encoding="utf-8"))
    generic = frozenset(_f(w) for w in raw["generic_heads"])
    plurals = frozenset(
        _f(p)
        for table in (*raw["victims"].values(), *raw["results"].values())
        for p in table.get("plural", [])
    )
    nouns: dict[str, _Noun] = {}
    for kind, table in raw["results"].items():  # result nouns first: they win over victim nouns
        _noun_forms(nouns, table, "unknown", cast(Kind, kind), generic, plurals)
    for cls, table in raw["victims"].items():
        _noun_forms(nouns, table, cls, None, generic, plurals)
    for form_name, form in (("singular", "sg"), ("dual", "du"), ("plural", "pl")):
        for w in raw["others"][form_name]:
            nouns.setdefault(_f(w), _Noun("other", cast(_Form, form), None, False))
    groups: dict[str, Victim] = {}
    for cls, words in raw["groups"].items():
        for w in words:
            g = _f(w)
            groups.setdefault(g[2:] if g.startswith("ال") else g, cast(Victim, cls))
    entries: list[tuple[str, int]] = []
    infos: list[_Trigger] = []
    for n, t in enumerate(raw["triggers"]):
        infos.append(
            _Trigger(
                kind=None if t["kind"] == "neutral" else cast(Kind, t["kind"]),
                lookback=bool(t.get("lookback", False)),
                victim=cast(Victim | None, t.get("victim")),
                needs=tuple(_f(w) for w in t.get("needs", [])),
                bare=bool(t.get("bare", False)),
                toll=bool(t.get("toll", False)),
                strict=bool(t.get("strict", False)),
            )
        )
        entries.extend((str(p), n) for p in t["phrases"])
    return CasualtyLexicon(
        nouns=nouns,
        groups=groups,
        need_figure=frozenset(_f(w) for w in raw["results_need_figure"]),
        ordinal_one_more=frozenset(_f(w) for w in raw["ordinal_one_more"]),
        one_of=frozenset(_f(w) for w in raw["one_of"]),
        unspecified=frozenset(_f(w) for w in raw["unspecified"]),
        subcount_markers=_phrases(raw["subcount_markers"]),
        ranks_markers=_phrases(raw["ranks_markers"]),
        fillers=frozenset(_f(w) for w in raw["fillers"]),
        negations=frozenset(_f(w) for w in raw["negations"]),
        adjunct_prepositions=frozenset(_f(w) for w in raw["adjunct_prepositions"]),
        directions=frozenset(_f(w) for w in raw["directions"]),
        relatives=frozenset(_f(w) for w in raw["relatives"]),
        injury_tails=_phrases(raw["injury_tails"]),
        count_followers=frozenset(_f(w) for w in raw["count_followers"]),
        triggers=PhraseMatcher(entries),
        trigger_info=tuple(infos),
        two_first=frozenset(k.split(" ")[0] for k in nouns if " " in k),
        two_first_result=frozenset(k.split(" ")[0] for k, v in nouns.items() if " " in k and v.result is not None),
    )


# ---------------------------------------------------------------------------------------------- context


@dataclass(slots=True)
class _Phrase:
    first: int  # token indices, inclusive
    last: int
    count: int | None
    number: NumberMention | None
    victim: str
    vspan: tuple[int, int] | None
    result: Kind | None
    form: _Form | None  # of the victim noun, None without a noun


@dataclass(slots=True)
class _Occ:
    first: int
    last: int
    info: _Trigger


@dataclass(slots=True)
class _Ctx:
    text: str
    lex: CasualtyLexicon
    toks: list[Token]
    barrier_before: list[bool]  # a sentence boundary right before token i
    num_at: dict[int, tuple[NumberMention, int]]  # first token -> (mention, last token)
    num_end: dict[int, int]  # last token -> first token
    trig_at: dict[int, _Occ]
    in_trigger: set[int]
    consumed: list[bool]
    out: list[Casualty] = field(default_factory=list)

    def word(self, i: int) -> str | None:
        return self.toks[i].text if 0 <= i < len(self.toks) and self.toks[i].kind == "word" else None

    def usable(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and not self.consumed[i]


def _build(text: str, start: int, stop: int) -> _Ctx | None:
    """The context of a window, or None when the window has no anchor (no trigger, no result noun)."""
    lex = lexicon()
    hits = list(lex.triggers.finditer(text, start, stop))
    # the words of tokenize(): letter runs (numbers and punctuation never begin a result noun)
    if not hits and not any(_word_noun(lex, w).may_result for w in _LETTERS.findall(text, start, stop)):
        return None  # nothing to anchor a casualty on
    raw = tokenize(text, start, stop)
    toks = [t for t in raw if not (t.kind == "punct" and t.text in _QUOTES)]
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]

    def tok_range(s: int, e: int) -> tuple[int, int] | None:
        a = bisect.bisect_left(starts, s)
        b = bisect.bisect_left(ends, e)
        if a >= len(toks) or b >= len(toks) or a > b:
            return None
        return a, b

    trig_at: dict[int, _Occ] = {}
    in_trigger: set[int] = set()
    for hit in hits:
        r = tok_range(hit.start, hit.end)
        if r is None:
            continue
        trig_at[r[0]] = _Occ(r[0], r[1], lex.trigger_info[hit.value])
        in_trigger.update(range(r[0], r[1] + 1))
    if not trig_at and not any(t.kind == "word" and _word_noun(lex, t.text).may_result for t in toks):
        return None  # nothing to anchor a casualty on
    barrier = [False] * len(toks)
    lines = text.find("\n", start, stop) >= 0  # a line break between two tokens is a barrier too
    for i in range(1, len(toks)):
        prev = toks[i - 1]
        if prev.text in _HARD_STOPS or (lines and text.find("\n", prev.end, toks[i].start) >= 0):
            barrier[i] = True
    num_at: dict[int, tuple[NumberMention, int]] = {}
    num_end: dict[int, int] = {}
    for m in find_numbers(text, start, stop):
        r = tok_range(m.start, m.end)
        if r is not None:
            num_at[r[0]] = (m, r[1])
            num_end[r[1]] = r[0]
    return _Ctx(text, lex, toks, barrier, num_at, num_end, trig_at, in_trigger, [False] * len(toks))


# ---------------------------------------------------------------------------------------------- nouns


def _word_noun(lex: CasualtyLexicon, w: str) -> _WordNoun:
    hit = lex.memo.get(w)
    if hit is not None:
        return hit
    nouns = lex.nouns
    splits = [("", w), *strip_clitics(w)]
    two = tuple((len(pre), stem) for pre, stem in splits if stem in lex.two_first)
    one: tuple[_Noun, int, int] | None = None
    for _, stem in splits:
        if (noun := nouns.get(stem)) is not None:
            one = noun, 1, len(w) - len(stem)
            break
    else:
        for _, stem in splits:  # a possessive suffix: «جنوده», «عناصرها», «قادتهم»
            for suffix in _POSSESSIVE:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                    base = stem[: -len(suffix)]
                    noun = nouns.get(base) or (nouns.get(base[:-1] + "ه") if base.endswith("ت") else None)
                    if noun is not None and noun.form == "pl":
                        one = noun, 1, len(w) - len(stem)
                        break
            if one is not None:
                break
    may_result = (one is not None and one[0].result is not None) or any(
        stem in lex.two_first_result for _, stem in two)
    hit = _WordNoun(two, one, may_result)
    if len(lex.memo) < 200_000:
        lex.memo[w] = hit
    return hit


def _noun_at(ctx: _Ctx, i: int) -> tuple[_Noun, int, int] | None:
    """(noun, number of tokens, proclitic length) of a victim or result noun at token i."""
    w = ctx.word(i)
    if w is None or i in ctx.in_trigger:
        return None
    wn = _word_noun(ctx.lex, w)
    if wn.two:
        nxt = ctx.word(i + 1)
        if nxt is not None and not ctx.barrier_before[i + 1]:
            nouns = ctx.lex.nouns
            for pre, stem in wn.two:
                if (hit := nouns.get(stem + " " + nxt)) is not None:
                    return hit, 2, pre
    return wn.one


def _group_at(ctx: _Ctx, i: int) -> Victim | None:
    w = ctx.word(i)
    if w is None:
        return None
    for _, stem in [("", w), *strip_clitics(w)]:
        if stem in ctx.lex.groups:
            return ctx.lex.groups[stem]
    return None


def _stem_in(w: str | None, words: frozenset[str]) -> bool:
    if w is None:
        return False
    return w in words or any(stem in words for _, stem in strip_clitics(w))


def _match_seq(ctx: _Ctx, i: int, seqs: tuple[tuple[str, ...], ...], *, clitic: bool = False) -> int | None:
    """Index after the longest of ``seqs`` that starts at token i (first word may carry و when clitic)."""
    w0 = ctx.word(i)
    if w0 is None:
        return None
    for seq in seqs:
        if w0 != seq[0] and not (clitic and w0.startswith("و") and w0[1:] == seq[0]):
            continue  # the first word differs
        words = [ctx.word(i + n) for n in range(len(seq))]
        if any(w is None for w in words):
            continue
        first = cast(str, words[0])
        ok0 = first == seq[0] or (clitic and first.startswith("و") and first[1:] == seq[0])
        if ok0 and all(words[n] == seq[n] for n in range(1, len(seq))):
            if any(ctx.barrier_before[i + n] for n in range(1, len(seq))):
                continue
            return i + len(seq)
    return None


def _ranks_after(ctx: _Ctx, i: int) -> tuple[Victim, int] | None:
    """«في صفوف الجيش» / «من المهاجمين» starting at token i: (class, last token)."""
    j = _match_seq(ctx, i, ctx.lex.ranks_markers)
    if j is None and ctx.word(i) == "من":
        j = i + 1
    if j is None or not ctx.usable(j) or ctx.barrier_before[j]:
        return None
    g = _group_at(ctx, j)
    if g is not None:
        return g, j
    noun = _noun_at(ctx, j)
    if noun is not None and noun[0].cls in _VICTIMS and noun[0].cls != "unknown":
        return cast(Victim, noun[0].cls), j + noun[1] - 1
    return None


def _ranks_before(ctx: _Ctx, i: int) -> Victim | None:
    """The victims' group named before token i: «في صفوف العدو سقوط ...», «كبدوا العدو خسائر ...»."""
    for j in range(i - 1, max(-1, i - 5), -1):
        if ctx.barrier_before[j + 1]:
            break
        g = _group_at(ctx, j)
        if g is None:
            continue
        if j >= 2 and _match_seq(ctx, j - 2, ctx.lex.ranks_markers) == j:
            return g
        if j == i - 1 and any(
            (w := ctx.word(x)) is not None and fold("كبد") in w and not ctx.barrier_before[x + 1]
            for x in range(max(0, j - 3), j)
        ):
            return g
    return None


def _refine_generic(ctx: _Ctx, i: int) -> tuple[Victim, int] | None:
    """Class of a generic head («عناصر», «أفراد») from the group word that follows it: «عناصر الجيش»,
    «عناصر للقوات», «أفراد من الشرطة»."""
    for j in (i, i + 1):
        if j >= len(ctx.toks) or ctx.barrier_before[j] or ctx.toks[j].kind != "word" or j in ctx.trig_at:
            return None
        g = _group_at(ctx, j)
        if g is not None:
            return g, j
        if ctx.word(j) != "من":
            return None
    return None


# ---------------------------------------------------------------------------------------------- phrases


def _follower_ok(ctx: _Ctx, j: int) -> bool:
    """May a bare figure (no noun) be followed by token j?"""
    if j >= len(ctx.toks) or ctx.barrier_before[j] or ctx.toks[j].kind != "word":
        return True
    w = ctx.toks[j].text
    return (
        w in ctx.lex.count_followers
        or w.startswith("و")
        or j in ctx.trig_at
        or _match_seq(ctx, j, ctx.lex.subcount_markers) is not None
        or _group_at(ctx, j) is not None
    )


def _phrase(ctx: _Ctx, k: int) -> _Phrase | None:
    """A count phrase at token k: [figure | عدد من | أحد] [من] [victim noun [figure]] [في صفوف X]."""
    if not ctx.usable(k):
        return None
    lex = ctx.lex
    j = k
    number: NumberMention | None = None
    count: int | None = None
    quant = one = False
    if k in ctx.num_at:
        number, last_num = ctx.num_at[k]
        count, j = number.value, last_num + 1
    elif _stem_in(ctx.word(k), lex.unspecified):
        quant, j = True, k + 1
    elif _stem_in(ctx.word(k), lex.one_of):
        one, j = True, k + 1
    elif _stem_in(ctx.word(k), lex.ordinal_one_more):
        t = ctx.toks[k]
        return _Phrase(k, k, 1, None, "other", (t.start, t.end), None, "sg")
    if (number or quant or one) and ctx.word(j) == "من" and ctx.usable(j + 1) and not ctx.barrier_before[j + 1]:
        j += 1
    if j > k and (j >= len(ctx.toks) or ctx.barrier_before[j]):
        noun = None
    else:
        noun = _noun_at(ctx, j) if ctx.usable(j) else None
    if noun is None:
        if number is None:
            return None
        last = j - 1 if ctx.word(j - 1) != "من" else j - 2
        ranks = _ranks_after(ctx, last + 1)
        if ranks is not None:
            return _Phrase(k, ranks[1], count, number, ranks[0], None, None, None)
        if not _follower_ok(ctx, last + 1):
            return None
        return _Phrase(k, last, count, number, "unknown", None, None, None)
    info, ntok, pre = noun
    last = j + ntok - 1
    victim = info.cls
    vspan = (ctx.toks[j].start + pre, ctx.toks[last].end)
    if info.generic:
        refined = _refine_generic(ctx, last + 1)
        if refined is not None:
            victim = refined[0]
            last = refined[1]
    if number is None and not quant:
        count = 1 if one else {"du": 2, "sg": 1, "pl": None}[info.form]
        after = last + 1
        if _number_after_noun(ctx, after, info.form):
            number, last = ctx.num_at[after]
            count = number.value
    ranks = _ranks_after(ctx, last + 1)
    if ranks is not None and (victim == "unknown" or info.result is not None):
        victim, last = ranks[0], ranks[1]
    return _Phrase(k, last, count, number, victim, vspan, info.result, info.form)


def _number_after_noun(ctx: _Ctx, i: int, form: _Form) -> bool:
    """«مدنيين اثنين», «شخصا واحدا»: a figure right after the noun that belongs to it."""
    if i not in ctx.num_at or ctx.barrier_before[i] or ctx.toks[i].text.startswith("و"):
        return False
    mention, last = ctx.num_at[i]
    if form == "sg" and mention.value != 1:
        return False
    return _noun_at(ctx, last + 1) is None  # «قتل مسلحون ثلاثة مدنيين»: the figure counts the next noun


def _emit(ctx: _Ctx, kind: Kind, p: _Phrase, first: int, last: int, *, subcount: bool = False,
          keep_count: bool = True, joined: bool = False) -> Casualty:
    victim = p.victim
    if victim == "other":
        victim = next((c.victim for c in reversed(ctx.out)), "unknown")
    cas = Casualty(
        kind=kind,
        count=p.count if keep_count else None,
        start=ctx.toks[first].start,
        end=ctx.toks[last].end,
        number=p.number if keep_count else None,
        victim=cast(Victim, victim),
        victim_start=p.vspan[0] if p.vspan else None,
        victim_end=p.vspan[1] if p.vspan else None,
        subcount=subcount,
        joined=joined,
    )
    ctx.out.append(cas)
    for i in range(first, last + 1):
        ctx.consumed[i] = True
    return cas


def _injury_tail(ctx: _Ctx, i: int) -> int:
    j = _match_seq(ctx, i, ctx.lex.injury_tails)
    return j - 1 if j is not None else i - 1


_LIST_GAP = 4  # words (a group's name, an adjective) between a victim group and the next one «و...» listed with it


def _after_main(ctx: _Ctx, kind: Kind, last: int) -> None:
    """Sub-counts («بينهم ...») and continuations («ومدنيين اثنين») after a casualty ending at token last."""
    j = last + 1
    for skip in range(4):
        k = j + skip
        if k >= len(ctx.toks) or ctx.barrier_before[k] or k in ctx.trig_at or ctx.consumed[k]:
            break
        if ctx.toks[k].kind == "punct" and ctx.toks[k].text not in "،,":
            break
        after = _match_seq(ctx, k, ctx.lex.subcount_markers, clitic=True)
        if after is not None:
            _breakdown(ctx, kind, after)
            return
    # continuation: «مقتل مواطن فرنسي وضابط أمن» / «قتل 3 متطرفين وأحد عناصر الأمن» / «قتل عشرة من متطوعي
    # الدفاع عن الوطن وجنديان»: the groups listed are disjoint, their counts add up
    k, skipped = last + 1, 0
    while skipped <= _LIST_GAP:
        if k >= len(ctx.toks) or ctx.barrier_before[k] or k in ctx.trig_at or not ctx.usable(k):
            return
        w = ctx.word(k)
        if w is None:
            return
        # «شخصا واحدا»: «one» after its noun, not «and» («وأحد عناصر الأمن», «وأحد منهم»)
        one = w in ("واحد", "واحدا", "واحده") and ctx.word(k + 1) != "من" and _noun_at(ctx, k + 1) is None
        if w.startswith("و") and not one:
            p = _phrase(ctx, k)
            if p is None or (p.number is None and p.form not in ("sg", "du") and p.count is None):
                return
            if p.result is not None and p.result != kind:
                return
            _emit(ctx, kind, p, p.first, p.last, joined=True)
            k, skipped = p.last + 1, 0
            continue
        if k in ctx.num_at or _noun_at(ctx, k) is not None:  # an adjective may sit between: «مواطن فرنسي وضابط»
            return
        k, skipped = k + 1, skipped + 1


def _breakdown(ctx: _Ctx, kind: Kind, k: int) -> bool:
    """The counted groups of a breakdown starting at token k («خمسة عسكريين وثلاثة مدنيين»), each
    emitted as a sub-count of victims already inside a total; True when there was one."""
    p = _phrase(ctx, k)
    found = False
    while p is not None and (p.number is not None or p.form in ("sg", "du")):
        _emit(ctx, p.result or kind, p, p.first, p.last, subcount=True)
        found = True
        nxt = p.last + 1
        for _ in range(2):  # an adjective may follow the group: «خمسة من القوات المالية وخمسة إرهابيين»
            w = ctx.word(nxt)
            if w is None or w.startswith("و") or nxt in ctx.num_at or _noun_at(ctx, nxt) is not None \
                    or ctx.barrier_before[nxt] or nxt in ctx.trig_at:
                break
            nxt += 1
        if ctx.word(nxt) is None or not cast(str, ctx.word(nxt)).startswith("و") or nxt in ctx.trig_at \
                or ctx.barrier_before[nxt]:
            break
        p = _phrase(ctx, nxt)
        if p is not None and p.result is not None and p.result != kind:
            break
    return found


def _among_the(ctx: _Ctx, r: int, kind: Kind) -> bool:
    """«بين القتلى خمسة جنود وأجنبيان»: a breakdown of a toll given elsewhere (never a total itself)."""
    before = ctx.word(r - 1)
    if before is None or ctx.barrier_before[r] or not _stem_in(before, _AMONG):
        return False
    return _breakdown(ctx, kind, r + 1) if ctx.usable(r + 1) and not ctx.barrier_before[r + 1] else False


_AMONG = frozenset(("بين",))


_OBJECT_REACH = 8  # tokens from an armed subject to the figure of its victims


def _counted_object(ctx: _Ctx, k: int) -> _Phrase | None:
    """The first counted phrase within a few words after the subject, in the same clause."""
    for j in range(k, min(len(ctx.toks), k + _OBJECT_REACH)):
        if ctx.barrier_before[j] or j in ctx.trig_at or ctx.consumed[j]:
            return None
        if ctx.toks[j].kind == "punct":
            return None
        if j in ctx.num_at:
            p = _phrase(ctx, j)
            return p if p is not None and p.number is not None else None
    return None


def _object_after_adjuncts(ctx: _Ctx, k: int) -> _Phrase | None:
    """«قتل بالسلاح في ديونتزا (وسط) حارس مياه»: the object after an instrument and a place."""
    j = k
    while j < min(k + 6, len(ctx.toks)) and not ctx.barrier_before[j] and j not in ctx.trig_at:
        w = ctx.word(j)
        if w is None or j in ctx.num_at or _noun_at(ctx, j) is not None:
            break
        if w in ctx.lex.adjunct_prepositions:
            j += 2
        elif w in ctx.lex.directions:
            j += 1
        elif w.startswith("بال") and len(w) > 4:
            j += 1
            nxt = ctx.word(j)  # «بالسلاح الأبيض»: the instrument's adjective
            if nxt is not None and nxt.startswith("ال") and _noun_at(ctx, j) is None and j not in ctx.num_at:
                j += 1
        else:
            break
    if j == k or j >= len(ctx.toks) or ctx.barrier_before[j] or not ctx.usable(j):
        return None
    p = _phrase(ctx, j)
    if p is None or p.victim == "unknown" or (p.number is None and p.form not in ("sg", "du")):
        return None
    return p


_RELATIVE_REACH = 16  # tokens of a relative clause between its head and the verb


def _subject_before_relative(ctx: _Ctx, occ: _Occ) -> _Phrase | None:
    """«المدنيون السبعة الذين أوقفهم الجيش في سوكولو قتلوا»: a counted victim phrase, then a relative
    clause, then the verb: the phrase is the verb's subject."""
    for b in range(occ.first - 1, max(-1, occ.first - _RELATIVE_REACH), -1):
        if ctx.barrier_before[b + 1]:
            return None
        if ctx.word(b) not in ctx.lex.relatives:
            continue
        # the head may already be read by the clause's own verb («المدنيون الذين أوقفوا ... قتلوا»):
        # it is read again as the subject of the main verb
        saved = ctx.consumed[max(0, b - 4):b]
        ctx.consumed[max(0, b - 4):b] = [False] * len(saved)
        try:
            for a in range(b - 1, max(-1, b - 4), -1):  # the phrase ends right before the relative pronoun
                if ctx.barrier_before[a + 1]:
                    break
                p = _phrase(ctx, a)
                if p is not None and p.last == b - 1 and p.victim != "unknown" and (
                        p.number is not None or p.count in (1, 2)):
                    return p
        finally:
            ctx.consumed[max(0, b - 4):b] = saved
        return None
    return None


def _definite(w: str) -> bool:
    return any(pre.endswith("ال") or pre.endswith("لل") for pre, _ in strip_clitics(w))


def _lookback(ctx: _Ctx, occ: _Occ) -> _Phrase | None:
    """A counted noun phrase that ends at most four words before a verb trigger («أربعة جنود قُتلوا»)."""
    best: _Phrase | None = None
    for b in range(occ.first - 1, max(-1, occ.first - 9), -1):
        t = ctx.toks[b]
        if ctx.consumed[b] or b in ctx.in_trigger or t.kind == "punct" or ctx.barrier_before[b + 1]:
            break
        noun = _noun_at(ctx, b)
        if b in ctx.num_at or (noun is not None and noun[0].form == "du"):
            p = _phrase(ctx, b)
            if b in ctx.num_at and b > 0 and not ctx.consumed[b - 1] and _noun_at(ctx, b - 1) is not None:
                p_noun = _phrase(ctx, b - 1)  # «مدنيين اثنين أصيبوا»: the figure follows its noun
                if p_noun is not None and p is not None and p_noun.last == p.last:
                    p = p_noun
            if p is not None and p.last < occ.first and occ.first - p.last <= 4 and (
                p.number is not None or p.count == 2
            ):
                best = p
                if b in ctx.num_at:
                    break
    if best is None:
        best = _subject_before_relative(ctx, occ)
    if best is None and occ.first > 0 and not ctx.consumed[occ.first - 1] and not ctx.barrier_before[occ.first]:
        # «جثث إرهابيين قتلوا خلال ...», «الجندي توفي لاحقا»: a victim noun right before the verb, no figure
        # (a plural gives deaths without a count, a singular one death)
        noun = _noun_at(ctx, occ.first - 1)
        if noun is not None and noun[1] == 1 and noun[0].result is None and noun[0].cls != "unknown" \
                and not noun[0].generic and (noun[0].form == "pl" or _definite(cast(str, ctx.word(occ.first - 1)))):
            # an indefinite singular before the verb is its subject: «إرهابيا قتل حارسا»
            best = _phrase(ctx, occ.first - 1)
    return best


def _skip_fillers(ctx: _Ctx, k: int) -> int:
    while ctx.word(k) is not None and _stem_in(ctx.word(k), ctx.lex.fillers) and not ctx.barrier_before[k]:
        k += 1
    return k


def _result_ahead(ctx: _Ctx, k: int, limit: int = 10) -> tuple[Kind, int] | None:
    for j in range(k, min(len(ctx.toks), k + limit)):
        if ctx.barrier_before[j] or j in ctx.trig_at or ctx.consumed[j]:
            return None
        noun = _noun_at(ctx, j)
        if noun is not None and noun[0].result is not None:
            return noun[0].result, j + noun[1] - 1
    return None


_SUBJECT_WORDS = 6  # words a verb's subject may take before its counted object


def _handle_trigger(ctx: _Ctx, occ: _Occ) -> None:
    info = occ.info
    lex = ctx.lex
    k = occ.last + 1
    if info.bare:
        if any(_stem_in(ctx.word(b), lex.negations) for b in range(max(0, occ.first - 3), occ.first)
               if not ctx.barrier_before[b + 1]):
            return  # «دون أن تسجل خسائر بشرية»: no deaths
        victim = _ranks_before(ctx, occ.first)
        ranks = _ranks_after(ctx, k)
        last = occ.last
        if ranks is not None:
            victim, last = ranks
        _emit(ctx, info.kind or "killed", _Phrase(occ.first, last, None, None, victim or "unknown", None, None, None),
              occ.first, last)
        return
    if info.toll:
        _handle_toll(ctx, occ)
        return
    k = _skip_fillers(ctx, k)
    # «مقتل وإصابة 20 شخصا», «مقتل أو اعتقال 20»: the split between the kinds is unknown
    second_at = k + 1 if ctx.word(k) == "او" else k
    second = ctx.trig_at.get(second_at)
    if second is not None and second.info.kind is not None and not ctx.barrier_before[second_at]:
        if second_at == k and not cast(str, ctx.word(k)).startswith("و") and ctx.word(k) != "او":
            second = None
    else:
        second = None
    if second is not None and info.lookback and _lookback(ctx, occ) is not None:
        second = None  # «جنديين قتلا وأصيب ثلاثة»: the verb closes its own clause
    if second is not None and info.kind is not None and second.info.kind is not None:
        p = _phrase(ctx, _skip_fillers(ctx, second.last + 1))
        if p is not None:
            _emit(ctx, info.kind, p, occ.first, p.last, keep_count=False)
            _emit(ctx, second.info.kind, p, second.first, p.last, keep_count=False)
        return
    p = _phrase(ctx, k)
    if p is None or (p.number is None and p.form == "pl" and p.result is None):
        # a subject before the object: «قتل مسلحون ثلاثة مدنيين»; a longer subject (adjectives, «و» + another
        # noun: «قتل جنود ماليون وعناصر فاغنر 20 مدنيا») only before a counted object
        for s in range(1, _SUBJECT_WORDS + 1):
            if any(ctx.toks[x].kind != "word" or x in ctx.trig_at or ctx.barrier_before[x]
                   for x in range(k, min(len(ctx.toks), k + s))):
                break
            p2 = _phrase(ctx, k + s)
            if p2 is None:
                p2 = _object_after_adjuncts(ctx, k + s)  # «قتل مسلحون بالرصاص ثلاثة مدنيين»
            if p2 is not None and (p2.number is not None or (s <= 2 and p2.form in ("sg", "du"))):
                p = p2
                break
        else:
            if p is not None and p.victim == "attacker":
                # «قتل مسلحون من ميليشيا دان نا أمباساغو 134 شخصا»: gunmen, who they are, then the count
                p = _counted_object(ctx, p.last + 1) or p
    if p is None and info.kind is not None:
        p = _object_after_adjuncts(ctx, k)
    last_tok = p.last if p is not None else occ.last
    if info.needs:
        need_at = None
        for j in range(occ.last + 1, min(len(ctx.toks), max(last_tok, occ.last) + 4)):
            w = ctx.word(j)
            if w is not None and any(w.startswith(n.rstrip("*")) for n in info.needs):
                need_at = j
                break
        if need_at is None:
            return
        last_tok = need_at
    if p is None and info.lookback:
        back = _lookback(ctx, occ)
        if back is not None and info.kind is not None:
            main = _emit(ctx, info.kind, back, back.first, occ.last)
            if info.victim and main.victim == "unknown":
                ctx.out[-1] = _with_victim(main, info.victim)
        return
    if p is None:
        return
    kind: Kind | None = info.kind
    if kind is None:  # neutral trigger: «سقوط 7 قتلى», «سقط جندي قتيلا»
        if p.result is not None:
            kind = p.result
        else:
            ahead = _result_ahead(ctx, p.last + 1)
            if ahead is not None:
                kind, last_tok = ahead
            elif not info.strict and p.form is not None and p.victim != "unknown":
                kind = "killed"
            else:
                return
    elif p.result is not None and p.result != kind and kind != "killed":
        kind = p.result
    if kind == "injured":
        last_tok = max(last_tok, _injury_tail(ctx, last_tok + 1))
    main = _emit(ctx, kind, p, occ.first, max(last_tok, p.last))
    if main.victim == "unknown":
        fixed = info.victim or _ranks_before(ctx, occ.first)
        if fixed is not None:
            ctx.out[-1] = main = _with_victim(main, fixed)
    _after_main(ctx, kind, max(last_tok, p.last))
    del lex


def _with_victim(c: Casualty, victim: Victim) -> Casualty:
    return Casualty(c.kind, c.count, c.start, c.end, c.number, victim, c.victim_start, c.victim_end, c.subcount)


def _handle_toll(ctx: _Ctx, occ: _Occ) -> None:
    """«ارتفعت حصيلة القتلى إلى 30»: the first acceptable figure within eight words, same sentence."""
    kind = occ.info.kind or "killed"
    for j in range(occ.last + 1, min(len(ctx.toks), occ.last + 9)):
        if ctx.barrier_before[j] or j in ctx.trig_at or ctx.consumed[j]:
            return
        if j in ctx.num_at:
            p = _phrase(ctx, j)
            if p is None:
                return
            _emit(ctx, p.result or kind, p, occ.first, p.last)
            _after_main(ctx, p.result or kind, p.last)
            return


def _handle_result(ctx: _Ctx, r: int) -> None:
    """A result noun not read by a trigger: «7 قتلى», «قتيلين», «وجرحى»."""
    noun = _noun_at(ctx, r)
    if noun is None or noun[0].result is None:
        return
    info = noun[0]
    kind = cast(Kind, info.result)
    first = r
    if r - 1 in ctx.num_end and ctx.usable(r - 1) and not ctx.barrier_before[r]:
        first = ctx.num_end[r - 1]
        p = _phrase(ctx, first)
        if p is None:
            return
    else:
        w = cast(str, ctx.word(r))
        definite = _definite(w)
        if info.form == "pl" and definite and _among_the(ctx, r, kind):
            ctx.consumed[r] = True
            return
        if (info.form == "pl" and definite) or _stem_in(w, ctx.lex.need_figure):
            return
        p = _phrase(ctx, r)
        if p is None:
            return
    if p.victim == "unknown":
        before = _ranks_before(ctx, first)
        if before is not None:
            p.victim = before
    _emit(ctx, kind, p, first, p.last)
    _after_main(ctx, kind, p.last)


def find_casualties(text: str, start: int = 0, end: int | None = None) -> list[Casualty]:
    """Every casualty statement in ``text[start:end]`` (normalised text), in text order."""
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= stop:
        return []
    ctx = _build(text, start, stop)
    if ctx is None:
        return []
    lex = ctx.lex
    anchors: list[tuple[int, _Occ | None]] = [(i, occ) for i, occ in ctx.trig_at.items()]
    for i, t in enumerate(ctx.toks):
        if t.kind == "word" and i not in ctx.in_trigger and _word_noun(lex, t.text).may_result:
            noun = _noun_at(ctx, i)
            if noun is not None and noun[0].result is not None:
                anchors.append((i, None))
    anchors.sort(key=lambda a: a[0])
    for i, occ in anchors:
        if ctx.consumed[i]:
            continue
        if occ is not None:
            _handle_trigger(ctx, occ)
        else:
            _handle_result(ctx, i)
    return sorted(ctx.out, key=lambda c: (c.start, c.end))

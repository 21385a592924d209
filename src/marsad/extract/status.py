"""Status: news (``reported``) versus an earlier event recalled for context (``background``).

ACLED's window: an event counts as news when it happened within about two weeks before
publication. Sentences that recall («وكان ... قد», «سبق أن», «في عام 2015») or speculate
(«قد يستغل», «من المقرر») are marked by the cues of ``data/ar/status.yaml``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from marsad.extract.lexicons import load_yaml
from marsad.text.lexicon import PhraseMatcher
from marsad.text.normalise import fold

NEWS_WINDOW = timedelta(days=14)


@lru_cache(maxsize=1)
def _cues() -> dict[str, PhraseMatcher[bool]]:
    data = load_yaml("status.yaml")
    kinds = ("background", "hypothetical", "general", "retaliation", "breaking", "clause_joins")
    return {key: PhraseMatcher(((p, True) for p in data[key]), clitics=True) for key in kinds}


@lru_cache(maxsize=1)
def _days_before() -> PhraseMatcher[int]:
    data = load_yaml("status.yaml")
    return PhraseMatcher((p, int(n)) for n, phrases in data["days_before"].items() for p in phrases)


def days_before_cue(text: str, trigger_start: int, sentence_start: int) -> tuple[int, int, int]:
    """«غداة هجوم», «بعد يومين من هجوم»: how many days the event precedes the sentence's date, and the span of
    the words that say so ((0, 0, 0): none)."""
    window = max(sentence_start, trigger_start - 30)
    hits = [m for m in _days_before().finditer(text, window, trigger_start) if trigger_start - m.end <= 12]
    return (hits[-1].value, hits[-1].start, hits[-1].end) if hits else (0, 0, 0)


@lru_cache(maxsize=1)
def _multiple() -> PhraseMatcher[int]:
    data = load_yaml("status.yaml")
    return PhraseMatcher((p, int(n)) for n, phrases in data["multiple"].items() for p in phrases)


def attacks_told(text: str, start: int, end: int) -> int | None:
    """How many attacks the span says it tells: 2 for a dual («مرتين»), 0 for «عدة هجمات», None: no sign."""
    counts = [m.value for m in _multiple().finditer(text, start, end)]
    if not counts:
        return None
    return max(counts) if 0 not in counts else 0


@lru_cache(maxsize=1)
def _site_words() -> tuple[str, ...]:
    return tuple(sorted((fold(p) for p in load_yaml("status.yaml")["reference_before"]), key=len, reverse=True))


@lru_cache(maxsize=1)
def _description_openers() -> frozenset[str]:
    return frozenset(fold(w) for w in load_yaml("status.yaml")["description_openers"])


@lru_cache(maxsize=1)
def _habitual_after() -> frozenset[str]:
    return frozenset(fold(w) for w in load_yaml("status.yaml")["habitual_after"])


def habitual(text: str, trigger_start: int, trigger_end: int) -> bool:
    """«التي تقاتل بوكو حرام»: a present-tense verb right after a relative pronoun describes, it tells no
    event."""
    word = text[trigger_start:trigger_end].split()[0] if text[trigger_start:trigger_end].strip() else ""
    if not (len(word) >= 4 and word[0] in "يت"):
        return False
    before = text[max(0, trigger_start - 12):trigger_start].split()
    return bool(before) and before[-1] in _habitual_after()


def names_a_told_event(text: str, trigger_start: int) -> bool:
    """«مكان وقوع الهجوم», «موقع الهجوم»: the trigger is named as the site of an event, not told."""
    before = " ".join(text[max(0, trigger_start - 20):trigger_start].split())
    return any(before == r or before.endswith(" " + r) for r in _site_words())


_FIRST_WORD = re.compile(r"\s*([وف]?)(\S+)")


def describes_a_place(text: str, start: int, end: int) -> bool:
    """The sentence opens with «تقع/وتقع/يقع»: it says where a place lies."""
    m = _FIRST_WORD.match(text, start, end)
    if m is None:
        return False
    openers = _description_openers()
    return m.group(1) + m.group(2) in openers or m.group(2) in openers


def attacks_told_at(text: str, start: int, end: int) -> int | None:
    """Where the first word saying how many attacks are told («هجومين», «مرتين») ends, or None."""
    m = next(iter(_multiple().finditer(text, start, end)), None)
    return m.end if m is not None and m.value > 1 else None


def cue_starts(kind: str, text: str, start: int = 0, end: int | None = None) -> list[int]:
    return [m.start for m in _cues()[kind].finditer(text, start, end)]


def first_cue(kind: str, text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """The span of the first cue of ``kind`` in ``text[start:end]``, if any."""
    hit = next(iter(_cues()[kind].finditer(text, start, end)), None)
    return (hit.start, hit.end) if hit is not None else None


def has_cue(kind: str, text: str, start: int = 0, end: int | None = None) -> bool:
    return next(iter(_cues()[kind].finditer(text, start, end)), None) is not None


MAX_EVENT_SPAN = timedelta(days=31)


def status_for(date_max: date | None, published: date | None, recalled: bool, date_min: date | None = None) -> str:
    """``background`` when the event ended over two weeks before publication, when the text only
    places it within a year or more (a trend, not an event), or when it is recalled and has no
    date of its own; else ``reported``."""
    if date_min is not None and date_max is not None and date_max - date_min > MAX_EVENT_SPAN:
        return "background"
    if date_max is not None and published is not None:
        return "background" if date_max < published - NEWS_WINDOW else "reported"
    return "background" if recalled else "reported"

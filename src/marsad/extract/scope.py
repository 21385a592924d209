"""Is a casualty figure the toll of an event, or a long-run total told for context?

«قتل 600 شخص منذ 2015», «أودت الهجمات بحياة 300 شخص هذا الشهر وحده», «عشرات الآلاف من القتلى»: running
totals are context, never an event's toll and never an event of their own (the casualty stage keeps them
as ``cumulative`` mentions, out of events, claims and tolls). A rule model over the words after the figure
(``casualties.yaml`` → ``cumulative``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Literal

from marsad.extract.component import Decision, weigh
from marsad.extract.lexicons import load_yaml
from marsad.text.normalise import fold

Scope = Literal["event", "cumulative"]
_YEAR_MIN, _YEAR_MAX = 1950, 2100


@dataclass(frozen=True, slots=True)
class ScopeLexicon:
    since: frozenset[str]
    long_spans: frozenset[str]
    period: tuple[tuple[str, ...], ...]
    span_reach: int
    reach: int
    min_magnitude: int
    # first word → (index, phrase) of the period phrases it begins
    period_starts: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = field(default_factory=dict)
    # first words of the `since` phrases of two words («على مدى»)
    since_first: frozenset[str] = field(default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "since_first", frozenset(p.split()[0] for p in self.since if " " in p))
        starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for k, p in enumerate(self.period):
            starts.setdefault(p[0], []).append((k, p))
        self.period_starts.update((w, tuple(v)) for w, v in starts.items())


@cache
def lexicon() -> ScopeLexicon:
    raw = load_yaml("casualties.yaml")["cumulative"]

    def words(items: list[str]) -> frozenset[str]:
        return frozenset(fold(w) for w in items)

    return ScopeLexicon(words(raw["since"]), words(raw["long_spans"]),
                        tuple(tuple(fold(p).split()) for p in raw["period"]), int(raw["span_reach"]),
                        int(raw["reach"]), int(raw["min_magnitude"]))


@dataclass(frozen=True, slots=True)
class FigureInContext:
    """A casualty figure (``count``), the words of its sentence after it, whether its sentence tells a day,
    and the words of the sentence before it («تمرد مستمر منذ ست سنوات أدى إلى مقتل 15 ألفا»)."""

    count: int | None
    after: tuple[str, ...]
    sentence_has_day: bool
    before: tuple[str, ...] = ()


def _strip(w: str) -> str:
    return w[1:] if len(w) > 3 and w[0] in "وفب" else w


def _is_year(w: str) -> bool:
    return w.isdigit() and _YEAR_MIN <= int(w) <= _YEAR_MAX


class TollScope:
    """``decide(figure)`` → ``cumulative`` (a long-run total) or ``event``."""

    def __init__(self, lex: ScopeLexicon | None = None) -> None:
        self.lex = lex or lexicon()

    def decide(self, x: FigureInContext) -> Decision[Scope]:
        lex = self.lex
        fired: list[tuple[str, float]] = []
        words = [_strip(w) for w in x.after[:lex.reach]]
        for where, window in (("since", words), ("since before", [_strip(w) for w in x.before[-lex.reach:]])):
            hit = self._since(window)
            if hit is not None:
                fired.append((f"{where}:{hit}", 1.0))
                break
        if not fired:
            # the first period phrase of the lexicon told in the window (looked up by each word, not tried at each)
            told = [k for i, w in enumerate(words) for k, p in lex.period_starts.get(w, ())
                    if tuple(words[i:i + len(p)]) == p]
            if told:
                fired.append(("period:" + " ".join(lex.period[min(told)]), 1.0))
        if x.count is not None and x.count >= lex.min_magnitude and not x.sentence_has_day:
            fired.append(("magnitude", 1.0))
        return weigh(fired, 1.0, "cumulative", "event")


    def _since(self, words: list[str]) -> str | None:
        """The `since` word of a «since + long span» phrase in ``words`` («منذ ست سنوات», «خلال عام 2014»)."""
        lex = self.lex
        for i, w in enumerate(words):
            if w in lex.since or (w in lex.since_first and " ".join(words[i:i + 2]) in lex.since):
                span = words[i + 1:i + 1 + lex.span_reach]
                if any(_is_year(s) or s in lex.long_spans or _strip(s[2:] if s.startswith("ال") else s)
                       in lex.long_spans for s in span):
                    return w
        return None


_WINDOW = 120  # characters on each side of a figure that its cues can stand in
_WORDS = re.compile(r"[\u0621-\u064Aa-z]+|\d+")


def figure_in_context(text: str, count: int | None, end: int, sentence_end: int, sentence_has_day: bool,
                      start: int | None = None, sentence_start: int | None = None) -> FigureInContext:
    """The figure ending at ``end`` in its sentence of a normalised (folded) text; with ``start`` and
    ``sentence_start``, the words before it too — as many words on each side as the decision reads."""
    reach = lexicon().reach
    words = tuple(m.group() for m in islice(_WORDS.finditer(text, end, min(sentence_end, end + _WINDOW)), reach))
    before: tuple[str, ...] = ()
    if start is not None and sentence_start is not None:
        before = tuple(_WORDS.findall(text, max(sentence_start, start - _WINDOW), start)[-reach:])
    return FigureInContext(count, words, sentence_has_day, before)

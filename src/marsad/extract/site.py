"""The role of a place mention in its sentence: is it where the event happened?

Only a ``site`` (or a place the event happened ``near``, which the geocoder codes at precision 2) locates
an event. The other roles are told by the words before the name (``geo_cues.yaml`` → ``place_roles``):
a ``border`` («قرب الحدود مع النيجر»), a ``speaker``'s or reporter's place («قال من نيامي»), a ``title``
(«حاكم ولاية بورنو», «حكومة مالي»), a ``destination`` («فروا إلى»), a far ``reference`` point («على بعد
600 كيلومتر من باماكو»), a ``dateline`` («واغادوغو (أ ف ب) -»). A rule model with named reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from marsad.extract.component import Decision
from marsad.extract.lexicons import load_yaml
from marsad.text.normalise import fold

Role = Literal["site", "near", "reference", "speaker", "title", "border", "destination", "dateline"]
LOCATING: frozenset[str] = frozenset({"site", "near"})

_DISTANCE = re.compile(r"(\d+)\s*(?:كلم|كم|كيلومتر|كيلومترا|كيلومترات|ميلا)")
# after the name: an optional «، البلد», an optional agency in brackets, then a dash or a colon
_DATELINE_MARK = re.compile(r"^\s*(?:[،,][^()\-–—:.]{1,30})?\s*(?:\([^)]{1,30}\)|«[^»]{1,30}»)?\s*[-–—:]")


@dataclass(frozen=True, slots=True)
class PlaceRoleLexicon:
    reach: int
    cues: dict[str, tuple[tuple[str, ...], ...]]
    reference_km: int
    dateline_words: int
    dateline_gap: int
    longest: int = field(init=False)  # words in the longest cue phrase

    def __post_init__(self) -> None:
        object.__setattr__(self, "longest", max((len(p) for ps in self.cues.values() for p in ps), default=1))


@cache
def lexicon() -> PlaceRoleLexicon:
    raw = load_yaml("geo_cues.yaml")["place_roles"]
    cues = {role: tuple(tuple(fold(p).split()) for p in raw[role]) for role in ("border", "speaker", "title",
                                                                               "destination")}
    return PlaceRoleLexicon(int(raw["reach"]), cues, int(raw["reference_km"]), int(raw["dateline_words"]),
                            int(raw["dateline_gap"]))


@dataclass(frozen=True, slots=True)
class PlaceInSentence:
    """The words of the sentence before the name (``before``, folded, in order), the text right after it
    (``after``), how many words precede it in its sentence (``position``), the distance (km) a «على بعد X
    كلم من» right before it gives, and the cue the geocoder read (``near``, ``region``, ...)."""

    before: tuple[str, ...]
    after: str
    position: int
    distance_km: int | None = None
    cue: str = ""


def _ends_with(words: tuple[str, ...], phrase: tuple[str, ...], reach: int) -> bool:
    """``phrase`` stands among the last ``reach`` + len(phrase) words (its preposition may be on the name)."""
    n = len(phrase)
    tail = words[-(reach + n - 1):] if reach + n - 1 > 0 else ()
    if phrase[0] not in tail:
        return False
    for i in range(len(tail) - n + 1):
        got = tail[i:i + n]
        if got == phrase:
            return True
        # «الموالية لX»: a clitic preposition of the cue is written on the next word
        if n >= 2 and len(phrase[-1]) == 1 and got[:-1] == phrase[:-1] and got[-1].startswith(phrase[-1]):
            return True
    return False


class PlaceRole:
    """``decide(place)`` → the mention's role; ``LOCATING`` roles locate the event."""

    def __init__(self, lex: PlaceRoleLexicon | None = None) -> None:
        self.lex = lex or lexicon()

    def decide(self, x: PlaceInSentence) -> Decision[Role]:
        lex = self.lex
        if x.position <= lex.dateline_words and _DATELINE_MARK.match(x.after[:lex.dateline_gap]):
            return Decision("dateline", 1.0, ("opens the sentence before an agency or a dash",))
        if x.distance_km is not None and x.distance_km > lex.reference_km:
            return Decision("reference", 1.0, (f"a point {x.distance_km} km away",))
        last = x.before[-1:] if x.before else ()
        # the words any cue can begin among (a cue's first word must be one of them: most phrases are skipped)
        recent = frozenset(x.before[-(max(lex.reach, 2) + lex.longest):])
        for role in ("border", "speaker", "title"):
            for phrase in lex.cues[role]:
                if phrase[0] in recent and _ends_with(x.before, phrase, lex.reach if role != "title" else 2):
                    return Decision(role, 1.0, (f"after «{' '.join(phrase)}»",))
        for phrase in lex.cues["destination"]:
            if phrase[0] in recent and _ends_with(x.before, phrase, 1):
                return Decision("destination", 1.0, (f"after «{' '.join(phrase)}»",))
        if x.cue in ("near", "distance", "between"):
            return Decision("near", 1.0, (f"the geocoder read «{x.cue}»",))
        return Decision("site", 0.5, ("no other role",) if last else ("first words of its sentence",))


@dataclass(frozen=True, slots=True)
class Situating:
    """Words after a town that situate it by another place (``geo_cues.yaml`` → ``place_roles.situating``)."""

    phrases: tuple[str, ...]
    words: int
    quarter_km: float  # a name put inside a town («سوق X بمدينة Y») and this far from it is a look-alike
    inside: re.Pattern[str]  # what stands between a name and the town it is put inside («في», «داخل», «ب»)


@cache
def situating_cues() -> Situating:
    raw = load_yaml("geo_cues.yaml")["place_roles"]
    phrases = sorted({" ".join(fold(p).split()) for p in raw.get("situating", [])}, key=len, reverse=True)
    words = "|".join(re.escape(fold(w)) + r"\s+" for w in raw["inside_words"])
    clitics = "|".join(re.escape(fold(c)) for c in raw["inside_clitics"])
    inside = re.compile(rf"\s*[(\[]?\s*(?:{words}|{clitics})")
    return Situating(tuple(phrases), int(raw["situating_words"]), float(raw["quarter_km"]), inside)


_WINDOW = 80  # characters before a name that its cues can stand in
_LETTERS = re.compile(r"[\u0621-\u064Aa-zA-Z]+")


def place_in_sentence(text: str, sentence_start: int, start: int, end: int, cue: str = "") -> PlaceInSentence:
    """Features of the place mention ``text[start:end]`` of a normalised (folded) text, in the sentence starting
    at ``sentence_start``: the words of the last ``_WINDOW`` characters before it are enough for every cue."""
    lo = max(sentence_start, start - _WINDOW)
    before = tuple(_LETTERS.findall(text, lo, start))
    position = len(before) if lo == sentence_start else len(before) + 1_000
    found = list(_DISTANCE.finditer(text, max(sentence_start, start - 45), start))
    km = int(found[-1].group(1)) if found else None
    return PlaceInSentence(before, text[end:end + 60], position, km, cue)

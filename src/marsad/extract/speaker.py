"""Is a force named in an event's sentence a party to the event, or only the one who tells it?

«أعلنت الشرطة النيجيرية مقتل 20 شخصا في انفجارين»: the police speaks; the victims («20 شخصا», of unknown
kind) do not make it a party. «أعلن الجيش أنه قتل عشرة إرهابيين» and «أعلن الجيش مقتل خمسة من جنوده»: the
army speaks of its own act or its own dead, and is a party. «قوات الأمن أغلقت منطقة الاعتداء واعتقلت مشتبهين»:
the force answers the event (seals it off, searches, arrests, evacuates) and is a responder, no party either.
A rule model with named reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from marsad.extract.component import Decision, weigh
from marsad.extract.lexicons import load_yaml
from marsad.text.normalise import fold

Role = Literal["speaker", "responder", "party"]
_CUE_REACH = 60  # characters between a speech cue and the force it introduces (as claims._NEAR)


@dataclass(frozen=True, slots=True)
class ForceInSentence:
    """A force mention (``start``, ``end``) in a sentence: the speech cues before it, the words between it
    and the first act told after it, whether a state act is told in the sentence, and whether the force's
    own kind («military»/«police») is among the dead."""

    start: int
    end: int
    cue_ends: tuple[int, ...]
    words_to_act: tuple[str, ...]
    state_act: bool
    own_losses: bool


@cache
def self_reference() -> frozenset[str]:
    return frozenset(fold(w) for w in load_yaml("claims.yaml")["self_reference"])


@dataclass(frozen=True, slots=True)
class _Responses:
    """The response phrases by their first word: written out (``exact``) or a stem with a star (``stems``, by
    the stem; ``stem_lengths`` longest first), and how many words after the force may begin one."""

    exact: dict[str, tuple[tuple[str, ...], ...]]
    stems: dict[str, tuple[tuple[str, ...], ...]]
    stem_lengths: tuple[int, ...]
    reach: int

    def starting(self, word: str) -> list[tuple[str, ...]]:
        """The phrases whose first word ``word`` can be."""
        out = list(self.exact.get(word, ()))
        for n in self.stem_lengths:
            if n <= len(word):
                out.extend(self.stems.get(word[:n], ()))
        return out


@cache
def _responses() -> _Responses:
    data = load_yaml("claims.yaml")
    exact: dict[str, list[tuple[str, ...]]] = {}
    stems: dict[str, list[tuple[str, ...]]] = {}
    for phrase in data["response"]:
        pat = tuple(fold(phrase).split())
        if pat[0].endswith("*"):
            stems.setdefault(pat[0][:-1], []).append(pat)
        else:
            exact.setdefault(pat[0], []).append(pat)
    return _Responses({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in stems.items()},
                      tuple(sorted({len(k) for k in stems}, reverse=True)), int(data["response_reach"]))


def _word_is(word: str, pattern: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _bare(word: str) -> tuple[str, ...]:
    """A word and its readings without a leading conjunction or preposition («واعتقلت», «للبحث»)."""
    out = [word]
    if len(word) > 3 and word[0] in "وفلب":
        out.append(word[1:])
    if len(word) > 4 and word.startswith("لل"):
        out.append("ال" + word[2:])
    return tuple(out)


def responds(words: tuple[str, ...]) -> bool:
    """One of the first words after a force tells a responding act (``claims.yaml`` → ``response``)."""
    responses = _responses()
    for i in range(min(responses.reach, len(words))):
        for first in _bare(words[i]):
            for pat in responses.starting(first):
                if len(words) - i >= len(pat) and all(_word_is(words[i + k], pat[k]) for k in range(1, len(pat))):
                    return True
    return False


class SpeakerRole:
    """``decide(force)`` → ``speaker`` (it tells the event), ``responder`` (it answers it) or ``party``."""

    def decide(self, x: ForceInSentence) -> Decision[Role]:
        if not x.own_losses and responds(x.words_to_act):
            return Decision("responder", 1.0, ("its own act answers the event",))
        fired: list[tuple[str, float]] = []
        if any(0 <= x.start - e <= _CUE_REACH for e in x.cue_ends):
            fired.append(("subject of a speech cue", 1.0))
        refs = self_reference()
        if any(w in refs or (len(w) > 3 and w[0] in "وف" and w[1:] in refs) for w in x.words_to_act):
            fired.append(("speaks of its own act", -1.0))
        if x.state_act:
            fired.append(("a state act is told", -1.0))
        if x.own_losses:
            fired.append(("its own men among the dead", -1.0))
        return weigh(fired, 1.0, "speaker", "party")

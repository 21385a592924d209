"""Is a force named in an event's sentence a party to the event, or only the one who tells it?

«أعلنت الشرطة النيجيرية مقتل 20 شخصا في انفجارين»: the police speaks; the victims («20 شخصا», of unknown
kind) do not make it a party. «أعلن الجيش أنه قتل عشرة إرهابيين» and «أعلن الجيش مقتل خمسة من جنوده»: the
army speaks of its own act or its own dead, and is a party. A rule model with named reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from marsad.extract.component import Decision, weigh
from marsad.extract.lexicons import load_yaml
from marsad.text.normalise import fold

Role = Literal["speaker", "party"]
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


class SpeakerRole:
    """``decide(force)`` → ``speaker`` (it tells the event) or ``party`` (it takes part)."""

    def decide(self, x: ForceInSentence) -> Decision[Role]:
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

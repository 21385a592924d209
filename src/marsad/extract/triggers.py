"""Event triggers → ACLED event type and sub-event type (lexicon ``data/ar/triggers.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.analysis import AnalysedDoc, Mention
from marsad.extract.lexicons import TriggerSense, trigger_matcher

_OBJECT_WORDS = 6  # words after the trigger among which a needed object word must appear


@dataclass(frozen=True, slots=True)
class Trigger:
    sense: TriggerSense
    phrase: str


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Trigger mentions in the normalised ``text[start:end]``."""
    out: list[Mention] = []
    stop = len(text) if end is None else end
    for m in trigger_matcher().finditer(text, start, stop):
        sense = m.value
        if sense.needs_object:
            after = text[m.end:min(stop, m.end + 120)].split()[:_OBJECT_WORDS]
            if not any(any(w.endswith(obj) for obj in sense.needs_object) for w in after):
                continue
        out.append(Mention("trigger", m.start, m.end, Trigger(sense, m.phrase)))
    return out


class TriggerStage:
    name = "triggers"

    def process(self, doc: AnalysedDoc) -> None:
        for s in doc.sentences:
            if s.boilerplate:
                continue
            for mention in find_triggers(doc.text, s.start, s.end):
                doc.add(mention)

"""Event triggers → ACLED event type and sub-event type (lexicon ``data/ar/triggers.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.analysis import AnalysedDoc, Mention
from marsad.extract.lexicons import TriggerSense, trigger_matcher

_OBJECT_WORDS = 12  # words after the trigger among which a needed object word must appear (same clause):
# «سيطر مقاتلو حركة أنصار الدين والحركة الوطنية لتحرير أزواد على مدينة كيدال»
_CLAUSE_END = re.compile(r"[.،,؛;:!؟?\n]")


@dataclass(frozen=True, slots=True)
class Trigger:
    sense: TriggerSense
    phrase: str


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Trigger mentions in the normalised ``text[start:end]``."""
    out: list[Mention] = []
    stop = len(text) if end is None else end
    matches = list(trigger_matcher().finditer(text, start, stop))
    for n, m in enumerate(matches):
        sense: TriggerSense = m.value
        if m.value.needs_object:
            # the object comes before the next event word: «تحرير 20 رهينة في هجوم على موقع» frees hostages
            limit = min(stop, m.end + 200,
                        *(o.start for o in matches[n + 1:] if o.start >= m.end and not o.value.needs_object))
            after = _CLAUSE_END.split(text[m.end:limit], maxsplit=1)[0].split()[:_OBJECT_WORDS]
            # the first sense whose object follows (a phrase of several groups: «حرر» a town or hostages)
            found = next((x for x in (m.value, *m.value.alternatives) if not x.needs_object or any(
                any(w.endswith(obj) for obj in x.needs_object) for w in after)), None)
            if found is None:
                continue
            sense = found
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

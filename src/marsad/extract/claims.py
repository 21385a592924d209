"""Attribution: who asserts a figure («بحسب», «أعلن الجيش», «قال متحدث باسم») — ``data/ar/claims.yaml``.

For each sentence the stage records the claimant it names: an actor id when the claimant is
one («أعلن الجيش المالي» → ``military:mali``; «تبنت جماعة نصرة الإسلام» → ``jnim``), else the
English label of a source class («مصدر عسكري» → "military source").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.analysis import AnalysedDoc, Mention
from marsad.extract.lexicons import load_yaml
from marsad.text.lexicon import PhraseMatcher

_NEAR = 60  # characters between the cue and the claimant


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: str  # actor id or source label
    is_actor: bool
    cue_start: int
    cue_end: int


@lru_cache(maxsize=1)
def _responsibility() -> PhraseMatcher[bool]:
    return PhraseMatcher((c, True) for c in load_yaml("claims.yaml")["responsibility"])


def claims_responsibility(text: str, start: int, end: int) -> bool:
    """The span says someone claimed (or was blamed for) an attack: «تبنت الجماعة الهجوم»."""
    return next(iter(_responsibility().finditer(text, start, end)), None) is not None


@lru_cache(maxsize=1)
def _matchers() -> tuple[PhraseMatcher[bool], PhraseMatcher[str]]:
    data = load_yaml("claims.yaml")
    cues: PhraseMatcher[bool] = PhraseMatcher((c, True) for c in data["cues"])
    sources: PhraseMatcher[str] = PhraseMatcher((p, row["label"]) for row in data["sources"] for p in row["phrases"])
    return cues, sources


@lru_cache(maxsize=1)
def _accusation() -> PhraseMatcher[bool]:
    return PhraseMatcher((c, True) for c in load_yaml("claims.yaml")["accusation"])


def accused(doc: AnalysedDoc, start: int, end: int, before: int | None = None) -> list[str]:
    """Actor ids a span accuses of the act told right after them: «اتهمت منظمات حقوقية مرتزقة فاغنر
    والجيش المالي بقتل 30 مدنيا» → wagner, military:*. The act is a trigger or a toll in «بـ», starting
    at or before ``before`` (the event's own first word: an accusation told after it is of another act)."""
    text = doc.text
    acts = sorted(m.start for kind in ("trigger", "casualty") for m in doc.in_span(kind, start, end))
    out: list[str] = []
    for cue in _accusation().finditer(text, start, end):
        act = next((a for a in acts if a >= cue.end and text.startswith("ب", a)), None)
        if act is None or act - cue.end > _NEAR * 2 or (before is not None and act > before):
            continue
        out.extend(a.value.actor_id for a in doc.in_span("actor", cue.end, act)
                   if a.value.actor_id != "unidentified" and a.value.base != "civilians")
    return out


def cue_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the attribution cue words in ``text[start:end]``."""
    cues, _ = _matchers()
    return [(m.start, m.end) for m in cues.finditer(text, start, end)]


def find_attribution(doc: AnalysedDoc, start: int, end: int) -> Attribution | None:
    """The claimant a sentence attributes its content to, if it says."""
    cues, sources = _matchers()
    text = doc.text
    cue_hits = cues.findall(text, start, end)
    if not cue_hits:
        return None
    actors = doc.in_span("actor", start, end)
    for cue in cue_hits:
        for a in actors:
            if (cue.end <= a.start <= cue.end + _NEAR and not a.value.country_bound
                    and a.value.actor_id != "unidentified" and a.value.base != "civilians"):
                return Attribution(a.value.actor_id, True, cue.start, cue.end)
        for src in sources.finditer(text, cue.start, min(end, cue.end + _NEAR)):
            return Attribution(src.value, False, cue.start, src.end)
        for a in actors:  # «أعلن الجيش» with the generic army: bound to a country later
            if cue.end <= a.start <= cue.end + 20 and a.value.base in ("military", "police"):
                return Attribution(a.value.actor_id, True, cue.start, cue.end)
    return None


class ClaimStage:
    name = "claims"

    def process(self, doc: AnalysedDoc) -> None:
        for s in doc.sentences:
            if s.boilerplate:
                continue
            att = find_attribution(doc, s.start, s.end)
            if att is not None:
                doc.add(Mention("attribution", s.start, s.end, att))

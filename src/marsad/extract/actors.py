"""Actor mentions → canonical ids of ``data/actors.tsv`` (lexicon ``data/ar/actors.yaml``).

Matching is clitic-aware («والجيش», «للجيش», «بمرتزقة»). Aliases limited to a period
(«تنظيم القاعدة») resolve by the document's year. Country-bound ids («military:*») keep
the star until the assembler knows the event's country.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.analysis import AnalysedDoc, Mention
from marsad.extract.lexicons import ANAPHOR, ActorSense, actor_matcher, dated_aliases, load_yaml
from marsad.text.normalise import fold


@dataclass(frozen=True, slots=True)
class ActorRef:
    actor_id: str
    phrase: str
    target_only: bool = False

    @property
    def country_bound(self) -> bool:
        return self.actor_id.endswith(":*")

    @property
    def base(self) -> str:
        return self.actor_id.split(":")[0]


def find_actors(text: str, year: int | None, start: int = 0, end: int | None = None) -> list[Mention]:
    out: list[Mention] = []
    for m in actor_matcher().finditer(text, start, end):
        actor_id = m.value.actor_id
        senses = _senses(m.phrase)
        if senses:
            chosen = [s for s in senses if year is not None and s.years and s.years[0] <= year <= s.years[1]]
            if not chosen and year is None:
                chosen = senses[-1:]
            if not chosen:
                continue
            actor_id = chosen[0].actor_id
        if _after_allegiance(text, m.start, start):
            continue  # «التي بايعت تنظيم الدولة»: describes the group that acts, is no party
        out.append(Mention("actor", m.start, m.end, ActorRef(actor_id, m.phrase, m.value.target_only)))
    return _drop_generic_before_specific(out, text)


@lru_cache(maxsize=4096)
def _senses(phrase: str) -> list[ActorSense] | None:
    """The period-bound readings of a lexicon phrase («تنظيم القاعدة»), if it has any."""
    return dated_aliases().get(" ".join(fold(phrase).split()))


@lru_cache(maxsize=1)
def _allegiance() -> tuple[tuple[str, ...], int]:
    data = load_yaml("actors.yaml")
    # «الموالية ل»: the preposition may be written on the name («الموالية لتنظيم»): match the word alone
    cues = {" ".join(fold(p).split()).removesuffix(" ل").removesuffix(" ب") for p in data["allegiance"]}
    return tuple(sorted(cues)), int(data["allegiance_reach"])


def _after_allegiance(text: str, at: int, floor: int) -> bool:
    cues, reach = _allegiance()
    before = " ".join(fold(text[max(floor, at - reach - 12):at]).split())
    for cue in cues:
        k = before.rfind(cue)
        # the cue, then at most `reach` characters («لتنظيم»), then the name
        if k >= 0 and len(before) - (k + len(cue)) <= reach and (k == 0 or before[k - 1] in " و"):
            return True
    return False


@lru_cache(maxsize=1)
def _regional() -> list[tuple[str, str, frozenset[str], frozenset[str]]]:
    return [(r["from"], r["to"], frozenset(r.get("countries", [])), frozenset(r.get("admin1", [])))
            for r in load_yaml("actors.yaml").get("regional", [])]


def regional(actor_id: str | None, country: str | None, admin1: str | None) -> str | None:
    """The group a name stands for in the event's theatre (``actors.yaml`` → ``regional``)."""
    for src, dst, countries, regions in _regional():
        if actor_id == src and (country in countries or admin1 in regions):
            return dst
    return actor_id


_FORCES = ("military", "police", "minusma", "g5_sahel", "wagner")


def _drop_generic_before_specific(mentions: list[Mention], text: str) -> list[Mention]:
    """«جنود من قوات حفظ السلام», «دورية لقوة برخان»: the generic noun names the specific force after it."""
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            m.value.country_bound and m.value.base in ("military", "police") and nxt is not None
            and not nxt.value.country_bound and nxt.value.base in _FORCES and nxt.start - m.end <= 12
            and nxt.value.actor_id.split(":")[0] in _FORCES
        ):
            continue
        out.append(m)
    return out


def document_year(doc: AnalysedDoc) -> int | None:
    if doc.document.published:
        return int(doc.document.published[:4])
    return None


class ActorStage:
    name = "actors"

    def process(self, doc: AnalysedDoc) -> None:
        year = document_year(doc)
        last_armed: str | None = None
        for s in doc.sentences:
            if s.boilerplate:
                continue
            for mention in find_actors(doc.text, year, s.start, s.end):
                ref: ActorRef = mention.value
                if ref.actor_id == ANAPHOR:
                    if last_armed is None:
                        continue
                    mention = Mention("actor", mention.start, mention.end, ActorRef(last_armed, ref.phrase))
                elif is_named_armed_group(ref.actor_id):
                    last_armed = ref.actor_id
                doc.add(mention)


def is_named_armed_group(actor_id: str) -> bool:
    from marsad.actors import registry

    actor = registry().get(actor_id)
    return actor is not None and actor.kind in ("rebel", "militia") and actor_id != "unidentified"

"""Event candidates: the sentences that report an event, with what each says of it."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import timedelta
from itertools import pairwise
from typing import Any

from marsad.analysis import AnalysedDoc, Mention, Sentence
from marsad.extract.claims import claims_responsibility, cue_spans
from marsad.extract.site import LOCATING, PlaceRole, place_in_sentence, situating_cues
from marsad.extract.status import (
    attacks_told,
    attacks_told_at,
    cue_starts,
    days_before_cue,
    describes_a_place,
    habitual,
    has_cue,
    names_a_told_event,
)
from marsad.geo.gazetteer import km
from marsad.text.normalise import fold

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@dataclass(slots=True)
class Candidate:
    sentence: Sentence
    family: str  # "violence", "protest" or a Strategic developments sub-event type
    triggers: list[Mention]
    casualties: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    materiel: list[Mention] = field(default_factory=list)
    recalled: bool = False
    responsibility: bool = False  # «تبنت الجماعة الهجوم»: refers to an event told before
    attach_only: bool = False  # adds to the event told before (a claim, a toll); never starts one
    clipped: bool = False  # the sentence goes on to tell another event («ردا على ...»): only its start counts
    summary: bool = False  # sums up several events in several countries: dates and names them, is none of them
    # «بعد يومين من هجوم»: (days, cue start, cue end) before the event told before it, when no day is named
    relative: tuple[int, int, int] | None = None
    content: frozenset[str] | None = None  # the sentence's content words, computed once by the assembler

    @property
    def first_trigger(self) -> int:
        return min(t.start for t in self.triggers) if self.triggers else self.sentence.start

    def best_date(self) -> Any | None:
        if not self.dates:
            return None
        anchor = self.first_trigger
        return min(self.dates, key=lambda d: (d.value.precision, abs(d.start - anchor)))

    def best_place(self) -> Any | None:
        if not self.places:
            return None
        order = {"place": 0, "region": 1, "country": 2}
        anchor = self.first_trigger
        return min(self.places, key=lambda p: (order.get(p.value.kind, 3), p.start < anchor, abs(p.start - anchor)))


def family_of(event_type: str, sub: str) -> str:
    if event_type in VIOLENT:
        return "violence"
    if event_type in ("Protests", "Riots"):
        return "protest"
    return sub


def _speech_dates(doc: AnalysedDoc, s: Sentence, dates: list[Mention], first_trigger: int) -> list[Mention]:
    """Dates that tell when something was said («أعلن الجيش مساء السبت أن...»), not when it happened."""
    cues = cue_spans(doc.text, s.start, s.end)
    told = [m.start for kind in ("trigger", "casualty") for m in doc.in_span(kind, s.start, s.end)]

    def speech(d: Mention) -> bool:
        # between the speech verb and the date, no «إن/أن» has opened the reported content yet
        for b, e in cues:
            if e > d.start or _COMPLEMENTIZER.search(doc.text, e, d.start):
                continue
            if d.start < first_trigger and not any(e <= t < d.start for t in told):
                # (a death told between the verb and the day is what the day dates: «تطرق إلى مقتل جنديين الأربعاء»)
                return True
            # «... في فندق بسيفاري، وفق حصيلة أعلنها مسؤولون يوم السبت»: a source named after the event
            # with its own day, nothing of the event between the verb and the day
            if b > first_trigger and d.start - e <= _SPEECH_REACH and not any(e <= t < d.start for t in told):
                return True
        return False

    return [d for d in dates if speech(d)]


_SPEECH_REACH = 80  # characters from a speech verb told after the event to the day it was said


_COMPLEMENTIZER = re.compile(r"(?<![\u0621-\u064A])(?:[وف]?ب?ان|[وف]?ب?انه|[وف]?ب?انها|[وف]?ب?انهم)(?![\u0621-\u064A])")


def _is_event_sentence(doc: AnalysedDoc, s: Sentence, triggers: list[Mention], casualties: list[Mention],
                       places: list[Mention], dates: list[Mention], actors: list[Mention]) -> bool:
    strong = [t for t in triggers if t.value.sense.weight >= 3]
    killed = [c for c in casualties if c.value.kind in ("killed", "injured", "captured")]
    specific_actor = any(not a.value.country_bound for a in actors)
    local = [p for p in places if p.value.kind != "country"]
    if has_cue("hypothetical", doc.text, s.start, s.end) and not killed:
        return False
    if attacks_told(doc.text, s.start, s.end) == 0 and not any(c.value.count for c in killed) \
            and not (any(d.value.precision == 1 for d in dates) and local):
        # «شنت الجماعة سلسلة من الهجمات في الوسط»: a trend, not an event («الهجمات وقعت الثلاثاء في
        # قرية X» names its day and town: the attacks of one event)
        return False
    if strong:
        if specific_actor and claims_responsibility(doc.text, s.start, s.end):
            return True  # «وتبنت الجماعة الهجوم»: names the author of the event told before
        return bool(killed or local or (specific_actor and dates))
    if triggers:
        return bool(killed and (local or dates)) or bool(dates and local) or bool(local and specific_actor)
    # «قتل الجيش الفرنسي عشرات الإرهابيين السبت الماضي شمال مالي»: a toll with its own day or town
    return bool(local or dates) and any(c.value.count for c in killed)


def find_candidates(doc: AnalysedDoc) -> list[Candidate]:
    out: list[Candidate] = []
    for s in doc.sentences:
        if s.boilerplate:
            continue
        actors = doc.in_span("actor", s.start, s.end)
        # «الحركة الوطنية لتحرير أزواد», «جبهة تحرير ماسينا»: a word of a group's name is not an event word
        triggers = [t for t in doc.in_span("trigger", s.start, s.end) if not names_a_told_event(doc.text, t.start)
                    and not habitual(doc.text, t.start, t.end) and not inside_a_name(t, actors)]
        casualties = doc.in_span("casualty", s.start, s.end)
        if not triggers and not casualties:
            continue  # nothing happens in it (its places and dates serve the sentences that tell an event)
        if describes_a_place(doc.text, s.start, s.end):
            continue
        places = [p for p in doc.in_span("place", s.start, s.end)
                  if locates(doc, s, p) and not inside_a_name(p, actors) and not _lookalike_inside(doc, p)]
        dates = [d for d in doc.in_span("date", s.start, s.end) if d.value.kind != "future"]
        answered = cue_starts("retaliation", doc.text, s.start, s.end)
        if answered:  # «ردا على هجوم للجيش الفرنسي قبل أسبوعين»: what follows tells the earlier event
            cut = answered[0]
            dates = [d for d in dates if d.start < cut]
            triggers = [t for t in triggers if t.start < cut] or triggers
            actors = [a for a in actors if a.start < cut]
            casualties = [c for c in casualties if c.start < cut]
            places = [p for p in places if p.start < cut]
        attach_only = False
        if not triggers and casualties:
            # «قتل سبعة مدنيين الأسبوع الماضي، بحسب ما قال الأربعاء أقارب الضحايا»: the day it was said
            # does not date the deaths
            speech = _speech_dates(doc, s, dates, min(c.start for c in casualties))
            dates = [d for d in dates if d not in speech]
        summary = round_up(doc.text, s.start, s.end, places)
        if summary:
            # its toll is the total of the events told after it; its day and its actors are theirs
            casualties = []
            if not dates or not triggers:
                continue
        elif not _is_event_sentence(doc, s, triggers, casualties, places, dates, actors):
            # «وزعمت الجماعة أنها قتلت 15 جنديا»: a competing figure for the event told before; «وتصدت قوات
            # الأمن للهجوم»: the forces' answer to it (the assembler codes it as a battle of its own)
            if not (doc.in_span("attribution", s.start, s.end)
                    and any(c.value.kind == "killed" and c.value.count for c in casualties)) \
                    and not responds(triggers, actors):
                continue
            attach_only = True
        strong = [t for t in triggers if t.value.sense.weight >= 3] or triggers
        if strong and not attach_only:
            first = min(strong, key=lambda t: t.start).value.sense
            family = family_of(first.event_type, first.sub_event_type)
            first_mention = min(strong, key=lambda t: t.start)
            # «مقتل أو اعتقال 20 متطرفا أثناء عملية عسكرية»: deaths told with the arrests make it violence
            deaths_with_it = any(c.value.kind == "killed" and c.start <= first_mention.end + 15
                                 and c.end >= first_mention.start - 15 for c in casualties)
            # «المدنيون الذين أوقفوا في سوكولو قتلوا»: the arrest is told in a relative clause of the dead
            told_of_the_dead = any(c.value.kind == "killed" and c.start <= first_mention.start
                                   and c.end >= first_mention.end for c in casualties)
            if family != "violence" and (told_of_the_dead or (deaths_with_it and any(
                    family_of(t.value.sense.event_type, "") == "violence" for t in triggers))):
                family = "violence"
        else:
            family = "violence"
        responsibility = False
        relative: tuple[int, int, int] | None = None
        if strong:
            first_strong = min(t.start for t in strong)
            speech = _speech_dates(doc, s, dates, first_strong)
            dates = [d for d in dates if d not in speech]
            if speech and not dates:
                # «أعلن الجيش مساء السبت أن ...»: the event happened on or before the day it was announced
                said = speech[0]
                dates = [Mention("date", said.start, said.end, replace(
                    said.value, date_min=said.value.date_min - timedelta(days=6), precision=2, kind="before"))]
            # «ويأتي الهجوم بعد يومين من هجوم انتحاري»: the shift words stand before the trigger they date
            shift, cue_start, cue_end = next(
                (hit for t in sorted(strong, key=lambda t: t.start)
                 if (hit := days_before_cue(doc.text, t.start, s.start))[0]), (0, 0, 0))
            if shift and (speech or dates):
                dates = _shifted(dates, speech, shift)
            elif shift:
                # no day in the sentence: the event is so many days before the one told before it (or before
                # the publication), resolved when the events are assembled
                relative = (shift, cue_start, cue_end)
            responsibility = claims_responsibility(doc.text, s.start, first_strong)
        cand = Candidate(
            sentence=s, family=family, triggers=triggers, casualties=casualties, dates=dates, places=places,
            actors=actors, materiel=doc.in_span("materiel", s.start, s.end),
            recalled=has_cue("background", doc.text, s.start, s.end), responsibility=responsibility,
            attach_only=attach_only, clipped=bool(answered), relative=relative, summary=summary,
        )
        out.extend(_split_by_place(doc, cand))
    return out


def responds(triggers: list[Mention], actors: list[Mention]) -> bool:
    """«وتصدت قوات الأمن للهجوم», «صد الجيش هجوما»: a state force fights the attackers (a battle word the state
    initiates, and a force of the state named with it)."""
    from marsad.extract.roles import kind_of

    return any(t.value.sense.initiator == "state" and t.value.sense.event_type == "Battles"
               and t.value.sense.weight >= 3 and not t.value.sense.rescue for t in triggers) \
        and any(kind_of(a.value.actor_id) == "state" for a in actors)


def round_up(text: str, start: int, end: int, places: list[Mention]) -> bool:
    """«قتل أكثر من 50 شخصا أمس في هجمات لبوكو حرام في الكاميرون ونيجيريا»: several attacks in several
    countries, with no town named, sum up the events the report then tells one by one; the sentence is
    none of them (its toll is their total, its words the plural of theirs)."""
    if any(p.value.kind != "country" for p in places):
        return False
    if len({p.value.place.country for p in places}) < 2:
        return False
    return attacks_told(text, start, end) not in (None, 1)


def _shifted(dates: list[Mention], speech: list[Mention], days: int) -> list[Mention]:
    """Dates of an event said to be ``days`` before the sentence's date («غداة الهجوم»)."""
    base = (speech or dates)[0]
    return [shift_back(base, days, base.start, base.end)]


def shift_back(base: Mention, days: int, start: int, end: int) -> Mention:
    """A date mention ``days`` before ``base``, with its evidence at ``start``..``end``."""
    delta = timedelta(days=days)
    ref = base.value
    return Mention("date", start, end, replace(ref, date_min=ref.date_min - delta, date_max=ref.date_max - delta,
                                               kind="relative"))


def _key(m: Mention) -> tuple[object, ...]:
    place = m.value.place
    return (place.geonameid,) if place.geonameid is not None else (place.location, place.latitude, place.longitude)


def _second_of_between(text: str, first: Mention, second: Mention) -> bool:
    """«بين ديا وديافارابي», «محور بوني-دوينتزا»: the second town of a pair the geocoder read as «between»
    is part of the first one's event."""
    return first.value.cue == "between" and text[first.end:second.start].strip() in ("و", "", "-", "–", "/")


def inside_a_name(m: Mention, actors: list[Mention]) -> bool:
    """«كتيبة ماسينا», «الحركة الوطنية لتحرير أزواد»: a place or an event word inside a group's name is
    neither where nor what happened. ``actors`` are sorted by start and do not overlap: only the last one
    starting at or before ``m`` can hold it."""
    k = bisect_right(actors, m.start, key=lambda a: a.start) - 1
    return k >= 0 and m.end <= actors[k].end


_ROLES = PlaceRole()


def locates(doc: AnalysedDoc, s: Sentence, place: Mention) -> bool:
    """The place mention is where the event happened, or near it (``site.PlaceRole``), not a border, a
    speaker's place, a title, a destination, a far reference point, a dateline, or a place that situates the
    town named right before it («ديكوا شرق مايدوغوري»)."""
    x = place_in_sentence(doc.text, s.start, place.start, place.end, place.value.cue)
    return _ROLES.decide(x).label in LOCATING and not _situates_a_town(doc, s, place)


_SITUATING = situating_cues()


def _lookalike_inside(doc: AnalysedDoc, place: Mention) -> bool:
    """«سوق غامبورو بمايدوغوري», «حي X (في مايدوغوري)»: a name the text puts inside the town named right after it
    is a quarter or a market of that town; the gazetteer's place of that name, far from it, is a look-alike (the
    event is coded at the town)."""
    if place.value.kind != "place":
        return False
    mentions = doc.get("place")
    k = bisect_right(mentions, place.start, key=lambda m: m.start)
    if k >= len(mentions):
        return False
    town = mentions[k]
    if town.value.kind != "place" or town.value.cue in ("near", "direction", "distance", "between") \
            or _SITUATING.inside.fullmatch(doc.text, place.end, town.start) is None:
        return False
    a, b = place.value.place, town.value.place
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return km(a.latitude, a.longitude, b.latitude, b.longitude) > _SITUATING.quarter_km


def _situates_a_town(doc: AnalysedDoc, s: Sentence, place: Mention) -> bool:
    """«X شرق Y», «X الواقعة على الطريق بين Y وZ»: a town told by its direction from another town, or by the
    words that situate it, is that other town's reference point (``geo_cues.yaml`` → ``situating``)."""
    if place.value.kind != "place":
        return False
    k = bisect_right(doc.get("place"), place.start, key=lambda m: m.end) - 1
    if k < 0:
        return False
    town = doc.get("place")[k]
    if town.start < s.start or town.value.kind != "place" or town.end > place.start:
        return False
    words = fold(doc.text[town.end:place.start]).replace("(", " ").replace("،", " ").split()
    if len(words) > _SITUATING.words:
        return False
    if not words:  # «ديكوا شرق مايدوغوري»: the compass word is the mention's own cue
        return place.value.cue in ("direction", "distance")
    joined = " ".join(words)
    return any(joined == p or joined.startswith(p + " ") for p in _SITUATING.phrases)


def _split_by_place(doc: AnalysedDoc, cand: Candidate) -> list[Candidate]:
    """«ضربت الجماعة مرتين، مستهدفة موقعا في X ومركزا في Y»: one event per town when the sentence
    says there were several attacks (a dual or plural, or several attack words). When towns are named
    before the word that counts the attacks («الهجوم على سيفاري هو الثالث بعد هجومين: في نامبالا ... وفي
    غورما راروس ...»), the counted attacks are the towns after it, and what comes before is told apart."""
    towns: list[Mention] = []
    for p in cand.places:
        if p.value.kind != "place" or any(_key(p) == _key(t) for t in towns):
            continue
        if towns and _second_of_between(doc.text, towns[-1], p):
            continue
        towns.append(p)
    if len(towns) < 2:
        return [cand]
    told = attacks_told(doc.text, cand.sentence.start, cand.sentence.end)
    strong = [t for t in cand.triggers if t.value.sense.weight >= 3]
    if not told and len(strong) < 2 and not _contrasted_tolls(doc, cand, towns):
        return [cand]
    lead: Candidate | None = None
    first_part = cand.sentence.start
    if told:
        counted_at = attacks_told_at(doc.text, cand.sentence.start, cand.sentence.end)
        after = [t for t in towns if counted_at is not None and t.start >= counted_at]
        if counted_at is not None and len(after) >= told and after[0] is not towns[0]:
            before = [t for t in towns if t.start < counted_at]
            lead = _part(cand, before[:1], [c for c in cand.casualties if c.start < counted_at],
                         [d for d in cand.dates if d.start < counted_at],
                         [t for t in cand.triggers if t.start < counted_at])
            towns = after
            # «بعد هجومين أوقعا 13 قتيلا: اثنان قتلا قرب نامبالا ... و11 ...»: a figure told right after the
            # count and followed by others before the first town is the total of all, no single one's
            figures = [c.start for c in cand.casualties if counted_at <= c.start < towns[0].start]
            first_part = figures[1] if len(figures) >= 2 else counted_at
        towns = towns[:told]
    # each town's part runs from the figure that opens it («وستة قتلوا في ... تيساليت») or the end of the town
    # before, to the next part
    # or, when a contrastive join («فيما», «بينما») stands between the two towns, from that join: what comes
    # before it is still the earlier town's («الهجوم في مروة أسفر عن مقتل 11، فيما لقي 42 مصرعهم في غومبي»)
    bounds = [first_part]
    for earlier, town in pairwise(towns):
        joins = cue_starts("clause_joins", doc.text, earlier.end, town.start)
        opening = [c.start for c in cand.casualties if earlier.end <= c.start < town.start]
        bounds.append(joins[-1] if joins else opening[0] if opening else earlier.end)
    bounds.append(cand.sentence.end)
    out = [lead] if lead is not None else []
    head = [t for t in cand.triggers if t.start < bounds[0]]
    for i, town in enumerate(towns):
        lo, hi = bounds[i], bounds[i + 1]
        own_dates = [d for d in cand.dates if lo <= d.start < hi] or cand.dates
        # a part's own event words; with none, the words that open the sentence («الهجومين على ...»), else the
        # sentence's when no part has words of its own («... في X و... في Y»); a part with neither words nor a
        # toll of its own is told by the sentence's
        own_casualties = [c for c in cand.casualties if lo <= c.start < hi]
        own_triggers = [t for t in cand.triggers if lo <= t.start < hi] or head or (
            [] if own_casualties and any(bounds[0] <= t.start for t in cand.triggers) else cand.triggers)
        out.append(_part(cand, [town], own_casualties, own_dates, own_triggers, exact=True))
    return out


def _contrasted_tolls(doc: AnalysedDoc, cand: Candidate, towns: list[Mention]) -> bool:
    """«قتل مسلحون خمسة قرويين قرب ديفا، بينما قتل لغم ثلاثة جنود قرب بوسو»: two towns, each with its own
    toll, the second's clause opened by a contrastive join: two events in one sentence."""
    for earlier, town in pairwise(towns):
        joins = cue_starts("clause_joins", doc.text, earlier.end, town.start)
        if not joins:
            continue
        killed = [c.start for c in cand.casualties if c.value.kind == "killed"]
        if any(k < joins[-1] for k in killed) and any(joins[-1] <= k < town.end + _TOLL_REACH for k in killed):
            return True
    return False


_TOLL_REACH = 60  # characters after a town in which the toll of its clause may still stand


def _part(cand: Candidate, places: list[Mention], casualties: list[Mention], dates: list[Mention],
          triggers: list[Mention], exact: bool = False) -> Candidate:
    """One event's part of a sentence; ``exact``: its triggers as given, even none (else the sentence's)."""
    return Candidate(
        sentence=cand.sentence, family=cand.family, triggers=triggers if exact else triggers or cand.triggers,
        casualties=casualties,
        dates=dates, places=places, actors=cand.actors, materiel=[], recalled=cand.recalled,
        clipped=True,  # the sentence tells several events: only this part's figures are this event's
    )

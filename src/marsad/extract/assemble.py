"""Assembly of candidates into ACLED events: one day, one place, one actor pair.

Candidates are read in text order. A candidate that names its own day or place joins the
event with the same day and place (two targets hit in one town on one day are one event)
or starts a new one; a candidate that names neither continues the event being told.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from marsad.analysis import AnalysedDoc, Mention
from marsad.countries import iso2_of
from marsad.extract.actors import regional
from marsad.extract.candidates import Candidate, find_candidates, inside_a_name, locates, shift_back
from marsad.extract.claims import accused, cue_spans
from marsad.extract.config import params
from marsad.extract.dates import DateMention
from marsad.extract.genre import Genre, lede_text
from marsad.extract.linking import DateRelation, EventPair, PlaceRelation, SameEvent, near_km
from marsad.extract.numbers import tokenize
from marsad.extract.roles import assign, bind
from marsad.extract.speaker import ForceInSentence, SpeakerRole
from marsad.extract.status import NEWS_WINDOW, cue_starts, first_cue, status_for
from marsad.extract.tolls import civilian_killed, compute, killed_of, victim_classes
from marsad.extract.when import DateSource, UndatedEvent
from marsad.geo.gazetteer import COUNTRY_NAMES, km
from marsad.geo.parts import country_part_place, home_region_place, part_before
from marsad.records import Event, Item, Place
from marsad.text.normalise import fold


@dataclass(slots=True)
class Group:
    family: str
    members: list[Candidate] = field(default_factory=list)
    date: Any | None = None  # the DateMention value that dates it
    date_mention: Mention | None = None
    place_mention: Mention | None = None
    country_mention: Mention | None = None
    country: str | None = None  # the country its sentences first locate it in (a town's, a region's or a country's)
    date_source: str = "own"  # marsad.extract.when: own, inherit, peg, lede or none
    named: set[str] = field(default_factory=set)  # the actors its sentences name specifically

    def add(self, cand: Candidate) -> None:
        self.members.append(cand)
        self.named |= _named(cand)

    @property
    def place(self) -> Place | None:
        return self.place_mention.value.place if self.place_mention else None


def _same_day(a: Any, b: Any) -> bool:
    return bool(a.date_min <= b.date_max and b.date_min <= a.date_max)


def place_key(p: Place) -> tuple[object, ...]:
    """Identity of a place: its GeoNames id, or for curated places without one, name and point."""
    return (p.geonameid,) if p.geonameid is not None else (p.location, p.latitude, p.longitude)


_LINK = SameEvent()


def _date_relation(own: Mention | None, g: Group, placeless: bool) -> DateRelation:
    if own is None or g.date is None:
        return "unknown"
    if not _same_day(own.value, g.date):
        return "conflict"
    if placeless and (own.value.precision == 1) != (g.date.precision == 1) and g.date.kind != "before":
        return "vaguer"  # a day inside a vaguer range: nothing says it is the same event
    return "same"


def _place_relation(own: Mention | None, g: Group, own_country: str | None = None) -> PlaceRelation:
    if own is None or g.place is None:
        # «هجوم في تشاد» after an event told in Niger: two countries are two places, though neither names a town
        return "conflict" if own_country and g.country and own_country != g.country else "unknown"
    return place_relation(own.value.place, g.place)


def place_relation(a: Place, b: Place) -> PlaceRelation:
    """How two places of a report relate: the same, one region containing the other town, close, or apart."""
    if place_key(a) == place_key(b):
        return "same"
    if a.geo_precision == 3 or b.geo_precision == 3:  # a region and a town inside it
        return "contains" if a.admin1 and a.admin1 == b.admin1 else "conflict"
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude) and km(
            a.latitude, a.longitude, b.latitude, b.longitude) <= near_km():  # type: ignore[arg-type]
        return "near"
    return "conflict"


def _join(groups: list[Group], cand: Candidate, doc_text: str) -> Group | None:
    if cand.attach_only:
        # the event told right before it (the group of the latest sentence, not the group started last)
        last = max((g for g in groups[-_WINDOW:] if g.family == "violence"),
                   key=lambda g: g.members[-1].sentence.index, default=None)
        if last is not None:
            last.add(cand)
        return last
    own_date = cand.best_date()
    said_by = None
    if own_date is not None and own_date.value.kind == "before":
        # only the day it was announced: an upper bound that dates a new event, but tells no event apart
        said_by, own_date = own_date, None
    own_place = cand.best_place()
    # the one country the sentence names (a sentence naming several, a round-up or a border, tells none apart)
    countries = {p.value.place.country for p in cand.places}
    own_country = next(iter(countries)) if len(countries) == 1 and not cand.summary else None
    if own_place is not None and own_place.value.kind == "country":
        own_place = None  # «في مالي», «وسط مالي»: tells two events apart only by their countries
    # the few events told last: a report goes on with an event it is telling, so a sentence is compared with a
    # bounded window of them, and the work per document stays linear in its length
    family_groups = [g for g in groups[-_WINDOW:] if g.family == cand.family]
    target: Group | None = None
    if own_date is None and own_place is None:
        # a sentence that names no day or place goes on with the event it shares most words with
        # (the one told last when none stands out); a claim of responsibility joins whatever it follows
        fitting = [g for g in family_groups if cand.responsibility or _actors_compatible(g, cand)]
        target = _closest(doc_text, fitting, cand) if fitting else None
    else:
        for g in reversed(family_groups):
            place_rel = _place_relation(own_place, g, own_country)
            pair = EventPair(_date_relation(own_date, g, own_place is None or place_rel == "contains"), place_rel,
                             _actors_compatible(g, cand), cand.responsibility,
                             # a memory with its own day and place against news dated only by its announcement
                             # («وكانت بوكو حرام قد نفذت الخميس الماضي هجوما في مايدوغوري»); a recap of the same
                             # event refers back to it («وكان المهاجمون قد اقتحموا الفندق صباح الأحد»)
                             cand.recalled and own_date is not None and own_place is not None and g.date is not None
                             and g.date.kind == "before" and not all(c.recalled for c in g.members))
            if _LINK.decide(pair).label == "same":
                target = g
                break
    if target is None:
        if cand.responsibility and own_date is None and own_place is None:
            return None  # a claim with nothing to attach to tells no event of its own
        target = Group(cand.family)
        if said_by is not None:
            target.date, target.date_mention = said_by.value, said_by
        elif own_date is None and family_groups:
            # «... قبل أن تستهدف القوات بين ماسينا وكومارا»: an undated event told right after a dated one
            # happened that day too
            prev = family_groups[-1]
            if prev.date is not None and prev.members[-1].sentence.index >= cand.sentence.index - 1:
                target.date, target.date_mention = prev.date, prev.date_mention
        groups.append(target)
    target.add(cand)
    if target.country is None:
        target.country = own_country
    if own_date is not None and target.date is not None and target.date.precision > 1 \
            and own_date.value.precision == 1 and _same_day(own_date.value, target.date):
        # dated so far only by the day it was announced, or by a week («الأسبوع الماضي»): the day it
        # happened, told later, replaces it
        target.date, target.date_mention = own_date.value, own_date
    elif target.date is None and own_date is not None and (not target.members[:-1] or own_date.value.precision == 1):
        # a sentence that continues an undated event dates it only with a day («قبل أسبوعين» is too loose)
        target.date, target.date_mention = own_date.value, own_date
    if own_place is not None and (target.place_mention is None or _better(own_place, target.place_mention)):
        target.place_mention = own_place
    if target.place_mention is None:
        country = cand.best_place()
        if country is not None:
            target.country_mention = country
    return target


_WORD = re.compile(r"[\u0621-\u064A]{4,}")
_WINDOW = params("assembly")["window"]


def _content_words(text: str, cand: Candidate) -> frozenset[str]:
    """Content words of a candidate's sentence, with the article and conjunction taken off (kept on it)."""
    if cand.content is not None:
        return cand.content
    out = set()
    for w in _WORD.findall(text, cand.sentence.start, cand.sentence.end):
        for prefix in ("وال", "بال", "لل", "فال", "ال", "و"):
            if w.startswith(prefix) and len(w) - len(prefix) >= 4:
                w = w[len(prefix):]
                break
        out.add(w)
    cand.content = frozenset(out)
    return cand.content


def _closest(text: str, groups: list[Group], cand: Candidate) -> Group:
    mine = _content_words(text, cand)
    best, best_score = groups[-1], 0.0
    for g in groups[-_WINDOW:]:
        theirs: frozenset[str] = frozenset().union(*(_content_words(text, c) for c in g.members[-_WINDOW:]))
        score = len(mine & theirs) / (len(mine | theirs) or 1)
        if score > best_score + 0.05:
            best, best_score = g, score
    return best


def _named(cand: Candidate) -> set[str]:
    """Actors a candidate names specifically (not generic nouns like «الجيش» or «مسلحون»)."""
    return {a.value.actor_id for a in cand.actors if not a.value.country_bound and a.value.actor_id != "unidentified"}


def _actors_compatible(group: Group, cand: Candidate) -> bool:
    """A sentence continues the event told before it unless it names other armed groups, or other forces,
    than that event does (the Boko Haram attack told after the G5 Sahel one is another event)."""
    from marsad.extract.roles import kind_of

    mine = _named(cand)
    theirs = group.named
    if not mine or not theirs:
        return True
    for kind in (("armed",), ("state", "external")):
        a = {x for x in mine if kind_of(x) in kind}
        b = {x for x in theirs if kind_of(x) in kind}
        if a and b and not a & b:
            return False
    return True


def _better(new: Mention, old: Mention) -> bool:
    order = {"place": 0, "region": 1, "country": 2}
    return order.get(new.value.kind, 3) < order.get(old.value.kind, 3)


def _published_range(doc: AnalysedDoc) -> tuple[date, date] | None:
    pub = doc.reference
    if not pub:
        return None
    if len(pub) == 10:
        day = date.fromisoformat(pub)
        return day, day
    year = int(pub[:4])
    if len(pub) == 7:
        month = int(pub[5:7])
        first = date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    return date(year, 1, 1), date(year, 12, 31)


def _main_place(doc: AnalysedDoc) -> Mention | None:
    """The place the report is about: the first town named where something happened (not a dateline, a
    speaker's place or a reference point), else the first region, else the country."""
    actors = sorted(doc.get("actor"), key=lambda a: a.start)
    places = [p for p in doc.get("place") if not _in_boilerplate(doc, p.start) and not inside_a_name(p, actors)
              and (s := doc.sentence_at(p.start)) is not None and locates(doc, s, p)]
    for kind in ("place", "region", "country"):
        for p in places:
            if p.value.kind == kind:
                return p
    return None


def _in_boilerplate(doc: AnalysedDoc, pos: int) -> bool:
    s = doc.sentence_at(pos)
    return bool(s and s.boilerplate)


def _doc_country(doc: AnalysedDoc) -> str | None:
    counts: dict[str, int] = {}
    for p in doc.get("place"):
        c = p.value.place.country
        counts[c] = counts.get(c, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


class Assembler:
    name = "assemble"

    def process(self, doc: AnalysedDoc) -> None:
        groups: list[Group] = []
        for cand in find_candidates(doc):
            _join(groups, cand, doc.text)
        pub_range = _published_range(doc)
        main_place = next((g.place_mention for g in groups if g.place_mention is not None), None) or _main_place(doc)
        country = _doc_country(doc)
        previous = main_place
        placed: list[Group] = []
        for g in groups:  # a group that names no place is told where the story it continues was
            if g.place_mention is None:
                if placed:
                    previous = _closest(doc.text, placed, g.members[0]).place_mention
                same_country = previous is not None and (
                    g.country_mention is None
                    or g.country_mention.value.place.country == previous.value.place.country)
                g.place_mention = previous if same_country else g.country_mention
            else:
                placed.append(g)
            previous = g.place_mention or previous
        events: list[Event] = []
        # a headline summarises the report («مقتل 16 شخصا في هجومين»): when the body tells events of the same
        # kind, a group told only by the headline is that summary, not an event of its own
        told_in_body = {g.family for g in groups if not all(c.sentence.is_title for c in g.members)}
        groups = [g for g in groups if g.family not in told_in_body or not all(c.sentence.is_title for c in g.members)]
        # a round-up of attacks in several countries that no telling of one of them joined is no event
        groups = [g for g in groups if not all(c.summary for c in g.members)]
        groups = [g for n, g in enumerate(groups)
                  if not _follow_up_arrest(g, groups[max(0, n - _WINDOW):n + _WINDOW]) and _arrest_has_a_force(g)]
        _date_sources(doc, groups, pub_range)
        for g in groups:
            ev = self._event(doc, g, pub_range, main_place, country, len(events) + 1)
            events.append(ev)
            split = _civilian_split(doc, g, ev, len(events) + 1)
            if split is not None:
                events.append(split)
            answer = _forces_answer(doc, g, ev, len(events) + 1)
            if answer is not None:
                events.append(answer)
        if events:
            sentences = (doc.text[s.start:s.end] for s in doc.sentences if not s.boilerplate and not s.is_title)
            verdict = _GENRE.decide(lede_text(doc.document.title, sentences, _GENRE.model.lede_sentences))
            if verdict.label == "other":  # analysis, politics, aid, a profile: its events are context
                for ev in events:
                    ev.status = "background"
        doc.events = events

    def _event(self, doc: AnalysedDoc, g: Group, pub_range: tuple[date, date] | None, main_place: Mention | None,
               doc_country: str | None, n: int) -> Event:
        ev = Event(doc_id=doc.document.doc_id, sources=[doc.document.doc_id], event_id=f"{doc.document.doc_id}#{n}")
        family_triggers = _set_type(doc, g, ev)
        place_mention = g.place_mention or main_place
        _set_place(doc, ev, place_mention)
        iso2 = iso2_of(ev.country or doc_country)
        _set_date(doc, g, ev, pub_range)
        _set_actors(doc, g, ev, family_triggers, place_mention, iso2)
        if ev.latitude is None:
            _place_from_actors(ev)
        _set_figures(doc, g, ev, iso2)
        first = g.members[0]
        ev.notes = doc.quote(first.sentence.start, first.sentence.end)[:300]
        return ev


def _set_type(doc: AnalysedDoc, g: Group, ev: Event) -> list[Mention]:
    """Event and sub-event type; returns the triggers of the event's family in the sentence that tells it."""
    first = g.members[0]
    # the sentence that first tells the event sets its type; later ones add detail, not a new type
    # a headline names the event in its shortest words («هجوم في ...»): the body's first telling sets the type
    told = [c for c in g.members if any(t.value.sense.weight >= 3 for t in c.triggers)]
    # a round-up («هجمات في الكاميرون ونيجيريا») names the events in their plural: a telling of one sets the type
    told = [c for c in told if not c.summary] or told
    lead = next((c for c in told if not c.sentence.is_title), None) or (told[0] if told else first)
    triggers = lead.triggers or [t for c in g.members for t in c.triggers]
    strong = [t for t in triggers if t.value.sense.weight >= 3] or triggers
    family_triggers = [t for t in strong if _family(t) == g.family] or strong
    # a later sentence may say how it was done («انفجار عبوة ناسفة», «فتاتان فجرتا نفسيهما»): a mine, an IED or a
    # bomber who blew himself up sets the type (triggers.yaml: manner), as ACLED codes it even when a gunfight
    # follows (a car bomb opening an assault stays part of the assault)
    later = [t for c in g.members if c is not lead and not c.attach_only for t in c.triggers
             if t.value.sense.weight >= 3 and t.value.sense.manner
             and _family(t) == g.family]
    if family_triggers:
        best = max(family_triggers + later, key=lambda t: t.value.sense.rank)
        ev.event_type, ev.sub_event_type = best.value.sense.event_type, best.value.sense.sub_event_type
        ev.evidence.append(doc.evidence("event_type", best.start, best.end))
        ev.evidence.append(doc.evidence("sub_event_type", best.start, best.end))
    else:
        ev.event_type, ev.sub_event_type = "Battles", "Armed clash"
        cas = [c for m in g.members for c in m.casualties]
        if cas:
            ev.evidence.append(doc.evidence("event_type", cas[0].start, cas[0].end))
    return family_triggers


def _set_place(doc: AnalysedDoc, ev: Event, place_mention: Mention | None) -> None:
    if place_mention is None:
        return
    place = place_mention.value.place
    if place_mention.value.kind == "country":  # «شمال شرق مالي»: the region that part means, precision 3
        part = part_before(doc.text, place_mention.start)
        place = (country_part_place(place.country, part) if part else None) or place
    ev.set_place(place)
    ev.evidence.append(doc.evidence("location", place_mention.start, place_mention.end))


_WHEN = DateSource()
_GENRE = Genre()


def _date_sources(doc: AnalysedDoc, groups: list[Group], pub_range: tuple[date, date] | None) -> None:
    """Decide where each undated group's date comes from (``when.DateSource``): the dated event it
    elaborates, the publication (an event of the lede), or nowhere (then it is no reported event)."""
    # the report's own sentences: not boilerplate, in Arabic (a page's English chrome is no lede)
    prose = [s for s in doc.sentences if not s.boilerplate and len(_WORD.findall(doc.text, s.start, s.end)) >= 3]
    content = [s.index for s in prose if not s.is_title]
    rank = {idx: k for k, idx in enumerate(content)}
    rank.update((s.index, 0) for s in prose if s.is_title)  # the headline tells the news as the lede does
    lede = prose[:_WHEN.lede + 1 + sum(s.is_title for s in prose)]
    peg = next((d for s in lede for d in doc.in_span("date", s.start, s.end)
                if d.value.kind != "before" and _news(d.value.date_max, pub_range)), None)
    dated: dict[str, Group] = {}  # per family, the last dated event told as news so far
    for g in groups:
        recalled = all(c.recalled for c in g.members)
        prior = dated.get(g.family)
        x = UndatedEvent(g.date is not None, rank.get(g.members[0].sentence.index, len(content)), prior is not None,
                         recalled, peg is not None)
        g.date_source = _WHEN.decide(x).label
        base = prior.date_mention if g.date_source == "inherit" and prior is not None else \
            peg if g.date_source == "peg" else None
        relative = next((c.relative for c in g.members if c.relative), None)
        if g.date is None and relative is not None:
            # «بعد يومين من هجوم»: so many days before the event told before it, or before the publication
            days, cue_start, cue_end = relative
            if base is None and pub_range is not None:
                base = Mention("date", cue_start, cue_end, DateMention(cue_start, cue_end, pub_range[0], pub_range[1],
                                                                       1 if pub_range[0] == pub_range[1] else 3,
                                                                       "relative"))
            if base is not None:
                g.date_mention = shift_back(base, days, cue_start, cue_end)
                g.date, g.date_source = g.date_mention.value, "own"
        elif base is not None:
            g.date, g.date_mention = base.value, base
        if g.date is not None and g.date_source != "none" and not recalled and _news(g.date.date_max, pub_range):
            dated[g.family] = g


def _news(day: date, pub_range: tuple[date, date] | None) -> bool:
    return pub_range is None or pub_range[0] - day <= NEWS_WINDOW


def _set_date(doc: AnalysedDoc, g: Group, ev: Event, pub_range: tuple[date, date] | None) -> None:
    """The day or range the text gives (or the event it elaborates); for an event of the lede with none, the
    week up to publication (the day before it as the best estimate), precision 2, with the lede's event
    words as evidence; an undated event outside the lede is background. And the status that follows."""
    recalled = all(c.recalled for c in g.members)
    dmin: date | None
    dmax: date | None
    if g.date is not None:
        dmin, dmax, prec = g.date.date_min, g.date.date_max, g.date.precision
        assert g.date_mention is not None
        ev.evidence.append(doc.evidence("event_date", g.date_mention.start, g.date_mention.end))
    elif pub_range is not None:
        dmin, dmax = pub_range[0] - timedelta(days=6), pub_range[1]
        prec = 2 if pub_range[0] == pub_range[1] else 3
        lead = next((t for c in g.members for t in c.triggers), None) or next(
            (k for c in g.members for k in c.casualties), None)
        breaking = next((hit for c in g.members if (hit := first_cue("breaking", doc.text, c.sentence.start,
                                                                      c.sentence.end))), None)
        if g.date_source == "lede" and breaking is not None and pub_range[0] == pub_range[1]:
            # «عاجل | ...»: breaking news with no day of its own happened on the day it was published
            dmin, prec = pub_range[0], 1
            ev.evidence.append(doc.evidence("event_date", *breaking))
        elif g.date_source == "lede" and lead is not None:
            # the words that tell it as the report's news allow the inference from the publication day
            ev.evidence.append(doc.evidence("event_date", lead.start, lead.end))
    else:
        dmin = dmax = None
        prec = 3
    if dmin is not None and dmax is not None:
        ev.date_min, ev.date_max = dmin.isoformat(), dmax.isoformat()
        ev.event_date = dmax.isoformat()
        if g.date is not None and g.date.kind != "before" and prec == 2 and (dmax - dmin).days >= 2:
            # «الأسبوع الماضي»: ACLED codes an event known to the week at the middle of it
            ev.event_date = (dmin + (dmax - dmin) / 2).isoformat()
        if g.date is None and pub_range and pub_range[0] == pub_range[1] and prec != 1:
            # no day in the text: news of the day before publication is the likeliest reading
            ev.event_date = (pub_range[0] - timedelta(days=1)).isoformat()
        ev.time_precision = prec
    ev.status = status_for(  # type: ignore[assignment]
        dmax, pub_range[0] if pub_range else None, recalled, dmin)
    if g.date_source == "none" or (g.date is None and pub_range is None):
        ev.status = "background"  # nothing dates it as news

_VICTIM_OF = {"civilians": ("civilian",), "military": ("military",), "police": ("military",),
              "unidentified": ("attacker",)}


def _inferred_from(g: Group, actor: str | None, triggers: list[Mention]) -> tuple[int, int] | None:
    """The words an actor not named by a mention was inferred from: the victims of its kind («12 مدنيا» →
    civilians; «خمسة جنود» → the army; «قتل عشرة إرهابيين» → an unnamed armed group), else the event's
    words (an attack implies an attacker; an air strike with no force named, the state's air force)."""
    if actor is None:
        return None
    classes = _VICTIM_OF.get(actor.split(":")[0], ())
    for m in g.members:
        for c in m.casualties:
            if c.value.victim in classes:
                if c.value.victim_start is not None and c.value.victim_end is not None:
                    return c.value.victim_start, c.value.victim_end
                return c.start, c.end
    lead = triggers[0] if triggers else next((t for m in g.members for t in m.triggers), None) or next(
        (c for m in g.members for c in m.casualties if c.value.kind == "killed"), None)  # a killing has a killer
    return (lead.start, lead.end) if lead is not None else None


_SPEAKER = SpeakerRole()
_CUE_WINDOW = 80  # characters before a force that its speech cue can stand in (the decision's reach is 60)
_COMPLEMENTIZER = re.compile(r"(?<![\u0621-\u064A])[وف]?[اإأ]ن(?:ه|ها|هم)?(?![\u0621-\u064A])")


def _only_speaks(doc: AnalysedDoc, cand: Candidate, actor: Mention, victims: set[str], state_act: bool) -> bool:
    """A force that only tells the event («أعلنت الشرطة مقتل 20 شخصا») or answers it («قوات الأمن أغلقت
    المنطقة») is no party to it."""
    if actor.value.base not in ("military", "police"):
        return False
    s = cand.sentence
    own_losses = actor.value.base in victims or "military" in victims
    # a force is weighed once per sentence (a sentence split by place gives several candidates)
    key = ("only_speaks", actor.start, actor.end, s.start, s.end, own_losses, state_act)
    hit = doc.memo.get(key)
    if hit is None:
        hit = doc.memo[key] = _speaks_or_responds(doc, s.start, s.end, actor, own_losses, state_act)
    return bool(hit)


def _speaks_or_responds(doc: AnalysedDoc, s_start: int, s_end: int, actor: Mention, own_losses: bool,
                        state_act: bool) -> bool:
    # the speaker is the first actor after its speech cue, before what it says («قال الجيش إن آلية للقوات ...»);
    # only a cue in the window right before the force can introduce it
    lo = max(s_start, actor.start - _CUE_WINDOW)
    spans = cue_spans(doc.text, lo, actor.start)
    others = [a.start for a in doc.in_span("actor", lo, actor.start)] if spans else []
    cues = tuple(e for _s, e in spans
                 if not any(e <= o for o in others) and not _COMPLEMENTIZER.search(doc.text, e, actor.start))
    stop = min(doc.next_start(kind, actor.end, s_end) for kind in ("trigger", "casualty"))
    x = ForceInSentence(
        actor.start, actor.end, cues,
        tuple(fold(t.text) for t in tokenize(doc.text, actor.end, stop) if t.kind == "word"),
        state_act, own_losses)
    return _SPEAKER.decide(x).label != "party"


def _set_actors(doc: AnalysedDoc, g: Group, ev: Event, family_triggers: list[Mention],
                place_mention: Mention | None, iso2: str | None) -> None:
    first = g.members[0]
    # a sentence that only adds a competing figure adds no actor (its claimant is not a party)
    victims = set().union(*(victim_classes(m.casualties) for m in g.members))
    state_acts = {id(c): any(t.value.sense.initiator == "state" for t in c.triggers) for c in g.members}
    actors = [a for c in g.members if not c.attach_only or c.responsibility
              for a in c.actors if not _only_speaks(doc, c, a, victims, state_acts[id(c)])]
    initiator = any(t.value.sense.initiator == "state" for t in family_triggers)
    victim_spans = [(c.value.victim_start, c.value.victim_end) for m in g.members for c in m.casualties
                    if c.value.victim_start is not None]
    attacker_spans = [(c.value.victim_start, c.value.victim_end) for m in g.members for c in m.casualties
                      if c.value.victim_start is not None and c.value.kind == "killed" and c.value.victim == "attacker"]
    blamed = [a for c in g.members if not c.attach_only
              for a in accused(doc, c.sentence.start, c.sentence.end, _first_word(c))]
    roles = assign(actors, iso2=iso2, state_initiates=initiator, first_trigger=first.first_trigger,
                   victims=victims, victim_spans=victim_spans, attacker_spans=attacker_spans, accused=blamed,
                   killings=[(c.start, c.value.victim_start) for m in g.members for c in m.casualties
                             if c.value.kind == "killed" and c.value.victim_start is not None],
                   # an assault with no target named was on the state's forces — an assault told by its words,
                   # not a toll alone: victims of unknown kind («20 شخصا») make no army a party
                   default_army=ev.event_type == "Battles" and g.family == "violence" and bool(family_triggers),
                   explosive=ev.event_type == "Explosions/Remote violence",
                   civilians_outnumber=_civilians_outnumber(doc, g))
    ev.actor1, ev.actor2 = regional(roles.actor1, ev.country, ev.admin1), regional(roles.actor2, ev.country, ev.admin1)
    ev.assoc_actors = [a for a in (regional(x, ev.country, ev.admin1) for x in roles.assoc) if a]
    if ev.geo_precision == 3 and ev.country and place_mention is not None and place_mention.value.kind == "country":
        # only the country is named: the region where the group named is most often coded there
        home = home_region_place(ev.actor1, ev.country) or home_region_place(ev.actor2, ev.country)
        if home is not None and not part_before(doc.text, place_mention.start):
            ev.set_place(home)
    for name, mention, actor in (("actor1", roles.mention1, ev.actor1), ("actor2", roles.mention2, ev.actor2)):
        span = (mention.start, mention.end) if mention is not None else _inferred_from(g, actor, family_triggers)
        if span is not None:
            ev.evidence.append(doc.evidence(name, *span))
    crowd = {"Protests": "protesters:*", "Riots": "rioters:*"}.get(ev.event_type or "")
    if crowd and ev.actor1 in (None, "unidentified"):
        # «تظاهر مئات من أنصار المعارضة»: the demonstrators of the event's country
        ev.actor1 = bind(crowd, iso2) or ev.actor1
        if ev.actor2 == ev.actor1:
            ev.actor2 = None
    rescue = bool(family_triggers) and max(family_triggers, key=lambda t: t.value.sense.rank).value.sense.rescue
    if rescue and ev.actor2 and ev.actor2.startswith("civilians"):
        # «حرر الجيش 30 رهينة»: the hostages are the freed; the fight was with their captors, the armed group the
        # report names (else an unnamed one)
        captors = _captors(doc, g)
        ev.actor2 = captors.value.actor_id if captors is not None else "unidentified"
        ev.evidence = [e for e in ev.evidence if e.field != "actor2"]
        span = (captors.start, captors.end) if captors is not None else _inferred_from(g, ev.actor2, family_triggers)
        if span is not None:
            ev.evidence.append(doc.evidence("actor2", *span))
    elif ev.event_type == "Battles" and ev.actor2 and ev.actor2.startswith("civilians"):
        ev.event_type, ev.sub_event_type = "Violence against civilians", "Attack"


def _captors(doc: AnalysedDoc, g: Group) -> Mention | None:
    """The armed group a rescue's sentences name, else the first naming of the one the report names most."""
    from marsad.extract.roles import kind_of

    named = [a for c in g.members for a in c.actors if kind_of(a.value.actor_id) == "armed"]
    if named:
        return named[0]
    armed = [a for a in doc.get("actor") if kind_of(a.value.actor_id) == "armed"]
    if not armed:
        return None
    most = Counter(a.value.actor_id for a in armed).most_common(1)[0][0]
    return next(a for a in armed if a.value.actor_id == most)


def _civilians_outnumber(doc: AnalysedDoc, g: Group) -> bool:
    """More civilians than soldiers among the event's dead, counted in each sentence's own clause (a
    contrastive join, «في حين اتهم الجيش بقتل سبعة مدنيين», opens another event's)."""
    civ = mil = 0
    for m in g.members:
        joins = cue_starts("clause_joins", doc.text, m.first_trigger, m.sentence.end)
        own = [c for c in m.casualties if not joins or c.start < joins[0]]
        civ, mil = max(civ, civilian_killed(own)), max(mil, killed_of(own, "military"))
    return civ > mil > 0


def _place_from_actors(ev: Event) -> None:
    """No place named at all («اشتباكات بين كتيبة ماسينا والجيش المالي في غابة واغادو»): the country of
    the national forces or civilians involved, at the region where the armed group is most often coded
    there, else at the capital (precision 3). No evidence: the text names no place."""
    from marsad.actors import get as registered
    from marsad.geo.gazetteer import Gazetteer

    iso = next((actor.country for a in (ev.actor1, ev.actor2)
                if (actor := registered(a)) is not None and actor.country in COUNTRY_NAMES), None)
    if iso is None:
        return
    country = COUNTRY_NAMES[iso]
    place = home_region_place(ev.actor1, country) or home_region_place(ev.actor2, country)
    if place is None:
        gaz = Gazetteer.default()
        row = gaz.capital.get(iso)
        place = gaz.place(row, precision=3) if row is not None else None
    if place is not None:
        ev.set_place(place)


def _first_word(c: Candidate) -> int:
    """Where a candidate's own telling of the event starts: its first trigger, else its first toll."""
    if c.triggers:
        return c.first_trigger
    return min((m.start for m in c.casualties), default=c.sentence.start)


def _set_figures(doc: AnalysedDoc, g: Group, ev: Event, iso2: str | None) -> None:
    """Fatalities, the claims behind them, and materiel seized or destroyed."""
    # a recalled sentence with no date of its own («منذ 2013 قتل 50 جنديا») adds no toll
    counted = {c.sentence.index for c in g.members if not c.recalled or c.dates}
    told = [(c.sentence, c.casualties if c.clipped or c.summary
             else doc.in_span("casualty", c.sentence.start, c.sentence.end))
            for c in g.members]
    toll = compute(doc, told, doc.document.outlet, counted)
    ev.fatalities, ev.claims = toll.fatalities, toll.claims
    if g.family != "violence":
        ev.fatalities = 0  # arrests, agreements, looting, protests: deaths told nearby belong to other events
    for claim in ev.claims:
        if claim.claimant and claim.claimant.endswith(":*"):
            claim.claimant = bind(claim.claimant, iso2) or claim.claimant
    ev.evidence.extend(toll.evidence)
    for c in g.members:
        for m in c.materiel:
            items = ev.seized if m.value.action == "seized" else ev.destroyed
            items.append(Item(m.value.item, m.value.count))
            ev.evidence.append(doc.evidence(m.value.action, m.start, m.end))


def _follow_up_arrest(g: Group, groups: list[Group]) -> bool:
    """Arrests told in the report of an attack, same place and day («وألقي القبض على اثنين من المهاجمين»),
    are part of that story: ACLED codes the attack."""
    if g.family != "Arrests":
        return False
    for other in groups:  # the events told near it
        if other is g or other.family != "violence":
            continue
        same_day = g.date is None or other.date is None or _same_day(g.date, other.date)
        same_place = g.place is None or other.place is None or place_relation(g.place, other.place) in (
            "same", "contains")
        if same_day and same_place:
            return True
    return False


def _arrest_has_a_force(g: Group) -> bool:
    """ACLED's arrests are made by state forces: an arrest told with no police, army or security service
    named («أعلنت المحكمة الجنائية الدولية احتجاز رجل») is not coded."""
    from marsad.extract.roles import kind_of

    if g.family != "Arrests":
        return True
    return any(kind_of(a.value.actor_id) in ("state", "external")
               for c in g.members for a in c.actors)


def _civilian_split(doc: AnalysedDoc, g: Group, ev: Event, n: int) -> Event | None:
    """ACLED codes an assault that fights the security forces and also kills civilians as two events:
    Battles with the combatants' deaths, Violence against civilians with the civilians'."""
    if g.family != "violence" or ev.event_type != "Battles" or not ev.actor2:
        return None
    if ev.actor2.split(":")[0] in ("civilians", "protesters") or ev.actor2 == "unidentified":
        return None
    civ = max((civilian_killed(c.casualties) for c in g.members), default=0)
    if civ <= 0:
        return None
    vac = Event.from_dict(ev.to_dict())
    vac.event_id = f"{doc.document.doc_id}#{n}"
    vac.event_type, vac.sub_event_type = "Violence against civilians", "Attack"
    vac.actor2 = bind("civilians:*", iso2_of(ev.country))
    vac.assoc_actors = []
    vac.fatalities = civ
    if ev.fatalities is not None:
        ev.fatalities = max(0, ev.fatalities - civ)
    vac.evidence = [e for e in vac.evidence if e.field != "actor2"]
    span = _inferred_from(g, vac.actor2, [])
    if span is not None:
        vac.evidence.append(doc.evidence("actor2", *span))
    return vac


def _forces_answer(doc: AnalysedDoc, g: Group, ev: Event, n: int) -> Event | None:
    """ACLED codes an attack on civilians and the state forces' fight against its authors («وتصدت قوات الأمن
    للهجوم», «صد الجيش الهجوم») as two events: the second a battle between the attackers and the forces, the
    same day and place, with no deaths of its own unless the sentence that tells it counts them."""
    from marsad.actors import get as registered
    from marsad.extract.candidates import responds
    from marsad.extract.roles import kind_of

    if g.family != "violence" or ev.event_type == "Battles" \
            or (ev.actor2 or "").split(":")[0] in ("military", "police"):
        return None
    lead = g.members[0]
    for c in g.members[1:]:
        if c.sentence.index == lead.sentence.index or not responds(c.triggers, c.actors):
            continue
        force = next(a for a in c.actors if kind_of(a.value.actor_id) == "state")
        actor = registered(force.value.actor_id)
        if actor is not None and actor.country and actor.country != iso2_of(ev.country):
            continue  # «جيش النيجر» answering an attack in Chad: another event (told apart by its country)
        trigger = next(t for t in c.triggers if t.value.sense.initiator == "state" and t.value.sense.weight >= 3)
        answer = Event.from_dict(ev.to_dict())
        answer.event_id = f"{doc.document.doc_id}#{n}"
        answer.event_type, answer.sub_event_type = "Battles", "Armed clash"
        answer.actor1 = ev.actor1 if ev.actor1 and kind_of(ev.actor1) not in ("state", "civilians") else "unidentified"
        answer.actor2 = bind(force.value.actor_id, iso2_of(ev.country)) or force.value.actor_id
        answer.assoc_actors = []
        killed = [k for k in c.casualties if k.value.kind == "killed" and k.value.count]
        answer.fatalities = sum(k.value.count for k in killed)
        answer.claims, answer.seized, answer.destroyed = [], [], []
        answer.evidence = [e for e in ev.evidence if e.field in ("event_date", "location", "actor1")]
        answer.evidence.append(doc.evidence("event_type", trigger.start, trigger.end))
        answer.evidence.append(doc.evidence("sub_event_type", trigger.start, trigger.end))
        answer.evidence.append(doc.evidence("actor2", force.start, force.end))
        answer.evidence.extend(doc.evidence("fatalities", k.start, k.end) for k in killed)
        answer.notes = doc.quote(c.sentence.start, c.sentence.end)[:300]
        return answer
    return None


def _family(t: Mention) -> str:
    from marsad.extract.candidates import family_of

    return family_of(t.value.sense.event_type, t.value.sense.sub_event_type)

"""The analysis stages in pipeline order (each module has one job); thin adapters live here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marsad.analysis import AnalysedDoc, Mention

if TYPE_CHECKING:
    from marsad.pipeline import Stage


class DateStage:
    name = "dates"

    def process(self, doc: AnalysedDoc) -> None:
        from marsad.extract.dates import find_dates

        found = find_dates(doc.norm, doc.reference)
        if doc.reference is None:
            explicit = [d for d in found if d.kind in ("absolute", "month")]
            if explicit:
                latest = max(d.date_max for d in explicit)
                doc.reference = f"{latest.year:04d}-{latest.month:02d}"
                found = find_dates(doc.norm, doc.reference)
        for d in found:
            doc.add(Mention("date", d.start, d.end, d))


class CasualtyStage:
    name = "casualties"

    def process(self, doc: AnalysedDoc) -> None:
        from marsad.extract.casualties import find_casualties
        from marsad.extract.materiel import find_materiel
        from marsad.extract.scope import TollScope, figure_in_context

        scope = TollScope()
        for s in doc.sentences:
            if s.boilerplate:
                continue
            has_day = any(d.value.precision == 1 for d in doc.in_span("date", s.start, s.end))
            for c in find_casualties(doc.text, s.start, s.end):
                decision = scope.decide(figure_in_context(doc.text, c.count, c.end, s.end, has_day, c.start, s.start))
                # a long-run total is kept apart: context, not an event's toll
                doc.add(Mention("casualty" if decision.label == "event" else "cumulative", c.start, c.end, c))
            for m in find_materiel(doc.text, s.start, s.end):
                doc.add(Mention("materiel", m.start, m.end, m))


class PlaceStage:
    name = "places"

    def process(self, doc: AnalysedDoc) -> None:
        from marsad.geo.parts import this_country_mentions
        from marsad.geo.resolve import Geocoder, PlaceMention

        found = Geocoder.default().find(doc.text)
        for p in found:
            doc.add(Mention("place", p.start, p.end, p))
        countries = [p.place.country for p in found]
        if countries:  # «في جنوب شرق البلاد»: the country the report is about
            main = max(set(countries), key=countries.count)
            taken = [(p.start, p.end) for p in found]
            for start, end, place in this_country_mentions(doc.text, main):
                if not any(s < end and start < e for s, e in taken):
                    doc.add(Mention("place", start, end, PlaceMention(start, end, doc.text[start:end], "country",
                                                                      place, 0.5, "this_country")))
            doc.get("place").sort(key=lambda m: m.start)


def analysis_stages() -> list[Stage]:
    from marsad.extract.actors import ActorStage
    from marsad.extract.claims import ClaimStage
    from marsad.extract.triggers import TriggerStage
    from marsad.text.boilerplate import BoilerplateFilter
    from marsad.text.segment import Segmenter

    return [
        Segmenter(), BoilerplateFilter(), TriggerStage(), ActorStage(), ClaimStage(), DateStage(),
        CasualtyStage(), PlaceStage(),
    ]

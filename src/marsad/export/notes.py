"""The ``notes`` column: one English sentence summarising an event, built from its fields only."""

from __future__ import annotations

from marsad.actors import get
from marsad.records import Event

# sub-event type → verb phrase "<actor1> {verb} <actor2>" (None: "<actor1> {verb}" without a target)
VERBS: dict[str, str] = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from",
    "Air/drone strike": "carried out an air/drone strike on",
    "Suicide bomb": "carried out a suicide bombing against",
    "Shelling/artillery/missile attack": "shelled",
    "Remote explosive/landmine/IED": "detonated an explosive device against",
    "Grenade": "threw a grenade at",
    "Chemical weapon": "used a chemical weapon against",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Sexual violence": "committed sexual violence against",
    "Agreement": "reached an agreement with",
    "Arrests": "arrested",
    "Change to group/activity": "changed activity involving",
    "Disrupted weapons use": "disrupted weapons use by",
    "Headquarters or base established": "established a base near",
    "Looting/property destruction": "looted or destroyed property of",
    "Non-violent transfer of territory": "took over territory from",
    "Other": "was involved in an event with",
    "Peaceful protest": "protested peacefully against",
    "Protest with intervention": "protested and were met with intervention by",
    "Excessive force against protesters": "used excessive force against",
    "Violent demonstration": "demonstrated violently against",
    "Mob violence": "engaged in mob violence against",
}


def actor_name(actor_id: str | None) -> str | None:
    actor = get(actor_id)
    return actor.acled_name if actor else actor_id


def summarise(event: Event) -> str:
    """E.g. "On 2024-09-17, JNIM: ... clashed with Military Forces of Mali in Bamako (Bamako, Mali); 12 fatalities."."""
    date = event.event_date or _date_range(event)
    a1, a2 = actor_name(event.actor1), actor_name(event.actor2)
    sub = event.sub_event_type or event.event_type
    verb = VERBS.get(sub or "", "was involved in an event with")
    if a1 and a2:
        action = f"{a1} {verb} {a2}"
    elif a1:
        action = f"{a1}: {sub.lower()}" if sub else f"{a1} was involved in an event"
    elif a2:
        action = f"{sub or 'an event'} against {a2} by an unreported actor"
    else:
        action = f"{sub or 'an event'} by unreported actors"
    place = _place(event)
    head = f"On {date}, " if date else "On an unreported date, "
    return f"{head}{action}{' in ' + place if place else ''}; {_fatalities(event.fatalities)}."


def _date_range(event: Event) -> str | None:
    if event.date_min and event.date_max and event.date_min != event.date_max:
        return f"a day between {event.date_min} and {event.date_max}"
    return event.date_min or event.date_max


def _place(event: Event) -> str:
    where = [p for p in (event.admin1, event.country) if p and p != event.location]
    if event.location:
        return f"{event.location} ({', '.join(where)})" if where else event.location
    return ", ".join(where)


def _fatalities(value: int | None) -> str:
    if value is None:
        return "fatalities reported, number unknown"
    if value == 0:
        return "no fatalities reported"
    return "1 fatality" if value == 1 else f"{value} fatalities"

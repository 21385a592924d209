"""Who against whom: actor1 (the initiator where the text says), actor2 and associated actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from marsad.actors import COUNTRY_SLUG, registry
from marsad.analysis import Mention
from marsad.extract.actors import ActorRef
from marsad.extract.lexicons import load_yaml

STATE_BASES = ("military", "police")
EXTERNAL = frozenset({"military:france", "military:usa", "minusma", "g5_sahel", "wagner", "military:chad",
                      "military:mauritania"})


@dataclass(slots=True)
class Roles:
    actor1: str | None = None
    actor2: str | None = None
    assoc: list[str] = field(default_factory=list)
    mention1: Mention | None = None
    mention2: Mention | None = None


def bind(actor_id: str, iso2: str | None) -> str | None:
    """Give a country-bound id («military:*») the event's country; None when no such actor exists."""
    if not actor_id.endswith(":*"):
        return actor_id
    base = actor_id[:-2]
    slug = COUNTRY_SLUG.get(iso2 or "")
    if slug is None:  # no country known: a country-bound actor cannot be named
        return None
    candidate = f"{base}:{slug}"
    return candidate if candidate in registry() else None


@cache
def state_allies() -> frozenset[str]:
    return frozenset(load_yaml("actors.yaml").get("state_allies", []))


@cache
def kind_of(actor_id: str) -> str:
    base = actor_id.split(":")[0]
    if base in STATE_BASES:
        return "external" if actor_id in EXTERNAL else "state"
    if actor_id in EXTERNAL:
        return "external"
    if base in ("civilians", "protesters", "rioters"):
        return base
    if actor_id == "unidentified":
        return "unidentified"
    if actor_id in state_allies():
        return "ally"
    actor = registry().get(actor_id)
    if actor is not None and actor.kind == "external":  # «القوة المشتركة متعددة الجنسيات»
        return "external"
    return "armed"


def assign(
    actors: list[Mention],
    *,
    iso2: str | None,
    state_initiates: bool,
    first_trigger: int,
    victims: set[str],
    victim_spans: list[tuple[int, int]] | None = None,
    attacker_spans: list[tuple[int, int]] | None = None,
    accused: list[str] | None = None,
    killings: list[tuple[int, int]] | None = None,
    default_army: bool = False,
    explosive: bool = False,
    civilians_outnumber: bool = False,
) -> Roles:
    """Roles from the actor mentions of one event (in text order).

    ``victims`` are the victim classes of the casualties («military», «civilian», «attacker»); ``killings`` the
    (start of the killing words, start of the victims) of each death toll; ``civilians_outnumber``: more
    civilians than soldiers among the dead.
    """
    seen: dict[str, Mention] = {}
    for m in actors:
        ref: ActorRef = m.value
        bound = bind(ref.actor_id, iso2)
        if bound and bound not in seen:
            seen[bound] = m
    by_kind: dict[str, list[str]] = {}
    for actor_id in seen:
        by_kind.setdefault(kind_of(actor_id), []).append(actor_id)
    # a generic «الجيش» next to a named national army is the same actor
    # forces named specifically («الجيش المالي», «قوة الأمم المتحدة») in text order; a generic noun
    # («الجنود», «الجيش») stands for the country's army only when no force is named
    all_forces = by_kind.get("state", []) + by_kind.get("external", [])
    specific = [f for f in all_forces if not seen[f].value.country_bound]
    specific.sort(key=lambda f: seen[f].start)
    # pro-government militias fight on the forces' side, after them (alone, they are the forces)
    forces = (specific or by_kind.get("state", [])) + sorted(by_kind.get("ally", []), key=lambda f: seen[f].start)
    armed = by_kind.get("armed", [])
    unidentified = by_kind.get("unidentified", [])
    civilians = by_kind.get("civilians", []) + by_kind.get("protesters", [])
    roles = Roles()

    spans = victim_spans or []

    def is_victim(m: Mention) -> bool:
        return any(s <= m.start < e or m.start <= s < m.end for s, e in spans)

    def before_slain_attackers(m: Mention) -> bool:
        # «قتل الجيش الفرنسي عشرات الإرهابيين»: the force between the verb and the attackers it killed
        return any(m.end <= s <= m.end + _SUBJECT_REACH for s, _ in attacker_spans or [])

    def before_its_victims(m: Mention) -> bool:
        # «قتل جنود ماليون وعناصر فاغنر 20 مدنيا»: the force between the killing verb and the victims it killed
        return not is_victim(m) and any(verb < m.start and m.end <= victim <= m.end + _SUBJECT_REACH
                                        for verb, victim in killings or [])

    subjects = [f for f in forces if (seen[f].start < first_trigger or before_slain_attackers(seen[f]))
                and not is_victim(seen[f]) and not seen[f].value.target_only]
    killers = [f for f in forces if before_its_victims(seen[f]) and not seen[f].value.target_only]
    blamed = [b for b in (bind(a, iso2) for a in accused or []) if b]
    if blamed:  # «اتهمت منظمات حقوقية الجيش المالي بقتل مدنيين»: the accused did it
        subjects = [f for f in forces if f in blamed]
        armed = sorted(armed, key=lambda a: a not in blamed)
    elif killers and not armed and not unidentified:
        subjects = killers + [f for f in subjects if f not in killers]
    state_subject = bool(subjects) and ("attacker" in victims or bool(blamed) or (bool(killers) and subjects[0]
                                                                                  in killers))
    if state_subject:
        forces = subjects + [f for f in forces if f not in subjects]
    if state_initiates and any(seen[a].start < first_trigger for a in armed) and not any(
            seen[f].start < first_trigger for f in forces if f in seen):
        # «أعلنت جماعة نصرة الإسلام أنها استهدفت بطائرة مسيرة تجمعا للجيش»: the group named before the act did it
        state_initiates = False
    if state_initiates and not forces:
        # «شنت طائرات غارات على مواقع للجماعة»: an air strike or a recapture with no force named is the
        # country's army's
        army = bind("military:*", iso2)
        forces = [army] if army else []
    if (state_initiates or state_subject) and forces:
        roles.actor1 = forces[0]
        targets: list[str] = armed or unidentified or civilians
        roles.actor2 = targets[0] if targets else None
        if roles.actor2 is None and ("attacker" in victims or state_initiates):
            roles.actor2 = "unidentified"  # those arrested or struck, not named
        roles.assoc = [f for f in forces[1:] if f != roles.actor2]
    else:
        attackers = armed + unidentified
        roles.actor1 = attackers[0] if attackers else "unidentified"
        allies = _coordinated(roles.actor1, armed, seen) if roles.actor1 in armed else []
        others = [a for a in armed if a != roles.actor1 and a not in allies]
        civilian_target = civilians and _first_after(civilians + forces, seen, first_trigger) in civilians
        only_civilians_died = "civilian" in victims and not victims & {"military", "attacker"}
        # a bomb that kills passers-by still targeted the patrol it was set for; a bomb in a market that kills ten
        # people and a soldier among them («مقتل 10 مدنيين وجندي») targeted the crowd: forces named only among
        # the dead, fewer than the civilians, were not its target
        crowd_bombed = explosive and civilians_outnumber and bool(forces) and all(is_victim(seen[f]) for f in forces)
        civilian_deaths_decide = (only_civilians_died and not (explosive and forces)) or crowd_bombed
        if (civilians or "civilian" in victims) and (
                civilian_deaths_decide or (civilian_target and not victims & {"military", "attacker"})):
            roles.actor2 = civilians[0] if civilians else bind("civilians:*", iso2)
        elif forces:
            roles.actor2 = forces[0]
            roles.assoc = forces[1:]
        elif "military" in victims or ("attacker" in victims and default_army):
            # a soldier among the dead, or attackers killed in an assault: the forces fought it
            roles.actor2 = bind("military:*", iso2)
        elif civilians or "civilian" in victims:
            roles.actor2 = civilians[0] if civilians else bind("civilians:*", iso2)
        elif others:
            roles.actor2 = others[0]
        elif victims == {"unknown"} and not default_army:
            # «قتل 37 شخصا في تفجيرين استهدفا محطتي حافلات»: people killed with no force among them were the
            # civilians around (ACLED's default for unnamed victims), never the army
            roles.actor2 = bind("civilians:*", iso2)
        roles.assoc = [*allies, *roles.assoc]
    army = bind("military:*", iso2)
    if army is not None and (roles.actor2 == "wagner" or (roles.actor1 == "wagner" and (roles.actor2 is None or any(
            f.startswith("military:") and f != "military:france" for f in forces)))):
        # ACLED codes Wagner / Africa Corps alongside the armed forces of the country it fights in
        if roles.actor2 == "wagner":
            roles.actor2 = army
        elif roles.actor2 is not None:  # «مرتزقة فاغنر والجيش المالي قتلوا مدنيين»: the army, with Wagner
            roles.actor1 = army
        roles.assoc = ["wagner", *[a for a in roles.assoc if a not in ("wagner", roles.actor1)]]
    if roles.actor2 is None and roles.actor1 and kind_of(roles.actor1) in ("armed", "unidentified") and default_army:
        roles.actor2 = bind("military:*", iso2)  # an armed assault with no target named: the state's forces
    if roles.actor2 and roles.actor2.startswith(("civilians", "protesters")):
        roles.actor2 = bind(roles.actor2.split(":")[0] + ":*", iso2) or roles.actor2
    roles.mention1 = seen.get(roles.actor1) if roles.actor1 else None
    roles.mention2 = seen.get(roles.actor2) if roles.actor2 else None
    roles.assoc = [a for a in roles.assoc if a not in (roles.actor1, roles.actor2)]
    return roles


def _coordinated(first: str, armed: list[str], seen: dict[str, Mention]) -> list[str]:
    """«مقاتلو حركة أنصار الدين والحركة الوطنية لتحرير أزواد»: groups named one right after the other,
    joined by «و», act together (allies of the first)."""
    out: list[str] = []
    last = seen[first]
    for a in sorted((a for a in armed if a != first), key=lambda a: seen[a].start):
        m = seen[a]
        if 0 <= m.start - last.end <= 2:
            out.append(a)
            last = m
    return out


_SUBJECT_REACH = 40  # characters from a force to the attackers it is said to have killed


def _first_after(ids: list[str], seen: dict[str, Mention], pos: int) -> str | None:
    """The actor mentioned first after the trigger (the object of «هاجم مسلحون قرية»)."""
    after = [i for i in ids if seen[i].start >= pos]
    return min(after, key=lambda i: seen[i].start) if after else None

"""Figures of one event: claims kept apart per claimant, and ACLED's conservative fatalities.

Within one claimant a figure stated later in the report, or larger («ارتفعت الحصيلة إلى»),
is the updated toll and replaces a provisional one; between claimants the lowest counts.
Deaths reported without any figure give ``None``; no deaths reported gives 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.analysis import AnalysedDoc, Mention, Sentence
from marsad.extract.claims import Attribution
from marsad.records import Claim, Evidence

REPORT = "report"  # the claimant when a sentence names no source: the outlet itself


@dataclass(slots=True)
class Toll:
    fatalities: int | None
    claims: list[Claim]
    evidence: list[Evidence]


def _sum(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def sentence_figures(casualties: list[Mention]) -> dict[str, int | None]:
    """killed / injured / captured totals of one sentence (None: reported without a figure).

    Groups listed together («خمسة جنود وثلاثة دركيين») are disjoint and add up; victims of different classes
    add up; the same class stated again in another statement («مقتل 13 ... 13 قتيلا») does not."""
    out: dict[str, int | None] = {}
    for kind in ("killed", "injured", "captured"):
        hits = [c.value for c in casualties if c.value.kind == kind and not c.value.subcount]
        if not hits:
            continue
        statements: list[dict[str, int | None]] = []  # per statement: class → its count (None: no figure)
        for h in hits:
            if not h.joined or not statements:
                statements.append({})
            cur = statements[-1]
            cur[h.victim] = h.count if h.victim not in cur else _sum([cur[h.victim], h.count])
        classes = {v for st in statements for v in st}
        out[kind] = _sum([max((n for st in statements if (n := st.get(v)) is not None), default=None)
                          for v in classes])
    return out


def victim_classes(casualties: list[Mention]) -> set[str]:
    """The kinds of the dead: a breakdown's classes count only when its head does not say who they were
    («قتل 15 راكبا بينهم شرطيان»: civilians; «مقتل 12 شخصا بينهم خمسة جنود»: soldiers among them)."""
    out: set[str] = set()
    head: str | None = None
    for c in casualties:
        v = c.value
        if v.kind != "killed":
            continue
        if not v.subcount:
            head = v.victim
            out.add(v.victim)
        elif head in (None, "unknown"):
            out.add(v.victim)
    return out


def civilian_killed(casualties: list[Mention]) -> int:
    """Civilians killed in one sentence, breakdowns («بينهم ثلاثة مدنيين») included."""
    return killed_of(casualties, "civilian")


def killed_of(casualties: list[Mention], victim: str) -> int:
    """Those of one kind («civilian», «military») killed in one sentence, breakdowns included."""
    counts = [c.value.count for c in casualties
              if c.value.kind == "killed" and c.value.victim == victim and c.value.count is not None]
    return max(counts, default=0)


def _conservative(per_claimant: dict[str, list[int]], classes: dict[str, set[str]]) -> int:
    """The lowest of the claimants' tolls, leaving out a partial count («four attackers were killed») that is
    smaller than another claimant's overall toll («16 dead»): it does not compete with it."""
    tolls = {c: max(v) for c, v in per_claimant.items()}

    def partial(c: str) -> bool:
        mine = classes.get(c, set())
        return len(mine) == 1 and "unknown" not in mine and any(
            tolls[o] > tolls[c] and ("unknown" in classes.get(o, set()) or len(classes.get(o, set())) > 1)
            for o in tolls if o != c)

    competing = [v for c, v in tolls.items() if not partial(c)] or list(tolls.values())
    return min(competing)


def compute(doc: AnalysedDoc, told: list[tuple[Sentence, list[Mention]]], outlet: str | None,
            figures_from: set[int] | None = None) -> Toll:
    """``told``: each sentence of the event with the casualty mentions that belong to it (a sentence may
    also tell another event, whose figures are left out); ``figures_from``: indexes of the sentences whose
    death tolls count (others only add claims)."""
    claims: list[Claim] = []
    evidence: list[Evidence] = []
    per_claimant: dict[str, list[int]] = {}
    classes: dict[str, set[str]] = {}
    deaths_without_figure = False
    attributions = {m.start: m.value for m in doc.get("attribution")}
    by_sentence: dict[int, tuple[Sentence, list[Mention]]] = {}
    seen: set[int] = set()
    for sentence, mentions in told:
        known = by_sentence.setdefault(sentence.index, (sentence, []))[1]
        for m in mentions:
            if id(m) not in seen:
                seen.add(id(m))
                known.append(m)
    for s, cas in by_sentence.values():
        if not cas:
            continue
        figures = sentence_figures(cas)
        if not figures:
            continue
        att: Attribution | None = attributions.get(s.start)
        claimant = att.claimant if att else (outlet or REPORT)
        first, last = min(c.start for c in cas), max(c.end for c in cas)
        claims.append(Claim(claimant, figures.get("killed"), figures.get("injured"), figures.get("captured"),
                            doc.quote(first, last)))
        for c in cas:
            if c.value.kind == "killed":
                evidence.append(doc.evidence("fatalities", c.start, c.end))
        if "killed" in figures and (figures_from is None or s.index in figures_from):
            if figures["killed"] is None:
                deaths_without_figure = True
            else:
                per_claimant.setdefault(claimant, []).append(int(figures["killed"]))
                classes.setdefault(claimant, set()).update(
                    c.value.victim for c in cas if c.value.kind == "killed" and not c.value.subcount)
    if per_claimant:
        fatalities: int | None = _conservative(per_claimant, classes)
    elif deaths_without_figure:
        fatalities = None
    else:
        fatalities = 0
    return Toll(fatalities, claims, evidence)

"""Cross-source merging without a database: the pairwise decision, the union-find's refusals, stable ids."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from marsad.merge import cluster_events, link_score, merge_text
from marsad.merge.cluster import THRESHOLD, assign_clusters, cluster_id_for, item_from_event
from marsad.merge.similarity import grams, jaccard, km, words
from marsad.merge.summary import MemberFacts, summarise
from marsad.records import Claim, Event, Evidence

# two reports of one attack in Boni (texts written for these tests)
TEXT_A = "هاجمت جماعة نصرة الإسلام والمسلمين معسكرا للجيش المالي في بوني يوم الثلاثاء وقتلت خمسة جنود."
TEXT_B = "قُتل خمسة جنود ماليين في هجوم لجماعة نصرة الإسلام على معسكر للجيش في بوني الثلاثاء."
TEXT_OTHER = "أفرجت السلطات عن معتقلين في العاصمة بعد وساطة محلية."


def ev(doc_id: str, text: str = TEXT_A, **kw: Any) -> Event:
    base: dict[str, Any] = dict(
        doc_id=doc_id, event_date="2024-01-02", date_min="2024-01-02", date_max="2024-01-02", time_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1="jnim", actor2="military:mali", country="Mali",
        admin1="Mopti", admin2="Douentza", location="Boni", geonameid=2460954, latitude=15.05, longitude=-2.21,
        geo_precision=1, fatalities=5, evidence=[Evidence("trigger", 0, len(text))],
    )
    base.update(kw)
    return Event(**base)


def score(a: Event, b: Event, ta: str = TEXT_A, tb: str = TEXT_B) -> float | None:
    return link_score(item_from_event(a, "a#1", ta), item_from_event(b, "b#1", tb))


FAR = dict(location="Kidal", admin1="Kidal", admin2="Kidal", geonameid=2455290, latitude=18.44, longitude=1.41)


@pytest.mark.parametrize(
    ("why", "b_overrides", "text_b", "merges"),
    [
        ("same day, place, actors, type", {}, TEXT_B, True),
        ("same, even without any shared words", {}, TEXT_OTHER, True),
        ("a day later (dates are ±1 day)", dict(event_date="2024-01-03", date_min="2024-01-03",
                                                date_max="2024-01-03"), TEXT_B, True),
        ("three days later", dict(event_date="2024-01-05", date_min="2024-01-05", date_max="2024-01-05"),
         TEXT_B, False),
        ("a week's range that holds the day", dict(event_date=None, date_min="2023-12-28", date_max="2024-01-03",
                                                   time_precision=2), TEXT_B, True),
        ("another place 30 km away", dict(location="Elsewhere", geonameid=None, latitude=15.05, longitude=-1.93),
         TEXT_B, True),
        ("another region", FAR, TEXT_B, False),
        ("another country, same point", dict(country="Niger"), TEXT_B, False),
        ("the attacker unidentified", dict(actor1="unidentified"), TEXT_B, True),
        ("the attacker unknown, roles swapped", dict(actor1="military:mali", actor2=None), TEXT_B, True),
        ("another attacker", dict(actor1="is_sahel"), TEXT_B, False),
        ("the other party named only as an ally", dict(actor1="katiba_macina", assoc_actors=["jnim"]),
         TEXT_B, True),
        ("Battles vs Explosions/Remote violence", dict(event_type="Explosions/Remote violence",
                                                       sub_event_type="Remote explosive/landmine/IED"), TEXT_B, True),
        ("Battles vs Violence against civilians", dict(event_type="Violence against civilians",
                                                       sub_event_type="Attack", actor2="civilians:mali"),
         TEXT_B, False),
        ("no date at all", dict(event_date=None, date_min=None, date_max=None), TEXT_B, False),
        ("a region-level point, same admin1, different words", dict(
            location="Mopti", geonameid=2453348, latitude=14.49, longitude=-4.20, geo_precision=3,
            event_date=None, date_min="2024-01-01", date_max="2024-01-31", time_precision=3), TEXT_OTHER, False),
        ("30 km away, a week's range, tolls far apart (5 against 30)", dict(
            fatalities=30, location="Elsewhere", geonameid=None, latitude=15.05, longitude=-1.93, event_date=None,
            date_min="2023-12-28", date_max="2024-01-03", time_precision=2), TEXT_OTHER, False),
        ("30 km away, a week's range, the same toll", dict(
            fatalities=5, location="Elsewhere", geonameid=None, latitude=15.05, longitude=-1.93, event_date=None,
            date_min="2023-12-28", date_max="2024-01-03", time_precision=2), TEXT_OTHER, True),
        ("30 km away, a week's range, one report without a toll", dict(
            fatalities=0, location="Elsewhere", geonameid=None, latitude=15.05, longitude=-1.93, event_date=None,
            date_min="2023-12-28", date_max="2024-01-03", time_precision=2), TEXT_OTHER, True),
        ("a region-level point, same admin1, same words", dict(
            location="Mopti", geonameid=2453348, latitude=14.49, longitude=-4.20, geo_precision=3,
            event_date=None, date_min="2024-01-01", date_max="2024-01-31", time_precision=3), TEXT_A, True),
    ],
)
def test_pair_decision(why: str, b_overrides: dict[str, Any], text_b: str, merges: bool) -> None:
    s = score(ev("a"), ev("b", text_b, **b_overrides), TEXT_A, text_b)
    assert (s is not None and s >= THRESHOLD) is merges, f"{why}: score {s}"


TWO_DAYS = dict(event_date="2024-01-04", date_min="2024-01-04", date_max="2024-01-04")
KIDAL_TEXT = "هاجم مسلحون دورية للجيش قرب كيدال وقتلوا خمسة جنود يوم الثلاثاء."


@pytest.mark.parametrize(
    ("why", "b_overrides", "text_b", "merges"),
    [
        # report timing: a later report dates the event a day or two off
        ("two days later, the same place, type and actors", TWO_DAYS, TEXT_B, True),
        ("two days later in other words and 30 km away", dict(TWO_DAYS, location="Elsewhere", geonameid=None,
                                                             longitude=-1.93), TEXT_OTHER, False),
        ("two days off a week's range", dict(event_date=None, date_min="2024-01-04", date_max="2024-01-10",
                                             time_precision=2), TEXT_OTHER, False),
        # actors: «unidentified gunmen» in one report, the group named in the other
        ("the group unidentified, the victims told as another force", dict(actor1="unidentified",
                                                                          actor2="military:niger"), TEXT_B, False),
        ("the army told as the joint force it serves in", dict(actor2="g5_sahel"), TEXT_B, True),
        ("a country's police for its army", dict(actor2="police:mali"), TEXT_B, True),
        ("another country's army", dict(actor2="military:nigeria"), TEXT_B, False),
        ("a founding group of the coalition named", dict(actor1="ansar_dine"), TEXT_OTHER, True),
        # one dispatch reprinted: the same words and toll, one report placed wrong
        ("one dispatch's words, the same toll, another region", dict(FAR), TEXT_A, True),
        ("one dispatch's words, another toll, another region", dict(FAR, fatalities=9), TEXT_A, False),
        ("one dispatch's words, the same toll, another region two days later", dict(FAR, **TWO_DAYS), TEXT_A, False),
        ("its own words, the same toll, another region", dict(FAR), KIDAL_TEXT, False),
    ],
)
def test_pair_decision_tolerates_what_outlets_tell_differently(why: str, b_overrides: dict[str, Any], text_b: str,
                                                              merges: bool) -> None:
    s = score(ev("a"), ev("b", text_b, **b_overrides), TEXT_A, text_b)
    assert (s is not None and s >= THRESHOLD) is merges, f"{why}: score {s}"


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        ("jnim", "jnim", 0.5),
        ("unidentified", "jnim", 0.0),
        ("unidentified", "dozo", 0.0),
        ("unidentified", "military:mali", -0.5),
        (None, "jnim", -0.5),
        (None, None, 0.0),
        ("g5_sahel", "military:burkina_faso", 0.0),
        ("mnjtf", "military:cameroon", 0.0),
        ("boko_haram", "iswap", 0.0),
        ("jnim", "is_sahel", None),
        ("military:mali", "military:niger", None),
    ],
)
def test_actor_sides(x: str | None, y: str | None, expected: float | None) -> None:
    from marsad.merge.cluster import _side

    a = item_from_event(ev("a"), "a#1")
    assert _side(x, y, a, a) == expected


def test_same_document_never_links() -> None:
    a = item_from_event(ev("a"), "a#1", TEXT_A)
    assert link_score(a, replace(a, key="a#2")) is None


def test_cluster_events_sets_ids_and_sources() -> None:
    events = [ev("a"), ev("b", TEXT_B), ev("c", TEXT_OTHER, **FAR)]
    out = cluster_events(events, {"a": TEXT_A, "b": TEXT_B, "c": TEXT_OTHER})
    assert out is events
    assert events[0].cluster_id == events[1].cluster_id != events[2].cluster_id
    assert events[0].sources == events[1].sources == ["a", "b"] and events[2].sources == ["c"]
    assert events[0].cluster_id == cluster_id_for(["a#1", "b#1"]) and events[2].cluster_id == cluster_id_for(["c#1"])
    assert events[0].to_dict()["cluster_id"] == events[0].cluster_id


def test_ids_do_not_depend_on_input_order() -> None:
    texts = {"a": TEXT_A, "b": TEXT_B, "c": TEXT_OTHER}
    first = cluster_events([ev("a"), ev("b", TEXT_B), ev("c", TEXT_OTHER, **FAR)], texts)
    second = cluster_events([ev("c", TEXT_OTHER, **FAR), ev("b", TEXT_B), ev("a")], texts)
    assert {e.doc_id: e.cluster_id for e in first} == {e.doc_id: e.cluster_id for e in second}


def test_two_events_of_one_document_stay_apart_even_through_a_third() -> None:
    # doc b reports two clashes at Boni (another toll, once vaguely dated); doc a's report could join either, not both
    vague = dict(event_date=None, date_min="2024-01-01", date_max="2024-01-03", time_precision=2, fatalities=9)
    events = [ev("b", TEXT_B), ev("b", TEXT_B, **vague), ev("a")]
    cluster_events(events, {"a": TEXT_A, "b": TEXT_B})
    assert events[0].cluster_id != events[1].cluster_id
    assert events[2].cluster_id == events[0].cluster_id  # the better (exact-day) match wins


ONE_DAY = dict(event_date="2024-01-03", date_min="2024-01-03", date_max="2024-01-03")


@pytest.mark.parametrize(
    ("why", "second", "together"),
    [
        ("the same toll, place and type a day off: one event told twice (lede and recap)", ONE_DAY, True),
        ("the second telling names only «gunmen»", dict(ONE_DAY, actor1="unidentified"), True),
        ("another toll: two events", dict(ONE_DAY, fatalities=9), False),
        ("no toll: nothing says it is a retelling", dict(ONE_DAY, fatalities=0), False),
        ("two days off", dict(event_date="2024-01-04", date_min="2024-01-04", date_max="2024-01-04"), False),
        ("another place 30 km away", dict(ONE_DAY, location="Elsewhere", geonameid=None, longitude=-1.93), False),
        ("another event type", dict(ONE_DAY, event_type="Violence against civilians", sub_event_type="Attack",
                                    actor2="civilians:mali"), False),
    ],
)
def test_a_report_telling_one_event_twice_joins_one_cluster(why: str, second: dict[str, Any],
                                                             together: bool) -> None:
    # doc b tells the clash twice; docs a and c report it once each: b's second record may join only when it is
    # the same event told again
    events = [ev("a"), ev("b", TEXT_B), ev("b", TEXT_B, **second), ev("c", TEXT_B, **second)]
    cluster_events(events, {"a": TEXT_A, "b": TEXT_B, "c": TEXT_B})
    assert events[0].cluster_id == events[1].cluster_id, why
    assert (events[1].cluster_id == events[2].cluster_id) is together, why


def test_links_chain_over_at_most_two_days() -> None:
    days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06"]
    events = [ev(f"d{i}", TEXT_B, event_date=d, date_min=d, date_max=d) for i, d in enumerate(days)]
    cluster_events(events, {f"d{i}": TEXT_B for i in range(len(days))})
    members: dict[str | None, list[date]] = {}
    for e, d in zip(events, days, strict=True):
        members.setdefault(e.cluster_id, []).append(date.fromisoformat(d))
    assert len(members) > 1
    assert all((max(m) - min(m)).days <= 2 for m in members.values())


def test_settled_clusters_move_as_units() -> None:
    a, b = item_from_event(ev("a"), "a#1", TEXT_A), item_from_event(ev("b", TEXT_B), "b#1", TEXT_B)
    # a settled cluster {x (far away, but stored together with b)} and b: the new report a joins b's cluster
    x = item_from_event(ev("x", TEXT_OTHER, **FAR), "x#1", TEXT_OTHER)
    out = assign_clusters([a], [b, x], {"b#1": "c-old", "x#1": "c-old"})
    assert out == {"a#1": "c-old"}  # the cluster keeps its id when a report joins it (spec §6)
    # a record that joins nothing gets its own cluster and leaves the settled ones alone
    far = item_from_event(ev("y", TEXT_OTHER, event_date="2020-01-01", date_min=None, date_max=None), "y#1")
    assert assign_clusters([far], [b, x], {"b#1": "c-old", "x#1": "c-old"}) == {"y#1": cluster_id_for(["y#1"])}


def test_joined_clusters_keep_the_older_id() -> None:
    a, b = item_from_event(ev("a"), "a#1", TEXT_A), item_from_event(ev("b", TEXT_B), "b#1", TEXT_B)
    c = item_from_event(ev("c", TEXT_B), "c#1", TEXT_B)
    out = assign_clusters([a], [b, c], {"b#1": "c-new", "c#1": "c-older"}, ages={"c-new": 9, "c-older": 2})
    assert set(out.values()) == {"c-older"} and set(out) == {"a#1", "b#1"}


def test_merge_text_reads_evidence_spans_claims_and_notes() -> None:
    e = ev("a", evidence=[Evidence("trigger", 0, 5), Evidence("place", 0, 5), Evidence("bad", 90, 500)],
           claims=[Claim("jnim", 5, quote="خمسة جنود")], notes="note")
    assert merge_text(e, TEXT_A) == f"{TEXT_A[:5]} | {TEXT_A[90:]} | خمسة جنود | note"
    assert merge_text(e, None) == "خمسة جنود | note"


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ([MemberFacts("a", 5, (5, 12)), MemberFacts("b", 9)], (5, 5, 12, 2, 2)),
        ([MemberFacts("a", None, (30,)), MemberFacts("b", 0)], (0, 0, 30, 2, 2)),
        ([MemberFacts("a", None), MemberFacts("b", None)], (None, None, None, 2, 2)),
        ([MemberFacts("a", 3)], (3, 3, 3, 1, 1)),
    ],
)
def test_cluster_fatalities_are_acled_conservative(facts: list[MemberFacts],
                                                   expected: tuple[Any, ...]) -> None:
    s = summarise("c-1", facts)
    assert (s.fatalities, s.fatalities_min, s.fatalities_max, s.n_sources, s.n_events) == expected


def test_cluster_dates_span_members() -> None:
    s = summarise("c", [MemberFacts("a", 1, lo=date(2024, 1, 2), hi=date(2024, 1, 2)),
                        MemberFacts("b", 1, lo=date(2024, 1, 1), hi=date(2024, 1, 3))])
    assert (s.date_first, s.date_last, s.sources) == (date(2024, 1, 1), date(2024, 1, 3), ("a", "b"))


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("هاجم مسلحون بلدة بوني", "الهجوم على بوني من قبل مسلحين", 0.2, 1.0),
        ("هاجم مسلحون بلدة بوني", "أفرجت السلطات عن معتقلين", 0.0, 0.1),
        ("", "بوني", 0.0, 0.0),
    ],
)
def test_lexical_similarity(a: str, b: str, low: float, high: float) -> None:
    assert low <= jaccard(grams(a), grams(b)) <= high


def test_words_fold_arabic_and_drop_the_article() -> None:
    assert words("الجيشُ المالي، وبالأمس ١٢ قتيلاً للجيش") == ["جيش", "مالي", "امس", "قتيلا", "جيش"]


def test_distance() -> None:
    assert km(12.65, -8.0, 12.65, -8.0) == 0
    assert 940 < km(12.65, -8.0, 16.27, -0.04) < 960  # Bamako - Gao

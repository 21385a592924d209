"""Alert rules: matching a merged event, the rules file's errors, webhook retries and idempotency keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad.watch.alerts import describe_changes
from marsad.watch.rules import Rule, RulesError, load_rules, parse_rules
from marsad.watch.sources import Source

from .conftest import Site, alert_lines, make_watcher

EVENT: dict[str, Any] = {
    "cluster_id": "c-1", "status": "reported", "event_type": "Battles", "sub_event_type": "Armed clash",
    "actor1": "jnim", "actor2": "military:mali", "assoc_actors": ["wagner"], "country": "Mali", "admin1": "Mopti",
    "admin2": "Douentza", "location": "Douentza", "latitude": 15.0, "longitude": -2.95, "fatalities": 7,
    "sources": [{"doc_id": "a"}],
}


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ({"countries": ["Mali"], "admin1": ["Mopti", "Ségou"], "min_fatalities": 1},
         "country Mali; admin1 Mopti; fatalities 7 ≥ 1"),
        ({"countries": "mali"}, "country Mali"),  # one value, any case
        ({"countries": ["Niger"]}, None),
        ({"admin2": ["Douentza"]}, "admin2 Douentza"),
        ({"bbox": [-4, 14, -2, 16]}, "at 15.000,-2.950 in bbox"),
        ({"bbox": [0, 10, 5, 14]}, None),
        ({"actors": ["military"]}, "actor military:mali"),  # a family matches its members
        ({"actors": ["wagner"]}, "actor wagner"),
        ({"actors": ["isgs"]}, None),
        ({"event_types": ["Battles"], "sub_event_types": ["Armed clash"]}, "type Battles; sub-type Armed clash"),
        ({"event_types": ["Riots"]}, None),
        ({"min_fatalities": 8}, None),
        ({"status": ["reported"]}, "status reported"),
        ({}, "every event (the rule names no condition)"),
    ],
)
def test_rule_match(rule: dict[str, Any], reason: str | None) -> None:
    assert Rule(name="r", **rule).match(EVENT) == reason


def test_min_fatalities_needs_a_figure() -> None:
    assert Rule(name="r", min_fatalities=0).match({**EVENT, "fatalities": None}) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules: [", "not valid YAML"),
        ("- name: x", "expected a mapping with a 'rules' list"),
        ("rules:\n  - countries: [Mali]", "rule 1: name: Field required"),
        ("rules:\n  - name: a\n    bbox: [1, 2, 3]", "rule 1: bbox"),
        ("rules:\n  - name: a\n    bbox: [0, 20, 5, 10]", "south, east, north"),
        ("rules:\n  - name: a\n    min_fatalities: -1", "min_fatalities"),
        ("rules:\n  - name: a\n    webhook: ftp://x", "webhook must be an http(s) URL"),
        ("rules:\n  - name: a\n    colour: red", "colour: Extra inputs are not permitted"),
        ("rules:\n  - name: a\n  - name: a", "rule 2: the name 'a' is used twice"),
    ],
)
def test_bad_rules_files_name_the_file_and_the_rule(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_missing_rules_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read"):
        load_rules(tmp_path / "nope.yaml")


def test_the_sample_rules_file_loads() -> None:
    rules = load_rules(Path(__file__).resolve().parents[2] / "sample" / "rules.yaml")
    assert rules and all(r.name for r in rules)


@pytest.mark.parametrize(
    ("old", "new", "changes"),
    [
        ({"sources": ["a"], "fatalities": 5}, {"sources": ["a", "b"], "fatalities": 5}, ["new source b"]),
        ({"sources": ["a"], "fatalities": 5}, {"sources": ["a"], "fatalities": 9}, ["fatalities 5 → 9"]),
        ({"sources": ["a", "b"], "location": "Boni"}, {"sources": ["a"], "location": "Douentza"},
         ["source b withdrawn", "location Boni → Douentza"]),
    ],
)
def test_what_changed(old: dict[str, Any], new: dict[str, Any], changes: list[str]) -> None:
    assert describe_changes(old, new) == changes


@pytest.mark.parametrize("fail_first", [0, 2])
def test_webhook_gets_each_alert_once_with_its_key(site: Site, tmp_path: Path, store: Any, fail_first: int) -> None:
    site.hook_fail_first = fail_first  # the receiver answers 503 first: the POST is retried
    items = site.articles(["mali-ambush", "bf-village", "niger-clash"])
    feed = site.feed("/feed.xml", items)
    rules = parse_rules({"rules": [{"name": "deaths", "min_fatalities": 1, "webhook": site.url + "/hook"}]})
    make_watcher(store, [Source(feed, "feed")], tmp_path, rules).run()
    make_watcher(store, [Source(feed, "feed")], tmp_path, rules).run()  # a second run sends nothing again
    lines = alert_lines(tmp_path)
    assert len(lines) == 3
    assert sorted(k for _, k, _ in site.hooks) == sorted(a["key"] for a in lines)
    assert site.hits["POST /hook"] == 3 + fail_first
    assert all(body["key"] == key and body["event"]["fatalities"] >= 1 for _, key, body in site.hooks)

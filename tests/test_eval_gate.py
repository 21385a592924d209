"""Evaluation gate: the extractor on ../shared/corpus/{seeds,dev}, scored by the referee, above the floors.

Floors live in ``eval_floors.json`` and are only ever raised. The reports themselves are read
from ``../shared`` at test time; the test skips, saying why, when that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from marsad.evaluate import CORPORA, run_corpus, score, shared_dir

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text("utf-8"))
SHARED = shared_dir()

pytestmark = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").exists(), reason=f"no shared corpus and referee scorer at {SHARED}"
)


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    runs = {c: run_corpus(SHARED, c) for c in CORPORA}
    out = {c: score(SHARED, r.gold, r.events) for c, r in runs.items()}
    out["all"] = score(SHARED, [g for r in runs.values() for g in r.gold], [e for r in runs.values() for e in r.events])
    return out


@pytest.mark.parametrize("metric", sorted(FLOORS["floors"]))
def test_floor(results: dict[str, dict[str, Any]], metric: str) -> None:
    got = results["all"].get(metric)
    floor = FLOORS["floors"][metric]
    target = FLOORS["targets"].get(metric)
    assert got is not None and got >= floor, f"{metric} = {got} fell below its floor {floor} (issue target {target})"


@pytest.mark.parametrize("metric", sorted(FLOORS["seeds_floors"]))
def test_seeds_merge(results: dict[str, dict[str, Any]], metric: str) -> None:
    assert results["seeds"].get(metric) == pytest.approx(FLOORS["seeds_floors"][metric])


def test_floors_never_below_the_first_committed_ones() -> None:
    """The floors file only moves up: these are the floors of its first version."""
    first = {"detection_f1": 0.69, "date_in_range": 0.87, "event_type": 0.68, "sub_event_type": 0.81,
             "actor_pair": 0.68, "fatalities_exact": 0.53, "empty_documents_clean": 0.85, "admin1": 0.97,
             "location_25km": 0.88}
    for metric, value in first.items():
        assert FLOORS["floors"][metric] >= value, metric

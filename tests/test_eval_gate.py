"""Evaluation gate: the extractor on the corpora it is built on (seeds, dev, the seen two thirds of train),
scored by the referee ``../shared/eval/score.py``, above the floors of ``eval_floors.json``.

The gate cannot be gamed: floors are set per pool (not only pooled) at the measured figure minus one
bootstrap standard error (``scripts/set_floors.py``), and never lowered — a floor below the one in the
file's previous committed version fails. A failing floor prints the per-document differences. Under
``make test`` a missing ``../shared`` fails the run (``test_services_present.py``); elsewhere the gate skips.
"""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from marsad.evaluate import gate_results, load_scorer, shared_dir

HERE = Path(__file__).parent
FLOORS_PATH = HERE / "eval_floors.json"
FLOORS = json.loads(FLOORS_PATH.read_text("utf-8"))
SHARED = shared_dir()

needs_shared = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").exists(), reason=f"no shared corpus and referee scorer at {SHARED}"
)


@pytest.fixture(scope="module")
def gate() -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    results, pools = gate_results(SHARED)
    return results, pools


_FIELDS = {"actor_pair": ("actor1", "actor2"), "actor1": ("actor1",), "event_type": ("event_type",),
           "sub_event_type": ("sub_event_type",), "fatalities_exact": ("fatalities",), "date_in_range": ("event_date",),
           "admin1": ("admin1",), "location_25km": ("location",)}


def _differences(pool: tuple[list[dict[str, Any]], list[dict[str, Any]]], metric: str) -> str:
    """Per document: missed and extra reported events, and on matched pairs the fields the metric reads where
    prediction and gold differ."""
    scorer = load_scorer(SHARED)
    gold_rows, preds = pool
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for p in preds:
        if p["status"] == "reported":
            by_doc.setdefault(p["doc_id"], []).append(p)
    lines = []
    for g in gold_rows:
        gold = [e for e in g["events"] if e.get("status", "reported") == "reported"]
        mine = by_doc.get(g["doc_id"], [])
        pairs = scorer.greedy_match(mine, gold)
        fields = _FIELDS.get(metric, ())
        differ = [(mine[i], gold[j]) for i, j in pairs if any(mine[i].get(f) != gold[j].get(f) for f in fields)]
        if len(pairs) == len(gold) == len(mine) and not differ:
            continue
        lines.append(f"{g['doc_id']}: gold {len(gold)}, predicted {len(mine)}, matched {len(pairs)}")
        lines += [f"    {', '.join(f'{f} {p.get(f)} (gold {e.get(f)})' for f in fields)}" for p, e in differ]
        matched = {j for _i, j in pairs}
        lines += [f"    missed {e['event_date']} {e['sub_event_type']} {e.get('location')}"
                  for j, e in enumerate(gold) if j not in matched]
        hit = {i for i, _j in pairs}
        lines += [f"    extra  {p['event_date']} {p['sub_event_type']} {p['location']}"
                  for i, p in enumerate(mine) if i not in hit]
    return "\n".join(lines)


CASES = [(pool, metric) for pool, floors in FLOORS["floors"].items() for metric in sorted(floors)]


@needs_shared
@pytest.mark.parametrize(("pool", "metric"), CASES)
def test_floor(gate: tuple[dict[str, dict[str, Any]], dict[str, Any]], pool: str, metric: str) -> None:
    results, pools = gate
    got = results[pool].get(metric)
    floor = FLOORS["floors"][pool][metric]
    if got is None or got < floor:
        pytest.fail(f"{pool} {metric} = {got} fell below its floor {floor} (target {FLOORS['targets'].get(metric)})"
                    f"\nper-document differences in {pool}:\n{_differences(pools[pool], metric)}", pytrace=False)


@needs_shared
@pytest.mark.parametrize("metric", sorted(FLOORS["seeds_floors"]))
def test_seeds_merge(gate: tuple[dict[str, dict[str, Any]], dict[str, Any]], metric: str) -> None:
    assert gate[0]["seeds"].get(metric) == pytest.approx(FLOORS["seeds_floors"][metric])


def _as_pools(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """The floors of one version of the file; the first versions held one flat seeds+dev pool."""
    floors = data["floors"]
    if all(isinstance(v, (int, float)) for v in floors.values()):
        return {"seeds+dev": floors}
    return floors


def _committed_versions() -> list[dict[str, Any]]:
    """The floors file in its last two commits that changed it (newest first), when this is a git checkout."""
    try:
        log = subprocess.run(["git", "log", "-n", "2", "--format=%H", "--", FLOORS_PATH.name], cwd=HERE,
                             capture_output=True, text=True, check=True, timeout=30).stdout.split()
        return [json.loads(subprocess.run(["git", "show", f"{c}:tests/{FLOORS_PATH.name}"], cwd=HERE,
                                          capture_output=True, text=True, check=True, timeout=30).stdout)
                for c in log]
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError):
        return []


def test_floors_only_rise() -> None:
    """The working file is no lower than its last committed version, which is no lower than the one before."""
    versions = [FLOORS, *_committed_versions()]
    if len(versions) < 2:
        pytest.skip("not a git checkout: no committed version of the floors to compare with")
    for newer, older in itertools.pairwise(versions):
        new, old = _as_pools(newer), _as_pools(older)
        fallen = [f"{p}.{m}: {v} < {old[p][m]}" for p, floors in new.items() for m, v in floors.items()
                  if p in old and m in old[p] and v < old[p][m]]
        assert fallen == []


def test_floors_never_below_the_first_committed_ones() -> None:
    """The first gate's floors (seeds+dev) still hold."""
    first = {"detection_f1": 0.69, "date_in_range": 0.87, "event_type": 0.68, "sub_event_type": 0.81,
             "actor_pair": 0.68, "fatalities_exact": 0.53, "empty_documents_clean": 0.85, "admin1": 0.97,
             "location_25km": 0.88}
    for metric, value in first.items():
        assert FLOORS["floors"]["seeds+dev"][metric] >= value, metric

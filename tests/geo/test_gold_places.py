"""The geocoder against the hand-coded gold of ../shared (skipped when it is absent)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "geo_check.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (SHARED / "corpus" / "dev" / "gold.jsonl").is_file(),
                       reason=f"gold corpus not found under {SHARED} (set MARSAD_SHARED)"),
]


def _check_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("geo_check", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(("corpus", "admin1_floor", "near_floor"), [("seeds", 0.9, 0.8), ("dev", 0.9, 0.85)])
def test_gold_places_are_found(corpus: str, admin1_floor: float, near_floor: float) -> None:
    res = _check_module().check(SHARED, corpus, verbose=False)
    assert res["events"] > 0
    assert res["admin1"] >= admin1_floor
    assert res["within_25km"] >= near_floor

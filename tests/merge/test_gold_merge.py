"""Merging the GOLD events of seeds and dev (../shared, evaluation only): the seeds' Bamako attack of
17 September 2024 (documents 000 and 004) is one cluster and nothing else merges; on dev, every gold
``same_as`` link is found and few pairs merge that the gold keeps apart."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (SHARED / "corpus" / "dev" / "gold.jsonl").is_file() or
                       not (SHARED / "eval" / "score.py").is_file(),
                       reason=f"the gold corpora and referee are read from {SHARED}, absent here"),
]


def merge_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("merge_check", ROOT / "scripts" / "merge_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seeds_merge_the_bamako_pair_and_nothing_else() -> None:
    result = merge_check().check(SHARED, ("seeds",))["seeds"]
    assert result["clusters"] == [["000#1", "004#1"]]
    assert (result["merge_recall"], result["merge_precision"]) == (1.0, 1.0)


def test_dev_gold_links_are_found() -> None:
    result = merge_check().check(SHARED, ("dev",))["dev"]
    assert result["merge_recall"] == 1.0
    # the pairs counted against precision are reports the gold leaves unlinked though they tell of the
    # same attack (e.g. Gao, 1 July 2018, in three reports): a floor, not a target
    assert result["merge_precision"] >= 0.85

"""The error-analysis tool never prints a document of the held-back third without --final."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.evaluate import held_out, shared_dir

SHARED = shared_dir()
GOLD = SHARED / "corpus" / "train" / "gold.jsonl"
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "eval_diff.py"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason=f"no train corpus at {SHARED}")


def _ids() -> list[str]:
    return [json.loads(line)["doc_id"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("corpus", ["train", "train-seen"])
def test_a_held_back_document_is_not_printed(corpus: str) -> None:
    held = next(d for d in _ids() if held_out(d))
    seen = next(d for d in _ids() if not held_out(d))
    for doc, shown in ((held, False), (seen, True)):
        out = subprocess.run([sys.executable, str(SCRIPT), "--corpus", corpus, "--doc", doc, "--shared", str(SHARED)],
                             capture_output=True, text=True, check=True).stdout
        assert (f"===== {doc} " in out) is shown, (corpus, doc)


def test_train_held_is_refused() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--corpus", "train-held", "--shared", str(SHARED)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "held-back" in done.stderr

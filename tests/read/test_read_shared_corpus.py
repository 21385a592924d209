"""The readers on the project's real corpus in ``../shared`` (or $MARSAD_SHARED); skipped when it is absent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from marsad.document import Document
from marsad.read import read_path

SHARED = Path(os.environ.get("MARSAD_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")
SEEDS = SHARED / "corpus" / "seeds"
DEV = SHARED / "corpus" / "dev" / "documents.jsonl"


@pytest.mark.skipif(not (SEEDS / "manifest.jsonl").is_file(), reason=f"shared corpus not found at {SEEDS}")
def test_seed_directory_reads_through_its_manifest() -> None:
    manifest = [json.loads(line) for line in (SEEDS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    items = list(read_path(SEEDS))
    assert all(isinstance(i, Document) for i in items)
    assert [(i.doc_id, getattr(i, "published", None)) for i in items] == [
        (r["doc_id"], r["published"]) for r in manifest
    ]
    for item, row in zip(items, manifest, strict=True):
        assert isinstance(item, Document)
        assert item.text == (SEEDS / row["path"]).read_text(encoding="utf-8-sig")


@pytest.mark.skipif(not DEV.is_file(), reason=f"dev corpus not found at {DEV}")
def test_dev_documents_read_verbatim() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = list(read_path(DEV))
    assert all(isinstance(i, Document) for i in items)
    got = {i.doc_id: i for i in items if isinstance(i, Document)}
    for row in rows:
        doc = got[row["doc_id"]]
        assert (doc.text, doc.title, doc.outlet, doc.published) == (
            row["text"],
            row.get("title") or None,
            row.get("outlet") or None,
            row.get("published") or None,
        )

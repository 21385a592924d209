"""Every field of every reported event points at the words that support it (spec §1: nothing invented).

Over all the shared corpora (seeds, dev, train): the date, the actors, a non-zero toll, the place and the
type of each reported event have a non-empty evidence span inside the text. The reports are read from
``../shared`` at test time; the test skips, saying why, when that folder is absent.
"""

from __future__ import annotations

import pytest

from marsad.evaluate import corpus_documents, shared_dir
from marsad.pipeline import Pipeline
from marsad.records import Event

SHARED = shared_dir()
pytestmark = pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason=f"no shared corpora at {SHARED}")


def _needed(ev: Event) -> list[str]:
    fields = ["event_type"]
    fields += [f for f in ("event_date", "actor1", "actor2", "location") if getattr(ev, f)]
    if ev.fatalities:
        fields.append("fatalities")
    return fields


@pytest.fixture(scope="module")
def runs() -> list[tuple[str, tuple[str, str], list[Event]]]:
    pipe = Pipeline()
    out = []
    for corpus in ("seeds", "dev", "train-seen", "train-held"):
        for doc in corpus_documents(SHARED, corpus):
            out.append((doc.doc_id, (doc.text, " ".join((doc.title or "").split())),
                        [e for r in pipe.pipe([doc]) for e in r.events]))
    return out


def test_every_reported_field_has_a_span(runs: list[tuple[str, tuple[str, str], list[Event]]]) -> None:
    missing = []
    for _doc_id, _text, events in runs:
        for ev in events:
            if ev.status != "reported":
                continue
            have = {e.field for e in ev.evidence if e.end > e.start}
            missing += [f"{ev.event_id}: {f}" for f in _needed(ev) if f not in have]
    assert missing == []


def test_no_span_is_empty_or_outside_its_text(runs: list[tuple[str, tuple[str, str], list[Event]]]) -> None:
    """A span points into the report's text, or with ``part`` = ``title`` into its headline."""
    bad = [f"{ev.event_id}: {e.field} {e.part} {e.start}..{e.end}" for _d, (text, title), events in runs
           for ev in events for e in ev.evidence
           if not 0 <= e.start < e.end <= len(title if e.part == "title" else text)]
    assert bad == []


def test_headline_spans_say_so(runs: list[tuple[str, tuple[str, str], list[Event]]]) -> None:
    """The headline is part of the report: some events of the corpora rest on it, with ``part`` = ``title``."""
    assert any(e.part == "title" for _d, _t, events in runs for ev in events for e in ev.evidence)

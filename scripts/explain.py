"""Show what each stage found in each sentence of one document (a developer's tool).

    python scripts/explain.py PATH_OR_JSONL [--doc DOC_ID]
"""

from __future__ import annotations

import argparse

from marsad.document import Document
from marsad.pipeline import Pipeline
from marsad.read import read_path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--doc")
    args = ap.parse_args()
    pipe = Pipeline()
    for item in read_path(args.path):
        if not isinstance(item, Document) or (args.doc and item.doc_id != args.doc):
            continue
        doc = pipe.analyse(item)
        print(f"===== {item.doc_id} published={item.published} reference={doc.reference}")
        for s in doc.sentences:
            print(f"-- S{s.index}{' [boilerplate]' if s.boilerplate else ''}: {doc.text[s.start:s.end][:160]}")
            for kind in ("trigger", "actor", "casualty", "date", "place", "attribution"):
                for m in doc.in_span(kind, s.start, s.end):
                    v = m.value
                    desc = {
                        "trigger": lambda v: f"{v.sense.sub_event_type} w{v.sense.weight}",
                        "actor": lambda v: v.actor_id,
                        "casualty": lambda v: f"{v.kind} {v.count} {v.victim}{' sub' if v.subcount else ''}",
                        "date": lambda v: f"{v.date_min}..{v.date_max} p{v.precision} {v.kind}",
                        "place": lambda v: f"{v.place.location} ({v.place.admin1}) {v.kind} p{v.place.geo_precision}",
                        "attribution": lambda v: v.claimant,
                    }[kind](v)
                    print(f"     {kind:11} {doc.text[m.start:m.end][:40]!r:45} {desc}")
        for ev in doc.events:
            print(f"  EVENT {ev.status} {ev.event_date} {ev.sub_event_type} {ev.actor1}/{ev.actor2} {ev.location} "
                  f"f={ev.fatalities}")


if __name__ == "__main__":
    main()

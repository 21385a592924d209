"""Assembly of mentions into ACLED events (one day, one place, one actor pair)."""

from __future__ import annotations

from marsad.analysis import AnalysedDoc


class Assembler:
    name = "assemble"

    def process(self, doc: AnalysedDoc) -> None:
        doc.events = []

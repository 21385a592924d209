"""The demo's two follow-up reports of the Boni attack (``marsad.api.demo.demo_followups``)."""

from __future__ import annotations

from marsad.api.demo import demo_followups
from marsad.document import Document
from marsad.records import Event


def boni_reports() -> list[tuple[Document, list[Event]]]:
    return demo_followups()

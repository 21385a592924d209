"""The working object every pipeline stage reads and annotates (spaCy's ``Doc`` for Marsad).

Stages see the normalised text; every mention keeps offsets into it, and
:meth:`AnalysedDoc.evidence` maps them back to the original document text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from marsad.document import Document
from marsad.records import Event, Evidence
from marsad.text.normalise import NormText, normalise

_TITLE_BREAK = "\n\n"  # the headline is its own paragraph


@dataclass(slots=True)
class Sentence:
    index: int
    start: int  # offsets into the normalised text
    end: int
    boilerplate: bool = False
    paragraph: int = 0
    is_title: bool = False


@dataclass(slots=True)
class Mention:
    """Something a stage found: ``kind`` names the stage (trigger, actor, number, date, place...)."""

    kind: str
    start: int
    end: int
    value: Any


@dataclass
class AnalysedDoc:
    document: Document
    norm: NormText
    sentences: list[Sentence] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    # the date the text is read against: the publication date, or when it is unknown, the latest
    # month the text itself names (a wider range, so coarser time precision)
    reference: str | None = None
    # with a headline: its length and where the body starts in the analysed text (0: no headline)
    title_chars: int = 0
    body_offset: int = 0
    # per kind: the mentions sorted by start, and their starts (built on demand, dropped by add)
    _by_start: dict[str, tuple[list[int], list[Mention]]] = field(default_factory=dict, repr=False, compare=False)
    # what a stage worked out once and may be asked again for this document (keys start with the asker's name)
    memo: dict[tuple[object, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, document: Document) -> AnalysedDoc:
        """The headline, when there is one, is read as the report's first paragraph (headlines carry the toll
        and the place); its evidence spans are offsets into the title (``part`` = ``"title"``)."""
        title = " ".join((document.title or "").split())
        if not title:
            return cls(document=document, norm=normalise(document.text), reference=document.published)
        doc = cls(document=document, norm=normalise(title + _TITLE_BREAK + document.text),
                  reference=document.published)
        doc.title_chars = len(title)
        doc.body_offset = len(title) + len(_TITLE_BREAK)
        return doc

    @property
    def text(self) -> str:
        """The normalised text."""
        return self.norm.text

    def add(self, mention: Mention) -> None:
        self.mentions.setdefault(mention.kind, []).append(mention)
        self._by_start.pop(mention.kind, None)

    def get(self, kind: str) -> list[Mention]:
        return self.mentions.get(kind, [])

    def in_span(self, kind: str, start: int, end: int) -> list[Mention]:
        """The mentions of ``kind`` inside ``[start, end)``, in text order."""
        index = self._by_start.get(kind)
        if index is None:
            ordered = sorted(self.mentions.get(kind, []), key=lambda m: m.start)
            index = self._by_start[kind] = ([m.start for m in ordered], ordered)
        starts, ordered = index
        return [m for m in ordered[bisect_left(starts, start):bisect_right(starts, end)] if m.end <= end]

    def next_start(self, kind: str, pos: int, end: int) -> int:
        """Where the first mention of ``kind`` starting at or after ``pos`` starts (``end`` when none before it)."""
        self.in_span(kind, 0, 0)  # builds the index
        starts = self._by_start[kind][0]
        k = bisect_left(starts, pos)
        return min(starts[k], end) if k < len(starts) else end

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding offset ``pos`` (the sentences are in text order and do not overlap)."""
        k = bisect_right(self.sentences, pos, key=lambda s: s.start) - 1
        if k >= 0 and pos < self.sentences[k].end:
            return self.sentences[k]
        return None

    def evidence(self, name: str, start: int, end: int) -> Evidence:
        s, e = self.norm.span(start, end)
        if self.body_offset:
            if e <= self.title_chars:
                return Evidence(name, s, e, "title")
            s, e = max(s, self.body_offset) - self.body_offset, e - self.body_offset
        return Evidence(name, s, e)

    def quote(self, start: int, end: int) -> str:
        return self.norm.original_slice(start, end)

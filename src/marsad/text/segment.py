"""Sentence and clause segmentation over normalised text.

Sentences end at «.», «!», «?», «؟», «؛» and line breaks (a paragraph break also starts a
new paragraph). A full stop between digits («2.5») or after a single Latin capital
initial does not end a sentence. Clauses split a sentence at «،», «,» and at the
discourse connectives that start a new report within one sentence («فيما», «بينما»,
«في حين», «كما», «وفي») — a utility for callers; the assembler works on whole sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.analysis import AnalysedDoc, Sentence

_END = re.compile(r"(?:(?<!\d)\.(?!\d)|\.(?=\s)|[!?؟؛]+|\n+)")
_CLAUSE = re.compile(r"[،,]\s*|\s(?=(?:فيما|بينما|في حين|كما|وفي|وكان|وقد|واضاف|وقال)\s)")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each non-empty sentence, whitespace trimmed."""
    out: list[tuple[int, int, int]] = []
    pos = 0
    para = 0
    for m in _END.finditer(text):
        _add(text, pos, m.end() if "\n" not in m.group() else m.start(), para, out)
        if m.group().count("\n") >= 1 and text[pos:m.start()].strip():
            para += 1
        pos = m.end()
    _add(text, pos, len(text), para, out)
    return out


def _add(text: str, start: int, end: int, para: int, out: list[tuple[int, int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        out.append((start, end, para))


def split_clauses(text: str, start: int, end: int) -> list[Span]:
    """Clauses of the sentence ``text[start:end]`` (offsets into ``text``)."""
    spans: list[Span] = []
    pos = start
    for m in _CLAUSE.finditer(text, start, end):
        if m.start() > pos:
            spans.append(Span(pos, m.start()))
        pos = m.end() if text[m.start()] in "،," else m.start() + 1
    if pos < end:
        spans.append(Span(pos, end))
    return [s for s in spans if text[s.start:s.end].strip()]


class Segmenter:
    name = "segment"

    def process(self, doc: AnalysedDoc) -> None:
        doc.sentences = [
            Sentence(index=i, start=s, end=e, paragraph=p, is_title=e <= doc.title_chars)
            for i, (s, e, p) in enumerate(split_sentences(doc.text))
        ]

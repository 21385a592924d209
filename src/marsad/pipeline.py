"""The extraction pipeline: small stages over one :class:`AnalysedDoc`, and a batch API.

    >>> from marsad.document import Document
    >>> from marsad.pipeline import extract
    >>> events = extract(Document("d1", "...", published="2024-09-17"))

``Pipeline.pipe`` takes documents (or read failures) and yields one :class:`DocResult` per
input, never raising for a single bad document: the batch goes on.

Every document runs under a hard time budget (``budget_seconds``, default the setting
``MARSAD_DOC_BUDGET_SECONDS``; see :mod:`marsad.budget`): :func:`marsad.budget.check` is called
between stages (and stages may call it inside their loops), and a watchdog interrupts a stage that
never checks. A document over budget fails with "exceeded the processing budget of N s".
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Protocol

from marsad import budget
from marsad.analysis import AnalysedDoc
from marsad.document import Document, DocumentError, ReadFailure
from marsad.records import Event

MAX_CHARS = 2_000_000  # larger documents are refused with a clear error
WARM_UP = Document("warm-up", "قتل مسلحون ثلاثة جنود في هجوم قرب موبتي يوم الأحد.", published="2024-03-12")


class Stage(Protocol):
    name: str

    def process(self, doc: AnalysedDoc) -> None: ...


@dataclass(slots=True)
class DocResult:
    doc_id: str
    document: Document | None = None
    events: list[Event] = field(default_factory=list)
    error: ReadFailure | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def default_stages() -> list[Stage]:
    from marsad.extract.assemble import Assembler
    from marsad.extract.stages import analysis_stages

    return [*analysis_stages(), Assembler()]


class _Default(Enum):
    BUDGET = "the pipeline's budget (by default the doc_budget_seconds of the settings)"


_SETTINGS = _Default.BUDGET
Budget = float | None | _Default


_FROZEN = False


def _freeze_loaded() -> None:
    """The lexicons, the gazetteer and the models, once loaded, live as long as the process: moved out of the
    cyclic collector's reach (``gc.freeze``), they are not scanned again at each full collection — which a
    large document, with its many mentions, triggers often (20 % of its time otherwise). The extraction makes
    many short-lived objects: the youngest generation is collected after 10,000 allocations, not 700 (a few
    per cent of the time; a higher setting of the process is kept). Once per process."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()
        young, middle, old = gc.get_threshold()
        gc.set_threshold(max(young, YOUNG_GENERATION), middle, old)


YOUNG_GENERATION = 10_000


class Pipeline:
    def __init__(self, stages: Sequence[Stage] | None = None, *,
                 budget_seconds: Budget = _SETTINGS) -> None:
        """``budget_seconds``: the hard time budget per document (None: no budget; default: the
        ``doc_budget_seconds`` of the process settings)."""
        # the default stages load their lexicons and the gazetteer on first use: that one-time cost is
        # paid by a warm-up document outside any budget, not by the first real document
        self._cold = stages is None
        self.stages: list[Stage] = list(stages) if stages is not None else default_stages()
        if budget_seconds is _SETTINGS:
            from marsad.settings import get_settings

            budget_seconds = get_settings().doc_budget_seconds
        self.budget_seconds: float | None = budget_seconds

    def warm_up(self) -> None:
        """Load what the default stages load on first use (once; a no-op for custom stages)."""
        if self._cold:
            self._cold = False
            warm = AnalysedDoc.of(WARM_UP)
            for stage in self.stages:
                stage.process(warm)
            _freeze_loaded()


    def analyse(self, document: Document, *, budget_seconds: Budget = _SETTINGS) -> AnalysedDoc:
        """Run every stage over ``document`` within the budget (this pipeline's unless given);
        raises DocumentError (BudgetExceeded when over budget)."""
        if len(document.text) > MAX_CHARS:
            raise DocumentError(document.doc_id, f"text has {len(document.text):,} characters, over {MAX_CHARS:,}")
        seconds = self.budget_seconds if isinstance(budget_seconds, _Default) else budget_seconds
        self.warm_up()

        def run() -> AnalysedDoc:
            doc = AnalysedDoc.of(document)
            for stage in self.stages:
                budget.check()
                stage.process(doc)
            budget.check()
            return doc

        return budget.run_with_budget(run, document.doc_id, seconds)

    def __call__(self, document: Document, *, budget_seconds: Budget = _SETTINGS) -> list[Event]:
        return self.analyse(document, budget_seconds=budget_seconds).events

    def pipe(self, items: Iterable[Document | ReadFailure]) -> Iterator[DocResult]:
        for item in items:
            if isinstance(item, ReadFailure):
                yield DocResult(item.doc_id, error=item)
                continue
            try:
                events = self(item)
            except DocumentError as exc:
                yield DocResult(item.doc_id, item, error=ReadFailure(item.doc_id, exc.reason, item.source))
            except (ValueError, KeyError, IndexError, TypeError, RecursionError) as exc:  # a bug must not stop a batch
                reason = f"extraction failed: {type(exc).__name__}: {exc}"
                yield DocResult(item.doc_id, item, error=ReadFailure(item.doc_id, reason, item.source))
            else:
                yield DocResult(item.doc_id, item, events)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()


def extract(document: Document) -> list[Event]:
    """Events of one document with the default pipeline (raises DocumentError on bad input)."""
    return default_pipeline()(document)

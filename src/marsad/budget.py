"""A hard time budget per document: cooperative checks, and a watchdog for code that never checks.

    >>> from marsad import budget
    >>> def work() -> int:
    ...     for i in range(10):
    ...         budget.check()          # raises BudgetExceeded once the document's deadline has passed
    ...     return i
    >>> budget.run_with_budget(work, "doc-1", 30.0)
    9

:func:`run_with_budget` runs a function under a deadline of ``seconds`` from now, in this thread.
Two mechanisms stop a document that overruns:

- cooperative: :func:`check` (called between the pipeline's stages, and by any stage inside its own
  loops) raises :class:`BudgetExceeded` once the deadline has passed;
- pre-emptive: one watchdog thread per process keeps the deadlines of every thread running a document;
  when one passes it raises an interrupt *in that thread* (``PyThreadState_SetAsyncExc``), delivered at
  the next Python bytecode the thread runs. So a stage stuck in a Python loop that never calls
  :func:`check` is stopped too, in the CLI (main thread), on a Dask worker (its task thread) and in the
  API (a thread of the request pool) alike. A single long call into C code (one huge regular
  expression match, say) is interrupted only when it returns.

Either way the caller gets :class:`BudgetExceeded` (a :class:`~marsad.document.DocumentError`, so every
entry point turns it into the document's error record: "exceeded the processing budget of N s").
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from marsad.document import DocumentError

T = TypeVar("T")


class BudgetExceeded(DocumentError):
    """A document whose processing took longer than its budget."""

    def __init__(self, doc_id: str, seconds: float) -> None:
        super().__init__(doc_id, f"exceeded the processing budget of {seconds:g} s")
        self.seconds = seconds


class _Interrupt(BaseException):
    """Raised inside a thread by the watchdog; a BaseException so that no ``except Exception`` of a stage
    swallows it. Never leaves :func:`run_with_budget`."""


@dataclass(slots=True)
class _Deadline:
    doc_id: str
    seconds: float
    at: float  # time.monotonic() deadline
    thread_id: int
    done: bool = False
    fired: bool = False


_local = threading.local()


def current() -> _Deadline | None:
    """The deadline of the document this thread is processing, if any."""
    active: _Deadline | None = getattr(_local, "active", None)
    return active


def check() -> None:
    """Raise :class:`BudgetExceeded` when this thread's document has run past its deadline (cheap: one
    clock read). A no-op outside :func:`run_with_budget`."""
    active = current()
    if active is not None and time.monotonic() > active.at:
        raise BudgetExceeded(active.doc_id, active.seconds)


def remaining() -> float | None:
    """Seconds left for this thread's document (None outside a budget)."""
    active = current()
    return None if active is None else active.at - time.monotonic()


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> int:
    # argtypes left unset on purpose: None must go down as a NULL pointer (which clears a pending exception)
    arg = ctypes.py_object(exc) if exc is not None else None
    return int(ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), arg))


@dataclass(slots=True)
class _Watchdog:
    lock: threading.Condition = field(default_factory=threading.Condition)
    heap: list[tuple[float, int, _Deadline]] = field(default_factory=list)
    counter: itertools.count[int] = field(default_factory=itertools.count)
    thread: threading.Thread | None = None

    def add(self, deadline: _Deadline) -> None:
        with self.lock:
            heapq.heappush(self.heap, (deadline.at, next(self.counter), deadline))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._loop, name="marsad-budget-watchdog", daemon=True)
                self.thread.start()
            if self.heap[0][2] is deadline:
                # the watchdog waits for an earlier deadline (it wakes then, and goes on to this one): woken
                # only when this one comes first, it does not take the GIL once per document
                self.lock.notify()

    def finish(self, deadline: _Deadline) -> bool:
        """Mark ``deadline`` done; True when the watchdog had already fired at its thread."""
        with self.lock:
            deadline.done = True
            return deadline.fired

    def _loop(self) -> None:
        while True:
            with self.lock:
                while self.heap and self.heap[0][2].done:
                    heapq.heappop(self.heap)
                if not self.heap:
                    self.lock.wait()
                    continue
                wait = self.heap[0][0] - time.monotonic()
                if wait > 0:
                    self.lock.wait(wait)
                    continue
                _, _, deadline = heapq.heappop(self.heap)
                if not deadline.done:  # still running: interrupt it (under the lock, so it cannot finish meanwhile)
                    deadline.fired = True
                    _set_async_exc(deadline.thread_id, _Interrupt)


_watchdog = _Watchdog()


def run_with_budget(fn: Callable[[], T], doc_id: str, seconds: float | None) -> T:
    """``fn()`` under a deadline ``seconds`` from now (no deadline when None, or when this thread already
    runs under one: the outer budget governs). Raises :class:`BudgetExceeded` when it overruns."""
    if seconds is None or current() is not None:
        return fn()
    deadline = _Deadline(doc_id, seconds, time.monotonic() + seconds, threading.get_ident())
    try:
        _local.active = deadline
        _watchdog.add(deadline)
        try:
            return fn()
        finally:
            _local.active = None
            if _watchdog.finish(deadline):
                _set_async_exc(deadline.thread_id, None)  # fired but not delivered yet: withdraw it
    except _Interrupt:
        raise BudgetExceeded(doc_id, seconds) from None

"""Progress display for long runs: a bar on a terminal, nothing when piped (unless asked)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], *, mode: str = "auto", unit: str = "item", total: int | None = None) -> Iterator[T]:
    show = mode == "always" or (mode == "auto" and sys.stderr.isatty())
    if not show:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, unit=unit, total=total, file=sys.stderr, dynamic_ncols=True)

"""The analysis stages in pipeline order (each module has one job)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.pipeline import Stage


def analysis_stages() -> list[Stage]:
    return []

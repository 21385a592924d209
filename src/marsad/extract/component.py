"""The shape of a structural decision: features in, a label with a score and its reasons out.

As spaCy's entity linker keeps candidate generation, scoring and wiring apart, each decision of the
extractor (is this figure a long-run total? is this actor the speaker or a party?) is one small component
with named rules: the rules that fired are both its features and its reasons, so a decision can be
tested alone, explained (``scripts/explain.py``) and, where gold shows it generalises better, replaced by
a learned model behind the same ``decide`` method.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

L = TypeVar("L")
X_contra = TypeVar("X_contra", contravariant=True)


@dataclass(frozen=True, slots=True)
class Decision(Generic[L]):
    """``label``: what was decided; ``score``: the summed weight of the rules that fired (or a model's
    probability); ``reasons``: the names of those rules, in the order they fired."""

    label: L
    score: float
    reasons: tuple[str, ...] = ()


class Model(Protocol[X_contra, L]):
    def decide(self, x: X_contra) -> Decision[L]: ...


def weigh(fired: list[tuple[str, float]], threshold: float, yes: L, no: L) -> Decision[L]:
    """A rule model's verdict: ``yes`` when the weights of the rules that fired reach ``threshold``."""
    score = sum(w for _n, w in fired)
    return Decision(yes if score >= threshold else no, score, tuple(n for n, _w in fired))

"""Where an event's date comes from, when its own sentences name no day.

A news report is anchored on its peg: the lede tells the news, later paragraphs detail it («وأفاد الجيش أن
معسكره في X تعرض لهجوم») or recall older events. An event whose sentences name no day therefore
* inherits the day of the dated event it elaborates — the nearest event told before it in the report, of
  the same kind, itself news — (``inherit``), or else the report's peg: the first day the lede names within
  the news window («تعرض 3 من مواقعه لهجمات منذ الأربعاء») (``peg``);
* is the report's own news when it is told in the lede (the first content sentences): dated by the
  publication, the words that tell it in the lede as evidence (``lede``);
* otherwise tells nothing datable as news (``none``): a detail or a memory with no day, kept as
  ``background``, never a reported event «of the week before publication».
A rule model with named reasons (``geometry.yaml`` → ``when``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from marsad.extract.component import Decision
from marsad.extract.config import params

Source = Literal["own", "inherit", "peg", "lede", "none"]


@dataclass(frozen=True, slots=True)
class UndatedEvent:
    """``has_own_day``: its sentences name a day; ``lede_rank``: rank of its first sentence among the report's
    content sentences (0 the first); ``dated_before``: an earlier event of the same kind, told as news,
    names a day; ``recalled``: its sentences recall («وكان ... قد»); ``peg``: the report's lede names a day
    within the news window."""

    has_own_day: bool
    lede_rank: int
    dated_before: bool
    recalled: bool
    peg: bool = False


class DateSource:
    def __init__(self, lede_sentences: int | None = None) -> None:
        self.lede = params("when")["lede_sentences"] if lede_sentences is None else lede_sentences

    def decide(self, x: UndatedEvent) -> Decision[Source]:
        if x.has_own_day:
            return Decision("own", 1.0, ("names its day",))
        if x.dated_before and not x.recalled:
            return Decision("inherit", 0.8, ("elaborates the dated event told before it",))
        if x.peg:
            return Decision("peg", 0.7, ("the report's lede names the day of its news",))
        if x.lede_rank < self.lede and not x.recalled:
            return Decision("lede", 0.6, (f"told in the first {self.lede} content sentences",))
        reasons = ["no day of its own, nothing dated before it" if not x.dated_before else "recalled"]
        if x.lede_rank >= self.lede:
            reasons.append("not in the lede")
        return Decision("none", 0.0, tuple(reasons))

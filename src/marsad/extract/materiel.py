"""Materiel seized or destroyed, with counts: «الاستيلاء على 3 بنادق ومسدس و17 مخزنا».

Works on NORMALISED text (:func:`marsad.text.normalise.fold`); every offset is into that string.
Vocabulary: ``data/ar/materiel.yaml``. After an action trigger (seize: الاستيلاء على، غنائم، حجز، ضبط
...; destroy: تدمير، إحراق، أحرقوا ...) the items that follow in the same sentence are read as a list
(joined by و or «،», adjectives allowed between them, at most four words from one item to the next).
Each item's count is the figure right before it («17 مخزنا», «ثلاث سيارات»), else 2 for a dual
(«سيارتين»), 1 for a singular, None for a plural or after «كمية من». An item followed by «مفخخة» is the
weapon used, not materiel taken or destroyed, and is skipped. A mention's span is the figure (if any)
and the item words; each item is read once, by the first trigger that reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, cast

import yaml

from marsad.extract.numbers import NumberMention, find_numbers, strip_clitics
from marsad.text.lexicon import Match, PhraseMatcher
from marsad.text.normalise import fold

Action = Literal["seized", "destroyed"]
_Form = Literal["sg", "pl", "du"]
_HARD_STOPS = frozenset(".!؟?؛;\n")
_MAX_GAP_WORDS = 4


@dataclass(frozen=True, slots=True)
class MaterielMention:
    action: Action
    item: str
    count: int | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Action:
    action: Action
    only: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class _Item:
    name: str
    form: _Form


@dataclass(frozen=True, slots=True)
class MaterielLexicon:
    actions: PhraseMatcher[_Action]
    items: PhraseMatcher[_Item]
    used_not_taken: frozenset[str]
    unspecified: frozenset[str]


def _f(word: Any) -> str:
    return " ".join(fold(str(word)).split())


def _dual(word: str) -> str:
    return word[:-1] + "تين" if word.endswith("ه") else word + "ين"


def _item_forms(name: str, table: dict[str, list[Any]]) -> list[tuple[str, _Item]]:
    out: list[tuple[str, _Item]] = [(_f(p), _Item(name, "pl")) for p in table.get("plural", [])]
    for s in table.get("singular", []):
        words = _f(s).split()
        out.append((" ".join(words), _Item(name, "sg")))
        if len(words) == 1 and not words[0].endswith(("ه", "ا")):
            out.append((words[0] + "ا", _Item(name, "sg")))
        out.append((" ".join(_dual(w) for w in words), _Item(name, "du")))
        if len(words) == 1:
            w = words[0]
            out.append(((w[:-1] + "تان") if w.endswith("ه") else w + "ان", _Item(name, "du")))
    return out


@lru_cache(maxsize=1)
def lexicon() -> MaterielLexicon:
    raw = yaml.safe_load(resources.files("marsad").joinpath("data/ar/materiel.yaml").read_text(encoding="utf-8"))
    actions: list[tuple[str, _Action]] = []
    for group in raw["actions"]:
        only = frozenset(group["only"]) if group.get("only") else None
        act = _Action(cast(Action, group["action"]), only)
        actions.extend((str(p), act) for p in group["phrases"])
    items: list[tuple[str, _Item]] = []
    for name, table in raw["items"].items():
        items.extend(_item_forms(str(name), table))
    plural_keys = {k for k, v in items if v.form == "pl"}
    items = [(k, v) for k, v in items if v.form != "du" or k not in plural_keys]  # a listed plural wins
    return MaterielLexicon(
        actions=PhraseMatcher(actions),
        items=PhraseMatcher(items),
        used_not_taken=frozenset(_f(w) for w in raw["used_not_taken"]),
        unspecified=frozenset(_f(w) for w in raw["unspecified"]),
    )


def _gap_words(text: str, a: int, b: int) -> int | None:
    """Words between offsets a and b, or None when a sentence boundary lies between."""
    gap = text[a:b]
    if any(c in _HARD_STOPS for c in gap):
        return None
    return len(gap.split())


def _next_word(text: str, pos: int) -> str:
    rest = text[pos:pos + 40].split()
    return rest[0] if rest else ""


def _prev_words(text: str, pos: int, n: int) -> list[str]:
    return text[max(0, pos - 60):pos].split()[-n:]


def _is_unspecified(lex: MaterielLexicon, words: list[str]) -> bool:
    """«كمية من» / «عدد من» / «العديد من» right before an item."""
    if words and words[-1] == "من":
        words = words[:-1]
    if not words:
        return False
    w = words[-1]
    return w in lex.unspecified or any(stem in lex.unspecified for _, stem in strip_clitics(w))


def find_materiel(text: str, start: int = 0, end: int | None = None) -> list[MaterielMention]:
    """Every seized or destroyed item in ``text[start:end]`` (normalised text), in text order."""
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= stop:
        return []
    lex = lexicon()
    triggers = lex.actions.findall(text, start, stop)
    if not triggers:
        return []
    items = lex.items.findall(text, start, stop)
    numbers_by_end: dict[int, NumberMention] = {}
    for m in find_numbers(text, start, stop):
        numbers_by_end[m.end] = m
    used: set[int] = set()
    out: list[MaterielMention] = []
    for n, trig in enumerate(triggers):
        limit = triggers[n + 1].start if n + 1 < len(triggers) and triggers[n + 1].value != trig.value else stop
        anchor = trig.end
        last_name: str | None = None
        for k, item in enumerate(items):
            if item.start < trig.end or k in used:
                continue
            if item.start >= limit:
                break
            mention = _read_item(lex, text, item, numbers_by_end)
            gap = _gap_words(text, anchor, mention[1])
            if gap is None or gap > _MAX_GAP_WORDS:
                break
            used.add(k)
            anchor = item.end
            if _next_word(text, item.end) in lex.used_not_taken:
                continue
            if trig.value.only is not None and item.value.name not in trig.value.only:
                continue
            count, span_start = mention
            if item.value.name == last_name and count is None and gap == 0:
                continue  # «بنادق كلاشنكوف»: a second name for the same thing
            out.append(MaterielMention(trig.value.action, item.value.name, count, span_start, item.end))
            last_name = item.value.name
    return sorted(out, key=lambda m: (m.start, m.end))


def _read_item(lex: MaterielLexicon, text: str, item: Match[_Item], numbers_by_end: dict[int, NumberMention]
               ) -> tuple[int | None, int]:
    """(count, span start) of an item: the figure right before it (optionally «من» between), else by form."""
    pos = item.start
    while pos > 0 and text[pos - 1] == " ":
        pos -= 1
    number = numbers_by_end.get(pos)
    if number is None and text[max(0, pos - 2):pos] == "من":
        p2 = pos - 2
        while p2 > 0 and text[p2 - 1] == " ":
            p2 -= 1
        number = numbers_by_end.get(p2)
    if number is not None:
        return number.value, number.start
    if _is_unspecified(lex, _prev_words(text, item.start, 2)):
        return None, item.start
    return {"sg": 1, "du": 2, "pl": None}[item.value.form], item.start

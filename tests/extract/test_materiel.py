"""marsad.extract.materiel on sentences written for these tests in the style of army communiqués."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.materiel import MaterielMention, find_materiel, lexicon
from marsad.text.normalise import fold

Row = tuple[str, str, int | None]


def _read(sentence: str) -> list[Row]:
    return [(m.action, m.item, m.count) for m in find_materiel(fold(sentence))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "وتم الاستيلاء على 5 بنادق كلاشنيكوف ومسدسين و12 مخزنا",
            [("seized", "rifle", 5), ("seized", "pistol", 2), ("seized", "magazine", 12)],
        ),
        ("وغنم المقاتلون سيارة رباعية الدفع", [("seized", "vehicle", 1)]),
        ("غنائم العملية: رشاش ثقيل وكمية من الذخيرة", [("seized", "machine gun", 1), ("seized", "ammunition", None)]),
        ("حجزت الوحدة أربع دراجات نارية", [("seized", "motorcycle", 4)]),
        ("ضبط 30 قنبلة يدوية وقاذف آر بي جي", [("seized", "grenade", 30), ("seized", "rocket launcher", 1)]),
        ("ومصادرة كميات من الأسلحة والمتفجرات", [("seized", "weapon", None), ("seized", "explosives", None)]),
        ("وعثر الجنود على مخبأ يضم 3 مدافع هاون", [("seized", "mortar", 3)]),
        ("أحرق المهاجمون 9 دراجات نارية وشاحنة", [("destroyed", "motorcycle", 9), ("destroyed", "truck", 1)]),
        ("ودمروا دبابتين ومدرعة", [("destroyed", "tank", 2), ("destroyed", "armoured vehicle", 1)]),
        ("تدمير آليات عسكرية", [("destroyed", "vehicle", None)]),
        ("أضرموا النار في 14 منزلا", [("destroyed", "building", 14)]),
        ("أحرقوا 6 مكاتب اقتراع", [("destroyed", "polling station", 6)]),
        ("أسقطت الدفاعات طائرة مسيرة", [("destroyed", "drone", 1)]),
        ("تحطم مروحيتين عسكريتين", [("destroyed", "helicopter", 2)]),
        ("تحطمت طائرة حربية", [("destroyed", "aircraft", 1)]),
        ("نسفوا جسرا على الطريق", [("destroyed", "bridge", 1)]),
        ("ونهبوا رؤوس ماشية", [("seized", "livestock", None)]),
        # not materiel taken or destroyed
        ("فجر انتحاري سيارة مفخخة أمام القاعدة", []),
        ("وصل الجنود في ثلاث سيارات", []),
        ("سقوط صواريخ قرب المطار", []),
        ("أحرقوا المحاصيل. ثم فروا على 20 دراجة نارية", []),
    ],
)
def test_materiel_table(sentence: str, expected: list[Row]) -> None:
    assert _read(sentence) == expected


def test_span_is_figure_and_item() -> None:
    text = fold("وتم حجز 7 رشاشات ومسدس")
    first, second = find_materiel(text)
    assert text[first.start:first.end] == fold("7 رشاشات")
    assert text[second.start:second.end] == fold("ومسدس")


def test_lexicon_schema() -> None:
    source = resources.files("marsad").joinpath("data/ar/materiel.yaml").read_text(encoding="utf-8")
    assert source.startswith("# ")
    raw = yaml.safe_load(source)
    items = raw["items"]
    for name, table in items.items():
        assert name == name.lower() and set(table) <= {"singular", "plural"}
        assert all(isinstance(w, str) and fold(w).strip() for forms in table.values() for w in forms)
    for group in raw["actions"]:
        assert group["action"] in {"seized", "destroyed"}
        assert set(group.get("only", [])) <= set(items)
    assert lexicon() is lexicon()


_WORDS = st.sampled_from(
    [fold(w) for w in ("تدمير", "غنائم", "3", "بنادق", "ومسدس", "و17", "مخزنا", "سيارة", "مفخخة", "من", "كمية",
                       "الأسلحة", "،", ".", "دراجات", "نارية", "تحطم", "مروحيتين", "ثلاث", "في")]
)


@given(st.lists(_WORDS, max_size=20), st.integers(-3, 100), st.integers(-3, 160))
@settings(max_examples=200, deadline=None)
def test_never_raises_and_spans_are_sane(words: list[str], start: int, end: int) -> None:
    text = " ".join(words)
    found: list[MaterielMention] = find_materiel(text, start, end)
    lo, hi = max(0, start), min(len(text), end)
    for m in found:
        assert lo <= m.start < m.end <= hi
        assert m.count is None or m.count > 0

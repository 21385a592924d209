"""marsad.extract.casualties on sentences written for these tests in the style of Sahel conflict reports."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.casualties import Casualty, find_casualties, lexicon
from marsad.text.normalise import fold, normalise

Row = tuple[str, int | None, str]  # kind, count, victim


def _read(sentence: str, *, subcounts: bool = False) -> list[Row]:
    return [(c.kind, c.count, c.victim) for c in find_casualties(fold(sentence)) if c.subcount == subcounts]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # nominal and verbal triggers followed by the count
        ("أسفر الكمين عن مقتل 9 جنود ماليين", [("killed", 9, "military")]),
        ("قتل سبعة دركيين في هجوم على مركزهم", [("killed", 7, "military")]),
        ("قُتل أربعة قرويين بالرصاص", [("killed", 4, "civilian")]),
        ("لقي 14 شخصا حتفهم في انفجار لغم", [("killed", 14, "unknown")]),
        ("أودى الهجوم بحياة 11 مدنيا", [("killed", 11, "civilian")]),
        ("مصرع ثلاثة رعاة قرب البئر", [("killed", 3, "civilian")]),
        ("استشهاد 6 عسكريين في اشتباك", [("killed", 6, "military")]),
        ("قتل فيها ثمانية متطرفين", [("killed", 8, "attacker")]),
        ("أعدم المسلحون خمسة تجار", [("killed", 5, "civilian")]),
        # result nouns
        ("وأسفر الاعتداء عن سقوط 12 قتيلا و5 جرحى", [("killed", 12, "unknown"), ("injured", 5, "unknown")]),
        ("خلف الهجوم 23 قتيلا", [("killed", 23, "unknown")]),
        ("سقط شرطي قتيلا في الاشتباك", [("killed", 1, "military")]),
        ("والحصيلة تسعة قتلى", [("killed", 9, "unknown")]),
        ("وأوقع الانفجار قتيلين", [("killed", 2, "unknown")]),
        # toll phrases
        ("ارتفعت حصيلة القتلى إلى 41 بحسب مصدر أمني", [("killed", 41, "unknown")]),
        ("وبلغ عدد الجرحى 17", [("injured", 17, "unknown")]),
        # injured, captured, missing
        ("وإصابة 6 آخرين بجروح", [("injured", 6, "unknown")]),
        ("أصيب 9 بجروح خطيرة", [("injured", 9, "unknown")]),
        ("اختطف مسلحون ستة مدنيين من السوق", [("captured", 6, "civilian")]),
        ("أسر 3 جنود خلال المعركة", [("captured", 3, "military")]),
        ("واعتقال 12 مشتبها بهم", [("captured", 12, "attacker")]),
        ("وفقدان خمسة عسكريين", [("missing", 5, "military")]),
        # army communiqués
        ("تم تحييد 27 إرهابيا", [("killed", 27, "attacker")]),
        ("القضاء على 8 عناصر إرهابية", [("killed", 8, "attacker")]),
        ("تحييد عشرات الإرهابيين", [("killed", 10, "attacker")]),
        # duals, singulars, one-of, ordinals
        ("مقتل جنديين في انفجار عبوة", [("killed", 2, "military")]),
        ("مقتل شرطي في الهجوم", [("killed", 1, "military")]),
        ("أعلن الجيش مقتل أحد جنوده", [("killed", 1, "military")]),
        ("مقتل حارس وإصابة آخر", [("killed", 1, "military"), ("injured", 1, "military")]),
        ("وقعت القافلة ضحية كمين", []),
        ("قالت إن عدد ضحايا الهجوم بلغ 18", [("killed", 18, "unknown")]),
        ("إن ثلاثة جنود قتلوا وأصيب اثنان آخران", [("killed", 3, "military"), ("injured", 2, "military")]),
        ("مقتل أحد العسكريين", [("killed", 1, "military")]),
        ("مقتل مدنيين اثنين", [("killed", 2, "civilian")]),
        ("مقتل دركي وإصابة ثلاثة آخرين", [("killed", 1, "military"), ("injured", 3, "military")]),
        ("مقتل جنديين وإصابة ثالث", [("killed", 2, "military"), ("injured", 1, "military")]),
        # counts before the verb
        ("وقال المصدر إن خمسة مسلحين قتلوا", [("killed", 5, "attacker")]),
        ("وذكر أن ثلاثة جنود قضوا في الانفجار", [("killed", 3, "military")]),
        ("إن جنديين من الحرس الوطني قتلا", [("killed", 2, "military")]),
        ("وأكد أن 19 شخصا لقوا حتفهم", [("killed", 19, "unknown")]),
        ("وذكر أن قرويين اثنين أصيبوا في القصف", [("injured", 2, "civilian")]),
        # qualifiers, subject before object
        ("مقتل ما لا يقل عن 22 قرويا", [("killed", 22, "civilian")]),
        ("قتل متشددون أربعة رعاة", [("killed", 4, "civilian")]),
        ("قتل الجيش النيجري 14 مسلحا", [("killed", 14, "attacker")]),
        # no figure
        ("كبد الجيش العدو خسائر فادحة في الأرواح", [("killed", None, "attacker")]),
        ("ما أدى إلى سقوط قتلى وجرحى", [("killed", None, "unknown"), ("injured", None, "unknown")]),
        ("وسيطرت الحركة على المدينة دون أن تسجل خسائر بشرية", []),
        ("ولم تقع خسائر في الأرواح", []),
        ("راح ضحيته عناصر من الجيش", [("killed", None, "military")]),
        ("قتل خلاله العديد من مقاتلي الجماعة", [("killed", None, "attacker")]),
        ("مقتل وإصابة 15 شخصا", [("killed", None, "unknown"), ("injured", None, "unknown")]),
        ("مقتل أو أسر 30 متمردا", [("killed", None, "attacker"), ("captured", None, "attacker")]),
        # lists and continuations
        ("مقتل 4 متمردين ودركي", [("killed", 4, "attacker"), ("killed", 1, "military")]),
        ("مقتل صحفي فرنسي وسائق محلي", [("killed", 1, "civilian"), ("killed", 1, "civilian")]),
        ("قتيلان وأربعة جرحى في صفوف الجيش", [("killed", 2, "unknown"), ("injured", 4, "military")]),
        # the victim after an instrument and a place, or a subject then an instrument
        ("إن مسلحا قتل بالرصاص في غاو (شمال) حارسا", [("killed", 1, "military")]),
        ("قتل مجهولون بالسلاح الأبيض في قرية قرب موبتي ثلاثة تجار", [("killed", 3, "civilian")]),
        ("قتل مسلحون راعيا", [("killed", 1, "civilian")]),
        ("قتل مسلحون من جماعة محلية 40 قرويا في هجوم", [("killed", 40, "civilian")]),
        # the victims named right before the verb, without a figure; an indefinite singular is the killer
        ("عثرت الشرطة على جثث مسلحين قتلوا خلال الاشتباك", [("killed", None, "attacker")]),
        ("وأضاف أن الدركي توفي في المستشفى", [("killed", 1, "military")]),
        ("إن متطرفا قتل في السوق", []),
        # a counted subject, a relative clause, then the verb
        ("إن الجنود الأربعة الذين كانوا في الدورية قتلوا", [("killed", 4, "military")]),
        ("الرعاة الذين هاجموا البئر قتلوا ثلاثة جنود", [("killed", 3, "military")]),
        # nothing to read
        ("قتل الوقت في انتظار القافلة", []),
        ("عقد الوزير اجتماعا مع ثلاثة سفراء", []),
        ("أطلق سراح 20 رهينة", []),
    ],
)
def test_casualty_table(sentence: str, expected: list[Row]) -> None:
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "main", "subs"),
    [
        ("مقتل 6 أشخاص بينهم ثلاثة جنود", [("killed", 6, "unknown")], [("killed", 3, "military")]),
        (
            "قتل خمسة أشخاص بينهم عسكريان ومهاجم",
            [("killed", 5, "unknown")],
            [("killed", 2, "military"), ("killed", 1, "attacker")],
        ),
        ("خلف 21 قتيلا من بينهم 4 أطفال", [("killed", 21, "unknown")], [("killed", 4, "civilian")]),
        (
            "وقال إن بين القتلى «ثلاثة من الجنود الماليين وأربعة مسلحين» وسائحان",
            [],
            [("killed", 3, "military"), ("killed", 4, "attacker"), ("killed", 2, "civilian")],
        ),
        ("ومن بين الجرحى طفلان", [], [("injured", 2, "civilian")]),
        (
            "مقتل تسعة أشخاص هم أربعة دركيين وخمسة مسلحين",
            [("killed", 9, "unknown")],
            [("killed", 4, "military"), ("killed", 5, "attacker")],
        ),
    ],
)
def test_subcounts_are_marked_not_added(sentence: str, main: list[Row], subs: list[Row]) -> None:
    assert _read(sentence) == main
    assert _read(sentence, subcounts=True) == subs


def test_spans_and_victim_spans() -> None:
    text = fold("وأسفر الهجوم عن مقتل 12 جنديا")
    (c,) = find_casualties(text)
    assert text[c.start:c.end] == fold("مقتل 12 جنديا")
    assert c.victim_start is not None and c.victim_end is not None
    assert text[c.victim_start:c.victim_end] == fold("جنديا")
    assert c.number is not None and text[c.number.start:c.number.end] == "12"


def test_window_limits_the_search() -> None:
    text = fold("مقتل 3 جنود. وإصابة 4 مدنيين")
    cut = text.index(".")
    assert [(c.kind, c.count) for c in find_casualties(text, 0, cut)] == [("killed", 3)]
    assert [(c.kind, c.count) for c in find_casualties(text, cut)] == [("injured", 4)]
    assert find_casualties(text, 10, 2) == []


def test_lexicon_schema() -> None:
    source = resources.files("marsad").joinpath("data/ar/casualties.yaml").read_text(encoding="utf-8")
    assert source.startswith("# ")
    raw = yaml.safe_load(source)
    assert set(raw["victims"]) == {"military", "civilian", "attacker", "unknown"}
    assert set(raw["results"]) == {"killed", "injured", "captured", "missing"}
    for table in (*raw["victims"].values(), *raw["results"].values()):
        assert set(table) <= {"singular", "plural"}
        assert all(isinstance(w, str) and fold(w).strip() for forms in table.values() for w in forms)
    assert set(raw["groups"]) <= {"military", "civilian", "attacker"}
    seen: dict[str, int] = {}
    for n, trig in enumerate(raw["triggers"]):
        assert trig["kind"] in {"killed", "injured", "captured", "missing", "neutral"}
        assert set(trig) <= {"kind", "phrases", "lookback", "victim", "needs", "bare", "toll", "strict"}
        for p in trig["phrases"]:
            key = " ".join(fold(p).split())
            assert key not in seen, f"trigger {p!r} listed twice (groups {seen.get(key)} and {n})"
            seen[key] = n
    assert lexicon() is lexicon()


_WORDS = st.sampled_from(
    [fold(w) for w in ("مقتل", "قتل", "جنود", "جنديين", "قتيلا", "بينهم", "وإصابة", "آخرين", "من", "سقوط", "قتلى",
                       "حصيلة", "القتلى", "إلى", "12", "ثلاثة", "عشرات", "أحد", "ثالث", "و", "،", ".", "«", "قتلوا",
                       "لقي", "حتفهم", "خسائر", "في", "الأرواح", "العديد", "أو", "أسر", "تحييد")]
)


@given(st.lists(_WORDS, max_size=25), st.integers(-3, 120), st.integers(-3, 200))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_spans_are_sane(words: list[str], start: int, end: int) -> None:
    text = " ".join(words)
    found: list[Casualty] = find_casualties(text, start, end)
    lo, hi = max(0, start), min(len(text), end)
    for c in found:
        assert lo <= c.start < c.end <= hi
        assert c.count is None or c.count >= 0
        if c.victim_start is not None:
            assert c.victim_end is not None and c.start <= c.victim_start < c.victim_end <= c.end
        if c.number is not None:
            assert c.start <= c.number.start < c.number.end <= c.end


SHARED = Path(os.environ.get("MARSAD_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")
DEV = SHARED / "corpus" / "dev" / "documents.jsonl"


@pytest.mark.skipif(not DEV.is_file(), reason=f"shared dev corpus not found at {DEV}")
def test_runs_on_the_dev_corpus_with_mappable_spans() -> None:
    docs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = 0
    for doc in docs:
        nt = normalise(doc["text"])
        for c in find_casualties(nt.text):
            s, e = nt.span(c.start, c.end)
            assert 0 <= s < e <= len(doc["text"])
            total += 1
    assert total > len(docs) // 2  # conflict reports: most state a toll somewhere

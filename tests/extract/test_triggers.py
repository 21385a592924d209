from __future__ import annotations

import pytest

from marsad.extract.triggers import find_triggers
from marsad.text.normalise import fold


def _best(sentence: str) -> tuple[str, str] | None:
    hits = [m for m in find_triggers(fold(sentence)) if m.value.sense.weight >= 3] or find_triggers(fold(sentence))
    if not hits:
        return None
    best = max(hits, key=lambda m: m.value.sense.rank)
    return best.value.sense.event_type, best.value.sense.sub_event_type


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("نصب مسلحون كمينا لدورية عسكرية قرب بلدة نارا", ("Battles", "Armed clash")),
        ("هاجمت مجموعة مسلحة مركزا للدرك فجر الأحد", ("Battles", "Armed clash")),
        ("اندلعت اشتباكات عنيفة بين الجيش ومسلحين", ("Battles", "Armed clash")),
        ("سيطر المسلحون على معسكر للجيش في الشمال", ("Battles", "Non-state actor overtakes territory")),
        ("استعاد الجيش السيطرة على البلدة بعد معارك", ("Battles", "Government regains territory")),
        ("انفجرت عبوة ناسفة لدى مرور قافلة عسكرية", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("قتل ثلاثة جنود إثر انفجار لغم أرضي", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("فجر انتحاري سيارة مفخخة أمام الثكنة", ("Explosions/Remote violence", "Suicide bomb")),
        ("شنت طائرات مسيرة غارات على مواقع المسلحين", ("Explosions/Remote violence", "Air/drone strike")),
        ("سقطت قذائف هاون على معسكر البعثة", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("اختطف مسلحون ثلاثة عمال أجانب", ("Violence against civilians", "Abduction/forced disappearance")),
        ("ارتكب مسلحون مجزرة في قرية للرعاة", ("Violence against civilians", "Attack")),
        ("اعتقلت الشرطة خمسة مشتبه بهم", ("Strategic developments", "Arrests")),
        ("أحرق مسلحون السوق ونهبوا المحلات", ("Strategic developments", "Looting/property destruction")),
        ("خرج آلاف المتظاهرين في مظاهرة بالعاصمة", ("Protests", "Peaceful protest")),
        ("اندلعت أعمال شغب في المدينة", ("Riots", "Violent demonstration")),
        ("عقد الرئيس اجتماعا مع وزير الخارجية", None),
    ],
)
def test_trigger_sense(sentence: str, expected: tuple[str, str] | None) -> None:
    assert _best(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    ["استولى المسلحون على أسلحة وذخائر", "سيطرت الحكومة على الأسعار"],
)
def test_overtake_needs_a_place_object(sentence: str) -> None:
    assert all(m.value.sense.sub_event_type != "Non-state actor overtakes territory"
               for m in find_triggers(fold(sentence)))


def test_clitic_forms_match() -> None:
    text = fold("وبالهجوم وللهجوم فالهجوم")
    assert len([m for m in find_triggers(text) if m.value.sense.sub_event_type == "Armed clash"]) == 3

from __future__ import annotations

import pytest

from marsad.extract.actors import find_actors
from marsad.text.normalise import fold


def _ids(sentence: str, year: int | None = 2019) -> list[str]:
    ids = [m.value.actor_id for m in find_actors(fold(sentence), year)]
    return list(dict.fromkeys(ids))  # distinct, in order


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("شنت جماعة نصرة الإسلام والمسلمين هجوما", ["jnim"]),
        ("وكبدوا الجيش المالي خسائر", ["military:mali"]),
        ("هجوم على دورية للجيش المالي", ["military:mali"]),
        ("قتلى في صفوف مرتزقة فاغنر", ["wagner"]),
        ("استهدف بمرتزقة فاجنر الروس", ["wagner"]),
        ("تبنت حركة التوحيد والجهاد في غرب أفريقيا الهجوم", ["mujao"]),
        ("سيطرت جماعة أنصار الدين على المدينة", ["ansar_dine"]),
        ("قاتلت الحركة الوطنية لتحرير أزواد", ["mnla"]),
        ("اتهمت السلطات كتيبة ماسينا", ["katiba_macina"]),
        ("أعلن تنظيم الدولة الإسلامية في الصحراء الكبرى مسؤوليته", ["is_sahel"]),
        ("جنود من قوات حفظ السلام", ["minusma"]),
        ("دورية لقوة برخان الفرنسية", ["military:france"]),
        ("قتل مسلحون مجهولون قرويين", ["unidentified", "civilians:*"]),
        ("هاجم مسلحون ثكنة للجيش", ["unidentified", "military:*"]),
        ("مقتل جنود بوركينيين", ["military:burkina_faso"]),
        ("قتل جنود في الهجوم", ["military:*"]),
        ("ميليشيا دان نا أمباساغو", ["dan_na_ambassagou"]),
        ("صيادو الدوزو", ["dozo"]),
        ("المتطوعين للدفاع عن الوطن", ["vdp"]),
        ("قتل جنود نيجريين", ["military:niger"]),
    ],
)
def test_actor_ids(sentence: str, expected: list[str]) -> None:
    assert _ids(sentence) == expected


@pytest.mark.parametrize(("year", "expected"), [(2013, ["aqim"]), (2019, ["jnim"])])
def test_al_qaeda_alias_follows_the_year(year: int, expected: list[str]) -> None:
    assert _ids("تبنى تنظيم القاعدة الهجوم", year) == expected


def test_named_branch_is_always_aqim() -> None:
    assert _ids("تنظيم القاعدة في بلاد المغرب الإسلامي", 2020) == ["aqim"]

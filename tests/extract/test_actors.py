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
        ("قتل جنود نيجيريين في هجوم", ["military:nigeria"]),
        ("اشتبك الجيش الكاميروني مع المسلحين", ["military:cameroon", "unidentified"]),
        ("شنت القوة المشتركة متعددة الجنسيات غارات", ["mnjtf"]),
        ("صدت ميليشيات الدفاع المدني الهجوم", ["cjtf"]),
        ("قتل جنود تشاديين", ["military:chad"]),
        # a group named as the one another pledged allegiance to is a description, not a party
        ("هاجمت جماعة بوكو حرام التي بايعت تنظيم الدولة الإسلامية قرية", ["boko_haram", "civilians:*"]),
        ("هاجمت بوكو حرام التي أعلنت ولاءها لتنظيم داعش البلدة", ["boko_haram"]),
        ("اعتقل الجيش عناصر من جماعة موالية لتنظيم القاعدة في بلاد المغرب الإسلامي", ["military:*"]),
    ],
)
def test_actor_ids(sentence: str, expected: list[str]) -> None:
    assert _ids(sentence) == expected


@pytest.mark.parametrize(("year", "expected"), [(2013, ["aqim"]), (2019, ["jnim"])])
def test_al_qaeda_alias_follows_the_year(year: int, expected: list[str]) -> None:
    assert _ids("تبنى تنظيم القاعدة الهجوم", year) == expected


def test_named_branch_is_always_aqim() -> None:
    assert _ids("تنظيم القاعدة في بلاد المغرب الإسلامي", 2020) == ["aqim"]


@pytest.mark.parametrize(
    ("actor", "country", "admin1", "expected"),
    [
        ("is_sahel", "Nigeria", "Borno", "iswap"),
        ("is_sahel", "Niger", "Diffa", "iswap"),
        ("is_sahel", "Niger", "Tillabéri", "is_sahel"),
        ("is_sahel", "Mali", "Ménaka", "is_sahel"),
        ("jnim", "Nigeria", "Borno", "jnim"),
        (None, "Chad", "Lac", None),
    ],
)
def test_a_name_is_the_group_of_its_theatre(actor: str | None, country: str, admin1: str, expected: str | None) -> None:
    from marsad.extract.actors import regional

    assert regional(actor, country, admin1) == expected

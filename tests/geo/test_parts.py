"""Parts of a country named by a compass word or adjective (marsad.geo.parts): sentences written for Marsad."""

from __future__ import annotations

import pytest

from marsad.geo.parts import country_part_place, part_before
from marsad.text.normalise import fold


@pytest.mark.parametrize(
    ("before", "part"),
    [
        ("هجوم في شمال شرق", "northeast"),
        ("قتل جنود في وسط", "centre"),
        ("هجوم في المنطقة الشرقية من", "east"),
        ("اشتباكات في المناطق الشمالية الغربية من", "northwest"),
        ("زار الرئيس", None),
    ],
)
def test_part_before_a_country(before: str, part: str | None) -> None:
    text = fold(before + " بوركينا فاسو")
    assert part_before(text, text.index(fold("بوركينا"))) == part


def test_the_east_of_burkina_faso_is_coded_at_its_region() -> None:
    place = country_part_place("Burkina Faso", "east")
    assert place is not None and place.admin1 == "Est" and place.geo_precision == 3

"""The shipped gazetteer: complete admin names, Mali p-codes, capitals and the alias table."""

from __future__ import annotations

import pytest

from marsad.geo.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def test_every_place_has_admin1(gaz: Gazetteer) -> None:
    missing = [gaz.name[i] for i in range(len(gaz)) if gaz.fclass[i] == "P" and not gaz.admin1[i]]
    assert missing == []


def test_every_place_has_admin2_where_its_country_has_admin2_areas(gaz: Gazetteer) -> None:
    """Nigeria, Chad and Algeria come as populated places only (no ADM2 rows): admin2 stays empty there."""
    with_adm2 = {gaz.cc[i] for i in range(len(gaz)) if gaz.fcode[i] == "ADM2"}
    assert {"ML", "BF", "NE", "CM", "MR"} <= with_adm2
    missing = [gaz.name[i] for i in range(len(gaz))
               if gaz.fclass[i] == "P" and gaz.cc[i] in with_adm2 and not gaz.admin2[i]]
    assert missing == []


@pytest.mark.parametrize(
    ("arabic", "country"),
    [("نيجيريا", "Nigeria"), ("النيجر", "Niger"), ("تشاد", "Chad"), ("الكاميرون", "Cameroon"),
     ("موريتانيا", "Mauritania"), ("الجزائر", "Algeria"), ("مالي", "Mali")],
)
def test_covered_countries_are_named_in_arabic(gaz: Gazetteer, arabic: str, country: str) -> None:
    from marsad.text.normalise import fold

    rows = [a.idx for a in gaz.aliases.get(fold(arabic), []) if gaz.fcode[a.idx] == "PCLI"]
    assert rows and gaz.place(rows[0]).country == country


def test_every_mali_place_has_pcodes(gaz: Gazetteer) -> None:
    missing = [gaz.name[i] for i in range(len(gaz))
               if gaz.cc[i] == "ML" and gaz.fclass[i] == "P" and not (gaz.admin1_pcode[i] and gaz.admin2_pcode[i])]
    assert missing == []


@pytest.mark.parametrize(
    ("gid", "admin1", "admin2", "pcode2"),
    [
        (2453348, "Mopti", "Mopti", "ML0506"),
        (2449067, "Tombouctou", "Tombouctou", "ML0605"),
        (2458334, "Mopti", "Douentza", "ML0504"),
        (2453514, "Ménaka", "Ménaka", "ML0704"),
        (2461034, "Ménaka", "Ménaka", "ML0704"),
        (2458636, "Mopti", "Ténenkou", "ML0507"),
        (2450849, "Ségou", "Niono", "ML0404"),
        (2460596, "Bamako", "Bamako", "ML0901"),
    ],
)
def test_mali_admin_names_and_pcodes(gaz: Gazetteer, gid: int, admin1: str, admin2: str, pcode2: str) -> None:
    p = gaz.place(gaz.by_gid[gid])
    assert (p.country, p.admin1, p.admin2, p.admin2_pcode) == ("Mali", admin1, admin2, pcode2)


@pytest.mark.parametrize(
    ("gid", "country", "admin1", "admin2"),
    [(2357048, "Burkina Faso", "Centre", "Kadiogo"), (2361082, "Burkina Faso", "Sahel", "Séno"),
     (2440485, "Niger", "Niamey", None), (2445704, "Niger", "Diffa", "Diffa")],
)
def test_bf_and_ne_admin(gaz: Gazetteer, gid: int, country: str, admin1: str, admin2: str | None) -> None:
    p = gaz.place(gaz.by_gid[gid])
    assert p.country == country and p.admin1 == admin1
    if admin2 is not None:
        assert p.admin2 == admin2


@pytest.mark.parametrize(
    ("cc", "admin1", "capital"),
    [("ML", "Tombouctou", "Timbuktu"), ("ML", "Ménaka", "Ménaka"), ("BF", "Sahel", "Dori"),
     ("BF", "Est", "Fada N'gourma"), ("NE", "Tillabéri", "Tillabéri"), ("BF", "Centre", "Ouagadougou")],
)
def test_region_capitals(gaz: Gazetteer, cc: str, admin1: str, capital: str) -> None:
    assert gaz.name[gaz.capital_of_admin1[(cc, admin1)]] == capital


def test_alias_rows_point_to_gazetteer_rows(gaz: Gazetteer) -> None:
    assert len(gaz.aliases) > 300
    assert all(gaz.gid[a.idx] for rows in gaz.aliases.values() for a in rows)

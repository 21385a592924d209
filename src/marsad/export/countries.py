"""Country codes ACLED's CSV needs: ISO 3166 alpha-3 (the ``event_id_cnty`` prefix), numeric and region.

Source: ISO 3166-1 and ACLED's region list (Sahel countries and their neighbours).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    iso3: str
    iso_numeric: int
    region: str


_COUNTRIES = (
    Country("Mali", "MLI", 466, "Western Africa"),
    Country("Burkina Faso", "BFA", 854, "Western Africa"),
    Country("Niger", "NER", 562, "Western Africa"),
    Country("Mauritania", "MRT", 478, "Western Africa"),
    Country("Senegal", "SEN", 686, "Western Africa"),
    Country("Guinea", "GIN", 324, "Western Africa"),
    Country("Ivory Coast", "CIV", 384, "Western Africa"),
    Country("Ghana", "GHA", 288, "Western Africa"),
    Country("Togo", "TGO", 768, "Western Africa"),
    Country("Benin", "BEN", 204, "Western Africa"),
    Country("Nigeria", "NGA", 566, "Western Africa"),
    Country("Chad", "TCD", 148, "Middle Africa"),
    Country("Algeria", "DZA", 12, "Northern Africa"),
    Country("Libya", "LBY", 434, "Northern Africa"),
)
_ALIASES = {"côte d'ivoire": "Ivory Coast", "cote d'ivoire": "Ivory Coast", "burkina": "Burkina Faso"}
BY_NAME = {c.name.lower(): c for c in _COUNTRIES}
BY_ISO2 = {"ML": "Mali", "BF": "Burkina Faso", "NE": "Niger", "MR": "Mauritania", "SN": "Senegal", "GN": "Guinea",
           "CI": "Ivory Coast", "GH": "Ghana", "TG": "Togo", "BJ": "Benin", "NG": "Nigeria", "TD": "Chad",
           "DZ": "Algeria", "LY": "Libya"}  # fmt: skip


def country(name: str | None) -> Country | None:
    """The country of an event's ``country`` field (English name or ISO2 code), or None when unknown."""
    if not name:
        return None
    key = name.strip()
    key = BY_ISO2.get(key.upper(), key)
    key = _ALIASES.get(key.lower(), key)
    return BY_NAME.get(key.lower())

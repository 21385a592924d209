"""Country codes ACLED's CSV needs: ISO 3166 alpha-3 (the ``event_id_cnty`` prefix), numeric and region.

Derived from the one country table, :mod:`marsad.countries`.
"""

from __future__ import annotations

from marsad.countries import Country, lookup

__all__ = ["Country", "country"]


def country(name: str | None) -> Country | None:
    """The country of an event's ``country`` field (English name or ISO2 code), or None when unknown."""
    return lookup(name)

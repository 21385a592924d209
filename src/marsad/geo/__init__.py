"""marsad.geo: Arabic place names → GeoNames places, admin areas and ACLED precision."""

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.resolve import Geocoder, GeoContext, PlaceMention

__all__ = ["Gazetteer", "GeoContext", "Geocoder", "PlaceMention"]

"""Place search: the place named by ``near=`` ("Hörde", "44137", "Rheinische Straße",
"Hörde Bahnhof") -> the point the offers are sorted by distance from.

The place is looked up here on the server, never from the visitor's browser:
1. a name of the region's gazetteer or a postcode, and nothing else: answered at once,
   sent to no one;
2. else, when the site is configured with Nominatim (``GEOCODER = "nominatim"``), that
   server through the rate-limited, cached geocoder, asked for the place in the region's
   city and trusted only inside the region;
3. else a gazetteer name anywhere in the text ("Bahnhof Hörde" -> Hörde, approximate).
"""

from dataclasses import asdict, dataclass

from flask import Flask, current_app

from refugee_map.geo import districts as district_shapes
from refugee_map.geo import gazetteer
from refugee_map.geo.geocode import (
    GeocoderError,
    GeocodeResult,
    NominatimGeocoder,
    OfflineGeocoder,
    make_geocoder,
)
from refugee_map.web import context as web


@dataclass(frozen=True)
class NearPlace:
    """The place a list is sorted by distance from, as the API answers it."""

    label: str
    lat: float
    lng: float
    approximate: bool

    def as_json(self) -> dict:
        return asdict(self)


class PlaceNotFound(LookupError):
    """Neither the gazetteer nor the geocoder knows the place in the region."""


class PlaceSearchUnavailable(RuntimeError):
    """The geocoding server failed or is busy, and the gazetteer does not know the place."""


def init_app(app: Flask) -> None:
    """Read the region's gazetteer now: a bad ``places.csv`` stops the start, naming the row,
    instead of failing each place search."""
    gazetteer.load(app.config["REGION_DIR"])


def find(text: str) -> NearPlace:
    """The place ``text`` names in the region (see the module's docstring for the order)."""
    offline = OfflineGeocoder(web.region().region_dir)
    found = offline.named(text)
    failed = None
    if found is None and current_app.config.get("GEOCODER") == "nominatim":
        try:
            found = _in_region(_nominatim().geocode(_in_city(text)))
        except (GeocoderError, OSError, ValueError) as error:  # busy too: never wait for it
            current_app.logger.warning("place search: %s", error)
            failed = error
    found = found or offline.geocode(text)
    if found is None:
        raise PlaceSearchUnavailable() if failed else PlaceNotFound()
    return NearPlace(found.name or found.label, found.lat, found.lng, found.approximate)


def _nominatim() -> NominatimGeocoder:
    return make_geocoder(web.region_settings(), web.get_db())


def _in_city(text: str) -> str:
    """The text with the region's city, so that a street is looked for there."""
    city = web.region().name
    return text if city.casefold() in text.casefold() else f"{text}, {city}"


def _in_region(found: GeocodeResult | None) -> GeocodeResult | None:
    """``found`` when it lies in (or just outside) the region's districts, else None."""
    if found is None:
        return None
    try:
        web.districts().locate(found.lat, found.lng)
    except district_shapes.OutsideRegion:
        return None
    return found

"""Geocoders: text -> a point on the map.

``OfflineGeocoder`` needs nothing but the region's files and knows only postcodes and the
names of its gazetteer (neighbourhoods and districts, approximate; named places and
stations when the region has them). ``NominatimGeocoder`` asks a Nominatim
server through geopy and caches every answer, found or not, in the ``geocode_cache``
table. A failing server raises ``GeocoderError``; it is never reported as "not found".

Nominatim must never hold the web server's threads (:mod:`refugee_map.geo.http_limits`):
each lookup ends within its time-out in total, and at most one request per
``min_delay_seconds`` goes out from all app processes over the database - when the next
slot is not free yet, ``geocode`` raises ``GeocoderBusy`` at once instead of waiting. A
background job waits and asks again.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import geopy
import geopy.exc
from geopy.geocoders import Nominatim
from sqlite_utils import Database

from refugee_map.domain.messages import lazy_gettext as _l
from refugee_map.geo import gazetteer
from refugee_map.geo.http_limits import DeadlineAdapter, RequestSlots
from refugee_map.store import geocache

# The offline geocoder's labels, in the language of whoever reads them (domain.messages):
# a postcode's centre, and the centre of an approximate place of the gazetteer by its kind.
POSTCODE_LABEL = _l("Postleitzahl %(postcode)s (Mitte des Gebiets)")
AREA_LABELS = {
    "neighbourhood": _l("%(name)s (Mitte des Stadtteils)"),
    "district": _l("%(name)s (Mitte des Stadtbezirks)"),
    "place": _l("%(name)s (Mitte des Ortes)"),
}
DEFAULT_USER_AGENT = "refugee-map/0.1 (self-hosted map of offers for refugees)"


@dataclass(frozen=True)
class GeocodeResult:
    lat: float
    lng: float
    label: str
    approximate: bool
    source: str
    name: str = ""  # what the point is of, as it is called on a map ("Hörde", "44137")


class GeocoderError(Exception):
    """The geocoding service failed (down, time-out, bad answer): try again later."""


class GeocoderBusy(GeocoderError):
    """The next request to the service may only go out in ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


@lru_cache(maxsize=4)
def load_postcodes(region_dir: str | Path) -> dict[str, tuple[float, float]]:
    """The region's postcodes (``postcodes.csv``) with the (lat, lng) of their centres."""
    with open(Path(region_dir) / "postcodes.csv", encoding="utf-8") as f:
        return {row["plz"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(f)}


class OfflineGeocoder:
    """Finds a postcode of the region or a name of its gazetteer (neighbourhoods, districts,
    named places and stations: :mod:`refugee_map.geo.gazetteer`) in the query."""

    source = "offline"

    def __init__(self, region_dir: str | Path) -> None:
        self._postcodes = load_postcodes(region_dir)
        self._gazetteer = gazetteer.load(region_dir)

    def geocode(self, query: str) -> GeocodeResult | None:
        """The postcode's centre, else the named place (a station when asked for one),
        else None."""
        for postcode in re.findall(r"(?<!\d)\d{5}(?!\d)", query):
            if postcode in self._postcodes:
                return self._postcode(postcode)
        return self._result(self._gazetteer.find(query))

    def named(self, query: str) -> GeocodeResult | None:
        """Like :meth:`geocode`, but only when the query is nothing but a postcode or a
        name of the gazetteer (with the city's name and station words at most)."""
        postcode = query.strip()
        if postcode in self._postcodes:
            return self._postcode(postcode)
        return self._result(self._gazetteer.named(query))

    def _postcode(self, postcode: str) -> GeocodeResult:
        lat, lng = self._postcodes[postcode]
        label = str(POSTCODE_LABEL) % {"postcode": postcode}
        return GeocodeResult(lat, lng, label, True, self.source, name=postcode)

    def _result(self, place: gazetteer.Place | None) -> GeocodeResult | None:
        if place is None:
            return None
        label = (
            str(AREA_LABELS[place.kind]) % {"name": place.name} if place.approximate else place.name
        )
        return GeocodeResult(
            place.lat, place.lng, label, place.approximate, self.source, place.name
        )


class NominatimGeocoder:
    """geopy's Nominatim behind a rate limiter, with answers cached in the database."""

    source = "nominatim"

    def __init__(
        self,
        db: Database,
        url: str,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = 5,
        min_delay_seconds: float = 1.0,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"Nominatim URL must be http(s)://host[:port][/path], not {url!r}")
        self.db = db
        self.url = url
        domain = parts.netloc + parts.path.rstrip("/")
        self._nominatim = Nominatim(
            domain=domain,
            scheme=parts.scheme,
            user_agent=user_agent,
            timeout=timeout,
            adapter_factory=DeadlineAdapter,
        )
        self._slots = RequestSlots(db, f"{parts.scheme}://{domain}", min_delay_seconds)

    def geocode(self, query: str) -> GeocodeResult | None:
        """The first match, or None when Nominatim finds nothing; GeocoderError on failure,
        GeocoderBusy (without waiting) when the rate limit allows no request yet."""
        key = " ".join(query.split())
        if not key:
            return None
        row = geocache.cached(self.db, self.source, key)
        if row is not None:
            if row["lat"] is None:
                return None
            return GeocodeResult(
                row["lat"], row["lng"], row["label"], bool(row["approximate"]), self.source
            )
        wait = self._slots.take()
        if wait:
            raise GeocoderBusy(f"Nominatim at {self.url} is busy for {wait:.1f} s", wait)
        try:
            location = self._nominatim.geocode(key, exactly_one=True)
            result = None if location is None else self._result(location)
        except geopy.exc.GeopyError as exc:
            raise GeocoderError(f"Nominatim at {self.url} failed: {exc}") from exc
        except (KeyError, TypeError, ValueError, RecursionError) as exc:  # a garbled answer
            raise GeocoderError(f"Nominatim at {self.url} gave a bad answer: {exc!r}") from exc
        self._store(key, result)
        return result

    def _result(self, location: geopy.Location) -> GeocodeResult:
        rank = location.raw.get("place_rank")
        return GeocodeResult(
            float(location.latitude),
            float(location.longitude),
            str(location.address),
            approximate=rank is not None and int(rank) < 30,  # 30: a building or an address
            source=self.source,
        )

    def _store(self, key: str, result: GeocodeResult | None) -> None:
        row = {
            "provider": self.source,
            "query": key,
            "lat": result.lat if result else None,
            "lng": result.lng if result else None,
            "label": result.label if result else None,
            "approximate": int(result.approximate) if result else None,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        geocache.keep(self.db, row)


def make_geocoder(config: Mapping, db: Database) -> OfflineGeocoder | NominatimGeocoder:
    """The geocoder named by ``config["GEOCODER"]`` ("offline" or "nominatim").

    Optional keys besides GEOCODER, NOMINATIM_URL and REGION_DIR: NOMINATIM_USER_AGENT,
    NOMINATIM_TIMEOUT (seconds) and NOMINATIM_MIN_DELAY (seconds between requests).
    """
    kind = str(config.get("GEOCODER", "offline")).lower()
    if kind == "offline":
        return OfflineGeocoder(config["REGION_DIR"])
    if kind == "nominatim":
        return NominatimGeocoder(
            db,
            config["NOMINATIM_URL"],
            user_agent=config.get("NOMINATIM_USER_AGENT") or DEFAULT_USER_AGENT,
            timeout=float(config.get("NOMINATIM_TIMEOUT", 5)),
            min_delay_seconds=float(config.get("NOMINATIM_MIN_DELAY", 1.0)),
        )
    raise ValueError(f"GEOCODER must be 'offline' or 'nominatim', not {kind!r}")

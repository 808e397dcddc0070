"""Geocoders: text -> a point on the map.

``OfflineGeocoder`` needs nothing but the region's CSV files and knows only postcodes and
neighbourhoods (so its results are approximate). ``NominatimGeocoder`` asks a Nominatim
server through geopy and caches every answer, found or not, in the ``geocode_cache``
table. A failing server raises ``GeocoderError``; it is never reported as "not found".

Nominatim must never hold the web server's threads (:mod:`refugee_map.geo.http_limits`):
each lookup ends within its time-out in total, and at most one request per
``min_delay_seconds`` goes out - when the next slot is not free yet, ``geocode`` raises
``GeocoderBusy`` at once instead of waiting. A background job waits and asks again.
"""

from __future__ import annotations

import csv
import re
import unicodedata
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

from refugee_map.geo.http_limits import DeadlineAdapter, request_slots
from refugee_map.store import geocache

DEFAULT_USER_AGENT = "refugee-map/0.1 (self-hosted map of offers for refugees)"


@dataclass(frozen=True)
class GeocodeResult:
    lat: float
    lng: float
    label: str
    approximate: bool
    source: str


class GeocoderError(Exception):
    """The geocoding service failed (down, time-out, bad answer): try again later."""


class GeocoderBusy(GeocoderError):
    """The next request to the service may only go out in ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


def _fold(text: str) -> str:
    """Lower case, no diacritics, umlauts as in "Hoerde", punctuation as spaces."""
    text = text.casefold().replace("ß", "ss")
    text = re.sub(r"([aou])e", r"\1", text)  # Hoerde -> horde, and Hörde -> horde below
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=4)
def load_postcodes(region_dir: str | Path) -> dict[str, tuple[float, float]]:
    """The region's postcodes (``postcodes.csv``) with the (lat, lng) of their centres."""
    with open(Path(region_dir) / "postcodes.csv", encoding="utf-8") as f:
        return {row["plz"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(f)}


class OfflineGeocoder:
    """Finds a Dortmund postcode or a neighbourhood name in the query (approximate)."""

    source = "offline"

    def __init__(self, region_dir: str | Path) -> None:
        region_dir = Path(region_dir)
        self._postcodes = load_postcodes(region_dir)
        # Folded name -> (name, lat, lng); longest names first, so "Scharnhorst-Ost" wins
        # over "Scharnhorst". The city itself is left out: it says nothing about where.
        places: dict[str, tuple[str, float, float]] = {}
        with open(region_dir / "neighbourhoods.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["in_dortmund"] != "True" or not row["stadtbezirk"]:
                    continue
                places[_fold(row["name"])] = (row["name"], float(row["lat"]), float(row["lon"]))
        self._places = dict(sorted(places.items(), key=lambda item: (-len(item[0]), item[0])))

    def geocode(self, query: str) -> GeocodeResult | None:
        """The postcode's centre, else the neighbourhood's centre, else None."""
        for postcode in re.findall(r"(?<!\d)\d{5}(?!\d)", query):
            if postcode in self._postcodes:
                lat, lng = self._postcodes[postcode]
                label = f"postcode {postcode} (centre of the area)"
                return GeocodeResult(lat, lng, label, approximate=True, source=self.source)
        folded = f" {_fold(query)} "
        for key, (name, lat, lng) in self._places.items():
            if f" {key} " in folded:
                label = f"{name} (centre of the neighbourhood)"
                return GeocodeResult(lat, lng, label, approximate=True, source=self.source)
        return None


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
        self._slots = request_slots(parts.scheme, domain, min_delay_seconds)

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

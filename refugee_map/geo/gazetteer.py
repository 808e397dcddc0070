"""The region's named places, for the offline geocoder: where a name on the map is.

Read once per region folder from its files (see ``data/regions/<region>/README.md``):
- ``neighbourhoods.csv``: the neighbourhoods (Stadtteile) of the city, each with a point;
- ``districts.geojson``: the city districts (Stadtbezirke), placed at a point inside each;
- ``statistical_districts.csv``: the statistical districts; one without a point of its own
  (no neighbourhood of that name) stands for the centre of its city district;
- ``places.csv`` (optional): named places and stations with a point, columns
  ``name,kind,lat,lon,source,licence`` and optionally ``aliases`` (``;`` between names);
  ``kind`` is ``station`` or ``place``; every row must name its source and licence.

Names are compared folded (:func:`fold`): case, umlauts ("Hoerde"), diacritics and
punctuation do not matter. Station words ("Bahnhof", "S-Bahn", "station" ...) say a station
is asked for: a station of ``places.csv`` with that name, else the place of that name.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from refugee_map.geo.districts import load_districts

PLACES_FILE = "places.csv"
PLACE_COLUMNS = ("name", "kind", "lat", "lon", "source", "licence")
PLACE_KINDS = ("station", "place")
# Folded words that ask for a station ("S-Bahn" folds to "s bahn", two words).
STATION_WORDS = frozenset(
    {"bahnhof", "bf", "hbf", "hauptbahnhof", "station", "s", "u", "bahn", "sbahn", "ubahn"}
    | {"stadtbahn", "haltestelle", "stop"}
)
# Folded words that say nothing about where in the city (the city's own name).
CITY_WORDS = frozenset({"dortmund", "do"})


def fold(text: str) -> str:
    """Lower case, no diacritics, umlauts as in "Hoerde", punctuation as spaces."""
    text = text.casefold().replace("ß", "ss")
    text = re.sub(r"([aou])e", r"\1", text)  # Hoerde -> horde, and Hörde -> horde below
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", text))


@dataclass(frozen=True)
class Place:
    """A named point; ``kind``: neighbourhood, district, station or place. An approximate
    one stands for an area (its centre)."""

    name: str
    lat: float
    lng: float
    kind: str
    approximate: bool = True


class Gazetteer:
    """Folded names -> places, the longest names first ("Scharnhorst-Ost" before
    "Scharnhorst"); stations apart, under their name without station words."""

    def __init__(self, places: dict[str, Place], stations: dict[str, Place]) -> None:
        self.places = _longest_first(places)
        self.stations = _longest_first(stations)

    def find(self, query: str) -> Place | None:
        """The place named in ``query`` (a station when a station word asks for one)."""
        folded = f" {fold(query)} "
        if any(word in STATION_WORDS for word in folded.split()):
            found = _named_in(folded, self.stations)
            if found is not None:
                return found
        return _named_in(folded, self.places)

    def named(self, query: str) -> Place | None:
        """The place ``query`` is the name of, nothing more (but the city's name and
        station words), else None."""
        words = [word for word in fold(query).split() if word not in CITY_WORDS]
        core = " ".join(word for word in words if word not in STATION_WORDS)
        if len(core) < len(" ".join(words)) and core in self.stations:
            return self.stations[core]
        return self.places.get(core)


def _longest_first(places: dict[str, Place]) -> dict[str, Place]:
    return dict(sorted(places.items(), key=lambda item: (-len(item[0]), item[0])))


def _named_in(folded: str, places: dict[str, Place]) -> Place | None:
    return next((place for key, place in places.items() if f" {key} " in folded), None)


@lru_cache(maxsize=4)
def load(region_dir: str | Path) -> Gazetteer:
    """The region's gazetteer (read once per folder). A name already taken keeps its first
    place: named places, then neighbourhoods, city districts, statistical districts."""
    region_dir = Path(region_dir)
    named: dict[str, Place] = {}
    for name, place in [*_named_places(region_dir), *_neighbourhoods(region_dir)]:
        named.setdefault(fold(name), place)
    districts = _districts(region_dir)
    for name, place in districts.items():
        named.setdefault(fold(name), place)
    for name, district in _statistical_districts(region_dir):
        if district in districts:
            named.setdefault(fold(name), districts[district])
    places = {key: place for key, place in named.items() if place.kind != "station"}
    stations = {_station_key(key): place for key, place in named.items() if place.kind == "station"}
    return Gazetteer(places, stations)


def _station_key(key: str) -> str:
    """A station's folded name without station words and the city: "dortmund horde" ->
    "horde"."""
    return " ".join(w for w in key.split() if w not in STATION_WORDS | CITY_WORDS) or key


def _neighbourhoods(region_dir: Path) -> list[tuple[str, Place]]:
    """The city's neighbourhoods; the city itself is left out: it says nothing about where."""
    with open(region_dir / "neighbourhoods.csv", encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if row["in_dortmund"] == "True"]
    return [
        (row["name"], Place(row["name"], float(row["lat"]), float(row["lon"]), "neighbourhood"))
        for row in rows
        if row["stadtbezirk"]
    ]


def _districts(region_dir: Path) -> dict[str, Place]:
    """Each city district at a point inside it (its outline may be schematic)."""
    path = region_dir / "districts.geojson"
    if not path.exists():
        return {}
    districts = load_districts(region_dir)
    return {name: Place(name, *districts.inner_point(name), "district") for name in districts.names}


def _statistical_districts(region_dir: Path) -> list[tuple[str, str]]:
    """(statistical district, its city district)."""
    path = region_dir / "statistical_districts.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [(row["statistischer_bezirk"], row["stadtbezirk"]) for row in csv.DictReader(f)]


def _named_places(region_dir: Path) -> list[tuple[str, Place]]:
    """The rows of ``places.csv`` (none without the file); a row without its source or
    licence, or with a bad kind or point, is refused (ValueError naming the row)."""
    path = region_dir / PLACES_FILE
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    found = []
    for number, row in enumerate(rows, start=2):
        place = _named_place(row, f"{path.name} row {number}")
        aliases = [alias.strip() for alias in (row.get("aliases") or "").split(";")]
        found += [(name, place) for name in [place.name, *aliases] if name]
    return found


def _named_place(row: dict, where: str) -> Place:
    missing = [column for column in PLACE_COLUMNS if not (row.get(column) or "").strip()]
    if missing:
        raise ValueError(f"{where}: {', '.join(missing)} missing")
    if row["kind"] not in PLACE_KINDS:
        raise ValueError(f"{where}: kind must be one of {', '.join(PLACE_KINDS)}")
    try:
        lat, lng = float(row["lat"]), float(row["lon"])
    except ValueError:
        raise ValueError(f"{where}: lat and lon must be numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValueError(f"{where}: lat/lon out of range")
    return Place(row["name"].strip(), lat, lng, row["kind"], approximate=False)

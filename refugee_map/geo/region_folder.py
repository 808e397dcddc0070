"""A region's folder (``data/regions/<slug>/``) read and checked before it becomes a region:
the districts, the postcodes and the gazetteer the app reads from it must load, and the
optional ``region.toml`` may set the region's name, agency, default language, tiles and
bounds (what it leaves out follows the settings, see ``store.regions``)."""

import re
import tomllib
from pathlib import Path

from refugee_map.domain.regions import one_line
from refugee_map.geo import gazetteer
from refugee_map.geo.districts import load_districts
from refugee_map.geo.geocode import load_postcodes

REGION_FILE = "region.toml"
TEXT_KEYS = ("name", "agency_name", "default_language", "tile_url", "tile_attribution")
BOUNDS = ("min_lng", "min_lat", "max_lng", "max_lat")
# The tiles' URL goes into the pages' Content-Security-Policy header and the attribution
# into the map as HTML: a tile server's URL template ({s}, {z}, {x}, {y} and a path only,
# no quote, space or ";"), and plain text with at most links to http(s) addresses.
TILE_URL = re.compile(r"(https?://[A-Za-z0-9.{}-]+(:[0-9]+)?)?/[A-Za-z0-9{}._~/@%+=&?-]*")
LINK = r'<a href="https?://[^"<>\s]+">[^<>&]*</a>'
TILE_ATTRIBUTION = re.compile(rf"([^<>]|{LINK})*")


class RegionFolderError(ValueError):
    """The folder cannot serve as a region; the message names the file and what is wrong."""


def read(folder: Path) -> dict:
    """The region's row (``store.regions.COLUMNS`` but the slug) from ``folder``."""
    if not folder.is_dir():
        raise RegionFolderError(f"{folder} is not a folder")
    _check_files(folder)
    return {**_settings(folder / REGION_FILE), "region_dir": str(folder.resolve())}


def read_new(folder: Path, languages: tuple[str, ...]) -> dict:
    """:func:`read`, and the region's default language one of the app's ``languages``:
    what ``region add`` and the back office's region page check before adding a region."""
    row = read(folder)
    language = row.get("default_language")
    if language and language not in languages:
        raise RegionFolderError(
            f"{folder / REGION_FILE}: default_language must be one of {', '.join(languages)}"
        )
    return row


def _check_files(folder: Path) -> None:
    """Read what the app reads from a region's folder, as it reads it."""
    readers = {
        "districts.geojson": load_districts,
        "postcodes.csv": load_postcodes,
        "neighbourhoods.csv": gazetteer.load,  # with the optional files of the gazetteer
    }
    for name, reader in readers.items():
        try:
            reader(folder)
        except FileNotFoundError as error:
            raise RegionFolderError(f"{folder}: {Path(error.filename).name} is missing") from None
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise RegionFolderError(f"{folder / name}: {_reason(error)}") from None


def _reason(error: Exception) -> str:
    return f"column {error} missing" if isinstance(error, KeyError) else str(error)


def _settings(path: Path) -> dict:
    """The keys of ``region.toml`` (none without the file), each checked."""
    if not path.exists():
        return {}
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RegionFolderError(f"{path}: {error}") from None
    unknown = sorted(set(values) - {*TEXT_KEYS, "bounds"})
    if unknown:
        known = ", ".join((*TEXT_KEYS, "bounds"))
        raise RegionFolderError(f"{path}: unknown key {', '.join(unknown)} (known: {known})")
    texts = {key: values[key] for key in TEXT_KEYS if key in values}
    if not all(isinstance(text, str) and text.strip() for text in texts.values()):
        raise RegionFolderError(f"{path}: {', '.join(texts)} must be text, not empty")
    _check_names(path, texts)
    _check_tiles(path, texts)
    return texts | _bounds(path, values.get("bounds"))


def _check_names(path: Path, texts: dict) -> None:
    """The name and the agency's go into page titles and e-mail headers: one line each."""
    for key in ("name", "agency_name"):
        if key in texts and one_line(texts[key]) != texts[key]:
            raise RegionFolderError(
                f"{path}: {key} must be one line of text, without line breaks, control "
                "characters or spaces at either end"
            )


def _check_tiles(path: Path, texts: dict) -> None:
    url, attribution = texts.get("tile_url"), texts.get("tile_attribution", "")
    if url is not None and not (
        TILE_URL.fullmatch(url) and all(f"{{{part}}}" in url for part in "zxy")
    ):
        raise RegionFolderError(
            f"{path}: tile_url must be a tile server's address with {{z}}, {{x}} and {{y}}, "
            "e.g. https://tiles.example/{z}/{x}/{y}.png"
        )
    if not TILE_ATTRIBUTION.fullmatch(attribution):
        raise RegionFolderError(
            f'{path}: tile_attribution must be text, with links only as <a href="https://…">'
            "name</a>"
        )


def _bounds(path: Path, bounds) -> dict:
    """``bounds = [west, south, east, north]`` in degrees, if given."""
    if bounds is None:
        return {}
    numbers = isinstance(bounds, list) and all(isinstance(n, int | float) for n in bounds)
    if not numbers or len(bounds) != 4:
        raise RegionFolderError(f"{path}: bounds must be [west, south, east, north] in degrees")
    west, south, east, north = bounds
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise RegionFolderError(f"{path}: bounds must be [west, south, east, north] in degrees")
    return dict(zip(BOUNDS, map(float, bounds), strict=True))

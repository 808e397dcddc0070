"""A region of the deployment as the app uses it: its row in ``regions`` with every empty
column filled from the settings (see :mod:`refugee_map.store.regions`)."""

import re
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from refugee_map.domain.messages import gettext as _
from refugee_map.domain.messages import lazy_gettext as _l
from refugee_map.store import regions as region_store

# A region's slug is the first part of its URLs (``/bochum/``) and a folder's name.
SLUG = re.compile(r"[a-z][a-z0-9-]{0,38}[a-z0-9]")
# The first path part of the network-wide reads (every region's offers): no region's slug.
NETWORK = "network"
# Who signs the e-mails, before the region's name, when neither the region nor the setting
# AGENCY_NAME names the agency (the e-mails' German signature, like AGENCY_NAME's).
AGENCY_OF = "Die Redaktion der Hilfe-Karte"
# The names of the regions the project ships, translated like any text: readers of Arabic,
# Farsi, Russian, Ukrainian, Tigrinya see their city in their own script.
SHIPPED_NAMES = {"Dortmund": _l("Dortmund")}
BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass(frozen=True)
class Region:
    id: int
    slug: str
    name: str
    agency_name: str
    default_language: str
    # west, south, east, north; None: its districts' bounds
    bounds: tuple[float, float, float, float] | None
    tile_url: str
    tile_attribution: str
    region_dir: str

    def settings(self) -> dict:
        """The region's values under the names of the settings they stand in for, for code
        that reads them from a settings mapping (``make_geocoder``, the import jobs)."""
        return {
            "REGION": self.slug,
            "REGION_DIR": self.region_dir,
            "AGENCY_NAME": self.agency_name,
            "TILE_URL": self.tile_url,
            "TILE_ATTRIBUTION": self.tile_attribution,
            "BABEL_DEFAULT_LOCALE": self.default_language,
        }

    @property
    def city(self) -> str:
        """The region's name in the current language's script where the catalogues spell
        it (the shipped region's: دورتموند, Дортмунд), else as ``region.toml`` writes it."""
        spelled = SHIPPED_NAMES.get(self.name)
        return str(spelled) if spelled is not None else self.name

    @property
    def site_name(self) -> str:
        """The site's name in the current language, e.g. "Hilfe-Karte Bochum"."""
        return _("Hilfe-Karte %(city)s", city=self.city)

    @property
    def offers_title(self) -> str:
        """What the site holds, in the current language: "Hilfsangebote für Geflüchtete in
        Bochum" (page headings, descriptions, printed titles)."""
        return _("Hilfsangebote für Geflüchtete in %(city)s", city=self.city)

    def over(self, config: Mapping) -> Mapping:
        """The settings ``config`` with the region's values in place of the global ones."""
        return ChainMap(self.settings(), config)


def from_row(row: Mapping, config: Mapping) -> Region:
    """The region of ``row``; an empty column takes its setting. A name goes into pages,
    feeds and e-mail subjects: any run of spaces, line breaks or control characters in it
    counts as one space (``region add`` refuses them; this holds for rows however made)."""
    slug = row["slug"] or str(config["REGION"])
    name = one_line(row["name"] or "") or slug.title()
    bounds = tuple(row[key] for key in ("min_lng", "min_lat", "max_lng", "max_lat"))
    return Region(
        id=row["id"],
        slug=slug,
        name=name,
        agency_name=row["agency_name"] or config["AGENCY_NAME"] or f"{AGENCY_OF} {name}",
        default_language=row["default_language"] or config["BABEL_DEFAULT_LOCALE"],
        bounds=None if None in bounds else bounds,
        tile_url=row["tile_url"] or config["TILE_URL"],
        tile_attribution=row["tile_attribution"] or config["TILE_ATTRIBUTION"],
        region_dir=row["region_dir"] or config["REGION_DIR"],
    )


def settings_region(config: Mapping) -> Region:
    """The region of the settings alone, as row 1 is before anything is written into it
    (a database not migrated yet has no row)."""
    return from_row(dict.fromkeys(region_store.COLUMNS) | {"id": region_store.HOME}, config)


def all_regions(db: Database, config: Mapping) -> list[Region]:
    """Every region, the region of the settings first."""
    return [from_row(row, config) for row in region_store.all_regions(db)]


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None


def slug_problem(slug: str, taken: list[str], reserved: set[str]) -> str | None:
    """Why ``slug`` cannot name a new region: "form" (not a slug), "taken" (a region's
    already) or "reserved" (the first part of the app's own URLs); None when it can."""
    if not is_slug(slug):
        return "form"
    if slug in taken:
        return "taken"
    return "reserved" if slug in reserved else None


def one_line(text: str) -> str:
    """``text`` with every run of spaces, line breaks and control characters one space."""
    return BREAKS.sub(" ", text).strip()

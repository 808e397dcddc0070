"""Small regions for the tests of regions (Bochum, and Essen for a network of three): their
folders and the command adding them (the fixtures built on them: ``regions_fixtures``)."""

import json
from dataclasses import dataclass

from click.testing import CliRunner

from refugee_map.cli import main

BOCHUM_TILES = "https://tiles.bochum.example/{z}/{x}/{y}.png"
BOCHUM_TOML = f"""
name = "Bochum"
agency_name = "Hilfe-Karte Bochum"
default_language = "en"
tile_url = "{BOCHUM_TILES}"
tile_attribution = "Bochum tiles"
"""


ESSEN_TOML = """
name = "Essen"
agency_name = "Hilfe-Karte Essen"
default_language = "de"
"""


@dataclass(frozen=True)
class Places:
    """A small region's places: two districts (name, west, south of a 0.05° square), one
    postcode (code, lat, lon), one neighbourhood (name, lat, lon) in the first district."""

    districts: tuple[tuple[str, float, float], ...]
    postcode: tuple[str, float, float]
    neighbourhood: tuple[str, float, float]


BOCHUM = Places((("Bochum-Mitte", 7.2, 51.45), ("Wattenscheid", 7.1, 51.45)),
                ("44787", 51.48, 7.22), ("Ehrenfeld", 51.47, 7.21))  # fmt: skip
ESSEN = Places((("Essen-Mitte", 6.95, 51.4), ("Rüttenscheid", 7.0, 51.4)),
               ("45127", 51.43, 6.97), ("Südviertel", 51.42, 6.96))  # fmt: skip


def square(name: str, west: float, south: float) -> dict:
    ring = [[west, south], [west + 0.05, south], [west + 0.05, south + 0.05],
            [west, south + 0.05], [west, south]]  # fmt: skip
    return {"type": "Feature", "properties": {"name": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip


def write_region_folder(folder, toml: str = BOCHUM_TOML, places: Places = BOCHUM):
    """A small region: two districts, one postcode, one neighbourhood."""
    folder.mkdir()
    features = [square(*district) for district in places.districts]
    collection = {"type": "FeatureCollection", "features": features}
    (folder / "districts.geojson").write_text(json.dumps(collection), encoding="utf-8")
    code, lat, lon = places.postcode
    (folder / "postcodes.csv").write_text(f"plz,lat,lon\n{code},{lat},{lon}\n", encoding="utf-8")
    name, lat, lon = places.neighbourhood
    (folder / "neighbourhoods.csv").write_text(
        "geonameid,name,lat,lon,population,in_dortmund,stadtbezirk\n"
        f"1,{name},{lat},{lon},100,True,{places.districts[0][0]}\n",
        encoding="utf-8",
    )
    (folder / "region.toml").write_text(toml, encoding="utf-8")
    return folder


def region_command(db_path, *args):
    return command(db_path, "region", *args)


def command(db_path, *args, public_url: str = "https://karte.example", **settings: str):
    """``refugee-map ARGS`` on the database ``db_path``, the site at ``public_url``, with
    these further settings (``REGION_URLS="host"``: ``REFUGEE_MAP_REGION_URLS=host``)."""
    env = {"REFUGEE_MAP_DB": str(db_path), "REFUGEE_MAP_SECRET_KEY": "test",
           "REFUGEE_MAP_PUBLIC_URL": public_url}  # fmt: skip
    env |= {f"REFUGEE_MAP_{name}": value for name, value in settings.items()}
    return CliRunner().invoke(main, list(args), env=env)

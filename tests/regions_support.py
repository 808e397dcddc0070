"""A second region (Bochum) for the tests of regions: its folder and the command adding it
(the fixtures built on them: ``regions_fixtures``)."""

import json

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


def square(name: str, west: float, south: float) -> dict:
    ring = [[west, south], [west + 0.05, south], [west + 0.05, south + 0.05],
            [west, south + 0.05], [west, south]]  # fmt: skip
    return {"type": "Feature", "properties": {"name": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip


def write_region_folder(folder, toml: str = BOCHUM_TOML):
    """A small region: two districts, one postcode, one neighbourhood."""
    folder.mkdir()
    features = [square("Bochum-Mitte", 7.2, 51.45), square("Wattenscheid", 7.1, 51.45)]
    collection = {"type": "FeatureCollection", "features": features}
    (folder / "districts.geojson").write_text(json.dumps(collection), encoding="utf-8")
    (folder / "postcodes.csv").write_text("plz,lat,lon\n44787,51.48,7.22\n", encoding="utf-8")
    (folder / "neighbourhoods.csv").write_text(
        "geonameid,name,lat,lon,population,in_dortmund,stadtbezirk\n"
        "1,Ehrenfeld,51.47,7.21,100,True,Bochum-Mitte\n",
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

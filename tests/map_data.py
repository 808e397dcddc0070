"""Synthetic offers (the benchmarks' generator) for the tests of the map's views and the
list's pages, plus a few offers not placed yet."""

import importlib.util
from pathlib import Path

from samples import CENTRE_OFFER

from refugee_map import create_app, store
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store

SYNTHETIC = Path(__file__).resolve().parents[1] / "scripts" / "bench" / "synthetic.py"
UNPLACED = 5
REGION_BBOX = (7.0, 51.0, 8.0, 52.0)  # wider than the region: every offer lies inside


def _synthetic():
    spec = importlib.util.spec_from_file_location("bench_synthetic", SYNTHETIC)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def app_with_offers(database: Path | str, count: int):
    """An app over a database (a file, or a ``postgresql://`` URL) of ``count`` synthetic
    offers (about 90 % published) and :data:`UNPLACED` published offers without a position."""
    app = create_app({"TESTING": True, "DB": str(database), "SECRET_KEY": "test"})
    db = store.connect(database)
    store.init(db)
    synthetic = _synthetic()
    region = synthetic.Region()
    unplaced = CENTRE_OFFER | {"lat": "", "lng": "", "title": "Noch ohne Ort"}
    with app.app_context():
        placed = [offer | {"district": region.districts.locate(offer["lat"], offer["lng"])}
                  for offer in synthetic.offers(count, region)]  # fmt: skip
        cleaned = offers.clean(unplaced, require_location=False)
        offer_store.create_offers(db, placed + [cleaned] * UNPLACED, by="test")  # as an import
    db.close()
    return app

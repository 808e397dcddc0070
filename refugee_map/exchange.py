"""Offers in and out of files: GeoJSON features, CSV rows, the demo data set."""

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from flask import url_for
from sqlite_utils import Database

from . import hours, hsds, offers, store
from .districts import Districts

# What a map marker needs; everything else comes with the single-offer request.
SLIM_PROPERTIES = (
    "id", "title", "category", "district", "organization", "street", "postcode", "city",
    "opening_hours", "by_appointment", "verified_at", "volunteers_wanted", "text_lang",
)  # fmt: skip


def to_feature(offer: dict, *, full: bool = True) -> dict:
    """A GeoJSON Feature; ``full`` carries every public field, else what a marker needs."""
    fields = (*offers.FIELDS, "text_lang", "updated_at") if full else SLIM_PROPERTIES
    properties = {field: offer[field] for field in fields}
    properties["opening_hours_text"] = hours.format(offer["opening_hours"])
    properties["url"] = url_for("public.offer", offer_id=offer["id"])
    return {
        "type": "Feature",
        "id": offer["id"],
        "geometry": _point(offer),
        "properties": properties,
    }


def feature_collection(found: Iterable[dict]) -> dict:
    """Offers as a GeoJSON FeatureCollection with every public field: a valid import file."""
    return {"type": "FeatureCollection", "features": [to_feature(offer) for offer in found]}


def _point(offer: dict) -> dict | None:
    if offer["lat"] is None or offer["lng"] is None:
        return None  # not placed yet (waiting for the geocoder)
    return {"type": "Point", "coordinates": [offer["lng"], offer["lat"]]}


def to_csv_row(offer: dict) -> dict[str, str]:
    """One offer as the strings of an import/export CSV row."""
    row = {}
    for field in offers.FIELDS:
        value = offer.get(field)
        if field == "opening_hours":
            value = hours.format(value or {})
        elif field in offers.LIST_FIELDS:
            value = " ".join(value or [])
        elif isinstance(value, bool):
            value = "true" if value else "false"
        row[field] = "" if value is None else str(value)
    return row


def read_csv(text: str) -> csv.DictReader:
    """Rows of a CSV as spreadsheets write it: BOM or not, ``;`` or ``,``."""
    text = text.removeprefix("\ufeff")
    header = text.partition("\n")[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)


def write_csv(rows: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=offers.FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(to_csv_row(offer) for offer in rows)
    return out.getvalue()


def export_text(db: Database, fmt: str, query: store.OfferQuery) -> str:
    """The offers matching ``query`` as a GeoJSON, CSV or HSDS document (needs a request
    context for the offer links)."""
    found = store.find_offers(db, query)
    if fmt == "geojson":
        return json.dumps(feature_collection(found), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return write_csv(found)
    if fmt == "hsds":
        return json.dumps(hsds.export(db, found), ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"unknown export format {fmt!r}")


def load_demo(db: Database, region_dir: Path, districts: Districts) -> int:
    """Load the region's demo offers into an empty database; returns how many."""
    if db["offers"].count:
        return 0
    rows = list(read_csv((region_dir / "demo_offers.csv").read_text(encoding="utf-8")))
    with store.writing(db):
        for row in rows:
            offer = offers.clean(row, districts=districts)
            offer["id"] = row.get("id") or None
            store.create_offer(db, offer, by="demo", source="demo_offers.csv")
        store.set_meta(db, "demo", "1")
    return len(rows)

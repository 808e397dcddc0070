"""Offers in and out of files: GeoJSON features, CSV rows, the demo data set.

CSV cells are written so a spreadsheet shows them and never runs them (OWASP "CSV
injection"): text that starts like a formula gets one ``'`` in front (see
:func:`as_text_cell`). Reading a CSV takes exactly that one ``'`` off again, so an exported
file imports as the same text.
"""

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain import hours, offers
from refugee_map.exchange import hsds
from refugee_map.geo.districts import Districts
from refugee_map.store import offers as offer_store
from refugee_map.store import search_index
from refugee_map.store import translations as translation_store

# Which state of each offer an export shows: an import of the file knows from them whether
# the offer changed since (see exchange/import_review.py).
STAMP = ("version", "updated_at")
# The columns of an exported CSV: the import columns, then the stamp.
CSV_COLUMNS = (*offers.FIELDS, *STAMP)

# What a map marker needs (the API adds the opening hours as rows to show, see
# web/display.py); everything else comes with the single-offer request.
SLIM_PROPERTIES = (
    "id", "title", "category", "district", "organization", "street", "postcode", "city",
    "by_appointment", "verified_at", "volunteers_wanted", "text_lang", "phone",
)  # fmt: skip


def offer_link(base_url: str, offer_id: int) -> str:
    """The address of an offer's public page (the web's ``/offers/<id>``) under ``base_url``:
    the site's public address, or ``""`` for a path on the same site."""
    return f"{base_url.rstrip('/')}/offers/{offer_id}"


def to_feature(offer: dict, *, base_url: str, full: bool = True) -> dict:
    """A GeoJSON Feature; ``full`` carries every public field and the :data:`STAMP`, else
    what a marker needs. Its ``url`` is the offer's page under ``base_url`` (see
    :func:`offer_link`)."""
    fields = (*offers.FIELDS, "text_lang", *STAMP) if full else SLIM_PROPERTIES
    properties = {field: offer[field] for field in fields}
    properties["opening_hours_text"] = hours.format(offer["opening_hours"])
    properties["url"] = offer_link(base_url, offer["id"])
    return {
        "type": "Feature",
        "id": offer["id"],
        "geometry": _point(offer),
        "properties": properties,
    }


def feature_collection(found: Iterable[dict], *, base_url: str) -> dict:
    """Offers as a GeoJSON FeatureCollection with every public field: a valid import file."""
    features = [to_feature(offer, base_url=base_url) for offer in found]
    return {"type": "FeatureCollection", "features": features}


def _point(offer: dict) -> dict | None:
    if offer["lat"] is None or offer["lng"] is None:
        return None  # not placed yet (waiting for the geocoder)
    return {"type": "Point", "coordinates": [offer["lng"], offer["lat"]]}


# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Text starting with one of these gets a "'" in front (the quote itself, so that a text
# which really starts with "'=" comes back unchanged too).
QUOTED_START = (*FORMULA_START, "'")


def as_text_cell(text: str) -> str:
    """``text`` as a cell a spreadsheet shows as text: one ``'`` before a formula start."""
    return "'" + text if text.startswith(QUOTED_START) else text


def from_text_cell(cell: str) -> str:
    """The text of a cell: a ``'`` followed by a formula start or another ``'`` is the one
    :func:`as_text_cell` added and is taken off; any other ``'`` is kept."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(QUOTED_START) else cell


def to_csv_row(offer: dict, columns: Sequence[str] = CSV_COLUMNS) -> dict[str, str]:
    """One offer as the strings of an import/export CSV row; numbers stay numbers."""
    row = {}
    for field in columns:
        value = offer.get(field)
        if field == "opening_hours":
            value = hours.format(value or {})
        elif field in offers.LIST_FIELDS:
            value = " ".join(value or [])
        elif isinstance(value, bool):
            value = "true" if value else "false"
        if value is None:
            row[field] = ""
        else:
            row[field] = as_text_cell(value) if isinstance(value, str) else str(value)
    return row


class _TextCellReader(csv.DictReader):
    """A DictReader whose cells are read back with :func:`from_text_cell`."""

    def __next__(self) -> dict:
        row = super().__next__()
        return {key: from_text_cell(v) if isinstance(v, str) else v for key, v in row.items()}


def read_csv(text: str) -> csv.DictReader:
    """Rows of a CSV as spreadsheets write it: BOM or not, ``;`` or ``,``."""
    text = text.removeprefix("\ufeff")
    header = text.partition("\n")[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return _TextCellReader(io.StringIO(text, newline=""), delimiter=delimiter)


def write_csv(rows: Iterable[dict], columns: Sequence[str] = CSV_COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(to_csv_row(offer, columns) for offer in rows)
    return out.getvalue()


def export_text(db: Database, fmt: str, query: offer_store.OfferQuery, *, base_url: str) -> str:
    """The offers matching ``query`` as a GeoJSON, CSV or HSDS document; GeoJSON links each
    offer's page under ``base_url``."""
    found = offer_store.find_offers(db, query)
    if fmt == "geojson":
        collection = feature_collection(found, base_url=base_url)
        return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return write_csv(found)
    if fmt == "hsds":
        return json.dumps(hsds.export(db, found), ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"unknown export format {fmt!r}")


def load_demo(db: Database, region_dir: Path, districts: Districts) -> int:
    """Load the region's demo offers, and their translations if the region has
    ``demo_translations.csv``, into an empty database; returns how many offers."""
    if offer_store.count_offers(db):
        return 0
    rows = list(read_csv((region_dir / "demo_offers.csv").read_text(encoding="utf-8")))
    with store.writing(db):
        for row in rows:
            offer = offers.clean(row, districts=districts)
            offer["id"] = row.get("id") or None
            offer_store.create_offer(db, offer, by="demo", source="demo_offers.csv")
        _load_demo_translations(db, region_dir / "demo_translations.csv")
        store.set_meta(db, "demo", "1")
    return len(rows)


def _load_demo_translations(db: Database, path: Path) -> None:
    """Rows ``id,lang,title,description``, stored as the back office stores a translation."""
    if not path.exists():
        return
    for number, row in enumerate(read_csv(path.read_text(encoding="utf-8")), start=2):
        offer_id = int(row["id"]) if (row.get("id") or "").isdigit() else 0
        if not offer_store.get_offer(db, offer_id, public=False) or not row.get("title"):
            raise ValueError(f"{path.name} row {number}: no such offer or no title")
        if row.get("lang") not in search_index.TRANSLATED_LANGUAGES:
            raise ValueError(f"{path.name} row {number}: unknown language {row.get('lang')!r}")
        translation_store.set_translation(
            db, offer_id, row["lang"], row["title"], row.get("description") or "", by="demo"
        )

"""Import files -> rows of text values: CSV, GeoJSON and GeoPackage.

Each row carries a label ("row 3", "feature 2") that error reports use. A file that
cannot be read at all raises :class:`ImportFileError` with a message for people.
"""

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import exchange

REQUIRED_COLUMNS = ("category", "title")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MAX_FIELD = 1_000_000  # a CSV cell longer than this is not an offer


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong encoding, empty, not a table, ...)."""


@dataclass(frozen=True)
class SourceRow:
    label: str  # where it is in the file, for people: "row 3" or "feature 2"
    values: dict[str, Any]


def read_rows(path: Path) -> list[SourceRow]:
    """The rows of a CSV, GeoJSON or GeoPackage file, chosen by content and suffix."""
    data = path.read_bytes()
    if not data.strip():
        raise ImportFileError(f"{path.name} is empty.")
    if data.startswith(_SQLITE_MAGIC) or path.suffix.lower() == ".gpkg":
        return _geopackage_rows(path)
    text = _decode(data, path.name)
    if path.suffix.lower() in (".geojson", ".json") or text.lstrip().startswith("{"):
        return _geojson_rows(text, path.name)
    return _csv_rows(text, path.name)


def _decode(data: bytes, name: str) -> str:
    if _looks_binary(data[:65536]):
        raise ImportFileError(f"{name} is not a text file (CSV or GeoJSON expected).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"{name} is not UTF-8 encoded (line {line}). It is probably Latin-1/Windows-1252: "
            "save it as 'CSV UTF-8' in the spreadsheet program and import it again."
        ) from None


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes or many control characters: a program file, image, archive, ..."""
    controls = sum(byte < 32 and byte not in b"\t\n\r" for byte in sample)
    return b"\x00" in sample or controls > len(sample) // 20


def _csv_rows(text: str, name: str) -> list[SourceRow]:
    csv.field_size_limit(_MAX_FIELD)
    try:
        reader = exchange.read_csv(text)
        _check_columns(reader.fieldnames or [], name)
        rows = [SourceRow(f"row {reader.line_num}", row) for row in reader]
    except csv.Error as error:
        raise ImportFileError(f"{name} is not a readable CSV file: {error}.") from None
    if not rows:
        raise ImportFileError(f"{name} has a header but no rows.")
    for row in rows:
        if None in row.values:
            raise ImportFileError(f"{name}, {row.label}: more cells than columns in the header.")
    return rows


def _check_columns(columns: list[str], name: str) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        shown = ", ".join(str(column)[:40] for column in columns[:8]) or "nothing"
        raise ImportFileError(
            f"{name} lacks the column(s) {', '.join(missing)}; its first line has {shown}. "
            "The columns are listed in the README (see data/example_import.csv)."
        )


def _geojson_rows(text: str, name: str) -> list[SourceRow]:
    try:
        collection = json.loads(text)
    except ValueError as error:
        raise ImportFileError(f"{name} is not valid JSON: {error}.") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ImportFileError(f"{name} is not a GeoJSON FeatureCollection.")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ImportFileError(f"{name} has no features.")
    return [_feature_row(number, feature) for number, feature in enumerate(features, 1)]


def _feature_row(number: int, feature: Any) -> SourceRow:
    label = f"feature {number}"
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        return SourceRow(label, {"_error": "not a GeoJSON Feature with properties"})
    values = dict(feature["properties"])
    geometry = feature.get("geometry")
    if geometry:
        point = _point(geometry)
        if point is None:
            values["_error"] = "geometry must be a Point [longitude, latitude]"
        else:
            values["lng"], values["lat"] = point
    return SourceRow(label, values)


def _point(geometry: Any) -> tuple[Any, Any] | None:
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return None
    return coordinates[0], coordinates[1]


def _geopackage_rows(path: Path) -> list[SourceRow]:
    import pyogrio

    try:
        frame = pyogrio.read_dataframe(path)
    except Exception as error:
        raise ImportFileError(f"{path.name} is not a readable GeoPackage: {error}") from None
    crs = getattr(frame, "crs", None)  # a layer without geometry reads as a plain DataFrame
    if crs is not None and crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    _check_columns(list(frame.columns), path.name)
    if frame.empty:
        raise ImportFileError(f"{path.name} has no features.")
    rows = []
    for number, record in enumerate(frame.to_dict("records"), 1):
        geometry = record.pop("geometry", None)
        values = {key: _plain(value) for key, value in record.items()}
        if geometry is not None and not geometry.is_empty:
            if geometry.geom_type != "Point":
                values["_error"] = "geometry must be a Point"
            else:
                values["lng"], values["lat"] = geometry.x, geometry.y
        rows.append(SourceRow(f"feature {number}", values))
    return rows


def _plain(value: Any) -> Any:
    """numpy/pandas scalars as Python values; missing values as None."""
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value

"""Import files -> rows of text values: CSV, GeoJSON and GeoPackage.

Each row carries a label ("row 3", "feature 2") that error reports use. A file that
cannot be read at all raises :class:`ImportFileError` with a message for people.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refugee_map.exchange import formats as exchange
from refugee_map.exchange import geopackage

REQUIRED_COLUMNS = ("category", "title")
_MAX_FIELD = 1_000_000  # a CSV cell longer than this is not an offer
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong encoding, empty, not a table, ...)."""


@dataclass(frozen=True)
class SourceRow:
    label: str  # where it is in the file, for people: "row 3" or "feature 2"
    values: dict[str, Any]
    problem: str | None = None  # why the row's geometry cannot be taken


def read_rows(path: Path) -> list[SourceRow]:
    """The rows of a CSV, GeoJSON or GeoPackage file, by its suffix.

    The suffix alone chooses the reader and the content must match it: no reader guesses
    a format from the content, so a file cannot pass for another kind.
    """
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportFileError(
            f"{path.name} is not a .csv, .geojson, .json or .gpkg file (CSV, GeoJSON or "
            "GeoPackage expected)."
        )
    data = path.read_bytes()
    if not data.strip():
        raise ImportFileError(f"{path.name} is empty.")
    return reader(path, data)


def _text_rows(parse):
    """A reader of a text format: decoded as UTF-8 first, then ``parse``d."""

    def read(path: Path, data: bytes) -> list[SourceRow]:
        return parse(_decode(data, path.name), path.name)

    return read


def _decode(data: bytes, name: str) -> str:
    if data.startswith(_UTF16_MARKS):
        raise ImportFileError(f"{name} is UTF-16 encoded: save it as UTF-8 and import it again.")
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
    _check_not_markup(text, name)
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


def _check_not_markup(text: str, name: str) -> None:
    """A CSV never starts like JSON or XML (GeoJSON, or GML, KML, VRT given another name)."""
    first = text.lstrip()[:1]
    if first in ("{", "["):
        raise ImportFileError(f"{name} holds JSON, not CSV: import GeoJSON as a .geojson file.")
    if first == "<":
        raise ImportFileError(f"{name} holds XML, not CSV: only CSV, GeoJSON and GeoPackage.")


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
    except RecursionError:
        raise ImportFileError(f"{name} is nested too deeply to be GeoJSON.") from None
    _check_text(collection, name)
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ImportFileError(f"{name} is not a GeoJSON FeatureCollection.")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ImportFileError(f"{name} has no features.")
    return [_feature_row(number, feature) for number, feature in enumerate(features, 1)]


def _check_text(collection: Any, name: str) -> None:
    """JSON's ``\\ud800`` escapes may leave half a character (an unpaired surrogate) in a
    string, which no UTF-8 text, and so no database or page, can hold."""
    try:
        json.dumps(collection, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        shown = error.object[max(0, error.start - 20) : error.start]
        raise ImportFileError(
            f"{name} holds an unpaired surrogate escape (after {shown!r}), which is not text."
        ) from None


def _feature_row(number: int, feature: Any) -> SourceRow:
    label = f"feature {number}"
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        return SourceRow(label, {}, "not a GeoJSON Feature with properties")
    values = dict(feature["properties"])
    geometry = feature.get("geometry")
    if geometry:
        point = _point(geometry)
        if point is None:
            return SourceRow(label, values, "geometry must be a Point [longitude, latitude]")
        values["lng"], values["lat"] = point
    return SourceRow(label, values)


def _point(geometry: Any) -> tuple[Any, Any] | None:
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return None
    return coordinates[0], coordinates[1]


def _geopackage_rows(path: Path, data: bytes) -> list[SourceRow]:
    if not geopackage.is_geopackage(data[:100]):
        raise ImportFileError(
            f"{path.name} is not a GeoPackage (an SQLite file with the GeoPackage "
            "application id expected)."
        )
    try:
        columns, records = geopackage.read_layer(path)
    except geopackage.GeoPackageError as error:
        raise ImportFileError(f"{path.name} is not a readable GeoPackage: {error}.") from None
    _check_columns(columns, path.name)
    if not records:
        raise ImportFileError(f"{path.name} has no features.")
    return [_record_row(number, record) for number, record in enumerate(records, 1)]


def _record_row(number: int, record: dict[str, Any]) -> SourceRow:
    label = f"feature {number}"
    geometry = record.pop("geometry")
    if geometry is None or geometry.is_empty:
        return SourceRow(label, record)
    if geometry.geom_type != "Point":
        return SourceRow(label, record, "geometry must be a Point")
    return SourceRow(label, record | {"lng": geometry.x, "lat": geometry.y})


_READERS = {
    ".csv": _text_rows(_csv_rows),
    ".geojson": _text_rows(_geojson_rows),
    ".json": _text_rows(_geojson_rows),
    ".gpkg": _geopackage_rows,
}

"""Import files -> rows of text values: CSV, GeoJSON and GeoPackage.

Each row carries a label ("Zeile 3", "Objekt 2") that error reports use. A file that
cannot be read at all raises :class:`ImportFileError` with a message for people. Both are
in the language of whoever reads them (German outside a request).
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refugee_map.domain.messages import gettext as _
from refugee_map.domain.messages import ngettext
from refugee_map.exchange import formats as exchange
from refugee_map.exchange import geopackage

REQUIRED_COLUMNS = ("category", "title")
_MAX_FIELD = 1_000_000  # a CSV cell longer than this is not an offer
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong encoding, empty, not a table, ...)."""


@dataclass(frozen=True)
class SourceRow:
    label: str  # where it is in the file, for people: "Zeile 3" or "Objekt 2"
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
            _("%(name)s ist keine .csv-, .geojson-, .json- oder .gpkg-Datei (erwartet: CSV, "
              "GeoJSON oder GeoPackage).", name=path.name)
        )  # fmt: skip
    data = path.read_bytes()
    if not data.strip():
        raise ImportFileError(_("%(name)s ist leer.", name=path.name))
    return reader(path, data)


def _text_rows(parse):
    """A reader of a text format: decoded as UTF-8 first, then ``parse``d."""

    def read(path: Path, data: bytes) -> list[SourceRow]:
        return parse(_decode(data, path.name), path.name)

    return read


def _decode(data: bytes, name: str) -> str:
    if data.startswith(_UTF16_MARKS):
        raise ImportFileError(
            _("%(name)s ist UTF-16-kodiert: bitte als UTF-8 speichern und erneut importieren.",
              name=name)
        )  # fmt: skip
    if _looks_binary(data[:65536]):
        raise ImportFileError(
            _("%(name)s ist keine Textdatei (erwartet: CSV oder GeoJSON).", name=name)
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            _("%(name)s ist nicht UTF-8-kodiert (Zeile %(line)d), wahrscheinlich "
              "Latin-1/Windows-1252: bitte im Tabellenprogramm als „CSV UTF-8“ speichern und "
              "erneut importieren.", name=name, line=line)
        ) from None  # fmt: skip


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
        rows = [SourceRow(_("Zeile %(num)d", num=reader.line_num), row) for row in reader]
    except csv.Error as error:
        raise ImportFileError(
            _("%(name)s ist keine lesbare CSV-Datei: %(error)s.", name=name, error=error)
        ) from None
    if not rows:
        raise ImportFileError(_("%(name)s hat eine Kopfzeile, aber keine Zeilen.", name=name))
    for row in rows:
        if None in row.values:
            raise ImportFileError(
                _("%(name)s, %(row)s: mehr Zellen als Spalten in der Kopfzeile.",
                  name=name, row=row.label)
            )  # fmt: skip
    return rows


def _check_not_markup(text: str, name: str) -> None:
    """A CSV never starts like JSON or XML (GeoJSON, or GML, KML, VRT given another name)."""
    first = text.lstrip()[:1]
    if first in ("{", "["):
        raise ImportFileError(
            _("%(name)s enthält JSON, kein CSV: GeoJSON bitte als .geojson-Datei importieren.",
              name=name)
        )  # fmt: skip
    if first == "<":
        raise ImportFileError(
            _("%(name)s enthält XML, kein CSV: nur CSV, GeoJSON und GeoPackage.", name=name)
        )


def _check_columns(columns: list[str], name: str) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        shown = ", ".join(str(column)[:40] for column in columns[:8]) or "–"
        raise ImportFileError(
            ngettext("%(name)s fehlt die Spalte %(missing)s; die erste Zeile enthält %(shown)s. "
                     "Die Spalten stehen im README (siehe data/example_import.csv).",
                     "%(name)s fehlen die Spalten %(missing)s; die erste Zeile enthält "
                     "%(shown)s. Die Spalten stehen im README (siehe data/example_import.csv).",
                     len(missing), name=name, missing=", ".join(missing), shown=shown)
        )  # fmt: skip


def _geojson_rows(text: str, name: str) -> list[SourceRow]:
    try:
        collection = json.loads(text)
    except ValueError as error:
        raise ImportFileError(
            _("%(name)s ist kein gültiges JSON: %(error)s.", name=name, error=error)
        ) from None
    except RecursionError:
        raise ImportFileError(
            _("%(name)s ist zu tief verschachtelt, um GeoJSON zu sein.", name=name)
        ) from None
    _check_text(collection, name)
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ImportFileError(_("%(name)s ist keine GeoJSON-FeatureCollection.", name=name))
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ImportFileError(_("%(name)s enthält keine Objekte.", name=name))
    return [_feature_row(number, feature) for number, feature in enumerate(features, 1)]


def _check_text(collection: Any, name: str) -> None:
    """JSON's ``\\ud800`` escapes may leave half a character (an unpaired surrogate) in a
    string, which no UTF-8 text, and so no database or page, can hold."""
    try:
        json.dumps(collection, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        shown = error.object[max(0, error.start - 20) : error.start]
        raise ImportFileError(
            _("%(name)s enthält ein halbes Zeichen (ein einzelnes Surrogat-Escape nach "
              "„%(shown)s“), das kein Text ist.", name=name, shown=shown)
        ) from None  # fmt: skip


def _feature_row(number: int, feature: Any) -> SourceRow:
    label = _("Objekt %(num)d", num=number)
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        return SourceRow(label, {}, _("kein GeoJSON-Feature mit Eigenschaften (properties)"))
    values = dict(feature["properties"])
    geometry = feature.get("geometry")
    if geometry:
        point = _point(geometry)
        if point is None:
            return SourceRow(label, values, _("Die Geometrie muss ein Punkt [Länge, Breite] sein."))
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
            _("%(name)s ist kein GeoPackage (erwartet: eine SQLite-Datei mit der "
              "GeoPackage-Kennung).", name=path.name)
        )  # fmt: skip
    try:
        columns, records = geopackage.read_layer(path)
    except geopackage.GeoPackageError as error:
        raise ImportFileError(
            _("%(name)s ist kein lesbares GeoPackage: %(error)s.", name=path.name, error=error)
        ) from None
    _check_columns(columns, path.name)
    if not records:
        raise ImportFileError(_("%(name)s enthält keine Objekte.", name=path.name))
    return [_record_row(number, record) for number, record in enumerate(records, 1)]


def _record_row(number: int, record: dict[str, Any]) -> SourceRow:
    label = _("Objekt %(num)d", num=number)
    geometry = record.pop("geometry")
    if geometry is None or geometry.is_empty:
        return SourceRow(label, record)
    if geometry.geom_type != "Point":
        return SourceRow(label, record, _("Die Geometrie muss ein Punkt sein."))
    return SourceRow(label, record | {"lng": geometry.x, "lat": geometry.y})


_READERS = {
    ".csv": _text_rows(_csv_rows),
    ".geojson": _text_rows(_geojson_rows),
    ".json": _text_rows(_geojson_rows),
    ".gpkg": _geopackage_rows,
}

"""The features of a GeoPackage, read by SQLite alone: no GDAL.

GDAL picks its driver from a file's content, so a "GeoPackage" may really be a VRT that
opens other files or URLs. Here only Python's sqlite3 module opens the file (read-only,
hardened as https://sqlite.org/security.html advises for untrusted databases), only real
tables are read, and shapely parses each geometry's WKB. Coordinates are turned into
WGS 84 by geopandas with PROJ's network access off.
"""

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import shapely

from refugee_map.domain.messages import gettext as _

SQLITE_MAGIC = b"SQLite format 3\x00"
# The header's application_id (bytes 68-71): GeoPackage 1.2+, and the ids of 1.0 and 1.1.
APPLICATION_IDS = (b"GPKG", b"GP10", b"GP11")
MAX_VALUE_BYTES = 1_000_000  # a longer text or geometry is not part of an offer
_UNDEFINED_SRS = (0, -1)  # the spec's "undefined geographic / cartesian" systems
_ENVELOPE_BYTES = (0, 32, 48, 48, 64)  # by the envelope indicator in the flags byte
# WKB type codes of a point: 2D, Z, M, ZM (ISO); EWKB's flag bits are masked off first.
_POINT_TYPES = (1, 1001, 2001, 3001)
_NAMES = {1: "Point", 2: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString",
          6: "MultiPolygon", 7: "GeometryCollection"}  # fmt: skip


class GeoPackageError(ValueError):
    """The file is not a GeoPackage this importer reads; the message is for people."""


def is_geopackage(header: bytes) -> bool:
    """An SQLite file whose application id says GeoPackage."""
    return header.startswith(SQLITE_MAGIC) and header[68:72] in APPLICATION_IDS


def read_layer(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The column names and records of the file's one layer; each record's "geometry" is
    a shapely geometry in WGS 84 (longitude, latitude) or None."""
    try:
        with closing(_open(path)) as conn:
            table, geometry_column, srs_id = _the_layer(conn)
            columns = _attribute_columns(conn, table, geometry_column)
            records = _records(conn, table, columns, geometry_column)
            crs = _crs(conn, srs_id)
    except sqlite3.Error as error:
        raise GeoPackageError(str(error)) from None
    if crs is not None:
        _to_wgs84(records, crs)
    return columns, records


def _open(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"  # as_uri escapes "?" and "#"
    conn = sqlite3.connect(uri, uri=True)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    for pragma in ("trusted_schema = OFF", "cell_size_check = ON", "mmap_size = 0"):
        conn.execute(f"PRAGMA {pragma}")
    if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
        raise GeoPackageError(_("die Datei ist beschädigt"))
    return conn


def _the_layer(conn: sqlite3.Connection) -> tuple[str, str | None, int | None]:
    """The one features/attributes table: (name, geometry column, srs_id)."""
    tables = _real_tables(conn)
    if "gpkg_contents" not in tables:
        raise GeoPackageError(_("ihr fehlt die Tabelle gpkg_contents"))
    names = [row[0] for row in conn.execute(
        "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes')"
    )]  # fmt: skip
    if len(names) != 1:
        shown = ", ".join(str(name)[:40] for name in names[:5]) or "–"
        raise GeoPackageError(
            _("erwartet wird eine Ebene, sie hat %(count)d (%(shown)s)", count=len(names),
              shown=shown)
        )  # fmt: skip
    table = names[0]
    if table not in tables:
        raise GeoPackageError(_("ihre Ebene „%(name)s“ ist keine Tabelle", name=str(table)[:40]))
    if "gpkg_geometry_columns" not in tables:
        return table, None, None
    found = conn.execute(
        "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
    ).fetchone()
    return (table, *found) if found else (table, None, None)


def _real_tables(conn: sqlite3.Connection) -> set[str]:
    """Tables only: a view could run any query (a recursive one never ends)."""
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _attribute_columns(conn: sqlite3.Connection, table: str, geometry: str | None) -> list[str]:
    """The table's columns without the geometry and the feature id (as GDAL reads them)."""
    info = conn.execute(f"PRAGMA table_info({_quoted(table)})").fetchall()
    keys = [row for row in info if row[5]]
    feature_id = keys[0][1] if len(keys) == 1 and keys[0][2].upper() == "INTEGER" else None
    return [row[1] for row in info if row[1] not in (geometry, feature_id)]


def _records(conn, table: str, columns: list[str], geometry: str | None) -> list[dict]:
    selected = ", ".join([*map(_quoted, columns), _quoted(geometry) if geometry else "NULL"])
    records = []
    for number, row in enumerate(conn.execute(f"SELECT {selected} FROM {_quoted(table)}"), 1):
        record = dict(zip(columns, row, strict=False))
        try:
            record["geometry"] = _geometry(row[-1])
        except ValueError as error:
            raise GeoPackageError(_("Objekt %(num)d: %(error)s", num=number, error=error)) from None
        records.append(record)
    return records


def _quoted(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _geometry(blob: Any):
    """A GeoPackage geometry blob (header + WKB) as a shapely geometry, or None."""
    if blob is None:
        return None
    if not isinstance(blob, bytes) or len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError(_("die Geometrie ist keine GeoPackage-Geometrie"))
    flags = blob[3]
    if flags & 0b100000:
        raise ValueError(_("erweiterte Geometrietypen werden nicht unterstützt"))
    if flags & 0b10000:
        return None  # an empty geometry
    indicator = (flags >> 1) & 0b111
    if indicator >= len(_ENVELOPE_BYTES):
        raise ValueError(_("der Kopf der Geometrie ist ungültig"))
    wkb = blob[8 + _ENVELOPE_BYTES[indicator] :]
    _check_point(wkb)
    try:
        return shapely.from_wkb(wkb)
    except shapely.errors.GEOSException:
        raise ValueError(_("die Geometrie ist nicht lesbar")) from None


def _check_point(wkb: bytes) -> None:
    """Only a point is handed to GEOS: an offer is a point, and GEOS reads collections
    recursively, so one nested 100,000 deep (900 KB) overflows the stack and kills the
    server process."""
    if len(wkb) < 5 or wkb[0] not in (0, 1):
        raise ValueError(_("die Geometrie ist nicht lesbar"))
    code = int.from_bytes(wkb[1:5], "little" if wkb[0] else "big") & 0x0FFFFFFF
    if code not in _POINT_TYPES:
        name = _NAMES.get(code % 1000, f"of type {code}")
        raise ValueError(
            _("die Geometrie ist ein %(name)s; nur Punkte können importiert werden", name=name)
        )


def _crs(conn: sqlite3.Connection, srs_id: int | None) -> str | None:
    """The layer's coordinate system as "EPSG:n", or None when it is already WGS 84 or
    undefined (then the coordinates are taken as longitude and latitude)."""
    if srs_id is None or srs_id in _UNDEFINED_SRS:
        return None
    if "gpkg_spatial_ref_sys" not in _real_tables(conn):
        raise GeoPackageError(_("ihr fehlt die Tabelle gpkg_spatial_ref_sys"))
    found = conn.execute(
        "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if not found or str(found[0]).upper() != "EPSG" or not isinstance(found[1], int):
        raise GeoPackageError(
            _(
                "ihr Koordinatensystem %(srs)s hat keinen EPSG-Code; bitte als WGS 84 "
                "(EPSG:4326) speichern",
                srs=srs_id,
            )  # fmt: skip
        )
    return None if found[1] == 4326 else f"EPSG:{found[1]}"


def _to_wgs84(records: list[dict], crs: str) -> None:
    import geopandas
    import pyproj

    pyproj.network.set_network_enabled(False)  # no grid downloads while importing
    geometries = [record["geometry"] for record in records]
    try:
        moved = geopandas.GeoSeries(geometries, crs=crs).to_crs(4326)
    except pyproj.exceptions.CRSError:
        raise GeoPackageError(_("das Koordinatensystem %(crs)s ist unbekannt", crs=crs)) from None
    for record, geometry in zip(records, moved, strict=True):
        record["geometry"] = geometry

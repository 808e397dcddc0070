"""Hostile import files through `refugee-map import` and /admin/import alike.

Disguised files (GDAL formats such as a VRT under an allowed suffix, SQLite files that are
not GeoPackages) and malformed ones (deep JSON, wrong types, encodings, NUL bytes, 1 MB
cells, empty or huge files): each is refused with a message naming the problem, nothing is
written, nothing outside the file is read (no marker from another file, no request to a
local server) and no upload is left behind.
"""

import html
import io
import json
import sqlite3
import struct
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import geopandas
import pytest
import store_support
from click.testing import CliRunner
from samples import CENTRE_OFFER
from shapely.geometry import Point

from refugee_map.cli import main
from refugee_map.domain import offers

MARKER = "OUTSIDE-MARKER-5f2c9e"  # only in files outside the import: must never show up
GPKG_ID = int.from_bytes(b"GPKG", "big")
OFFER = {key: value for key, value in CENTRE_OFFER.items() if key not in ("lat", "lng")}
SECRET_CSV = f"category,title,lat,lng\ncounselling,{MARKER},51.5142,7.4652\n"


# --- where files come in: the CLI and the upload page ------------------------------------


@dataclass
class Outcome:
    refused: bool
    text: str  # what the person reads: the CLI's output or the page
    left_behind: list[str]  # files the import left: uploads, or new files beside the file


@pytest.fixture
def app(app, tmp_path, monkeypatch):
    """Temporary copies of uploads go to a folder of this test's own, to be checked."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    return app


@pytest.fixture(params=["cli", "web"])
def send(request, app, tmp_path) -> Callable[[str, bytes, dict], Outcome]:
    """Import ``data`` as a file called ``name`` through the CLI or the upload page."""
    if request.param == "cli":
        return lambda name, data, sidecars=None: _through_cli(app, tmp_path, name, data, sidecars)
    editor = request.getfixturevalue("editor")
    return lambda name, data, sidecars=None: _through_web(app, editor, name, data)


def _through_cli(app, tmp_path: Path, name: str, data: bytes, sidecars: dict | None) -> Outcome:
    folder = tmp_path / "incoming"
    folder.mkdir()
    path = folder / name
    path.write_bytes(data)
    for suffix, content in (sidecars or {}).items():
        path.with_suffix(suffix).write_bytes(content)
    before = set(folder.iterdir())
    env = {"REFUGEE_MAP_DB": app.config["DB"]}
    result = CliRunner().invoke(main, ["import", str(path)], env=env)
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit | None)
    left = sorted(str(p) for p in set(folder.iterdir()) - before)
    return Outcome(result.exit_code != 0, result.output, left)


def _through_web(app, editor, name: str, data: bytes) -> Outcome:
    form = {"csrf_token": editor.token, "file": (io.BytesIO(data), name)}
    response = editor.post("/admin/import", data=form, content_type="multipart/form-data")
    assert response.status_code < 500
    uploads = store_support.rows(app.config["DB"], "SELECT name FROM uploads")
    kept = [f"upload {name}" for (name,) in uploads]
    left = kept + sorted(str(path) for path in Path(tempfile.tempdir).rglob("*"))
    return Outcome(
        response.status_code != 200, html.unescape(response.get_data(as_text=True)), left
    )


@pytest.fixture
def existing(make_offer, app):
    """One offer and its history: "nothing written" compares against them."""
    make_offer(title="Schon da")
    return lambda: _snapshot(app.config["DB"])


def _snapshot(db_path: str) -> list:
    return store_support.rows(
        db_path, "SELECT * FROM offers ORDER BY id", "SELECT * FROM offer_history ORDER BY id"
    )


# --- what must stay untouched: a file outside the import, a server on this machine ---------


@pytest.fixture(scope="module")
def server():
    """A local HTTP server that serves offers holding the marker and records every request."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            requests.append(self.path)
            body = SECRET_CSV.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{httpd.server_port}", requests=requests)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def listener(server):
    """The local server, with no requests recorded yet."""
    server.requests.clear()
    return server


@pytest.fixture
def ctx(tmp_path, listener):
    """What a hostile file may point at: a secret file and a URL, plus scratch space."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_text(SECRET_CSV)
    (outside / "secret.geojson").write_text(json.dumps(collection({"title": MARKER})))
    return SimpleNamespace(
        secret=outside / "secret.csv", url=listener.url, scratch=outside, listener=listener
    )


def assert_refused_cleanly(outcome: Outcome, message: str, before: list, after: list, listener):
    assert listener.requests == []  # nothing fetched
    assert MARKER not in outcome.text + repr(after)  # nothing read from another file
    assert after == before  # nothing written
    assert outcome.left_behind == []  # no upload, no journal or sidecar written
    assert outcome.refused, outcome.text
    assert message in outcome.text, outcome.text[-2000:]


# --- building files -------------------------------------------------------------------------


def collection(*properties: dict, located: bool = True) -> dict:
    point = {"type": "Point", "coordinates": [7.4652, 51.5142]} if located else None
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": point, "properties": OFFER | p}
                         for p in properties]}  # fmt: skip


def geojson(*properties: dict, located: bool = True) -> bytes:
    return json.dumps(collection(*properties, located=located), ensure_ascii=False).encode()


def vrt(source: str, layer: str) -> bytes:
    return (
        f'<OGRVRTDataSource><OGRVRTLayer name="offers"><SrcDataSource>{source}</SrcDataSource>'
        f"<SrcLayer>{layer}</SrcLayer></OGRVRTLayer></OGRVRTDataSource>\n"
    ).encode()


def gml(url: str) -> bytes:
    """A GML document whose schema lies on a server (GDAL may fetch it)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<ogr:FeatureCollection '
        'xmlns:ogr="http://ogr.maptools.org/" xmlns:gml="http://www.opengis.net/gml" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="http://ogr.maptools.org/ {url}/offers.xsd">'
        "<gml:featureMember><ogr:offers><ogr:category>counselling</ogr:category>"
        "<ogr:title>Beratung</ogr:title><ogr:lat>51.5142</ogr:lat><ogr:lng>7.4652</ogr:lng>"
        "</ogr:offers></gml:featureMember></ogr:FeatureCollection>\n"
    ).encode()


def kml(url: str) -> bytes:
    """A KML document with a network link to a server."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
        f"<Document><NetworkLink><Link><href>{url}/offers.kml</href></Link></NetworkLink>"
        "<Placemark><name>Beratung</name><Point><coordinates>7.4652,51.5142</coordinates>"
        "</Point></Placemark></Document></kml>\n"
    ).encode()


def good_geopackage(ctx, *properties: dict, crs: int = 4326) -> Path:
    path = ctx.scratch / f"made{len(list(ctx.scratch.iterdir()))}.gpkg"
    rows = [OFFER | p for p in properties or ({},)]
    frame = geopandas.GeoDataFrame(rows, geometry=[Point(7.4652, 51.5142)] * len(rows), crs=4326)
    # Without GDAL's R*Tree triggers, which call GDAL's own SQL functions on every change.
    frame.to_crs(crs).to_file(path, driver="GPKG", layer="offers", SPATIAL_INDEX="NO")
    return path


def changed_geopackage(ctx, sql: str) -> bytes:
    """A good GeoPackage, then ``sql`` run on it."""
    path = good_geopackage(ctx)
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()
    return path.read_bytes()


def sqlite_file(ctx, sql: str, application_id: int = 0) -> bytes:
    path = ctx.scratch / f"made{len(list(ctx.scratch.iterdir()))}.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(sql + f"; PRAGMA application_id = {application_id};")
    conn.close()
    return path.read_bytes()


def nested_geometry_geopackage(ctx) -> bytes:
    """A GeoPackage whose point sits inside 100,000 nested geometry collections (900 KB)."""
    point = struct.pack("<BIdd", 1, 1, 7.4652, 51.5142)
    wkb = struct.pack("<BII", 1, 7, 1) * 100_000 + point
    blob = b"GP\x00\x01" + struct.pack("<i", 4326) + wkb  # no envelope, little-endian
    return changed_geopackage(ctx, f"UPDATE offers SET geom = X'{blob.hex()}'")


# A GeoPackage geometry: header (no envelope, SRS 4326) and the WKB of a small square.
POLYGON_BLOB = (
    b"GP\x00\x01" + struct.pack("<i", 4326) + struct.pack("<BIII", 1, 3, 1, 4)
    + struct.pack("<8d", 7.46, 51.51, 7.47, 51.51, 7.47, 51.52, 7.46, 51.51)
).hex()  # fmt: skip

OFFERS_TABLE = (
    "CREATE TABLE offers (category TEXT, title TEXT, lat REAL, lng REAL);"
    f"INSERT INTO offers VALUES ('counselling', '{MARKER}', 51.5142, 7.4652)"
)
ENDLESS_VIEW = (
    "CREATE VIEW gpkg_contents AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
    "FROM n) SELECT 'offers' AS table_name, 'features' AS data_type FROM n"
)


# --- the table of hostile files -------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    name: str  # the file's name: its suffix chooses the reader
    build: Callable  # ctx -> the file's bytes
    message: str  # what the refusal must say
    sidecars: Callable = field(default=lambda ctx: {})  # files GDAL would read beside it


GDAL_FORMATS = {
    "VRT of a file on the server": (lambda ctx: vrt(str(ctx.secret), "secret"), "<"),
    "VRT of a URL": (lambda ctx: vrt(f"/vsicurl/{ctx.url}/offers.csv", "offers"), "<"),
    "GML with a remote schema": (lambda ctx: gml(ctx.url), "<"),
    "KML with a network link": (lambda ctx: kml(ctx.url), "<"),
    "GeoJSON": (lambda ctx: geojson({}), "{"),
    "CSV with a CSVT": (lambda ctx: b"category,title,lat,lng\ncounselling,Kurs,51.5,7.46\n", "c"),
}
CSVT = {".csvt": b'"String","String","Real","Real"\n', ".prj": b'GEOGCS["WGS 84"]\n'}


def refusal(suffix: str, first: str) -> str:
    """What each reader says to a file of another kind."""
    if suffix == ".gpkg":
        return "ist kein GeoPackage"
    if suffix == ".csv":
        return "enthält XML, kein CSV" if first == "<" else "enthält JSON, kein CSV"
    return "ist kein gültiges JSON"


DISGUISED = {
    f"{kind} named {suffix}": Hostile(
        f"partner{suffix}", build, refusal(suffix, first), lambda ctx: CSVT
    )  # fmt: skip
    for kind, (build, first) in GDAL_FORMATS.items()
    for suffix in (".gpkg", ".geojson", ".json", ".csv")
    if (first, suffix) not in {("{", ".geojson"), ("{", ".json"), ("c", ".csv")}
}

NOT_GEOPACKAGES = {
    "a plain SQLite database": Hostile(
        "partner.gpkg", lambda ctx: sqlite_file(ctx, OFFERS_TABLE), "ist kein GeoPackage"
    ),
    "SQLite with another application id": Hostile(
        "partner.gpkg",
        lambda ctx: sqlite_file(ctx, OFFERS_TABLE, int.from_bytes(b"MPBX", "big")),
        "ist kein GeoPackage",
    ),
    "the GeoPackage id without gpkg_contents": Hostile(
        "partner.gpkg",
        lambda ctx: sqlite_file(ctx, OFFERS_TABLE, GPKG_ID),
        "fehlt die Tabelle gpkg_contents",
    ),
    "gpkg_contents as an endless view": Hostile(
        "partner.gpkg",
        lambda ctx: sqlite_file(ctx, OFFERS_TABLE + ";" + ENDLESS_VIEW, GPKG_ID),
        "fehlt die Tabelle gpkg_contents",
    ),
    "a layer that is a view": Hostile(
        "partner.gpkg",
        lambda ctx: changed_geopackage(
            ctx,
            f"CREATE VIEW disguised AS SELECT fid, geom, '{MARKER}' AS title, category FROM offers;"
            "UPDATE gpkg_contents SET table_name = 'disguised';"
            "UPDATE gpkg_geometry_columns SET table_name = 'disguised';",
        ),
        "Ebene „disguised“ ist keine Tabelle",
    ),
    "two layers": Hostile(
        "partner.gpkg",
        lambda ctx: changed_geopackage(
            ctx,
            "CREATE TABLE more (fid INTEGER PRIMARY KEY, title TEXT);"
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) "
            "VALUES ('more', 'attributes', 'more');",
        ),
        "erwartet wird eine Ebene, sie hat 2 (",
    ),
    "a broken geometry": Hostile(
        "partner.gpkg",
        lambda ctx: changed_geopackage(ctx, "UPDATE offers SET geom = X'4750000100000000FFFF'"),
        "Objekt 1: die Geometrie ist nicht lesbar",
    ),
    "a geometry of an unknown coordinate system": Hostile(
        "partner.gpkg",
        lambda ctx: changed_geopackage(
            ctx, "UPDATE gpkg_spatial_ref_sys SET organization = 'made-up' WHERE srs_id = 4326"
        ),
        "hat keinen EPSG-Code",
    ),
    "a damaged file": Hostile(
        "partner.gpkg",
        lambda ctx: good_geopackage(ctx).read_bytes()[:6000],
        "kein lesbares GeoPackage",
    ),
    "a 1 MB text cell": Hostile(
        "partner.gpkg",
        lambda ctx: good_geopackage(ctx, {"description": "x" * 1_000_001}).read_bytes(),
        "string or blob too big",
    ),
    "a geometry collection nested 100,000 deep": Hostile(
        "partner.gpkg", lambda ctx: nested_geometry_geopackage(ctx), "nur Punkte"
    ),
    "a polygon": Hostile(
        "partner.gpkg",
        lambda ctx: changed_geopackage(ctx, f"UPDATE offers SET geom = X'{POLYGON_BLOB}'"),
        "die Geometrie ist ein Polygon",
    ),
    "a GeoPackage named .csv": Hostile(
        "partner.csv", lambda ctx: good_geopackage(ctx).read_bytes(), "keine Textdatei"
    ),
    "a GeoPackage named .geojson": Hostile(
        "partner.geojson", lambda ctx: good_geopackage(ctx).read_bytes(), "keine Textdatei"
    ),
}

DEEP = b'{"type": "FeatureCollection", "features": ' + b"[" * 3000 + b"]" * 3000 + b"}"
LATIN_1_CSV = "category,title,lat,lng\ncounselling,Möbelbörse,51.5142,7.4652\n"
MALFORMED = {
    "JSON nested 3,000 deep": Hostile("offers.geojson", lambda ctx: DEEP, "zu tief verschachtelt"),
    "JSON nested 3,000 deep named .json": Hostile(
        "offers.json", lambda ctx: DEEP, "zu tief verschachtelt"
    ),
    "a Latin-1 CSV": Hostile(
        "offers.csv", lambda ctx: LATIN_1_CSV.encode("latin-1"), "nicht UTF-8-kodiert"
    ),
    "a Latin-1 GeoJSON": Hostile(
        "offers.geojson",
        lambda ctx: json.dumps(collection({"title": "Möbelbörse"}), ensure_ascii=False).encode(
            "latin-1"
        ),
        "nicht UTF-8-kodiert",
    ),
    "a UTF-16 CSV": Hostile("offers.csv", lambda ctx: LATIN_1_CSV.encode("utf-16"), "UTF-16"),
    "a UTF-16 GeoJSON": Hostile(
        "offers.geojson", lambda ctx: geojson({}).decode().encode("utf-16"), "UTF-16"
    ),
    "a UTF-16 CSV without byte order mark": Hostile(
        "offers.csv", lambda ctx: LATIN_1_CSV.encode("utf-16-le"), "keine Textdatei"
    ),
    "NUL bytes in a CSV": Hostile(
        "offers.csv",
        lambda ctx: b"category,title,lat,lng\ncounselling,Kurs\x00,51.5142,7.4652\n",
        "keine Textdatei",
    ),
    "NUL bytes after the first 64 KB of a CSV": Hostile(
        "offers.csv",
        lambda ctx: (
            f"category,title,description,lat,lng\ncounselling,Kurs,{'x' * 70_000}\x00,"
            "51.5142,7.4652\n".encode()
        ),
        "unzulässiges Zeichen",
    ),
    "NUL bytes in a GeoJSON": Hostile(
        "offers.geojson", lambda ctx: geojson({}) + b"\x00", "keine Textdatei"
    ),
    "an unpaired surrogate escape in a GeoJSON title": Hostile(
        "offers.geojson",
        lambda ctx: geojson({"title": "Kurs"}).replace(b"Kurs", b"Kurs \\ud800"),
        "halbes Zeichen",
    ),
    "an escaped NUL in a GeoJSON title": Hostile(
        "offers.geojson", lambda ctx: geojson({"title": "Kurs\x00"}), "unzulässiges Zeichen"
    ),
    "a CSV cell over 1 MB": Hostile(
        "offers.csv",
        lambda ctx: f"category,title\ncounselling,{'x' * 1_000_001}\n".encode(),
        "field larger than field limit",
    ),
    "a 1 MB title in a CSV": Hostile(
        "offers.csv",
        lambda ctx: f"category,title,lat,lng\ncounselling,{'x' * 999_000},51.5,7.46\n".encode(),
        "Höchstens 200 Zeichen",
    ),
    "a 1 MB title in a GeoJSON": Hostile(
        "offers.geojson", lambda ctx: geojson({"title": "x" * 1_000_000}), "Höchstens 200 Zeichen"
    ),
    "a title nested 500 deep": Hostile(
        "offers.geojson",
        lambda ctx: geojson({"title": json.loads("[" * 500 + "]" * 500)}),
        "hier wird Text erwartet",
    ),
    "an empty CSV": Hostile("offers.csv", lambda ctx: b"", "ist leer"),
    "a blank GeoJSON": Hostile("offers.geojson", lambda ctx: b" \n\t\n", "ist leer"),
    "an empty .json": Hostile("offers.json", lambda ctx: b"", "ist leer"),
    "an empty GeoPackage": Hostile("offers.gpkg", lambda ctx: b"", "ist leer"),
    "a VRT under its own name": Hostile(
        "offers.vrt", lambda ctx: vrt(str(ctx.secret), "secret"), "ist keine .csv-, .geojson-"
    ),
    "an XML file": Hostile("offers.xml", lambda ctx: gml(ctx.url), "ist keine .csv-, .geojson-"),
    "a file without suffix": Hostile(
        "offers", lambda ctx: vrt(str(ctx.secret), "secret"), "ist keine .csv-, .geojson-"
    ),
}

HOSTILE = DISGUISED | NOT_GEOPACKAGES | MALFORMED


@pytest.mark.parametrize("case", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_is_refused_reads_nothing_else_and_leaves_nothing(
    send, existing, ctx, listener, case
):
    before = existing()
    outcome = send(case.name, case.build(ctx), case.sidecars(ctx))
    assert_refused_cleanly(outcome, case.message, before, existing(), listener)


# --- wrong JSON types for every field --------------------------------------------------------

# The types a field may have in a file; any other is refused.
ALLOWED_TYPES = {name: (str, int, float) for name in offers.FIELDS}
ALLOWED_TYPES |= {name: (str, bool, int) for name in offers.BOOLEAN_FIELDS}
ALLOWED_TYPES |= {"wheelchair_access": (str, bool, int)}
ALLOWED_TYPES |= {name: (str, list) for name in offers.LIST_FIELDS}
ALLOWED_TYPES |= {"opening_hours": (str, dict)}
WRONG_VALUES = [["counselling"], {"title": "Kurs"}, True, [[[["tief"]]]]]


def wrong_types() -> list[tuple[str, object]]:
    return [
        (name, value)
        for name in offers.FIELDS
        for value in WRONG_VALUES
        if not isinstance(value, ALLOWED_TYPES[name])
    ]


def test_every_field_refuses_every_wrong_json_type_and_names_the_row(send, existing, listener):
    """One feature per field and wrong value: each is reported, none is written."""
    cases = wrong_types()
    data = geojson(*({name: value} for name, value in cases), located=False)  # lat/lng too
    before = existing()
    outcome = send("offers.geojson", data)
    assert_refused_cleanly(outcome, "Objekt 1", before, existing(), listener)
    missing = [
        (name, value)
        for number, (name, value) in enumerate(cases, 1)
        if f"Objekt {number}:" not in outcome.text
        and f"<td>Objekt {number}</td>" not in outcome.text
    ]
    assert missing == []


def test_numbers_may_stand_for_text_and_yes_no_as_a_json_boolean(send, existing, app):
    """A postcode or phone number written as a JSON number is not a wrong type."""
    data = geojson({"postcode": 44137, "phone": 2315550, "free_of_charge": True, "title": 42})
    outcome = send("offers.geojson", data)
    assert not outcome.refused, outcome.text
    assert '<td dir="auto">42</td>' in seen(outcome, app) or "'42'" in seen(outcome, app)


# --- no network, no virtual files -----------------------------------------------------------


def seen(outcome: Outcome, app) -> str:
    """What an import shows or writes: the preview page, or the CLI's output and the rows."""
    return outcome.text + repr(_snapshot(app.config["DB"]))


def test_paths_and_urls_inside_a_geopackage_are_text_never_opened(send, existing, ctx, app):
    """GDAL would open /vsicurl/ and /vsi… paths; here they are the offer's text."""
    url = f"/vsicurl/{ctx.url}/offers.csv"
    path = good_geopackage(ctx, {"title": url, "description": f"/vsizip/{ctx.secret}"}, crs=25832)
    outcome = send("partner.gpkg", path.read_bytes())
    assert not outcome.refused, outcome.text
    assert url in seen(outcome, app) and MARKER not in seen(outcome, app)
    assert ctx.listener.requests == []


def test_a_geopackage_in_another_coordinate_system_lands_in_the_right_place(
    send, existing, ctx, app
):
    path = good_geopackage(ctx, {"title": "Beratung in UTM"}, crs=25832)
    outcome = send("partner.gpkg", path.read_bytes())
    assert not outcome.refused, outcome.text
    found = store_support.rows(
        app.config["DB"], "SELECT lat, lng FROM offers WHERE title = 'Beratung in UTM'"
    )
    stored = [tuple(round(value, 5) for value in row) for row in found]
    assert stored == [(51.5142, 7.4652)] or "Innenstadt-West" in outcome.text  # CLI or preview


# --- huge uploads -----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".json", ".gpkg"])
def test_an_upload_over_the_size_limit_gets_the_413_page_and_leaves_nothing(
    app, editor, existing, listener, suffix
):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    before = existing()
    outcome = _through_web(app, editor, f"huge{suffix}", b"x" * (2 * 1024 * 1024))
    assert "zu groß (höchstens 1 MB)" in outcome.text
    assert_refused_cleanly(outcome, "Nichts wurde importiert", before, existing(), listener)

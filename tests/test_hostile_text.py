"""Template and formula text through every output (issue 9): offer text holding template
syntax, spreadsheet formulas, bidi overrides and HTML comes out as the same text — never
evaluated, HTML-escaped in HTML, quoted in CSV cells.

One database holds one offer per payload, the payload in every text field validation
allows; each output is built once, and every (output, payload) pair is a case.
"""

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import pytest
from admin_support import EDITOR_EMAIL, FAST_HASHING, signed_in
from browser.conftest import EMPTY_PNG
from click.testing import CliRunner
from samples import CENTRE_OFFER, region_today
from servers import smtp_inbox
from sqlite_utils import Database
from test_standalone_map import map_data, open_offline, open_popup

from refugee_map import create_app, store
from refugee_map.cli import main
from refugee_map.domain import offers
from refugee_map.exchange import formats as exchange
from refugee_map.store import offers as offer_store
from refugee_map.store import translations as translation_store

PAYLOADS = [
    "{{ 7*7 }}", "{{ config }}", "{% raw %}", "{#", "${7*7}", '=HYPERLINK("http://x")', "+1",
    "@SUM(1)", "-2", "\t=1", "\r=1", "\u202eevil.exe", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "</script>", "\"'><", "a\u2028b",
]  # fmt: skip
IDS = [repr(payload)[1:-1] for payload in PAYLOADS]
# Free text: the payload as it is (validation trims it, and one-line fields turn line breaks
# and U+2028 into spaces; the outputs are compared with what was stored).
TEXT_FIELDS = ("title", "description", "organization", "street", "city", "hours_note",
               "volunteer_tasks")  # fmt: skip
# The text columns of a CSV file (phone, e-mail and website keep their own format).
CSV_TEXT_FIELDS = (*TEXT_FIELDS, "phone", "email", "website")
PHONE = "+49 231 123456"  # starts with "+": a formula to a spreadsheet
DISTRICT = "Innenstadt-West"
OLD = (region_today() - timedelta(days=400)).isoformat()
_MAILBOX_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")  # RFC 5322 atext


@dataclass
class Site:
    app: object
    db: Database
    tmp: Path
    stored: dict[str, dict]  # payload -> the offer as stored, with "en" (its translation)

    @property
    def env(self) -> dict[str, str]:
        return {"REFUGEE_MAP_DB": self.app.config["DB"]}


def hostile_values(number: int, payload: str) -> dict:
    """An offer with ``payload`` in every text field; e-mail and website carry it where they
    can and stay valid."""
    local = "".join(payload.split())
    return CENTRE_OFFER | dict.fromkeys(TEXT_FIELDS, payload) | {
        "lat": f"{51.5142 + number * 0.0001:.4f}", "district": DISTRICT, "phone": PHONE,
        "email": f"{local}@example.org" if _MAILBOX_LOCAL.match(local) else
                 f"anbieter{number}@example.org",
        "website": f"https://example.org/{local}", "volunteers_wanted": "ja",
        "verified_at": OLD,
    }  # fmt: skip


def create_hostile_offer(db, number: int, payload: str) -> dict:
    values = hostile_values(number, payload)
    try:
        cleaned = offers.clean(values)
    except offers.OfferInvalid as invalid:  # a field its rules refuse keeps a plain value
        plain = {"email": f"anbieter{number}@example.org", "website": "https://example.org/"}
        cleaned = offers.clean(values | {field: plain[field] for field in invalid.errors})
    offer = offer_store.create_offer(db, cleaned, by="test")
    title = f"EN {offer['title']}"
    translation_store.set_translation(db, offer["id"], "en", title, offer["description"], by="test")
    return offer_store.get_offer(db, offer["id"]) | {"en": {"title": title}}


@pytest.fixture(scope="module")
def site(lasting_database, tmp_path_factory) -> Site:
    tmp = tmp_path_factory.mktemp("hostile")
    app = create_app(
        {"TESTING": True, "DB": lasting_database("hostile"), "SECRET_KEY": "test"} | FAST_HASHING
    )
    db = store.connect(app.config["DB"])
    store.init(db)
    with app.test_request_context():
        stored = {p: create_hostile_offer(db, n, p) for n, p in enumerate(PAYLOADS)}
    return Site(app, db, tmp, stored)


def cli(site: Site, *args: str) -> str:
    result = CliRunner().invoke(main, list(args), env=site.env)
    assert result.exit_code == 0, result.output
    return result.stdout


# --- HTML pages ------------------------------------------------------------------------


class TextNodes(HTMLParser):
    """The text runs of a page, entities decoded: what a browser shows as text."""

    def __init__(self, page: str):
        super().__init__()
        self.runs: list[str] = []
        self.feed(page)
        self.close()

    def handle_data(self, data: str) -> None:
        self.runs.append(data)


def assert_shown_as_text(page: str, text: str) -> None:
    """``text`` is in one text run of the page: escaped, so no markup came of it."""
    assert any(text in run for run in TextNodes(page).runs), text


PAGE_FIELDS = {
    "/list": ("title", "organization"),
    "/offers/{id}": ("title", "description", "organization", "street", "city", "phone",
                     "email", "hours_note", "volunteer_tasks"),
    "/offers/{id}?lang=en": ("en.title", "description"),
    f"/handout?district={DISTRICT}": ("title", "organization", "street", "hours_note", "phone"),
    f"/handout?district={DISTRICT}&lang=en": ("en.title", "organization", "street", "phone"),
}  # fmt: skip


@pytest.fixture(scope="module")
def pages(site) -> dict[str, str]:
    client = site.app.test_client()
    shared = {url: client.get(url) for url in PAGE_FIELDS if "{id}" not in url}
    for response in shared.values():
        assert response.status_code == 200
    return {url: response.get_data(as_text=True) for url, response in shared.items()}


def field(offer: dict, name: str) -> str:
    if name.startswith("en."):
        return offer["en"][name.removeprefix("en.")]
    return offer[name]


@pytest.mark.parametrize("url", PAGE_FIELDS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_public_pages_show_offer_text_escaped_and_never_evaluated(site, pages, url, payload):
    offer = site.stored[payload]
    if "{id}" in url:
        response = site.app.test_client().get(url.format(id=offer["id"]))
        assert response.status_code == 200
        page = response.get_data(as_text=True)
    else:
        page = pages[url]
    for name in PAGE_FIELDS[url]:
        assert_shown_as_text(page, field(offer, name))


# --- JSON: the API (map popups), GeoJSON and HSDS ---------------------------------------


@pytest.fixture(scope="module")
def documents(site) -> dict[str, dict]:
    client = site.app.test_client()
    return {
        "/api/offers": client.get("/api/offers").get_json(),
        "/export.geojson": client.get("/export.geojson").get_json(),
        "hsds": json.loads(cli(site, "export", "--format", "hsds")),
    }


def feature(collection: dict, offer_id: int) -> dict:
    return next(f["properties"] for f in collection["features"] if f["id"] == offer_id)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_the_api_gives_the_map_popups_the_exact_text(site, documents, payload):
    offer = site.stored[payload]
    slim = feature(documents["/api/offers"], offer["id"])
    assert (slim["title"], slim["organization"], slim["street"], slim["city"]) == (
        offer["title"], offer["organization"], offer["street"], offer["city"],
    )  # fmt: skip
    full = site.app.test_client().get(f"/api/offers/{offer['id']}").get_json()["properties"]
    assert {name: full[name] for name in CSV_TEXT_FIELDS} == {
        name: offer[name] for name in CSV_TEXT_FIELDS
    }


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_the_geojson_download_carries_the_exact_text(site, documents, payload):
    offer = site.stored[payload]
    properties = feature(documents["/export.geojson"], offer["id"])
    assert {name: properties[name] for name in CSV_TEXT_FIELDS} == {
        name: offer[name] for name in CSV_TEXT_FIELDS
    }


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_the_hsds_export_carries_the_exact_text(site, documents, payload):
    offer = site.stored[payload]
    document = documents["hsds"]
    service = next(s for s in document["service"] if s["x_refugee_map"]["offer_id"] == offer["id"])
    organization = next(
        o for o in document["organization"] if o["id"] == service["organization_id"]
    )
    extension = service["x_refugee_map"]
    assert (service["name"], service["description"], organization["name"]) == (
        offer["title"], offer["description"], offer["organization"],
    )  # fmt: skip
    assert (extension["hours_note"], extension["volunteer_tasks"]) == (
        offer["hours_note"], offer["volunteer_tasks"],
    )  # fmt: skip
    assert extension["translations"]["en"]["title"] == offer["en"]["title"]


# --- CSV: the download and the CLI, and an import of the export --------------------------


@pytest.fixture(scope="module")
def csv_files(site) -> dict[str, str]:
    download = site.app.test_client().get("/export.csv").get_data(as_text=True)
    return {"/export.csv": download, "refugee-map export": cli(site, "export", "--format", "csv")}


@pytest.fixture(scope="module")
def reimported(site, csv_files, lasting_database) -> dict[int, dict]:
    """The CLI's CSV export imported into an empty database: offers by title and street."""
    path = site.tmp / "export.csv"
    path.write_text(csv_files["refugee-map export"], encoding="utf-8")
    copy = lasting_database("copy")
    result = CliRunner().invoke(main, ["import", str(path)], env={"REFUGEE_MAP_DB": copy})
    assert result.exit_code == 0, result.output
    return {
        o["lat"]: o for o in offer_store.find_offers(store.connect(copy), offer_store.OfferQuery())
    }


@pytest.mark.parametrize("source", ["/export.csv", "refugee-map export"])
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_csv_cells_never_start_like_a_formula_and_read_back_as_the_text(
    site, csv_files, source, payload
):
    offer = site.stored[payload]
    text = csv_files[source]
    raw = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == str(offer["id"]))
    assert not [name for name in CSV_TEXT_FIELDS if raw[name].startswith(exchange.FORMULA_START)]
    assert raw["lng"] == str(offer["lng"])  # numbers stay numbers
    read = next(r for r in exchange.read_csv(text) if r["id"] == str(offer["id"]))
    assert {name: read[name] for name in CSV_TEXT_FIELDS} == {
        name: offer[name] for name in CSV_TEXT_FIELDS
    }


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_importing_the_csv_export_restores_the_exact_text(site, reimported, payload):
    offer = site.stored[payload]
    copy = reimported[offer["lat"]]
    assert {name: copy[name] for name in CSV_TEXT_FIELDS} == {
        name: offer[name] for name in CSV_TEXT_FIELDS
    }


# --- the standalone map ----------------------------------------------------------------

ATTRIBUTION = " | ".join(PAYLOADS)
TILES = "https://tiles.invalid/{z}/{x}/{y}.png"


@pytest.fixture(scope="module")
def standalone(site) -> Path:
    path = site.tmp / "map.html"
    cli(site, "export-map", "-o", str(path), "--tiles", TILES, "--attribution", ATTRIBUTION)
    return path


def popup_data(data: dict, offer: dict) -> dict:
    return next(o for o in data["offers"] if (o["lat"], o["lng"]) == (offer["lat"], offer["lng"]))


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_the_standalone_map_holds_the_exact_text_as_data(site, standalone, payload):
    offer = site.stored[payload]
    page = standalone.read_text(encoding="utf-8")
    data = map_data(page)
    shown = popup_data(data, offer)
    names = ("title", "description", "organization", "hours_note", "phone", "email", "website")
    assert {name: shown[name] for name in names} == {name: offer[name] for name in names}
    assert shown["address"] == f"{offer['street']}, {offer['postcode']} {offer['city']}"
    assert data["tiles"]["attribution"] == ATTRIBUTION
    assert "<img" not in page and "<script>alert" not in page


@pytest.fixture(scope="module")
def standalone_en(site) -> Path:
    path = site.tmp / "map-en.html"
    cli(site, "export-map", "-o", str(path), "--lang", "en", "--base-url", "https://x.example")
    return path


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_the_translated_standalone_map_holds_the_translation_exactly(site, standalone_en, payload):
    offer = site.stored[payload]
    shown = popup_data(map_data(standalone_en.read_text(encoding="utf-8")), offer)
    assert (shown["title"], shown["text_lang"]) == (offer["en"]["title"], "en")
    assert shown["description"] == offer["description"]
    assert shown["url"] == f"https://x.example/offers/{offer['id']}?lang=en"


@pytest.mark.browser
def test_the_standalone_map_shows_hostile_text_literally_in_chromium(site, standalone, page):
    problems = open_offline(page, standalone, tiles=("https://tiles.invalid/", EMPTY_PNG))
    data = map_data(standalone.read_text(encoding="utf-8"))
    for payload in ("{{ 7*7 }}", "<img src=x onerror=alert(1)>", "</script>", "\"'><"):
        shown = popup_data(data, site.stored[payload])
        lines = open_popup(page, shown["title"])
        assert lines[0] == payload and shown["organization"] in lines
        assert page.locator(".leaflet-popup-content img").count() == 0
    attribution = page.locator(".leaflet-control-attribution", has_text="HYPERLINK")
    assert attribution.text_content() == ATTRIBUTION
    assert problems == []


# --- e-mail: the request to the provider to confirm the offer ----------------------------


@pytest.fixture(scope="module")
def sent(site) -> dict[str, EmailMessage]:
    """Every provider asked to confirm their offer (one bulk request), by recipient."""
    with smtp_inbox() as inbox:
        site.app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=inbox.port, SMTP_STARTTLS=False)
        editor = signed_in(site.app, EDITOR_EMAIL, "editor")
        response = editor.post("/admin/freshness/ask", data={"csrf_token": editor.token})
        assert response.status_code == 200
    return {rcpt: message for (rcpt,), message in inbox.messages}


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_the_confirmation_mail_carries_the_exact_text(site, sent, payload):
    offer = site.stored[payload]
    message = sent[offer["email"]]
    assert message["Subject"].count(" ".join(offer["title"].split())) == 1
    body = message.get_content()
    assert message.get_content_type() == "text/plain"
    assert offer["title"] in body and offer["organization"] in body

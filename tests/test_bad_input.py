"""Bad input through every form field and query parameter: never a 5xx.

The fields are read from the pages themselves (every ``input``, ``select``, ``textarea``
and named ``button`` of each form, with html.parser) and from the names the code reads
(``request.form.get("...")``, ``args.get("...")``), so a new field is covered without
touching this file. ``FORM_PAGES`` says where each POST route's form is shown; a meta-test
fails when a POST route is missing from it, and every GET route is requested with every
parameter name. Each field gets a fixed sample of the naughty strings (see naughty.py),
not the whole list, to keep the file fast.
"""

import importlib
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from admin_support import FAST_HASHING, signed_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from naughty import NASTY, sample, strings
from regions_support import write_region_folder
from samples import CENTRE_OFFER

from refugee_map import create_app, store
from refugee_map.domain import hours, mail, numbers, offers
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store
from refugee_map.web.admin import regions as region_page

SOURCES = Path(__file__).parent.parent / "refugee_map"
# What a page needs to be read by a person who means well: a valid offer where the form
# starts empty, so that one bad field at a time gets past the others' validation.
VALID = {
    key: value
    for key, value in CENTRE_OFFER.items()
    if key not in ("opening_hours", "languages", "status")
} | {"hours-Mo-start": "09:00", "hours-Mo-end": "12:00", "reason": "closed"}
# Each field gets these, a rotating few of NASTY and of every 10th naughty string.
ALWAYS = ("²", "9" * 30, "\x00", b"\xed\xa0\x80")
ROTATING = 1
EVERY_NTH = 10
# Sent to every parameter of every GET route at once.
AT_ONCE = ("²", "١٢", "nan", "9" * 30, "\x00", "\u202eevil", "a\r\nb", b"\xed\xa0\x80")


@dataclass
class Form:
    action: str
    method: str
    multipart: bool
    values: list[tuple[str, str]] = field(default_factory=list)  # what a browser sends
    names: list[str] = field(default_factory=list)  # every named control


class FormReader(HTMLParser):
    """The forms of a page: action, method and each named control with its value."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, chosen
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            enctype = a.get("enctype", "")
            self.forms.append(
                Form(a.get("action") or self.page_url, a.get("method", "get").lower(),
                     enctype == "multipart/form-data")
            )  # fmt: skip
            return
        if tag == "option" and self._select:
            self._select[1].append(a.get("value", ""))
            if "selected" in a:
                self._select[2].append(a.get("value", ""))
            return
        if not self.forms or not a.get("name"):
            return
        form, name = self.forms[-1], a["name"]
        if name not in form.names:
            form.names.append(name)
        kind = a.get("type", "text").lower()
        if tag == "input" and kind not in ("submit", "button", "image", "reset", "file"):
            if kind not in ("checkbox", "radio") or "checked" in a:
                form.values.append((name, a.get("value", "")))
        elif tag == "select":
            self._select = (name, [], [])
        elif tag == "textarea":
            self._textarea = (name, [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea and self.forms:
            self.forms[-1].values.append((self._textarea[0], "".join(self._textarea[1])))
            self._textarea = None
        elif tag == "select" and self._select and self.forms:
            name, options, chosen = self._select
            self.forms[-1].values.extend((name, v) for v in chosen or options[:1])
            self._select = None


def read_forms(page: str, page_url: str) -> list[Form]:
    reader = FormReader(page_url)
    reader.feed(page)
    return reader.forms


def code_read_names(module: str, source: str = "args|values|form") -> set[str]:
    """The request values a module's code reads by name from ``source`` (a regex)."""
    text = Path(importlib.import_module(module).__file__).read_text(encoding="utf-8")
    pattern = rf'(?:{source})\.get(?:list)?\(\s*"([^"]+)"'
    return set(re.findall(pattern, text)) | set(re.findall(r'_flag\(args, "([^"]+)"\)', text))


# --- the world the forms act on ------------------------------------------------------------


@dataclass
class World:
    app: object
    anonymous: object
    admin: object
    ids: dict[str, object]

    def client_for(self, path: str):
        back_office = path.startswith("/admin/") and not path.startswith("/admin/login")
        return self.admin if back_office else self.anonymous

    def url(self, template: str) -> str:
        return template.format(**self.ids)


def make_app(location: str):
    config = {"TESTING": True, "DB": location, "SECRET_KEY": "test"}
    app = create_app(config | FAST_HASHING | {"PUBLIC_FORM_LIMIT": "10000 per minute"})
    store.init(store.connect(app.config["DB"]))
    return app


def build_world(location: str) -> World:
    """An app with a stale published offer with e-mail, a deleted one, an editor account,
    one open suggestion of each kind and a provider's confirmation link."""
    app = make_app(location)
    db = store.connect(app.config["DB"])
    stale = CENTRE_OFFER | {"verified_at": "2020-01-01", "email": "info@example.org"}
    with app.app_context():
        offer = offer_store.create_offer(db, offers.clean(stale), by="test")
        gone = offer_store.create_offer(
            db, offers.clean(CENTRE_OFFER | {"title": "Weg"}), by="test"
        )
    offer_store.update_offer(db, gone["id"], {"title": "Weg, geändert"}, by="test")
    offer_store.update_offer(
        db, gone["id"], {"deleted_at": store.now()}, by="test", action="delete"
    )
    admin = signed_in(app, "admin@example.org", "network-admin")  # every back-office page
    editor = signed_in(app, "editor@example.org", "editor")
    anonymous = app.test_client()
    kept = {"offer": str(offer["id"])}
    for data in (VALID | {"title": "Neu"}, VALID | kept | {"title": "Geändert"}):
        assert anonymous.post("/suggest", data=data).status_code == 303
    report = f"/offers/{offer['id']}/report"
    assert anonymous.post(report, data={"reason": "closed"}).status_code == 303
    kinds = {row["kind"]: row["id"] for row in db.query("SELECT id, kind FROM submissions")}
    entry = offer_history.history(db, gone["id"])[-1]["id"]
    ids = {
        "offer": offer["id"],
        "gone": gone["id"],
        "entry": entry,
        "user": _user_id(db, editor.email),
        "token": mail.make_token("test", offer["id"], offer["version"]),
        "new": kinds["new"],
        "change": kinds["change"],
        "report": kinds["report"],
    }
    db.close()
    return World(app, anonymous, admin, ids)


def _user_id(db, email: str) -> int:
    return next(db.query("SELECT id FROM users WHERE email = ?", [email]))["id"]


@pytest.fixture
def world(new_database, tmp_path, monkeypatch) -> World:
    """:func:`build_world`, with a region folder the regions page offers to add."""
    (tmp_path / "regions").mkdir()
    write_region_folder(tmp_path / "regions" / "bochum")
    monkeypatch.setattr(region_page, "folders_root", lambda: tmp_path / "regions")
    return build_world(new_database("test.db"))


# Where each POST route's form is shown: the page (URL template) and the endpoints of the
# forms on it that are exercised there. Logging out is done last, from the account page.
FORM_PAGES = {
    "/suggest": ["suggestions.suggest"],
    "/suggest?offer={offer}": ["suggestions.suggest"],
    "/suggest?offer={offer}&confirm={token}": ["suggestions.suggest"],
    "/offers/{offer}/report": ["suggestions.report"],
    "/confirm/{token}": ["suggestions.confirm"],
    "/admin/login": ["admin_accounts.login"],
    "/admin/offers/new": ["admin_offers.new"],
    "/admin/offers/{offer}": [
        "admin_offers.edit", "admin_offers.status", "admin_offers.verify", "admin_offers.delete",
    ],
    "/admin/offers": ["admin_offers.verify"],
    "/admin/offers/{offer}/translations": ["admin_translations.edit"],
    "/admin/offers/{gone}/history": ["admin_history.restore"],
    "/admin/deleted": ["admin_history.undelete"],
    "/admin/users/new": ["admin_users.user_new"],
    "/admin/users/{user}": ["admin_users.user_edit"],
    "/admin/review/{new}": ["admin_review.accept", "admin_review.reject"],
    "/admin/review/{change}": ["admin_review.accept", "admin_review.reject"],
    "/admin/review/{report}": ["admin_review.accept", "admin_review.reject"],
    "/admin/review/{new}/edit": ["admin_review.edit"],
    "/admin/review/{change}/edit": ["admin_review.edit"],
    "/admin/freshness": ["admin_freshness.ask_many", "admin_freshness.still_valid",
                         "admin_freshness.archive", "admin_freshness.ask_one"],
    "/admin/import": ["admin_import.upload_form"],
    "import preview": ["admin_import.confirm"],
    "/admin/account": ["admin_accounts.account", "admin_accounts.logout"],
    "/admin/regions": ["admin_regions.add"],
}  # fmt: skip
IMPORT_FILE = (
    "category,title,street,postcode,city,lat,lng\n"
    "counselling,Aus der Datei,Kampstraße 2,44137,Dortmund,51.5142,7.4652\n"
)


def page_of(world: World, page: str) -> tuple[str, str]:
    """The HTML of ``page`` (a FORM_PAGES key) and its URL."""
    if page == "import preview":
        upload = {"file": (io.BytesIO(IMPORT_FILE.encode()), "offers.csv"),
                  "csrf_token": world.admin.token}  # fmt: skip
        response = world.admin.post(
            "/admin/import", data=upload, content_type="multipart/form-data"
        )
        return response.get_data(as_text=True), "/admin/import"
    url = world.url(page)
    response = world.client_for(url).get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True), url


def endpoint_of(app, method: str, url: str) -> str:
    parts = urlsplit(url)
    endpoint, _args = app.url_map.bind("localhost").match(parts.path, method.upper())
    return endpoint


def values_for(index: int) -> list[str | bytes]:
    """What one field gets: ALWAYS, one more of NASTY and one naughty string; which ones
    rotates with the field's index, so that together the fields get all of them. (Every
    field also gets the whole sample, all fields at once: see :func:`exercise`.)"""
    chosen = strings()[::EVERY_NTH]
    rotating = [NASTY[(ROTATING * index + k) % len(NASTY)] for k in range(ROTATING)]
    return [*ALWAYS, *rotating, chosen[index % len(chosen)]]


def send(world: World, client, form: Form, pairs: list[tuple[str, str | bytes]]):
    """Post (or get) ``pairs`` the way a browser sends ``form``; fail on a 5xx."""
    if form.multipart:
        data: dict = {}
        for name, value in pairs:
            data.setdefault(name, []).append(value)
        response = client.post(form.action, data=data, content_type="multipart/form-data")
    elif form.method == "post":
        body = urlencode(pairs)
        content_type = "application/x-www-form-urlencoded"
        response = client.post(form.action, data=body, content_type=content_type)
    else:
        response = client.get(form.action, query_string=urlencode(pairs))
    assert response.status_code < 500, (form.action, pairs_summary(pairs), response.status_code)
    return response


def pairs_summary(pairs) -> list:
    return [(name, value[:60] if hasattr(value, "__getitem__") else value) for name, value in pairs]


def with_value(form: Form, name: str, value) -> list[tuple[str, object]]:
    """The form's values, filled in where empty, with ``name`` set to ``value`` alone."""
    filled = [(n, v or VALID.get(n, "")) for n, v in form.values if n != name]
    present = {n for n, _ in form.values}
    filled += [(n, v) for n, v in VALID.items() if n in form.names and n not in present]
    if form.multipart and name == "file":
        content = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
        return [*filled, (name, (io.BytesIO(content), "offers.csv"))]
    return [*filled, (name, value)]


def exercise(world: World, client, form: Form, extra_names: set[str]) -> int:
    """Every field of ``form`` (and every name the code reads) with its sample of values,
    one field at a time, then all of them at once with each value of the whole sample."""
    names = sorted(set(form.names) | extra_names)
    sent = 0
    for index, name in enumerate(names):
        for value in values_for(index):
            send(world, client, form, with_value(form, name, value))
            sent += 1
    if form.multipart:  # the file's name is input too
        for value in values_for(0):
            name = value if isinstance(value, str) else value.decode("utf-8", "replace")
            upload = ("file", (io.BytesIO(IMPORT_FILE.encode()), name or "x"))
            send(world, client, form, [*form.values, upload])
    else:
        kept = [(n, v) for n, v in form.values if n == "csrf_token"]
        for value in sample(EVERY_NTH * 4):
            send(world, client, form, [*kept, *((n, value) for n in names if n != "csrf_token")])
    return sent


@pytest.mark.parametrize("page", list(FORM_PAGES))
def test_every_field_of_every_form_survives_naughty_strings(world, page):
    html, url = page_of(world, page)
    client = world.client_for(url if page != "import preview" else "/admin/import")
    forms = read_forms(html, url)
    wanted = FORM_PAGES[page]
    found = {}
    for form in forms:
        if form.method != "post":
            continue
        endpoint = endpoint_of(world.app, "post", form.action)
        if endpoint in wanted:
            found.setdefault(endpoint, form)
    assert set(found) == set(wanted), f"forms on {page}: {sorted(found)}"
    for endpoint in wanted:  # in the table's order: logging out comes last
        module = world.app.view_functions[endpoint].__module__
        posted = code_read_names(module, "values|form")
        assert exercise(world, client, found[endpoint], posted) > 0


def test_every_post_route_has_a_form_page_in_the_table(world):
    posts = {
        rule.endpoint
        for rule in world.app.url_map.iter_rules()
        if "POST" in rule.methods and rule.endpoint != "static"
    }
    covered = {endpoint for endpoints in FORM_PAGES.values() for endpoint in endpoints}
    assert posts - covered == set(), "POST routes without a bad-input pass"


# --- query parameters ------------------------------------------------------------------------


def parameter_names(world: World, modules=None, pages=("/list", "/admin/offers")) -> set[str]:
    """Every query parameter the app (or ``modules``) knows of: its GET forms, its OpenAPI
    document and the names its code reads."""
    names = set()
    for url in pages:
        html = world.client_for(url).get(url).get_data(as_text=True)
        names |= {n for form in read_forms(html, url) if form.method == "get" for n in form.names}
    document = world.anonymous.get("/api/openapi.json").get_json()
    for path in document["paths"].values():
        for operation in path.values():
            names |= {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    every_module = [
        ".".join(path.relative_to(SOURCES.parent).with_suffix("").parts)
        for path in SOURCES.rglob("*.py")
        if "static" not in path.parts
    ]
    for module in modules or every_module:
        names |= code_read_names(module)
    return names


PATH_ARGUMENTS = {"offer_id": "offer", "submission_id": "new", "user_id": "user",
                  "token": "token", "entry_id": "entry"}  # fmt: skip


def get_routes(world: World) -> list[str]:
    """Every GET route of the app with its path filled in from the world."""
    routes = []
    for rule in world.app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        values = {arg: world.ids[PATH_ARGUMENTS[arg]] for arg in rule.arguments if arg != "kind"}
        if "kind" in rule.arguments:
            values["kind"] = "new"
        routes.append(rule.build(values)[1])
    return sorted(routes)


PUBLIC_FILTER_ROUTES = ["/", "/list", "/api/offers", "/export.geojson", "/export.csv",
                        "/handout", "/manifest.webmanifest"]  # fmt: skip
PUBLIC_MODULES = [
    f"refugee_map.web.{name}"
    for name in ("public", "api", "downloads", "handout", "offline", "filters", "i18n")
]


def test_every_query_parameter_of_the_public_pages_survives_naughty_strings(world):
    names = sorted(parameter_names(world, PUBLIC_MODULES, pages=["/list"]))
    assert {"q", "bbox", "category", "district", "lang", "open_now"} <= set(names)
    for route in PUBLIC_FILTER_ROUTES:
        form = Form(route, "get", False)
        for index, name in enumerate(names):
            for value in values_for(index):
                base = [("district", "Innenstadt-West")] if route == "/handout" else []
                send(world, world.anonymous, form, [*base, (name, value)])


def test_every_get_route_survives_every_parameter_at_once(world):
    names = sorted(parameter_names(world))
    routes = get_routes(world)
    assert set(PUBLIC_FILTER_ROUTES) <= set(routes)
    for route in routes:
        form = Form(route, "get", False)
        for value in AT_ONCE:
            send(world, world.client_for(route), form, [(name, value) for name in names])


@pytest.mark.parametrize("value", ["²", "١٢", "1_0", " 1", "1\n", "9" * 20, "0", "-1"])
def test_a_malformed_id_in_a_query_or_form_is_not_found_or_refused(world, value):
    """Finding 10: "²" passed ``isdigit()`` and crashed ``int()``; "١٢" was read as 12."""
    suggest = world.anonymous.get("/suggest", query_string={"offer": value})
    assert suggest.status_code == 404
    ask = world.admin.post(
        "/admin/freshness/ask", data={"offer": value, "csrf_token": world.admin.token}
    )
    assert ask.status_code == 400


def test_an_arabic_indic_id_in_a_path_is_not_found(world):
    offer = world.ids["offer"]
    digits = str(offer).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert world.anonymous.get(f"/offers/{offer}").status_code == 200
    assert world.anonymous.get(f"/offers/{digits}").status_code == 404
    assert world.anonymous.get(f"/api/offers/{digits}").status_code == 404


def test_asking_for_a_bad_offer_id_asks_nobody(world):
    """A bad id used to be skipped, and an empty choice means "ask all"."""
    ask = world.admin.post(
        "/admin/freshness/ask", data={"offer": "x", "csrf_token": world.admin.token}
    )
    assert ask.status_code == 400
    db = store.connect(world.app.config["DB"])
    assert db["confirmation_requests"].count == 0


@pytest.mark.parametrize(
    "value",
    ["nan", "inf", "-inf", "1e400", "١٢", "5١", "1_0", "0x10", "51.5.1", "", "²", "5e", "+"],
)
def test_a_coordinate_that_is_no_plain_number_is_refused(app, value):
    with app.test_request_context(), pytest.raises(offers.OfferInvalid) as raised:
        offers.clean(CENTRE_OFFER | {"lat": value or " x"})
    assert "lat" in raised.value.errors


@pytest.mark.parametrize("text", ["Mo 09:00-1٢:00", "Mo ٠٩:٠٠-12:00", "Mo 09:00-12:0²"])
def test_opening_hours_take_ascii_digits_only(text):
    with pytest.raises(hours.HoursError):
        hours.parse(text)


def test_a_time_slot_with_a_line_break_is_refused():
    with pytest.raises(hours.HoursError):
        hours.normalise({"Mo": [["09:00\n", "12:00"]]})


def test_a_postcode_takes_ascii_digits_only(app):
    with app.test_request_context(), pytest.raises(offers.OfferInvalid) as raised:
        offers.clean(CENTRE_OFFER | {"postcode": "٤٤١٣٧"})
    assert "postcode" in raised.value.errors


@pytest.mark.parametrize("bbox", ["7,51,nan,52", "١,٥١,٨,٥٢", "7,51,8,1e400", "7_0,51,8,52"])
def test_a_bbox_that_is_no_plain_numbers_is_a_400_naming_the_field(client, bbox):
    response = client.get("/api/offers", query_string={"bbox": bbox})
    assert response.status_code == 400
    assert response.get_json()["field"] == "bbox"


@pytest.mark.parametrize("value", ["nan", "١٢", "1e400", "1_0"])
def test_locate_takes_plain_numbers_only(world, value):
    response = world.admin.get("/admin/locate", query_string={"lat": value, "lng": "7.46"})
    assert response.status_code == 400


@pytest.mark.parametrize("page", ["١", "²", "9" * 30, "-3", "x"])
def test_a_bad_page_number_shows_the_first_page(world, page):
    response = world.admin.get("/admin/offers", query_string={"page": page})
    assert response.status_code == 200


# --- properties --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_world(lasting_database) -> World:
    return build_world(lasting_database("bad-input"))


FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FEW
@given(st.text())
def test_any_text_as_an_id_is_found_not_found_or_refused(shared_world, text):
    w = shared_world
    for response in (
        w.anonymous.get("/suggest", query_string={"offer": text}),
        w.anonymous.get("/offers/" + quote(text, safe="")),
        w.admin.post("/admin/freshness/ask", data={"offer": text, "csrf_token": w.admin.token}),
    ):
        assert response.status_code in (200, 302, 303, 308, 400, 404), text


@FEW
@given(st.text(max_size=30))
def test_whole_numbers_are_ascii_digits_in_sqlite_range(text):
    try:
        number = numbers.whole_number(text)
    except ValueError:
        assert not (text.isascii() and text.isdigit() and int(text) < 2**63)
    else:
        assert text.isascii() and 0 <= number < 2**63 and int(text) == number


@FEW
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_float_round_trips_through_its_text(number):
    assert numbers.decimal(repr(number)) == number


@FEW
@given(st.one_of(st.text(max_size=40), st.floats().map(repr)))
def test_any_text_is_a_finite_number_or_refused(text):
    try:
        number = numbers.decimal(text)
    except ValueError:
        return
    assert text.isascii() and number == float(text) and abs(number) < float("inf")


@FEW
@given(st.one_of(st.text(max_size=30), st.floats().map(repr)), st.text(max_size=30))
def test_any_coordinates_on_the_offer_form_are_no_crash(shared_world, lat, lng):
    w = shared_world
    data = dict(VALID, lat=lat, lng=lng, csrf_token=w.admin.token)
    assert w.admin.post("/admin/offers/new", data=data).status_code in (302, 422)
    bbox = f"{lng},{lat},8,52"
    assert w.anonymous.get("/api/offers", query_string={"bbox": bbox}).status_code in (200, 400)


@FEW
@given(st.floats(51.44, 51.59), st.floats(7.35, 7.6))
def test_coordinates_in_the_region_are_stored_as_given(shared_world, lat, lng):
    w = shared_world
    data = dict(VALID, lat=repr(lat), lng=repr(lng), csrf_token=w.admin.token)
    response = w.admin.post("/admin/offers/new", data=data)
    if response.status_code == 422:  # a point outside every district polygon
        assert "außerhalb der Region" in response.get_data(as_text=True)
        return
    offer_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    db = store.connect(w.app.config["DB"])
    stored = offer_store.get_offer(db, offer_id, public=False)
    assert (stored["lat"], stored["lng"]) == (round(lat, 7), round(lng, 7))
    form = w.admin.get(f"/admin/offers/{offer_id}").get_data(as_text=True)
    assert f'value="{stored["lat"]!r}"' in form and f'value="{stored["lng"]!r}"' in form


TIMES = st.integers(0, 24 * 12).map(lambda n: f"{n // 12:02d}:{n % 12 * 5:02d}")


@st.composite
def weekly_slots(draw) -> dict:
    week = {}
    for day in draw(st.lists(st.sampled_from(hours.DAYS), unique=True)):
        edges = sorted(draw(st.lists(TIMES, min_size=2, max_size=6, unique=True)))
        slots = [[a, b] for a, b in zip(edges[::2], edges[1::2], strict=False)]
        if slots:
            week[day] = slots
    return week


@FEW
@given(weekly_slots())
def test_opening_hours_round_trip_through_their_text(week):
    assert hours.parse(hours.format(week)) == hours.normalise(week) == week


@FEW
@given(st.one_of(st.text(), st.text(alphabet="MoTuWeFrSa0123456789:-,; ²١")))
def test_any_opening_hours_text_is_hours_or_an_hours_error(text):
    try:
        week = hours.parse(text)
    except hours.HoursError:
        return
    assert set(week) <= set(hours.DAYS)
    times = [time for slots in week.values() for slot in slots for time in slot]
    assert all(re.fullmatch(r"[0-9][0-9]:[0-9][0-9]", time) for time in times)

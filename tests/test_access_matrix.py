"""Who may do what: every route of the app and every method it answers, for an anonymous
visitor, an editor, an admin, a disabled account and a signed-out cookie replayed, as one
table; a meta-test fails when a route is missing from it. Then every back-office route
again in a region's own back office and in another region's, for its admin, its editor, a
network admin and an anonymous visitor; a CSRF pass over every POST, and the one rule for
deleted offers on every back-office path to an offer."""

from itertools import count
from urllib.parse import urlsplit

import pytest
from admin_support import FAST_HASHING, PASSWORD, csrf_token, signed_in, text
from regions_support import region_command, write_region_folder
from samples import CENTRE_OFFER

from refugee_map import create_app, store
from refugee_map.domain import accounts as account_rules
from refugee_map.domain import mail, offers, submissions
from refugee_map.domain import users as user_accounts
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store

WHO = ("anonymous", "editor", "admin", "disabled", "replay")
HOME, BOCHUM = 1, 2  # the regions' ids
LOGIN = "login"  # sent to the sign-in page (a GET with ?next= to come back)


def everyone(status):
    return (status,) * len(WHO)


def staff(status):
    return (LOGIN, status, status, LOGIN, LOGIN)


def admins(status):
    return (LOGIN, 403, status, LOGIN, LOGIN)


# A network admin's only pages (the regions): every account of a region is refused there.
NETWORK_ONLY = {("GET", "/admin/regions"): 200, ("POST", "/admin/regions"): 422}


def network_admins():
    return (LOGIN, 403, 403, LOGIN, LOGIN)


# (method, rule): the answer to (anonymous, editor, admin, disabled, replay).
# Back-office actions answer a POST with a redirect; a form posted empty answers 422.
ROUTES = {
    ("GET", "/"): everyone(200),
    ("GET", "/list"): everyone(200),
    ("GET", "/offers/<int:offer_id>"): everyone(200),
    ("GET", "/offers/<int:offer_id>/report"): everyone(200),
    ("POST", "/offers/<int:offer_id>/report"): everyone(422),
    ("GET", "/suggest"): everyone(200),
    ("POST", "/suggest"): everyone(422),
    ("GET", "/confirm/<token>"): everyone(200),
    ("POST", "/confirm/<token>"): everyone(303),
    ("GET", "/thanks/<kind>"): everyone(200),
    ("GET", "/export.csv"): everyone(200),
    ("GET", "/export.geojson"): everyone(200),
    ("GET", "/handout"): everyone(200),
    ("GET", "/sw.js"): everyone(200),
    ("GET", "/manifest.webmanifest"): everyone(200),
    ("GET", "/offline/offer"): everyone(200),
    ("GET", "/healthz"): everyone(200),
    ("GET", "/static/<path:filename>"): everyone(200),
    ("GET", "/static/<fingerprint:fingerprint>/<path:filename>"): everyone(200),
    ("GET", "/api/offers"): everyone(200),
    ("GET", "/api/offers/<int:offer_id>"): everyone(200),
    ("GET", "/api/map"): everyone(200),
    ("GET", "/api/categories"): everyone(200),
    ("GET", "/api/districts"): everyone(200),
    ("GET", "/api/search-topics"): everyone(200),
    ("GET", "/api/openapi.json"): everyone(200),
    ("GET", "/ogc"): everyone(200),
    ("GET", "/ogc/conformance"): everyone(200),
    ("GET", "/ogc/api"): everyone(200),
    ("GET", "/ogc/collections"): everyone(200),
    ("GET", "/ogc/collections/offers"): everyone(200),
    ("GET", "/ogc/collections/offers/items"): everyone(200),
    ("GET", "/ogc/collections/offers/items/<int:offer_id>"): everyone(200),
    # signing in: the signed-in are sent on; the others are asked (and refused when wrong)
    ("GET", "/admin/login"): (200, 302, 302, 200, 200),
    ("POST", "/admin/login"): (401, 302, 302, 401, 401),
    ("POST", "/admin/logout"): staff(302),
    ("GET", "/admin/account"): staff(200),
    ("POST", "/admin/account"): staff(422),
    # offers
    ("GET", "/admin/"): staff(200),
    ("GET", "/admin/offers"): staff(200),
    ("GET", "/admin/offers/new"): staff(200),
    ("POST", "/admin/offers/new"): staff(422),
    ("GET", "/admin/offers/<int:offer_id>"): staff(200),
    ("POST", "/admin/offers/<int:offer_id>"): staff(422),
    ("GET", "/admin/offers/<int:offer_id>/history"): staff(200),
    ("GET", "/admin/offers/<int:offer_id>/translations"): staff(200),
    ("POST", "/admin/offers/<int:offer_id>/translations"): staff(302),
    ("POST", "/admin/offers/<int:offer_id>/status"): staff(302),
    ("POST", "/admin/offers/<int:offer_id>/verify"): staff(302),
    ("POST", "/admin/offers/<int:offer_id>/delete"): staff(302),
    ("POST", "/admin/offers/<int:offer_id>/restore/<int:entry_id>"): staff(302),
    ("POST", "/admin/offers/<int:offer_id>/undelete"): admins(302),
    ("GET", "/admin/deleted"): admins(200),
    ("GET", "/admin/geocode"): staff(200),
    ("GET", "/admin/locate"): staff(200),
    # accounts
    ("GET", "/admin/users"): admins(200),
    ("GET", "/admin/users/new"): admins(200),
    ("POST", "/admin/users/new"): admins(422),
    ("GET", "/admin/users/<int:user_id>"): admins(200),
    ("POST", "/admin/users/<int:user_id>"): admins(302),
    # regions: a network admin's (a folder not offered: 422, see test_region_page)
    ("GET", "/admin/regions"): network_admins(),
    ("POST", "/admin/regions"): network_admins(),
    # review queue, freshness, figures
    ("GET", "/admin/review"): staff(200),
    ("GET", "/admin/review/<int:submission_id>"): staff(200),
    ("POST", "/admin/review/<int:submission_id>/accept"): staff(302),
    ("POST", "/admin/review/<int:submission_id>/reject"): staff(302),
    ("GET", "/admin/review/<int:submission_id>/edit"): staff(200),
    ("POST", "/admin/review/<int:submission_id>/edit"): staff(422),
    ("GET", "/admin/freshness"): staff(200),
    ("POST", "/admin/freshness/<int:offer_id>/valid"): staff(302),
    ("POST", "/admin/freshness/<int:offer_id>/archive"): staff(302),
    ("POST", "/admin/freshness/<int:offer_id>/ask"): staff(302),  # no e-mail: back
    ("POST", "/admin/freshness/ask"): staff(302),  # nothing stale with e-mail: back
    ("GET", "/admin/dashboard"): staff(200),
    # import: without a file, an upload or a job, back to the form (or 404 for the JSON)
    ("GET", "/admin/import"): staff(200),
    ("POST", "/admin/import"): staff(422),
    ("POST", "/admin/import/confirm"): staff(302),
    ("GET", "/admin/import/progress"): staff(302),
    ("GET", "/admin/import/progress.json"): staff(404),
}
QUERY = {
    "/admin/geocode": "?q=44137",
    "/admin/locate": "?lat=51.5142&lng=7.4652",
    "/handout": "?district=Innenstadt-West",
    "/api/map": "?bbox=7.3,51.4,7.7,51.6&zoom=12",
}
BOCHUM_QUERY = {"/admin/geocode": "?q=44787", "/admin/locate": "?lat=51.47&lng=7.21"}
FORM = {
    "/admin/offers/<int:offer_id>/status": {"status": "archived"},
    "/admin/review/<int:submission_id>/reject": {"reason": "Dublette"},
    "/admin/users/<int:user_id>": {"role": "editor", "active": "1"},
}
# Public forms set no cookie, so they carry no CSRF token: they refuse cross-site posts by
# the browser's Sec-Fetch-Site and Origin headers instead (README, "Suggestions").
CROSS_SITE_CHECKED = {
    "/suggest",
    "/offers/<int:offer_id>/report",
    "/confirm/<token>",
}


@pytest.fixture(scope="module")
def app(lasting_database, tmp_path_factory):
    """One app for the whole table, serving two regions: Dortmund (the settings' region,
    at the site root) and Bochum (under ``/bochum/``); every test makes its own offer,
    accounts and clients."""
    app = create_app(
        {"TESTING": True, "DB": lasting_database("matrix"), "SECRET_KEY": "matrix",
         "PUBLIC_FORM_LIMIT": "10000 per minute",
         "LOGIN_LIMIT_ADDRESS": "10000 per minute",
         "LOGIN_LIMIT_ACCOUNT": "10000 per minute"} | FAST_HASHING
    )  # fmt: skip
    store.init(store.connect(app.config["DB"]))
    folder = write_region_folder(tmp_path_factory.mktemp("regions") / "bochum")
    added = region_command(app.config["DB"], "add", "bochum", "--from", str(folder))
    assert added.exit_code == 0, added.output
    return app


@pytest.fixture
def db(app):
    database = store.connect(app.config["DB"])
    yield database
    database.close()


_numbers = count()


@pytest.fixture(scope="module")
def browsers() -> dict:
    """One browser per kind of visitor, kept for the module (signing in takes time)."""
    return {}


def browser(app, db, browsers, who, rule=""):
    """The kept browser of ``who``; a new one for signing out, which ends its session."""
    if rule == "/admin/logout":
        return client_for(app, db, who)
    if who not in browsers:
        browsers[who] = client_for(app, db, who)
    return browsers[who]


def client_for(app, db, who):
    """A new browser of ``who``, with ``token`` for its forms."""
    if who == "anonymous":
        client = app.test_client()
        client.token = csrf_token(client)
        return client
    role = who if who in account_rules.ROLES else "editor"
    client = signed_in(app, f"{who}{next(_numbers)}@example.org", role)
    if who == "disabled":  # the browser keeps its (now dead) cookie
        user_accounts.set_active(db, user_accounts.find_user(db, client.email).id, False)
    if who == "replay":  # a copy of the cookie, replayed after signing out
        copy = app.test_client()
        for cookie in client._cookies.values():
            copy.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
        client.post("/admin/logout", data={"csrf_token": client.token})
        copy.token = client.token
        return copy
    return client


def url_of(app, db, rule, *, deleted=False, title=CENTRE_OFFER["title"], region=HOME):
    """``rule`` with fresh things to point at, of the region ``region``: an offer, its
    history, a suggested change, a confirmation link, another account (each made only
    when the rule needs it)."""
    values = {"<kind>": "new", "<path:filename>": "css/app.css"}
    values["<fingerprint:fingerprint>"] = app.config["STATIC_FINGERPRINT"]
    if "<int:user_id>" in rule:
        values["<int:user_id>"] = new_user(app, db, region).id
    if any(name in rule for name in ("<int:offer_id>", "<int:submission_id>", "<token>")):
        values |= offer_values(app, db, deleted=deleted, title=title, region=region)
    for placeholder, value in values.items():
        rule = rule.replace(placeholder, str(value))
    return rule


def offer_values(app, db, *, deleted, title, region):
    fields = CENTRE_OFFER | {"title": title}
    with app.app_context():
        offer = offer_store.create_offer(db, offers.clean(fields), by="t", region=region)
    if deleted:
        offer_store.update_offer(
            db, offer["id"], {"deleted_at": store.now()}, by="t", action="delete"
        )
    proposal = submissions.public_offer(offer) | {"title": "Neuer Titel"}
    return {
        "<int:offer_id>": offer["id"],
        "<int:entry_id>": offer_history.history(db, offer["id"])[-1]["id"],
        "<int:submission_id>": new_submission(db, proposal, offer["id"], region),
        "<token>": mail.make_token(app.config["SECRET_KEY"], offer["id"], offer["version"]),
    }


def new_submission(db, proposal, offer_id, region):
    """A suggested change of the offer, sent in ``region``."""
    return submissions.add(db, "change", {"offer": proposal}, offer_id, region=region)


def new_user(app, db, region=HOME):
    with app.app_context():
        email = f"other{next(_numbers)}@example.org"
        return user_accounts.create_user(
            db, email, PASSWORD, "editor", ph=account_rules.hasher(app.config), region_id=region
        )


def send(client, method, rule, url, **extra):
    if method == "GET":
        query = BOCHUM_QUERY if url.startswith("/bochum/") else QUERY
        return client.get(url + query.get(rule, QUERY.get(rule, "")), **extra)
    return client.post(url, data={"csrf_token": client.token} | FORM.get(rule, {}), **extra)


# --- the table ----------------------------------------------------------------------------


def test_every_route_and_method_of_the_app_is_in_the_table(app):
    """A new route (or a new method of one) fails here until it is in ROUTES."""
    answered = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert answered == set(ROUTES)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("method", "rule"), list(ROUTES))
def test_access(app, db, browsers, method, rule, who):
    expected = ROUTES[(method, rule)][WHO.index(who)]
    client = browser(app, db, browsers, who, rule)
    response = send(client, method, rule, url_of(app, db, rule))
    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response.headers["Location"])
        assert location.path == "/admin/login"
        assert bool(location.query) == (method == "GET")  # ?next= brings them back
        return
    assert response.status_code == expected, text(response)[:500]
    if expected == 302 and rule.startswith("/admin/") and rule != "/admin/logout":
        assert urlsplit(response.headers["Location"]).path != "/admin/login"


def test_a_replayed_cookie_after_signing_out_opens_nothing(app, db):
    replay = client_for(app, db, "replay")
    assert replay.get("/admin/offers").status_code == 302
    assert "Abmelden" not in text(replay.get("/admin/login"))


# --- regions: every back-office route in a region's own back office and in another's -------

REGION_WHO = ("admin", "editor", "network-admin", "anonymous")
# Bochum's accounts (and the others) in Bochum's own back office, and in Dortmund's: the URL
# prefix and the region of the things the URL points at.
SIDES = {"own": ("/bochum", BOCHUM), "other": ("", HOME)}
BACK_OFFICE = [(method, rule) for method, rule in ROUTES if rule.startswith("/admin/")]
# An account of another region still gets the sign-in page (to sign in with an account of
# this region); a sign-in without e-mail and password fails as anyone's.
SIGN_IN = {("GET", "/admin/login"): 200, ("POST", "/admin/login"): 401}
OTHER_REGION = "Dieses Konto gehört zu einer anderen Region"


def expected_in_region(method, rule, who, side):
    """A network admin: an admin's answer everywhere (its own on its only pages); a
    region's account: the table's in its own region, 403 in another's."""
    in_the_table = ROUTES[(method, rule)]
    if who == "network-admin":
        return NETWORK_ONLY.get((method, rule), in_the_table[WHO.index("admin")])
    if who == "anonymous" or side == "own":
        return in_the_table[WHO.index(who)]
    return SIGN_IN.get((method, rule), 403)


def regional_browser(app, browsers, who, rule):
    """The kept browser of Bochum's admin or editor, a network admin or an anonymous
    visitor; a new one for signing out."""
    key = f"region {who}"
    if rule == "/admin/logout":
        return regional_client(app, who)
    if key not in browsers:
        browsers[key] = regional_client(app, who)
    return browsers[key]


def regional_client(app, who):
    if who == "anonymous":
        client = app.test_client()
        client.token = csrf_token(client, "/bochum/admin/login")
        return client
    email = f"bochum-{who}{next(_numbers)}@example.org"
    return signed_in(app, email, who, region=BOCHUM, prefix="/bochum")


def test_every_back_office_route_is_in_the_region_table(app):
    """A new back-office route is in ROUTES (or the first test fails), so in this one too."""
    back_office = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/admin/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert back_office == set(BACK_OFFICE) and set(SIGN_IN) <= back_office


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("who", REGION_WHO)
@pytest.mark.parametrize(("method", "rule"), BACK_OFFICE)
def test_access_in_each_region(app, db, browsers, method, rule, who, side):
    prefix, region = SIDES[side]
    expected = expected_in_region(method, rule, who, side)
    client = regional_browser(app, browsers, who, rule)
    url = prefix + url_of(app, db, rule, region=region)
    before = written(db)
    response = send(client, method, rule, url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert urlsplit(response.headers["Location"]).path == f"{prefix}/admin/login"
        return
    assert response.status_code == expected, text(response)[:500]
    if who in account_rules.REGION_ROLES and side == "other" and method == "GET":
        assert OTHER_REGION in text(response)  # the 403 page, or the sign-in page's note
    if expected == 403 and side == "other":
        assert 'class="admin-nav"' not in text(response)  # nothing of the other region
        assert written(db) == before


# --- CSRF ------------------------------------------------------------------------------------

POSTS = [rule for method, rule in ROUTES if method == "POST"]
TOKEN_CHECKED = [rule for rule in POSTS if rule not in CROSS_SITE_CHECKED]


def test_every_post_route_is_checked_against_cross_site_requests(app):
    assert set(POSTS) == set(TOKEN_CHECKED) | CROSS_SITE_CHECKED
    assert set(POSTS) >= CROSS_SITE_CHECKED


@pytest.mark.parametrize("token", [None, "wrong-token"])
@pytest.mark.parametrize("rule", TOKEN_CHECKED)
def test_a_post_without_the_right_csrf_token_is_refused(app, db, browsers, rule, token):
    client = browser(app, db, browsers, "admin")
    url = url_of(app, db, rule)
    before = written(db)
    data = FORM.get(rule, {}) | ({} if token is None else {"csrf_token": token})
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert written(db) == before
    assert client.get("/admin/offers").status_code == 200  # still signed in


def written(db) -> tuple:
    """What a back-office POST could change: offers, their history, accounts, sessions,
    decisions on suggestions, sign-in attempts."""
    return db.execute(
        "SELECT (SELECT count(*) FROM offer_history), (SELECT sum(version) FROM offers),"
        " (SELECT count(*) FROM users), (SELECT sum(active) FROM users),"
        " (SELECT count(*) FROM user_sessions), (SELECT count(*) FROM attempts),"
        " (SELECT count(*) FROM submissions WHERE status = 'open')"
    ).fetchone()


# What each public form accepts when it comes from this site (so only the origin differs).
SENDABLE = {
    "/suggest": {k: CENTRE_OFFER[k] for k in ("category", "title", "postcode", "lat", "lng")},
    "/offers/<int:offer_id>/report": {"reason": "closed"},
}


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
     {"Origin": "https://evil.example"}, {"Origin": "null"}],
)  # fmt: skip
@pytest.mark.parametrize("rule", sorted(CROSS_SITE_CHECKED))
def test_a_public_form_posted_from_another_site_is_refused(app, db, rule, headers):
    url = url_of(app, db, rule)
    before = written(db)
    response = app.test_client().post(url, data=SENDABLE.get(rule, {}), headers=headers)
    assert response.status_code == 403
    assert written(db) == before


@pytest.mark.parametrize("rule", sorted(CROSS_SITE_CHECKED))
def test_the_same_public_form_from_this_site_is_accepted(app, db, rule):
    url = url_of(app, db, rule)
    before = written(db)
    headers = {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"}
    response = app.test_client().post(url, data=SENDABLE.get(rule, {}), headers=headers)
    assert response.status_code == 303, text(response)[:500]
    assert written(db) != before


# --- deleted offers: one rule on every path ------------------------------------------------------

# (method, rule): what an admin gets for a deleted offer; an editor always gets 404.
DELETED_OFFER_PATHS = {
    ("GET", "/admin/offers/<int:offer_id>"): 200,
    ("POST", "/admin/offers/<int:offer_id>"): 422,
    ("GET", "/admin/offers/<int:offer_id>/history"): 200,
    ("GET", "/admin/offers/<int:offer_id>/translations"): 200,
    ("POST", "/admin/offers/<int:offer_id>/translations"): 302,
    ("POST", "/admin/offers/<int:offer_id>/status"): 302,
    ("POST", "/admin/offers/<int:offer_id>/verify"): 302,
    ("POST", "/admin/offers/<int:offer_id>/delete"): 302,
    ("POST", "/admin/offers/<int:offer_id>/restore/<int:entry_id>"): 302,
    ("POST", "/admin/freshness/<int:offer_id>/valid"): 302,
    ("POST", "/admin/freshness/<int:offer_id>/archive"): 302,
    ("POST", "/admin/freshness/<int:offer_id>/ask"): 302,
    ("POST", "/admin/review/<int:submission_id>/accept"): 302,
    ("GET", "/admin/review/<int:submission_id>/edit"): 200,
    ("POST", "/admin/review/<int:submission_id>/edit"): 422,
}


def test_every_back_office_path_to_one_offer_is_in_the_deleted_offer_table():
    by_offer = {
        (method, rule)
        for method, rule in ROUTES
        if rule.startswith("/admin/")
        and ("<int:offer_id>" in rule or "<int:submission_id>/" in rule)
    }
    # undelete is admin-only anyway; rejecting a suggestion does not touch its offer
    assert by_offer - set(DELETED_OFFER_PATHS) == {
        ("POST", "/admin/offers/<int:offer_id>/undelete"),
        ("POST", "/admin/review/<int:submission_id>/reject"),
    }


@pytest.mark.parametrize("who", ["editor", "admin"])
@pytest.mark.parametrize(("method", "rule"), list(DELETED_OFFER_PATHS))
def test_only_admins_reach_a_deleted_offer(app, db, browsers, method, rule, who):
    client = browser(app, db, browsers, who)
    response = send(client, method, rule, url_of(app, db, rule, deleted=True))
    expected = DELETED_OFFER_PATHS[(method, rule)] if who == "admin" else 404
    assert response.status_code == expected, text(response)[:300]


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_review_pages_name_a_deleted_offer_only_to_admins(app, db, browsers, who):
    client = browser(app, db, browsers, who)
    title = f"Gelöschtes Angebot {next(_numbers)}"
    url = url_of(app, db, "/admin/review/<int:submission_id>", deleted=True, title=title)
    for page in (client.get(url), client.get("/admin/review")):
        assert page.status_code == 200
        assert (title in text(page)) is (who == "admin")

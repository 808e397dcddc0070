"""Several editors, an import and public suggestions at once, against a real server.

Bounded in time (a few seconds of traffic). What must hold: no 5xx at all, no lost update
(every save is in the history with its own version, or was answered 409 with the form
kept), every suggestion and every import stored whole, and an intact database.
"""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
import store_support
from admin_support import FAST_HASHING, PASSWORD, make_user
from samples import CENTRE_OFFER, SUGGESTION
from servers import waitress_serving
from write_guard import as_if_in_the_app

from refugee_map import create_app, store
from refugee_map.domain import offers
from refugee_map.exchange import importer, readers
from refugee_map.geo.districts import load_districts
from refugee_map.geo.geocode import load_postcodes
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store

ROUNDS = 3  # each worker's, all started at once
EDITORS = 4
SUGGESTERS = 2
IMPORT_ROWS = 40
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_VERSION = re.compile(r'name="version" value="(\d+)"')

# The offer form as an editor sends it.
FORM = {key: CENTRE_OFFER[key] for key in ("category", "street", "postcode", "city", "lat", "lng",
                                           "status")} | {"languages": ["de", "en"]}  # fmt: skip


class Browser:
    """One person's browser: its own cookies, redirects followed, every status recorded."""

    def __init__(self, base: str, statuses: list[int]):
        self.base = base
        self.statuses = statuses
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """Status, page and address, after redirects."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                status, page, url = response.status, response.read().decode(), response.url
        except urllib.error.HTTPError as error:
            status, page, url = error.code, error.read().decode(), error.url
        self.statuses.append(status)
        return status, page, url

    def sign_in(self, email: str) -> None:
        _, page, _ = self.request("/admin/login")
        token = _TOKEN.search(page).group(1)
        status, _, _ = self.request("/admin/login", {"email": email, "password": PASSWORD,
                                                  "csrf_token": token})  # fmt: skip
        assert status == 200


@pytest.fixture
def server(new_database):
    """The app on waitress (as in production) on a free port of 127.0.0.1."""
    # A long busy timeout: what is tested is that writers wait for each other, not how long.
    app = create_app({"DB": new_database("busy.db"), "SECRET_KEY": "test",
                      "DB_BUSY_TIMEOUT": 60, "PUBLIC_FORM_LIMIT": "10000 per minute"}
                     | FAST_HASHING)  # fmt: skip
    store.init(store.connect(app.config["DB"]))
    with waitress_serving(app, threads=8) as url:
        yield app, url


def test_editors_an_import_and_suggestions_at_once_lose_nothing_and_never_fail(server, tmp_path):
    app, base = server
    db = store.connect(app.config["DB"])
    with app.app_context():
        made = [offers.clean(CENTRE_OFFER | {"title": f"Angebot {n}"}) for n in range(3)]
        shared, own_a, own_b = (offer_store.create_offer(db, offer, by="t")["id"] for offer in made)
    # Two editors on the same offer (conflicts), two on offers of their own.
    targets = [shared, shared, own_a, own_b]
    statuses: list[int] = []
    saves: list[tuple[int, str, int]] = []  # offer id, marker, status
    failures: list[str] = []

    def edit(number: int) -> None:
        email = f"editor{number}@example.org"
        make_user(app, email)
        browser = Browser(base, statuses)
        browser.sign_in(email)
        start.wait()
        for count in range(ROUNDS):
            offer_id, marker = targets[number], f"editor {number} save {count}"
            _, form, _ = browser.request(f"/admin/offers/{offer_id}")
            data = FORM | {"title": f"Angebot {offer_id}", "hours_note": marker,
                           "version": _VERSION.search(form).group(1),
                           "csrf_token": _TOKEN.search(form).group(1)}  # fmt: skip
            status, page, _ = browser.request(f"/admin/offers/{offer_id}", data)
            saves.append((offer_id, marker, status))
            if status == 409 and marker not in page:
                failures.append(f"409 without the form kept: {marker}")

    suggested: list[str] = []

    def suggest() -> None:
        browser = Browser(base, statuses)
        start.wait()
        for _ in range(ROUNDS):
            status, _, url = browser.request("/suggest", SUGGESTION)
            if status == 200 and "/thanks/" in url:
                suggested.append(url)

    imported: list[int] = []

    def import_files() -> None:
        region = Path(app.config["REGION_DIR"])
        districts, postcodes = load_districts(region), set(load_postcodes(region))
        own = store.connect(app.config["DB"])
        start.wait()
        for round_ in range(ROUNDS):
            path = write_import_csv(tmp_path / f"import-{round_}.csv", round_)
            plan = importer.plan_import(own, readers.read_rows(path), source=path.name,
                                        districts=districts, postcodes=postcodes)  # fmt: skip
            importer.apply_plan(own, plan, by="import")
            imported.append(len(plan.items))

    jobs = [(edit, (n,)) for n in range(EDITORS)] + [(suggest, ())] * SUGGESTERS
    jobs += [(import_files, ())]
    start = threading.Barrier(len(jobs), timeout=60)
    workers = [threading.Thread(target=guarded(job, failures), args=args) for job, args in jobs]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert not failures
    assert [status for status in statuses if status >= 500] == []
    assert {status for _, _, status in saves} <= {200, 409}  # 200: redirected to the form
    for offer_id in set(targets):
        saved = [marker for id_, marker, status in saves if id_ == offer_id and status == 200]
        assert saved, f"no save of offer {offer_id} went through"
        edits = [e for e in offer_history.history(db, offer_id) if e["action"] == "edit"]
        assert sorted(e["after"]["hours_note"] for e in edits) == sorted(saved)  # none lost
        versions = sorted(e["after"]["version"] for e in edits)
        assert versions == list(range(2, 2 + len(saved)))  # each save its own version
        assert offer_store.get_offer(db, offer_id, public=False)["version"] == 1 + len(saved)
    assert suggested and db["submissions"].count == len(suggested)
    assert imported and db["offers"].count == 3 + sum(imported)
    assert store_support.intact(app.config["DB"])


def guarded(work, failures: list[str]):
    """``work`` run in a thread: an exception becomes a recorded failure, not a lost one."""

    def run(*args) -> None:
        try:
            work(*args)
        except Exception as error:  # noqa: BLE001 - reported by the test
            failures.append(f"{work.__name__}: {error!r}")

    return run


def write_import_csv(path: Path, round_: int) -> Path:
    rows = [CENTRE_OFFER | {"title": f"Import {round_}-{n}", "street": f"Straße {round_}-{n}",
                            "languages": "de"} for n in range(IMPORT_ROWS)]  # fmt: skip
    columns = list(rows[0])
    lines = [",".join(columns)] + [",".join(f'"{row[c]}"' for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_suite_fails_a_write_of_the_app_outside_store_writing(
    every_write_goes_through_store_writing, db
):
    guard = every_write_goes_through_store_writing

    def delete_meta(db):
        db.execute("DELETE FROM meta")

    app_delete_meta = as_if_in_the_app(delete_meta)
    app_delete_meta(db)
    assert guard.stray_writes == ["DELETE FROM meta"]
    guard.stray_writes.clear()
    with store.writing(db):
        app_delete_meta(db)
    delete_meta(db)  # a test's own set-up SQL is its business
    assert guard.stray_writes == []

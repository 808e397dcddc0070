"""Public reads from a PostgreSQL streaming replica (``REFUGEE_MAP_DB_READ``): the run's
cluster and a replica of it on a loopback port (tests/pg_cluster.py), one app with both
URLs. An edit in the back office reaches the public map and list through the replica;
while the replica's replay is paused the public pages still show the old data, which
proves they read there."""

import time

import pytest
from admin_support import signed_in
from pg_cluster import free_port
from samples import CENTRE_OFFER

from refugee_map import create_app, store
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store

REPLAY_WAIT = 60.0  # seconds at most for the replica to catch up (a bound, not a measure)
PLACE = {"district": "Innenstadt-West"}  # where CENTRE_OFFER lies, for the handout
VIEW = "/api/map?bbox=7.29,51.41,7.64,51.60&zoom=15"


@pytest.fixture(scope="module")
def replicated(pg_cluster, pg_databases) -> tuple[str, str]:
    """A migrated database's URL on the run's cluster and on a streaming replica of it."""
    primary = pg_databases.lasting("replicated")
    replica = pg_cluster.start_replica()
    yield primary, replica.url(primary.rsplit("/", 1)[1])
    replica.stop()
    pg_databases.drop([primary])


@pytest.fixture(scope="module")
def app(replicated):
    primary, replica = replicated
    settings = {"DB": primary, "DB_READ": replica}
    return create_app({"TESTING": True, "SECRET_KEY": "test", **settings})


@pytest.fixture(scope="module")
def offer_id(app) -> int:
    db = store.connect(app.config["DB"])
    with app.app_context():
        created = offer_store.create_offer(db, offers.clean(CENTRE_OFFER) | PLACE, by="test")
    wait_for_replay(db, store.connect(app.config["DB_READ"]))
    return created["id"]


def wait_for_replay(primary, replica) -> None:
    """Until the replica has replayed everything written on the primary so far (the insert
    position: with synchronous_commit=off a commit may not be flushed yet)."""
    position = primary.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
    replayed = "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), ?) >= 0"
    deadline = time.monotonic() + REPLAY_WAIT
    while not replica.execute(replayed, [position]).fetchone()[0]:
        assert time.monotonic() < deadline, "the replica did not catch up"
        replica.execute("SELECT pg_sleep(0.01)")


def pause_replay(replica) -> None:
    replica.execute("SELECT pg_wal_replay_pause()")
    deadline = time.monotonic() + REPLAY_WAIT
    while replica.execute("SELECT pg_get_wal_replay_pause_state()").fetchone()[0] != "paused":
        assert time.monotonic() < deadline, "the replica did not pause"
        replica.execute("SELECT pg_sleep(0.01)")


def public_routes(offer: dict) -> list[str]:
    # /list joins them once the public list's language menu runs on PostgreSQL (storeport15)
    """Every public route that shows the offer's title: pages, API, OGC API, downloads, and
    the network-wide reads of the API, the OGC API and the downloads."""
    number = offer["id"]
    reads = ["/api/offers?limit=10", "/api/offers", f"/api/offers/{number}",
             "/ogc/collections/offers/items", f"/ogc/collections/offers/items/{number}",
             "/export.geojson", "/export.csv"]  # fmt: skip
    pages = [VIEW, f"/offers/{number}", f"/handout?district={PLACE['district']}"]
    return pages + reads + [f"/network{route}" for route in reads]


def shown_everywhere(client, offer: dict, title: str) -> None:
    for route in public_routes(offer):
        response = client.get(route, headers={"Accept-Language": "de"})
        assert response.status_code == 200, route
        assert title in response.get_data(as_text=True), route


def test_an_edit_in_the_back_office_reaches_the_public_pages_through_the_replica(app, offer_id):
    primary, replica = store.connect(app.config["DB"]), store.connect(app.config["DB_READ"])
    offer = offer_store.get_offer(primary, offer_id, public=False)
    editor = signed_in(app, "replica-editor@example.org")
    public = app.test_client()
    old, new = CENTRE_OFFER["title"], "Beratung am Hafen"
    shown_everywhere(public, offer, old)
    etag = public.get(VIEW).headers["ETag"]
    pause_replay(replica)
    try:
        edit = {"csrf_token": editor.token, "title": new, "version": str(offer["version"])}
        response = editor.post(f"/admin/offers/{offer_id}", data=_form(offer) | edit)
        assert response.status_code == 302, response.get_data(as_text=True)
        assert offer_store.get_offer(primary, offer_id)["title"] == new
        # the replica stands still: every public page (and the map's ETag) is the replica's
        shown_everywhere(public, offer, old)
        assert public.get(VIEW, headers={"If-None-Match": etag}).status_code == 304
    finally:
        replica.execute("SELECT pg_wal_replay_resume()")
    wait_for_replay(primary, replica)
    shown_everywhere(public, offer, new)
    assert public.get(VIEW, headers={"If-None-Match": etag}).status_code == 200


def _form(offer: dict) -> dict:
    """The back-office form's fields for ``offer`` as stored (what an editor sends back)."""
    return {
        key: value
        for key, value in offer.items()
        if isinstance(value, str) and key not in {"created_at", "updated_at"}
    } | {"lat": str(offer["lat"]), "lng": str(offer["lng"])}


def test_a_public_page_counts_its_view_on_the_primary(app, offer_id):
    primary = store.connect(app.config["DB"])
    before = _views(primary, offer_id)
    response = app.test_client().get(f"/offers/{offer_id}")
    assert response.status_code == 200
    assert _views(primary, offer_id) == before + 1


def _views(db, offer_id: int) -> int:
    rows = db.execute("SELECT sum(views) FROM offer_views WHERE offer_id = ?", [offer_id])
    return rows.fetchone()[0] or 0


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The databases the app connects to from now on, in order."""
    databases, connect = [], store.connect

    def recording(database, **settings):
        databases.append(str(database))
        return connect(database, **settings)

    monkeypatch.setattr(store, "connect", recording)
    return databases


def test_public_pages_connect_to_the_replica_only_and_the_back_office_to_the_primary(
    app, offer_id, opened
):
    editor = signed_in(app, "replica-office@example.org")
    opened.clear()
    for route in public_routes({"id": offer_id}):
        if not route.startswith("/offers/"):  # an offer's page also counts its view
            assert app.test_client().get(route).status_code == 200, route
    assert set(opened) == {app.config["DB_READ"]}
    opened.clear()
    for route in ("/admin/account", f"/admin/offers/{offer_id}", "/admin/review"):
        assert editor.get(route).status_code == 200, route
    assert set(opened) == {app.config["DB"]}


def test_a_replica_out_of_reach_fails_the_public_pages_not_the_back_office(replicated):
    primary, _ = replicated
    gone = f"postgresql://postgres@127.0.0.1:{free_port()}/gone"
    settings = {"DB": primary, "DB_READ": gone, "SECRET_KEY": "test"}
    client = create_app(settings).test_client()
    page = client.get("/offers/1", headers={"Accept-Language": "de"})
    assert page.status_code == 503 and "Etwas ist schiefgegangen" in page.get_data(as_text=True)
    assert page.headers["Retry-After"] == "30"
    answer = client.get(VIEW)
    assert answer.status_code == 503 and "error" in answer.json
    assert client.get("/healthz").json == {"status": "error", "database": "unavailable"}
    assert client.get("/admin/login").status_code == 200

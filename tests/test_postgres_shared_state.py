"""What several app processes share through the database (m012), on both engines: the
rate limits' attempts, uploads between preview and confirmation, import jobs' progress and
the Nominatim slot."""

import pytest
from test_postgres import database  # noqa: F401  (a fixture)

from refugee_map import store
from refugee_map.geo.http_limits import RequestSlots
from refugee_map.store import attempts, import_jobs, uploads


@pytest.fixture
def db(database):  # noqa: F811
    connection = store.connect(database)
    yield connection
    connection.close()


def test_attempts_are_counted_per_action_and_source(db):
    with store.writing(db):
        for at in (100.0, 200.0):
            attempts.add(db, "public-form", "", "digest-a", at)
        attempts.add(db, "login", "anna", "digest-a", 150.0)
    assert attempts.from_source(db, "public-form", "digest-a", 0)[0] == 2
    assert attempts.from_source(db, "public-form", "digest-a", 150)[0] == 1
    assert attempts.at_account(db, "login", "anna", 0) == 1


def test_an_upload_keeps_its_bytes_and_is_claimed_once(db):
    content = bytes(range(256)) * 4  # every byte value, NUL included
    row = {"token": "t1", "user_id": 7, "name": "a.csv", "content": content,
           "created_at": "2026-12-02T10:00:00+00:00"}  # fmt: skip
    uploads.add(db, row, created_before="2026-12-02T09:00:00+00:00")
    assert bytes(uploads.unclaimed(db, "t1", 7)["content"]) == content
    assert uploads.unclaimed(db, "t1", 8) is None  # another user's upload stays unseen
    assert uploads.claim(db, "t1", 7) is True
    assert uploads.claim(db, "t1", 7) is False  # the double click finds nothing


def test_an_import_job_reports_its_progress(db):
    row = {"token": "j1", "source": "a.csv", "summary": "s", "total": 3,
           "started_at": "2026-12-02T10:00:00+00:00"}  # fmt: skip
    import_jobs.add(db, row, keep=5)
    progress = {"done": 2, "placed": 1, "unplaced": [["Straße 1", {"n": 1}]], "error": None,
                "finished": False, "beat_at": "2026-12-02T10:00:05+00:00"}  # fmt: skip
    import_jobs.report(db, "j1", progress)
    job = import_jobs.get(db, "j1")
    assert (job["done"], job["placed"], job["unplaced"]) == (2, 1, [["Straße 1", {"n": 1}]])


def test_the_nominatim_slot_is_taken_once_per_delay(db):
    slots = RequestSlots(db, "https://nominatim.example/search", min_delay=60)
    assert slots.take() == 0.0
    assert 0 < slots.take() <= 60

"""Uploads wait in the database between preview and confirmation: only for the account that
sent them, taken once, swept after an hour, read through a private temporary copy."""

import io
import stat
import tempfile
from datetime import UTC, datetime, timedelta

from werkzeug.datastructures import FileStorage

from refugee_map import store
from refugee_map.web.admin import uploads

CONTENT = b"category,title\ncounselling,Kurs\n"


def store_upload(db, name: str = "offers.csv", user_id: int = 1) -> uploads.Upload:
    return uploads.save(db, FileStorage(io.BytesIO(CONTENT), name), user_id=user_id)


def test_an_upload_is_kept_for_the_account_that_sent_it_only(fresh_db):
    upload = store_upload(fresh_db, "пропозиції.csv")
    assert uploads.load(fresh_db, upload.token, 1) == upload
    assert upload.content == CONTENT and upload.name == "пропозиції.csv"
    assert uploads.load(fresh_db, upload.token, 2) is None
    assert uploads.claim(fresh_db, upload.token, 2) is None
    assert uploads.load(fresh_db, "../" + upload.token, 1) is None


def test_an_upload_is_taken_once_until_it_is_given_back(fresh_db):
    upload = store_upload(fresh_db)
    assert uploads.claim(fresh_db, upload.token, 1) == upload
    assert uploads.claim(fresh_db, upload.token, 1) is None  # a double click
    assert uploads.load(fresh_db, upload.token, 1) is None
    uploads.release(fresh_db, upload)
    assert uploads.claim(fresh_db, upload.token, 1) == upload
    uploads.discard(fresh_db, upload)
    uploads.release(fresh_db, upload)  # nothing left to give back
    assert uploads.load(fresh_db, upload.token, 1) is None


def test_uploads_nobody_confirmed_within_an_hour_go_with_the_next_upload(fresh_db):
    old = store_upload(fresh_db)
    an_hour_ago = datetime.now(UTC) - uploads.MAX_AGE - timedelta(seconds=5)
    with store.writing(fresh_db):
        fresh_db.execute(
            "UPDATE uploads SET created_at = ? WHERE token = ?",
            [an_hour_ago.isoformat(timespec="seconds"), old.token],
        )
    fresh = store_upload(fresh_db)
    assert uploads.load(fresh_db, old.token, 1) is None
    assert uploads.load(fresh_db, fresh.token, 1) == fresh


def test_a_reader_gets_a_copy_in_a_private_folder_removed_afterwards(
    fresh_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    upload = store_upload(fresh_db, "Angebote März.CSV")
    with uploads.readable(upload) as path:
        assert path.name == "upload.csv" and path.read_bytes() == CONTENT
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert list(tmp_path.iterdir()) == []

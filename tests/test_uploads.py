"""The upload folder is the app's own and private; the sweep deletes only the app's uploads."""

import io
import os
import stat
import time
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from refugee_map.web.admin import uploads


def store_upload(root: Path, name: str = "offers.csv") -> uploads.Upload:
    return uploads.save(root, FileStorage(io.BytesIO(b"category,title\n"), name), user_id=1)


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_by_default_uploads_wait_beside_the_database_in_a_private_folder(tmp_path):
    root = uploads.folder({"DB": str(tmp_path / "data" / "refugee_map.db")})
    assert root == tmp_path / "data" / "uploads"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_a_folder_of_another_user_is_refused(tmp_path, monkeypatch):
    (tmp_path / "imports").mkdir(mode=0o700)
    monkeypatch.setattr(uploads.os, "geteuid", lambda: os.stat(tmp_path).st_uid + 1)
    with pytest.raises(uploads.UploadFolderError, match="belongs to user id"):
        uploads.folder({"DB": "x.db", "IMPORT_UPLOAD_DIR": str(tmp_path / "imports")})


def test_a_folder_others_may_write_to_is_refused(tmp_path):
    shared = tmp_path / "imports"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(uploads.UploadFolderError, match="writable by other users"):
        uploads.folder({"DB": "x.db", "IMPORT_UPLOAD_DIR": str(shared)})


def test_a_symlinked_folder_is_refused(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    (tmp_path / "imports").symlink_to(target)
    with pytest.raises(uploads.UploadFolderError, match="symbolic link"):
        uploads.folder({"DB": "x.db", "IMPORT_UPLOAD_DIR": str(tmp_path / "imports")})


def test_an_upload_to_a_folder_not_ours_gets_a_message_not_a_500(app, editor, tmp_path):
    shared = tmp_path / "imports"
    shared.mkdir()
    shared.chmod(0o777)
    app.config["IMPORT_UPLOAD_DIR"] = str(shared)
    upload = (io.BytesIO(b"category,title\ncounselling,Kurs\n"), "offers.csv")
    form = {"csrf_token": editor.token, "file": upload}
    response = editor.post("/admin/import", data=form, content_type="multipart/form-data")
    assert response.status_code == 503
    assert "Upload-Ordner" in response.get_data(as_text=True)
    assert list(shared.iterdir()) == []


def test_the_sweep_deletes_only_the_apps_own_old_uploads(tmp_path):
    root = uploads.folder({"DB": "x.db", "IMPORT_UPLOAD_DIR": str(tmp_path / "imports")})
    old = store_upload(root)
    age(old.path.parent / uploads.META, 2 * uploads.MAX_AGE_SECONDS)
    fresh = store_upload(root)
    # Not the app's: another program's folder, a token-like folder without our meta file,
    # a file, and a token-named link to a folder outside (never followed).
    foreign = [root / "backup", root / ("A" * 32), root / "notes.txt", root / ("B" * 32)]
    foreign[0].mkdir()
    foreign[1].mkdir()
    foreign[2].write_text("keep me")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / uploads.META).write_text("{}")
    foreign[3].symlink_to(outside)
    for path in [*foreign, outside / uploads.META]:
        age(path, 2 * uploads.MAX_AGE_SECONDS)

    uploads.sweep(root)

    assert not old.path.parent.exists()
    assert fresh.path.exists()
    assert all(path.is_symlink() or path.exists() for path in foreign)
    assert (outside / uploads.META).exists()

"""Import files kept on the server between the preview and "confirm import".

The file waits in the database (:mod:`refugee_map.store.uploads`) under a random token,
never in the session cookie (which is small and readable by the browser), so any app
process over the database can confirm it. Only the account that uploaded it can confirm
it; it is deleted once applied or refused, and uploads older than an hour are swept away
with the next upload. Its size is bounded by ``MAX_CONTENT_LENGTH``, as every request is.
A reader gets the file as a temporary copy in a new private folder (:func:`readable`).
"""

import re
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database
from werkzeug.datastructures import FileStorage

from refugee_map import store
from refugee_map.store import uploads as upload_store

MAX_AGE = timedelta(hours=1)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}\Z")


@dataclass(frozen=True)
class Upload:
    token: str
    name: str  # the name the person gave it: the history's "source"
    user_id: int
    content: bytes


def save(db: Database, storage: FileStorage, user_id: int) -> Upload:
    name = (storage.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200]
    upload = Upload(secrets.token_urlsafe(24), name, user_id, storage.read())
    row = {"token": upload.token, "user_id": user_id, "name": name,
           "content": upload.content, "created_at": store.now()}  # fmt: skip
    oldest = (datetime.now(UTC) - MAX_AGE).isoformat(timespec="seconds")
    upload_store.add(db, row, created_before=oldest)
    return upload


def load(db: Database, token: str, user_id: int) -> Upload | None:
    """The upload ``token`` of ``user_id``, or None (unknown, expired, taken or someone
    else's)."""
    if not _TOKEN.match(token or ""):
        return None
    row = upload_store.unclaimed(db, token, user_id)
    if row is None:
        return None
    return Upload(row["token"], row["name"], row["user_id"], bytes(row["content"]))


def claim(db: Database, token: str, user_id: int) -> Upload | None:
    """Take the upload ``token`` for applying, once: a second confirm (a double click), in
    this process or another, finds nothing. Discard the claimed upload when done."""
    upload = load(db, token, user_id)
    if upload is None or not upload_store.claim(db, token, user_id):
        return None
    return upload


def release(db: Database, upload: Upload) -> None:
    """Give a claimed upload back, as it was before :func:`claim`: the database could not
    take it now, and the person may send the same confirmation again."""
    upload_store.release(db, upload.token)


def discard(db: Database, upload: Upload) -> None:
    upload_store.discard(db, upload.token)


@contextmanager
def readable(upload: Upload) -> Iterator[Path]:
    """The upload as a file (the readers, GeoPackage's among them, open files), in a new
    folder only this app's user can open, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="refugee-map-upload-") as folder:
        path = Path(folder) / stored_name(upload.name)
        path.write_bytes(upload.content)
        yield path


def stored_name(name: str) -> str:
    """The file's name on the server: "upload" and the given name's suffix, which chooses
    the reader. The rest of the name may be in any script ("пропозиції.csv"), which a
    sanitised name would drop, suffix and all; people see the name they gave."""
    suffix = _SUFFIX.search(name)
    return "upload" + (suffix.group().lower() if suffix else "")

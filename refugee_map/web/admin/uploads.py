"""Import files kept on the server between the preview and "confirm import".

The file waits in the app's own private folder under a random token, never in the session
cookie (which is small and readable by the browser). Only the account that uploaded it can
confirm it; it is deleted once applied or refused, and the app's own uploads older than an
hour are swept away with the next upload. Nothing else in the folder is touched.
"""

import json
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import FileStorage

MAX_AGE_SECONDS = 60 * 60
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
_OWN_ENTRY = re.compile(r"^[A-Za-z0-9_-]{32}(\.claimed)?$")  # what save and claim name


class UploadFolderError(RuntimeError):
    """The upload folder is not private to this app: uploads are refused until it is."""


@dataclass(frozen=True)
class Upload:
    token: str
    path: Path  # the stored file (see stored_name)
    name: str  # the name the person gave it: the history's "source"
    user_id: int


def folder(config: Mapping) -> Path:
    """``IMPORT_UPLOAD_DIR`` if set, else ``uploads`` beside the database; created private
    (0700) and checked to be ours, so no other local user can read or plant uploads."""
    configured = config.get("IMPORT_UPLOAD_DIR")
    path = Path(configured) if configured else Path(config["DB"]).resolve().parent / "uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)  # an existing one is checked below
    _check_private(path)
    return path


def _check_private(path: Path) -> None:
    """Refuse a folder that is a symlink, not ours, or writable by others."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        problem = "is a symbolic link or not a folder"
    elif info.st_uid != os.geteuid():
        problem = f"belongs to user id {info.st_uid}, not to this app's user {os.geteuid()}"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        problem = f"is writable by other users (mode {stat.filemode(info.st_mode)})"
    else:
        return
    raise UploadFolderError(
        f"The import upload folder {path} {problem}; set IMPORT_UPLOAD_DIR to a folder "
        "of this app's own (created with mode 0700)."
    )


META = ".meta.json"  # beside the file, which is always named "upload.<suffix>"
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}\Z")


def save(root: Path, storage: FileStorage, user_id: int) -> Upload:
    sweep(root)
    token = secrets.token_urlsafe(24)
    name = (storage.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200]
    directory = root / token
    directory.mkdir(mode=0o700)
    path = directory / stored_name(name)
    try:
        storage.save(path)
        meta = {"name": name, "user_id": user_id, "file": path.name}
        (directory / META).write_text(json.dumps(meta), encoding="utf-8")
    except BaseException:  # a full disk: no half-written upload stays (the sweep needs META)
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return Upload(token, path, name, user_id)


def stored_name(name: str) -> str:
    """The file's name on the server: "upload" and the given name's suffix, which chooses
    the reader. The rest of the name may be in any script ("пропозиції.csv"), which a
    sanitised name would drop, suffix and all; people see the name they gave."""
    suffix = _SUFFIX.search(name)
    return "upload" + (suffix.group().lower() if suffix else "")


def load(root: Path, token: str, user_id: int) -> Upload | None:
    """The upload ``token`` of ``user_id``, or None (unknown, expired or someone else's)."""
    if not _TOKEN.match(token or ""):
        return None
    try:
        meta = json.loads((root / token / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != user_id:
        return None
    return Upload(token, root / token / meta["file"], meta["name"], user_id)


def claim(root: Path, token: str, user_id: int) -> Upload | None:
    """Take the upload ``token`` for applying, once: a second confirm (a double click) and a
    sweep running meanwhile both find nothing. Discard the claimed upload when done."""
    if load(root, token, user_id) is None:
        return None
    claimed = root / f"{token}.claimed"
    try:
        (root / token).rename(claimed)
    except OSError:
        return None
    meta = json.loads((claimed / META).read_text(encoding="utf-8"))
    return Upload(token, claimed / meta["file"], meta["name"], user_id)


def release(upload: Upload) -> None:
    """Give a claimed upload back, as it was before :func:`claim`: the database could not
    take it now, and the person may send the same confirmation again."""
    claimed = upload.path.parent
    claimed.rename(claimed.with_name(upload.token))


def discard(upload: Upload) -> None:
    shutil.rmtree(upload.path.parent, ignore_errors=True)


def sweep(root: Path, max_age: float = MAX_AGE_SECONDS) -> None:
    """Delete the app's own uploads nobody confirmed in time, and nothing else."""
    limit = time.time() - max_age
    for directory in root.iterdir():
        if _OWN_ENTRY.match(directory.name) and _written_before(directory, limit):
            shutil.rmtree(directory, ignore_errors=True)


def _written_before(directory: Path, limit: float) -> bool:
    """A real folder (not a link) holding our meta file, written before ``limit``."""
    try:
        if not stat.S_ISDIR(directory.lstat().st_mode):
            return False
        meta = (directory / META).lstat()
    except OSError:  # not ours, or removed meanwhile by another sweep
        return False
    return stat.S_ISREG(meta.st_mode) and meta.st_mtime < limit

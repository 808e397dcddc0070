"""Import files kept on the server between the preview and "confirm import".

The file waits in a private temporary folder under a random token, never in the session
cookie (which is small and readable by the browser). Only the account that uploaded it can
confirm it; it is deleted once applied or refused, and anything older than an hour is
swept away with the next upload.
"""

import json
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

MAX_AGE_SECONDS = 60 * 60
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


@dataclass(frozen=True)
class Upload:
    token: str
    path: Path  # the stored file, under its (sanitised) original name
    name: str  # the name the person gave it: the history's "source"
    user_id: int


def folder(config: Mapping) -> Path:
    """``IMPORT_UPLOAD_DIR`` if set, else a folder in the system's temporary directory."""
    configured = config.get("IMPORT_UPLOAD_DIR")
    path = Path(configured) if configured else Path(tempfile.gettempdir()) / "refugee_map_imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


# The upload's own name goes through secure_filename, which strips a leading dot.
META = ".meta.json"


def save(root: Path, storage: FileStorage, user_id: int) -> Upload:
    sweep(root)
    token = secrets.token_urlsafe(24)
    name = (storage.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200]
    directory = root / token
    directory.mkdir(mode=0o700)
    path = directory / (secure_filename(name) or "upload")
    storage.save(path)
    meta = {"name": name, "user_id": user_id, "file": path.name}
    (directory / META).write_text(json.dumps(meta), encoding="utf-8")
    return Upload(token, path, name, user_id)


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


def discard(upload: Upload) -> None:
    shutil.rmtree(upload.path.parent, ignore_errors=True)


def sweep(root: Path, max_age: float = MAX_AGE_SECONDS) -> None:
    """Delete uploads nobody confirmed in time."""
    limit = time.time() - max_age
    for directory in root.iterdir():
        try:
            old = directory.is_dir() and directory.stat().st_mtime < limit
        except OSError:  # removed meanwhile by another sweep
            continue
        if old:
            shutil.rmtree(directory, ignore_errors=True)

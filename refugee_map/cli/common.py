"""What every ``refugee-map`` command shares: the configured database, the region's
folder and writing a file whole. Each runs in the command's app context."""

from pathlib import Path

from flask import current_app
from sqlite_utils import Database

from refugee_map import store


def configured_db() -> Database:
    """The database the app's settings name (``REFUGEE_MAP_DB``)."""
    return store.connect_configured(current_app.config)


def ready_db() -> Database:
    """The configured database, created or migrated to the current schema first."""
    db = configured_db()
    store.init(db)
    return db


def region_dir() -> Path:
    return Path(current_app.config["REGION_DIR"])


def write_whole(output: Path, text: str) -> None:
    """Write ``text`` to ``output`` whole or not at all: a disk that fills up half-way
    leaves no half file, and an older file of that name as it was."""
    partial = output.with_name(f".{output.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

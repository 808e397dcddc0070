"""What every ``refugee-map`` command shares: the configured database, the region it
works on (``--region``) and its folder, and writing a file whole. Each runs in the
command's app context."""

from pathlib import Path

import click
from flask import current_app
from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain import regions
from refugee_map.domain.regions import Region
from refugee_map.web import regions as web_regions

REGION_OPTION = click.option(
    "--region", "region_slug", metavar="SLUG",
    help="The region to work on (see 'refugee-map region list'); default: the first one.",
)  # fmt: skip


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


def chosen_region(db: Database, slug: str | None) -> Region:
    """The region ``slug`` names (without one the first, the settings' region), which the
    command's pages, links and offers then belong to (``web.regions.use``). A slug no
    region has ends the command with one line."""
    known = regions.all_regions(db, current_app.config)
    region = known[0] if slug is None else next((r for r in known if r.slug == slug), None)
    if region is None:
        slugs = ", ".join(r.slug for r in known)
        raise click.ClickException(f"There is no region {slug!r}; the regions: {slugs}.")
    web_regions.use(region)
    return region


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

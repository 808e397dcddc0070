"""``refugee-map region add`` and ``region list``: the regions one deployment serves.

The first region is the one the settings describe (``REGION``, ``REGION_DIR``, ...); every
region added gets its own folder and, once there are two, its own URLs (``/<slug>/``, or
its host name with ``REGION_URLS=host``)."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from refugee_map.cli.common import ready_db
from refugee_map.domain import regions
from refugee_map.geo import region_folder
from refugee_map.store import regions as region_store
from refugee_map.web.i18n import LANGUAGES
from refugee_map.web.regions import route_prefixes


@click.group("region", cls=AppGroup)
def region() -> None:
    """The regions this deployment serves."""


@region.command("add")
@click.argument("slug")
@click.option("--from", "folder", required=True, type=click.Path(path_type=Path),
              help="The region's folder, e.g. data/regions/bochum.")  # fmt: skip
def add(slug: str, folder: Path) -> None:
    """Add the region SLUG (its URLs' first part) with the districts, postcodes and
    gazetteer in its folder; nothing is changed when the folder or the name is not fit."""
    db = ready_db()
    _check_slug(slug, [known.slug for known in regions.all_regions(db, current_app.config)])
    try:
        row = region_folder.read_new(folder, tuple(LANGUAGES))
    except region_folder.RegionFolderError as error:
        raise click.ClickException(f"{error}. No region was added.") from None
    region_store.add_region(db, row | {"slug": slug})
    added = regions.all_regions(db, current_app.config)[-1]
    click.echo(f"Region added: {added.slug} ({added.name}), from {added.region_dir}")
    click.echo(f"Its pages: /{added.slug}/ (REGION_URLS=path), or its host in REGION_HOSTS.")


SLUG_PROBLEMS = {
    "form": "2-40 lower-case letters, digits and '-', starting with a letter "
    "(it is the first part of the region's URLs)",
    "taken": "a region {slug!r} exists already",
    "reserved": "/{slug}/ is one of the app's own URLs",
}


def _check_slug(slug: str, taken: list[str]) -> None:
    problem = regions.slug_problem(slug, taken, route_prefixes(current_app))
    if problem:
        raise click.BadParameter(SLUG_PROBLEMS[problem].format(slug=slug), param_hint="SLUG")


@region.command("list")
def list_regions() -> None:
    """Each region: its slug, name, agency, default language and folder."""
    for known in regions.all_regions(ready_db(), current_app.config):
        click.echo(
            f"{known.slug}\t{known.name}\t{known.agency_name}\t{known.default_language}\t"
            f"{known.region_dir}"
        )

"""The ``refugee-map`` command: set up, serve and look after the database.

A Flask command group: each command runs in an app context of one app that
``create_app`` builds from the ``REFUGEE_MAP_*`` environment variables, with no request.
The commands that write a page to hand on (``export-map``, ``handout``) are in
``cli/printed.py``; what all commands share is in ``cli/common.py``.
"""

import gc
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, ScriptInfo

from refugee_map import create_app, store
from refugee_map.cli import accounts, common, printed, regions
from refugee_map.cli.common import configured_db, ready_db, region_dir, write_whole
from refugee_map.config import SettingError, require_postgresql_driver
from refugee_map.domain.messages import gettext as _
from refugee_map.domain.messages import ngettext
from refugee_map.exchange import formats as exchange
from refugee_map.exchange import import_geocoding, import_report, importer, readers
from refugee_map.geo.districts import load_districts
from refugee_map.geo.geocode import make_geocoder
from refugee_map.store import dialect
from refugee_map.store import offers as offer_store
from refugee_map.web import regions as web_regions


class Commands(AppGroup):
    """Flask's command group (each command in an app context), built for an admin: unlike
    ``FlaskGroup`` it reads no ``.env`` files, no ``FLASK_*`` variables and no plugins.
    A busy database or a full disk is one clear line and exit code 1."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        extra.setdefault("obj", ScriptInfo(create_app=create_app, set_debug_flag=False))
        return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (SettingError, store.Unusable) as error:
            raise click.ClickException(str(error)) from None
        except store.Busy as error:
            raise click.ClickException(
                f"The database is busy ({error}): another program kept it locked. "
                "The write in progress was rolled back; run the command again."
            ) from None
        except (store.DiskFull, OSError) as error:
            if not store.is_disk_full(error):
                raise
            raise click.ClickException(
                f"The disk or the database is full ({error}). Free some space and run the "
                "command again; a database write in progress was rolled back."
            ) from None


@click.group(cls=Commands)
def main() -> None:
    """Run and look after a refugee_map installation."""


@main.command()
@click.option("--demo", is_flag=True, help="Load the region's demo offers into an empty database.")
def init(demo: bool) -> None:
    """Create the database, or migrate it to the current schema keeping all data."""
    db = ready_db()
    click.echo(f"Database ready: {current_app.config['DB']}")
    if demo:
        count = exchange.load_demo(db, region_dir(), load_districts(region_dir()))
        click.echo(f"Loaded {count} demo offers." if count else "Offers exist; demo not loaded.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int,
              help="Request threads (chosen by scripts/bench/servers; see README).")  # fmt: skip
def serve(host: str, port: int, threads: int) -> None:
    """Serve the app with waitress, a production WSGI server. Several such processes may
    serve one database: rate limits, uploads and import jobs are kept in it."""
    import logging

    from waitress.server import create_server

    ready_db()
    current_app.config["DB_POOL_SIZE"] = threads  # a pooled connection for every thread
    logging.basicConfig()  # waitress's warnings reach the log, as waitress.serve does
    server = create_server(current_app._get_current_object(), host=host, port=port,
                           threads=threads)  # fmt: skip
    _freeze_start_up_objects()
    click.echo(f"Serving refugee_map on http://{host}:{port}")  # listening from here on
    server.run()


def _freeze_start_up_objects() -> None:
    """Take what start-up made (modules, the app, its catalogues: some 100,000 objects that
    live as long as the process) out of the garbage collector's scans. A full collection
    holds every request thread (the GIL); over those objects it took about 60 ms of CPU,
    over what requests leave behind about 4 ms (README, "The API")."""
    gc.collect()
    gc.freeze()


@main.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup(target: Path) -> None:
    """Write a consistent copy of the live database to TARGET (safe while serving)."""
    if dialect.is_url(current_app.config["DB"]):
        raise click.ClickException(
            "The database is PostgreSQL: back it up with its own tool, e.g. "
            "pg_dump --format=custom --file=FILE DATABASE_URL (README: Running for many cities)."
        )
    if target.exists() or target.is_symlink():  # a link, even to nothing, leads elsewhere
        raise click.ClickException(f"{target} exists; choose a new file name.")
    source = configured_db()
    destination = store.connect(target)
    try:
        with store.storage_errors(), destination.conn:
            source.conn.backup(destination.conn)
    except BaseException:
        destination.close()
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    click.echo(f"Backed up {current_app.config['DB']} to {target}")


@main.command("copy-db")
@click.argument("sqlite_file", type=click.Path(path_type=Path))
@click.argument("postgresql_url")
def copy_db(sqlite_file: Path, postgresql_url: str) -> None:
    """Copy the SQLite database SQLITE_FILE (offers, history, accounts, translations,
    everything) into the empty PostgreSQL database POSTGRESQL_URL, all or nothing, and
    print the rows of each table, counted in both."""
    require_postgresql_driver(postgresql_url)
    from refugee_map.store import copying  # loads psycopg: only for this command

    try:
        copying.copy_database(sqlite_file, postgresql_url, _print_copied)
    except copying.CopyError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Copied {sqlite_file} into PostgreSQL; every count matches.")


def _print_copied(table: str, rows: int) -> None:
    click.echo(f"{table:<28} {rows:>10,} rows")


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@common.REGION_OPTION
def import_(file: Path, dry_run: bool, region_slug: str | None) -> None:
    """Import offers from a CSV, GeoJSON or GeoPackage FILE into a region: all rows or
    none. Rows that would undo newer work (conflicts) are listed and skipped."""
    db = ready_db()
    region = common.chosen_region(db, region_slug)
    try:
        rows = readers.read_rows(file)
    except readers.ImportFileError as error:
        raise click.ClickException(f"{error} {_('Nichts wurde importiert.')}") from None
    plan = importer.plan_region_import(db, rows, source=file.name, region=region)
    _echo_lines(import_report.errors(plan), err=True)
    _echo_lines(import_report.duplicates(plan))
    if plan.errors:
        raise click.ClickException(import_report.refusal(plan))
    _echo_lines(import_report.changes(plan) if dry_run else [])
    _echo_lines(import_report.conflicts(plan, done=not dry_run))
    click.echo(plan.summary(done=not dry_run))
    if dry_run:
        click.echo(_("Probelauf: nichts wurde geschrieben."))
        return
    to_geocode = importer.apply_plan(db, plan, by="import", progress=_written, region=region.id)
    click.echo(_("%(name)s importiert.", name=file.name))
    if to_geocode:
        _geocode(db, region.over(current_app.config), to_geocode, file.name)


def _echo_lines(lines: list[str], *, err: bool = False) -> None:
    for line in lines:
        click.echo(line, err=err)


def _written(number: int, total: int) -> None:
    if number % 500 == 0 or number == total:
        click.echo(_("geschrieben: %(done)d/%(total)d", done=number, total=total))


def _geocode(db, config, offer_ids: list[int], source: str) -> None:
    """Place the imported offers without coordinates (``config``: the region's settings)."""
    click.echo(ngettext("Adresse von %(num)d Angebot ohne Koordinaten wird gesucht …",
                        "Adressen von %(num)d Angeboten ohne Koordinaten werden gesucht …",
                        len(offer_ids)))  # fmt: skip

    def progress(number: int, total: int, offer: dict, outcome: str) -> None:
        shown = _("auf der Karte") if outcome == import_geocoding.PLACED else outcome
        click.echo(f"  {number}/{total} #{offer['id']} „{offer['title']}“: {shown}")

    unplaced = import_geocoding.geocode_missing(
        db,
        offer_ids,
        make_geocoder(config, db),
        load_districts(config["REGION_DIR"]),
        source=source,
        progress=progress,
    )
    if unplaced:
        click.echo(ngettext(
            "%(num)d Angebot ist nicht auf der Karte; bitte seinen Ort von Hand setzen.",
            "%(num)d Angebote sind nicht auf der Karte; bitte ihren Ort von Hand setzen.",
            len(unplaced)))  # fmt: skip


@main.command()
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv", "hsds"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")  # fmt: skip
@click.option("--all", "everything", is_flag=True, help="Include drafts and archived offers.")
@common.REGION_OPTION
def export(fmt: str, output: Path | None, everything: bool, region_slug: str | None) -> None:
    """Export a region's published offers as GeoJSON, CSV (the import columns) or HSDS 3.0
    JSON (every region's: the site's /network/export.geojson and .csv)."""
    db = ready_db()
    region = common.chosen_region(db, region_slug)
    statuses = () if everything else ("published",)
    query = offer_store.OfferQuery(statuses=statuses, region=region.id)
    base_url = web_regions.public_address(current_app.config["PUBLIC_URL"])
    text = exchange.export_text(db, fmt, query, base_url=base_url)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_whole(output, text)
        click.echo(f"Wrote {output}", err=True)


main.add_command(accounts.create_user)
main.add_command(printed.export_map)
main.add_command(printed.handout)
main.add_command(regions.region)

"""The ``refugee-map`` command: set up, serve and look after the database."""

from pathlib import Path

import click
from flask import Flask

from . import create_app, exchange, store
from .districts import load_districts


def _app() -> Flask:
    return create_app()


@click.group()
def main() -> None:
    """Run and look after a refugee_map installation."""


@main.command()
@click.option("--demo", is_flag=True, help="Load the region's demo offers into an empty database.")
def init(demo: bool) -> None:
    """Create the database, or migrate it to the current schema keeping all data."""
    app = _app()
    db = store.connect(app.config["DB"])
    store.init(db)
    click.echo(f"Database ready: {app.config['DB']}")
    if demo:
        region_dir = Path(app.config["REGION_DIR"])
        with app.app_context():
            count = exchange.load_demo(db, region_dir, load_districts(region_dir))
        click.echo(f"Loaded {count} demo offers." if count else "Offers exist; demo not loaded.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve(host: str, port: int, threads: int) -> None:
    """Serve the app with waitress, a production WSGI server."""
    from waitress import serve as waitress_serve

    app = _app()
    store.init(store.connect(app.config["DB"]))
    click.echo(f"Serving refugee_map on http://{host}:{port}")
    waitress_serve(app, host=host, port=port, threads=threads)


@main.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup(target: Path) -> None:
    """Write a consistent copy of the live database to TARGET (safe while serving)."""
    app = _app()
    if target.exists():
        raise click.ClickException(f"{target} exists; choose a new file name.")
    source = store.connect(app.config["DB"])
    destination = store.connect(target)
    with destination.conn:
        source.conn.backup(destination.conn)
    click.echo(f"Backed up {app.config['DB']} to {target}")

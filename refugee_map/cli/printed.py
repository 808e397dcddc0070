"""The ``refugee-map`` commands that write a page to hand on: ``export-map`` (one
self-contained HTML map for a USB stick) and ``handout`` (a district's printable A4 sheet).

Both take a region (``--region``), the same district and category filters and a site
address for their links, render the page in the language asked for, and write the file
whole.
"""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from markupsafe import Markup

from refugee_map.cli.common import REGION_OPTION, chosen_region, ready_db, write_whole
from refugee_map.domain.categories import SLUGS
from refugee_map.domain.regions import Region
from refugee_map.geo.districts import Districts, load_districts
from refugee_map.web import regions
from refugee_map.web.i18n import LANGUAGES

CATEGORY_OPTION = click.option(
    "--category", type=click.Choice(SLUGS), help="Only offers of this category."
)
REGION_TILES = "region"  # ``--tiles`` given alone
OUTPUT_OPTION = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True
)


def lang_option(text: str):
    """``--lang``: the page's language, German by default; ``text`` says what it sets."""
    return click.option("--lang", default="de", show_default=True,
                        type=click.Choice(list(LANGUAGES)), help=text)  # fmt: skip


def _districts_knowing(region: Region, district: str | None) -> Districts:
    """The region's districts, if ``district`` (when given) is one of them."""
    districts = load_districts(region.region_dir)
    if district and district not in districts.names:
        names = ", ".join(districts.names)
        raise click.BadParameter(f"choose one of {names}", param_hint="--district")
    return districts


def _site_address(base_url: str | None) -> tuple[str | None, bool]:
    """The site's address for the page's links (``--base-url``, else the region's pages
    under ``PUBLIC_URL``, else none) and whether it is a web address (http or https)."""
    base = base_url or regions.public_address(current_app.config["PUBLIC_URL"]) or None
    return base, bool(base and base.startswith(("http://", "https://")))


@click.command("export-map")
@with_appcontext  # what the group's own ``main.command`` adds to its commands
@OUTPUT_OPTION
@click.option("--district", help="Only the offers in this district (Stadtbezirk).")
@CATEGORY_OPTION
@lang_option("Language of titles, popups and labels.")
@click.option("--base-url", help="Site address for each popup's link (default: PUBLIC_URL).")
@click.option("--tiles", is_flag=False, flag_value=REGION_TILES, metavar="[URL]",
              help="Tile URL template (alone: the region's tiles); without it the file "
              "needs no server at all.")  # fmt: skip
@click.option("--attribution", help="Attribution shown for --tiles (plain text; default: the "
              "region's for its tiles).")  # fmt: skip
@REGION_OPTION
def export_map(output: Path, district: str | None, category: str | None, lang: str,
               base_url: str | None, tiles: str | None, attribution: str | None,
               region_slug: str | None) -> None:  # fmt: skip
    """Write one self-contained HTML map of a region's published offers (for a USB stick)."""
    from refugee_map.web import map_export

    db = ready_db()
    region = chosen_region(db, region_slug)
    districts = _districts_knowing(region, district)
    base, on_the_web = _site_address(base_url)
    if base and not on_the_web:
        raise click.BadParameter("give the site's address as https://...", param_hint="--base-url")
    tiles, attribution = _tiles(region, tiles, attribution)
    with force_locale(lang):
        page = map_export.render(db, districts, district=district, category=category,
                                 base_url=base, tiles=tiles, attribution=attribution)  # fmt: skip
    write_whole(output, page)
    click.echo("\n".join([f"Wrote {output}.", *map_export.notes(base_url=base, tiles=tiles)]))


def _tiles(region: Region, tiles: str | None, attribution: str | None) -> tuple[str | None, str]:
    """The tile URL and attribution of ``--tiles`` and ``--attribution``: ``--tiles`` alone
    is the region's tiles, with the region's attribution as text (the file shows it as
    text; the region's may hold links) unless one is given."""
    if tiles == REGION_TILES and attribution is None:
        # striptags: the attribution is only read as text (checked HTML: region_folder)
        return region.tile_url, Markup(region.tile_attribution).striptags()  # noqa: S704
    return region.tile_url if tiles == REGION_TILES else tiles, attribution or ""


@click.command("handout")
@with_appcontext
@click.option("--district", required=True, help="The district (Stadtbezirk) of the sheet.")
@CATEGORY_OPTION
@lang_option("Language of the sheet.")
@click.option("--base-url", help="Site address for the QR codes (default: PUBLIC_URL).")
@OUTPUT_OPTION
@REGION_OPTION
def handout(district: str, category: str | None, lang: str, base_url: str | None,
            output: Path, region_slug: str | None) -> None:  # fmt: skip
    """Write the printable A4 handout of a region's district as one self-contained HTML
    file."""
    from refugee_map.web import handout as handout_page

    db = ready_db()
    region = chosen_region(db, region_slug)
    districts = _districts_knowing(region, district)
    base, on_the_web = _site_address(base_url)
    if not on_the_web:
        raise click.UsageError("The QR codes need the site's address: set "
                               "REFUGEE_MAP_PUBLIC_URL or pass --base-url https://...")  # fmt: skip
    with force_locale(lang):
        page = handout_page.render(db, districts, district, category, base_url=base)
    write_whole(output, page)
    click.echo(f"Wrote {output}.")

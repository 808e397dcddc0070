"""Printable handouts: a district's offers on A4, grouped by category, with QR codes.

Refugees in shelters often see a printed sheet before a website. ``GET /handout`` and
``refugee-map handout`` render the same self-contained HTML (inline CSS, QR codes and the
overview map as inline SVG, no script, no other request), for printing from a browser.
Each QR code holds the absolute link to the offer's page in the handout's language:
``PUBLIC_URL`` when set, else the site the request came to. That guess may be an address
no phone reaches (localhost, an office network), so without ``PUBLIC_URL`` the page warns
the staff on screen and leaves the QR codes off the printed sheet. The page needs no
request: the command line renders it in an app context with the language forced.
"""

from itertools import groupby

import segno
from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import format_date
from markupsafe import Markup
from sqlite_utils import Database

from refugee_map.domain.categories import BY_SLUG, CATEGORIES, SLUGS
from refugee_map.geo.districts import Districts
from refugee_map.geo.overview_map import MapPoint, overview_svg
from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web import directions, display, editing, i18n, regions

bp = Blueprint("handout", __name__)


@bp.get("/handout")
def page():
    """``?district=NAME[&category=SLUG][&lang=L]``: the printable page, or 400."""
    district, category = request.args.get("district", ""), request.args.get("category") or None
    if district not in web.districts().names or (category and category not in SLUGS):
        abort(400)
    public_url = regions.public_address(current_app.config["PUBLIC_URL"])
    return render(
        web.get_read_db(), web.districts(), district, category,
        base_url=public_url or request.url_root, base_url_guessed=not public_url,
    )  # fmt: skip


def render(
    db: Database,
    districts: Districts,
    district: str,
    category: str | None,
    *,
    base_url: str,
    base_url_guessed: bool = False,
) -> str:
    """The handout's HTML in the current language; QR codes link under ``base_url``
    (``base_url_guessed``: not the configured public address, so they are not printed)."""
    lang = i18n.current_language()
    categories = (category,) if category else ()
    query = offer_store.OfferQuery(
        district=district, categories=categories, region=web.offer_region()
    )
    found = offer_store.find_offers(db, query, lang=lang)
    order = {slug: number for number, slug in enumerate(SLUGS)}
    found.sort(key=lambda offer: order[offer["category"]])  # stable: by title within
    numbered = list(enumerate(found, 1))
    groups = [
        (BY_SLUG[slug], list(items))
        for slug, items in groupby(numbered, key=lambda item: item[1]["category"])
    ]
    points = [
        MapPoint(number, offer["lat"], offer["lng"], BY_SLUG[offer["category"]].colour)
        for number, offer in numbered
        if offer["lat"] is not None
    ]
    title = str(BY_SLUG[category].label) if category else None
    overview = overview_svg(districts.geojson(), district, points, label=district)
    return render_template(
        "handout.html",
        district=district,
        category_title=title,
        groups=groups,
        count=len(found),
        today=format_date(editing.today()),
        overview=overview,
        offer_url=lambda offer_id: display.offer_url(base_url, offer_id, lang),
        qr_code=qr_svg,
        legend=[c for c in CATEGORIES if any(g[0] is c for g in groups)],
        address=directions.address_text,
        base_url=base_url,
        ltr=left_to_right,
        base_url_guessed=base_url_guessed,
        hours_lines=display.hours_lines,
        languages_text=display.languages_text,
    )


def left_to_right(text: str) -> Markup:
    """``text`` (an address) kept left to right inside a right-to-left sentence."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(text)


def qr_svg(url: str) -> Markup:
    """``url`` as a QR code in inline SVG (error correction M survives a creased sheet)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr")
    return Markup(svg)  # noqa: S704 - segno's own SVG; the URL is not in it as text

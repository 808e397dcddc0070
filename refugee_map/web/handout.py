"""Printable handouts: a district's offers on A4, grouped by category, with QR codes.

Refugees in shelters often see a printed sheet before a website. ``GET /handout`` and
``refugee-map handout`` render the same self-contained HTML (inline CSS, QR codes and the
overview map as inline SVG, no script, no other request), for printing from a browser.
Each QR code holds the absolute link to the offer's page in the handout's language:
``PUBLIC_URL`` when set, else the host the request came to.
"""

from itertools import groupby

import segno
from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import format_date
from markupsafe import Markup
from sqlite_utils import Database

from refugee_map.domain.categories import BY_SLUG, CATEGORIES, SLUGS
from refugee_map.geo.districts import Districts
from refugee_map.geo.overview_map import MapPoint, overview_svg
from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web import editing, i18n, public

bp = Blueprint("handout", __name__)


@bp.get("/handout")
def page():
    """``?district=NAME[&category=SLUG][&lang=L]``: the printable page, or 400."""
    district, category = request.args.get("district", ""), request.args.get("category") or None
    if district not in web.districts().names or (category and category not in SLUGS):
        abort(400)
    return render(web.get_db(), web.districts(), district, category)


def render(db: Database, districts: Districts, district: str, category: str | None) -> str:
    """The handout's HTML; needs a request context whose ``?lang=`` chose the language."""
    lang = i18n.current_language()
    query = offer_store.OfferQuery(district=district, categories=(category,) if category else ())
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
        offer_url=lambda offer_id: offer_url(offer_id, lang),
        qr_code=qr_svg,
        legend=[c for c in CATEGORIES if any(g[0] is c for g in groups)],
        **public.page_context(),
    )


def offer_url(offer_id: int, lang: str) -> str:
    """The absolute link to an offer's page, in ``lang`` unless German (the default)."""
    path = url_for("public.offer", offer_id=offer_id, **({"lang": lang} if lang != "de" else {}))
    base = current_app.config.get("PUBLIC_URL", "").rstrip("/") or request.host_url.rstrip("/")
    return base + path


def qr_svg(url: str) -> Markup:
    """``url`` as a QR code in inline SVG (error correction M survives a creased sheet)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr")
    return Markup(svg)  # noqa: S704 - segno's own SVG; the URL is not in it as text

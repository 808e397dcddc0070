"""The standalone map (``refugee-map export-map``) in one language: which offers, and every
word it shows, as the public pages say it.

Titles and descriptions come from the offers' translations where present, day names from
the opening-hours display code, language names in the map's language, lists in its own
form. ``exchange/standalone_map.py`` lays these words out and knows no language.
"""

from flask_babel import format_date
from flask_babel import gettext as _
from sqlite_utils import Database

from refugee_map.domain.categories import BY_SLUG
from refugee_map.exchange import standalone_map
from refugee_map.geo.districts import Districts
from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web import directions, display, editing, i18n


def render(
    db: Database,
    districts: Districts,
    *,
    district: str | None,
    category: str | None,
    base_url: str | None,
    tiles: str | None = None,
    attribution: str = "",
) -> str:
    """The map's HTML in the current language; popups link under ``base_url`` if given."""
    lang = i18n.current_language()
    categories = (category,) if category else ()
    query = offer_store.OfferQuery(
        district=district, categories=categories, region=web.offer_region()
    )
    found = offer_store.find_offers(db, query, lang=lang)
    placed = [popup_fields(o, base_url, lang) for o in found if o["lat"] is not None]
    return standalone_map.render(
        placed,
        heading=heading(districts, district, category, lang),
        outlines=standalone_map.outlines(districts.geojson(), district),
        tiles=tiles,
        attribution=attribution,
    )


def notes(*, base_url: str | None, tiles: str | None) -> list[str]:
    """What the command line says about the file's links and tiles (for the staff, English
    like every command's output)."""
    return [
        f"Links to the offer pages: {base_url}"
        if base_url
        else "No links to the offer pages: set REFUGEE_MAP_PUBLIC_URL or pass --base-url https://...",
        f"Tiles: {tiles} (needs the network; the outlines show without it)"
        if tiles
        else "Tiles: none (district and city outlines only; works offline)",
    ]


def heading(districts: Districts, district: str | None, category: str | None, lang: str):
    """The title box: the region, the filters chosen, the date."""
    filters = [
        _("Stadtbezirk %(name)s", name=district) if district else "",
        str(BY_SLUG[category].label) if category else "",
        _("Stand: %(date)s", date=format_date(editing.today())),
    ]
    note = _("Die Grenzen der Stadtbezirke sind schematisch, nicht amtlich.")
    return standalone_map.Heading(
        lang=lang,
        direction=i18n.text_direction(lang),
        title=web.region().offers_title,
        subtitle=" · ".join(part for part in filters if part),
        note=note if districts.schematic else "",
        labels={"details": _("Details")},
    )


def popup_fields(offer: dict, base_url: str | None, lang: str) -> dict:
    """What a marker and its popup show of an offer, as plain text in the map's language."""
    languages = display.languages_text(offer["languages"])
    return {
        "lat": offer["lat"],
        "lng": offer["lng"],
        "category": offer["category"],
        "text_lang": offer["text_lang"],
        "title": offer["title"],
        "description": offer["description"],
        "organization": offer["organization"],
        "address": directions.address_text(offer) if offer["street"] else "",
        "hours": hours_text(offer),
        "hours_note": offer["hours_note"],
        "languages": f"{_('Gesprochene Sprachen')}: {languages}" if languages else "",
        "phone": offer["phone"],
        "email": offer["email"],
        "website": offer["website"],
        "url": display.offer_url(base_url, offer["id"], lang) if base_url else "",
    }


def hours_text(offer: dict) -> list[str]:
    """Opening hours as lines ("Mo und Mi 10:00–12:00"), then "by appointment" if so."""
    lines = [f"{days} {times}" for days, times in display.hours_lines(offer["opening_hours"])]
    return lines + ([_("Termin nach Vereinbarung")] if offer["by_appointment"] else [])

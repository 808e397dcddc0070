"""The public pages: the map, the same offers as a list, and one offer's permalink page.

Views stay thin: :func:`filters.parse` reads the URL, the store answers, templates show.
Every view of the map is a link, so ``/`` and ``/list`` read the same query parameters.
"""

from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import format_date, format_decimal
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from refugee_map.domain import offers as offer_rules
from refugee_map.domain.categories import BY_SLUG, CATEGORIES
from refugee_map.domain.value_types import is_language_code
from refugee_map.store import offer_lists
from refugee_map.store import offers as offer_store
from refugee_map.web import api_errors, directions, display, editing, filters, i18n
from refugee_map.web import context as web
from refugee_map.web.early_answers import LIST_FIRST_PAGE, LIST_PAGE_SIZE, early_answers

bp = Blueprint("public", __name__)

# What map.js says, translated here so the script needs no catalogue of its own.
JS_STRINGS = {
    "found_none": _l("Keine Angebote gefunden."),
    "found_one": _l("1 Angebot gefunden."),
    "found_other": _l("{n} Angebote gefunden."),
    "loading": _l("Angebote werden geladen …"),
    "loading_details": _l("Angaben werden geladen …"),
    "cluster": _l("{n} Angebote"),
    "load_failed": _l("Die Angebote konnten nicht geladen werden. Bitte später noch einmal."),
    "details": _l("Details"),
    "show_on_map": _l("Auf der Karte zeigen"),
    "by_appointment": _l("Termin nach Vereinbarung"),
    "distance": _l("{km} km entfernt"),
    "near_place": _l("Sortiert nach Entfernung zu: {place}"),
    "near_centre": _l("Sortiert nach Entfernung zur Mitte von: {place}"),
    "you_are_here": _l("Ihr Standort"),
    "locating": _l("Standort wird bestimmt …"),
    "located": _l("Die Liste ist nach Entfernung zu Ihrem Standort sortiert."),
    "geo_denied": _l(
        "Ihr Standort ist nicht freigegeben. Erlauben Sie den Standortzugriff "
        "oder wählen Sie einen Stadtbezirk."
    ),
    "geo_unavailable": _l(
        "Ihr Standort konnte nicht bestimmt werden. Wählen Sie einen Stadtbezirk."
    ),
    "not_translated": _l("Noch nicht übersetzt – hier der deutsche Text."),
    "last_checked": _l("Zuletzt geprüft: {when}"),
    "stale": _l(
        "Diese Angaben wurden länger nicht geprüft. Bitte fragen Sie vor einem Besuch nach."
    ),
    "cluster_named": _l("{n} Angebote: {parts}"),
    "cluster_part": _l("{n} {category}"),
    "directions": _l("Route"),
    "call": _l("Anrufen"),
    "share": _l("Teilen"),
    "link_copied": _l("Link kopiert"),
    "show_in_list": _l("In der Liste zeigen"),
    "zoom_in": _l("Vergrößern"),
    "zoom_out": _l("Verkleinern"),
    "close_popup": _l("Angaben schließen"),
    "saved_offers": _l("Offline – gespeichert am {when}"),
}
# Query parameters the forms do not show but must not lose.
KEPT_PARAMETERS = ("lang", "bbox")
# Offers per page of the list: light on a phone at any size of the database.
PAGE_SIZE = 50
# Page links either side of the current page; the first and the last are always linked.
PAGE_LINKS_AROUND = 2


@bp.get("/")
def map_page():
    _query, error = _read_filters()
    lang = i18n.current_language()
    return _page("map.html", error, map_config=_map_config(), early=early_answers(lang))


@bp.get("/list")
def list_page():
    """One page of the offers; a page past the end shows the last one (a bookmarked link
    still shows offers after some were removed)."""
    query, error = _read_filters()
    try:
        number = filters.page_number(request.args)
    except filters.FilterError as bad_page:
        error = error or bad_page
    point, place, near_error = _read_near()
    found = None if error else _list_page(query, number, point)
    paging = {"page_size": PAGE_SIZE, "page_link": _page_link, "page_numbers": page_numbers}
    near = {"near_place": place, "near_error": near_error, "distance_text": distance_text}
    return _page("list.html", error, found=found, **paging, **near)


def _read_near():
    """``?near=``: (point, place, error); a place not found leaves the list unsorted and
    says so."""
    try:
        return *filters.near(request.args), None
    except filters.FilterError as error:
        return None, None, error


def _list_page(
    query: offer_store.OfferQuery, number: int, near: tuple[float, float] | None
) -> offer_lists.OfferPage:
    if near is not None:
        return _nearest_page(query, number, near)
    return offer_lists.offer_page(
        web.get_read_db(),
        query,
        sort=offer_lists.BEST_MATCH,
        page=number,
        page_size=PAGE_SIZE,
        lang=_content_lang(),
    )


def _nearest_page(
    query: offer_store.OfferQuery, number: int, near: tuple[float, float]
) -> offer_lists.OfferPage:
    """Page ``number`` of the list nearest ``near`` first (past the end: the last page)."""
    wanted = offer_lists.OfferSlice(PAGE_SIZE, (number - 1) * PAGE_SIZE, near)
    found, total = offer_lists.offer_slice(web.get_read_db(), query, wanted, _content_lang())
    pages = max(1, -(-total // PAGE_SIZE))
    if number > pages:
        return _nearest_page(query, pages, near)
    return offer_lists.OfferPage(found, total, number, pages)


def distance_text(metres: int) -> str:
    """ "1,2 km entfernt" in the page's language."""
    km = format_decimal(metres / 1000, format="#,##0.#")
    return str(JS_STRINGS["distance"]).replace("{km}", km)


def _page_link(number: int) -> str:
    """This list, every filter kept, at page ``number``."""
    return _with_args(request.script_root + request.path, page=str(number))


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The page numbers to link: the first, the last and those near ``page``; ``None``
    where numbers are left out."""
    near = range(max(1, page - PAGE_LINKS_AROUND), min(pages, page + PAGE_LINKS_AROUND) + 1)
    shown = sorted({1, pages, *near})
    numbers: list[int | None] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


@bp.get("/offers/<int:offer_id>")
def offer(offer_id: int):
    found = web.in_region(
        offer_store.get_offer(web.get_read_db(), offer_id, public=True, lang=_content_lang())
    )
    if found is None:
        abort(404)
    return render_template(
        "offer.html", offer=found, stale=editing.is_stale(found), **page_context()
    )


@bp.app_errorhandler(404)
def not_found(error: HTTPException):
    return _error_page("404.html", error)


@bp.app_errorhandler(400)
@bp.app_errorhandler(413)
def bad_request(error: HTTPException):
    return _error_page("400.html", error)


@bp.app_errorhandler(500)
@bp.app_errorhandler(503)
def server_error(error: HTTPException):
    return _error_page("500.html", error)


def _error_page(template: str, error: HTTPException):
    if api_errors.is_api_request():  # the API answers JSON, even for paths it lacks
        return api_errors.answer(error)
    return render_template(template), error.code


@bp.app_context_processor
def page_helpers() -> dict:
    helpers = (link, same_filters, switch_language)
    regions = {"region": web.districts, "this_region": web.region}
    return {"is_demo": web.is_demo} | regions | {f.__name__: f for f in helpers}


def link(endpoint: str, **values) -> str:
    """``url_for`` that keeps the language a visitor chose with ``?lang=``."""
    if request.args.get("lang") in i18n.LANGUAGES:
        values.setdefault("lang", request.args["lang"])
    return url_for(endpoint, **values)


def same_filters(endpoint: str) -> str:
    """Another view (map, list, download) of the same offers: every query parameter kept but
    the list's page (each view starts at its beginning; a download holds every offer)."""
    return _with_args(url_for(endpoint), without=("page",))


def switch_language(code: str) -> str:
    """This page, every query parameter kept, in another language."""
    return _with_args(request.script_root + request.path, lang=code)


def _with_args(path: str, without: tuple[str, ...] = (), **changes: str) -> str:
    kept = {k: v for k, v in request.args.to_dict(flat=False).items() if k not in without}
    args = kept | {name: [value] for name, value in changes.items()}
    return f"{path}?{urlencode(args, doseq=True)}" if args else path


def _read_filters() -> tuple[offer_store.OfferQuery | None, filters.FilterError | None]:
    timezone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    try:
        query = filters.parse(request.args, web.districts().names, timezone, _content_lang())
        return query, None
    except filters.FilterError as error:
        return None, error


def _page(template: str, error: filters.FilterError | None, **values):
    spoken = offer_lists.spoken_languages(web.get_read_db(), web.offer_region())
    html = render_template(template, error=error, spoken=spoken, **page_context(), **values)
    return html, 400 if error else 200


def page_context() -> dict:
    return {
        "categories": CATEGORIES,
        "category": BY_SLUG,
        "hours_rows": display.hours_rows,
        "way_there": directions.way_there,
        "opening_state": display.opening_state,
        "target_groups": offer_rules.TARGET_GROUPS,
        "kept": [(name, request.args[name]) for name in KEPT_PARAMETERS if request.args.get(name)],
        "language_name": i18n.language_name,
        "month_year": _month_year,
        "tiles": web.map_settings()["tiles"],
    }


def _map_config() -> dict:
    """Everything map.js needs, handed over as JSON in a data attribute."""
    return web.map_settings() | {
        "offersUrl": url_for("api.offers"),
        "listPageSizes": [LIST_FIRST_PAGE, LIST_PAGE_SIZE],  # the first page, the others
        "mapUrl": url_for("api.map_view"),
        "timezone": current_app.config["BABEL_DEFAULT_TIMEZONE"],  # "open now", offline
        "searchTopicsUrl": url_for("api.search_topics_data"),
        "categories": [
            {
                "slug": category.slug,
                "label": str(category.label),
                "colour": category.colour,
                "icon": url_for("static", filename=f"icons/{category.icon}.svg"),
            }
            for category in CATEGORIES
        ],
        "strings": {key: str(text) for key, text in JS_STRINGS.items()},
    }


def _content_lang() -> str:
    """The language of offer texts: ``?lang=`` (any code with translations), else the UI's."""
    wanted = request.args.get("lang", "")
    return wanted if is_language_code(wanted) else i18n.current_language()


def _month_year(iso_date: str) -> str:
    return format_date(date.fromisoformat(iso_date), "MMMM yyyy")

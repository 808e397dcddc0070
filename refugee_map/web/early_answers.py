"""The answers the map page asks for first whatever the size of the screen, named in its
head (``<link rel="preload" as="fetch">``): they load beside Leaflet and the page's script,
not a round trip after the script has run. The map's view is not among them: its box
follows from the map's size, known only in the browser.

A preload is used only when the script asks for exactly the same URL; with filters the
order and encoding of the query are the browser's, so the list's first page is named only
for the page without them.
"""

from urllib.parse import urlencode

from flask import request, url_for

from refugee_map.web import context as web

# Cards on the first page of the map page's list: more than a screen shows (a phone's sheet
# two or three, a wide panel four or five), and each card costs the phone's CPU before the
# page is ready; the pages loaded on scrolling are larger. static/js/map/result-list.js
# gets both from the page's settings; the list without JavaScript has its own
# (public.PAGE_SIZE).
LIST_FIRST_PAGE = 10
LIST_PAGE_SIZE = 30


def first_list_page(lang: str) -> str | None:
    """The list's first page as result-list.js asks for it on a page in ``lang`` without
    filters; None with filters."""
    if set(request.args) - {"lang"} or request.args.get("lang", lang) != lang:
        return None
    query = urlencode({"lang": lang, "limit": LIST_FIRST_PAGE, "offset": 0})
    return f"{url_for('api.offers')}?{query}"


def early_answers(lang: str) -> list[str]:
    """The district outlines (tiles.js) and, without filters, the list's first page."""
    outlines = web.map_settings()["tiles"]["outlines"]
    return [url for url in (outlines, first_list_page(lang)) if url]

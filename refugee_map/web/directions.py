"""How a visitor gets to an offer, decided once for the offer's page, the map's cards and
popups and the API (the ``directions`` object of each offer), so that they never disagree:

- an exact point: a route to the point;
- no exact point (only a postcode's centre, say, or no point yet) but a street: a route to
  the address text, with a note that the place is only approximate;
- neither: no route at all (it would lead to a postcode's centre, i.e. nowhere), a note to
  ask for the address; the phone is the way there.

A route comes as three plain links, so nothing reaches a third party before a tap:
OpenStreetMap's route planner (any browser, no app), a ``geo:`` URI (Android hands it to a
map app) and an Apple Maps link (``maps.apple.com`` opens Maps on an iPhone, where ``geo:``
does nothing). Offer text goes into them percent-encoded, never pasted.
"""

import re
import unicodedata
from urllib.parse import quote, urlencode

from flask_babel import lazy_gettext as _l

POINT, ADDRESS, NONE = "point", "address", "none"
OSM_DIRECTIONS = "https://www.openstreetmap.org/directions?"
APPLE_MAPS = "https://maps.apple.com/?"
_ADDRESS_FIELDS = ("street", "postcode", "city")
_NOTE_IN_BRACKETS = re.compile(r" ?\([^()]*\)")
NOTES = {
    POINT: "",
    ADDRESS: _l("Die Lage ist nur ungefähr bekannt. Die Route führt zur Adresse."),
    NONE: _l("Keine genaue Adresse bekannt. Bitte fragen Sie vor dem Besuch nach der Adresse."),
}
# The ``directions`` object, for the OpenAPI document.
SCHEMA = {
    "type": "object",
    "description": "how to get there: a route to the exact point, a route to the address "
    "text when the point is only approximate, or no route (ask for the address)",
    "required": ["kind", "osm_url", "geo_url", "apple_url", "note"],
    "properties": {
        "kind": {"type": "string", "enum": [POINT, ADDRESS, NONE]},
        "osm_url": {"type": "string", "nullable": True, "description": "OpenStreetMap route"},
        "geo_url": {"type": "string", "nullable": True, "description": "geo: URI (Android)"},
        "apple_url": {"type": "string", "nullable": True, "description": "Apple Maps (iPhone)"},
        "note": {"type": "string", "description": "what to know first; empty for a point"},
    },
}


def way_there(offer: dict) -> dict:
    """The offer's ``directions`` object (see the module docstring and :data:`SCHEMA`)."""
    if has_exact_point(offer):
        point = f"{float(offer['lat'])},{float(offer['lng'])}"
        return _route(POINT, point, geo_url=f"geo:{point}?q={point}")
    if has_street(offer):
        text = route_address(offer)
        return _route(ADDRESS, text, geo_url=f"geo:0,0?q={_encoded(text)}")
    return {"kind": NONE, "osm_url": None, "geo_url": None, "apple_url": None, "note": _note(NONE)}


def has_exact_point(offer: dict) -> bool:
    return (
        offer["lat"] is not None
        and offer["lng"] is not None
        and not offer.get("location_approximate")
    )


def has_street(offer: dict) -> bool:
    """A street with a letter or a digit in it: something a route planner can look for."""
    return any(c.isalnum() for c in offer.get("street") or "")


def address_text(offer: dict) -> str:
    """The address on one line as people read it ("street (note), postcode city")."""
    street, postcode, city = (_one_line(offer.get(key) or "") for key in _ADDRESS_FIELDS)
    place = " ".join(part for part in (postcode, city) if part)
    return ", ".join(part for part in (street, place) if part)


def route_address(offer: dict) -> str:
    """The address on one line as a route planner looks for it: without notes in brackets."""
    return address_text(offer | {"street": _without_notes(_one_line(offer.get("street") or ""))})


def _without_notes(street: str) -> str:
    """The street without notes in brackets ("Münsterstraße 54 (1. Etage)", "Oberbank 11
    (Familienbüro)"), which route planners do not find; the page still shows them. A street
    that is nothing but a note stays as it is."""
    kept = _NOTE_IN_BRACKETS.sub("", street).strip()
    return kept if any(c.isalnum() for c in kept) else street


def _route(kind: str, destination: str, *, geo_url: str) -> dict:
    return {
        "kind": kind,
        "osm_url": OSM_DIRECTIONS + urlencode({"to": destination}, quote_via=_encoded),
        "geo_url": geo_url,
        "apple_url": APPLE_MAPS + urlencode({"daddr": destination}, quote_via=_encoded),
        "note": _note(kind),
    }


def _encoded(text: str, *_args) -> str:
    """Every character but ASCII letters, digits, "-._~" and "," percent-encoded (UTF-8): a
    value that cannot end its parameter, start another or leave the URL."""
    return quote(text, safe=",")


def _one_line(text: str) -> str:
    """Runs of white space (new lines too) as one space, control characters left out."""
    kept = "".join(c for c in text if unicodedata.category(c) != "Cc" or c.isspace())
    return " ".join(kept.split())


def _note(kind: str) -> str:
    return str(NOTES[kind])

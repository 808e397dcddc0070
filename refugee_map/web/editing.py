"""Form input to offers, for every web form that edits one: the back office, the review
queue and the public suggestion form share these rules and messages.
"""

from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l

from refugee_map.domain import freshness
from refugee_map.domain import offers as offer_rules
from refugee_map.geo.geocode import (
    GeocoderBusy,
    GeocoderError,
    OfflineGeocoder,
    load_postcodes,
    make_geocoder,
)
from refugee_map.web import context as web
from refugee_map.web import display, forms

# Messages of the location picker, shown by the server and by static/js/admin-offer.js.
LOCATION_STRINGS = {
    "searching": _l("Adresse wird gesucht …"),
    "found": _l("Gefunden: {label}. Bitte den Pin prüfen und bei Bedarf verschieben."),
    "found_approximate": _l(
        "Nur ungefähr gefunden: {label}. Bitte den Pin auf die genaue Stelle ziehen."
    ),
    "not_found": _l("Adresse nicht gefunden. Bitte den Pin von Hand auf die Karte setzen."),
    "failed": _l(
        "Die Adresssuche ist gerade nicht erreichbar. Setzen Sie den Pin von Hand "
        "(auf die Karte klicken); Speichern funktioniert trotzdem."
    ),
    "busy": _l(
        "Die Adresssuche ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal."
    ),
    "outside": _l("Dieser Punkt liegt außerhalb der Region."),
    "pin_set": _l("Pin gesetzt. Stadtbezirk: {district}."),
    "pin_confirmed": _l("Lage bestätigt."),
    "no_address": _l("Bitte zuerst Straße, Postleitzahl oder Ort eingeben."),
    "session_ended": _l("Ihre Anmeldung ist abgelaufen. Bitte in einem neuen Tab neu anmelden."),
    "pin": _l("Ort des Angebots (ziehen zum Verschieben)"),
    "chosen": _l("Ausgewählt: {list}"),
}


def today() -> date:
    """Today in the region's time zone (what "checked today" means to the agency)."""
    return display.local_now().date()


def stale_days() -> int:
    """Offers not checked for this many days count as stale (``STALE_DAYS``)."""
    return int(current_app.config["STALE_DAYS"])


def is_stale(offer: dict) -> bool:
    return freshness.is_stale(offer, today(), stale_days())


def clean(values: dict) -> dict:
    """The form's values through offers.clean, the one set of rules; raises OfferInvalid
    with every bad field at once (half-filled time slots included)."""
    errors: dict[str, str] = {}
    try:
        raw = forms.raw_offer(values)
    except forms.HoursFormError as error:
        errors["opening_hours"] = str(error)
        raw = dict(values, opening_hours={})
    try:
        cleaned = offer_rules.clean(
            raw,
            districts=web.districts(),
            postcodes=set(load_postcodes(web.region().region_dir)) or None,
        )
    except offer_rules.OfferInvalid as invalid:
        raise offer_rules.OfferInvalid(invalid.errors | errors) from None
    if errors:
        raise offer_rules.OfferInvalid(errors)
    return cleaned


def address(values: dict) -> str:
    parts = [values.get("street", ""), f"{values.get('postcode', '')} {values.get('city', '')}"]
    return ", ".join(part.strip() for part in parts if part.strip())


def gazetteer() -> OfflineGeocoder:
    """The region's offline geocoder: it answers at once and asks no one."""
    return OfflineGeocoder(web.region().region_dir)


def geocode(query: str, geocoder=None) -> tuple[dict | None, str, bool]:
    """(result, message for the person filling the form, success), found by ``geocoder``,
    else by the site's (``GEOCODER``)."""
    if not query.strip():
        return None, str(LOCATION_STRINGS["no_address"]), False
    try:
        geocoder = geocoder or make_geocoder(web.region_settings(), web.get_db())
        found = geocoder.geocode(query[:300])
    except GeocoderBusy:
        return None, str(LOCATION_STRINGS["busy"]), False
    except (GeocoderError, OSError, ValueError) as error:
        current_app.logger.warning("geocoding failed: %s", error)
        return None, str(LOCATION_STRINGS["failed"]), False
    if found is None:
        return None, str(LOCATION_STRINGS["not_found"]), False
    result = {
        "lat": found.lat,
        "lng": found.lng,
        "label": found.label,
        "approximate": found.approximate,
        "source": found.source,
        "district": district_of(found.lat, found.lng),
    }
    key = "found_approximate" if found.approximate else "found"
    return result, str(LOCATION_STRINGS[key]).replace("{label}", found.label), True


def place_by_address(values: dict, geocoder=None) -> tuple[dict, str, bool]:
    """The form's values with the point of their address, when it is found; the message
    for the person filling the form; and whether it was found."""
    found, message, ok = geocode(address(values), geocoder)
    if found is not None:
        values = values | {
            "lat": repr(found["lat"]),
            "lng": repr(found["lng"]),
            "location_approximate": found["approximate"],
            "district": found.get("district") or values.get("district", ""),
        }
    return values, message, ok


def district_of(lat: float, lng: float) -> str | None:
    try:
        return web.districts().locate(lat, lng)
    except ValueError:
        return None

"""Placing imported offers that came without coordinates, by their address."""

import time
from collections.abc import Callable

from sqlite_utils import Database

from refugee_map.domain.messages import lazy_gettext as _l
from refugee_map.geo.districts import Districts
from refugee_map.geo.geocode import GeocoderBusy, GeocoderError
from refugee_map.store import offers as offer_store


def geocode_missing(
    db: Database,
    offer_ids: list[int],
    geocoder,
    districts: Districts,
    *,
    source: str,
    progress: Callable[[int, int, dict, str], None] | None = None,
) -> list[int]:
    """Place offers without coordinates by their address; returns the ids left unplaced.

    Each offer is saved as it is placed, so a Nominatim run (1 request/s) can be stopped
    and resumed. Points outside the region are not taken.
    """
    unplaced = []
    for number, offer_id in enumerate(offer_ids, 1):
        offer = offer_store.get_offer(db, offer_id, public=False)
        if offer["lat"] is not None:  # placed by hand while the queue was waiting
            continue
        query = " ".join(filter(None, (offer["street"], offer["postcode"], offer["city"])))
        outcome = _locate(geocoder, districts, query)
        if isinstance(outcome, dict):
            offer_store.update_offer(db, offer_id, outcome, by="geocoder", source=source,
                               action="geocode")  # fmt: skip
            outcome = PLACED
        else:
            unplaced.append(offer_id)
        if progress:
            progress(number, len(offer_ids), offer, outcome)
    return unplaced


PLACED = "placed"  # the outcome of an offer the geocoder placed


def _locate(geocoder, districts: Districts, query: str) -> dict | str:
    """The location fields for ``query``, or a reason why there are none (a text that
    follows the language it is shown in)."""
    try:
        result = _lookup(geocoder, query) if query else None
    except GeocoderError as error:
        return _l("Adresssuche fehlgeschlagen: %(error)s", error=str(error))
    if result is None:
        return _l("Adresse nicht gefunden: „%(query)s“", query=query)
    try:
        district = districts.locate(result.lat, result.lng)
    except ValueError:
        return _l("Die Adresse liegt außerhalb der Region: „%(query)s“", query=query)
    return {"lat": result.lat, "lng": result.lng, "district": district,
            "location_approximate": result.approximate}  # fmt: skip


def _lookup(geocoder, query: str):
    """The geocoder's answer. Placing imported offers is a background job (or the CLI), so
    it waits for the geocoder's next free slot, which a web request never does."""
    while True:
        try:
            return geocoder.geocode(query)
        except GeocoderBusy as busy:
            time.sleep(busy.retry_after)

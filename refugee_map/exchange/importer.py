"""Import offers from a file: validate everything first, then write all or nothing.

:func:`plan_import` checks every row with ``offers.clean`` (the editor's rules) and decides
per row: create, update (matched by id, or by organisation + title + address) or
unchanged. :func:`apply_plan` writes the plan in one transaction, one history entry per
offer with the file name as source. :func:`geocode_missing` then places the offers that
came without coordinates.
"""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain import offers
from refugee_map.domain.categories import SLUGS
from refugee_map.domain.duplicates import Duplicate, find_duplicates
from refugee_map.exchange.import_matches import StoredOffers, match_key
from refugee_map.exchange.readers import SourceRow
from refugee_map.geo.districts import Districts
from refugee_map.geo.geocode import GeocoderBusy, GeocoderError
from refugee_map.store import offer_matches
from refugee_map.store import offers as offer_store

COMPARED_FIELDS = offers.EDITABLE_FIELDS
_LOCATION_FIELDS = ("lat", "lng", "district", "location_approximate")
WRITE_BATCH = 500  # rows per batch of writes inside the one transaction


@dataclass(frozen=True)
class RowError:
    label: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.field}: {self.message}"


@dataclass
class PlannedOffer:
    label: str
    action: str  # "create", "update" or "unchanged"
    offer: dict[str, Any]
    existing_id: int | None = None

    @property
    def needs_geocoding(self) -> bool:
        return self.offer.get("lat") is None


@dataclass
class Plan:
    source: str
    items: list[PlannedOffer] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(item.action == action for item in self.items)

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(a)} {a}" for a in ("create", "update", "unchanged"))
        return f"{self.source}: {len(self.items) + len(self._bad_labels())} rows: {counts}"

    def _bad_labels(self) -> set[str]:
        return {error.label for error in self.errors}


def plan_import(
    db: Database,
    rows: Iterable[SourceRow],
    *,
    source: str,
    districts: Districts,
    postcodes: set[str],
) -> Plan:
    """Check every row and decide what importing it would do; writes nothing.

    Only the stored offers the rows may update or look like are read (see
    :class:`StoredOffers`), so planning takes time and memory in step with the file.
    """
    plan = Plan(source)
    accepted = list(_accepted_rows(db, rows, districts, postcodes, plan.errors))
    stored = StoredOffers.for_rows(db, [cleaned for _, cleaned in accepted])
    plan.items = [_planned(label, cleaned, stored.match(cleaned)) for label, cleaned in accepted]
    plan.duplicates = find_duplicates(
        [(item.label, item.offer, item.existing_id) for item in plan.items], stored.near
    )
    return plan


def _accepted_rows(
    db: Database,
    rows: Iterable[SourceRow],
    districts: Districts,
    postcodes: set[str],
    errors: list[RowError],
) -> Iterator[tuple[str, dict]]:
    """(label, cleaned offer) of each valid row; what is wrong with the others goes to
    ``errors``: invalid values, an id twice in the file, the id of a deleted offer."""
    valid = [
        (row.label, offer)
        for row in rows
        if (offer := _clean(row, districts, postcodes, errors)) is not None
    ]
    deleted = offer_matches.deleted_among(
        db, [offer["id"] for _, offer in valid if offer.get("id")]
    )
    seen_ids: dict[int, str] = {}
    for label, cleaned in valid:
        offer_id = cleaned.get("id")
        if offer_id is not None and offer_id in seen_ids:
            errors.append(RowError(label, "id", f"id {offer_id} is also in {seen_ids[offer_id]}"))
            continue
        if offer_id in deleted:
            errors.append(RowError(label, "id", f"offer {offer_id} was deleted"))
            continue
        if offer_id is not None:
            seen_ids[offer_id] = label
        yield label, cleaned


def apply_plan(
    db: Database,
    plan: Plan,
    *,
    by: str,
    progress: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Write a plan without errors in one transaction; returns the ids to geocode.

    The rows are written in batches of ``WRITE_BATCH`` (new offers in one go each), and
    ``progress`` hears of each row once its batch is written.
    """
    if plan.errors:
        raise ValueError("a plan with errors must not be applied")
    to_geocode = []
    writes = [item for item in plan.items if item.action != "unchanged"]
    with store.writing(db):
        for start in range(0, len(writes), WRITE_BATCH):
            batch = writes[start : start + WRITE_BATCH]
            ids = _write(db, batch, by=by, source=plan.source)
            to_geocode += [
                offer_id for item, offer_id in zip(batch, ids, strict=True) if item.needs_geocoding
            ]
            for number in range(start + 1, start + len(batch) + 1) if progress else ():
                progress(number, len(writes))
    return to_geocode


def _write(db: Database, items: list[PlannedOffer], *, by: str, source: str) -> list[int]:
    """Create or update the offers of ``items``; their ids, in the same order."""
    creates = [item.offer for item in items if item.action == "create"]
    created = iter(offer_store.create_offers(db, creates, by=by, source=source))
    return [
        next(created)
        if item.action == "create"
        else offer_store.update_offer(
            db, item.existing_id, item.offer, by=by, source=source, action="import"
        )["id"]
        for item in items
    ]


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
        if isinstance(outcome, str):
            unplaced.append(offer_id)
        else:
            offer_store.update_offer(db, offer_id, outcome, by="geocoder", source=source,
                               action="geocode")  # fmt: skip
            outcome = "placed"
        if progress:
            progress(number, len(offer_ids), offer, outcome)
    return unplaced


def _locate(geocoder, districts: Districts, query: str) -> dict | str:
    """The location fields for ``query``, or a reason why there are none."""
    try:
        result = _lookup(geocoder, query) if query else None
    except GeocoderError as error:
        return f"geocoder failed: {error}"
    if result is None:
        return f"address not found: {query!r}"
    try:
        district = districts.locate(result.lat, result.lng)
    except ValueError:
        return f"address is outside the region: {query!r}"
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


def _clean(
    row: SourceRow, districts: Districts, postcodes: set[str], errors: list[RowError]
) -> dict | None:
    values = row.values
    if row.problem:
        errors.append(RowError(row.label, "geometry", row.problem))
        return None
    has_address = bool(str(values.get("street") or "").strip() or values.get("postcode"))
    try:
        cleaned = offers.clean(
            values,
            districts=districts,
            postcodes=postcodes,
            require_location=not has_address,
        )
    except offers.OfferInvalid as invalid:
        for name, message in invalid.errors.items():
            errors.append(RowError(row.label, name, _explain(name, message, values)))
        return None
    return cleaned


def _explain(name: str, message: str, values: dict) -> str:
    """The validator's message plus what the file said, where that helps."""
    given = str(values.get(name) or "")[:40]
    if name == "category":
        return f"{message} ({given!r} is not one of {', '.join(SLUGS)})"
    if name == "lat" and values.get("lat") not in (None, ""):
        return f"{message} (lat {values.get('lat')}, lng {values.get('lng')})"
    if given:
        return f"{message} ({given!r})"
    return message


def _planned(label: str, cleaned: dict, match: dict | None) -> PlannedOffer:
    if match is None:
        return PlannedOffer(label, "create", cleaned)
    if (
        cleaned.get("lat") is None
        and match.get("lat") is not None
        and (match_key(cleaned)[2:] == match_key(match)[2:])
    ):
        cleaned |= {name: match[name] for name in _LOCATION_FIELDS}
    changed = any(cleaned.get(name) != match.get(name) for name in COMPARED_FIELDS)
    return PlannedOffer(label, "update" if changed else "unchanged", cleaned, match["id"])

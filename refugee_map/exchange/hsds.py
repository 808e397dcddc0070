"""Offers as Open Referral HSDS 3.0 tables (one JSON object, a list of records per table).

One offer becomes a service at one location, run by an organisation (offers of the same
organisation share it). Identifiers are UUIDs derived from our ids, so they stay the same
from one export to the next. What HSDS has no field for travels in ``x_refugee_map``
on the service (see the README's HSDS section).
"""

import uuid
from collections.abc import Iterable
from typing import Any

from babel import Locale
from sqlite_utils import Database

from refugee_map.domain.categories import CATEGORIES
from refugee_map.store import translations as translation_store

HSDS_VERSION = "3.0"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/refugee-map/refugee_map")
TABLES = (
    "organization", "service", "location", "address", "service_at_location", "schedule",
    "language", "phone", "contact", "accessibility", "taxonomy", "taxonomy_term", "attribute",
)  # fmt: skip
SERVICE_STATUS = {"published": "active", "archived": "inactive", "draft": "inactive"}
DAYS = {"Mo": "MO", "Tu": "TU", "We": "WE", "Th": "TH", "Fr": "FR", "Sa": "SA", "Su": "SU"}


def uid(*parts: Any) -> str:
    """A stable UUID for one of our things, e.g. ``uid("service", 12)``."""
    return str(uuid.uuid5(NAMESPACE, "/".join(map(str, parts))))


def export(db: Database, found: Iterable[dict]) -> dict[str, Any]:
    """Every table for the given offers, plus the taxonomy of the six categories."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    tables["taxonomy"].append(_taxonomy())
    tables["taxonomy_term"] += [_term(category) for category in CATEGORIES]
    organizations: dict[str, dict] = {}
    for offer in found:
        organization = organizations.setdefault(offer["organization"] or offer["title"],
                                                _organization(offer))  # fmt: skip
        for table, records in _offer_records(db, offer, organization["id"]).items():
            tables[table] += records
    tables["organization"] = list(organizations.values())
    return {"hsds_version": HSDS_VERSION, **tables}


def _offer_records(db: Database, offer: dict, organization_id: str) -> dict[str, list[dict]]:
    service_id, location_id = uid("service", offer["id"]), uid("location", offer["id"])
    records: dict[str, list[dict]] = {
        "service": [_service(db, offer, service_id, organization_id)],
        "location": [_location(offer, location_id, organization_id)],
        "service_at_location": [{"id": uid("service_at_location", offer["id"]),
                                 "service_id": service_id, "location_id": location_id}],
        "schedule": _schedules(offer, service_id),
        "language": [_language(offer["id"], code, service_id) for code in offer["languages"]],
        "attribute": [{"id": uid("attribute", offer["id"]), "link_id": service_id,
                       "link_type": "category", "link_entity": "service",
                       "taxonomy_term_id": uid("taxonomy_term", offer["category"])}],
    }  # fmt: skip
    if offer["street"] or offer["postcode"]:
        records["address"] = [_address(offer, location_id)]
    if offer["phone"]:
        records["phone"] = [{"id": uid("phone", offer["id"]), "service_id": service_id,
                             "number": offer["phone"], "type": "voice"}]  # fmt: skip
    if offer["email"]:
        records["contact"] = [{"id": uid("contact", offer["id"]), "service_id": service_id,
                               "name": offer["organization"], "email": offer["email"]}]  # fmt: skip
    if offer["wheelchair_access"] is not None:
        records["accessibility"] = [_accessibility(offer, location_id)]
    return records


def _organization(offer: dict) -> dict:
    name = offer["organization"] or offer["title"]
    return {"id": uid("organization", name), "name": name, "description": ""}


def _service(db: Database, offer: dict, service_id: str, organization_id: str) -> dict:
    service = {
        "id": service_id,
        "organization_id": organization_id,
        "name": offer["title"],
        "description": offer["description"],
        "status": SERVICE_STATUS[offer["status"]],
        "fees_description": "free of charge" if offer["free_of_charge"] else "",
        "last_modified": offer["updated_at"],
        "x_refugee_map": _extension(db, offer),
    }
    if offer["website"]:
        service["url"] = offer["website"]
    if offer["email"]:
        service["email"] = offer["email"]
    if offer["verified_at"]:
        service["assured_date"] = offer["verified_at"]
    return service


def _extension(db: Database, offer: dict) -> dict:
    """Our fields that HSDS has no place for."""
    translations = translation_store.translations(db, offer["id"])
    fields = ("category", "district", "target_groups", "volunteers_wanted", "volunteer_tasks",
              "by_appointment", "hours_note", "location_approximate", "source_url")  # fmt: skip
    return {
        "offer_id": offer["id"],
        **{field: offer[field] for field in fields},
        "translations": {
            lang: {"title": row["title"], "description": row["description"]}
            for lang, row in translations.items()
        },
    }


def _location(offer: dict, location_id: str, organization_id: str) -> dict:
    location = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization_id,
        "name": offer["organization"] or offer["title"],
    }
    if offer["lat"] is not None:
        location |= {"latitude": offer["lat"], "longitude": offer["lng"]}
    return location


def _address(offer: dict, location_id: str) -> dict:
    return {
        "id": uid("address", offer["id"]),
        "location_id": location_id,
        "address_1": offer["street"],
        "city": offer["city"],
        "state_province": "",
        "postal_code": offer["postcode"],
        "country": "DE",
        "address_type": "physical",
    }


def _schedules(offer: dict, service_id: str) -> list[dict]:
    """One weekly schedule per opening interval; by appointment as a note."""
    schedules = []
    for day, intervals in offer["opening_hours"].items():
        for opens, closes in intervals:
            schedules.append({
                "id": uid("schedule", offer["id"], day, opens), "service_id": service_id,
                "freq": "WEEKLY", "wkst": "MO", "byday": DAYS[day],
                "opens_at": opens, "closes_at": closes, "notes": offer["hours_note"],
            })  # fmt: skip
    if offer["by_appointment"]:
        schedules.append({"id": uid("schedule", offer["id"], "appointment"),
                          "service_id": service_id, "description": "by appointment",
                          "notes": offer["hours_note"]})  # fmt: skip
    return schedules


def _language(offer_id: int, code: str, service_id: str) -> dict:
    return {"id": uid("language", offer_id, code), "service_id": service_id, "code": code,
            "name": Locale("en").languages.get(code, code)}  # fmt: skip


def _accessibility(offer: dict, location_id: str) -> dict:
    access = "wheelchair accessible" if offer["wheelchair_access"] else "not wheelchair accessible"
    return {"id": uid("accessibility", offer["id"]), "location_id": location_id,
            "description": access}  # fmt: skip


def _taxonomy() -> dict:
    return {
        "id": uid("taxonomy", "categories"),
        "name": "refugee_map categories",
        "description": "The six kinds of offers on the refugee map",
        "version": "1",
    }


def _term(category) -> dict:
    return {"id": uid("taxonomy_term", category.slug), "code": category.slug,
            "name": str(category.label), "description": str(category.label),
            "taxonomy_id": uid("taxonomy", "categories"), "language": "de"}  # fmt: skip

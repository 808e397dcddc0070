"""The back office's offer form: request values in, typed offer out, and back again.

Validation itself is :func:`offers.clean`, the one set of rules for every way in; this
module only turns the form's fields (weekday time slots, check boxes, multi-selects)
into what ``clean`` reads, and typed offers into what the form shows. It also describes
changes between two versions of an offer for the history page and edit conflicts.
"""

from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError, localedata
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from refugee_map.domain import changes, hours
from refugee_map.domain.categories import BY_SLUG
from refugee_map.domain.offers import BOOLEAN_FIELDS, LIST_FIELDS, STATUSES, TARGET_GROUPS

TEXT_FIELDS = (
    "title", "description", "organization", "street", "postcode", "city", "phone", "email",
    "website", "hours_note", "volunteer_tasks", "source_url",
)  # fmt: skip

FIELD_LABELS = {
    "category": _l("Kategorie"),
    "title": _l("Titel"),
    "description": _l("Beschreibung"),
    "organization": _l("Träger / Organisation"),
    "street": _l("Straße und Hausnummer"),
    "postcode": _l("Postleitzahl"),
    "city": _l("Ort"),
    "lat": _l("Breitengrad"),
    "lng": _l("Längengrad"),
    "district": _l("Stadtbezirk"),
    "phone": _l("Telefon"),
    "email": _l("E-Mail"),
    "website": _l("Webseite"),
    "opening_hours": _l("Öffnungszeiten"),
    "by_appointment": _l("Termin nach Vereinbarung"),
    "hours_note": _l("Hinweis zu den Zeiten"),
    "languages": _l("Gesprochene Sprachen"),
    "target_groups": _l("Zielgruppen"),
    "free_of_charge": _l("Kostenlos"),
    "wheelchair_access": _l("Rollstuhlgerecht"),
    "volunteers_wanted": _l("Ehrenamtliche gesucht"),
    "volunteer_tasks": _l("Aufgaben für Ehrenamtliche"),
    "status": _l("Status"),
    "verified_at": _l("Zuletzt geprüft am"),
    "source_url": _l("Quelle (Web-Adresse)"),
    "location_approximate": _l("Lage nur ungefähr"),
    "deleted_at": _l("Gelöscht am"),
}
STATUS_LABELS = {
    "draft": _l("Entwurf"),
    "published": _l("Veröffentlicht"),
    "archived": _l("Archiviert"),
}
DAY_LABELS = {
    "Mo": _l("Montag"),
    "Tu": _l("Dienstag"),
    "We": _l("Mittwoch"),
    "Th": _l("Donnerstag"),
    "Fr": _l("Freitag"),
    "Sa": _l("Samstag"),
    "Su": _l("Sonntag"),
}
assert tuple(STATUS_LABELS) == STATUSES


class HoursFormError(ValueError):
    pass


def empty_values() -> dict[str, Any]:
    """What a new offer's form starts with."""
    return offer_values(
        {
            "city": "Dortmund",
            "status": "draft",
            "free_of_charge": True,
            "opening_hours": {},
            "languages": ["de"],
            "target_groups": [],
        }
    )


def offer_values(offer: dict[str, Any]) -> dict[str, Any]:
    """A stored (typed) offer as the form shows it."""
    values: dict[str, Any] = {field: offer.get(field) or "" for field in TEXT_FIELDS}
    for field in ("category", "status", "district", "verified_at"):
        values[field] = offer.get(field) or ""
    for field in ("lat", "lng"):
        values[field] = "" if offer.get(field) is None else repr(float(offer[field]))
    for field in BOOLEAN_FIELDS:
        values[field] = bool(offer.get(field))
    wheelchair = offer.get("wheelchair_access")
    values["wheelchair_access"] = "" if wheelchair is None else ("true" if wheelchair else "false")
    for field in LIST_FIELDS:
        values[field] = list(offer.get(field) or [])
    values["opening_hours"] = {
        day: [list(slot) for slot in slots]
        for day, slots in (offer.get("opening_hours") or {}).items()
    }
    return values


def form_values(form: MultiDict) -> dict[str, Any]:
    """What the editor typed, kept as typed, to re-render the form or to clean."""
    values: dict[str, Any] = {field: form.get(field, "") for field in TEXT_FIELDS}
    for field in ("category", "status", "district", "verified_at", "wheelchair_access"):
        values[field] = form.get(field, "")
    values["lat"] = form.get("lat", "")
    values["lng"] = form.get("lng", "")
    for field in BOOLEAN_FIELDS:
        values[field] = form.get(field) in ("1", "true", "on", "yes")
    for field in LIST_FIELDS:
        values[field] = [value for value in form.getlist(field) if value]
    opening: dict[str, list[list[str]]] = {}
    for day in hours.DAYS:
        starts = form.getlist(f"hours-{day}-start")
        ends = form.getlist(f"hours-{day}-end")
        slots = [
            [start.strip(), end.strip()]
            for start, end in zip(starts, ends, strict=False)
            if start.strip() or end.strip()
        ]
        if slots:
            opening[day] = slots
    values["opening_hours"] = opening
    return values


def raw_offer(values: dict[str, Any]) -> dict[str, Any]:
    """Form values as :func:`offers.clean` reads them; half-filled time slots raise."""
    raw = dict(values)
    for day, slots in values["opening_hours"].items():
        for start, end in slots:
            if not start or not end:
                message = _l("%(day)s: Bitte Beginn und Ende angeben.", day=DAY_LABELS[day])
                raise HoursFormError(str(message))
    raw["opening_hours"] = values["opening_hours"]
    return raw


def hours_rows(opening_hours: dict[str, list[list[str]]]) -> list[tuple[str, Any, list]]:
    """Per weekday: code, label and its slots plus one empty slot to fill in."""
    return [(day, DAY_LABELS[day], [*opening_hours.get(day, []), ["", ""]]) for day in hours.DAYS]


@lru_cache(maxsize=8)
def language_options(ui_locale: str) -> tuple[tuple[str, str], ...]:
    """Every two-letter language Babel knows: (code, "Arabisch – العربية"), by name."""
    try:
        names = Locale.parse(ui_locale).languages
    except (ValueError, UnknownLocaleError):
        names = {}
    options = []
    for code in localedata.locale_identifiers():
        if len(code) != 2 or not code.isalpha():
            continue
        name = names.get(code) or code
        try:
            native = Locale.parse(code).get_display_name(code) or ""
        except (ValueError, UnknownLocaleError):
            native = ""
        label = name if not native or native.casefold() == name.casefold() else f"{name} – {native}"
        options.append((code, label))
    return tuple(sorted(options, key=lambda option: option[1].casefold()))


# --- describing changes ------------------------------------------------------------------


def display(field: str, value: Any) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if field == "opening_hours":
        return hours.format(value)
    if field == "category":
        category = BY_SLUG.get(value)
        return str(category.label) if category else str(value)
    if field == "status":
        return str(STATUS_LABELS.get(value, value))
    if field == "target_groups":
        return ", ".join(str(TARGET_GROUPS.get(code, code)) for code in value)
    if field == "languages":
        return ", ".join(value)
    if isinstance(value, bool):
        return str(_l("ja")) if value else str(_l("nein"))
    return str(value)


def changed_fields(before: dict | None, after: dict | None) -> list[dict[str, Any]]:
    """The fields whose value differs, as label, before and after text."""
    before, after = before or {}, after or {}
    return [
        {
            "field": field,
            "label": FIELD_LABELS.get(field, field),
            "before": display(field, before.get(field)),
            "after": display(field, after.get(field)),
        }
        for field in changes.changed(before, after)
    ]

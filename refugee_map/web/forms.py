"""The back office's offer form: request values in, typed offer out, and back again.

Validation itself is :func:`offers.clean`, the one set of rules for every way in; this
module only turns the form's fields (weekday time slots, check boxes, multi-selects)
into what ``clean`` reads, and typed offers into what the form shows. It also describes
changes between two versions of an offer for the history page and edit conflicts.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, get_args

from babel import Locale, UnknownLocaleError, localedata
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from refugee_map.domain import changes, hours, hours_syntax
from refugee_map.domain.categories import BY_SLUG
from refugee_map.domain.offer_schema import Offer
from refugee_map.domain.offers import KINDS, STATUSES, TARGET_GROUPS
from refugee_map.domain.value_types import is_language_code, means_yes
from refugee_map.web import context as web

# Every field of an offer but its id is in the form; its kind says how it is read.
FORM_KINDS = {name: kind for name, kind in KINDS.items() if kind != "id"}
# The fields the offer templates lay out by hand (_offer_fields.html and the two forms); any
# other field of the model is shown by the form's generic part, ``MORE_FIELDS``.
LAID_OUT = (
    "category", "title", "description", "organization", "street", "postcode", "city", "lat",
    "lng", "district", "phone", "email", "website", "opening_hours", "by_appointment",
    "hours_note", "languages", "target_groups", "free_of_charge", "wheelchair_access",
    "volunteers_wanted", "volunteer_tasks", "status", "verified_at", "source_url",
    "location_approximate",
)  # fmt: skip


@dataclass(frozen=True)
class FormField:
    """A field the form shows without a template of its own: a text box, a check box or a
    choice, as its kind says."""

    name: str
    kind: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) of a select
    max_length: int | None = None


def _form_field(name: str, kind: str) -> FormField:
    field = Offer.model_fields[name]
    choices = tuple((arg, arg) for arg in get_args(field.annotation) if isinstance(arg, str))
    limits = [m.max_length for m in field.metadata if getattr(m, "max_length", None)]
    return FormField(name, kind, choices, limits[0] if limits else None)


MORE_FIELDS = tuple(
    _form_field(name, kind) for name, kind in FORM_KINDS.items() if name not in LAID_OUT
)

# The German labels are the model's field titles.
FIELD_LABELS = {
    name: _l(field.title) for name, field in Offer.model_fields.items() if field.title
} | {"deleted_at": _l("Gelöscht am")}
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
    """What a new offer's form starts with (its city: the region's)."""
    return offer_values(
        {
            "city": web.region().name,
            "status": "draft",
            "free_of_charge": True,
            "opening_hours": {},
            "languages": ["de"],
            "target_groups": [],
        }
    )


def offer_values(offer: dict[str, Any]) -> dict[str, Any]:
    """A stored (typed) offer as the form shows it."""
    return {name: _shown(kind, offer.get(name)) for name, kind in FORM_KINDS.items()}


def _shown(kind: str, value: Any) -> Any:
    if kind == "number":
        return "" if value is None else repr(float(value))
    if kind == "yes_no":
        return bool(value)
    if kind == "optional_yes_no":
        return "" if value is None else ("true" if value else "false")
    if kind == "codes":
        return list(value or [])
    if kind == "hours":
        return {day: [list(slot) for slot in slots] for day, slots in (value or {}).items()}
    return value or ""


def form_values(form: MultiDict) -> dict[str, Any]:
    """What the editor typed, kept as typed, to re-render the form or to clean."""
    return {name: _typed(kind, form, name) for name, kind in FORM_KINDS.items()}


def _typed(kind: str, form: MultiDict, name: str) -> Any:
    if kind == "yes_no":
        return means_yes(form.get(name))
    if kind == "codes":
        return [value for value in form.getlist(name) if value]
    if kind == "hours":
        return _opening_hours(form)
    return form.get(name, "")


def _opening_hours(form: MultiDict) -> dict[str, list[list[str]]]:
    """The weekday rows of time slots (``hours-Mo-start``, ``hours-Mo-end``, ...)."""
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
    return opening


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
    """Per weekday: code, label and its slots plus one empty slot to fill in; times typed
    another way ("9.30") come back as HH:MM, which a time field can show."""
    return [
        (day, DAY_LABELS[day], [*map(_slot_shown, opening_hours.get(day, [])), ["", ""]])
        for day in hours.DAYS
    ]


def _slot_shown(slot: list[str]) -> list[str]:
    return [_time_shown(time) for time in slot]


def _time_shown(typed: str) -> str:
    """``typed`` as HH:MM if it is a time, else as typed (its error quotes it)."""
    try:
        return hours_syntax.time_of_day(typed)
    except hours_syntax.HoursError:
        return typed


@lru_cache(maxsize=8)
def language_options(ui_locale: str) -> tuple[tuple[str, str], ...]:
    """Every two-letter language Babel knows: (code, "Arabisch – العربية"), by name."""
    try:
        names = Locale.parse(ui_locale).languages
    except (ValueError, UnknownLocaleError):
        names = {}
    options = []
    for code in localedata.locale_identifiers():
        if not is_language_code(code):
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

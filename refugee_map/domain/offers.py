"""What an offer is: its fields and the one set of rules every way in must pass.

The editor form, the import and public suggestions all call :func:`clean`, so an offer
is valid the same way wherever it comes from. The fields and their rules are declared
once, in :class:`offer_schema.Offer`; the messages a broken rule shows are here.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from refugee_map.domain import model_fields, offer_schema, value_types
from refugee_map.domain.messages import lazy_gettext as _l
from refugee_map.domain.offer_schema import TARGET_GROUP_CODES, Offer

KINDS = model_fields.kinds(Offer)
STATUSES = offer_schema.STATUSES
# The columns of import and export files, in order.
FIELDS = tuple(KINDS)
EDITABLE_FIELDS = FIELDS[1:]  # all but the id
BOOLEAN_FIELDS = tuple(name for name, kind in KINDS.items() if kind == "yes_no")
LIST_FIELDS = tuple(name for name, kind in KINDS.items() if kind == "codes")
# Who an offer is for: code (in files and URLs) -> label (translated when shown).
TARGET_GROUPS = {
    "all": _l("alle"),
    "women": _l("Frauen"),
    "children": _l("Kinder"),
    "youth": _l("Jugendliche"),
    "families": _l("Familien"),
    "seniors": _l("Ältere Menschen"),
    "lgbtiq": _l("LSBTIQ*"),
}
assert tuple(TARGET_GROUPS) == TARGET_GROUP_CODES
# The message of each broken rule (offer_schema.problem), with its placeholders.
MESSAGES = {
    "not_text": _l("Ungültiger Wert: hier wird Text erwartet."),
    "bad_character": _l("Enthält ein unzulässiges Zeichen."),
    "too_long": _l("Höchstens %(limit)d Zeichen."),
    "yes_no": _l("Bitte ja oder nein angeben."),
    "category": _l("Bitte eine Kategorie wählen."),
    "status": _l("Unbekannter Status."),
    "language": _l("Unbekannter Sprachcode: %(code)s"),
    "target_group": _l("Unbekannte Zielgruppe: %(code)s"),
    "opening_hours": _l("Öffnungszeiten: %(problem)s"),
    "date": _l("Bitte ein Datum als JJJJ-MM-TT angeben."),
    "postcode_form": _l("Eine Postleitzahl hat fünf Ziffern."),
    "postcode_region": _l("Diese Postleitzahl gehört nicht zur Region."),
    "number": _l("Bitte eine Zahl angeben."),
    "coordinate_range": _l("Koordinate außerhalb des gültigen Bereichs."),
    "title_missing": _l("Bitte einen Titel angeben."),
    "email": _l("Bitte eine gültige E-Mail-Adresse angeben."),
    "phone": _l("Bitte eine Telefonnummer aus Ziffern angeben."),
    "web_address": _l("Bitte eine Web-Adresse mit https:// angeben."),
    "district": _l("Unbekannter Stadtbezirk."),
    "no_location": _l("Bitte den Ort auf der Karte festlegen."),
    "outside_region": _l("Dieser Punkt liegt außerhalb der Region."),
    # Only import files carry an id; the import's own messages are in English.
    "offer_id": "an id is a positive whole number",
}


class DistrictMap(Protocol):
    """What validation needs of the region's districts (``districts.Districts``)."""

    names: Sequence[str]

    def locate(self, lat: float, lng: float) -> str:
        """The district of a point; ``ValueError`` for a point outside the region."""


class OfferInvalid(ValueError):
    """Raised with every bad field at once: ``errors`` maps field name to message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


def clean(
    raw: Mapping[str, Any],
    *,
    districts: DistrictMap | None = None,
    postcodes: set[str] | None = None,
    require_location: bool = True,
) -> dict[str, Any]:
    """Turn form or file values into a typed offer, or raise :class:`OfferInvalid`.

    ``districts`` places the point in a district (and refuses points outside the region
    and unknown district names); ``postcodes`` are the region's valid postcodes. The
    result has an ``id`` only when ``raw`` gives one.
    """
    context = {"districts": districts, "postcodes": postcodes, "require_location": require_location}
    try:
        offer = Offer.model_validate({name: raw.get(name) for name in FIELDS}, context=context)
    except ValidationError as invalid:
        raise OfferInvalid(messages(invalid, MESSAGES)) from None
    cleaned = offer.model_dump()
    if cleaned["id"] is None:
        del cleaned["id"]
    return cleaned


def messages(invalid: ValidationError, texts: Mapping[str, Any]) -> dict[str, str]:
    """Field -> the message of its first broken rule, from ``texts`` (kind -> message)."""
    found: dict[str, str] = {}
    for field, kind, context in model_fields.problems(invalid):
        found.setdefault(field, message(kind, context, texts))
    return found


def message(kind: str, context: Mapping[str, Any], texts: Mapping[str, Any]) -> str:
    """The text of one broken rule, its placeholders filled in."""
    text = str(texts.get(kind, kind))
    return text % dict(context) if context and "%(" in text else text


def text_rule(limit: int, one_line: bool = False) -> Callable[[Any], str]:
    """A converter for free text (trimmed, at most ``limit`` characters, no NUL) that
    raises ``ValueError`` with the message to show."""
    convert = value_types.text_rule(limit, one_line)

    def checked(value: Any) -> str:
        try:
            return convert(value)
        except PydanticCustomError as broken:
            raise ValueError(message(broken.type, broken.context or {}, MESSAGES)) from None

    return checked

"""What an offer is: its fields and the one set of rules every way in must pass.

The editor form, the import and public suggestions all call :func:`clean`, so an offer
is valid the same way wherever it comes from.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, Protocol
from urllib.parse import urlsplit

from babel import localedata

from refugee_map.domain import hours, numbers
from refugee_map.domain.categories import SLUGS
from refugee_map.domain.mailbox import is_mailbox
from refugee_map.domain.messages import lazy_gettext as _l
from refugee_map.store.offers import BOOLEAN_FIELDS, FIELDS, LIST_FIELDS  # noqa: F401 (re-exported)

STATUSES = ("draft", "published", "archived")
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
MAX_LENGTH = {"title": 200, "description": 5000, "organization": 200, "street": 200}
MAX_LENGTH |= {"city": 100, "hours_note": 500, "volunteer_tasks": 1000, "phone": 40}
MAX_LENGTH |= {"email": 254, "website": 500, "source_url": 500}
# Shown in one line (titles, e-mail subjects, CSV cells): line breaks become spaces.
ONE_LINE_FIELDS = ("title", "organization", "street", "city", "phone", "email", "website",
                   "source_url")  # fmt: skip

_TRUE = {"true", "1", "yes", "ja", "y", "j", "x", "on"}
_FALSE = {"false", "0", "no", "nein", "n", ""}
_PHONE = re.compile(r"^\+?[0-9 ()/\-.]{3,}$")
_POSTCODE = re.compile(r"[0-9]{5}")


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
    and unknown district names); ``postcodes`` are the region's valid postcodes.
    """
    errors: dict[str, str] = {}
    offer: dict[str, Any] = {}

    def take(field: str, convert: Callable[[Any], Any]) -> None:
        try:
            offer[field] = convert(raw.get(field))
        except ValueError as error:
            errors[field] = str(error)

    for field in MAX_LENGTH:
        take(field, text_rule(MAX_LENGTH[field], one_line=field in ONE_LINE_FIELDS))
    for field in BOOLEAN_FIELDS:
        take(field, _boolean)
    take("wheelchair_access", _optional_boolean)
    take("category", _choice(SLUGS, _l("Bitte eine Kategorie wählen.")))
    take("status", _choice(STATUSES, _l("Unbekannter Status."), default="draft"))
    take("languages", _codes(_is_language, _l("Unbekannter Sprachcode: %(code)s")))
    take("target_groups", _codes(TARGET_GROUPS.__contains__, _l("Unbekannte Zielgruppe: %(code)s")))
    take("opening_hours", _opening_hours)
    take("verified_at", _iso_date)
    take("postcode", _postcode(postcodes))
    take("lat", _coordinate(-90, 90))
    take("lng", _coordinate(-180, 180))

    if not errors.get("title") and not offer.get("title"):
        errors["title"] = str(_l("Bitte einen Titel angeben."))
    if offer.get("email") and not is_mailbox(offer["email"]):
        errors["email"] = str(_l("Bitte eine gültige E-Mail-Adresse angeben."))
    if offer.get("phone") and not _PHONE.match(offer["phone"]):
        errors["phone"] = str(_l("Bitte eine Telefonnummer aus Ziffern angeben."))
    for field in ("website", "source_url"):
        if offer.get(field) and not _is_web_address(offer[field]):
            errors[field] = str(_l("Bitte eine Web-Adresse mit https:// angeben."))
    take("district", text_rule(100))
    _check_location(offer, errors, districts, require_location)

    if errors:
        raise OfferInvalid(errors)
    return offer


def _check_location(offer, errors, districts, require_location) -> None:
    lat, lng = offer.get("lat"), offer.get("lng")
    district = offer.get("district") or None
    offer["district"] = district
    if districts is not None and district and district not in districts.names:
        errors["district"] = str(_l("Unbekannter Stadtbezirk."))
    if "lat" in errors or "lng" in errors:
        return
    if lat is None or lng is None:
        if lat is not None or lng is not None or require_location:
            errors["lat"] = str(_l("Bitte den Ort auf der Karte festlegen."))
        return
    if districts is None:
        return
    try:
        located = districts.locate(lat, lng)
    except ValueError:
        errors["lat"] = str(_l("Dieser Punkt liegt außerhalb der Region."))
        return
    offer["district"] = district or located


def plain_text(value: Any) -> str:
    """A field's value as text: a file may give a number for text, never a list, an object,
    a yes/no or bytes (a JSON file, a GeoPackage blob)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ValueError(str(_l("Ungültiger Wert: hier wird Text erwartet.")))


def text_rule(limit: int, one_line: bool = False) -> Callable[[Any], str]:
    """A converter for free text: trimmed, at most ``limit`` characters, no NUL."""

    def convert(value: Any) -> str:
        text = plain_text(value).replace("\r\n", "\n").strip()
        if one_line:
            text = re.sub(r"\s+", " ", text)
        if "\x00" in text:
            raise ValueError(str(_l("Enthält ein unzulässiges Zeichen.")))
        if len(text) > limit:
            raise ValueError(str(_l("Höchstens %(limit)d Zeichen.", limit=limit)))
        return text

    return convert


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = plain_text(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(str(_l("Bitte ja oder nein angeben.")))


def _optional_boolean(value: Any) -> bool | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _boolean(value)


def _choice(allowed: tuple[str, ...], message, default: str | None = None) -> Callable:
    def convert(value: Any) -> str:
        text = plain_text(value).strip() or default
        if text not in allowed:
            raise ValueError(str(message))
        return text

    return convert


def _codes(known: Callable[[str], bool], message) -> Callable[[Any], list[str]]:
    def convert(value: Any) -> list[str]:
        items = (
            value if isinstance(value, list | tuple) else re.split(r"[\s,;]+", plain_text(value))
        )
        codes = list(dict.fromkeys(plain_text(item).strip().lower() for item in items if item))
        for code in codes:
            if not known(code):
                raise ValueError(str(message) % {"code": code[:20]})
        return codes

    return convert


def _is_language(code: str) -> bool:
    return bool(re.fullmatch(r"[a-z]{2}", code)) and localedata.exists(code)


def _opening_hours(value: Any) -> dict:
    try:
        return hours.normalise(value) if isinstance(value, dict) else hours.parse(plain_text(value))
    except (hours.HoursError, TypeError) as error:
        raise ValueError(str(_l("Öffnungszeiten: %(problem)s", problem=str(error)))) from None


def _iso_date(value: Any) -> str | None:
    text = plain_text(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(str(_l("Bitte ein Datum als JJJJ-MM-TT angeben."))) from None


def _postcode(postcodes: set[str] | None) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        text = plain_text(value).strip()
        if not text:
            return ""
        if not _POSTCODE.fullmatch(text):
            raise ValueError(str(_l("Eine Postleitzahl hat fünf Ziffern.")))
        if postcodes and text not in postcodes:
            raise ValueError(str(_l("Diese Postleitzahl gehört nicht zur Region.")))
        return text

    return convert


def _coordinate(low: float, high: float) -> Callable[[Any], float | None]:
    def convert(value: Any) -> float | None:
        text = plain_text(value).strip().replace(",", ".")
        if not text:
            return None
        try:
            number = numbers.decimal(text)
        except ValueError:
            raise ValueError(str(_l("Bitte eine Zahl angeben."))) from None
        if not low <= number <= high:
            raise ValueError(str(_l("Koordinate außerhalb des gültigen Bereichs.")))
        return round(number, 7)

    return convert


def _is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url

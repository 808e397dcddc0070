"""The value types an offer and its filters are made of, each with its one rule.

yes/no, language code (ISO 639-1), postcode (the region's), e-mail (one mailbox), opening
hours, coordinates, free text: every model field is one of these, so a rule exists once.
A broken rule raises :func:`problem`, a ``PydanticCustomError`` whose type names its
message (``offers.MESSAGES``, ``filters.MESSAGES``); :func:`problems` reads them back.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from babel import localedata
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from refugee_map.domain import hours, numbers
from refugee_map.domain.mailbox import is_mailbox

# Yes and no as forms, files and links write them (README: true/false, ja/nein, yes/no, 1/0).
YES_WORDS = ("true", "1", "yes", "ja", "y", "j", "x", "on")
NO_WORDS = ("false", "0", "no", "nein", "n", "off", "")
_PHONE = re.compile(r"^\+?[0-9 ()/\-.]{3,}$")
_POSTCODE = re.compile(r"[0-9]{5}")  # [0-9]: \d takes "٤٤١٣٧"
_LANGUAGE_CODE = re.compile(r"[a-z]{2}")


@dataclass(frozen=True)
class Kind:
    """What kind of value a field holds, for the code that reads forms and writes files."""

    name: str  # text, choice, yes_no, optional_yes_no, codes, hours, number, id


def N_(text: str) -> str:  # noqa: N802 (gettext's name for it)
    """Marks a German text for translation (pybabel extracts ``N_``); the web layer
    translates it where it is shown."""
    return text


def problem(kind: str, **context: Any) -> PydanticCustomError:
    """A broken rule; ``kind`` names its message, ``context`` fills its placeholders."""
    return PydanticCustomError(kind, kind, context)


# --- the shared value types -----------------------------------------------------------------


def plain_text(value: Any) -> str:
    """A value as text: a file may give a number for text, never a list, an object, a
    yes/no or bytes (a JSON file, a GeoPackage blob)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise problem("not_text")


def text_rule(limit: int, one_line: bool = False):
    """A converter for free text: trimmed, at most ``limit`` characters, no NUL."""

    def convert(value: Any) -> str:
        text = plain_text(value).replace("\r\n", "\n").strip()
        if one_line:
            text = re.sub(r"\s+", " ", text)
        if "\x00" in text:
            raise problem("bad_character")
        if len(text) > limit:
            raise problem("too_long", limit=limit)
        return text

    return convert


def Text(limit: int, *, one_line: bool = False, check=None) -> Any:  # noqa: N802 (a type)
    """Free text of at most ``limit`` characters; ``check`` is a further rule."""
    rules = [AfterValidator(check)] if check else []
    return Annotated[str, BeforeValidator(text_rule(limit, one_line)), Field(max_length=limit),
                     *rules, Kind("text")]  # fmt: skip


def yes_no(value: Any) -> bool:
    """The one reading of yes and no."""
    if isinstance(value, bool):
        return value
    word = plain_text(value).strip().lower()
    if word in YES_WORDS or word in NO_WORDS:
        return word in YES_WORDS
    raise problem("yes_no")


def means_yes(value: Any) -> bool:
    """A check box or a setting: yes only when it says yes."""
    try:
        return yes_no(value)
    except PydanticCustomError:
        return False


def _optional_yes_no(value: Any) -> bool | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return yes_no(value)


_YES_NO_TEXT = WithJsonSchema({"type": "string", "enum": [*YES_WORDS, *NO_WORDS]}, "validation")
YesNo = Annotated[bool, BeforeValidator(yes_no), _YES_NO_TEXT, Kind("yes_no")]
OptionalYesNo = Annotated[bool | None, BeforeValidator(_optional_yes_no), Kind("optional_yes_no")]


def Choice(allowed: tuple[str, ...], kind: str, default: str | None = None) -> Any:  # noqa: N802
    """One of ``allowed`` (stripped; empty means ``default``)."""

    def convert(value: Any) -> str:
        text = plain_text(value).strip() or default
        if text not in allowed:
            raise problem(kind, slug=(text or "")[:40])
        return text

    return Annotated[Literal[allowed], BeforeValidator(convert), Kind("choice")]


def is_language_code(code: str) -> bool:
    """An ISO 639-1 code Babel knows: ``de``, ``ar``, ``fa``."""
    return bool(_LANGUAGE_CODE.fullmatch(code)) and localedata.exists(code)


def _language_code(value: Any) -> str | None:
    code = plain_text(value)
    if not code:
        return None
    if not is_language_code(code):
        raise problem("language", code=code[:20])
    return code


_CODE_TEXT = {"type": "string", "pattern": "^[a-z]{2}$"}
LanguageCodeItem = Annotated[str, WithJsonSchema(_CODE_TEXT)]  # in a list of checked codes
LanguageCode = Annotated[str | None, BeforeValidator(_language_code), Kind("choice"),
                         WithJsonSchema(_CODE_TEXT | {"nullable": True})]  # fmt: skip


def Codes(item: Any, known, kind: str) -> Any:  # noqa: N802
    """A list of codes, written ``de ar`` or ``de, ar`` in files; each must be ``known``."""

    def convert(value: Any) -> list[str]:
        listed = isinstance(value, list | tuple)
        items = value if listed else re.split(r"[\s,;]+", plain_text(value))
        codes = list(dict.fromkeys(plain_text(code).strip().lower() for code in items if code))
        for code in codes:
            if not known(code):
                raise problem(kind, code=code[:20])
        return codes

    return Annotated[list[item], BeforeValidator(convert), Kind("codes")]


def _opening_hours(value: Any) -> dict:
    try:
        return hours.normalise(value) if isinstance(value, dict) else hours.parse(plain_text(value))
    except hours.HoursError as error:
        raise problem("opening_hours", problem=str(error)) from None


OpeningHours = Annotated[dict[str, list[list[str]]], BeforeValidator(_opening_hours), Kind("hours")]


def _iso_date(value: Any) -> str | None:
    text = plain_text(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise problem("date") from None


IsoDate = Annotated[str | None, BeforeValidator(_iso_date), Kind("text")]


def _postcode(value: Any, info: ValidationInfo) -> str:
    """The region's postcodes come in the validation context (``postcodes``)."""
    text = plain_text(value).strip()
    if not text:
        return ""
    if not _POSTCODE.fullmatch(text):
        raise problem("postcode_form")
    region = (info.context or {}).get("postcodes")
    if region and text not in region:
        raise problem("postcode_region")
    return text


Postcode = Annotated[str, BeforeValidator(_postcode), Field(max_length=5), Kind("text")]


def Coordinate(low: float, high: float) -> Any:  # noqa: N802
    """WGS84 degrees read one strict way (``numbers.decimal``); empty is ``None``."""

    def convert(value: Any) -> float | None:
        text = plain_text(value).strip().replace(",", ".")
        if not text:
            return None
        try:
            number = numbers.decimal(text)
        except ValueError:
            raise problem("number") from None
        if not low <= number <= high:
            raise problem("coordinate_range")
        return round(number, 7)

    degrees = {"type": "number", "minimum": low, "maximum": high, "nullable": True}
    return Annotated[float | None, BeforeValidator(convert), WithJsonSchema(degrees),
                     Kind("number")]  # fmt: skip


def _offer_id(value: Any) -> int | None:
    text = plain_text(value).strip()
    if not text:
        return None
    try:
        return numbers.whole_number(text, low=1)
    except ValueError:
        raise problem("offer_id", given=text[:20]) from None


def _required(text: str) -> str:
    if not text:
        raise problem("title_missing")
    return text


def _mailbox(text: str) -> str:
    if text and not is_mailbox(text):
        raise problem("email")
    return text


def _phone(text: str) -> str:
    if text and not _PHONE.match(text):
        raise problem("phone")
    return text


def _web_address(text: str) -> str:
    parts = urlsplit(text)
    if text and not (parts.scheme in ("http", "https") and parts.netloc and " " not in text):
        raise problem("web_address")
    return text


_ID = {"type": "integer", "minimum": 1, "maximum": numbers.MAX_INTEGER}
OfferId = Annotated[int | None, BeforeValidator(_offer_id), WithJsonSchema(_ID), Kind("id")]
Title = Text(200, one_line=True, check=_required)
Email = Text(254, one_line=True, check=_mailbox)  # one mailbox (domain/mailbox.py)
Phone = Text(40, one_line=True, check=_phone)
WebAddress = Text(500, one_line=True, check=_web_address)

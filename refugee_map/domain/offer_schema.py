"""The shape of an offer and of the offer filters, declared once (pydantic models).

Derived from these two models: the one validation of every way in (``offers.clean``), the
offer form's fields (``web/forms.py``), the filter parameters (``web/filters.py``), the
columns of import and export files (``offers.FIELDS``) and the OpenAPI document
(``web/openapi.py``). Adding a field to an offer is one line in :class:`Offer` (plus
the database migration); its ``title`` is the German label the forms show, marked with
``N_`` and translated by the web layer.

A broken rule raises a ``PydanticCustomError`` whose type names its message; the texts,
marked for translation, are ``offers.MESSAGES`` and ``filters.MESSAGES``.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from refugee_map.domain import numbers
from refugee_map.domain.categories import SLUGS
from refugee_map.domain.value_types import (
    N_,
    Choice,
    Codes,
    Coordinate,
    Email,
    IsoDate,
    LanguageCode,
    LanguageCodeItem,
    OfferId,
    OpeningHours,
    OptionalYesNo,
    Phone,
    Postcode,
    Text,
    Title,
    WebAddress,
    YesNo,
    is_language_code,
    plain_text,
    problem,
    text_rule,
)

STATUSES = ("draft", "published", "archived")
TARGET_GROUP_CODES = ("all", "women", "children", "youth", "families", "seniors", "lgbtiq")


# --- the offer --------------------------------------------------------------------------------


class Offer(BaseModel):
    """One help offer. The field order is the column order of import and export files."""

    model_config = ConfigDict(extra="ignore")

    id: OfferId = None
    category: Choice(SLUGS, "category") = Field(title=N_("Kategorie"))
    title: Title = Field(title=N_("Titel"))
    description: Text(5000) = Field("", title=N_("Beschreibung"))
    organization: Text(200, one_line=True) = Field("", title=N_("Träger / Organisation"))
    street: Text(200, one_line=True) = Field("", title=N_("Straße und Hausnummer"))
    postcode: Postcode = Field("", title=N_("Postleitzahl"))
    city: Text(100, one_line=True) = Field("", title=N_("Ort"))
    lat: Coordinate(-90, 90) = Field(None, title=N_("Breitengrad"))
    lng: Coordinate(-180, 180) = Field(None, title=N_("Längengrad"))
    district: Annotated[str | None, BeforeValidator(text_rule(100))] = Field(
        None, title=N_("Stadtbezirk")
    )
    phone: Phone = Field("", title=N_("Telefon"))
    email: Email = Field("", title=N_("E-Mail"))
    website: WebAddress = Field("", title=N_("Webseite"))
    opening_hours: OpeningHours = Field({}, title=N_("Öffnungszeiten"))
    by_appointment: YesNo = Field(False, title=N_("Termin nach Vereinbarung"))
    hours_note: Text(500) = Field("", title=N_("Hinweis zu den Zeiten"))
    languages: Codes(LanguageCodeItem, is_language_code, "language") = Field(
        [], title=N_("Gesprochene Sprachen")
    )
    target_groups: Codes(Literal[TARGET_GROUP_CODES], TARGET_GROUP_CODES.__contains__,
                         "target_group") = Field([], title=N_("Zielgruppen"))  # fmt: skip
    free_of_charge: YesNo = Field(False, title=N_("Kostenlos"))
    wheelchair_access: OptionalYesNo = Field(None, title=N_("Rollstuhlgerecht"))
    volunteers_wanted: YesNo = Field(False, title=N_("Ehrenamtliche gesucht"))
    volunteer_tasks: Text(1000) = Field("", title=N_("Aufgaben für Ehrenamtliche"))
    status: Choice(STATUSES, "status", default="draft") = Field("draft", title=N_("Status"))
    verified_at: IsoDate = Field(None, title=N_("Zuletzt geprüft am"))
    source_url: WebAddress = Field("", title=N_("Quelle (Web-Adresse)"))
    location_approximate: YesNo = Field(False, title=N_("Lage nur ungefähr"))

    @field_validator("district")
    @classmethod
    def _placed(cls, district: str | None, info: ValidationInfo) -> str | None:
        """The district of the point, unless given; the point must be in the region.

        Context: ``districts`` (``offers.DistrictMap``) and ``require_location``."""
        context = info.context or {}
        districts = context.get("districts")
        errors = []
        if districts is not None and district and district not in districts.names:
            errors.append(("district", problem("district")))
        location = _locate(info.data, districts, context.get("require_location", True))
        if isinstance(location, PydanticCustomError):
            errors.append(("lat", location))
        if errors:
            details = [InitErrorDetails(type=e, loc=(at,), input=district) for at, e in errors]
            raise ValidationError.from_exception_data(cls.__name__, details)
        return district or location


def _locate(data: dict, districts, require_location: bool) -> str | PydanticCustomError | None:
    """The district of the point, or the problem with the point (``None``: nothing to say)."""
    if "lat" not in data or "lng" not in data:
        return None  # a bad number: its own message says so
    lat, lng = data["lat"], data["lng"]
    if lat is None or lng is None:
        if lat is not None or lng is not None or require_location:
            return problem("no_location")
        return None
    if districts is None:
        return None
    try:
        return districts.locate(lat, lng)
    except ValueError:
        return problem("outside_region")


# --- the offer filters (query parameters of /, /list, /api/offers and the downloads) ---------

MAX_QUERY_LENGTH = 200


def _slugs(value: Any) -> tuple[str, ...]:
    slugs = tuple(dict.fromkeys(plain_text(slug) for slug in (value or ()) if slug))
    for slug in slugs:
        if slug not in SLUGS:
            raise problem("category", slug=slug[:40])
    return slugs


def _district_name(value: Any, info: ValidationInfo) -> str | None:
    """One of the region's district names (``district_names`` in the context)."""
    name = plain_text(value) or None
    if name and name not in (info.context or {}).get("district_names", ()):
        raise problem("district")
    return name


def _search_text(value: Any) -> str | None:
    text = plain_text(value).strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise problem("too_long", limit=MAX_QUERY_LENGTH)
    return text or None


def _bbox(value: Any) -> tuple[float, float, float, float] | None:
    text = plain_text(value)
    if not text:
        return None
    try:
        min_lng, min_lat, max_lng, max_lat = (numbers.decimal(part) for part in text.split(","))
    except ValueError:
        raise problem("bbox_form") from None
    if not (-180 <= min_lng <= max_lng <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise problem("bbox_range")
    return min_lng, min_lat, max_lng, max_lat


_SEARCH_TEXT = {"type": "string", "maxLength": MAX_QUERY_LENGTH}
_BBOX_TEXT = {"type": "string", "pattern": r"^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$"}


class OfferFilters(BaseModel):
    """Filters of the published offers; every one is a query parameter, so a view is a link.

    Context: ``district_names``, the region's districts."""

    category: Annotated[tuple[Literal[SLUGS], ...], BeforeValidator(_slugs)] = Field(
        (), description="Category slugs; repeat the parameter for several (any of them)."
    )
    district: Annotated[str | None, BeforeValidator(_district_name)] = Field(
        None, description="A district name."
    )
    q: Annotated[str | None, BeforeValidator(_search_text), WithJsonSchema(_SEARCH_TEXT)] = Field(
        None, description="Full-text search over title, description, organisation and street."
    )
    bbox: Annotated[tuple[float, float, float, float] | None, BeforeValidator(_bbox),
                    WithJsonSchema(_BBOX_TEXT, "validation")] = Field(
        None, description="minLng,minLat,maxLng,maxLat in WGS84 degrees."
    )  # fmt: skip
    language: LanguageCode = Field(None, description="A language spoken at the offer (ISO 639-1).")
    volunteers_wanted: YesNo = Field(False, description="Only offers looking for volunteers.")
    open_now: YesNo = Field(False, description="Only offers open now (local time of the region).")


class TextLanguage(BaseModel):
    """The language of offer titles and descriptions in an answer of the API."""

    lang: LanguageCode = Field(
        None,
        description="Language of titles and descriptions where a translation exists (ISO 639-1).",
    )


# --- a map view and a page of a list (/api/map, /api/offers?limit=) ---------------------------

MAX_ZOOM = 20
MAX_PAGE_SIZE = 200


def _whole(low: int, high: int, kind: str):
    """A converter: a whole number from ``low`` to ``high`` (empty: ``None``)."""

    def convert(value: Any) -> int | None:
        text = plain_text(value).strip()
        if not text:
            return None
        try:
            return numbers.whole_number(text, low=low, high=high)
        except ValueError:
            raise problem(kind) from None

    return convert


def _point(value: Any) -> tuple[float, float] | None:
    text = plain_text(value)
    if not text:
        return None
    try:
        lat, lng = (numbers.decimal(part) for part in text.split(","))
    except ValueError:
        raise problem("near") from None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise problem("near")
    return lat, lng


# Two numbers with a comma between: meant as lat,lng (and refused as such when out of range).
_LOOKS_LIKE_POINT = re.compile(r"\s*[-+.\deE]+\s*,\s*[-+.\deE]+\s*")


def _near(value: Any) -> tuple[float, float] | str | None:
    """lat,lng, or the name of a place (a street, a postcode, a neighbourhood), which the web
    layer looks up."""
    text = plain_text(value).strip()
    if _LOOKS_LIKE_POINT.fullmatch(text):
        return _point(text)
    if len(text) > MAX_QUERY_LENGTH:
        raise problem("too_long", limit=MAX_QUERY_LENGTH)
    return text or None


def _integer(low: int, high: int) -> dict:
    return {"type": "integer", "minimum": low, "maximum": high}


class MapZoom(BaseModel):
    """The zoom of a map view (with ``bbox``, the view of ``/api/map``)."""

    zoom: Annotated[int | None, BeforeValidator(_whole(0, MAX_ZOOM, "zoom")),
                    WithJsonSchema(_integer(0, MAX_ZOOM))] = Field(
        None, description="The map's zoom level (Web-Mercator, 0 = the whole world)."
    )  # fmt: skip


class Near(BaseModel):
    """Where a list of offers is sorted from, nearest first."""

    near: Annotated[tuple[float, float] | str | None, BeforeValidator(_near),
                    WithJsonSchema(_SEARCH_TEXT, "validation")] = Field(
        None,
        description="lat,lng or a place of the region (a street, a postcode, a neighbourhood):"
        " nearest offers first, with their distance in metres.",
    )  # fmt: skip


class Paging(Near):
    """A page of a list of offers; with ``near``, nearest first."""

    limit: Annotated[int | None, BeforeValidator(_whole(1, MAX_PAGE_SIZE, "limit")),
                     WithJsonSchema(_integer(1, MAX_PAGE_SIZE))] = Field(
        None, description="Offers per page; the answer then counts all matches."
    )  # fmt: skip
    offset: Annotated[int | None, BeforeValidator(_whole(0, numbers.MAX_INTEGER, "offset")),
                      WithJsonSchema(_integer(0, numbers.MAX_INTEGER))] = Field(
        None, description="How many matching offers to skip (default 0)."
    )  # fmt: skip

"""The shape of the offer filters and the other query parameters of the public reads
(``/``, ``/list``, ``/api/offers``, ``/api/map``, the downloads), declared once (pydantic
models), as :mod:`offer_schema` declares the offer.

Derived from these models: the parameters' validation (``web/filters.py``, the OGC API's
``web/ogc_args.py``) and their part of the OpenAPI documents. A broken rule raises a
``PydanticCustomError`` whose type names its message (``filters.MESSAGES``).
"""

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, ValidationInfo, WithJsonSchema

from refugee_map.domain import numbers
from refugee_map.domain.categories import SLUGS
from refugee_map.domain.value_types import LanguageCode, YesNo, plain_text, problem

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

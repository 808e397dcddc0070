"""The shape of an offer, declared once (a pydantic model); the shape of the offer
filters is :mod:`filter_schema`.

Derived from this model: the one validation of every way in (``offers.clean``), the offer
form's fields (``web/forms.py``), the columns of import and export files
(``offers.FIELDS``) and the OpenAPI document (``web/openapi.py``). Adding a field to an
offer is one line in :class:`Offer` (plus the database migration); its ``title`` is the
German label the forms show, marked with ``N_`` and translated by the web layer.

A broken rule raises a ``PydanticCustomError`` whose type names its message; the texts,
marked for translation, are ``offers.MESSAGES``.
"""

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from refugee_map.domain.categories import SLUGS
from refugee_map.domain.value_types import (
    N_,
    Choice,
    Codes,
    Coordinate,
    Email,
    IsoDate,
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

"""One row of an import file checked: its offer cleaned with the editor's rules and the
version it was exported at, or its errors, each with what the file said where that helps."""

from dataclasses import dataclass

from refugee_map.domain import offers
from refugee_map.domain.categories import SLUGS
from refugee_map.domain.messages import gettext as _
from refugee_map.exchange import import_review as review
from refugee_map.exchange.readers import SourceRow
from refugee_map.geo.districts import Districts


@dataclass(frozen=True)
class RowError:
    label: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.field}: {self.message}"


def checked_row(
    row: SourceRow, districts: Districts, postcodes: set[str], errors: list[RowError]
) -> tuple[dict, int | None] | None:
    """The row's offer, cleaned, and the version it was exported at; None if invalid."""
    values = row.values
    if row.problem:
        errors.append(RowError(row.label, "geometry", row.problem))
        return None
    try:
        version = review.file_version(values)
    except review.BadVersion:
        message = _("Die Version ist eine ganze Zahl ab 1 (%(given)s).", given=values["version"])
        errors.append(RowError(row.label, "version", message))
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
            errors.append(RowError(row.label, name, explain(name, message, values)))
        return None
    return cleaned, version


def explain(name: str, message: str, values: dict) -> str:
    """The validator's message plus what the file said, where that helps."""
    given = str(values.get(name) or "")[:40]
    if name == "id":
        message = _("Eine Id ist eine positive ganze Zahl.")
    if name == "category":
        known = ", ".join(SLUGS)
        return _("%(message)s („%(given)s“ ist keine von %(known)s)", message=message,
                 given=given, known=known)  # fmt: skip
    if name == "lat" and values.get("lat") not in (None, ""):
        return f"{message} (lat {values.get('lat')}, lng {values.get('lng')})"
    if given:
        return f"{message} („{given}“)"
    return str(message)

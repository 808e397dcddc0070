"""Which fields differ between two versions of an offer (history, conflicts, suggestions)."""

from typing import Any

from refugee_map.domain.offer_schema import Offer

FIELDS = tuple(Offer.model_fields)


def changed(before: dict | None, after: dict | None) -> list[str]:
    """The offer fields (and the deletion mark) whose value differs, in file order."""
    before, after = before or {}, after or {}
    return [
        field
        for field in (*FIELDS, "deleted_at")
        if field != "id" and not _same(before.get(field), after.get(field))
    ]


def _same(old: Any, new: Any) -> bool:
    empty = (None, "", [], {})
    if old in empty and new in empty:
        return True
    if isinstance(old, int | float) and isinstance(new, int | float):
        return float(old) == float(new)
    return old == new

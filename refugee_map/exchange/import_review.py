"""What an import row changes in the stored offer it updates, and when a person must choose.

An exported file carries each offer's ``version`` (see ``formats.STAMP``). A row whose offer
has been saved since (its version is now higher) was written before that newer work; a row
that would move the status back (re-publish an archived offer, say) or set an older "last
checked" date would undo it too. Such a row is a :class:`Conflict`: the import skips it
unless a person chooses it.
"""

from dataclasses import dataclass
from typing import Any

from refugee_map.domain import hours, offers
from refugee_map.domain.messages import gettext as _
from refugee_map.domain.messages import lazy_gettext as _l

COMPARED_FIELDS = offers.EDITABLE_FIELDS
# The order an offer's status only moves forward in by a file.
_STATUS_ORDER = {"draft": 0, "published": 1, "archived": 2}


class BadVersion(ValueError):
    """The row's ``version`` is not a whole number of at least 1."""


@dataclass(frozen=True)
class FieldChange:
    """One field a row changes: its value in the file and in the stored offer now."""

    field: str
    in_file: Any
    now: Any

    @property
    def shown_in_file(self) -> str:
        return shown(self.field, self.in_file)

    @property
    def shown_now(self) -> str:
        return shown(self.field, self.now)


@dataclass(frozen=True)
class Conflict:
    """Why a row must not be applied unless chosen."""

    file_version: int | None
    now_version: int
    moved_back: tuple[str, ...]  # "status" and/or "verified_at" would go backwards

    @property
    def changed_since(self) -> bool:
        """The offer was saved after the file was written."""
        return self.file_version is not None and self.now_version > self.file_version

    def reasons(self) -> list[str]:
        """Why, for people."""
        found = [str(_MOVED_BACK[name]) for name in self.moved_back]
        if self.changed_since:
            found.insert(0, _("Das Angebot wurde geändert, nachdem die Datei geschrieben wurde "
                              "(Version in der Datei %(file)d, jetzt %(now)d).",
                              file=self.file_version, now=self.now_version))  # fmt: skip
        return found


_MOVED_BACK = {
    "status": _l("Die Datei würde den Status zurücksetzen."),
    "verified_at": _l("Die Datei würde „Zuletzt geprüft“ auf ein älteres Datum setzen."),
}


def file_version(values: dict) -> int | None:
    """The offer version a row was exported at; None for a file without one."""
    given = values.get("version")
    if given is None or str(given).strip() == "":
        return None
    try:
        version = int(str(given).strip())
    except ValueError:
        raise BadVersion(given) from None
    if version < 1:
        raise BadVersion(given)
    return version


def field_changes(row: dict, stored: dict) -> list[FieldChange]:
    return [
        FieldChange(name, row.get(name), stored.get(name))
        for name in COMPARED_FIELDS
        if row.get(name) != stored.get(name)
    ]


def conflict(row: dict, stored: dict, version: int | None) -> Conflict | None:
    """The conflict updating ``stored`` with ``row`` (exported at ``version``) would be."""
    moved_back = tuple(name for name in _MOVED_BACK if _backwards(name, row, stored))
    found = Conflict(version, stored["version"], moved_back)
    return found if found.changed_since or moved_back else None


def _backwards(name: str, row: dict, stored: dict) -> bool:
    if name == "status":
        return _STATUS_ORDER.get(row["status"], 0) < _STATUS_ORDER.get(stored["status"], 0)
    now, in_file = stored.get("verified_at"), row.get("verified_at")
    return bool(now) and (not in_file or in_file < now)  # ISO dates sort as they read


def shown(field: str, value: Any) -> str:
    """A field's value as people read it in the import preview."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if field == "opening_hours":
        return hours.format(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)

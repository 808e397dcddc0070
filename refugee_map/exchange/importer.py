"""Import offers from a file: validate everything first, then write all or nothing.

:func:`plan_import` checks every row with ``offers.clean`` (the editor's rules) and decides
per row: create, update (matched by id, or by organisation + title + address) or
unchanged; an update that would undo newer work is a conflict (``import_review``), skipped
unless chosen with :meth:`Plan.choose`. :func:`apply_plan` writes the plan in one
transaction, one history entry per offer with the file name as source.
:func:`import_geocoding.geocode_missing` then places the offers that came without
coordinates.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain.duplicates import Duplicate, DuplicateGroup, find_duplicates, grouped
from refugee_map.domain.messages import gettext as _
from refugee_map.domain.messages import ngettext
from refugee_map.domain.regions import Region
from refugee_map.exchange import import_review as review
from refugee_map.exchange.import_matches import StoredOffers, match_key
from refugee_map.exchange.import_rows import RowError, checked_row
from refugee_map.exchange.readers import SourceRow
from refugee_map.geo.districts import Districts, load_districts
from refugee_map.geo.geocode import load_postcodes
from refugee_map.store import offer_matches
from refugee_map.store import offers as offer_store
from refugee_map.store.regions import HOME as HOME_REGION

_LOCATION_FIELDS = ("lat", "lng", "district", "location_approximate")
WRITE_BATCH = 500  # rows per batch of writes inside the one transaction


@dataclass
class PlannedOffer:
    label: str
    action: str  # "create", "update" or "unchanged"
    offer: dict[str, Any]
    existing_id: int | None = None
    position: int = 0  # the row's place among the plan's items
    stored_version: int | None = None  # the updated offer's version when planned
    changes: list[review.FieldChange] = field(default_factory=list)
    conflict: review.Conflict | None = None

    @property
    def needs_geocoding(self) -> bool:
        return self.offer.get("lat") is None

    @property
    def key(self) -> str:
        """Names this update of this offer version in this file, whatever the language."""
        return f"{self.position}-{self.existing_id}-{self.stored_version}"


@dataclass
class Plan:
    source: str
    items: list[PlannedOffer] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    chosen: set[str] = field(default_factory=set)  # keys of the conflicts to apply

    @property
    def duplicate_groups(self) -> list[DuplicateGroup]:
        return grouped(self.duplicates)

    @property
    def conflicts(self) -> list[PlannedOffer]:
        return [item for item in self.items if item.conflict]

    def choose(self, keys: Iterable[str]) -> bool:
        """Apply these conflicts too; False (choosing none) if one is not a conflict of
        this plan any more, e.g. its offer was saved again since the preview."""
        keys = set(keys)
        if not keys <= {item.key for item in self.conflicts}:
            return False
        self.chosen = keys
        return True

    def to_write(self) -> list[PlannedOffer]:
        """The creates and updates to write: conflicts only when chosen."""
        return [
            item
            for item in self.items
            if item.action != "unchanged" and (not item.conflict or item.key in self.chosen)
        ]

    def count(self, action: str) -> int:
        return sum(item.action == action for item in self.to_write())

    def summary(self, *, done: bool) -> str:
        """What the import does (``done``: did, once written) in one line."""
        return summary(
            self.source,
            rows=len(self.items) + len({error.label for error in self.errors}),
            created=self.count("create"),
            updated=self.count("update"),
            skipped=len(self.conflicts) - len(self.chosen),
            unchanged=sum(item.action == "unchanged" for item in self.items),
            done=done,
        )


def summary(source: str, *, rows: int, created: int, updated: int, skipped: int,
            unchanged: int, done: bool) -> str:  # fmt: skip
    """What an import does, e.g. "f.csv: 5 Zeilen: 1 neues Angebot, 4 geänderte, ...";
    ``done``: the conflicts were skipped (after writing), else they will be (a preview)."""
    parts = [
        ngettext("%(num)d neues Angebot", "%(num)d neue Angebote", created),
        ngettext("%(num)d geändertes Angebot", "%(num)d geänderte Angebote", updated),
        ngettext("%(num)d unverändert", "%(num)d unverändert", unchanged),
    ]
    if skipped and done:
        parts.append(
            ngettext("%(num)d Konflikt übersprungen", "%(num)d Konflikte übersprungen", skipped)
        )
    elif skipped:
        parts.append(ngettext("%(num)d Konflikt wird übersprungen",
                              "%(num)d Konflikte werden übersprungen", skipped))  # fmt: skip
    rows_text = ngettext("%(num)d Zeile", "%(num)d Zeilen", rows)
    return f"{source}: {rows_text}: {', '.join(parts)}"


def plan_region_import(
    db: Database, rows: Iterable[SourceRow], *, source: str, region: Region
) -> Plan:
    """:func:`plan_import` into ``region``: its districts, its postcodes, its offers (the
    back office's import and ``refugee-map import --region``)."""
    folder = Path(region.region_dir)
    return plan_import(
        db, rows, source=source, districts=load_districts(folder),
        postcodes=set(load_postcodes(folder)), region=region.id,
    )  # fmt: skip


def plan_import(
    db: Database,
    rows: Iterable[SourceRow],
    *,
    source: str,
    districts: Districts,
    postcodes: set[str],
    region: int = HOME_REGION,
) -> Plan:
    """Check every row and decide what importing it would do; writes nothing.

    Only the stored offers of ``region`` the rows may update or look like are read (see
    :class:`StoredOffers`), so planning takes time and memory in step with the file.
    """
    plan = Plan(source)
    accepted = list(_accepted_rows(db, rows, districts, postcodes, plan.errors, region))
    stored = StoredOffers.for_rows(db, [cleaned for _, cleaned, _ in accepted], region)
    plan.items = [
        _planned(position, label, cleaned, version, stored.match(cleaned))
        for position, (label, cleaned, version) in enumerate(accepted)
    ]
    plan.duplicates = find_duplicates(
        [(item.label, item.offer, item.existing_id) for item in plan.items], stored.near
    )
    return plan


def _accepted_rows(
    db: Database,
    rows: Iterable[SourceRow],
    districts: Districts,
    postcodes: set[str],
    errors: list[RowError],
    region: int,
) -> Iterator[tuple[str, dict, int | None]]:
    """(label, cleaned offer, version in the file) of each valid row; what is wrong with
    the others goes to ``errors``: invalid values, an id twice in the file, the id of a
    deleted offer or of another region's."""
    valid = [
        (row.label, *cleaned)
        for row in rows
        if (cleaned := checked_row(row, districts, postcodes, errors)) is not None
    ]
    ids = [offer["id"] for _, offer, _ in valid if offer.get("id")]
    deleted = offer_matches.deleted_among(db, ids, region=region)
    elsewhere = offer_matches.elsewhere_among(db, ids, region=region)
    seen_ids: dict[int, str] = {}
    for label, cleaned, version in valid:
        offer_id = cleaned.get("id")
        if offer_id is None:
            yield label, cleaned, version
        elif problem := _id_problem(offer_id, seen_ids, deleted, elsewhere):
            errors.append(RowError(label, "id", problem))
        else:
            seen_ids[offer_id] = label
            yield label, cleaned, version


def _id_problem(
    offer_id: int, seen_ids: dict[int, str], deleted: set[int], elsewhere: set[int]
) -> str | None:
    """Why a row may not carry ``offer_id``, if it may not."""
    if offer_id in seen_ids:
        return _("Id %(id)d steht auch in %(other)s.", id=offer_id, other=seen_ids[offer_id])
    if offer_id in deleted:
        return _("Angebot %(id)d wurde gelöscht.", id=offer_id)
    if offer_id in elsewhere:
        return _("Die Id %(id)d gehört zu keinem Angebot dieser Region.", id=offer_id)
    return None


def apply_plan(
    db: Database,
    plan: Plan,
    *,
    by: str,
    progress: Callable[[int, int], None] | None = None,
    region: int | None = None,
) -> list[int]:
    """Write a plan without errors in one transaction; returns the ids to geocode. New
    offers belong to ``region`` (else the first).

    The rows are written in batches of ``WRITE_BATCH`` (new offers in one go each), and
    ``progress`` hears of each row once its batch is written.
    """
    if plan.errors:
        raise ValueError("a plan with errors must not be applied")
    to_geocode = []
    writes = plan.to_write()
    with store.writing(db):
        for start in range(0, len(writes), WRITE_BATCH):
            batch = writes[start : start + WRITE_BATCH]
            ids = _write(db, batch, by=by, source=plan.source, region=region)
            to_geocode += [
                offer_id for item, offer_id in zip(batch, ids, strict=True) if item.needs_geocoding
            ]
            for number in range(start + 1, start + len(batch) + 1) if progress else ():
                progress(number, len(writes))
    return to_geocode


def _write(
    db: Database, items: list[PlannedOffer], *, by: str, source: str, region: int | None
) -> list[int]:
    """Create or update the offers of ``items``; their ids, in the same order."""
    creates = [item.offer for item in items if item.action == "create"]
    created = iter(offer_store.create_offers(db, creates, by=by, source=source, region=region))
    return [
        next(created)
        if item.action == "create"
        else offer_store.update_offer(
            db,
            item.existing_id,
            item.offer,
            by=by,
            source=source,
            action="import",
            expected_version=item.stored_version,
        )["id"]
        for item in items
    ]


def _planned(
    position: int, label: str, cleaned: dict, version: int | None, match: dict | None
) -> PlannedOffer:
    if match is None:
        return PlannedOffer(label, "create", cleaned, position=position)
    if (
        cleaned.get("lat") is None
        and match.get("lat") is not None
        and (match_key(cleaned)[2:] == match_key(match)[2:])
    ):
        cleaned |= {name: match[name] for name in _LOCATION_FIELDS}
    changes = review.field_changes(cleaned, match)
    return PlannedOffer(
        label, "update" if changes else "unchanged", cleaned, match["id"], position,
        stored_version=match["version"], changes=changes,
        conflict=review.conflict(cleaned, match, version) if changes else None,
    )  # fmt: skip

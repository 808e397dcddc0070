"""Likely duplicates among imported rows and stored offers, for people to check.

Two offers look alike when they share organisation and address, or when their points
are less than ``NEAR_METRES`` apart and their titles are similar. These are hints shown
in the import preview, pairs joined into groups (:func:`grouped`); they never block an
import.
"""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from refugee_map.domain.messages import gettext as _
from refugee_map.domain.messages import lazy_gettext as _l

NEAR_METRES = 50.0
SIMILAR_TITLES = 0.8  # difflib ratio of the case-folded titles
_CELL_DEGREES = 0.0005  # grid cell for the near-points search (~55 m north-south)
SAME_ADDRESS = _l("gleiche Organisation und Adresse")
NEAR_AND_SIMILAR = _l("Punkte weniger als 50 m voneinander entfernt, ähnliche Titel")


@dataclass(frozen=True)
class Duplicate:
    label: str  # the imported row
    other: str  # another row ("Zeile 7") or a stored offer ("Angebot 12")
    reason: str

    def __str__(self) -> str:
        return _("%(label)s ähnelt %(other)s: %(reason)s", label=self.label, other=self.other,
                 reason=self.reason)  # fmt: skip


@dataclass(frozen=True)
class DuplicateGroup:
    """Rows and stored offers that look alike, one to another: one line for people."""

    labels: tuple[str, ...]
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"{', '.join(self.labels)}: {'; '.join(self.reasons)}"


def grouped(duplicates: list[Duplicate]) -> list[DuplicateGroup]:
    """The pairs joined into groups (row 2 like row 3, row 3 like offer 9: one group), in
    the order they were found."""
    parent: dict[str, str] = {}

    def root(label: str) -> str:
        while parent.setdefault(label, label) != label:
            label = parent[label]
        return label

    for duplicate in duplicates:
        parent[root(duplicate.other)] = root(duplicate.label)
    groups: dict[str, tuple[dict, dict]] = {}  # root -> (labels, reasons) as ordered sets
    for duplicate in duplicates:
        labels, reasons = groups.setdefault(root(duplicate.label), ({}, {}))
        labels.update(dict.fromkeys((duplicate.label, duplicate.other)))
        reasons[str(duplicate.reason)] = None
    return [DuplicateGroup(tuple(labels), tuple(reasons)) for labels, reasons in groups.values()]


@dataclass(frozen=True)
class _Entry:
    label: str
    offer: dict
    imported: bool


def find_duplicates(
    planned: list[tuple[str, dict, int | None]], stored_near: Callable[[dict], Iterable[dict]]
) -> list[Duplicate]:
    """Pairs involving at least one imported row; ``planned`` is (label, offer, matched id).

    ``stored_near(offer)`` gives the stored offers that may look like an imported one: at
    least those at its organisation and address (:func:`address_key`) and those inside
    its :func:`search_box`. So the work grows with the file, not with the stored offers.
    """
    matched = {offer_id for _, _, offer_id in planned if offer_id is not None}
    imported = [_Entry(label, offer, True) for label, offer, _ in planned]
    order = {id(entry): index for index, entry in enumerate(imported)}
    found: dict[tuple[str, str], Duplicate] = {}
    pairs = (*_same_address(imported), *_near_and_similar(imported))
    for *pair, reason in pairs:
        first, second = sorted(pair, key=lambda entry: order[id(entry)])
        found.setdefault((first.label, second.label), Duplicate(first.label, second.label, reason))
    for first, second, reason in _like_stored(imported, stored_near, matched):
        found.setdefault((first.label, second.label), Duplicate(first.label, second.label, reason))
    position = {entry.label: index for index, entry in enumerate(imported)}  # stored: last
    return sorted(
        found.values(),
        key=lambda pair: (position[pair.label], position.get(pair.other, len(position))),
    )


def address_key(offer: dict) -> tuple[str, str, str] | None:
    """Organisation, street and postcode, case and spacing ignored; None without an
    organisation or a street."""
    key = tuple(fold(offer.get(name)) for name in ("organization", "street", "postcode"))
    return key if key[0] and key[1] else None


def search_box(offer: dict) -> tuple[float, float, float, float] | None:
    """The box (min lng, min lat, max lng, max lat) holding every point less than
    ``NEAR_METRES`` from the offer's, or None for an offer without a point."""
    if offer.get("lat") is None:
        return None
    d_lat = math.degrees(NEAR_METRES / 6_371_000) * 1.01  # a little more, never less
    d_lng = d_lat / max(math.cos(math.radians(abs(offer["lat"]) + d_lat)), 0.01)
    return offer["lng"] - d_lng, offer["lat"] - d_lat, offer["lng"] + d_lng, offer["lat"] + d_lat


def _like_stored(imported: list[_Entry], stored_near, matched: set[int]):
    """(imported, stored, reason) for each stored offer an imported row looks like."""
    for first in imported:
        key = address_key(first.offer)
        placed = first.offer.get("lat") is not None
        for offer in stored_near(first.offer):
            if offer["id"] in matched:
                continue
            second = _Entry(_("Angebot %(id)d", id=offer["id"]), offer, False)
            if key and fold(offer.get("street")) == key[1] and key == address_key(offer):
                yield first, second, SAME_ADDRESS
            elif placed and offer.get("lat") is not None and _alike(first.offer, offer):
                yield first, second, NEAR_AND_SIMILAR


def _same_address(entries: list[_Entry]):
    groups: dict[tuple[str, str, str], list[_Entry]] = defaultdict(list)
    for entry in entries:
        key = address_key(entry.offer)
        if key:
            groups[key].append(entry)
    for group in groups.values():
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                yield first, second, SAME_ADDRESS


def _near_and_similar(entries: list[_Entry]):
    cells: dict[tuple[int, int], list[_Entry]] = defaultdict(list)
    placed = [entry for entry in entries if entry.offer.get("lat") is not None]
    for entry in placed:
        cells[_cell(entry.offer)].append(entry)
    for first in placed:
        row, column = _cell(first.offer)
        for d_row in (-1, 0, 1):
            for d_column in (-1, 0, 1):
                for second in cells.get((row + d_row, column + d_column), []):
                    if id(first) < id(second) and _alike(first.offer, second.offer):
                        yield first, second, NEAR_AND_SIMILAR


def _alike(first: dict, second: dict) -> bool:
    if _metres(first, second) >= NEAR_METRES:
        return False
    return _similar_titles(first["title"], second["title"])


@lru_cache(maxsize=100_000)
def _similar_titles(first: str, second: str) -> bool:
    """Titles repeat ("Deutschkurs"), so a large import compares the same pairs often."""
    matcher = SequenceMatcher(None, fold(first), fold(second))
    # each ratio is an upper bound of the next and cheaper to compute
    return all(
        ratio() >= SIMILAR_TITLES
        for ratio in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio)
    )


def _cell(offer: dict) -> tuple[int, int]:
    lng_cell = _CELL_DEGREES / max(math.cos(math.radians(offer["lat"])), 0.01)
    return math.floor(offer["lat"] / _CELL_DEGREES), math.floor(offer["lng"] / lng_cell)


def _metres(first: dict, second: dict) -> float:
    """Equirectangular distance: exact enough below a kilometre."""
    mean_lat = math.radians((first["lat"] + second["lat"]) / 2)
    d_lat = math.radians(second["lat"] - first["lat"])
    d_lng = math.radians(second["lng"] - first["lng"]) * math.cos(mean_lat)
    return 6_371_000 * math.hypot(d_lat, d_lng)


def fold(value) -> str:
    """The text with case and spacing ignored."""
    return " ".join(str(value or "").casefold().split())

"""The stored offers an import's rows update or look like, found without reading them all.

A row updates the stored offer with its id or, without an id, the one with the same
:func:`match_key`; it may look like the stored offers at its organisation and address or
close to its point (``domain.duplicates``). :class:`StoredOffers` reads just those.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlite_utils import Database

from refugee_map.domain.duplicates import address_key, fold, search_box
from refugee_map.store import offer_matches

_MATCHED_FIELDS = ("organization", "title", "street", "postcode")  # order of addresses()


def match_key(offer: dict) -> tuple[str, ...]:
    """Organisation + title + address, case and spacing ignored."""
    return tuple(fold(offer.get(name)) for name in _MATCHED_FIELDS)


@dataclass
class StoredOffers:
    """The stored offers that matter to an import's rows: those they match (by id, or by
    :func:`match_key`) and those at the same organisation and address."""

    db: Database
    region: int  # the import's: offers of other regions are not seen
    by_id: dict[int, dict]
    by_key: dict[tuple[str, ...], dict]
    by_address: dict[tuple[str, str, str], list[dict]]

    @classmethod
    def for_rows(cls, db: Database, rows: list[dict], region: int) -> "StoredOffers":
        ids = {row["id"] for row in rows if row.get("id") is not None}
        keys = {match_key(row) for row in rows if row.get("id") is None}
        addresses = {address_key(row) for row in rows} - {None}
        key_ids: dict[tuple[str, ...], int] = {}
        address_ids: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        postcodes = {row.get("postcode") or "" for row in rows}
        streets = {key[2] for key in keys} | {address[1] for address in addresses}
        stored = offer_matches.addresses(db, postcodes, region=region)
        for offer_id, *fields in stored:  # the last key wins
            if fold(fields[2]) not in streets:  # most offers: one fold, not four
                continue
            organization, title, street, postcode = key = tuple(map(fold, fields))
            if key in keys:
                key_ids[key] = offer_id
            if (organization, street, postcode) in addresses:
                address_ids[organization, street, postcode].append(offer_id)
        wanted = {*ids, *key_ids.values(), *(i for group in address_ids.values() for i in group)}
        found = offer_matches.offers_by_ids(db, wanted, region=region)
        offers = {offer["id"]: offer for offer in found}
        return cls(
            db,
            region,
            by_id={offer_id: offers[offer_id] for offer_id in ids if offer_id in offers},
            by_key={key: offers[offer_id] for key, offer_id in key_ids.items()},
            by_address={a: [offers[i] for i in group] for a, group in address_ids.items()},
        )

    def match(self, row: dict) -> dict | None:
        """The stored offer ``row`` updates: by id when it has one, else by its key."""
        if row.get("id") is not None:
            return self.by_id.get(row["id"])
        return self.by_key.get(match_key(row))

    def near(self, row: dict) -> list[dict]:
        """The stored offers ``row`` may look like: same address, or close by."""
        box = search_box(row)
        close = offer_matches.offers_in_box(self.db, box, region=self.region) if box else []
        return [*self.by_address.get(address_key(row), []), *close]

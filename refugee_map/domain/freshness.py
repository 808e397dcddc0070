"""Keeping offers current: which are stale, confirming and archiving them, and the figures
the agency reports to its funders (offers per category and district, share confirmed,
page views per offer and month - counted without addresses or cookies).

Plain functions over a sqlite-utils ``Database``; nothing here knows about HTTP.
"""

import hashlib
import re
from datetime import date, timedelta
from itertools import groupby

from sqlite_utils import Database

from refugee_map.domain import mail
from refugee_map.store import confirmations
from refugee_map.store import offers as offer_store
from refugee_map.store import views as page_views
from refugee_map.store.views import count_view  # noqa: F401 (re-exported)

PROVIDER_CONFIRMATION = "provider confirmation"
# Crawlers and link previews say who they are; what does not is counted.
_BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python|httpx|java/|go-http|"
    r"headless|lighthouse|facebookexternalhit|whatsapp|telegram|discord|skype",
    re.IGNORECASE,
)


def stale_before(today: date, stale_days: int) -> str:
    """Offers confirmed before this ISO date are stale."""
    return (today - timedelta(days=int(stale_days))).isoformat()


def is_stale(offer: dict, today: date, stale_days: int) -> bool:
    verified = offer.get("verified_at")
    return not verified or verified < stale_before(today, stale_days)


def stale_offers(db: Database, today: date, stale_days: int, *, region: int) -> list[dict]:
    """The region's published offers not confirmed within ``stale_days``, by district,
    category, age."""
    found = offer_store.find_offers(db, offer_store.OfferQuery(region=region))
    stale = [offer for offer in found if is_stale(offer, today, stale_days)]
    return sorted(
        stale,
        key=lambda o: (o["district"] is None, o["district"] or "", o["category"],
                       o["verified_at"] or "", o["title"].casefold()),
    )  # fmt: skip


def grouped(offers: list[dict]) -> list[tuple[str | None, list[tuple[str, list[dict]]]]]:
    """``stale_offers`` as [(district, [(category, offers)])], in the same order."""
    return [
        (district, [(category, list(items)) for category, items in groupby(rows, _category)])
        for district, rows in ((d, list(r)) for d, r in groupby(offers, _district))
    ]


def _district(offer: dict) -> str | None:
    return offer["district"]


def _category(offer: dict) -> str:
    return offer["category"]


def confirm(
    db: Database,
    offer_id: int,
    today: date,
    *,
    by: str,
    source: str = "",
    expected_version: int | None = None,
) -> dict:
    """The offer is still valid as it is: ``verified_at`` becomes ``today``."""
    return offer_store.update_offer(
        db, offer_id, {"verified_at": today.isoformat()}, by=by, action="verify", source=source,
        expected_version=expected_version,
    )  # fmt: skip


def archive(db: Database, offer_id: int, *, by: str, source: str = "") -> dict:
    return offer_store.update_offer(
        db, offer_id, {"status": "archived"}, by=by, action="status", source=source
    )


# --- the provider's confirmation link, used once -----------------------------------------


class LinkSpent(Exception):
    """The provider has already confirmed or sent a change through this link."""


def _digest(token: str) -> str:
    return hashlib.sha256(mail.link_identity(token).encode()).hexdigest()


def link_spent(db: Database, token: str) -> bool:
    return confirmations.link_spent(db, _digest(token))


def spend_link(db: Database, token: str, offer_id: int) -> None:
    """Mark the link used; :class:`LinkSpent` if it was (also when two uses race)."""
    if not confirmations.spend_link(db, _digest(token), offer_id):
        raise LinkSpent()


# --- page views -------------------------------------------------------------------------


def is_bot(user_agent: str | None) -> bool:
    return not user_agent or bool(_BOTS.search(user_agent))


def last_months(today: date, count: int) -> list[str]:
    """``count`` months ending with ``today``'s, oldest first, as ``YYYY-MM``."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def views(db: Database, months: list[str], *, region: int) -> list[dict]:
    """Per offer of the region with views in ``months``: id, title, views per month and
    total, most first."""
    if not months:
        return []
    per_offer: dict[int, dict] = {}
    for row in page_views.views_by_offer(db, months, region=region):
        entry = per_offer.setdefault(
            row["offer_id"],
            {"id": row["offer_id"], "title": row["title"], "months": dict.fromkeys(months, 0)},
        )
        entry["months"][row["month"]] = row["views"]
    result = [entry | {"total": sum(entry["months"].values())} for entry in per_offer.values()]
    return sorted(result, key=lambda entry: (-entry["total"], entry["title"].casefold()))


def views_per_month(db: Database, months: list[str], *, region: int) -> list[tuple[str, int]]:
    """Views of the region's offers in each of ``months``."""
    counted = page_views.views_by_month(db, months, region=region)
    return list((dict.fromkeys(months, 0) | counted).items())


# --- figures ----------------------------------------------------------------------------


def figures(db: Database, today: date, stale_days: int, *, region: int) -> dict:
    """The dashboard's numbers over the region's published offers."""
    published = offer_store.find_offers(db, offer_store.OfferQuery(region=region))
    year_ago = stale_before(today, 365)
    per_category: dict[str, int] = {}
    per_district: dict[str, int] = {}
    for offer in published:
        per_category[offer["category"]] = per_category.get(offer["category"], 0) + 1
        district = offer["district"] or ""
        per_district[district] = per_district.get(district, 0) + 1
    confirmed = sum(1 for offer in published if (offer["verified_at"] or "") >= year_ago)
    return {
        "published": len(published),
        "per_category": sorted(per_category.items(), key=lambda item: (-item[1], item[0])),
        "per_district": sorted(per_district.items(), key=lambda item: (-item[1], item[0])),
        "confirmed_last_year": confirmed,
        "confirmed_share": confirmed / len(published) if published else 0.0,
        "stale": sum(1 for offer in published if is_stale(offer, today, stale_days)),
    }

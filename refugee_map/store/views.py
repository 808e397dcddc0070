"""Page views per offer and month, counted without anything about the visitor.

Plain functions over a sqlite-utils ``Database``; what counts as a view and the figures
made of them are ``domain.freshness``.
"""

from sqlite_utils import Database

from refugee_map import store


def count_view(db: Database, offer_id: int, month: str) -> None:
    """One more view of the offer in ``month`` (``YYYY-MM``). Never waits for another
    writer (:class:`store.Busy` at once): a page is not held up for its count."""
    with store.writing(db, wait=False):
        db.execute(
            "INSERT INTO offer_views (offer_id, month, views) VALUES (?, ?, 1) "
            "ON CONFLICT (offer_id, month) DO UPDATE SET views = offer_views.views + 1",
            [offer_id, month],
        )


def views_by_offer(db: Database, months: list[str], *, region: int) -> list[dict]:
    """Rows of offer_id, title, month and views for the region's offers viewed in
    ``months``."""
    marks = ", ".join("?" * len(months))
    return list(
        db.query(
            "SELECT v.offer_id, v.month, v.views, o.title FROM offer_views v"
            f" JOIN offers o ON o.id = v.offer_id WHERE o.region_id = ? AND v.month IN ({marks})",
            [region, *months],
        )
    )


def views_by_month(db: Database, months: list[str], *, region: int) -> dict[str, int]:
    """Views of the region's offers per month, for the months of ``months`` with any."""
    marks = ", ".join("?" * len(months))
    query = (
        "SELECT v.month, sum(v.views) AS n FROM offer_views v JOIN offers o ON o.id = v.offer_id"
        f" WHERE o.region_id = ? AND v.month IN ({marks}) GROUP BY 1"
    )
    return {row["month"]: row["n"] for row in db.query(query, [region, *months])}

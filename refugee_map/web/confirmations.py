"""A provider's confirmation link (``/confirm/<token>``, sent by the freshness page): is it
still good, and spending it - exactly once, together with what it confirms or changes.

The pages themselves are views of the ``suggestions`` blueprint; a refused link raises
:class:`LinkRefused`, which that blueprint shows as ``confirm_invalid.html``.
"""

from flask import current_app

from refugee_map import store
from refugee_map.domain import freshness, mail
from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web import editing


class LinkRefused(Exception):
    """A provider's link that may not be used (any more): ``problem`` for the page."""

    def __init__(self, problem: str, status: int):
        super().__init__(problem)
        self.problem = problem
        self.status = status


def provider_offer(token: str, offer_id: int | None = None) -> dict:
    """The offer a provider's link is for, when the link is genuine, not expired, for this
    offer (``offer_id``), not used yet and the offer still published as it was when the
    link was sent; else :class:`LinkRefused`."""
    try:
        linked_id, version = mail.read_token(current_app.config["SECRET_KEY"], token, _link_days())
    except mail.LinkInvalid as error:
        problem, status = ("expired", 410) if error.expired else ("invalid", 400)
        raise LinkRefused(problem, status) from None
    if offer_id is not None and offer_id != linked_id:
        raise LinkRefused("invalid", 400)
    db = web.get_db()
    offer = web.in_region(offer_store.get_offer(db, linked_id, public=False))
    if offer is None or offer["deleted_at"] or offer["status"] != "published":
        raise LinkRefused("gone", 404)
    if offer["version"] != version or freshness.link_spent(db, token):
        raise LinkRefused("used", 409)
    return offer


def confirm(token: str, offer: dict) -> None:
    """The provider confirms ``offer`` as it is: the link is spent in the same write."""
    db = web.get_db()
    try:
        with store.writing(db):
            spend(db, token, offer["id"])
            freshness.confirm(
                db, offer["id"], editing.today(), by=offer["email"] or "provider",
                source=freshness.PROVIDER_CONFIRMATION, expected_version=offer["version"],
            )  # fmt: skip
    except offer_store.VersionConflict:
        raise LinkRefused("used", 409) from None


def spend(db, token: str, offer_id: int) -> None:
    """Mark the link used (inside the caller's write); a link used already is refused."""
    try:
        freshness.spend_link(db, token, offer_id)
    except freshness.LinkSpent:
        raise LinkRefused("used", 409) from None


def _link_days() -> int:
    return int(current_app.config["CONFIRM_LINK_DAYS"])

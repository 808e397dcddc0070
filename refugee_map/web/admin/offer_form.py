"""The one offer-form flow of the back office, used by the offer pages and by the review
page's "edit, then accept": show the form; on a post, the "find" button (geocode, show
again), else validate (422 with every bad field) and save (409 with both sides when
someone saved first), and on success go to the offer's page.
"""

from collections.abc import Callable

from flask import flash, redirect, render_template, request, url_for

from refugee_map.domain import numbers
from refugee_map.domain import offers as offer_rules
from refugee_map.domain.categories import CATEGORIES
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web import editing, forms, i18n

# Saves the cleaned values, given the version the editor loaded; returns the offer's id
# and raises offer_store.VersionConflict when the offer has moved on.
Save = Callable[[dict, int | None], int]


class OfferForm:
    """The form for ``offer`` (None: a new one), posted to ``action`` (None: the offer
    pages' own URL)."""

    def __init__(self, offer: dict | None = None, *, action: str | None = None):
        self.offer = offer
        self.action = action

    def show(self, values: dict, **extra) -> tuple[str, int]:
        """The form filled with ``values``, at the version of the offer as loaded."""
        return self.render(values, version=self.offer and self.offer["version"], **extra)

    def submit(self, save: Save, saved_message: str):
        """Handle the posted form: geocode, or validate and save with ``save``."""
        values = forms.form_values(request.form)
        version = request.form.get("version", type=numbers.whole_number)
        if request.form.get("action") == "geocode":
            return self._geocoded(values, version)
        try:
            cleaned = editing.clean(values)
        except offer_rules.OfferInvalid as error:
            return self.render(values, errors=error.errors, status=422, version=version)
        try:
            offer_id = save(cleaned, version)
        except offer_store.VersionConflict as conflict:
            return self._conflict(values, cleaned, version, conflict.current)
        flash(saved_message, "success")
        return redirect(url_for("admin_offers.edit", offer_id=offer_id))

    def render(self, values: dict, *, offer: dict | None = None, errors=None, status=200,
               **extra) -> tuple[str, int]:  # fmt: skip
        offer = offer or self.offer
        return render_template(
            "admin/offer_form.html",
            values=values,
            offer=offer,
            errors=errors or {},
            form_action=self.action,
            categories=CATEGORIES,
            district_names=web.districts().names,
            statuses=forms.STATUS_LABELS,
            target_groups=offer_rules.TARGET_GROUPS,
            language_options=forms.language_options(i18n.current_language()),
            hours_rows=forms.hours_rows(values["opening_hours"]),
            map_config=map_config(),
            stale=bool(offer) and editing.is_stale(offer),
            **extra,
        ), status

    def _geocoded(self, values: dict, version: int | None) -> tuple[str, int]:
        """The "find" button without JavaScript: geocode, then show the form again."""
        values, message, ok = editing.place_by_address(values)
        return self.render(values, version=version, geocode_message=(message, ok))

    def _conflict(self, values: dict, mine: dict, version: int | None, current: dict):
        """Someone saved first: show what they changed, keep every value the editor typed."""
        base = offer_history.version_snapshot(web.get_db(), current["id"], version)
        theirs = forms.changed_fields(base or mine, current)
        yours = {row["field"]: row for row in forms.changed_fields(current, mine)}
        for row in theirs:
            row["yours"] = forms.display(row["field"], mine.get(row["field"]))
            row["differs"] = row["field"] in yours
        return self.render(
            values,
            offer=current,
            status=409,
            version=current["version"],
            conflict={"changes": theirs, "by": current["updated_by"], "at": current["updated_at"]},
        )


def map_config() -> dict:
    return web.map_settings() | {
        "geocodeUrl": url_for("admin_offers.geocode"),
        "locateUrl": url_for("admin_offers.locate"),
        "strings": {key: str(text) for key, text in editing.LOCATION_STRINGS.items()},
    }

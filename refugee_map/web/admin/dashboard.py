"""The figures for funders and the team (``/admin/dashboard``): offers by category and
district, how current they are, open review items and page views per month."""

from flask import render_template
from flask_babel import lazy_gettext as _l

from refugee_map.domain import freshness, submissions
from refugee_map.domain.categories import CATEGORIES
from refugee_map.web import context as web
from refugee_map.web import editing
from refugee_map.web.admin.gate import back_office_blueprint
from refugee_map.web.auth import requires

bp = back_office_blueprint("admin_dashboard", __name__)

VIEW_MONTHS = 6


@bp.get("/dashboard")
@requires("offers")
def index():
    db, region = web.get_db(), web.region().id
    today = editing.today()
    months = freshness.last_months(today, VIEW_MONTHS)
    figures = freshness.figures(db, today, editing.stale_days(), region=region)
    labels = {c.slug: str(c.label) for c in CATEGORIES}
    return render_template(
        "admin/review/dashboard.html",
        figures=figures,
        per_category=[(labels.get(slug, slug), n) for slug, n in figures["per_category"]],
        per_district=[
            (name or str(_l("ohne Stadtbezirk")), n) for name, n in figures["per_district"]
        ],
        counts=submissions.open_counts(db, region=region),
        months=months,
        monthly=freshness.views_per_month(db, months, region=region),
        views=freshness.views(db, months, region=region)[:50],
    )

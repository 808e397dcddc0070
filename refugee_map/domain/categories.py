"""The six offer categories. The slugs are a fixed contract (URLs, API, files)."""

from dataclasses import dataclass

from refugee_map.domain.messages import lazy_gettext as _l


@dataclass(frozen=True)
class Category:
    slug: str
    label: str  # lazy: translated when rendered
    colour: str  # marker and legend colour, AA contrast against white text
    icon: str  # file stem under static/icons/, so colour is never the only signal


CATEGORIES = (
    Category("counselling", _l("Beratungsangebote"), "#1d5a9e", "counselling"),
    Category("donations", _l("Kleider- und Möbelspenden"), "#9a4a12", "donations"),
    Category("education", _l("Bildungsangebote"), "#2b6e2f", "education"),
    Category("sponsorship", _l("Patenschaftsangebote"), "#7f2a78", "sponsorship"),
    Category("leisure", _l("Sport-, Freizeit- und Kulturangebote"), "#a8251d", "leisure"),
    Category("meeting-points", _l("Treffpunkte"), "#00645a", "meeting-points"),
)
BY_SLUG = {category.slug: category for category in CATEGORIES}
SLUGS = tuple(BY_SLUG)

"""The vendored browser libraries (``static/vendor/``, from their npm packages, with their
licences): the one place that names their files, as paths inside the static folder.

Pages load them through ``templates/_leaflet.html``, the service worker keeps them for
offline use (web/offline.py), the standalone map inlines them (exchange/standalone_map.py).
A new version is a new folder name here.
"""

LEAFLET_DIR = "vendor/leaflet-1.9.4"
CLUSTER_DIR = "vendor/leaflet.markercluster-1.5.3"

LEAFLET_CSS = (f"{LEAFLET_DIR}/leaflet.css",)
LEAFLET_JS = (f"{LEAFLET_DIR}/leaflet.js",)
# MarkerCluster's layout, and its default look of a group (the coloured circles): the map page
# draws its groups itself (static/js/map/count-marker.js), so it loads only the layout.
CLUSTER_LAYOUT_CSS = (f"{CLUSTER_DIR}/MarkerCluster.css",)
CLUSTER_CSS = (*CLUSTER_LAYOUT_CSS, f"{CLUSTER_DIR}/MarkerCluster.Default.css")
CLUSTER_JS = (f"{CLUSTER_DIR}/leaflet.markercluster.js",)


def stylesheets(*, cluster: bool = False) -> tuple[str, ...]:
    """Leaflet's stylesheets; ``cluster``: MarkerCluster's layout too."""
    return LEAFLET_CSS + CLUSTER_LAYOUT_CSS if cluster else LEAFLET_CSS


def scripts(*, cluster: bool = False) -> tuple[str, ...]:
    """Leaflet's script; ``cluster``: MarkerCluster's after it."""
    return LEAFLET_JS + CLUSTER_JS if cluster else LEAFLET_JS


EVERY_FILE = stylesheets(cluster=True) + scripts(cluster=True)

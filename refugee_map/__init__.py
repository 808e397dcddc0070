"""refugee_map: a city map of offers for refugees and newcomers."""

from flask import Flask

from refugee_map import config
from refugee_map.config import PROJECT_DIR
from refugee_map.web import api_errors, assets, compression, faults, i18n, places, regions, security
from refugee_map.web import context as web


def create_app(test_config: dict | None = None) -> Flask:
    """The application factory: settings from the environment, then ``test_config``."""
    app = Flask(__name__, template_folder=str(PROJECT_DIR / "templates"), static_folder=None)
    config.load(app, test_config)
    assets.init_app(app)  # static files under fingerprinted URLs
    i18n.init_app(app)
    web.init_app(app)
    security.init_app(app)
    compression.init_app(app)
    faults.init_app(app)  # a busy or full database: 503 / 507, the input kept
    api_errors.init_app(app)  # /api/* errors as JSON in the asked-for language
    places.init_app(app)  # the region's gazetteer read once: a bad places.csv stops here

    from refugee_map.web import (
        admin,
        api,
        downloads,
        handout,
        network,
        offline,
        ogc,
        public,
        suggestions,
    )

    app.register_blueprint(public.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    app.register_blueprint(ogc.bp, url_prefix="/ogc")  # OGC API - Features for GIS clients
    app.register_blueprint(downloads.bp)
    app.register_blueprint(offline.bp)  # /sw.js and the manifest, at the site root
    app.add_url_rule("/healthz", view_func=api.healthz)
    admin.init_app(app)  # accounts, app-wide CSRF protection, the /admin pages
    app.register_blueprint(suggestions.bp)  # /suggest, reports, confirmation links
    app.register_blueprint(handout.bp)  # /handout: printable A4 sheets per district
    network.init_app(app)  # /network/: every region's offers, read-only
    regions.init_app(app)  # the region from the URL: after the routes, whose prefixes it skips
    return app

"""Fixtures of two regions (Dortmund, the settings' region, and Bochum); a test module
using them says ``pytest_plugins = ["regions_fixtures"]``."""

import pytest
from regions_support import region_command, write_region_folder
from samples import CENTRE_OFFER

from refugee_map import create_app
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store


@pytest.fixture
def bochum(tmp_path):
    return write_region_folder(tmp_path / "bochum")


@pytest.fixture
def two_regions(app, bochum):
    """The test app with Bochum added beside the region of the settings (Dortmund)."""
    result = region_command(app.config["DB"], "add", "bochum", "--from", str(bochum))
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def by_host(two_regions):
    """The two regions at host names: Bochum at karte.bochum.example, Dortmund elsewhere."""
    hosts = {"bochum": "karte.bochum.example"}
    return create_app(dict(two_regions.config) | {"REGION_URLS": "host", "REGION_HOSTS": hosts})


@pytest.fixture
def offers_in_both(two_regions, db, make_offer):
    """One published offer in each region: (Dortmund's, Bochum's)."""
    dortmund = make_offer(title="Beratung Dortmund")
    with two_regions.app_context():
        cleaned = offers.clean(CENTRE_OFFER | {"title": "Beratung Bochum", "city": "Bochum"})
    bochum_fields = cleaned | {"lat": 51.48, "lng": 7.22, "district": "Bochum-Mitte"}
    bochum = offer_store.create_offer(db, bochum_fields, by="test", region=2)
    return dortmund, bochum

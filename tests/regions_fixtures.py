"""Fixtures of two regions (Dortmund, the settings' region, and Bochum); a test module
using them says ``pytest_plugins = ["regions_fixtures"]``."""

import pytest
from regions_support import region_command, write_region_folder

from refugee_map import create_app


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

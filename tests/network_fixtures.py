"""Three regions with offers, for the network-wide reads (``/network/``): Dortmund (the
settings' region), Bochum and Herne, each with the offers of :mod:`network_support`. A
test module says ``pytest_plugins = ["regions_fixtures", "network_fixtures"]``."""

import pytest
from network_support import HERNE_TOML, OFFERS
from regions_support import region_command, write_region_folder
from samples import CENTRE_OFFER

from refugee_map.domain import offers
from refugee_map.store import offers as offer_store


@pytest.fixture
def three_regions(two_regions, tmp_path):
    """The test app with Bochum and Herne beside Dortmund."""
    herne = write_region_folder(tmp_path / "herne", HERNE_TOML)
    result = region_command(two_regions.config["DB"], "add", "herne", "--from", str(herne))
    assert result.exit_code == 0, result.output
    return two_regions


@pytest.fixture
def network_offers(three_regions, db) -> dict[str, dict]:
    """:data:`OFFERS` stored, by title."""
    made = {}
    for title, (region, category, lng, lat, status) in OFFERS.items():
        values = CENTRE_OFFER | {"title": title, "category": category, "status": status}
        with three_regions.app_context():
            cleaned = offers.clean(values)
        fields = cleaned | {"lng": float(lng), "lat": float(lat)}
        made[title] = offer_store.create_offer(db, fields, by="test", region=region)
    return made

"""The issue's "done when", end to end: a network of three regions (Dortmund, the region of
the settings, Bochum and Essen, added with ``refugee-map region add``) on one database,
served by two ``refugee-map serve`` processes; each region's agency sees only its own data,
a GIS client (GDAL's OAPIF driver) reads the offers over OGC API per region and across the
network. Everything goes over HTTP to the real processes, as behind a reverse proxy; the
offers are created in each region's back office. On both engines: PostgreSQL, and two
processes over one SQLite file (WAL)."""

import json
import re
from types import SimpleNamespace

import pyogrio
import pytest
from admin_support import PASSWORD
from e2e_support import Browser, command, create_user, serving, settings
from regions_support import ESSEN, ESSEN_TOML, write_region_folder
from samples import CENTRE_OFFER

# Each region's offers: title -> where (postcode, lat, lng), all inside its districts.
OFFERS = {
    "dortmund": {"Beratung Dortmund": ("44137", "51.5142", "7.4652"),
                 "Deutschkurs Dortmund": ("44145", "51.5250", "7.4560")},
    "bochum": {"Beratung Bochum": ("44787", "51.48", "7.22"),
               "Deutschkurs Bochum": ("44787", "51.47", "7.23")},
    "essen": {"Beratung Essen": ("45127", "51.43", "6.97"),
              "Deutschkurs Essen": ("45127", "51.42", "6.96")},
}  # fmt: skip
REGIONS = tuple(OFFERS)
SUGGESTED = {region: f"Vorschlag {region.capitalize()}" for region in REGIONS}
NETWORK_ADMIN = "netz@example.org"
# An offer as the back office's form sends it (its languages: one field per language).
FORM = CENTRE_OFFER | {"languages": ["de", "en"]}
WORLD = "bbox=-179,-80,179,80"


def admin_of(region: str) -> str:
    return f"admin@{region}.example"


@pytest.fixture(scope="module")
def network(lasting_database, tmp_path_factory):
    """The network, set up as a network's operator would: regions and accounts by command,
    then two processes; each region's admin creates its offers through process 1, and a
    visitor suggests one offer in each region. Yields the processes' base URLs."""
    folder = tmp_path_factory.mktemp("network")
    environment = settings(lasting_database("network"))
    add_regions(environment, folder)
    for region in REGIONS:
        create_user(environment, admin_of(region), "admin", "--region", region)
    create_user(environment, NETWORK_ADMIN, "network-admin")
    with serving(environment, 2, folder) as processes:
        for region in REGIONS:
            create_offers(processes[0], region)
            suggest(processes[1], region)
        yield SimpleNamespace(first=processes[0], second=processes[1])


def add_regions(environment: dict, folder) -> None:
    bochum = write_region_folder(folder / "bochum")
    essen = write_region_folder(folder / "essen", ESSEN_TOML, ESSEN)
    for slug, region_folder in (("bochum", bochum), ("essen", essen)):
        command(environment, "region", "add", slug, "--from", str(region_folder))
    listed = command(environment, "region", "list")
    assert [line.split("\t")[0] for line in listed.splitlines()] == list(REGIONS)


def create_offers(base: str, region: str) -> None:
    admin = Browser()
    assert admin.sign_in(f"{base}/{region}/admin", admin_of(region)).status == 302
    for title, (postcode, lat, lng) in OFFERS[region].items():
        form = FORM | {"title": title, "postcode": postcode, "lat": lat, "lng": lng,
                       "city": region.capitalize()}  # fmt: skip
        created = admin.post(f"{base}/{region}/admin/offers/new", form)
        assert created.status == 302, re.findall(r"field-error[^>]*>([^<]*)<", created.text)


def suggest(base: str, region: str) -> None:
    postcode, lat, lng = next(iter(OFFERS[region].values()))
    form = {"category": "education", "title": SUGGESTED[region], "postcode": postcode,
            "lat": lat, "lng": lng, "email": "kurs@example.org"}  # fmt: skip
    assert Browser().post(f"{base}/{region}/suggest", form).status == 303


def features(base: str, path: str) -> list[dict]:
    answer = Browser().get(f"{base}{path}")
    assert answer.status == 200, (path, answer.status)
    return [feature["properties"] for feature in json.loads(answer.text)["features"]]


def region_of_title(title: str) -> str:
    """Every title here ends with its region's name (an edit keeps it so)."""
    return title.rsplit(" ", 1)[-1].lower()


def map_count(base: str, region: str) -> int:
    view = json.loads(Browser().get(f"{base}/{region}/api/map?{WORLD}&zoom=12").text)
    return sum(cluster["count"] for cluster in view["clusters"]) + len(view["offers"])


@pytest.mark.parametrize("process", ["first", "second"])
def test_each_process_serves_every_region_its_own_offers_only(network, process):
    base = getattr(network, process)
    for region in REGIONS:
        titles = [offer["title"] for offer in features(base, f"/{region}/api/offers")]
        assert len(titles) == 2 and {region_of_title(title) for title in titles} == {region}
        assert map_count(base, region) == 2
        listed = Browser().get(f"{base}/{region}/list").text
        others = [title for other in REGIONS if other != region for title in OFFERS[other]]
        assert all(title not in listed for title in others), region
    home = [offer["title"] for offer in features(base, "/api/offers")]  # today's URLs
    assert {region_of_title(title) for title in home} == {"dortmund"}


def etags(reader: Browser, base: str) -> dict[str, str]:
    """Each region's list and map answer on the process at ``base``: URL -> ETag."""
    paths = ("api/offers", f"api/map?{WORLD}&zoom=12")
    urls = [f"{base}/{region}/{path}" for region in REGIONS for path in paths]
    return {url: reader.get(url).headers["ETag"] for url in urls}


def changed(reader: Browser, tags: dict[str, str]) -> set[str]:
    """The regions whose answers changed since ``tags`` (a 200, not a 304, to If-None-Match)."""
    found = {
        url: reader.get(url, headers={"If-None-Match": tag}).status for url, tag in tags.items()
    }
    assert set(found.values()) <= {200, 304}, found
    return {url.split("/")[3] for url, status in found.items() if status == 200}


def test_an_edit_through_one_process_shows_on_the_other_in_its_region_only(network):
    reader = Browser()
    tags = etags(reader, network.second)
    before = {region: features(network.second, f"/{region}/api/offers") for region in REGIONS}
    edited = edit_an_offer(network.first, "bochum", "Sprachcafé Bochum")
    assert "bochum" in changed(reader, tags)
    titles = {
        offer["id"]: offer["title"] for offer in features(network.second, "/bochum/api/offers")
    }
    assert titles[edited] == "Sprachcafé Bochum"
    assert "Sprachcafé Bochum" in reader.get(f"{network.second}/bochum/list").text
    for region in ("dortmund", "essen"):
        assert features(network.second, f"/{region}/api/offers") == before[region]


def test_an_edit_in_one_region_leaves_the_other_regions_etags_alone(network):
    """Each region's data version (contract item 4): the other regions' browsers and
    caches keep their answers."""
    reader = Browser()
    tags = etags(reader, network.first)
    edit_an_offer(network.second, "essen", "Sprachcafé Essen")
    assert changed(reader, tags) == {"essen"}


def edit_an_offer(base: str, region: str, title: str) -> int:
    """Retitle the region's counselling offer in its back office (by its admin); its id."""
    kept = f"Deutschkurs {region.capitalize()}"  # the admin tests look for it
    offer = next(each for each in features(base, f"/{region}/api/offers") if each["title"] != kept)
    admin = Browser()
    assert admin.sign_in(f"{base}/{region}/admin", admin_of(region)).status == 302
    page = admin.get(f"{base}/{region}/admin/offers/{offer['id']}")
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
    postcode, lat, lng = OFFERS[region][f"Beratung {region.capitalize()}"]
    form = FORM | {"title": title, "postcode": postcode, "lat": lat, "lng": lng,
                   "city": region.capitalize(), "version": version}  # fmt: skip
    saved = admin.post(f"{base}/{region}/admin/offers/{offer['id']}", form)
    assert saved.status == 302, saved.text[-3000:]
    return offer["id"]


@pytest.mark.parametrize("region", REGIONS)
def test_a_regions_admin_sees_its_own_regions_data_only(network, region):
    admin, base = Browser(), network.second
    assert admin.sign_in(f"{base}/{region}/admin", admin_of(region)).status == 302
    offers = admin.get(f"{base}/{region}/admin/offers").text
    suggestions = admin.get(f"{base}/{region}/admin/review").text
    accounts = admin.get(f"{base}/{region}/admin/users").text
    assert f"Deutschkurs {region.capitalize()}" in offers and SUGGESTED[region] in suggestions
    assert admin_of(region) in accounts and NETWORK_ADMIN not in accounts
    for other in set(REGIONS) - {region}:
        assert f"Deutschkurs {other.capitalize()}" not in offers
        assert SUGGESTED[other] not in suggestions and admin_of(other) not in accounts
        for offer in features(base, f"/{other}/api/offers"):  # not by its id either
            assert admin.get(f"{base}/{region}/admin/offers/{offer['id']}").status == 404
            assert admin.get(f"{base}/{region}/admin/offers/{offer['id']}/history").status == 404
        assert admin.get(f"{base}/{other}/admin/offers").status == 403


def test_the_network_admin_enters_every_region_and_gives_one_an_editor(network):
    admin = Browser()
    assert admin.sign_in(f"{network.second}/admin", NETWORK_ADMIN).status == 302
    for region in REGIONS:
        offers = admin.get(f"{network.second}/{region}/admin/offers")
        assert offers.status == 200 and f"Deutschkurs {region.capitalize()}" in offers.text
    form_page = admin.get(f"{network.second}/essen/admin/users/new").text
    essen = re.search(r'<option value="(\d+)" selected', form_page).group(1)
    account = {"email": "redaktion@essen.example", "role": "editor", "region": essen,
               "password": PASSWORD, "confirm_password": PASSWORD}  # fmt: skip
    assert admin.post(f"{network.second}/essen/admin/users/new", account).status == 302
    editor = Browser()
    assert editor.sign_in(f"{network.first}/essen/admin", account["email"]).status == 302
    assert "Deutschkurs Essen" in editor.get(f"{network.first}/essen/admin/offers").text
    assert editor.get(f"{network.first}/bochum/admin/offers").status == 403


def read_with_gdal(base: str) -> list[dict]:
    """Every offer GDAL's OAPIF driver reads from the OGC API at ``base``."""
    assert [name for name, _ in pyogrio.list_layers(f"OAPIF:{base}")] == ["offers"]
    frame = pyogrio.read_dataframe(f"OAPIF:{base}", layer="offers")
    return frame.drop(columns="geometry").to_dict("records")


@pytest.mark.parametrize("region", REGIONS)
def test_gdal_reads_a_regions_offers_over_ogc_api(network, region, monkeypatch):
    monkeypatch.setenv("GDAL_HTTP_TIMEOUT", "10")
    offers = read_with_gdal(f"{network.second}/{region}/ogc")
    assert sorted(offer["title"] for offer in offers) == sorted(
        offer["title"] for offer in features(network.first, f"/{region}/api/offers")
    )
    assert {(offer["category"], offer["organization"]) for offer in offers} == {
        ("counselling", "Beispielverein")
    }


def test_gdal_reads_every_offer_of_the_network(network, monkeypatch):
    monkeypatch.setenv("GDAL_HTTP_TIMEOUT", "10")
    offers = read_with_gdal(f"{network.first}/network/ogc")
    assert len(offers) == 6
    assert {offer["region"] for offer in offers} == set(REGIONS)
    assert all(region_of_title(offer["title"]) == offer["region"] for offer in offers)
    assert {(offer["category"], offer["organization"]) for offer in offers} == {
        ("counselling", "Beispielverein")
    }
    page = Browser().get(f"{network.second}/network/").text  # the directory's way in
    assert all(f'href="/{region}/"' in page for region in ("bochum", "essen"))

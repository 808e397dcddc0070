"""The demo data set: the files are what scripts/build_demo_offers.py writes, illustrative
offers have a street at a sourced public venue, no point claims more precision than it has,
translations load with ``init --demo`` and show, and the offers exercise appointments, two
slots a day, hours notes and volunteer tasks."""

import csv
import importlib.util
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape
from test_search_languages import demo_app, demo_client  # noqa: F401 (fixtures)

from refugee_map import store
from refugee_map.cli import main
from refugee_map.domain import hours
from refugee_map.exchange.formats import load_demo
from refugee_map.geo.districts import load_districts
from refugee_map.store import translations as translation_store

ROOT = Path(__file__).resolve().parent.parent
REGION = ROOT / "data" / "regions" / "dortmund"
LANGS = ("en", "ar", "uk", "fa")


def _builder():
    spec = importlib.util.spec_from_file_location("build_demo_offers", ROOT / "scripts" /
                                                  "build_demo_offers.py")  # fmt: skip
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _builder()


def _rows(name: str) -> list[dict]:
    with (REGION / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


OFFERS = _rows("demo_offers.csv")
TRANSLATIONS = _rows("demo_translations.csv")


def test_the_files_are_what_the_builder_writes(capsys):
    assert builder.main(["build_demo_offers.py", "--check"]) == 0, capsys.readouterr().err
    for path, text in builder.outputs(REGION / "demo_offers.csv").items():
        assert path.read_text(encoding="utf-8") == text


def test_the_check_notices_a_stale_file(tmp_path, capsys):
    builder.main(["build_demo_offers.py", str(tmp_path / "demo_offers.csv")])
    (tmp_path / "demo_translations.csv").write_text("id,lang,title,description\n")
    assert builder.main(["build_demo_offers.py", "--check", str(tmp_path / "demo_offers.csv")])
    assert "demo_translations.csv" in capsys.readouterr().err


def test_every_illustrative_offer_has_a_street_at_a_venue():
    illustrative = [row for row in OFFERS if row["organization"].startswith("Beispiel: ")]
    assert len(illustrative) >= 30
    addresses = {f"{venue.street} ({venue.name})" if venue.name else venue.street
                 for venue in builder.VENUES}  # fmt: skip
    for row in illustrative:
        assert row["street"] in addresses, row["title"]
        assert not row["phone"] and not row["source_url"], row["title"]


def test_a_venue_address_with_a_house_number_names_its_source():
    for venue in builder.VENUES:
        assert venue.source_url.startswith("http") or not re.search(r"\d", venue.street), venue


def _metres(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    dy = (lat2 - lat1) * 111_320
    dx = (lng2 - lng1) * 111_320 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy)


def test_no_point_claims_more_precision_than_its_source():
    """No street coordinates could be sourced offline: every point is its anchor (a postcode
    or Stadtteil point) moved a little, flagged approximate, in the anchor's district."""
    districts = load_districts(REGION)
    for number, offer in enumerate(builder.OFFERS, start=1):
        row = OFFERS[number - 1]
        lat, lng, district = builder.ANCHORS[_anchor_of(offer)]
        assert row["location_approximate"] == "true", row["title"]
        distance = _metres(lat, lng, float(row["lat"]), float(row["lng"]))
        assert builder.MIN_OFFSET_M - 1 <= distance <= builder.MAX_OFFSET_M + 1, row["title"]
        assert districts.locate(float(row["lat"]), float(row["lng"])) == district, row["title"]


def _anchor_of(offer: dict) -> str:
    return next(name for name, (lat, lng, _) in builder.ANCHORS.items()
                if _metres(lat, lng, float(offer["lat"]), float(offer["lng"]))
                <= builder.MAX_OFFSET_M + 1)  # fmt: skip


def test_translations_cover_a_third_to_a_half_of_the_offers_in_four_languages():
    by_offer: dict[str, set[str]] = {}
    for row in TRANSLATIONS:
        assert row["title"].strip() and row["description"].strip(), row
        by_offer.setdefault(row["id"], set()).add(row["lang"])
    complete = [offer_id for offer_id, langs in by_offer.items() if set(LANGS) <= langs]
    assert len(OFFERS) / 3 <= len(complete) <= len(OFFERS) / 2
    titles = {row["id"]: row["title"] for row in OFFERS}
    assert all(offer_id in titles for offer_id in by_offer)


def test_init_demo_loads_the_translations(tmp_path):
    path = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["init", "--demo"], env={"REFUGEE_MAP_DB": str(path)})
    assert result.exit_code == 0, result.output
    db = store.connect(path)
    assert db["offer_translations"].count == len(TRANSLATIONS)
    translated = int(TRANSLATIONS[0]["id"])
    untranslated = next(int(row["id"]) for row in OFFERS
                        if row["id"] not in {t["id"] for t in TRANSLATIONS})  # fmt: skip
    status = translation_store.translation_status(db, [translated, untranslated], list(LANGS))
    assert status[translated] == {"missing": [], "outdated": []}
    assert status[untranslated]["missing"] == list(LANGS)


def _translation(offer_id: str, lang: str) -> dict:
    return next(row for row in TRANSLATIONS if row["id"] == offer_id and row["lang"] == lang)


@pytest.mark.parametrize("lang", LANGS)
def test_translated_and_untranslated_offers_show_in_the_language(demo_client, lang):  # noqa: F811
    translated = {row["id"] for row in TRANSLATIONS}
    # The list runs by the German title: the first translated one is on its first page.
    offer_id = min((row for row in OFFERS if row["id"] in translated), key=lambda r: r["title"])[
        "id"
    ]
    title = str(escape(_translation(offer_id, lang)["title"]))
    other = next(row["id"] for row in OFFERS if row["id"] not in translated)
    page = demo_client.get(f"/offers/{offer_id}?lang={lang}").get_data(as_text=True)
    assert title in page and f'<h1 lang="{lang}"' in page
    page = demo_client.get(f"/offers/{other}?lang={lang}").get_data(as_text=True)
    assert '<h1 lang="de"' in page and 'class="note"' in page
    assert title in demo_client.get(f"/list?lang={lang}").get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_an_offer_by_its_translation(demo_client, lang):  # noqa: F811
    row = next(row for row in TRANSLATIONS if row["lang"] == lang and row["id"] == "1")
    word = max(re.findall(r"\w+", row["title"]), key=len)
    answer = demo_client.get("/api/offers", query_string={"q": word, "lang": lang, "limit": 200})
    assert 1 in [feature["id"] for feature in answer.json["features"]], word


def test_hours_exercise_appointments_two_slots_and_notes():
    def slots_per_day(row):
        return [len(slots) for slots in hours.parse(row["opening_hours"]).values()]

    appointment = [row for row in OFFERS if row["by_appointment"] == "true"]
    assert sum(not row["opening_hours"] for row in appointment) >= 5
    assert sum(bool(row["opening_hours"]) for row in appointment) >= 2
    assert sum(max(slots_per_day(row), default=0) >= 2 for row in OFFERS) >= 5
    assert sum(bool(row["hours_note"]) for row in OFFERS) >= 10


def test_a_fair_share_of_offers_want_volunteers_for_named_tasks():
    wanted = [row for row in OFFERS if row["volunteers_wanted"] == "true"]
    assert len(wanted) >= len(OFFERS) / 4
    assert all(row["volunteer_tasks"].strip() for row in wanted)


@pytest.mark.parametrize(
    "row, message",
    [
        ("999,en,Title,Text", "row 2: no such offer"),
        ("x,en,Title,Text", "row 2: no such offer"),
        ("1,en,,Text", "no title"),
        ("1,xx,Title,Text", "row 2: unknown language 'xx'"),
        ("1,de,Titel,Text", "unknown language 'de'"),
    ],
)
def test_a_bad_translation_row_stops_the_demo_with_its_row_and_loads_nothing(
    tmp_path, row, message
):
    region = tmp_path / "region"
    region.mkdir()
    (region / "demo_offers.csv").write_bytes((REGION / "demo_offers.csv").read_bytes())
    (region / "demo_translations.csv").write_text(f"id,lang,title,description\n{row}\n", "utf-8")
    db = store.connect(tmp_path / "demo.db")
    store.init(db)
    with pytest.raises(ValueError, match=message):
        load_demo(db, region, load_districts(REGION))
    assert db["offers"].count == 0 and db["offer_translations"].count == 0
    assert store.get_meta(db, "demo") is None

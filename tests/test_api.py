import json
from datetime import datetime, timedelta

import pytest
from samples import region_today

from refugee_map.domain.categories import SLUGS
from refugee_map.store import offers as offer_store
from refugee_map.web import display


@pytest.fixture
def sample(make_offer):
    return {
        "centre": make_offer(title="Beratung im Zentrum", languages="de ar"),
        "hoerde": make_offer(
            title="Möbelbörse Hörde", category="donations", lat=51.4883, lng=7.5057,
            district="Hörde", volunteers_wanted=True, languages="de",
        ),
        "draft": make_offer(title="Entwurf", status="draft"),
    }  # fmt: skip


def ids(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return sorted(feature["id"] for feature in response.get_json()["features"])


def test_offers_are_a_geojson_feature_collection_of_published_offers(client, sample):
    body = client.get("/api/offers").get_json()
    assert body["type"] == "FeatureCollection"
    feature = next(f for f in body["features"] if f["id"] == sample["hoerde"]["id"])
    assert feature["properties"]["id"] == feature["id"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [7.5057, 51.4883]}
    assert {"title", "category", "district"} <= set(feature["properties"])
    assert sample["draft"]["id"] not in ids(client.get("/api/offers"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=donations", ["hoerde"]),
        ("category=donations&category=counselling", ["centre", "hoerde"]),
        ("district=H%C3%B6rde", ["hoerde"]),
        ("q=moebel", ["hoerde"]),
        ("q=Beratung", ["centre"]),
        ("language=ar", ["centre"]),
        ("volunteers_wanted=1", ["hoerde"]),
        ("bbox=7.5,51.48,7.51,51.49", ["hoerde"]),
        ("bbox=7.0,51.0,7.1,51.1", []),
    ],
)
def test_each_filter_narrows_the_offers(client, sample, query, expected):
    assert ids(client.get(f"/api/offers?{query}")) == sorted(sample[k]["id"] for k in expected)


def test_open_now_is_accepted(client, sample):
    assert client.get("/api/offers?open_now=1").status_code == 200


@pytest.mark.parametrize(
    ("lang", "days"), [("de", "Mo–Fr"), ("en", "Mon–Fri"), ("ar", "الاثنين–الجمعة")]
)
def test_opening_hours_come_as_rows_to_show_in_the_language_asked_for(
    client, make_offer, lang, days
):
    offer = make_offer(opening_hours="Mo-Fr 09:00-12:00,14:00-16:00; Sa 10:00-12:00")
    for path in ("/api/offers", f"/api/offers/{offer['id']}"):
        properties = feature_of(client.get(f"{path}?lang={lang}").get_json(), offer["id"])
        assert properties["opening_hours_rows"][0] == {
            "days": days,
            "times": "09:00–12:00, 14:00–16:00",
        }
        assert properties["opening_hours_rows"][1]["times"] == "10:00–12:00"


@pytest.mark.parametrize(("opening_hours", "open_now"), [("Mo-Su 00:00-24:00", True), ("", False)])
def test_offers_say_whether_they_are_open_now(client, make_offer, opening_hours, open_now):
    offer = make_offer(opening_hours=opening_hours, by_appointment=not opening_hours)
    for path in ("/api/offers", f"/api/offers/{offer['id']}"):
        assert feature_of(client.get(path).get_json(), offer["id"])["open_now"] is open_now


@pytest.mark.parametrize(("days_ago", "stale"), [(10, False), (400, True), (None, True)])
def test_offers_say_whether_their_last_check_is_too_old(client, make_offer, days_ago, stale):
    checked = None if days_ago is None else (region_today() - timedelta(days=days_ago)).isoformat()
    offer = make_offer(verified_at=checked)
    for path in ("/api/offers", f"/api/offers/{offer['id']}"):
        assert feature_of(client.get(path).get_json(), offer["id"])["stale"] is stale


def test_the_stale_flag_follows_the_configured_days(app, client, make_offer):
    app.config["STALE_DAYS"] = 5
    offer = make_offer(verified_at=(region_today() - timedelta(days=10)).isoformat())
    assert feature_of(client.get("/api/offers").get_json(), offer["id"])["stale"] is True


def feature_of(body: dict, offer_id: int) -> dict:
    """The properties of ``offer_id`` in a FeatureCollection or a single Feature."""
    features = body.get("features", [body])
    return next(f["properties"] for f in features if f["id"] == offer_id)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("category=food", "category"),
        ("district=Atlantis", "district"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=8,51,7,52", "bbox"),
        ("bbox=nan,51,7,52", "bbox"),
        ("bbox=7,51,8,inf", "bbox"),
        ("q=" + "x" * 201, "q"),
        ("language=arabic", "language"),
        ("lang=%3Cscript%3E", "lang"),
        ("volunteers_wanted=maybe", "volunteers_wanted"),
        ("open_now=2", "open_now"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(client, query, field):
    response = client.get(f"/api/offers?{query}")
    assert response.status_code == 400
    assert response.get_json()["field"] == field
    assert response.get_json()["error"]


def test_one_offer_carries_every_public_field(client, sample):
    body = client.get(f"/api/offers/{sample['centre']['id']}").get_json()
    properties = body["properties"]
    assert body["id"] == sample["centre"]["id"]
    assert properties["opening_hours_text"] == "Mo 09:00-12:00; Tu 09:00-12:00; " + (
        "We 09:00-12:00; Th 09:00-12:00; Fr 09:00-12:00"
    )
    assert {"email", "phone", "website", "languages", "verified_at", "source_url"} <= set(
        properties
    )
    assert "created_by" not in properties


@pytest.mark.parametrize("path", ["/api/offers/999999", "/api/offers/{draft}"])
def test_unknown_or_unpublished_offers_are_404_json(client, sample, path):
    response = client.get(path.format(draft=sample["draft"]["id"]))
    assert response.status_code == 404
    assert response.get_json()["error"]


def test_unknown_api_paths_answer_json(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404
    assert "error" in response.get_json()


def test_titles_come_translated_when_asked(client, db, sample):
    from refugee_map.store import translations as translation_store

    translation_store.set_translation(db, sample["centre"]["id"], "en", "Advice in the centre", "")
    feature = client.get(f"/api/offers/{sample['centre']['id']}?lang=en").get_json()
    assert feature["properties"]["title"] == "Advice in the centre"
    assert feature["properties"]["text_lang"] == "en"


def test_categories_list_the_six_slugs_with_labels(client):
    body = client.get("/api/categories?lang=en").get_json()
    assert [c["slug"] for c in body] == list(SLUGS)
    assert all(c["label"] and c["colour"].startswith("#") for c in body)


def test_districts_are_polygons_marked_schematic(client):
    body = client.get("/api/districts").get_json()
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == 12
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in body["features"])
    assert body["schematic"] is True


def test_health_checks_the_database(client):
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


def test_health_reports_a_broken_database(app, tmp_path):
    (tmp_path / "broken.db").write_bytes(b"this is not a database" * 100)
    app.config["DB"] = str(tmp_path / "broken.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.data)["status"] == "error"


def test_health_reads_one_row_not_every_offer(client, monkeypatch):
    """A count of the offers took 13 ms at 1,000,000: the benchmarks' floor grew with N."""
    counts = []
    monkeypatch.setattr(offer_store, "count_offers", lambda _db: counts.append(1) or 0)
    assert client.get("/healthz").status_code == 200 and counts == []


@pytest.mark.parametrize(
    ("lang", "at_eleven", "on_sunday"),
    [
        ("de", "Jetzt geöffnet, schließt um 17:00", "Geschlossen, öffnet Mo 10:00"),
        ("ar", "مفتوح الآن، يغلق الساعة 17:00", "مغلق، يفتح "),
    ],
)
def test_the_opening_state_is_one_text_in_the_api_the_offer_page_and_the_list(
    client, make_offer, monkeypatch, lang, at_eleven, on_sunday
):
    offer = make_offer(opening_hours="Mo-Fr 10:00-17:00; Sa 10:00-13:00")
    monday_at_eleven, sunday_morning = datetime(2030, 1, 7, 11), datetime(2030, 1, 6, 9)
    for moment, state in ((monday_at_eleven, at_eleven), (sunday_morning, on_sunday)):
        monkeypatch.setattr(display, "local_now", lambda moment=moment: moment)
        for path in ("/api/offers", f"/api/offers/{offer['id']}"):
            answer = client.get(f"{path}?lang={lang}").get_json()
            assert feature_of(answer, offer["id"])["opening_state"].startswith(state)
        for page in (f"/offers/{offer['id']}", "/list"):
            html = client.get(f"{page}?lang={lang}").get_data(as_text=True)
            assert f'<p class="opening-state">{state}' in html, page

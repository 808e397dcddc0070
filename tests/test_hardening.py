"""Input that once crashed a page or slipped through: each answers with a clear page."""

import pytest

from refugee_map import create_app, store

HUGE = "99999999999999999999999"
SQLITE_MAX_PLUS_ONE = str(2**63)


@pytest.mark.parametrize(
    "path",
    [f"/offers/{HUGE}", f"/offers/{SQLITE_MAX_PLUS_ONE}", f"/offers/{HUGE}/report",
     f"/suggest?offer={HUGE}"],
)  # fmt: skip
def test_offer_ids_beyond_sqlite_integers_are_not_found_not_a_crash(client, path):
    assert client.get(path).status_code == 404


def test_api_ids_beyond_sqlite_integers_are_404_json(client):
    response = client.get(f"/api/offers/{SQLITE_MAX_PLUS_ONE}")
    assert response.status_code == 404
    assert response.get_json()["error"]


def test_a_too_large_upload_gets_a_page_in_the_visitors_language(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/suggest?lang=en", data={"title": "x" * 5000})
    assert response.status_code == 413
    assert "We cannot handle this request." in response.get_data(as_text=True)


def test_an_unexpected_error_shows_our_page_not_a_stack_trace(tmp_path):
    app = create_app({"DB": str(tmp_path / "t.db"), "SECRET_KEY": "t"})
    store.init(store.connect(app.config["DB"]))

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom?lang=en")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong." in body and "RuntimeError" not in body


def test_every_filter_page_links_the_suggestion_form_and_filtered_downloads(client):
    for path in ("/", "/list?category=education"):
        body = client.get(path).get_data(as_text=True)
        assert 'href="/suggest"' in body
    body = client.get("/list?category=education").get_data(as_text=True)
    assert 'href="/export.csv?category=education"' in body
    assert 'href="/export.geojson?category=education"' in body


def test_the_back_office_speaks_german_or_english_only(client):
    body = client.get("/admin/login?lang=ar").get_data(as_text=True)
    assert '<html lang="de" dir="ltr"' in body
    english = client.get("/admin/login", headers={"Accept-Language": "ar, en;q=0.5"})
    assert '<html lang="en"' in english.get_data(as_text=True)

"""The whole-city answers are built once per change of the data and revalidated by ETag."""

import gzip
import os
import tempfile
from datetime import date, datetime

import pytest
import store_support
from click.testing import CliRunner
from samples import CENTRE_OFFER

from refugee_map.cli import main
from refugee_map.domain import freshness
from refugee_map.store import offer_history, translations
from refugee_map.store import offers as offer_store
from refugee_map.web import compression, display, whole_city

WHOLE_CITY = ("/api/offers", "/api/offers?lang=en", "/export.geojson")


def etags(client) -> list[str]:
    return [client.get(url).headers["ETag"] for url in WHOLE_CITY]


def post(client, url):
    return client.post(url, data={"csrf_token": client.token})


# Each change may prepare (before the ETags are read) and returns the change itself.


def edit(db, offer_id, _admin, _app):
    return lambda: offer_store.update_offer(db, offer_id, {"title": "Neu"}, by="test")


def status(db, offer_id, _admin, _app):
    return lambda: offer_store.update_offer(db, offer_id, {"status": "archived"}, by="test")


def translate(db, offer_id, _admin, _app):
    return lambda: translations.set_translation(db, offer_id, "en", "Help", "Advice", by="test")


def retranslate(db, offer_id, admin, app):
    translate(db, offer_id, admin, app)()
    return lambda: translations.set_translation(db, offer_id, "en", "Help", "Other", by="test")


def confirm_translation(db, offer_id, admin, app):
    translate(db, offer_id, admin, app)()
    return lambda: translations.confirm_translation(db, offer_id, "en", by="test")


def delete_translation(db, offer_id, admin, app):
    translate(db, offer_id, admin, app)()
    return lambda: translations.delete_translation(db, offer_id, "en", by="test")


def provider_confirmation(db, offer_id, _admin, _app):
    return lambda: freshness.confirm(db, offer_id, date(2030, 1, 1), by="provider")


def restore(db, offer_id, admin, app):
    created = offer_history.history(db, offer_id)[-1]
    edit(db, offer_id, admin, app)()
    return lambda: post(admin, f"/admin/offers/{offer_id}/restore/{created['id']}")


def delete(_db, offer_id, admin, _app):
    return lambda: post(admin, f"/admin/offers/{offer_id}/delete")


def undelete(db, offer_id, admin, app):
    delete(db, offer_id, admin, app)()
    return lambda: post(admin, f"/admin/offers/{offer_id}/undelete")


def cli_import(app, row: dict):
    """The change `refugee-map import` of a CSV file with ``row``."""
    handle, path = tempfile.mkstemp(suffix=".csv")  # not beside the database: it may be a URL
    with open(handle, "w", encoding="utf-8") as file:
        file.write(",".join(row) + "\n" + ",".join(f'"{value}"' for value in row.values()) + "\n")
    environment = {"REFUGEE_MAP_DB": app.config["DB"]}

    def run():
        result = CliRunner().invoke(main, ["import", path], env=environment)
        os.unlink(path)
        assert result.exit_code == 0, result.output

    return run


def sql_by_hand(app, statement: str, params: list):
    """The change ``statement``, run by hand on its own connection, past the app."""

    def run():
        store_support.run_by_hand(app.config["DB"], statement, params)

    return run


def import_file(_db, _offer_id, _admin, app):
    row = {name: str(value).replace("Sprechstunde", "Neu:") for name, value in CENTRE_OFFER.items()}
    return cli_import(app, row)


def hand_run_sql(_db, offer_id, _admin, app):
    return sql_by_hand(app, "UPDATE offers SET organization = 'Hand' WHERE id = ?", [offer_id])


CHANGES = [edit, status, translate, retranslate, confirm_translation, delete_translation,
           provider_confirmation, restore, delete, undelete, import_file, hand_run_sql]  # fmt: skip


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_every_kind_of_change_moves_the_etag(app, db, client, admin, make_offer, change):
    offer_id = make_offer()["id"]
    act = change(db, offer_id, admin, app)
    before = etags(client)
    assert etags(client) == before  # nothing changed: the same answers
    act()
    after = etags(client)
    assert all(old != new for old, new in zip(before, after, strict=True))


@pytest.mark.parametrize("url", WHOLE_CITY)
def test_revalidation_with_the_same_etag_is_answered_304(client, make_offer, url):
    make_offer()
    first = client.get(url)
    assert first.status_code == 200 and first.headers["Cache-Control"] == "public, no-cache"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    assert again.headers["ETag"] == first.headers["ETag"]
    make_offer(title="Noch eins")
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 200


def test_the_whole_city_is_built_once_and_served_gzipped(client, make_offer, monkeypatch):
    for number in range(20):
        make_offer(title=f"Angebot {number}")
    plain = client.get("/api/offers")
    builds = []
    real_build = whole_city._build
    monkeypatch.setattr(whole_city, "_build", lambda *a: builds.append(a) or real_build(*a))
    packed = client.get("/api/offers", headers={"Accept-Encoding": "gzip"})
    assert builds == []  # kept from the first request
    assert packed.headers["Content-Encoding"] == "gzip"
    assert {"Accept-Encoding", "Accept-Language"} <= set(packed.vary)
    assert gzip.decompress(packed.data) == plain.data
    assert plain.json["features"][0]["properties"]["title"].startswith("Angebot")


def test_each_language_gets_its_own_answer(client, db, make_offer):
    offer_id = make_offer()["id"]
    translations.set_translation(db, offer_id, "en", "Help desk", "Advice", by="test")
    english = client.get("/api/offers?lang=en").json["features"][0]["properties"]["title"]
    german = client.get("/api/offers").json["features"][0]["properties"]["title"]
    assert (english, german) == ("Help desk", CENTRE_OFFER["title"])
    assert client.get("/api/offers?lang=xx").status_code == 400


def test_open_now_follows_the_clock_in_the_cached_answer(client, make_offer, monkeypatch):
    make_offer(opening_hours="Mo 09:00-12:00")
    monday = datetime(2030, 1, 7, 11, 59)
    monkeypatch.setattr(display, "local_now", lambda: monday)
    assert client.get("/api/offers").json["features"][0]["properties"]["open_now"] is True
    monday = datetime(2030, 1, 7, 12, 0)
    assert client.get("/api/offers").json["features"][0]["properties"]["open_now"] is False


def test_a_filtered_answer_is_not_cached(client, make_offer):
    make_offer()
    response = client.get("/api/offers?category=counselling")
    assert "ETag" not in response.headers and len(response.json["features"]) == 1


def test_large_answers_are_gzipped_too(app, make_offer):
    make_offer()
    big = "x" * (9 * 1024 * 1024)  # over the 8 MB that were once sent uncompressed
    with app.test_request_context("/export.csv", headers={"Accept-Encoding": "gzip"}):
        response = compression.compress(app.response_class(big, mimetype="text/csv"))
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()) == big.encode()


def test_downloads_are_gzipped(client, make_offer):
    for number in range(10):
        make_offer(title=f"Angebot {number}")
    for url in ("/export.geojson?category=counselling", "/export.csv", "/export.geojson"):
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.headers["Content-Encoding"] == "gzip", url
        assert response.headers["Content-Disposition"].startswith("attachment"), url


def test_the_kept_answers_are_bounded_by_their_size_oldest_first(client, make_offer, monkeypatch):
    for number in range(30):
        make_offer(title=f"Angebot {number}", description="Beschreibung " * 20)
    urls = ("/api/offers", "/api/offers?lang=en", "/api/offers?lang=ar", "/export.geojson")
    sizes = [len(client.get(url, headers={"Accept-Encoding": "gzip"}).data) for url in urls]
    bound = sizes[1] + sizes[2] + 10  # room for two answers of the three
    monkeypatch.setattr(whole_city, "_built", {})
    monkeypatch.setattr(whole_city, "MAX_KEPT_BYTES", bound)
    for url in urls[:3]:
        client.get(url)
    assert [key[-2] for key in whole_city._built] == ["en", "ar"]  # the oldest went
    client.get(urls[3])
    kept = [len(answer.packed) for answer in whole_city._built.values()]
    assert list(whole_city._built)[-1][-1] == "export"  # the newest stays
    assert sum(kept) <= bound or len(kept) == 1


def test_while_one_request_rebuilds_the_others_get_the_previous_answer(client, make_offer):
    make_offer(title="Vorher")
    before = client.get("/api/offers")
    make_offer(title="Nachher")
    with whole_city._building:  # another request is rebuilding the answer
        during = client.get("/api/offers")
    assert during.headers["ETag"] == before.headers["ETag"]
    assert len(during.json["features"]) == 1
    after = client.get("/api/offers")
    assert after.headers["ETag"] != before.headers["ETag"] and len(after.json["features"]) == 2

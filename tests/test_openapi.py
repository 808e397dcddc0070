"""/api/openapi.json: a valid OpenAPI document that the app keeps, checked by schemathesis."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from refugee_map import create_app, store
from refugee_map.domain import offers
from refugee_map.store import offers as offer_store
from refugee_map.web.openapi import document

PUBLIC_GETS = {
    "/api/offers", "/api/offers/{id}", "/api/map", "/api/categories", "/api/districts",
    "/api/search-topics", "/api/openapi.json", "/healthz", "/export.geojson", "/export.csv",
}  # fmt: skip


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory):
    """An app with a few offers (one not placed yet), shared by every generated case."""
    path = tmp_path_factory.mktemp("openapi") / "api.db"
    app = create_app({"TESTING": True, "DB": str(path), "SECRET_KEY": "test"})
    db = store.connect(path)
    store.init(db)
    base = {"status": "published", "city": "Dortmund", "organization": "Verein"}
    rows = [
        {"category": "education", "title": "Deutschkurs", "lat": 51.5142, "lng": 7.4652,
         "languages": "de ar", "opening_hours": "Mo 09:00-12:00", "volunteers_wanted": "true"},
        {"category": "donations", "title": "Kleiderkammer", "postcode": "44263"},
    ]  # fmt: skip
    with app.app_context():
        for row in rows:
            cleaned = offers.clean(base | row, require_location="lat" in row)
            offer_store.create_offer(db, cleaned, by="test")
    db.close()
    return app


def test_the_document_is_valid_openapi(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    validate(response.get_json())


def test_the_document_describes_every_public_api_route(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert set(paths) == PUBLIC_GETS
    names = {p["name"] for p in paths["/api/offers"]["get"]["parameters"]}
    assert names == {"category", "district", "q", "bbox", "language", "volunteers_wanted",
                     "open_now", "lang", "limit", "offset", "near"}  # fmt: skip
    view = {p["name"]: p.get("required", False) for p in paths["/api/map"]["get"]["parameters"]}
    assert view == dict.fromkeys(names - {"limit", "offset", "near"}, False) | {
        "bbox": True,
        "zoom": True,
    }


def test_every_documented_path_is_a_route_of_the_app(app):
    rules = {rule.rule.replace("<int:offer_id>", "{id}") for rule in app.url_map.iter_rules()}
    assert set(document(["Hörde"], "Dortmund")["paths"]) <= rules


def test_district_names_come_from_the_region(client):
    doc = client.get("/api/openapi.json").get_json()
    district = next(
        p for p in doc["paths"]["/api/offers"]["get"]["parameters"] if p["name"] == "district"
    )
    assert "Hörde" in district["schema"]["enum"]


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_schema(fuzzed_app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", fuzzed_app)


@pytest.mark.parametrize("path", sorted(PUBLIC_GETS))
def test_every_get_operation_answers_without_server_errors_and_as_documented(api_schema, path):
    """Generated requests (bounded: 60 per operation) against the app object, no server."""

    @given(case=api_schema[path]["GET"].as_strategy())
    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def answers_as_documented(case) -> None:  # fmt: skip
        # The WSGI client does not unzip; compression has its own tests.
        case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

    answers_as_documented()

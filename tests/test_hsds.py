"""The HSDS 3.0 export is valid against the Open Referral schemas and links up."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from refugee_map.cli import main
from refugee_map.exchange import hsds
from refugee_map.store import translations as translation_store

SCHEMAS = Path(__file__).parent / "data" / "hsds-3.0"
LINKS = {  # table: (field, table it points to)
    "service": [("organization_id", "organization")],
    "location": [("organization_id", "organization")],
    "address": [("location_id", "location")],
    "service_at_location": [("service_id", "service"), ("location_id", "location")],
    "schedule": [("service_id", "service")],
    "language": [("service_id", "service")],
    "phone": [("service_id", "service")],
    "contact": [("service_id", "service")],
    "accessibility": [("location_id", "location")],
    "taxonomy_term": [("taxonomy_id", "taxonomy")],
    "attribute": [("link_id", "service"), ("taxonomy_term_id", "taxonomy_term")],
}


def validator(table: str) -> Draft202012Validator:
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT202012))
        for path in SCHEMAS.glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / f"{table}.json").read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


@pytest.fixture
def document(app, make_offer, db):
    make_offer(phone="0231 1234", email="a@example.org", wheelchair_access=True,
               by_appointment=True, hours_note="außer in den Ferien")  # fmt: skip
    make_offer(title="Kleiderkammer", category="donations", organization="", street="",
               opening_hours="", languages="uk ru")  # fmt: skip
    offer = make_offer(title="Sprachcafé", category="meeting-points", volunteers_wanted=True)
    translation_store.set_translation(
        db, offer["id"], "en", "Language café", "Talk German over coffee"
    )
    result = CliRunner().invoke(main, ["export", "--format", "hsds"],
                                env={"REFUGEE_MAP_DB": app.config["DB"]})  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_record_is_valid_against_the_hsds_schema_of_its_table(document):
    for table in hsds.TABLES:
        check = validator(table)
        for record in document[table]:
            errors = [error.message for error in check.iter_errors(record)]
            assert not errors, (table, record, errors)


def test_every_reference_points_to_an_exported_record(document):
    ids = {table: {record["id"] for record in document[table]} for table in hsds.TABLES}
    for table, links in LINKS.items():
        for record in document[table]:
            for field, target in links:
                assert record[field] in ids[target], (table, field)


def test_each_offer_is_a_service_at_a_location_with_its_category_as_taxonomy_term(document):
    assert len(document["service"]) == len(document["location"]) == 3
    assert len(document["service_at_location"]) == 3
    assert {term["code"] for term in document["taxonomy_term"]} == {
        "counselling", "donations", "education", "sponsorship", "leisure", "meeting-points",
    }  # fmt: skip
    assert len(document["organization"]) == 2  # two offers share Beispielverein


def test_schedules_languages_and_extension_carry_the_offer_details(document):
    counselling = next(s for s in document["service"] if s["name"] == "Beratung im Zentrum")
    schedules = [s for s in document["schedule"] if s["service_id"] == counselling["id"]]
    assert {s.get("byday") for s in schedules} == {"MO", "TU", "WE", "TH", "FR", None}
    assert schedules[0]["opens_at"] == "09:00" and schedules[0]["closes_at"] == "12:00"
    cafe = next(s for s in document["service"] if s["name"] == "Sprachcafé")
    assert cafe["x_refugee_map"]["volunteers_wanted"] is True
    assert cafe["x_refugee_map"]["translations"]["en"]["title"] == "Language café"
    codes = {language["code"] for language in document["language"]}
    assert codes == {"de", "en", "uk", "ru"}


def test_identifiers_stay_the_same_from_one_export_to_the_next():
    assert hsds.uid("service", 7) == hsds.uid("service", 7) != hsds.uid("service", 8)


def test_the_schema_check_catches_a_service_without_status_or_with_a_bad_id():
    errors = list(validator("service").iter_errors({"id": "12", "name": "x"}))
    assert {error.validator for error in errors} == {"required", "format"}

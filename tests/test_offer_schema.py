"""One description per shape: the offer model is the one list of fields, and every way in
and out (form, import, CSV, API, OpenAPI) follows it."""

import subprocess
import sys
import textwrap

import pytest

from refugee_map.config import PROJECT_DIR
from refugee_map.domain import offer_schema, offers, value_types
from refugee_map.exchange import formats
from refugee_map.web import forms
from refugee_map.web.openapi import document


def test_the_columns_are_the_fields_of_the_model_in_readme_order():
    assert tuple(offer_schema.Offer.model_fields) == offers.FIELDS
    header = formats.write_csv([]).strip().split(",")
    assert header == [*offers.FIELDS, "version", "updated_at"]  # the fields, then the stamp


def test_every_field_is_in_the_form_and_in_the_openapi_offer():
    assert set(forms.form_values(forms.MultiDict())) == set(offers.FIELDS) - {"id"}
    properties = document([], "Dortmund")["components"]["schemas"]["OfferProperties"]["properties"]
    assert set(offers.FIELDS) <= set(properties)


@pytest.mark.parametrize("word", [*value_types.YES_WORDS, "JA", " Nein "])
def test_one_yes_no_reading_for_offers_filters_and_check_boxes(word):
    expected = word.strip().lower() in value_types.YES_WORDS
    assert value_types.yes_no(word) is expected
    ticked = forms.form_values(forms.MultiDict({"free_of_charge": word}))["free_of_charge"]
    assert ticked is expected


@pytest.mark.parametrize("code", ["de", "ar", "fa"])
def test_one_language_code_rule_for_offers_filters_and_the_api(client, code):
    assert value_types.is_language_code(code)
    assert client.get(f"/api/offers?language={code}&lang={code}").status_code == 200


@pytest.mark.parametrize("code", ["xx", "a1", "deu", "<b>"])
def test_a_code_that_is_no_iso_639_1_language_is_refused_everywhere(client, code):
    assert not value_types.is_language_code(code)
    for name in ("language", "lang"):
        response = client.get("/api/offers", query_string={name: code})
        assert (response.status_code, response.get_json()["field"]) == (400, name)
    with pytest.raises(offers.OfferInvalid) as caught:
        offers.clean({"category": "education", "title": "Kurs", "languages": code},
                     require_location=False)  # fmt: skip
    assert "languages" in caught.value.errors


def test_a_field_no_template_lays_out_is_shown_by_the_form(client, monkeypatch):
    monkeypatch.setattr(forms, "MORE_FIELDS", (forms.FormField("extra_note", "text", (), 80),))
    html = client.get("/suggest").get_data(as_text=True)
    assert 'name="extra_note"' in html and 'maxlength="80"' in html


ADD_A_FIELD = textwrap.dedent(
    """
    import json, pathlib, sys
    from pydantic import Field
    from refugee_map.domain import offer_schema, value_types

    class Offer(offer_schema.Offer):  # the one declaration ...
        step_free_entrance: value_types.YesNo = Field(False, title="Stufenloser Eingang")

    offer_schema.Offer = Offer

    from refugee_map import create_app, store
    from refugee_map.store import schema

    @schema.migrations()  # ... plus the migration
    def m999_step_free_entrance(db):
        db["offers"].add_column("step_free_entrance", int, not_null_default=0)

    from refugee_map.domain import offers
    from refugee_map.exchange import formats, importer, readers
    from refugee_map.web import forms

    app = create_app({"TESTING": True, "DB": sys.argv[1], "SECRET_KEY": "t"})
    db = store.connect(sys.argv[1])
    store.init(db)
    with app.app_context():
        from refugee_map.web import context
        path = pathlib.Path(sys.argv[1]).with_name("x.csv")
        path.write_text("category,title,lat,lng,step_free_entrance\\neducation,Kurs,51.51,7.46,ja\\n")
        plan = importer.plan_import(db, readers.read_rows(path),
            source="x.csv", districts=context.districts(), postcodes=set())
        assert not plan.errors, plan.errors
        importer.apply_plan(db, plan, by="test")
    db["offers"].update(1, {"status": "published"})
    client = app.test_client()
    feature = client.get("/api/offers/1").get_json()
    spec = client.get("/api/openapi.json").get_json()
    form = client.get("/suggest?offer=1").get_data(as_text=True)
    print(json.dumps({
        "api": feature["properties"]["step_free_entrance"],
        "csv": client.get("/export.csv").get_data(as_text=True).splitlines()[0],
        "openapi": spec["components"]["schemas"]["OfferProperties"]["properties"]
            ["step_free_entrance"],
        "form": 'name="step_free_entrance"' in form and "Stufenloser Eingang" in form,
    }))
    """
)


def test_a_new_field_is_one_declaration_plus_the_migration(tmp_path):
    """Import, store, API, CSV export, OpenAPI and the form follow a field added to the model."""
    result = subprocess.run(
        [sys.executable, "-c", ADD_A_FIELD, str(tmp_path / "added.db")],
        capture_output=True, text=True, cwd=PROJECT_DIR, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    seen = __import__("json").loads(result.stdout.strip().splitlines()[-1])
    assert seen["api"] is True
    assert seen["csv"].endswith(",location_approximate,step_free_entrance,version,updated_at")
    assert seen["openapi"] == {"type": "boolean"}
    assert seen["form"] is True

import pytest

from refugee_map.domain.offers import OfferInvalid, clean

GOOD = {
    "category": "donations",
    "title": "Kleiderkammer",
    "postcode": "44147",
    "lat": "51.52",
    "lng": "7.45",
    "email": "info@example.org",
    "website": "https://example.org",
    "phone": "+49 231 12345-6",
    "opening_hours": "Mo 09:00-12:00",
    "languages": "de, AR fa",
    "target_groups": "families women",
    "free_of_charge": "ja",
    "wheelchair_access": "",
    "verified_at": "2026-03-01",
}


def errors_of(**changes):
    with pytest.raises(OfferInvalid) as caught:
        clean(GOOD | changes)
    return caught.value.errors


def test_a_good_offer_comes_back_typed():
    offer = clean(GOOD)
    assert offer["lat"] == 51.52
    assert offer["languages"] == ["de", "ar", "fa"]
    assert offer["free_of_charge"] is True
    assert offer["wheelchair_access"] is None
    assert offer["opening_hours"] == {"Mo": [["09:00", "12:00"]]}
    assert offer["status"] == "draft"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 201),
        ("category", "food"),
        ("email", "not-an-address"),
        ("website", "javascript:alert(1)"),
        ("phone", "call me"),
        ("postcode", "4414"),
        ("opening_hours", "Mo 10:00-09:00"),
        ("languages", "xx"),
        ("target_groups", "robots"),
        ("free_of_charge", "vielleicht"),
        ("verified_at", "gestern"),
        ("lat", "north"),
        ("lat", "91"),
        ("status", "deleted"),
        ("description", "nul\x00byte"),
    ],
)
def test_each_bad_field_is_named_with_a_message(field, value):
    assert field in errors_of(**{field: value})


def test_all_bad_fields_are_reported_at_once():
    assert {"title", "email", "category"} <= set(errors_of(title="", email="x", category="?"))


def test_a_location_is_required_unless_asked_otherwise():
    assert "lat" in errors_of(lat="", lng="")
    assert clean(GOOD | {"lat": "", "lng": ""}, require_location=False)["lat"] is None


class FakeDistricts:
    names = ("Brackel", "Eving")

    def __init__(self, inside: bool = True):
        self.inside = inside

    def locate(self, lat, lng):
        if not self.inside:
            raise ValueError("outside")
        return "Eving"


def test_the_district_comes_from_the_point_unless_given():
    assert clean(GOOD, districts=FakeDistricts())["district"] == "Eving"
    given = GOOD | {"district": "Brackel"}
    assert clean(given, districts=FakeDistricts())["district"] == "Brackel"


def test_a_point_outside_the_region_is_refused():
    with pytest.raises(OfferInvalid) as caught:
        clean(GOOD, districts=FakeDistricts(inside=False))
    assert "lat" in caught.value.errors


@pytest.mark.parametrize("district", ["Atlantis", "x" * 150, "Eving\x00"])
def test_an_unknown_or_overlong_district_is_named_not_crashed_on(district):
    with pytest.raises(OfferInvalid) as caught:
        clean(GOOD | {"district": district}, districts=FakeDistricts())
    assert "district" in caught.value.errors


def test_one_line_fields_lose_line_breaks_and_runs_of_spaces():
    offer = clean(GOOD | {"title": "Kleider\r\nkammer  Nord", "organization": "A\tB"})
    assert (offer["title"], offer["organization"]) == ("Kleider kammer Nord", "A B")
    assert clean(GOOD | {"description": "Zeile 1\nZeile 2"})["description"] == "Zeile 1\nZeile 2"


def test_postcodes_outside_the_region_are_refused():
    with pytest.raises(OfferInvalid) as caught:
        clean(GOOD | {"postcode": "10115"}, postcodes={"44147"})
    assert "postcode" in caught.value.errors

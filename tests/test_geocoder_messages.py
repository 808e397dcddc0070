"""The geocoder's labels speak the back office's language (German, or English for
guests), through the catalogues - also below the web layer (issue 14)."""

import pytest

from refugee_map.web import editing

# query -> (German, English) label of the offline geocoder's answer
LABELS = {
    "Bornstraße 5, 44145 Dortmund": (
        "Postleitzahl 44145 (Mitte des Gebiets)",
        "postcode 44145 (centre of the area)",
    ),
    "Hörde": ("Hörde (Mitte des Stadtteils)", "Hörde (centre of the neighbourhood)"),
    "Innenstadt-Ost": (
        "Innenstadt-Ost (Mitte des Stadtbezirks)",
        "Innenstadt-Ost (centre of the city district)",
    ),
}


@pytest.mark.parametrize("query", LABELS)
@pytest.mark.parametrize(
    ("asked", "english"),
    [({}, False), ({"lang": "en"}, True), ({"accept": "en-GB,en"}, True), ({"lang": "ar"}, False)],
)
def test_the_location_pickers_answer_is_in_the_back_offices_language(editor, query, asked, english):
    args = {"q": query} | ({"lang": asked["lang"]} if "lang" in asked else {})
    headers = {"Accept-Language": asked["accept"]} if "accept" in asked else {}
    answer = editor.get("/admin/geocode", query_string=args, headers=headers).get_json()
    label = LABELS[query][english]
    assert answer["label"] == label
    start = "Found only approximately" if english else "Nur ungefähr gefunden"
    assert answer["message"].startswith(f"{start}: {label}.")


def test_without_a_request_the_labels_are_german(app):
    with app.app_context():
        place = editing.gazetteer().geocode("Hörde")
    assert place.label == LABELS["Hörde"][0]

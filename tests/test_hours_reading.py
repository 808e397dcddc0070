"""Opening hours as Germans and English speakers type them, OSM opening_hours, and errors
that say exactly what was not understood - in the parser, the forms and the import."""

import json
from html import unescape

import geopandas
import pytest
from admin_support import field_error, text
from click.testing import CliRunner
from naughty import strings
from samples import CENTRE_OFFER, SUGGESTION
from shapely.geometry import Point

from refugee_map import store
from refugee_map.cli import main
from refugee_map.domain import hours, offers, submissions
from refugee_map.store import offers as offer_store

WEEKDAYS_9_12 = "; ".join(f"{day} 09:00-12:00" for day in ("Mo", "Tu", "We", "Th", "Fr"))

READ = {
    # the form files are written in (exports, demo data)
    "Mo-Fr 09:00-12:00": WEEKDAYS_9_12,
    "Mo 09:00-12:00,14:00-16:00; We 10:00-12:00": "Mo 09:00-12:00,14:00-16:00; We 10:00-12:00",
    # German day names and abbreviations, any case, with or without a dot
    "Montag bis Freitag 9-12": WEEKDAYS_9_12,
    "mo.-fr. 9:00–12:00": WEEKDAYS_9_12,
    "MO - FR 9.00 - 12.00 Uhr": WEEKDAYS_9_12,
    "Di 9 Uhr bis 12 Uhr": "Tu 09:00-12:00",
    "Mi., Do. 10-11": "We 10:00-11:00; Th 10:00-11:00",
    "Sonnabend, Sonntag 10—13": "Sa 10:00-13:00; Su 10:00-13:00",
    "Mo, Mi, Fr 9-12": "Mo 09:00-12:00; We 09:00-12:00; Fr 09:00-12:00",
    "Mo+Mi 9-12": "Mo 09:00-12:00; We 09:00-12:00",
    "Mo und Mi von 9 bis 12": "Mo 09:00-12:00; We 09:00-12:00",
    "Mo: 9-12 und 14-16 Uhr": "Mo 09:00-12:00,14:00-16:00",
    "Mo 9-12 / 14-16": "Mo 09:00-12:00,14:00-16:00",
    "Mo 9-12, Di 14-16": "Mo 09:00-12:00; Tu 14:00-16:00",
    "Mo 9-12\nDi 14-16": "Mo 09:00-12:00; Tu 14:00-16:00",
    "Sa-Mo 10-12": "Mo 10:00-12:00; Sa 10:00-12:00; Su 10:00-12:00",
    "Mo-Fr 9-17; Mi geschlossen": "Mo 09:00-17:00; Tu 09:00-17:00; Th 09:00-17:00; Fr 09:00-17:00",
    "täglich 8-10": "; ".join(f"{day} 08:00-10:00" for day in hours.DAYS),
    "Fr 20-24; Sa 0-2": "Fr 20:00-24:00; Sa 00:00-02:00",
    # English
    "Monday-Friday 9-12": WEEKDAYS_9_12,
    "Mon-Fri 9am-12pm": WEEKDAYS_9_12,
    "Tue, Thu 9:30 am to 1 pm": "Tu 09:30-13:00; Th 09:30-13:00",
    "Sun 10h-12h": "Su 10:00-12:00",
    # empty: no fixed hours
    "": "",
    "  ": "",
}


@pytest.mark.parametrize(("typed", "written"), READ.items(), ids=list(READ))
def test_opening_hours_are_read_as_people_type_them(typed, written):
    assert hours.format(hours.parse(typed)) == written


OSM = {
    "Mo-Fr 09:00-12:00,14:00-16:00; Sa 10:00-13:00": (
        "; ".join(f"{day} 09:00-12:00,14:00-16:00" for day in ("Mo", "Tu", "We", "Th", "Fr"))
        + "; Sa 10:00-13:00"
    ),
    "24/7": "; ".join(f"{day} 00:00-24:00" for day in hours.DAYS),
    "Mo-Su 09:00-18:00; Su off": "; ".join(f"{day} 09:00-18:00" for day in hours.DAYS[:6]),
    "Mo-Sa 10:00-18:00; Sa closed": "; ".join(f"{day} 10:00-18:00" for day in hours.DAYS[:5]),
    "Mo-Fr 09:00-12:00 open": WEEKDAYS_9_12,
}


@pytest.mark.parametrize(("osm", "written"), OSM.items(), ids=list(OSM))
def test_osm_opening_hours_are_read_into_the_weekly_plan(osm, written):
    assert hours.format(hours.parse(osm)) == written


# OSM rules a weekly plan cannot hold: what is typed, and the part the message quotes
NOT_WEEKLY = {
    "Mo-Fr 09:00-12:00; PH off": "PH off",
    "Jan-Mar Mo 10:00-12:00": "Jan-Mar Mo 10:00-12:00",
    'Mo 10:00-12:00 "nur mit Termin"': 'Mo 10:00-12:00 "nur mit Termin"',
    "Mo[1] 10:00-12:00": "Mo[1] 10:00-12:00",
}

BAD = {
    "Mnotag 9-12": ("Unbekannter Wochentag: 'Mnotag'", "Unknown weekday: 'Mnotag'"),
    "Mo 9-25:00": ("Uhrzeit '25:00' gibt es nicht", "'25:00' is not a time of day"),
    "Mo 9:60-12": ("Uhrzeit '9:60' gibt es nicht", "'9:60' is not a time of day"),
    "Mo 09:00-1٢:00": ("Uhrzeit '1٢:00' gibt es nicht", "'1٢:00' is not a time of day"),
    "Mo 13pm-14": ("Uhrzeit '13pm' gibt es nicht", "'13pm' is not a time of day"),
    "Mo 14:00-12:00": ("Ende vor Beginn: 14:00–12:00", "Ends before it starts: 14:00–12:00"),
    "Mo 9-12, 11-14": (
        "Zeiten überschneiden sich: 09:00–12:00 und 11:00–14:00",
        "Times overlap: 09:00–12:00 and 11:00–14:00",
    ),
    "Mo": ("Keine Uhrzeit nach 'Mo'", "No time after 'Mo'"),
    "9-12": ("Wochentag fehlt vor '9-12'", "Weekday missing before '9-12'"),
    "Mo 9 12": ("Nicht verstanden: '12'", "Not understood: '12'"),
    "Mo 9-12 nach Vereinbarung": ("Unbekannter Wochentag: 'nach'", "Unknown weekday: 'nach'"),
    "Mo 22:00-02:00; Tu off": (
        "Ende vor Beginn: 22:00–02:00",
        "Ends before it starts: 22:00–02:00",
    ),
    "Mo 9-1" + "2" * 60: (
        "Uhrzeit '1" + "2" * 38 + "…' gibt es nicht",
        "'1" + "2" * 38 + "…' is not a time of day",
    ),
} | {
    typed: (
        f"Nicht übernehmbar: '{part}' – nur Wochentage und Uhrzeiten",
        f"Cannot be taken over: '{part}' – only weekdays and times",
    )
    for typed, part in NOT_WEEKLY.items()
}


@pytest.mark.parametrize(("typed", "messages"), BAD.items(), ids=list(BAD))
def test_opening_hours_not_understood_say_exactly_what(app, typed, messages):
    german, english = messages
    with pytest.raises(hours.HoursError) as raised:
        hours.parse(typed)
    assert str(raised.value) == german
    with app.test_request_context("/?lang=en"), pytest.raises(hours.HoursError) as raised:
        hours.parse(typed)
    assert str(raised.value) == english


def test_a_weekday_dict_from_a_form_or_file_takes_day_names_and_typed_times():
    week = hours.normalise({"Montag": [["9", "12 Uhr"]], "Fr": [["14.30", "16:00"]]})
    assert week == {"Mo": [["09:00", "12:00"]], "Fr": [["14:30", "16:00"]]}
    with pytest.raises(hours.HoursError, match="Nicht verstanden: '9-12'"):
        hours.normalise({"Mo": "9-12"})
    with pytest.raises(hours.HoursError, match="Unbekannter Wochentag: 'Xx'"):
        hours.normalise({"Xx": [["09:00", "12:00"]]})


@pytest.mark.parametrize("typed", strings(), ids=range(len(strings())))
def test_any_naughty_text_is_opening_hours_or_an_hours_error(typed):
    try:
        week = hours.parse(typed)
    except hours.HoursError as error:
        assert str(error) and len(str(error)) < 200
        return
    assert hours.parse(hours.format(week)) == week


# --- the forms: the error next to the field, nothing lost --------------------------------

OFFER_FORM = CENTRE_OFFER | {"languages": ["de", "en"], "hours_note": "In den Ferien geschlossen."}


def post_offer(editor, data):
    return editor.post("/admin/offers/new", data={"csrf_token": editor.token} | data)


def test_the_offer_form_takes_times_as_typed(editor, db):
    form = OFFER_FORM | {"hours-Mo-start": ["9.00 Uhr", "14"], "hours-Mo-end": ["12", "16:00"]}
    assert post_offer(editor, form).status_code == 302
    offer = offer_store.find_offers(db, offer_store.OfferQuery(statuses=()))[0]
    assert offer["opening_hours"] == {"Mo": [["09:00", "12:00"], ["14:00", "16:00"]]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_offer_form_shows_a_bad_time_at_its_field_and_keeps_everything(editor, db, lang):
    form = OFFER_FORM | {"hours-Mo-start": ["9", "14:00"], "hours-Mo-end": ["25:00", "16:00"]}
    response = editor.post(
        f"/admin/offers/new?lang={lang}", data={"csrf_token": editor.token} | form
    )
    assert response.status_code == 422
    page = text(response)
    expected = {
        "de": "Öffnungszeiten: Uhrzeit '25:00' gibt es nicht",
        "en": "Opening hours: '25:00' is not a time of day",
    }[lang]
    assert unescape(field_error(page, "opening_hours")) == expected
    # a time field shows HH:MM only: "9" comes back so, "25:00" as typed (the message quotes it)
    assert 'value="25:00"' in page and 'value="14:00"' in page and 'value="09:00"' in page
    assert "In den Ferien geschlossen." in page
    assert db["offers"].count == 0


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("de", "Öffnungszeiten: Ende vor Beginn: 14:00–12:00"),
     ("en", "Opening hours: Ends before it starts: 14:00–12:00"),
     ("ar", "النهاية قبل البداية: 14:00–12:00")],
)  # fmt: skip
def test_the_suggestion_form_shows_a_bad_time_at_its_field_and_keeps_everything(
    client, db, lang, expected
):
    form = SUGGESTION | {
        "hours-Tu-start": "14 Uhr",
        "hours-Tu-end": "12",
        "comment": "Bitte prüfen",
    }
    response = client.post(f"/suggest?lang={lang}", data=form)
    assert response.status_code == 422
    page = text(response)
    assert expected in unescape(field_error(page, "opening_hours"))
    assert 'value="14:00"' in page and 'value="12:00"' in page  # as a time field shows them
    assert "Deutschkurs am Nordmarkt" in page and "Bitte prüfen" in page
    assert db["submissions"].count == 0


def test_a_suggestion_with_german_times_is_kept_for_review(client, db):
    form = SUGGESTION | {"hours-Tu-start": "9.30", "hours-Tu-end": "12 Uhr"}
    assert client.post("/suggest", data=form).status_code == 303
    (row_id,) = db.execute("SELECT id FROM submissions").fetchone()
    offer = submissions.get(db, row_id, region=1)["payload"]["offer"]
    assert offer["opening_hours"] == {"Tu": [["09:30", "12:00"]]}


# --- the import: every file format --------------------------------------------------------

ROW = CENTRE_OFFER | {"email": "info@example.org", "title": "Sprechstunde"}


@pytest.fixture
def env(new_database):
    location = new_database("live.db")
    store.init(store.connect(location))
    return {"REFUGEE_MAP_DB": location}


def csv_file(path, rows: list[dict]):
    columns = list(rows[0])
    lines = [",".join(columns)]
    lines += [",".join('"' + str(row[column]).replace('"', '""') + '"' for column in columns)
              for row in rows]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def geojson_file(path, rows: list[dict]):
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.4652, 51.5142]},
         "properties": {k: v for k, v in row.items() if k not in ("lat", "lng")}}
        for row in rows
    ]  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def geopackage_file(path, rows: list[dict]):
    properties = [{k: v for k, v in row.items() if k not in ("lat", "lng")} for row in rows]
    points = [Point(7.4652, 51.5142) for _row in rows]
    geopandas.GeoDataFrame(properties, geometry=points, crs=4326).to_file(path, driver="GPKG")
    return path


FILES = {"csv": csv_file, "geojson": geojson_file, "gpkg": geopackage_file}


def imported_hours(env) -> list[dict]:
    db = store.connect(env["REFUGEE_MAP_DB"])
    return [
        o["opening_hours"] for o in offer_store.find_offers(db, offer_store.OfferQuery(statuses=()))
    ]


@pytest.mark.parametrize("kind", FILES)
def test_an_import_row_with_german_day_names_imports(env, tmp_path, kind):
    row = ROW | {"opening_hours": "Montag bis Mittwoch 9.00–12.00 Uhr; Fr. 14-16"}
    result = CliRunner().invoke(
        main, ["import", str(FILES[kind](tmp_path / f"o.{kind}", [row]))], env=env
    )
    assert result.exit_code == 0, result.output
    assert imported_hours(env) == [{
        "Mo": [["09:00", "12:00"]], "Tu": [["09:00", "12:00"]], "We": [["09:00", "12:00"]],
        "Fr": [["14:00", "16:00"]],
    }]  # fmt: skip


def test_geojson_hours_as_an_object_take_german_day_names(env, tmp_path):
    row = ROW | {"opening_hours": {"Dienstag": [["9", "12"]]}}
    result = CliRunner().invoke(
        main, ["import", str(geojson_file(tmp_path / "o.geojson", [row]))], env=env
    )
    assert result.exit_code == 0, result.output
    assert imported_hours(env) == [{"Tu": [["09:00", "12:00"]]}]


@pytest.mark.parametrize("kind", FILES)
def test_an_import_row_with_hours_not_understood_names_row_and_text(env, tmp_path, kind):
    rows = [ROW, ROW | {"title": "Zweites", "opening_hours": "Mnotag 9-12"}]
    result = CliRunner().invoke(
        main, ["import", str(FILES[kind](tmp_path / f"o.{kind}", rows))], env=env
    )
    assert result.exit_code != 0
    line = next(line for line in result.output.splitlines() if "Mnotag" in line)
    assert "Unbekannter Wochentag: 'Mnotag'" in line
    assert ("3" if kind == "csv" else "2") in line.partition("Unbekannter")[0]
    assert imported_hours(env) == []


def test_an_import_of_osm_hours_with_holidays_says_what_cannot_be_kept(env, tmp_path):
    rows = [ROW | {"opening_hours": "Mo-Fr 09:00-12:00; PH off"}]
    result = CliRunner().invoke(main, ["import", str(csv_file(tmp_path / "o.csv", rows))], env=env)
    assert result.exit_code != 0
    assert "Nicht übernehmbar: 'PH off' – nur Wochentage und Uhrzeiten" in result.output
    assert imported_hours(env) == []


def test_offers_clean_turns_any_naughty_hours_into_a_field_error():
    for typed in strings()[::5]:
        try:
            offers.clean(CENTRE_OFFER | {"opening_hours": typed})
        except offers.OfferInvalid as invalid:
            assert set(invalid.errors) <= {"opening_hours"}

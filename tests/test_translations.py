"""Translations of offer titles and descriptions: store, back-office page, list, public page."""

import re
from itertools import count

import pytest
from admin_support import field_error, text

from refugee_map import store
from refugee_map.domain import offers
from refugee_map.domain.offers import EDITABLE_FIELDS
from refugee_map.store import offer_history, offer_lists
from refugee_map.store import offers as offer_store
from refugee_map.store import translations as translation_store
from refugee_map.web.admin import offers as admin_offers
from refugee_map.web.i18n import LANGUAGES

OTHERS = [code for code in LANGUAGES if code != "de"]


@pytest.fixture
def clock(monkeypatch):
    """store.now() one second later on every call: "older than" becomes testable."""
    ticks = count()
    monkeypatch.setattr(store, "now", lambda: f"2025-03-01T10:{next(ticks):02d}:00+00:00")


def add(db, **fields):
    values = {"category": "counselling", "title": "Sprachcafé", "description": "Deutsch üben.",
              "lat": 51.5, "lng": 7.45, "status": "published"} | fields  # fmt: skip
    return offer_store.create_offer(db, offers.clean(values), by="test")


# --- store ----------------------------------------------------------------------------------


def test_translations_are_stored_listed_and_deleted(fresh_db):
    offer = add(fresh_db)["id"]
    assert translation_store.set_translation(
        fresh_db, offer, "en", "Language café", "Practise German."
    )
    assert translation_store.set_translation(
        fresh_db, offer, "ar", "مقهى اللغة", "تدرب على الألمانية."
    )
    assert not translation_store.set_translation(
        fresh_db, offer, "ar", "مقهى اللغة", "تدرب على الألمانية."
    )
    assert list(translation_store.translations(fresh_db, offer)) == ["ar", "en"]
    assert translation_store.translations(fresh_db, offer)["en"]["title"] == "Language café"
    assert translation_store.delete_translation(fresh_db, offer, "en", by="anna")
    assert not translation_store.delete_translation(fresh_db, offer, "en", by="anna")
    assert list(translation_store.translations(fresh_db, offer)) == ["ar"]
    assert offer_store.get_offer(fresh_db, offer, lang="en")["text_lang"] == "de"


def test_translation_changes_are_in_the_history_without_a_new_version(fresh_db):
    offer = add(fresh_db)
    translation_store.set_translation(fresh_db, offer["id"], "ar", "مقهى", "نص", by="anna")
    translation_store.set_translation(fresh_db, offer["id"], "ar", "مقهى اللغة", "نص", by="anna")
    translation_store.delete_translation(fresh_db, offer["id"], "ar", by="ben")
    deleted, changed, added, created = offer_history.history(fresh_db, offer["id"])
    assert created["action"] == "create"
    assert [e["action"] for e in (added, changed, deleted)] == ["translate"] * 3
    assert {e["source"] for e in (added, changed, deleted)} == {"translation:ar"}
    assert added["before"]["translation"] is None
    assert added["after"]["translation"] == {"lang": "ar", "title": "مقهى", "description": "نص"}
    assert changed["before"]["translation"]["title"] == "مقهى"
    assert changed["after"]["translation"]["title"] == "مقهى اللغة"
    assert (deleted["user"], deleted["after"]["translation"]) == ("ben", None)
    assert deleted["after"]["title"] == "Sprachcafé"  # the offer as it is, for restoring
    assert offer_store.get_offer(fresh_db, offer["id"], public=False)["version"] == offer["version"]


def test_status_names_missing_and_outdated_languages(fresh_db, clock):
    first, second = add(fresh_db)["id"], add(fresh_db, title="Nähcafé")["id"]
    translation_store.set_translation(fresh_db, first, "en", "Language café", "Practise German.")
    translation_store.set_translation(fresh_db, first, "ar", "مقهى اللغة", "تدرب على الألمانية.")
    status = translation_store.translation_status(fresh_db, [first, second], OTHERS)
    assert status[first] == {
        "missing": [c for c in OTHERS if c not in ("en", "ar")],
        "outdated": [],
    }
    assert status[second] == {"missing": OTHERS, "outdated": []}

    offer_store.update_offer(fresh_db, first, {"status": "draft"}, by="t")  # German text unchanged
    assert translation_store.translation_status(fresh_db, [first], OTHERS)[first]["outdated"] == []
    offer_store.update_offer(fresh_db, first, {"description": "Deutsch üben, mit Kaffee."}, by="t")
    assert translation_store.translation_status(fresh_db, [first], OTHERS)[first]["outdated"] == [
        "en",
        "ar",
    ]
    translation_store.set_translation(
        fresh_db, first, "en", "Language café", "Practise German, with coffee."
    )
    assert translation_store.translation_status(fresh_db, [first], OTHERS)[first]["outdated"] == [
        "ar"
    ]
    assert translation_store.confirm_translation(fresh_db, first, "ar", by="t")
    assert translation_store.translation_status(fresh_db, [first], OTHERS)[first]["outdated"] == []


def test_restoring_a_version_keeps_the_translations_and_makes_them_outdated(fresh_db, clock):
    offer = add(fresh_db, title="Alt")["id"]
    offer_store.update_offer(fresh_db, offer, {"title": "Neu"}, by="t")
    translation_store.set_translation(fresh_db, offer, "en", "New", "")
    created = offer_history.history(fresh_db, offer)[-1]
    snapshot = {field: created["after"].get(field) for field in EDITABLE_FIELDS}
    offer_store.update_offer(fresh_db, offer, snapshot, by="t", action="restore")
    assert offer_store.get_offer(fresh_db, offer)["title"] == "Alt"
    assert translation_store.translations(fresh_db, offer)["en"]["title"] == "New"
    assert translation_store.translation_status(fresh_db, [offer], ["en"])[offer]["outdated"] == [
        "en"
    ]


def test_the_lists_untranslated_filter_in_sql_agrees_with_translation_status(fresh_db, clock):
    missing, outdated, done, half = (add(fresh_db, title=t)["id"] for t in "ABCD")
    for offer in (outdated, done, half):
        translation_store.set_translation(fresh_db, offer, "en", "Title", "Text", by="test")
    for offer in (outdated, done):
        translation_store.set_translation(fresh_db, offer, "fr", "Titre", "Texte", by="test")
    offer_store.update_offer(fresh_db, outdated, {"title": "B, neu"}, by="test")
    offer_store.update_offer(fresh_db, done, {"phone": "0231 1"}, by="test")  # not the text
    wanted = {("en", "fr"): {missing, outdated, half}, ("en",): {missing, outdated},
              ("fr",): {missing, outdated, half}}  # fmt: skip
    for languages, expected in wanted.items():
        status = translation_store.translation_status(
            fresh_db, [missing, outdated, done, half], languages
        )
        assert {offer for offer, langs in status.items() if any(langs.values())} == expected
        found = offer_lists.offer_page(
            fresh_db, offer_store.OfferQuery(), sort="title", page=1, page_size=10,
            untranslated_in=languages,
        )  # fmt: skip
        assert {offer["id"] for offer in found.offers} == expected, languages


# --- the back-office page -------------------------------------------------------------------


def save(client, offer_id, data, token=True):
    form = {"csrf_token": client.token} if token else {}
    return client.post(f"/admin/offers/{offer_id}/translations", data=form | data)


def test_page_shows_the_german_text_and_a_field_pair_per_language(editor, make_offer):
    offer = make_offer(title="Nähcafé", description="Wir nähen zusammen.")
    page = text(editor.get(f"/admin/offers/{offer['id']}/translations"))
    assert '<dl lang="de">' in page and "Wir nähen zusammen." in page
    for code in OTHERS:
        direction = "rtl" if code in ("ar", "fa") else "ltr"
        assert re.search(rf'<input id="title-{code}" [^>]*lang="{code}" dir="{direction}"', page)
        assert re.search(
            rf'<textarea id="description-{code}" [^>]*lang="{code}" dir="{direction}"', page
        )
    assert 'id="title-de"' not in page
    assert page.count('class="badge missing"') == len(OTHERS)
    edit_page = text(editor.get(f"/admin/offers/{offer['id']}"))
    assert f'href="/admin/offers/{offer["id"]}/translations"' in edit_page


def test_saving_stores_translations_and_the_public_page_shows_them(editor, client, make_offer, db):
    offer = make_offer(title="Beratung", description="Beratung zum Asylverfahren.")["id"]
    arabic = {"title-ar": " استشارة ", "description-ar": "استشارة حول اللجوء."}
    response = save(editor, offer, arabic | {"title-en": "Advice", "description-en": "Asylum."})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/offers/{offer}/translations"
    stored = translation_store.translations(db, offer)
    assert (stored["ar"]["title"], stored["en"]["description"]) == ("استشارة", "Asylum.")
    html = text(client.get(f"/offers/{offer}?lang=ar"))
    assert '<h1 lang="ar" dir="auto">استشارة</h1>' in html
    page = text(editor.get(f"/admin/offers/{offer}/translations"))
    assert page.count('class="badge missing"') == len(OTHERS) - 2
    assert 'value="استشارة"' in page
    history = text(editor.get(f"/admin/offers/{offer}/history"))
    assert "translation:ar" in history and '<td class="after" lang="ar" dir="auto">' in history
    translated = [e["id"] for e in offer_history.history(db, offer) if e["action"] == "translate"]
    assert len(translated) == 2
    assert not any(f"/restore/{entry}" in history for entry in translated)  # offer versions only


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title-fa": "x" * 201}, "title-fa", "Höchstens 200 Zeichen."),
        ({"title-fa": "t", "description-fa": "x" * 5001}, "description-fa",
         "Höchstens 5000 Zeichen."),
        ({"title-fa": "a\x00b", "description-fa": "d"}, "title-fa",
         "Enthält ein unzulässiges Zeichen."),
        ({"description-fa": "nur Text"}, "title-fa", "Bitte auch den Titel übersetzen."),
        ({"title-fa": "nur Titel"}, "description-fa", "Bitte auch die Beschreibung übersetzen."),
    ],
)  # fmt: skip
def test_bad_input_is_shown_at_its_field_values_kept_nothing_saved(
    editor, make_offer, db, data, field, message
):
    offer = make_offer(title="Beratung", description="Beratung zum Asylverfahren.")["id"]
    response = save(editor, offer, data | {"title-uk": "Консультація", "description-uk": "Текст"})
    assert response.status_code == 422
    page = text(response)
    assert field_error(page, field) == message
    assert 'class="error-summary"' in page and f'href="#{field}"' in page
    assert 'value="Консультація"' in page  # the valid language is kept, too
    assert translation_store.translations(db, offer) == {}


def test_emptying_both_fields_deletes_the_translation(editor, make_offer, db):
    offer = make_offer()["id"]
    translation_store.set_translation(db, offer, "tr", "Danışmanlık", "Metin")
    assert save(editor, offer, {"title-tr": "", "description-tr": " "}).status_code == 302
    assert translation_store.translations(db, offer) == {}
    assert offer_history.history(db, offer)[0]["after"]["translation"] is None


def test_without_csrf_token_nothing_is_saved(editor, make_offer, db):
    offer = make_offer()["id"]
    response = save(editor, offer, {"title-en": "Advice", "description-en": "x"}, token=False)
    assert response.status_code == 400
    assert translation_store.translations(db, offer) == {}


def test_an_outdated_translation_can_be_confirmed_without_changing_it(editor, make_offer, db):
    offer = make_offer(description="Alt.")["id"]
    translation_store.set_translation(db, offer, "en", "Advice", "Old.")
    db.execute("UPDATE offer_translations SET updated_at = '2000-01-01T00:00:00+00:00'")
    page = text(editor.get(f"/admin/offers/{offer}/translations"))
    assert "älter als der deutsche Text" in page and 'id="confirm-en"' in page
    unchanged = {"title-en": "Advice", "description-en": "Old."}
    save(editor, offer, unchanged)
    assert translation_store.translation_status(db, [offer], ["en"])[offer]["outdated"] == ["en"]
    save(editor, offer, unchanged | {"confirm-en": "1"})
    assert translation_store.translation_status(db, [offer], ["en"])[offer]["outdated"] == []


def test_unknown_offer_is_404(editor):
    assert editor.get("/admin/offers/999/translations").status_code == 404


# --- the offer list -------------------------------------------------------------------------


def test_list_counts_translations_and_names_missing_and_outdated_ones(editor, make_offer, db):
    done = make_offer(title="Übersetzt")["id"]
    for code in OTHERS:
        translation_store.set_translation(db, done, code, f"Titel {code}", f"Text {code}")
    partly = make_offer(title="Halb")["id"]
    translation_store.set_translation(db, partly, "en", "Half", "Text")
    translation_store.set_translation(db, partly, "ar", "نصف", "نص")
    db.execute(
        "UPDATE offer_translations SET updated_at = '2000-01-01T00:00:00+00:00'"
        " WHERE offer_id = ? AND lang = 'ar'",
        [partly],
    )
    page = text(editor.get("/admin/offers?sort=title"))
    assert ">9/9<span" in page and ">2/9<span" in page
    assert '<small class="outdated">veraltet: <abbr title="Arabisch">ar</abbr></small>' in page
    assert '<abbr title="Tigrinya">ti</abbr>' in page

    filtered = text(editor.get("/admin/offers?untranslated=1"))
    assert "Halb" in filtered and "Übersetzt" not in filtered
    for code in OTHERS:
        translation_store.set_translation(db, partly, code, f"Titel {code}", f"Text {code} neu")
    assert "Halb" not in text(editor.get("/admin/offers?untranslated=1"))


def test_the_filter_is_kept_across_pages(editor, make_offer, monkeypatch):
    monkeypatch.setattr(admin_offers, "PAGE_SIZE", 1)
    make_offer(title="Erstes")
    make_offer(title="Zweites")
    page = text(editor.get("/admin/offers?untranslated=1&stale=1"))
    link = re.search(r'<a href="(/admin/[^"]*page=2[^"]*)"', page).group(1)
    assert "untranslated=1" in link and "stale=1" in link

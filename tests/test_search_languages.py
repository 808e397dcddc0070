"""Search in every UI language: translations in the index, search topics, letter foldings,
and the same answer from /api/offers, /api/map, the map page's list and the no-JS /list."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from refugee_map import create_app, store
from refugee_map.domain import offers, search_topics
from refugee_map.exchange.formats import load_demo
from refugee_map.geo.districts import load_districts
from refugee_map.store import folding, schema, search_index
from refugee_map.store import offers as offer_store
from refugee_map.store import translations as translation_store
from refugee_map.web import filters
from refugee_map.web.i18n import LANGUAGES

CITY = "7.3,51.4,7.65,51.6"  # a bbox around every demo offer
# What someone types for a need, in each UI language.
NEEDS = {
    "clothes": {
        "de": "Kleidung", "en": "clothes", "ar": "ملابس", "fa": "لباس", "fr": "vêtements",
        "ku": "cil", "ru": "одежда", "ti": "ክዳውንቲ", "tr": "kıyafet", "uk": "одяг",
    },
    "german-course": {
        "de": "Deutschkurs", "en": "German course", "ar": "دورة لغة ألمانية",
        "fa": "کلاس زبان آلمانی", "fr": "cours d'allemand", "ku": "kursa almanî",
        "ru": "курсы немецкого", "ti": "ኮርስ ጀርመንኛ", "tr": "Almanca kursu",
        "uk": "курси німецької",
    },
    "counselling": {
        "de": "Beratung", "en": "counselling", "ar": "استشارة", "fa": "مشاوره",
        "fr": "conseil", "ku": "şêwirmendî", "ru": "консультация", "ti": "ምኽሪ",
        "tr": "danışmanlık", "uk": "консультація",
    },
}  # fmt: skip
# The demo offers of each need, read from the German text and category (not from the topics).
OF_THE_NEED = {
    "clothes": lambda offer: re.search("kleid", _text(offer), re.I),
    "german-course": lambda offer: re.search(
        r"(deutsch|sprach|integrations)\w*kurs|deutsch-intensivkurs", _text(offer), re.I
    ),
    "counselling": lambda offer: offer["category"] == "counselling",
}


def _text(offer: dict) -> str:
    return f"{offer['title']} {offer['description']}"


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    app = create_app({"TESTING": True, "DB": str(path), "SECRET_KEY": "test"})
    db = store.connect(str(path))
    store.init(db)
    region = app.config["REGION_DIR"]
    load_demo(db, Path(region), load_districts(region))
    demo = offer_store.find_offers(db)
    db.close()
    return app, demo


@pytest.fixture(scope="module")
def demo_client(demo_app):
    return demo_app[0].test_client()


def api_ids(client, q: str, lang: str, **more) -> list[int]:
    answer = client.get("/api/offers", query_string={"q": q, "lang": lang, "limit": 200} | more)
    assert answer.status_code == 200, answer.json
    return [feature["properties"]["id"] for feature in answer.json["features"]]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("need", NEEDS)
def test_a_need_asked_in_any_language_finds_its_demo_offers(demo_app, demo_client, need, lang):
    wanted = {offer["id"] for offer in demo_app[1] if OF_THE_NEED[need](offer)}
    assert len(wanted) >= 5
    found = api_ids(demo_client, NEEDS[need][lang], lang)
    assert wanted <= set(found), sorted(wanted - set(found))


def test_every_topic_has_words_in_every_language():
    for lang in LANGUAGES:
        for topic in search_topics.TOPICS:
            words = search_topics.words(topic, lang)
            assert words and (lang == "de" or words != search_topics.words(topic, "de")), (
                topic.slug,
                lang,
            )


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "de"])
def test_catalogues_hold_every_search_words_entry(lang):
    path = search_topics.TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as po:
        catalogue = read_po(po, locale=lang)
    for topic in search_topics.TOPICS:
        entry = catalogue.get(topic.words, context=search_topics.CONTEXT)
        assert entry is not None and entry.string and not entry.fuzzy, (topic.slug, lang)


def test_topic_terms_are_single_words_and_categories_exist():
    from refugee_map.domain.categories import SLUGS

    for topic in search_topics.TOPICS:
        assert all(len(folding.words(term)) == 1 for term in topic.terms), topic.slug
        assert set(topic.categories) <= set(SLUGS)
    assert set(SLUGS) <= {slug for topic in search_topics.TOPICS for slug in topic.categories}


def test_the_index_covers_every_ui_language():
    assert set(search_index.TRANSLATED_LANGUAGES) == set(LANGUAGES) - {"de"}


# --- translations in the index ----------------------------------------------------------------


def add(db, **fields):
    values = {"category": "leisure", "title": "Nähcafé", "description": "Nähen und reden.",
              "lat": 51.5, "lng": 7.45, "status": "published"} | fields  # fmt: skip
    return offer_store.create_offer(db, offers.clean(values), by="test")["id"]


def found(db, q: str, lang: str | None) -> list[int]:
    query = offer_store.OfferQuery(**filters.text_search(q, lang))
    return [offer["id"] for offer in offer_store.find_offers(db, query, lang=lang)]


def test_a_saved_translation_is_found_by_its_words_until_deleted(fresh_db):
    offer = add(fresh_db)
    assert found(fresh_db, "خياطة", "ar") == []
    translation_store.set_translation(fresh_db, offer, "ar", "مقهى الخياطة", "خياطة وحديث.")
    assert found(fresh_db, "خياطة", "ar") == [offer]
    assert found(fresh_db, "الخياطه", "ar") == [offer]  # teh marbuta typed as heh
    assert found(fresh_db, "خياطة", "fa") == []  # another language's translation
    assert found(fresh_db, "Nähcafé", "ar") == [offer]  # the German text still counts
    translation_store.set_translation(fresh_db, offer, "ar", "ورشة", "حديث.")
    assert found(fresh_db, "خياطة", "ar") == []
    assert found(fresh_db, "ورشة", "ar") == [offer]
    translation_store.delete_translation(fresh_db, offer, "ar")
    assert found(fresh_db, "ورشة", "ar") == []


def test_a_translated_offer_leaves_the_search_when_deleted_and_returns_when_restored(fresh_db):
    offer = add(fresh_db)
    translation_store.set_translation(fresh_db, offer, "uk", "Кав'ярня шиття", "Шиття.")
    offer_store.update_offer(fresh_db, offer, {"deleted_at": store.now()}, by="test")
    assert found(fresh_db, "шиття", "uk") == []
    offer_store.update_offer(fresh_db, offer, {"deleted_at": None}, by="test")
    assert found(fresh_db, "шиття", "uk") == [offer]
    offer_store.update_offer(fresh_db, offer, {"title": "Nähstube"}, by="test")
    assert found(fresh_db, "шиття", "uk") == [offer]  # an edit of the German text keeps it


def test_hand_run_sql_keeps_the_index_true(fresh_db):
    offer = add(fresh_db)
    with store.writing(fresh_db):
        fresh_db.execute(
            "INSERT INTO offer_translations (offer_id, lang, title, description, updated_at)"
            " VALUES (?, 'tr', 'Dikiş kafesi', '', '2025-01-01')",
            [offer],
        )
    assert found(fresh_db, "dikis", "tr") == [offer]
    with store.writing(fresh_db):
        fresh_db.execute("DELETE FROM offers WHERE id = ?", [offer])
    assert found(fresh_db, "dikis", "tr") == []


@pytest.mark.sqlite_only("SQLite parses its triggers on every connection; PostgreSQL does not")
def test_the_triggers_name_the_index_row_once_so_a_connection_opens_fast(fresh_db):
    """SQLite parses every trigger whenever a connection opens (once per request): the index
    row is spelled out once, in a view, not in each of the five triggers that write it."""
    triggers = fresh_db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    assert max(len(sql) for _, sql in triggers) < 4_000
    assert add(fresh_db, title="Fahrradwerkstatt") in found(fresh_db, "fahrrad", None)


def test_the_migration_to_the_view_keeps_the_index_and_its_updates():
    db = store.connect(":memory:")
    with store.writing(db):
        schema.migrations.apply(db, stop_before="m011_street_zooms_and_search_counts")
    offer = add(db)
    translation_store.set_translation(db, offer, "uk", "Кафе шиття", "", by="test")
    store.init(db)
    assert found(db, "шиття", "uk") == [offer]
    translation_store.set_translation(db, offer, "uk", "Майстерня", "", by="test")
    offer_store.update_offer(db, offer, {"title": "Nähstube"}, by="test")
    assert found(db, "шиття", "uk") == [] and found(db, "майстерня", "uk") == [offer]
    assert found(db, "nähstube", None) == [offer] and found(db, "nähcafé", None) == []


# --- foldings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, typed",
    [
        ("Möbelbörse", "moebel"), ("Möbelbörse", "mobel"), ("Möbelbörse", "MÖBEL"),
        ("Fußball", "fussball"), ("Straße", "strasse"),
        ("Français langue", "francais"), ("Çocuk oyun", "cocuk"),
        ("Kadın kahvaltısı", "kadin"), ("İstanbul evi", "istanbul"),
        ("مدرسة", "مدرسه"), ("كتاب", "کتاب"), ("یوم", "يوم"), ("مستشفى", "مستشفي"),
        ("أمل", "امل"), ("إسلام", "اسلام"), ("مَلابِس", "ملابس"), ("ملابـــس", "ملابس"),
        ("ملابس", "مَلابِس"),
        ("ёлка", "елка"), ("Київ", "Киів"), ("Київ", "Киив"), ("ґанок", "ганок"),
    ],
)  # fmt: skip
def test_letter_variants_find_each_other(fresh_db, written, typed):
    offer = add(fresh_db, title=written)
    assert found(fresh_db, typed, None) == [offer]


def test_foldings_are_one_table_delivered_to_the_browser(demo_client):
    data = demo_client.get("/api/search-topics?lang=ar").json
    merged = {letter: to for table in data["folding"].values() for letter, to in table.items()}
    assert merged == folding.LETTERS


# --- ranking and the same answer everywhere ---------------------------------------------------


def test_text_matches_come_before_topic_matches(demo_app, demo_client):
    ids = api_ids(demo_client, "Kleiderkammer", "de")
    by_id = {offer["id"]: offer for offer in demo_app[1]}
    assert "Kleiderkammer" in by_id[ids[0]]["title"]
    texts = [bool(re.search("kleiderkammer", _text(by_id[i]), re.I)) for i in ids]
    assert texts == sorted(texts, reverse=True) and texts.count(True) < len(texts)


def test_no_topic_keeps_the_plain_text_search(demo_client):
    assert len(api_ids(demo_client, "Borsigplatz", "en")) >= 2
    assert api_ids(demo_client, "Borsigplatz nirgendwo", "en") == []


@pytest.mark.parametrize("q, lang", [("ملابس", "ar"), ("Deutschkurs", "de"), ("одяг", "uk")])
def test_api_map_and_the_lists_agree_with_api_offers(demo_client, q, lang):
    ids = api_ids(demo_client, q, lang)
    whole = demo_client.get("/api/offers", query_string={"q": q, "lang": lang}).json
    assert sorted(f["properties"]["id"] for f in whole["features"]) == sorted(ids)
    shown = demo_client.get(
        "/api/map", query_string={"q": q, "lang": lang, "bbox": CITY, "zoom": 18}
    ).json
    assert not shown["clusters"]
    assert sorted(offer["id"] for offer in shown["offers"]) == sorted(ids)
    page = demo_client.get("/list", query_string={"q": q, "lang": lang}).get_data(as_text=True)
    listed = [int(i) for i in re.findall(r'href="/offers/(\d+)[?"]', page)]
    assert list(dict.fromkeys(listed)) == ids[: len(dict.fromkeys(listed))] and listed


def test_search_topics_answer_is_cacheable_and_names_every_language(demo_client):
    answer = demo_client.get("/api/search-topics?lang=uk")
    assert answer.status_code == 200 and answer.headers["ETag"]
    again = demo_client.get(
        "/api/search-topics?lang=uk", headers={"If-None-Match": answer.headers["ETag"]}
    )
    assert again.status_code == 304
    clothes = next(t for t in answer.json["topics"] if t["slug"] == "clothes")
    assert {"одяг", "clothes", "ملابس", "Kleidung"} <= set(clothes["words"])
    assert clothes["label"] == "одяг"
    assert demo_client.get("/api/search-topics?lang=xx").status_code == 400


def test_every_word_is_matched_by_its_text_or_by_a_topic_it_names(demo_app, demo_client):
    titles = {offer["id"]: offer["title"] for offer in demo_app[1]}
    found = [titles[i] for i in api_ids(demo_client, "Deutschkurs Frauen", "de")]
    assert found[0] == "Deutschkurs für Mütter mit Kinderbetreuung"  # both words in its text
    assert "Mädchen- und Frauentreff" not in found  # women, but no German course
    assert "Deutschkurs für Erwachsene" not in found  # a German course, but not for women
    both = [titles[i] for i in api_ids(demo_client, "Kleidung Möbel", "de")]
    assert "Spendenlager für Hausrat und Babyausstattung" in both  # Babykleidung, Hausrat
    assert "Kleiderstube" not in both and "Kleiderstube" in [
        titles[i] for i in api_ids(demo_client, "Kleidung", "de")
    ]

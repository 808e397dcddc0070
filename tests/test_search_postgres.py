"""The full-text search on PostgreSQL (store/search_postgres.py) behaves as FTS5 does on
SQLite: the same words, foldings, languages, topics, phases, counts and pages.

The search tests of test_search_languages, test_offer_pages and test_search_counts run on
PostgreSQL in the ``--engine=postgresql`` run, as do this file's tests that take ``fresh_db``
or ``app``; those that take ``pg_databases`` compare PostgreSQL with SQLite's FTS5 in one
run (the PostgreSQL run only)."""

import re
import subprocess
import sys
from pathlib import Path
from uuid import uuid4

import pytest
from naughty import NASTY, sample, strings
from pg_databases import PREFIX
from test_search_languages import NEEDS, add, found

from refugee_map import store
from refugee_map.store import (
    folding,
    offer_lists,
    search_index,
    search_postgres,
    search_syntax,
    translations,
)
from refugee_map.store import offers as offer_store
from refugee_map.web import filters

TEXTS = [
    *(text for need in NEEDS.values() for text in need.values()),
    "Möbel-Börse: info@beispiel.de, www.beispiel.de/x?y=1, 3.5 km, 1e5, v2",
    "Straße FUSSBALL ẞ Çocuk Kadın İstanbul Œuvre Æble Ørsted ﬁle ½ ²",
    "مَلابِس ملابـــس كتاب یوم مستشفى أمل إسلام",
    "Київ ґанок ЁЛКА ОДЯГ ΟΔΟΣ",
    "ክዳውንቲ ኮርስ ጀርመንኛ",
    "soft\u00adhyphen e\u0301cole \ue000private word_with_underscore",
]


@pytest.fixture(scope="module")
def postgres_db(pg_databases):
    url = pg_databases.lasting("search_words")
    db = store.connect(url)
    yield db
    db.close()
    pg_databases.drop([url])


@pytest.fixture(scope="module")
def c_locale_db(pg_cluster, pg_databases):
    """A database in the "C" locale (ASCII-only classes and case), with the word functions."""
    name = f"{PREFIX}_c_locale_{uuid4().hex[:12]}"  # xdist may set a module up twice
    pg_cluster.sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
    db = store.connect(pg_cluster.url(name))
    with store.writing(db):
        for statement in search_postgres.functions():
            db.execute(statement)
    yield db
    db.close()
    pg_databases.drop([pg_cluster.url(name)])


@pytest.mark.parametrize("text", [*TEXTS, *strings()[::7]])
def test_postgresql_splits_and_folds_words_as_fts5_does(postgres_db, c_locale_db, text):
    """refugee_words is the tokenizer FTS5 applies to folded text: folding.words, whatever
    the database's locale."""
    for db in (postgres_db, c_locale_db):
        [words] = db.execute("SELECT refugee_words(?)", [folding.fold(text)]).fetchone()
        assert words == folding.words(text)


def test_title_hits_come_first_and_every_word_must_match(fresh_db):
    in_text = add(fresh_db, title="Treffpunkt", description="Ein Nähcafé für alle.")
    in_title = add(fresh_db, title="Nähcafé", description="Treffpunkt")
    add(fresh_db, title="Fahrradwerkstatt", description="Reparaturen")
    assert found(fresh_db, "nähcafe", None) == [in_title, in_text]
    assert found(fresh_db, "Treff NÄH", None) == [in_title, in_text]
    assert found(fresh_db, "treff fahrrad", None) == []


def test_a_word_is_found_at_a_word_start_only_and_not_in_the_category(fresh_db):
    offer = add(fresh_db, title="Werkstatt", organization="Caritas", street="Kampstraße 3")
    assert found(fresh_db, "werk", None) == [offer] == found(fresh_db, "kampstrasse", None)
    assert found(fresh_db, "statt", None) == []
    plain = offer_store.OfferQuery(q="leisure")  # its category, but without the topics
    assert offer_store.find_offers(fresh_db, plain) == []


def test_topics_find_by_category_and_term_after_the_text_matches(fresh_db):
    text = add(fresh_db, category="leisure", title="Beratungscafé", description="Reden")
    by_category = add(fresh_db, category="counselling", title="Treff", description="Montags")
    by_term = add(fresh_db, category="leisure", title="Sprechstunde", description="Tausch")
    add(fresh_db, category="donations", title="Kleider", organization="Sprechstunde Berater")
    query = offer_store.OfferQuery(**filters.text_search("Beratung", "de"))
    assert query.q_categories and query.q_terms
    ids = [offer["id"] for offer in offer_store.find_offers(fresh_db, query)]
    assert ids[0] == text and set(ids[1:]) == {by_category, by_term}
    topics_only = search_index.search_phases(query)[1]
    assert {o["id"] for o in offer_store.find_offers(fresh_db, topics_only)} == set(ids[1:])
    page = offer_lists.offer_page(fresh_db, query, sort="best_match", page=1, page_size=2)
    assert (page.total, [offer["id"] for offer in page.offers]) == (3, ids[:2])


def test_the_index_follows_edits_and_deletions(fresh_db):
    offer = add(fresh_db, title="Nähcafé")
    offer_store.update_offer(fresh_db, offer, {"street": "Hoher Wall 5"}, by="test")
    assert found(fresh_db, "hoher wall", None) == [offer]
    offer_store.update_offer(fresh_db, offer, {"title": "Strickrunde"}, by="test")
    assert found(fresh_db, "nähcafe", None) == [] and found(fresh_db, "strick", None) == [offer]
    with store.writing(fresh_db):
        fresh_db.execute("DELETE FROM offers WHERE id = ?", [offer])
    assert found(fresh_db, "strick", None) == []


def test_any_text_searches_without_an_error(fresh_db):
    """Every naughty string as a search, with its topics: no SQL error, whatever quotes or
    operators it holds (each phase's count runs the whole search)."""
    offer = add(fresh_db, title="Beratung 'quoted' \\ back & | ! : * ( ) \"double\"")
    for text in (*strings(), *(s for s in NASTY if isinstance(s, str)), "x" * 5_000):
        query = offer_store.OfferQuery(**filters.text_search(text, "ar"))
        for phase in search_index.search_phases(query):
            search_index.search_matches(fresh_db, phase)
    assert found(fresh_db, "'quoted' \\ & | ! : * ( ) \"double", None) == [offer]
    assert found(fresh_db, "Beratung & !", "ar") == [offer]


def test_a_query_word_is_one_quoted_lexeme_after_each_mark_of_its_texts():
    tsquery = search_syntax.TSQUERY
    assert tsquery.word("it's\\", [], None) == "('it''s\\\\':* | '~it''s\\\\':*)"
    assert tsquery.word("x", [], "ar") == "('x':* | '~x':* | ':ar:x':*)"
    long = tsquery.word("ü" * 3_000, [], None)  # cut to 2,000 bytes with its mark
    assert long == f"('{'ü' * 1_000}':* | '~{'ü' * 999}':*)"


def test_a_translation_is_searched_in_its_language_only(fresh_db):
    offer = add(fresh_db, title="Nähcafé")
    translations.set_translation(fresh_db, offer, "en", "Sewing café", "Sewing and talking")
    assert found(fresh_db, "sewing", "en") == [offer] == found(fresh_db, "nähcafe", "en")
    assert found(fresh_db, "sewing", None) == [] == found(fresh_db, "sewing", "fr")
    assert found(fresh_db, "en", "en") == [] == found(fresh_db, ":en:sewing", "en")


def test_an_app_searches_any_text(app, db):
    with app.app_context():
        offer = add(db, title="Möbelbörse")
    client = app.test_client()
    answer = client.get("/api/offers?q=moebel")
    assert [feature["id"] for feature in answer.json["features"]] == [offer]
    for text in sample():
        assert client.get("/api/offers", query_string={"q": text}).status_code in (200, 400)


def test_the_search_benchmark_finds_as_many_offers_on_both_engines(request, pg_databases):
    """scripts/bench/search.py at a small N: a line per search, the same count on both."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "bench" / "search.py"
    command = [sys.executable, str(script), "60", pg_databases.fresh(request.node.nodeid)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=300)
    rows = re.findall(r"^(.+?)\s+[\d.]+ ms\s+[\d.]+ ms\s+(\d+)(.*)$", done.stdout, re.M)
    assert len(rows) > 5 and int(rows[0][1]) > 0
    assert [extra for *_, extra in rows] == [""] * len(rows)  # no "(PostgreSQL: n)"

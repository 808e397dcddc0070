"""The no-JS list in pages: ``/list?page=N``, filters kept, an exact count, light at any size."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import store_support

from refugee_map import store
from refugee_map.store import bulk, offer_lists
from refugee_map.store.offers import OfferQuery
from refugee_map.web import public

NAV = re.compile(r'<nav class="pagination" aria-label="[^"]+">(.*?)</nav>', re.S)


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def titles(html):
    return [unescape(title) for title in re.findall(r"<h3[^>]*><a [^>]*>(.*?)</a>", html)]


def nav(html) -> str:
    found = NAV.search(html)
    return found.group(1) if found else ""


def links(html, rel=None) -> list[dict]:
    """The query of each page link in the navigation (of ``rel`` only, if given)."""
    anchors = re.findall(r"<a ([^>]*)>", nav(html))
    wanted = [a for a in anchors if rel is None or f'rel="{rel}"' in a]
    hrefs = [unescape(re.search(r'href="([^"]*)"', a).group(1)) for a in wanted]
    return [parse_qs(urlsplit(href).query) for href in hrefs]


def current(html) -> str:
    return re.search(r'<a [^>]*aria-current="page">(\d+)</a>', nav(html)).group(1)


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(public, "PAGE_SIZE", 3)


@pytest.fixture
def eleven(make_offer, small_pages):
    """Eleven published education offers in Innenstadt-West (four pages of three), and
    some that the filters leave out."""
    for number in range(11):
        make_offer(title=f"Kurs {number:02d}", category="education", district="Innenstadt-West")
    make_offer(title="Kurs Hörde", category="education", district="Hörde")
    make_offer(title="Kleiderkammer", category="donations", district="Innenstadt-West")
    make_offer(title="Kurs Entwurf", category="education", status="draft")


FILTERS = "category=education&district=Innenstadt-West&lang=en"


def test_pages_together_show_every_offer_once_in_title_order(client, eleven):
    shown = [t for n in range(1, 5) for t in titles(get(client, f"/list?{FILTERS}&page={n}"))]
    assert shown == [f"Kurs {number:02d}" for number in range(11)]


def test_the_count_is_the_exact_total_not_the_page(client, eleven):
    html = get(client, f"/list?{FILTERS}&page=2")
    assert "11 offers found." in html and "Page 2 of 4" in html
    assert len(titles(html)) == 3


def test_every_page_link_keeps_every_filter(client, eleven):
    html = get(client, f"/list?{FILTERS}&q=Kurs&page=2")
    found = links(html)
    assert found and all(
        query["category"] == ["education"]
        and query["district"] == ["Innenstadt-West"]
        and query["lang"] == ["en"]
        and query["q"] == ["Kurs"]
        for query in found
    )
    assert {query["page"][0] for query in found} == {"1", "2", "3", "4"}


def test_previous_and_next_link_the_neighbours_and_the_current_page_is_marked(client, eleven):
    html = get(client, f"/list?{FILTERS}&page=2")
    assert [q["page"] for q in links(html, "prev")] == [["1"]]
    assert [q["page"] for q in links(html, "next")] == [["3"]]
    assert current(html) == "2"
    assert ">Previous</a>" in html and ">Next</a>" in html


def test_the_first_page_has_no_previous_and_the_last_no_next(client, eleven):
    first = get(client, f"/list?{FILTERS}")
    assert current(first) == "1" and not links(first, "prev") and links(first, "next")
    last = get(client, f"/list?{FILTERS}&page=4")
    assert current(last) == "4" and links(last, "prev") and not links(last, "next")
    assert titles(last) == ["Kurs 09", "Kurs 10"]


def test_a_page_past_the_end_shows_the_last_page(client, eleven):
    html = get(client, f"/list?{FILTERS}&page=99")
    assert current(html) == "4" and titles(html) == ["Kurs 09", "Kurs 10"]


@pytest.mark.parametrize("value", ["0", "-1", "abc", "²", "١٢", "1_0", " 1", "9" * 20])
def test_a_bad_page_number_is_refused_with_a_message_and_the_filters_kept(client, eleven, value):
    html = get(client, f"/list?{FILTERS}&page={value}", status=400)
    assert "Give the page number as a whole number from 1." in html
    assert 'name="lang" value="en"' in html and '<option value="Innenstadt-West" selected>' in html
    assert titles(html) == []


def test_one_page_of_results_has_no_navigation(client, make_offer):
    make_offer(title="Einzig")
    html = get(client, "/list")
    assert nav(html) == "" and "Seite 1 von" not in html and titles(html) == ["Einzig"]


def test_no_results_have_no_navigation(client, eleven):
    html = get(client, "/list?q=nichtda")
    assert "Keine Angebote gefunden." in html and nav(html) == ""


def test_a_text_search_pages_best_match_first(client, make_offer, small_pages):
    for number in range(4):
        make_offer(title=f"Treffpunkt {number}", description="Kaffee und Gespräch")
    make_offer(title="Deutschkurs", description="Deutschkurs für Anfänger, Deutschkurs")
    assert titles(get(client, "/list?q=Deutschkurs"))[0] == "Deutschkurs"
    found = titles(get(client, "/list?q=Kaffee")) + titles(get(client, "/list?q=Kaffee&page=2"))
    assert sorted(found) == [f"Treffpunkt {number}" for number in range(4)]


def test_far_pages_are_elided_and_first_and_last_stay_linked():
    assert public.page_numbers(1, 1) == [1]
    assert public.page_numbers(1, 4) == [1, 2, 3, 4]
    assert public.page_numbers(10, 400) == [1, None, 8, 9, 10, 11, 12, None, 400]
    assert public.page_numbers(400, 400) == [1, None, 398, 399, 400]


def copy_offer(db, times: int) -> None:
    """Add ``times`` copies of the one offer in ``db`` in one statement (fast for thousands),
    counted as an import's new offers are (on PostgreSQL the map's row trigger, upserting
    the same cells thousands of times in one transaction, would take minutes)."""
    columns = [c for c in store_support.column_names(db, "offers") if c != "id"]
    names = ", ".join(columns)
    copied = ", ".join("title || ' ' || n" if c == "title" else c for c in columns)
    with store.writing(db), bulk.inserting(db, times) as ids:
        ids += [row[0] for row in db.execute(
            f"WITH RECURSIVE n(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM n WHERE n < ?)"
            f" INSERT INTO offers ({names}) SELECT {copied} FROM offers, n RETURNING id",
            [times],
        ).fetchall()]  # fmt: skip


def test_twenty_thousand_offers_make_a_light_page(client, make_offer, db):
    make_offer(title="Angebot")
    copy_offer(db, 19_999)
    html = get(client, "/list?page=123")
    assert "20000 Angebote gefunden." in html or "20.000 Angebote gefunden." in html
    assert len(titles(html)) == public.PAGE_SIZE == 50
    assert len(html.encode()) < 150_000
    assert current(html) == "123" and "Seite 123 von 400" in html


@pytest.mark.sqlite_only("SQLite's query plan; PostgreSQL's planner is checked in test_postgres")
def test_a_text_search_runs_the_full_text_index_once_not_once_per_offer(fresh_db):
    """The count of a search led with the status index and searched once per offer."""
    statements = []
    fresh_db.conn.set_trace_callback(statements.append)
    offer_lists.offer_page(
        fresh_db, OfferQuery(q="Kurs"), sort=offer_lists.BEST_MATCH, page=1, page_size=50
    )
    fresh_db.conn.set_trace_callback(None)
    searches = [sql for sql in statements if "MATCH" in sql]
    assert len(searches) == 3  # the count, the index's own count (for the order) and the page
    for sql in searches:
        plan = [row[3] for row in fresh_db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert plan[0].startswith("SCAN offers_fts"), plan


def test_the_map_and_download_links_of_a_page_keep_the_filters_but_not_the_page(client, eleven):
    html = unescape(get(client, f"/list?{FILTERS}&page=2"))
    for path in ("/", "/export.csv", "/export.geojson"):
        assert f'href="{path}?{FILTERS}"' in html
    assert "/list?category=education&district=Innenstadt-West&lang=ar&page=2" in html  # language

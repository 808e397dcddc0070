"""The browser's text search (static/js/map/text-search.js, run by node) finds what the
server's `q` finds on the demo data, text matches and topic matches alike. The browser
searches the offers as it holds them: in the page's language (translated where the demo
data has a translation)."""

import json
import shutil
import subprocess

import pytest
from test_search_languages import demo_app, demo_client  # noqa: F401 (fixtures)

from refugee_map.config import PROJECT_DIR

MODULE = PROJECT_DIR / "refugee_map" / "static" / "js" / "map" / "text-search.js"
# Scores every offer for every query: reads {searchData, offers, queries} from stdin.
RUNNER = f"""
import {{ textScore }} from {json.dumps(MODULE.as_uri())};
let input = "";
for await (const chunk of process.stdin) input += chunk;
const {{ searchData, offers, queries }} = JSON.parse(input);
const scores = queries.map(([q, lang]) => {{
  const score = textScore(searchData[lang], q);
  return offers[lang].map((offer) => score(offer));
}});
process.stdout.write(JSON.stringify(scores));
"""
QUERIES = [
    ("Kleiderkammer", "de"), ("moebel", "de"), ("Möbel", "de"), ("deutsch kurs", "de"),
    ("Beratung Nordstadt", "de"), ("Frauen", "de"), ("xyz", "de"), ("", "de"),
    ("clothes", "en"), ("German course", "en"), ("counselling", "en"), ("cloth", "en"),
    ("ملابس", "ar"), ("مَلابِس", "ar"), ("استشارة", "ar"), ("دورة لغة ألمانية", "ar"),
    ("کلاس زبان آلمانی", "fa"), ("مشاوره", "fa"),
    ("одяг", "uk"), ("курси німецької", "uk"), ("консультація", "uk"),
    ("одежда", "ru"), ("консультация", "ru"), ("kıyafet", "tr"), ("danışmanlık", "tr"),
    ("vêtements", "fr"), ("cours d'allemand", "fr"), ("ክዳውንቲ", "ti"), ("şêwirmendî", "ku"),
    ("Kinder Sport", "de"), ("Wohnung", "de"), ("Arbeit", "de"), ("Café", "de"),
    ("deutschkurs frauen", "de"), ("German course women", "en"), ("Beratung Nordstadt", "en"),
]  # fmt: skip


def _in_language(client, lang: str) -> list[dict]:
    """The offers as the map page in ``lang`` holds them (the API's full answer)."""
    answer = client.get("/api/offers", query_string={"lang": lang, "limit": 200}).json
    return [feature["properties"] for feature in answer["features"]]


def test_browser_and_server_agree_on_the_demo_data(demo_app, demo_client):  # noqa: F811
    node = shutil.which("node")
    assert node, "node is needed for this test"
    langs = {lang for _, lang in QUERIES}
    offers = {lang: _in_language(demo_client, lang) for lang in langs}
    assert len(offers["de"]) == len(demo_app[1])
    search_data = {lang: demo_client.get(f"/api/search-topics?lang={lang}").json for lang in langs}
    ran = subprocess.run(
        [node, "--input-type=module", "-e", RUNNER],
        input=json.dumps({"searchData": search_data, "offers": offers, "queries": QUERIES}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    for (q, lang), scores in zip(QUERIES, json.loads(ran.stdout), strict=True):
        ids = [offer["id"] for offer in offers[lang]]
        answer = demo_client.get("/api/offers", query_string={"q": q, "lang": lang, "limit": 200})
        server = [feature["properties"]["id"] for feature in answer.json["features"]]
        by_text = [i for i, score in zip(ids, scores, strict=True) if score == 2]
        by_topic = [i for i, score in zip(ids, scores, strict=True) if score == 1]
        assert set(server) == {*by_text, *by_topic}, (q, lang)
        assert set(server[: len(by_text)]) == set(by_text), (q, lang)


@pytest.mark.parametrize("q", ["", "  ", "!!"])
def test_a_query_without_words_scores_every_offer_as_found(demo_client, q):  # noqa: F811
    node = shutil.which("node")
    runner = RUNNER.replace("searchData[lang]", "searchData.de")
    ran = subprocess.run(
        [node, "--input-type=module", "-e", runner],
        input=json.dumps(
            {
                "searchData": {"de": demo_client.get("/api/search-topics").json},
                "offers": {"de": [{"title": "Sprachcafé", "category": "education"}]},
                "queries": [[q, "de"]],
            }
        ),  # fmt: skip
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(ran.stdout) == [[2]]

"""The back office speaks the staff's language on every page: no internal value (an offer's
status, a role, a history entry's action or author, a submission's kind or state) shown as
the word the data keeps, and only the back office's own languages in its language menu.

One walk over the back office with the demo data and some of everything done to it: every
page, every flashed message and the error pages, in German and in English."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from admin_support import signed_in, text
from babel.messages.pofile import read_po

from refugee_map import config
from refugee_map.exchange import formats as exchange
from refugee_map.geo.districts import load_districts
from refugee_map.web.admin import labels

REGION_DIR = Path(config.DATA_DIR) / "regions" / "dortmund"
TRANSLATIONS = Path(config.PROJECT_DIR) / "refugee_map" / "translations"
TRANSLATION = {"title-en": "German course", "description-en": "Every week."}


class VisibleText(HTMLParser):
    """The text a person sees: no scripts, styles or attributes."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style", "template")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style", "template")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = VisibleText()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def raw_words(lang: str) -> set[str]:
    """The stored words that the back office's own texts in ``lang`` never use: in German
    every one of them; in English those that are not also plain English ("closed")."""
    values = {value for mapping in labels.MAPPINGS.values() for value in mapping}
    return {value for value in values if value.casefold() not in ui_words(lang)}


def ui_words(lang: str) -> set[str]:
    """Every word of the UI's texts in ``lang`` (German: the source texts)."""
    with open(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po, locale="en")
    texts = [message.id if lang == "de" else message.string for message in catalogue]
    flat = " ".join(" ".join(t) if isinstance(t, tuple) else t for t in texts if t)
    without_placeholders = re.sub(r"%\(\w+\)[sd]|\{\w+\}", " ", flat)
    return set(re.findall(r"[\w-]+", without_placeholders.casefold()))


@pytest.fixture
def busy_back_office(app, db, client):
    """The demo offers after a day's work: statuses changed, an offer deleted and brought
    back, a translation, a restored version, suggestions accepted, rejected and waiting."""
    exchange.load_demo(db, REGION_DIR, load_districts(REGION_DIR))
    admin = signed_in(app, "chef@example.org", "admin")
    signed_in(app, "kollege@example.org", "editor")
    offer_id = db.execute("SELECT min(id) FROM offers WHERE email != ''").fetchone()[0]
    post = lambda url, **data: admin.post(url, data={"csrf_token": admin.token} | data)  # noqa: E731
    post(f"/admin/offers/{offer_id}/status", status="archived")
    post(f"/admin/offers/{offer_id}/status", status="draft")
    post(f"/admin/offers/{offer_id}/verify")
    post(f"/admin/offers/{offer_id}/delete")
    post(f"/admin/offers/{offer_id}/undelete")
    post(f"/admin/offers/{offer_id}/translations", **TRANSLATION)
    first = db.execute("SELECT min(id) FROM offer_history WHERE offer_id = ?", [offer_id])
    post(f"/admin/offers/{offer_id}/restore/{first.fetchone()[0]}")
    suggestion = {"category": "education", "title": "Deutschkurs", "lat": "51.52", "lng": "7.46"}
    for title in ("Angenommen", "Abgelehnt", "Offen"):
        assert client.post("/suggest", data=suggestion | {"title": title}).status_code == 303
    client.post(f"/suggest?offer={offer_id}", data=suggestion | {"offer": offer_id})
    client.post(f"/offers/{offer_id}/report", data={"reason": "moved", "comment": "Umgezogen"})
    post("/admin/review/1/accept", status="published")
    post("/admin/review/2/reject", reason="doppelt")
    admin.offer_id = offer_id
    return admin


def back_office_pages(app, admin, lang: str) -> dict[str, str]:
    """Every back-office page a person meets, by what it is, as ``lang`` shows it."""
    offer = admin.offer_id
    urls = [
        "/admin/", "/admin/offers?status=archived", f"/admin/offers/{offer}",
        f"/admin/offers/{offer}/history", f"/admin/offers/{offer}/translations",
        "/admin/review", *(f"/admin/review/{n}" for n in range(1, 6)), "/admin/freshness",
        "/admin/dashboard", "/admin/import", "/admin/deleted", "/admin/users",
        "/admin/users/1", "/admin/users/new", "/admin/account", "/admin/no-such-page",
    ]  # fmt: skip
    speaks = {"Accept-Language": lang}
    pages = {url: text(admin.get(url, headers=speaks)) for url in urls}
    token = {"csrf_token": admin.token}
    pages["status flash"] = text(
        admin.post(f"/admin/offers/{offer}/status", data=token | {"status": "published"},
                   headers=speaks, follow_redirects=True)
    )  # fmt: skip
    mail = admin.post(f"/admin/freshness/{offer}/ask", data=token, headers=speaks)
    pages["mail page"] = text(mail)
    pages["csrf"] = text(admin.post(f"/admin/offers/{offer}/verify", headers=speaks))
    pages["login"] = text(app.test_client().get("/admin/login", headers=speaks))
    editor = signed_in(app, f"neu-{lang}@example.org", "editor")
    pages["forbidden"] = text(editor.get("/admin/users", headers=speaks))
    return pages


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_back_office_page_shows_an_internal_word(app, busy_back_office, lang):
    words = raw_words(lang)
    pattern = re.compile(r"(?<![\w@.#/-])(" + "|".join(map(re.escape, words)) + r")(?![\w@/-])")
    for name, page in back_office_pages(app, busy_back_office, lang).items():
        seen = pattern.findall(visible_text(page))
        assert not seen, f"{name} ({lang}) shows {sorted(set(seen))}"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_back_office_offers_only_its_own_languages(app, busy_back_office, lang):
    for name, page in back_office_pages(app, busy_back_office, lang).items():
        menu = re.findall(r'hreflang="([^"]+)"', page)
        assert sorted(menu) == ["de", "en"], f"{name} ({lang}) offers {menu}"
        assert f'<html lang="{lang}"' in page, name


def test_the_public_pages_keep_every_language(client):
    assert len(re.findall(r'hreflang="([^"]+)"', text(client.get("/list")))) == 10


def test_languages_are_named_not_coded_in_messages_and_history(editor, make_offer):
    offer = make_offer()
    saved = editor.post(
        f"/admin/offers/{offer['id']}/translations",
        data={"csrf_token": editor.token} | TRANSLATION, follow_redirects=True,
    )  # fmt: skip
    assert "Übersetzungen gespeichert: Englisch." in text(saved)
    assert "Titel (Englisch)" in text(editor.get(f"/admin/offers/{offer['id']}/history"))

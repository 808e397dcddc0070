"""Every language, every public page: catalogues complete, lang/dir right, the language kept.

The catalogue check extracts the strings straight from the public templates and modules (not
from messages.pot), so a new string on a public page fails here until every language has it.
"""

import importlib
import json
import re
from html import unescape
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract
from markupsafe import escape

from refugee_map.config import PROJECT_DIR
from refugee_map.store import translations as translation_store
from refugee_map.web import i18n

TRANSLATIONS = PROJECT_DIR / "refugee_map" / "translations"
PUBLIC_TEMPLATES = sorted(  # every template but the back office's
    path for path in (PROJECT_DIR / "templates").rglob("*.html") if "admin" not in path.parts
)
PUBLIC_MODULES = [
    Path(importlib.import_module(f"refugee_map.{name}").__file__)
    for name in (
        "web.public",
        "web.display",
        "web.map_export",
        "web.directions",
        "web.context",
        "domain.categories",
        "web.filters",
        "domain.offers",
        "domain.offer_schema",
        "web.api",
        "web.api_errors",
        "web.ogc",
        "web.ogc_args",
        "web.i18n",
        "web.offline",
        "web.forms",
        "web.suggestions",
        "domain.submissions",
        "domain.mail",
        "domain.hours",
        "domain.hours_syntax",
        "domain.hours_osm",
        "domain.regions",
    )
]
KEYWORDS = DEFAULT_KEYWORDS | {"_l": None, "lazy_gettext": None}
TRANSLATED = [code for code in i18n.LANGUAGES if code != "de"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
TITLE = "Hilfsangebote für Geflüchtete in %(city)s"


def public_messages() -> dict:
    """msgid (a string, or a (singular, plural) tuple) -> where it is used."""
    return messages_in(PUBLIC_TEMPLATES, PUBLIC_MODULES)


def messages_in(templates, modules) -> dict:
    """The translatable strings in these files, read from the sources (not messages.pot,
    which is only as new as the last `scripts/translations`)."""
    found: dict = {}
    for path, method in [(p, babel_extract) for p in templates] + [(p, "python") for p in modules]:
        for _line, message, _comments, context in extract_from_file(method, path, KEYWORDS):
            if context:  # search words (pgettext): test_search_languages checks them
                continue
            msgid = message if isinstance(message, str) else tuple(m for m in message if m)
            msgid = msgid[0] if isinstance(msgid, tuple) and len(msgid) == 1 else msgid
            found.setdefault(msgid, Path(path).name)
    return found


def catalogue(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=lang)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_public_pages_use_strings_to_translate():
    messages = public_messages()
    assert TITLE in messages and "Beratungsangebote" in messages
    assert len(messages) > 100


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_has_every_public_string_translated_with_its_placeholders(lang):
    messages = catalogue(lang)
    problems = []
    for msgid, where in public_messages().items():
        entry = messages.get(msgid)
        forms = () if entry is None else entry.string
        forms = forms if isinstance(forms, tuple) else (forms,)
        if entry is None or not all(forms):
            problems.append(f"missing ({where}): {msgid!r}")
        elif entry.fuzzy:
            problems.append(f"fuzzy ({where}): {msgid!r}")
        else:
            wanted = placeholders(msgid if isinstance(msgid, str) else msgid[-1])
            problems += [
                f"placeholders {placeholders(form)} != {wanted}: {msgid!r}"
                for form in forms
                if placeholders(form) != wanted
            ]
    assert not problems, f"{lang}:\n" + "\n".join(problems)


def test_english_covers_every_string_the_back_office_included():
    everything = messages_in(
        sorted((PROJECT_DIR / "templates").rglob("*.html")),
        sorted((PROJECT_DIR / "refugee_map").rglob("*.py")),
    )
    english = catalogue("en")
    missing = [
        f"{msgid!r} ({where})"
        for msgid, where in everything.items()
        if (entry := english.get(msgid)) is None or entry.fuzzy or not entry.string
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_babel_knows_each_language_and_its_name_is_written_in_itself(lang):
    locale = Locale.parse(lang)
    assert locale.language == lang
    assert i18n.LANGUAGES[lang].casefold() == locale.display_name.casefold()


def translated(lang: str, *msgids: str) -> list[str]:
    return [catalogue(lang)[msgid].string for msgid in msgids]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_each_language_has_its_key_page_translated_with_lang_and_dir(client, lang):
    html = client.get(f"/list?lang={lang}").get_data(as_text=True)
    direction = "rtl" if lang in ("ar", "fa") else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    title, city = (TITLE, "Dortmund") if lang == "de" else translated(lang, TITLE, "Dortmund")
    assert f"<h1>{escape(title % {'city': city})}</h1>" in html
    if lang != "de":
        assert TITLE % {"city": "Dortmund"} not in html


def test_every_page_offers_every_language_named_in_itself_in_its_own_language(client):
    html = client.get("/list?lang=ar&q=Kurs").get_data(as_text=True)
    for code, name in i18n.LANGUAGES.items():
        pattern = rf'<a href="([^"]*)" lang="{code}" hreflang="{code}"[^>]*>{re.escape(name)}</a>'
        link = re.search(pattern, html)
        assert link, f"no link for {code}"
        assert f"lang={code}" in link.group(1) and "q=Kurs" in link.group(1)
    assert re.search(r'lang="ar"[^>]*aria-current="true">العربية<', html)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("ar-SY,ar;q=0.9,en;q=0.5", "ar"), ("fa-AF", "fa"), ("prs", "fa"), ("ti-ER", "ti"),
     ("kmr,ku;q=0.8", "ku"), ("uk-UA,ru;q=0.7", "uk"), ("sw,pl", "de"), ("", "de")],
)  # fmt: skip
def test_accept_language_is_the_first_guess(client, header, expected):
    html = client.get("/list", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{expected}"' in html


def test_lang_in_the_url_wins_over_the_browser_and_is_kept_in_links(client):
    html = client.get("/list?lang=tr", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="tr" dir="ltr">' in html
    assert 'href="/?lang=tr"' in html  # the site name links to the map in Turkish


def test_unknown_lang_falls_back_to_german(client):
    assert '<html lang="de"' in client.get("/list?lang=xx").get_data(as_text=True)


@pytest.fixture
def translated_offer(make_offer, db):
    plain = make_offer(title="Nähcafé", description="Wir nähen zusammen.")["id"]
    done = make_offer(title="Beratung", description="Beratung zum Asylverfahren.")["id"]
    translation_store.set_translation(db, done, "ar", "استشارة", "استشارة حول إجراءات اللجوء.")
    return plain, done


def test_offer_in_the_visitors_language_else_german_marked_as_such(client, translated_offer):
    plain, done = translated_offer
    note = catalogue("ar")["Noch nicht übersetzt – hier der deutsche Text."].string
    html = client.get(f"/offers/{plain}?lang=ar").get_data(as_text=True)
    assert '<h1 lang="de" dir="auto">Nähcafé</h1>' in html and note in html
    html = client.get(f"/offers/{done}?lang=ar").get_data(as_text=True)
    assert '<h1 lang="ar" dir="auto">استشارة</h1>' in html and note not in html
    html = client.get("/list?lang=ar").get_data(as_text=True)
    assert html.count(note) == 1


def test_german_pages_carry_no_translation_note(client, translated_offer):
    html = client.get(f"/offers/{translated_offer[0]}").get_data(as_text=True)
    assert "Noch nicht übersetzt" not in html


def test_phone_numbers_stay_left_to_right_in_arabic(client, make_offer):
    offer = make_offer(phone="0231 123")["id"]
    html = client.get(f"/offers/{offer}?lang=ar").get_data(as_text=True)
    assert '<a href="tel:0231123" dir="ltr">0231 123</a>' in html


def test_map_script_gets_its_strings_in_the_page_language(client):
    html = client.get("/?lang=uk").get_data(as_text=True)
    config = json.loads(unescape(re.search(r"data-config='([^']*)'", html).group(1)))
    assert config["strings"]["found_other"] == "Знайдено пропозицій: {n}."
    assert config["strings"]["zoom_in"] == "Збільшити"


def test_domain_plurals_follow_the_number_and_the_request_language(app):
    from refugee_map.domain import messages

    # Existing catalogue entries, so the test sees the translation, not the source text.
    one = "Bitte versuchen Sie es in %(num)d Minute erneut."
    many = "Bitte versuchen Sie es in %(num)d Minuten erneut."
    with app.test_request_context("/admin/users?lang=en"):
        assert messages.ngettext(one, many, 1) != messages.ngettext(one, many, 2)
        english = messages.ngettext(one, many, 2)
    with app.test_request_context("/admin/users"):
        assert messages.ngettext(one, many, 2) == "Bitte versuchen Sie es in 2 Minuten erneut."
    assert "2" in english and "Minuten" not in english
    assert messages.untranslated_plural(one, many, 1) == one % {"num": 1}

"""Search topics: the categories and common needs, with search words in every UI language.

A topic's words are a comma-separated list in the translation catalogues (context
``search words``; the German list is the msgid), so translators extend them like any other
text. A query names a topic when it holds one of the topic's words in any language
(:func:`named`); a query word that names a topic is then also matched by the topic's
offers - its categories and the offers whose German title or description has a word
starting with one of its ``terms`` - ranked below the offers whose own text matches every
word (``store.search_index``). "Deutschkurs Frauen" finds German courses for women.

A query word matches a topic word when they are equal, when the topic word starts with the
query word of 3 or more letters (typing "cloth" finds "clothes"), or when the query word
starts with a topic word of 4 or more letters ("Deutschkurse" finds "Deutschkurs").
Words of one or two letters in a phrase of several are left out ("cours d'allemand").
The browser does the same with the data of ``/api/search-topics``
(``static/js/map/text-search.js``).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.support import Translations

from refugee_map.store import folding, search_index

CONTEXT = "search words"
LANGUAGES = ("de", "en", "ar", "fa", "fr", "ku", "ru", "ti", "tr", "uk")
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
TYPED_PREFIX = 3  # a query word this long finds the topic words it starts
WORD_PREFIX = 4  # a topic word this long finds the query words that start with it
SHORT = 2  # words this short in a phrase of several are left out


def pgettext(context: str, message: str) -> str:
    """Marks ``message`` for the catalogues (pybabel extracts ``pgettext``); the words of
    every language are read by :func:`words`."""
    return message


@dataclass(frozen=True)
class Topic:
    slug: str
    words: str  # the German words, comma-separated: the msgid of each language's words
    categories: tuple[str, ...] = ()  # its offers are those of these categories
    terms: tuple[str, ...] = ()  # and those with a German word starting with one of these


TOPICS = (
    Topic(
        "counselling",
        pgettext("search words", "Beratung, Beratungsstelle, Sprechstunde, Hilfe"),
        categories=("counselling",),
        terms=("berat", "sprechstunde", "anlaufstelle"),
    ),
    Topic(
        "donations",
        pgettext("search words", "Spenden, Sachspenden, Spende"),
        categories=("donations",),
        terms=("spende", "sachspende"),
    ),
    Topic(
        "education",
        pgettext("search words", "Bildung, Kurs, Kurse, Lernen, Unterricht"),
        categories=("education",),
        terms=("bildung", "kurs", "unterricht"),
    ),
    Topic(
        "sponsorship",
        pgettext("search words", "Patenschaft, Paten, Patin, Mentoring"),
        categories=("sponsorship",),
        terms=("patenschaft", "patin", "paten", "mentor"),
    ),
    Topic(
        "leisure",
        pgettext("search words", "Freizeit, Kultur, Spiele, Musik, Theater"),
        categories=("leisure",),
        terms=("freizeit", "kultur", "musik", "theater"),
    ),
    Topic(
        "meeting-points",
        pgettext("search words", "Treffpunkt, Treff, Begegnung, Café"),
        categories=("meeting-points",),
        terms=("treff", "begegnung", "cafe"),
    ),
    Topic(
        "clothes",
        pgettext("search words", "Kleidung, Kleider, Kleiderkammer, Anziehsachen"),
        terms=("kleid", "kinderkleid", "babykleid", "bekleidung", "winterkleid"),
    ),
    Topic(
        "furniture",
        pgettext("search words", "Möbel, Hausrat, Haushaltswaren, Einrichtung"),
        terms=("möbel", "hausrat", "haushalt", "einrichtung"),
    ),
    Topic(
        "german-course",
        pgettext("search words", "Deutschkurs, Sprachkurs, Integrationskurs, Deutsch lernen"),
        terms=(
            "deutschkurs",
            "sprachkurs",
            "integrationskurs",
            "berufssprachkurs",
            "intensivkurs",
            "sprachcafe",
        ),
    ),
    Topic(
        "legal-advice",
        pgettext("search words", "Rechtsberatung, Rechtsanwalt, Anwalt, Rechtshilfe"),
        terms=("rechtsberatung", "rechtsanwalt", "anwalt", "rechtshilfe", "rechtlich"),
    ),
    Topic(
        "asylum",
        pgettext("search words", "Asyl, Aufenthalt, Aufenthaltstitel, Duldung, Einbürgerung"),
        terms=("asyl", "aufenthalt", "duldung", "einbürgerung", "clearingverfahren"),
    ),
    Topic(
        "housing",
        pgettext("search words", "Wohnung, Wohnen, Wohnungssuche, Unterkunft, Miete"),
        terms=("wohn", "unterkunft", "miet"),
    ),
    Topic(
        "food",
        pgettext("search words", "Essen, Lebensmittel, Tafel, Mittagstisch, Kochen"),
        terms=("essen", "lebensmittel", "tafel", "mittagstisch", "koch", "frühstück"),
    ),
    Topic(
        "health",
        pgettext("search words", "Gesundheit, Arzt, Ärztin, Krankenversicherung, Psychotherapie"),
        terms=("gesundheit", "arzt", "ärzt", "kranken", "psycho", "therapie"),
    ),
    Topic(
        "work",
        pgettext("search words", "Arbeit, Job, Beruf, Ausbildung, Bewerbung"),
        terms=("arbeit", "job", "beruf", "ausbildung", "bewerbung", "praktikum"),
    ),
    Topic(
        "interpreting",
        pgettext("search words", "Dolmetscher, Dolmetschen, Übersetzung, Sprachmittlung"),
        terms=("dolmetsch", "übersetz", "sprachmittlung"),
    ),
    Topic(
        "sport",
        pgettext("search words", "Sport, Fußball, Schwimmen, Training"),
        terms=("sport", "fußball", "schwimm", "training"),
    ),
    Topic(
        "children",
        pgettext("search words", "Kinder, Kind, Kita, Schule, Hausaufgaben"),
        terms=("kind", "kita", "schule", "schulkind", "grundschul", "hausaufgaben", "baby"),
    ),
    Topic(
        "women",
        pgettext("search words", "Frauen, Frau, Mädchen, Mütter"),
        terms=("frau", "mädchen", "mütter"),
    ),
    Topic(
        "families",
        pgettext("search words", "Familie, Familien, Eltern"),
        terms=("famili", "eltern"),
    ),
    Topic(
        "youth",
        pgettext("search words", "Jugendliche, Jugend"),
        terms=("jugend",),
    ),
)


def named(query: str) -> list[list[Topic]]:
    """For each word of ``query`` (as the search uses them): the topics it helps to name
    in any language (see the module docstring)."""
    asked = folding.words(query)[: search_index.MAX_SEARCH_WORDS]
    covering: list[list[Topic]] = [[] for _ in asked]
    for topic in TOPICS:
        for phrase in phrases(topic):
            if phrase and all(any(_same(word, given) for word in asked) for given in phrase):
                for number, word in enumerate(asked):
                    if topic not in covering[number] and any(_same(word, g) for g in phrase):
                        covering[number].append(topic)
    return covering


def _same(asked: str, given: str) -> bool:
    return (
        asked == given
        or (len(asked) >= TYPED_PREFIX and given.startswith(asked))
        or (len(given) >= WORD_PREFIX and asked.startswith(given))
    )


@cache
def phrases(topic: Topic) -> list[list[str]]:
    """The topic's words of all languages, each as its folded words (short ones left out
    of a phrase of several)."""
    found = []
    for lang in LANGUAGES:
        for phrase in words(topic, lang):
            folded = folding.words(phrase)
            long_enough = [word for word in folded if len(word) > SHORT]
            found.append(long_enough if len(folded) > 1 else folded)
    return found


def words(topic: Topic, lang: str) -> list[str]:
    """The topic's search words in ``lang``, as the catalogue has them."""
    text = _catalogue(lang).pgettext("search words", topic.words) if lang != "de" else topic.words
    return [word.strip() for word in text.split(",") if word.strip()]


@cache
def _catalogue(lang: str) -> Translations:
    return Translations.load(str(TRANSLATIONS_DIR), [lang])


def browser_data(lang: str) -> dict:
    """What the browser needs to search as the server does (``/api/search-topics``):

    ``folding``: script -> letter -> its spelling (:data:`folding.SCRIPTS`); ``typedPrefix``,
    ``wordPrefix``, ``short``: the lengths of the matching rules above; ``topics``: each
    with ``slug``, ``label`` (its first word in ``lang``), ``words`` (of all languages, as
    written), ``phrases`` (those words folded, as :func:`phrases`), ``categories`` and
    ``terms`` (folded German word starts)."""
    return {
        "lang": lang,
        "folding": folding.SCRIPTS,
        "typedPrefix": TYPED_PREFIX,
        "wordPrefix": WORD_PREFIX,
        "short": SHORT,
        "topics": [
            {
                "slug": topic.slug,
                "label": words(topic, lang)[0],
                "words": list(dict.fromkeys(w for code in LANGUAGES for w in words(topic, code))),
                "phrases": phrases(topic),
                "categories": list(topic.categories),
                "terms": [folding.words(term)[0] for term in topic.terms],
            }
            for topic in TOPICS
        ],
    }

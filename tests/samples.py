"""Sample data shared by fixtures and test modules."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from refugee_map.config import DEFAULTS


def region_today() -> date:
    """Today where the region is: what the app means by "checked today". The machine's own
    date (UTC here) is a day behind between midnight and 1 or 2 o'clock in Dortmund."""
    return datetime.now(ZoneInfo(DEFAULTS["BABEL_DEFAULT_TIMEZONE"])).date()


# A published offer in Dortmund's centre, as a form or an import file gives it (all text).
CENTRE_OFFER = {
    "category": "counselling",
    "title": "Beratung im Zentrum",
    "organization": "Beispielverein",
    "street": "Kampstraße 1",
    "postcode": "44137",
    "city": "Dortmund",
    "lat": "51.5142",
    "lng": "7.4652",
    "opening_hours": "Mo-Fr 09:00-12:00",
    "languages": "de en",
    "status": "published",
}

# A new offer as a visitor suggests it on /suggest (form fields, all text).
SUGGESTION = {
    "category": "education",
    "title": "Deutschkurs am Nordmarkt",
    "street": "Nordmarkt 1",
    "postcode": "44145",
    "city": "Dortmund",
    "lat": "51.5250",
    "lng": "7.4560",
    "email": "kurs@example.org",
}

"""Settings: defaults, overridden by ``REFUGEE_MAP_*`` environment variables."""

import importlib.util
import os
import re
import secrets
from pathlib import Path

from limits import parse_many

from refugee_map.store import dialect

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"

DEFAULTS = {
    "DB": str(DATA_DIR / "refugee_map.db"),
    # Seconds a write waits for another one to finish before the page says "try again".
    "DB_BUSY_TIMEOUT": 5,
    # A streaming replica of a PostgreSQL DB for the public reads (map, list, API, OGC,
    # downloads); empty: everything reads DB.
    "DB_READ": "",
    # PostgreSQL: connections each app process keeps to DB (and to DB_READ), at most; one
    # per request thread. `refugee-map serve` sets it to its --threads.
    "DB_POOL_SIZE": 8,
    "REGION": "dortmund",
    # Several regions: each at a path prefix (/bochum/...) or at its own host name
    # (REGION_HOSTS = {"bochum": "karte.bochum.example"}); the first region keeps "/".
    "REGION_URLS": "path",
    "REGION_HOSTS": {},
    "GEOCODER": "offline",
    "NOMINATIM_URL": "https://nominatim.openstreetmap.org",
    "TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "TILE_ATTRIBUTION": '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "OpenStreetMap</a> contributors",
    "STALE_DAYS": 365,
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "BABEL_DEFAULT_LOCALE": "de",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Berlin",
    # The back office: a session lasts a working day; failed logins are limited.
    "PERMANENT_SESSION_LIFETIME": 10 * 60 * 60,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Proxies in front of the app whose X-Forwarded-For/-Proto headers are believed.
    "TRUSTED_PROXIES": 0,
    "LOGIN_LIMIT_ACCOUNT": "5 per 15 minutes",
    "LOGIN_LIMIT_ADDRESS": "20 per 15 minutes",
    # Public forms and asking providers to confirm their offers. Per address: a shelter's
    # residents behind one shared address still get their suggestions and reports through.
    "PUBLIC_FORM_LIMIT": "30 per hour;300 per day",
    "CONFIRM_LINK_DAYS": 30,
    "PUBLIC_URL": "",
    "AGENCY_NAME": "",  # "": "Die Redaktion der Hilfe-Karte <the region's name>"
    "SMTP_HOST": "",
    "SMTP_PORT": "",
    "SMTP_USER": "",
    "SMTP_PASSWORD": "",
    "SMTP_FROM": "",
    "SMTP_STARTTLS": "",
}


PREFIX = "REFUGEE_MAP"
DATABASE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# Rate limits as the limits library writes them ("30 per hour"): may several be joined by ";"?
# The login limits take one each (domain.login_limits).
RATE_LIMITS = {
    "PUBLIC_FORM_LIMIT": True,
    "LOGIN_LIMIT_ACCOUNT": False,
    "LOGIN_LIMIT_ADDRESS": False,
}
TEXT_SETTINGS = {"SECRET_KEY"} | {key for key, value in DEFAULTS.items() if isinstance(value, str)}


def load(app, overrides: dict | None = None) -> None:
    """Fill ``app.config``: defaults, then the environment, then ``overrides`` (tests)."""
    app.config.update(DEFAULTS)
    # from_prefixed_env keeps the prefix off (REFUGEE_MAP_DB becomes DB) and reads values
    # as JSON, so numbers and booleans arrive typed. Text settings are taken as written:
    # a password "1e3" must not become the number 1000.0.
    app.config.from_prefixed_env(PREFIX)
    for key in TEXT_SETTINGS:
        if f"{PREFIX}_{key}" in os.environ:
            app.config[key] = os.environ[f"{PREFIX}_{key}"]
    if overrides:
        app.config.update(overrides)
    app.config["REGION_DIR"] = str(DATA_DIR / "regions" / app.config["REGION"])
    check_rate_limits(app.config)
    check_region_urls(app.config)
    check_database(app.config)
    check_read_database(app.config)
    check_pool_size(app.config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _stored_secret(Path(app.config["DB"]))


class SettingError(ValueError):
    """A setting the app cannot start with; the message names it and shows what to write."""


def check_rate_limits(config) -> None:
    """Refuse to start with a rate limit that would fail (or block everyone) later."""
    for key, several in RATE_LIMITS.items():
        if not _is_rate_limit(config[key], several=several):
            raise SettingError(
                f"{PREFIX}_{key}={config[key]!r} is not a rate limit. Write it like "
                f"{DEFAULTS[key]!r}: a number of requests per second, minute, hour or day"
                + ("; several joined by ';'." if several else ".")
            )


def check_region_urls(config) -> None:
    """Refuse a region URL kind or host map the requests could not be matched by."""
    if config["REGION_URLS"] not in ("path", "host"):
        raise SettingError(
            f"{PREFIX}_REGION_URLS={config['REGION_URLS']!r}: write 'path' (each region at "
            "/<region>/...) or 'host' (each region at its host name, see REGION_HOSTS)."
        )
    hosts = config["REGION_HOSTS"]
    if not isinstance(hosts, dict) or not all(
        isinstance(slug, str) and isinstance(host, str) and host for slug, host in hosts.items()
    ):
        raise SettingError(
            f"{PREFIX}_REGION_HOSTS={hosts!r} is not a map of region to host name. Write it "
            'as JSON, e.g. {"dortmund": "karte.dortmund.example"}.'
        )


def check_database(config) -> None:
    """Refuse a URL of an engine other than PostgreSQL (taken as a file path it would
    quietly become a new, empty SQLite file in a folder named after the URL's scheme), and
    PostgreSQL without ``SECRET_KEY``: every app process sharing the database must sign
    sessions and links with the same key, so it cannot be made up by one of them."""
    name = str(config["DB"])
    if dialect.is_url(name):
        require_postgresql_driver(f"{PREFIX}_DB")
        if not config.get("SECRET_KEY"):
            raise SettingError(
                f"{PREFIX}_DB is a PostgreSQL URL, so {PREFIX}_SECRET_KEY must be set too, the "
                "same for every app process, e.g. to the output of: python3 -c 'import "
                "secrets; print(secrets.token_hex(32))'."
            )
    elif DATABASE_URL.match(name):
        raise SettingError(
            f"{PREFIX}_DB={config['DB']!r} is a URL of a database this service does not "
            "speak. Give the path of an SQLite file, e.g. 'data/refugee_map.db', or a "
            "PostgreSQL URL, e.g. 'postgresql://map@localhost/refugee_map'."
        )


def require_postgresql_driver(named: str) -> None:
    """Refuse a PostgreSQL URL (``named`` says which) when its driver is not installed."""
    if importlib.util.find_spec("psycopg") is None:
        raise SettingError(
            f"{named} is a PostgreSQL URL, but its driver is not installed: "
            ".venv/bin/pip install -e '.[postgresql]'"
        )


def check_read_database(config) -> None:
    """``DB_READ`` is a PostgreSQL replica of a PostgreSQL ``DB``: an SQLite file has no
    replica, and a file path here would be read as a second, unrelated database."""
    read = str(config.get("DB_READ") or "")
    if not read:
        return
    if not dialect.is_url(read):
        raise SettingError(
            f"{PREFIX}_DB_READ={read!r} is not a PostgreSQL URL. Give the URL of a streaming "
            "replica of the database, e.g. 'postgresql://map@replica/refugee_map', or leave "
            "it empty."
        )
    if not dialect.is_url(config["DB"]):
        raise SettingError(
            f"{PREFIX}_DB_READ needs {PREFIX}_DB to be a PostgreSQL URL too (the replica's "
            "primary); an SQLite database has no replica: leave DB_READ empty."
        )


def check_pool_size(config) -> None:
    """``DB_POOL_SIZE`` is a whole number of connections, at least one."""
    size = config["DB_POOL_SIZE"]
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise SettingError(
            f"{PREFIX}_DB_POOL_SIZE={size!r} is not a number of connections. Give the "
            "number of request threads of one app process, e.g. 8."
        )


def _is_rate_limit(value, *, several: bool) -> bool:
    try:
        limits = parse_many(value)
    except (ValueError, TypeError):
        return False
    one_or_several = len(limits) == 1 or (several and len(limits) > 1)
    return one_or_several and all(limit.amount >= 1 for limit in limits)


def _stored_secret(db_path: Path) -> str:
    """A signing key generated once and kept beside the database."""
    if str(db_path) == ":memory:":
        return secrets.token_hex(32)
    key_file = db_path.parent / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Created readable by the owner only, from the first byte on.
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_hex(32))
    return key_file.read_text().strip()

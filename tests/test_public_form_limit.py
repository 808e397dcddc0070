"""The per-address limit of the public forms (REFUGEE_MAP_PUBLIC_FORM_LIMIT): a default a
shelter's residents behind one shared address can live with, a configured value that
applies to every public form that writes, and a bad value refused at start-up."""

import re

import pytest
from admin_support import FAST_HASHING, text
from click.testing import CliRunner
from samples import SUGGESTION

from refugee_map import create_app, store
from refugee_map.cli import main
from refugee_map.config import DEFAULTS, PROJECT_DIR, SettingError
from refugee_map.domain import form_limits, login_limits
from refugee_map.store import schema

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def app_with(tmp_path, **settings):
    app = create_app(
        {"TESTING": True, "DB": str(tmp_path / "limit.db"), "SECRET_KEY": "test"}
        | FAST_HASHING
        | settings
    )
    store.init(store.connect(app.config["DB"]))
    return app


def suggest(client, address: str = "192.0.2.10"):
    return client.post("/suggest", data=SUGGESTION, environ_base={"REMOTE_ADDR": address})


def test_the_default_takes_a_shelters_afternoon_from_one_address(tmp_path):
    client = app_with(tmp_path).test_client()
    assert all(suggest(client).status_code == 303 for _ in range(30))
    refused = suggest(client)
    assert refused.status_code == 429 and "Einen Moment bitte" in text(refused)
    assert suggest(client, "192.0.2.11").status_code == 303  # another address


def test_the_default_is_the_one_the_readme_names():
    row = re.search(r"\| `REFUGEE_MAP_PUBLIC_FORM_LIMIT` \|[^\n]*", README).group(0)
    assert f"`{DEFAULTS['PUBLIC_FORM_LIMIT']}`" in row


def test_a_limit_from_the_environment_applies(tmp_path, monkeypatch):
    monkeypatch.setenv("REFUGEE_MAP_PUBLIC_FORM_LIMIT", "2 per hour")
    client = app_with(tmp_path).test_client()
    assert [suggest(client).status_code for _ in range(3)] == [303, 303, 429]


def test_every_public_route_that_writes_is_limited(tmp_path):
    app = app_with(tmp_path, PUBLIC_FORM_LIMIT="1 per hour")
    client = app.test_client()
    public_posts = [
        rule.rule.replace("<int:offer_id>", "1").replace("<token>", "x")
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and not rule.rule.startswith("/admin")
    ]
    assert len(public_posts) >= 3
    for number, url in enumerate(public_posts):
        address = {"REMOTE_ADDR": f"198.51.100.{number}"}
        client.post(url, data={}, environ_base=address)
        assert client.post(url, data={}, environ_base=address).status_code == 429, url


@pytest.mark.parametrize(
    "setting, value",
    [("PUBLIC_FORM_LIMIT", "viele"), ("PUBLIC_FORM_LIMIT", "0 per minute"),
     ("PUBLIC_FORM_LIMIT", ""), ("PUBLIC_FORM_LIMIT", "30 per fortnight"),
     ("PUBLIC_FORM_LIMIT", 30), ("LOGIN_LIMIT_ACCOUNT", "5 per minute;20 per hour"),
     ("LOGIN_LIMIT_ADDRESS", "twenty")],
)  # fmt: skip
def test_a_bad_limit_stops_the_start_and_says_what_to_write(tmp_path, setting, value):
    with pytest.raises(SettingError, match=f"REFUGEE_MAP_{setting}=.* is not a rate limit"):
        app_with(tmp_path, **{setting: value})


def test_the_command_line_says_it_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("REFUGEE_MAP_DB", str(tmp_path / "cli.db"))
    monkeypatch.setenv("REFUGEE_MAP_PUBLIC_FORM_LIMIT", "30 pro Stunde")
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 1
    assert "REFUGEE_MAP_PUBLIC_FORM_LIMIT='30 pro Stunde' is not a rate limit" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "cli.db").exists()


# --- the rule, counted in the database --------------------------------------------------------

HOUR_AND_DAY = [(2, 3600.0), (3, 86400.0)]
HERE, THERE = (form_limits.source_of(address, "key") for address in ("192.0.2.10", "192.0.2.11"))


def sends(db) -> int:
    return db.execute("SELECT count(*) FROM attempts WHERE action = 'public-form'").fetchone()[0]


def test_each_window_slides_and_a_refused_send_is_not_counted(fresh_db):
    for now in (1000.0, 1001.0):
        form_limits.reserve(fresh_db, HERE, HOUR_AND_DAY, now)
    with pytest.raises(form_limits.TooManyAttempts) as refused:
        form_limits.reserve(fresh_db, HERE, HOUR_AND_DAY, 1002.0)
    assert refused.value.wait == 3598 and sends(fresh_db) == 2
    form_limits.reserve(fresh_db, HERE, HOUR_AND_DAY, 4601.0)  # the first slid out
    with pytest.raises(form_limits.TooManyAttempts) as refused:
        form_limits.reserve(fresh_db, HERE, HOUR_AND_DAY, 8000.0)  # 3 in the day
    assert refused.value.wait == 1000 + 86400 - 8000
    form_limits.reserve(fresh_db, THERE, HOUR_AND_DAY, 8000.0)  # another address


def test_form_sends_and_sign_in_attempts_are_counted_apart(fresh_db):
    address = login_limits.address_source("192.0.2.10")  # one source for both, to be sure
    for now in (1000.0, 1001.0):
        form_limits.reserve(fresh_db, address, HOUR_AND_DAY, now)
    strict = login_limits.Limits(per_account=5, account_window=900, per_address=1,
                                 address_window=900)  # fmt: skip
    login_limits.reserve(fresh_db, "anna@example.org", address, strict, 1002.0)
    with pytest.raises(form_limits.TooManyAttempts):
        form_limits.reserve(fresh_db, address, HOUR_AND_DAY, 1003.0)
    # the sign-ins' clean-up (15 minutes) leaves the day's form sends alone
    login_limits.reserve(fresh_db, "ben@example.org", login_limits.device_source("x"), strict,
                         2000.0)  # fmt: skip
    assert sends(fresh_db) == 2


def test_sign_in_attempts_stored_before_the_shared_table_still_count():
    db = store.connect(":memory:")
    with store.writing(db):
        schema.migrations.apply(db, stop_before="m012_shared_state")
        db.execute(
            "INSERT INTO login_attempts (account, source, at) VALUES ('anna', 'address:x', 1000)"
        )
        schema.apply(db)
    assert list(db.query("SELECT action, account, source, at FROM attempts")) == [
        {"action": "login", "account": "anna", "source": "address:x", "at": 1000.0}
    ]

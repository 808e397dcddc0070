"""Accounts of a region and of the network: the rules, signing in at another region's back
office, the accounts pages of a region's admin and of a network admin, ``create-user
--region`` and migration m014 on a database with accounts (both engines)."""

import re
from uuid import uuid4

import pytest
from admin_support import PASSWORD, csrf_token, field_error, login, make_user, signed_in, text
from click.testing import CliRunner
from pg_databases import PREFIX
from regions_support import region_command, write_region_folder
from store_support import INTEGRITY_ERRORS

from refugee_map import store
from refugee_map.cli import main
from refugee_map.domain import accounts as account_rules
from refugee_map.domain import users as user_accounts
from refugee_map.store import schema, schema_postgres

pytest_plugins = ["regions_fixtures"]

HOME, BOCHUM = 1, 2
OTHER_REGION = "Dieses Konto gehört zu einer anderen Region"
IN_ENGLISH = "This account belongs to another region"  # Bochum's pages: English by default


def account(role: str, region: int | None = HOME) -> account_rules.User:
    return account_rules.User(1, "x@example.org", role, True, account_rules.region_of(role, region))


# --- the rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize("permission", list(account_rules.PERMISSIONS))
@pytest.mark.parametrize("role", account_rules.REGION_ROLES)
def test_a_regions_account_may_do_nothing_in_another_region(role, permission):
    assert account_rules.can(account(role, BOCHUM), permission, BOCHUM) is (
        role in account_rules.PERMISSIONS[permission]
    )
    assert not account_rules.can(account(role, BOCHUM), permission, HOME)
    assert not account_rules.may_enter(account(role, BOCHUM), HOME)


@pytest.mark.parametrize("permission", list(account_rules.PERMISSIONS))
def test_a_network_admin_has_an_admins_rights_in_every_region(permission):
    network_admin = account(account_rules.NETWORK_ADMIN)
    assert network_admin.region_id is None
    for region in (HOME, BOCHUM):
        assert account_rules.can(network_admin, permission, region)
    assert not account_rules.can(account("admin"), "users.network", HOME)


def test_only_a_network_admin_manages_other_regions_accounts_and_gives_every_role():
    admin, network_admin = account("admin", BOCHUM), account(account_rules.NETWORK_ADMIN)
    assert account_rules.may_manage(admin, account("editor", BOCHUM))
    assert not account_rules.may_manage(admin, account("editor", HOME))
    assert not account_rules.may_manage(admin, account(account_rules.NETWORK_ADMIN))
    assert account_rules.may_manage(network_admin, account("editor", HOME))
    assert account_rules.roles_given_by(admin) == ("admin", "editor")
    assert account_rules.roles_given_by(network_admin) == account_rules.ROLES


def test_every_role_has_a_german_and_an_english_label(app):
    from flask_babel import force_locale

    assert set(account_rules.ROLE_LABELS) == set(account_rules.ROLES)
    with app.test_request_context():
        german = {str(label) for label in account_rules.ROLE_LABELS.values()}
        with force_locale("en"):
            english = {str(label) for label in account_rules.ROLE_LABELS.values()}
    assert "Netzwerk-Administration" in german and "Network administrator" in english


def test_an_account_is_made_in_a_known_region_or_none(two_regions, db):
    ph = account_rules.hasher(two_regions.config)
    made = user_accounts.create_user(db, "b@example.org", PASSWORD, "editor", ph=ph,
                                     region_id=BOCHUM)  # fmt: skip
    assert made.region_id == BOCHUM
    network = user_accounts.create_user(db, "n@example.org", PASSWORD, "network-admin", ph=ph,
                                        region_id=BOCHUM)  # fmt: skip
    assert network.region_id is None
    for region in (None, 3, -1):
        with pytest.raises(account_rules.UserError) as refused:
            user_accounts.create_user(db, "c@example.org", PASSWORD, "admin", ph=ph,
                                      region_id=region)  # fmt: skip
        assert refused.value.field == "region"
    assert user_accounts.find_user(db, "c@example.org") is None


# --- signing in --------------------------------------------------------------------------------


def sessions(db) -> int:
    return db.execute("SELECT count(*) FROM user_sessions").fetchone()[0]


def test_another_regions_account_cannot_sign_in_here(two_regions, db):
    make_user(two_regions, "dortmund@example.org", "admin")
    client = two_regions.test_client()
    refused = login(client, "dortmund@example.org", prefix="/bochum")
    assert refused.status_code == 403 and IN_ENGLISH in text(refused)
    assert "Bochum" in text(refused) and sessions(db) == 0
    assert client.get("/bochum/admin/offers").status_code == 302  # to the sign-in page
    assert client.get("/admin/offers").status_code == 302
    assert login(client, "dortmund@example.org").status_code == 302  # at its own region's


def test_signing_in_at_another_region_still_counts_the_attempts(two_regions):
    two_regions.config["LOGIN_LIMIT_ACCOUNT"] = "2 per 15 minutes"
    make_user(two_regions, "dortmund@example.org", "admin")
    client = two_regions.test_client()
    for _ in range(2):
        wrong = login(client, "dortmund@example.org", "wrong password", prefix="/bochum")
        assert wrong.status_code == 401
    assert login(client, "dortmund@example.org", prefix="/bochum").status_code == 429


def test_a_signed_in_account_meets_another_regions_back_office_with_403(two_regions, admin):
    offers_page = admin.get("/bochum/admin/offers")
    assert offers_page.status_code == 403 and IN_ENGLISH in text(offers_page)
    assert 'class="admin-nav"' not in text(offers_page)
    sign_in_page = admin.get("/bochum/admin/login")
    assert sign_in_page.status_code == 200 and IN_ENGLISH in text(sign_in_page)
    assert admin.get("/admin/offers").status_code == 200  # still signed in at home


def test_signing_in_with_this_regions_account_ends_the_other_session(two_regions, admin, db):
    make_user(two_regions, "bochum@example.org", "editor", region=BOCHUM)
    assert sessions(db) == 1
    assert login(admin, "bochum@example.org", prefix="/bochum").status_code == 302
    assert sessions(db) == 1
    assert admin.get("/bochum/admin/offers").status_code == 200
    assert admin.get("/admin/offers").status_code == 403


def test_by_host_a_regions_account_works_at_its_host_only(by_host):
    make_user(by_host, "bochum@example.org", "editor", region=BOCHUM)
    client = by_host.test_client()
    bochum = "http://karte.bochum.example"
    token = csrf_token(client, f"{bochum}/admin/login")
    form = {"email": "bochum@example.org", "password": PASSWORD, "csrf_token": token}
    assert client.post("/admin/login", data=form, base_url=bochum).status_code == 302
    assert client.get("/admin/offers", base_url=bochum).status_code == 200
    elsewhere = client.get("/admin/offers", base_url="http://karte.example")
    assert elsewhere.status_code in (302, 403)  # each host its own cookie: not signed in
    refused = client.post("/admin/login", data=form | {"csrf_token": csrf_token(client)})
    assert refused.status_code == 403 and OTHER_REGION in text(refused)


# --- the accounts pages ------------------------------------------------------------------------


@pytest.fixture
def bochum_admin(two_regions):
    return signed_in(two_regions, "chef@bochum.example", "admin", region=BOCHUM, prefix="/bochum")


@pytest.fixture
def network_admin(two_regions):
    return signed_in(two_regions, "netz@example.org", "network-admin")


def test_a_regions_admin_sees_and_changes_its_regions_accounts_only(two_regions, bochum_admin, db):
    dortmund = make_user(two_regions, "dortmund@example.org", "editor")
    page = text(bochum_admin.get("/bochum/admin/users"))
    assert "chef@bochum.example" in page and "dortmund@example.org" not in page
    url = f"/bochum/admin/users/{dortmund.id}"
    assert bochum_admin.get(url).status_code == 404
    form = {"csrf_token": bochum_admin.token, "role": "admin", "active": "1"}
    assert bochum_admin.post(url, data=form).status_code == 404
    network = make_user(two_regions, "netz@example.org", "network-admin")
    assert bochum_admin.get(f"/bochum/admin/users/{network.id}").status_code == 404
    editor = make_user(two_regions, "ed@bochum.example", "editor", region=BOCHUM)
    promoted = bochum_admin.post(f"/bochum/admin/users/{editor.id}",
                                 data=form | {"role": "network-admin"})  # fmt: skip
    assert promoted.status_code == 422 and field_error(text(promoted), "role")
    assert user_accounts.get_user(db, editor.id).role == "editor"


def new_account(client, prefix="/bochum", **fields):
    form = {"email": "neu@example.org", "role": "editor", "password": PASSWORD,
            "confirm_password": PASSWORD, "csrf_token": client.token} | fields  # fmt: skip
    return client.post(f"{prefix}/admin/users/new", data=form)


def test_a_regions_admin_makes_no_network_admin_and_no_other_regions_account(
    two_regions, bochum_admin, db
):
    refused = new_account(bochum_admin, role="network-admin")
    assert refused.status_code == 422 and field_error(text(refused), "role")
    assert user_accounts.find_user(db, "neu@example.org") is None
    assert new_account(bochum_admin, region="1").status_code == 302
    assert user_accounts.find_user(db, "neu@example.org").region_id == BOCHUM
    editor = user_accounts.find_user(db, "neu@example.org")
    form = {"csrf_token": bochum_admin.token, "role": "editor", "active": "1", "region": "1"}
    assert bochum_admin.post(f"/bochum/admin/users/{editor.id}", data=form).status_code == 302
    assert user_accounts.get_user(db, editor.id).region_id == BOCHUM
    assert "Netzwerk-Administration" not in text(bochum_admin.get("/bochum/admin/users/new"))


def test_a_network_admin_sees_every_account_with_its_region(two_regions, network_admin):
    make_user(two_regions, "dortmund@example.org", "editor")
    make_user(two_regions, "bochum@example.org", "editor", region=BOCHUM)
    page = text(network_admin.get("/admin/users"))
    rows = {email: row for row, email in re.findall(r"(<tr>\s*<td>([^<]+)</td>.*?</tr>)", page,
                                                    re.S)}  # fmt: skip
    assert "Bochum" in rows["bochum@example.org"] and "Dortmund" in rows["dortmund@example.org"]
    assert "Netzwerk-Administration" in rows["netz@example.org"]


def test_a_network_admin_makes_a_regions_first_admin_and_another_network_admin(
    two_regions, network_admin, db
):
    made = new_account(network_admin, prefix="", role="admin", region=str(BOCHUM))
    assert made.status_code == 302
    first = user_accounts.find_user(db, "neu@example.org")
    assert (first.role, first.region_id) == ("admin", BOCHUM)
    assert login(two_regions.test_client(), first.email, prefix="/bochum").status_code == 302
    other = new_account(network_admin, email="netz2@example.org", role="network-admin",
                        region=str(BOCHUM))  # fmt: skip
    assert other.status_code == 302
    assert user_accounts.find_user(db, "netz2@example.org").region_id is None
    form = {"csrf_token": network_admin.token, "role": "editor", "active": "1", "region": "1"}
    assert network_admin.post(f"/admin/users/{first.id}", data=form).status_code == 302
    assert user_accounts.get_user(db, first.id).region_id == HOME  # moved to Dortmund


@pytest.mark.parametrize("region", ["", "abc", "3", "-1", "1e3", "²", "0x2", "9" * 40, " 2"])
def test_a_region_that_is_none_of_the_known_ones_is_shown_at_its_field(
    two_regions, network_admin, db, region
):
    refused = new_account(network_admin, prefix="", role="editor", region=region)
    assert refused.status_code == 422
    assert field_error(text(refused), "region") == "Unbekannte Region."
    assert user_accounts.find_user(db, "neu@example.org") is None
    editor = make_user(two_regions, "ed@example.org", "editor", region=BOCHUM)
    form = {"csrf_token": network_admin.token, "role": "admin", "active": "1", "region": region}
    changed = network_admin.post(f"/admin/users/{editor.id}", data=form)
    assert changed.status_code == 422 and field_error(text(changed), "region")
    assert user_accounts.get_user(db, editor.id).role == "editor"


def test_a_regions_last_admin_stays_unless_a_network_admin_manages_it(two_regions, db):
    bochum_admin = signed_in(two_regions, "a@bochum.example", "admin", region=BOCHUM,
                             prefix="/bochum")  # fmt: skip
    other = make_user(two_regions, "b@bochum.example", "admin", region=BOCHUM)
    form = {"csrf_token": bochum_admin.token, "role": "editor", "active": "1"}
    assert bochum_admin.post(f"/bochum/admin/users/{other.id}", data=form).status_code == 302
    assert user_accounts.active_managers(db, BOCHUM) == 1
    make_user(two_regions, "netz@example.org", "network-admin")
    assert user_accounts.active_managers(db, BOCHUM) == 2
    assert user_accounts.active_managers(db, None) == 1


# --- create-user --region ----------------------------------------------------------------------


@pytest.fixture
def cli_regions(new_database, tmp_path) -> str:
    location = new_database("cli.db")
    folder = write_region_folder(tmp_path / "bochum")
    assert region_command(location, "add", "bochum", "--from", str(folder)).exit_code == 0
    return location


def create_user(location: str, *args):
    env = {"REFUGEE_MAP_DB": location, "REFUGEE_MAP_ARGON2_MEMORY_COST": "1024"}
    return CliRunner().invoke(main, ["create-user", *args, "--password-stdin"],
                              input=PASSWORD + "\n", env=env)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "region", "said"),
    [(["--role", "editor"], HOME, "in region dortmund"),
     (["--role", "admin", "--region", "bochum"], BOCHUM, "in region bochum"),
     (["--role", "editor", "--region", "dortmund"], HOME, "in region dortmund"),
     (["--role", "network-admin"], None, "of the network")],
)  # fmt: skip
def test_create_user_puts_the_account_into_its_region(cli_regions, args, region, said):
    result = create_user(cli_regions, "anna@example.org", *args)
    assert result.exit_code == 0, result.output
    assert said in result.output
    db = store.connect(cli_regions)
    assert user_accounts.find_user(db, "anna@example.org").region_id == region


@pytest.mark.parametrize(
    ("args", "said"),
    [(["--role", "network-admin", "--region", "bochum"], "leave out --region"),
     (["--role", "editor", "--region", "essen"], "There is no region 'essen'; the regions: "
                                                 "dortmund, bochum.")],
)  # fmt: skip
def test_create_user_refuses_a_region_in_one_line(cli_regions, args, said):
    result = create_user(cli_regions, "anna@example.org", *args)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {said}"] or said in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert user_accounts.find_user(store.connect(cli_regions), "anna@example.org") is None


# --- migration m014 on a database with accounts ---------------------------------------------------

OLD_ACCOUNT = {"email": "Anna@Example.org", "password_hash": "x", "role": "admin", "active": 1,
               "created_at": "2024-01-01", "updated_at": "2024-01-01"}  # fmt: skip
OLD_SESSION = {"token_hash": "t", "created_at": "2024-01-01", "expires_at": "2999-01-01"}


def with_accounts_before_m014(db) -> None:
    """Accounts and a session written by the schema before m014, then migrated on."""
    with store.writing(db):
        user_id = db["users"].insert(OLD_ACCOUNT).last_pk
        db["user_sessions"].insert(OLD_SESSION | {"user_id": user_id})
    store.init(db)


def check_accounts_kept_in_region_one(db) -> None:
    (row,) = db.query("SELECT email, role, region_id FROM users")
    assert row == {"email": "Anna@Example.org", "role": "admin", "region_id": HOME}
    assert [r["token_hash"] for r in db.query("SELECT token_hash FROM user_sessions")] == ["t"]
    ph = account_rules.hasher({"ARGON2_MEMORY_COST": 1024})
    with pytest.raises(account_rules.UserError):  # the e-mail is unique in any ASCII case
        user_accounts.create_user(db, "anna@example.ORG", PASSWORD, "editor", ph=ph)
    network = user_accounts.create_user(db, "n@example.org", PASSWORD, "network-admin", ph=ph)
    for wrong in ({"region_id": HOME}, {"role": "editor"}, {"role": "root", "region_id": HOME}):
        with pytest.raises(INTEGRITY_ERRORS), store.writing(db):
            db["users"].update(network.id, wrong)
    with store.writing(db):  # the sessions still follow their account
        db.execute("DELETE FROM users WHERE email = 'Anna@Example.org'")
    assert db.execute("SELECT count(*) FROM user_sessions").fetchone()[0] == 0


def test_m014_keeps_the_accounts_and_their_sessions_on_sqlite(tmp_path):
    db = store.connect(tmp_path / "old.db")
    with store.writing(db):
        schema.migrations.apply(db, stop_before="m014_accounts_in_regions")
    with_accounts_before_m014(db)
    tables = "tbl_name IN ('users', 'user_sessions')"
    indexes = {row["name"] for row in db.query(f"SELECT name FROM sqlite_master WHERE {tables}")}
    assert {"user_sessions_user", "users_region", "sqlite_autoindex_users_1"} <= indexes
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    check_accounts_kept_in_region_one(db)


def test_m014_keeps_the_accounts_and_their_sessions_on_postgresql(pg_cluster, monkeypatch):
    url = pg_cluster.create_database(f"{PREFIX}_m014_{uuid4().hex[:12]}", template="template0")
    db = store.connect(url)
    db.execute("CREATE EXTENSION postgis")
    known = schema_postgres.migrations
    before = known._functions[: known.names.index("m014_accounts_in_regions")]
    with monkeypatch.context() as patched:
        patched.setattr(known, "_functions", before)
        store.init(db)
    with_accounts_before_m014(db)
    tables = "tablename IN ('users', 'user_sessions')"
    indexes = {
        row["indexname"] for row in db.query(f"SELECT indexname FROM pg_indexes WHERE {tables}")
    }
    assert {"user_sessions_user", "users_region", "users_email"} <= indexes
    check_accounts_kept_in_region_one(db)
    db.close()

"""Static files under fingerprinted URLs: every static URL of every page (and of what those
files load in turn) carries the current fingerprint and may be kept for a year; a change to
any file renames them; old fingerprints and plain /static/ URLs are revalidated."""

import gzip
import re
import shutil
from posixpath import dirname, normpath

import pytest
from admin_support import make_user

from refugee_map import create_app
from refugee_map.domain import mail, submissions
from refugee_map.web import assets

IMMUTABLE = {"public", "max-age=31536000", "immutable"}
STATIC_URL = re.compile(r"/static/[^\"'\s<>()?#,\\]+")
# What the static files themselves load: CSS url(...) and ES module imports, all relative.
RELATIVE_URL = re.compile(r"url\(\s*['\"]?([^'\")#]+)|(?:import|from)\s*['\"](\.[^'\"]+)['\"]")
QUERIES = {
    "/handout": "?district=Innenstadt-West",
    "/admin/geocode": "?q=44137",
    "/admin/locate": "?lat=51.5142&lng=7.4652",
}


def directives(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


def page_urls(app, db, make_offer) -> list[str]:
    """Every GET route of the app except the static files, with things to point at."""
    offer = make_offer()
    proposal = submissions.public_offer(offer) | {"title": "Neuer Titel"}
    values = {
        "<int:offer_id>": offer["id"],
        "<int:submission_id>": submissions.add(db, "change", {"offer": proposal}, offer["id"]),
        "<int:user_id>": make_user(app, "other@example.org").id,
        "<token>": mail.make_token(app.config["SECRET_KEY"], offer["id"], offer["version"]),
        "<kind>": "new",
    }
    urls = ["/no-such-page"]  # the error page
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        url = rule.rule
        for placeholder, value in values.items():
            url = url.replace(placeholder, str(value))
        assert "<" not in url, f"no value for {rule.rule}"
        urls.append(url + QUERIES.get(rule.rule, ""))
    return urls


def loaded_by(client, url: str) -> set[str]:
    """The static URLs the file at ``url`` loads by relative URLs (resolved)."""
    if not url.endswith((".css", ".js")):
        return set()
    source = client.get(url).get_data(as_text=True)
    found = set()
    for match in RELATIVE_URL.finditer(source):
        relative = match.group(1) or match.group(2)
        if not relative.startswith("data:"):
            found.add(normpath(f"{dirname(url)}/{relative.strip()}"))
    return found


def every_static_url(app, admin, db, make_offer) -> set[str]:
    """The static URLs every page and every answer names, and what those files load."""
    pending = set()
    for url in page_urls(app, db, make_offer):
        response = admin.get(url)
        if response.mimetype.startswith(("text/", "application/")):
            pending |= set(STATIC_URL.findall(response.get_data(as_text=True)))
    seen: set[str] = set()
    while pending:
        url = pending.pop()
        seen.add(url)
        pending |= loaded_by(admin, url) - seen
    return seen


def test_every_static_url_of_every_page_is_fingerprinted_and_kept_for_a_year(
    app, admin, db, make_offer
):
    prefix = f"/static/{app.config['STATIC_FINGERPRINT']}/"
    urls = every_static_url(app, admin, db, make_offer)
    assert f"{prefix}js/map/settings.js" in urls  # imported by map.js, named by no page
    assert f"{prefix}vendor/leaflet-1.9.4/images/layers.png" in urls  # from leaflet.css
    assert f"{prefix}icons/app.svg" in urls  # the manifest's icon
    for url in urls:
        assert url.startswith(prefix), url
        response = admin.get(url)
        assert response.status_code == 200, url
        assert directives(response) == IMMUTABLE, url


def test_no_template_or_script_writes_a_static_url_itself():
    """Static URLs come from url_for("static"), which adds the fingerprint."""
    root = assets.STATIC.parents[1]
    sources = [*(root / "templates").rglob("*.html"), *(assets.STATIC / "js").rglob("*.js")]
    assert len(sources) > 20
    for source in sources:
        assert "/static/" not in source.read_text(encoding="utf-8"), source


def app_over(static_folder, tmp_path, monkeypatch):
    """An app serving ``static_folder``, as a server started anew would."""
    monkeypatch.setattr(assets, "STATIC", static_folder)
    assets.built.cache_clear()
    return create_app({"TESTING": True, "DB": str(tmp_path / "t.db"), "SECRET_KEY": "t"})


def static_url(app, filename: str) -> str:
    with app.test_request_context():
        return app.url_for("static", filename=filename)


def test_a_change_to_any_file_renames_every_static_url(tmp_path, monkeypatch):
    folder = tmp_path / "static"
    shutil.copytree(assets.STATIC, folder)
    before = app_over(folder, tmp_path, monkeypatch)
    module = folder / "js" / "map" / "settings.js"
    module.write_text(module.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    after = app_over(folder, tmp_path, monkeypatch)
    # map.js itself did not change, but a module it imports did: its URL changes too.
    assert static_url(before, "js/map.js") != static_url(after, "js/map.js")
    assert (
        after.test_client()
        .get(static_url(after, "js/map/settings.js"))
        .text.endswith("// changed\n")
    )


@pytest.mark.parametrize("change", ["rename", "same size"])
def test_the_fingerprint_follows_names_and_content(tmp_path, change):
    (tmp_path / "a.js").write_text("one", encoding="utf-8")
    before = assets.fingerprint(tmp_path)
    if change == "rename":
        (tmp_path / "a.js").rename(tmp_path / "b.js")
    else:
        (tmp_path / "a.js").write_text("two", encoding="utf-8")
    assert assets.fingerprint(tmp_path) != before
    assert re.fullmatch(r"[0-9a-f]{12}", before)


def test_the_same_files_give_the_same_fingerprint(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "a.js").write_text("one", encoding="utf-8")
    assert assets.fingerprint(tmp_path) == assets.fingerprint(tmp_path)


# A file of the tree and a bundle made of such files when the app starts (web/bundle.py).
SCRIPTS = ["js/map.js", "js/map.bundle.js"]


@pytest.mark.parametrize("name", SCRIPTS)
@pytest.mark.parametrize("old", ["000000000000", "0123456789ab"])
def test_an_old_fingerprint_serves_the_current_file_to_revalidate(app, client, old, name):
    response = client.get(f"/static/{old}/{name}")
    assert response.status_code == 200
    assert response.data == client.get(static_url(app, name)).data
    assert directives(response) == {"no-cache"}
    again = client.get(f"/static/{old}/{name}", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/static/000000000000/js/no-such.js",
        "/static/000000000000/../config.py",
        "/static/000000000000/",
        "/static/no-such.js",
    ],
)
def test_a_missing_file_is_404_under_any_fingerprint(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "immutable" not in directives(response)


def test_a_missing_file_under_the_current_fingerprint_is_404(app, client):
    response = client.get(static_url(app, "js/no-such.js"))
    assert response.status_code == 404
    assert "immutable" not in directives(response)


@pytest.mark.parametrize("name", SCRIPTS)
def test_plain_static_urls_keep_working_and_are_revalidated(app, client, name):
    plain = client.get(f"/static/{name}")
    assert plain.status_code == 200
    assert directives(plain) == {"no-cache"}
    assert plain.data == client.get(static_url(app, name)).data
    again = client.get(f"/static/{name}", headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("name", SCRIPTS)
def test_fingerprinted_files_are_compressed_and_stay_immutable(app, client, name):
    url = static_url(app, name)
    headers = {"Accept-Encoding": "gzip"}
    for _ in range(2):  # the second answer comes from compression's cache
        response = client.get(url, headers=headers)
        assert response.headers["Content-Encoding"] == "gzip"
        assert directives(response) == IMMUTABLE
        assert gzip.decompress(response.data) == client.get(url).data
    etag = response.headers["ETag"]
    assert client.get(url, headers=headers | {"If-None-Match": etag}).status_code == 304


def test_the_service_worker_keeps_the_fingerprinted_files_and_is_named_after_them(app, client):
    fingerprint = app.config["STATIC_FINGERPRINT"]
    worker = client.get("/sw.js")
    assert f"const VERSION = {fingerprint!r}".replace("'", '"') in worker.text
    assert f'"/static/{fingerprint}/js/map.js"' in worker.text
    assert f'"/static/{fingerprint}/js/map.bundle.js"' in worker.text
    assert "immutable" not in directives(worker)  # the worker itself: checked every visit


def test_fingerprinted_files_carry_only_the_headers_that_matter(app, client):
    """Some thirty of them load on a slow link: no page policy, no second expiry."""
    response = client.get(static_url(app, "icons/counselling.svg"))
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert {"Expires", "Last-Modified", "Content-Disposition"}.isdisjoint(response.headers)
    assert response.headers["ETag"] and response.headers["X-Content-Type-Options"] == "nosniff"
    page = client.get("/")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]  # pages keep theirs


def test_the_apps_of_one_process_share_the_fingerprint_and_bundles(tmp_path):
    first, second = (
        create_app({"TESTING": True, "DB": str(tmp_path / f"{n}.db"), "SECRET_KEY": "t"})
        for n in (1, 2)
    )
    assert first.config["STATIC_FINGERPRINT"] == second.config["STATIC_FINGERPRINT"]
    assert first.extensions["bundles"] is second.extensions["bundles"]

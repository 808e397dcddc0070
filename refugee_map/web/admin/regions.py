"""The network's regions, for network admins: each region with its figures and links, and
a region added from a folder under the server's regions folder (the home region's folder's
parent, e.g. ``data/regions/``) with the same checks and the same store call as
``refugee-map region add``. Only folder names the page offered are accepted: the form
never carries a path."""

from pathlib import Path

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from refugee_map import store
from refugee_map.domain import regions
from refugee_map.domain.regions import Region
from refugee_map.geo import region_folder
from refugee_map.store import regions as region_store
from refugee_map.web import context as web
from refugee_map.web.admin.gate import back_office_blueprint
from refugee_map.web.auth import requires
from refugee_map.web.i18n import LANGUAGES
from refugee_map.web.regions import region_root, route_prefixes

bp = back_office_blueprint("admin_regions", __name__)

SLUG_PROBLEMS = {
    "form": _l("2 bis 40 Kleinbuchstaben, Ziffern und „-“, am Anfang ein Buchstabe."),
    "taken": _l("Diese Region gibt es schon."),
    "reserved": _l("Dieser Name ist eine Adresse der Anwendung selbst."),
}


def folders_root() -> Path:
    """Where the regions' folders are: the folder holding the home region's folder."""
    return Path(current_app.extensions["regions"].home().region_dir).parent


def offered_folders(known: list[Region]) -> list[str]:
    """The folders directly in :func:`folders_root` (a link only when it stays inside)
    that are no region's yet."""
    root = folders_root().resolve()
    used = {Path(region.region_dir).resolve() for region in known}
    try:
        entries = list(root.iterdir())
    except OSError:
        return []
    return sorted(
        entry.name
        for entry in entries
        if not entry.name.startswith(".")
        and entry.is_dir()
        and entry.resolve().parent == root
        and entry.resolve() not in used
    )


def region_links(known: list[Region]) -> list[dict]:
    """Each region with its count of published offers and where its map and back office are."""
    counts = region_store.published_counts(web.get_db())
    several = len(known) > 1
    roots = {region.id: region_root(region, several) for region in known}
    return [
        {"region": region, "published": counts.get(region.id, 0),
         "map": f"{roots[region.id]}/", "admin": f"{roots[region.id]}/admin/"}
        for region in known
    ]  # fmt: skip


def page(known: list[Region], values: dict, errors: dict, status: int = 200):
    """The list of regions and the form adding one; after adding, the way to its first admin."""
    links = region_links(known)
    added = next((row for row in links if row["region"].slug == request.args.get("added")), None)
    return render_template(
        "admin/regions.html", regions=links, values=values, errors=errors,
        folder_choices=[(name, name) for name in offered_folders(known)], root=folders_root(),
        added=added and added["region"], added_admin=added and added["admin"],
    ), status  # fmt: skip


@bp.get("/regions")
@requires("users.network")
def index():
    known = regions.all_regions(web.get_db(), current_app.config)
    folders = offered_folders(known)
    first = folders[0] if folders else ""
    return page(known, {"folder": first, "slug": first}, {})


@bp.post("/regions")
@requires("users.network")
def add():
    known = regions.all_regions(web.get_db(), current_app.config)
    folder = request.form.get("folder") or ""
    slug = (request.form.get("slug") or "").strip() or folder
    errors = form_errors(known, folder, slug)
    row = None if errors else folder_row(folder, errors)
    if row is not None:
        try:
            region_store.add_region(web.get_db(), row | {"slug": slug})
        except store.Duplicate:  # added by someone else meanwhile
            errors["slug"] = str(SLUG_PROBLEMS["taken"])
        else:
            current_app.extensions["regions"].reload()
            return redirect(url_for("admin_regions.index", added=slug))
    return page(known, {"folder": folder, "slug": slug}, errors, 422)


def form_errors(known: list[Region], folder: str, slug: str) -> dict[str, str]:
    """The form's mistakes: a folder the page did not offer, a slug no region can have."""
    errors = {}
    if folder not in offered_folders(known):
        errors["folder"] = str(_l("Bitte einen der angebotenen Ordner wählen."))
    taken = [region.slug for region in known]
    problem = regions.slug_problem(slug, taken, route_prefixes(current_app))
    if problem:
        errors["slug"] = str(SLUG_PROBLEMS[problem])
    return errors


def folder_row(folder: str, errors: dict[str, str]) -> dict | None:
    """The region's row from the folder's files; None (and the reason in ``errors``) when
    they do not serve as a region's."""
    root = folders_root()
    try:
        return region_folder.read_new(root / folder, tuple(LANGUAGES))
    except region_folder.RegionFolderError as error:
        reason = str(error).replace(f"{root}/", "")
        errors["folder"] = str(
            _l("Der Ordner taugt nicht für eine Region: %(reason)s", reason=reason)
        )
        return None

"""The back office's import page (``/admin/import``): upload, preview, confirm, geocode.

The same steps as ``refugee-map import``: :mod:`readers` reads the file, the importer
plans it with the editor's rules and writes all rows or none. Between the preview and
"confirm import" the file waits in the database (:mod:`uploads`); the plan is made again on
confirmation, since offers may have changed in between. Rows without coordinates are
then placed by the geocoder (:mod:`import_jobs`) while a progress page shows how far it is.
"""

from flask import current_app, flash, jsonify, redirect, render_template, request
from flask import url_for as url
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from refugee_map import store
from refugee_map.exchange import import_jobs, importer, readers
from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web.admin import uploads
from refugee_map.web.admin.gate import back_office_blueprint
from refugee_map.web.auth import requires

bp = back_office_blueprint("admin_import", __name__)

SHOWN_ROWS = 200  # a preview lists at most this many rows of each kind
ACCEPTED = ".csv,.geojson,.json,.gpkg"


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    limit = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)
    message = _l("Die Datei ist zu groß (höchstens %(mb)d MB). Nichts wurde importiert.", mb=limit)
    return _form(message, 413)


@bp.route("/import", methods=["GET", "POST"])
@requires("offers")
def upload_form():
    """The upload form; a posted file is checked and previewed, and nothing is written."""
    if request.method == "GET":
        return _form()
    storage = request.files.get("file")
    if storage is None or not storage.filename:
        return _form(_l("Bitte eine Datei auswählen (CSV, GeoJSON oder GeoPackage)."), 422)
    db = web.get_db()
    upload = uploads.save(db, storage, current_user.id)
    try:
        plan, problem = _plan(upload)
    except BaseException:  # no upload is left behind, whatever went wrong
        uploads.discard(db, upload)
        raise
    if problem or plan.errors:
        uploads.discard(db, upload)
        return _preview(plan, problem, token=None), 422
    return _preview(plan, None, token=upload.token)


@bp.post("/import/confirm")
@requires("offers")
def confirm():
    """Apply a previewed upload: all rows in one transaction, then place the new points.

    The plan is made again from the file; the conflicts ticked in the preview (``conflict``,
    keys of :class:`importer.PlannedOffer`) are applied only while each is still the same
    conflict of the same offer version, else the preview is shown again."""
    token = request.form.get("token", "")
    db = web.get_db()
    upload = uploads.claim(db, token, current_user.id)
    if upload is None:
        flash(_l("Diese Vorschau ist abgelaufen. Bitte die Datei noch einmal hochladen."), "error")
        return redirect(url("admin_import.upload_form"))
    try:
        plan, problem = _plan(upload)
        if problem or plan.errors:  # the offers changed since the preview
            uploads.discard(db, upload)
            return _preview(plan, problem, token=None), 422
        to_geocode = _apply(plan, request.form.getlist("conflict"))
    except (store.Busy, store.DiskFull):
        uploads.release(db, upload)  # the 503 / 507 page sends the same token again
        raise
    except BaseException:
        uploads.discard(db, upload)
        raise
    if to_geocode is None:
        uploads.release(db, upload)
        return _preview(plan, None, token=token, moved_on=True), 409
    uploads.discard(db, upload)
    import_jobs.start(
        db, token, web.region_settings(), to_geocode,
        source=plan.source, summary=plan.summary(done=True),
    )  # fmt: skip
    return redirect(url("admin_import.progress", job=token))


def _apply(plan: importer.Plan, chosen: list[str]) -> list[int] | None:
    """Write the plan with the ``chosen`` conflicts; None, writing nothing, when one of
    them is no longer what the person saw (its offer was saved since the preview)."""
    if not plan.choose(chosen):
        return None
    try:
        return importer.apply_plan(
            web.get_db(), plan, by=current_user.email, region=web.region().id
        )
    except offer_store.VersionConflict:
        return None


@bp.get("/import/progress")
@requires("offers")
def progress():
    job = import_jobs.get(web.get_db(), request.args.get("job", ""))
    if job is None:
        return redirect(url("admin_import.upload_form"))
    status_url = url("admin_import.progress_json", job=request.args["job"])
    return render_template("admin/import_progress.html", job=job, status_url=status_url)


@bp.get("/import/progress.json")
@requires("offers")
def progress_json():
    job = import_jobs.get(web.get_db(), request.args.get("job", ""))
    if job is None:
        return jsonify(error="no such import"), 404
    return jsonify(job.as_dict())


def _plan(upload: uploads.Upload) -> tuple[importer.Plan | None, str | None]:
    """The plan for an uploaded file, or why the file cannot be read at all."""
    try:
        with uploads.readable(upload) as path:
            rows = readers.read_rows(path)
    except readers.ImportFileError as error:
        return None, str(error).replace(uploads.stored_name(upload.name), upload.name)
    plan = importer.plan_region_import(web.get_db(), rows, source=upload.name, region=web.region())
    return plan, None


def _form(error: str | None = None, status: int = 200):
    page = render_template("admin/import.html", error=error, accepted=ACCEPTED)
    return page, status


def _preview(
    plan: importer.Plan | None, problem: str | None, *, token: str | None, moved_on: bool = False
) -> str:
    """The preview page; ``moved_on``: offers were saved since the last preview."""
    return render_template(
        "admin/import_preview.html",
        plan=plan,
        problem=problem,
        token=token,
        shown=SHOWN_ROWS,
        moved_on=moved_on,
        changes=[item for item in plan.items if item.action != "unchanged"] if plan else [],
    )

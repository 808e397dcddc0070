"""Translations of an offer's title and description, edited in the back office.

German stays the source: a translation is marked outdated when the German text changes
after it.
"""

from flask import (
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from refugee_map.store import translations as translation_store
from refugee_map.web import context as web
from refugee_map.web import forms, i18n
from refugee_map.web.admin.gate import back_office_blueprint, offer_or_404, translated_languages
from refugee_map.web.auth import requires

bp = back_office_blueprint("admin_translations", __name__)

TRANSLATION_LIMITS = {"title": 200, "description": 5000}


@bp.route("/offers/<int:offer_id>/translations", methods=["GET", "POST"])
@requires("offers")
def edit(offer_id: int):
    offer = offer_or_404(offer_id)
    db = web.get_db()
    languages = translated_languages()
    stored = translation_store.translations(db, offer_id)
    empty = {"title": "", "description": ""}
    values = {lang: {key: stored[lang][key] for key in empty} if lang in stored else dict(empty)
              for lang in languages}  # fmt: skip
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {lang: {key: _form_text(f"{key}-{lang}") for key in empty} for lang in languages}
        errors = _translation_errors(values, offer)
        if not errors:
            changed = [lang for lang in languages if _save_translation(db, offer_id, lang, values)]
            if changed:
                flash(_l("Übersetzungen gespeichert: %(langs)s.", langs=_names(changed)),
                      "success")  # fmt: skip
            else:
                flash(_l("Keine Übersetzung geändert."), "success")
            return redirect(url_for("admin_translations.edit", offer_id=offer_id))
    return render_template(
        "admin/translations.html",
        offer=offer,
        fields=[(code, i18n.LANGUAGES[code], i18n.text_direction(code)) for code in languages],
        values=values,
        errors=errors,
        labels=_translation_labels(languages),
        status=translation_store.translation_status(db, [offer_id], languages)[offer_id],
        stored=stored,
    ), 422 if errors else 200


def _form_text(name: str) -> str:
    return (request.form.get(name) or "").replace("\r\n", "\n").strip()


def _translation_errors(values: dict, offer: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    for lang, texts in values.items():
        for key, limit in TRANSLATION_LIMITS.items():
            if "\x00" in texts[key]:
                errors[f"{key}-{lang}"] = str(_l("Enthält ein unzulässiges Zeichen."))
            elif len(texts[key]) > limit:
                errors[f"{key}-{lang}"] = str(_l("Höchstens %(limit)d Zeichen.", limit=limit))
        if f"title-{lang}" in errors or f"description-{lang}" in errors:
            continue
        if texts["description"] and not texts["title"]:
            errors[f"title-{lang}"] = str(_l("Bitte auch den Titel übersetzen."))
        elif texts["title"] and offer["description"] and not texts["description"]:
            # Else visitors would get the German description marked as this language.
            errors[f"description-{lang}"] = str(_l("Bitte auch die Beschreibung übersetzen."))
    return errors


def _save_translation(db, offer_id: int, lang: str, values: dict) -> bool:
    title, description = values[lang]["title"], values[lang]["description"]
    by = current_user.email
    if not title and not description:
        return translation_store.delete_translation(db, offer_id, lang, by=by)
    if translation_store.set_translation(db, offer_id, lang, title, description, by=by):
        return True
    if request.form.get(f"confirm-{lang}") == "1":
        return translation_store.confirm_translation(db, offer_id, lang, by=by)
    return False


def _translation_labels(languages: list[str]) -> dict[str, str]:
    labels = {}
    for lang in languages:
        for key in TRANSLATION_LIMITS:
            labels[f"{key}-{lang}"] = f"{forms.FIELD_LABELS[key]} ({i18n.LANGUAGES[lang]})"
    return labels


def _names(codes: list[str]) -> str:
    """Languages by name in the page's language ("Englisch, Arabisch"), not by code."""
    return ", ".join(i18n.language_name(code) for code in codes)

"""An offer's translations of title and description: stored per language, each change
recorded in the offer's history, and which of them are missing or older than the German text.
"""

import json

from sqlite_utils import Database

from refugee_map import store
from refugee_map.store import dialect
from refugee_map.store import offers as offer_store
from refugee_map.store.dialect import Dialect


def translations(db: Database, offer_id: int) -> dict[str, dict]:
    """The offer's translations of title and description, by language code."""
    rows = db.query("SELECT * FROM offer_translations WHERE offer_id = ? ORDER BY lang", [offer_id])
    return {row["lang"]: row for row in rows}


def set_translation(
    db: Database, offer_id: int, lang: str, title: str, description: str, *, by: str = ""
) -> bool:
    """Store a translation and record it in the history; False if nothing changed."""
    with store.writing(db):
        before = translations(db, offer_id).get(lang)
        if before and (before["title"], before["description"]) == (title, description):
            return False
        row = {"offer_id": offer_id, "lang": lang, "title": title, "description": description,
               "updated_at": store.now()}  # fmt: skip
        db["offer_translations"].upsert(row, pk=("offer_id", "lang"))
        _record_translation(db, offer_id, lang, before, row, by=by)
    return True


def confirm_translation(db: Database, offer_id: int, lang: str, *, by: str = "") -> bool:
    """Mark a translation as checked against the current German text (no text changes)."""
    with store.writing(db):
        before = translations(db, offer_id).get(lang)
        if before is None:
            return False
        after = before | {"updated_at": store.now()}
        db["offer_translations"].update((offer_id, lang), {"updated_at": after["updated_at"]})
        _record_translation(db, offer_id, lang, before, after, by=by, action="translate-confirm")
    return True


def delete_translation(db: Database, offer_id: int, lang: str, *, by: str = "") -> bool:
    """Remove a translation (visitors then see the German text); False if there was none."""
    with store.writing(db):
        before = translations(db, offer_id).get(lang)
        if before is None:
            return False
        db.execute(
            "DELETE FROM offer_translations WHERE offer_id = ? AND lang = ?", [offer_id, lang]
        )
        _record_translation(db, offer_id, lang, before, None, by=by)
    return True


def _german_changed(spelled: Dialect) -> str:
    """History entries ``h`` that changed an offer's German title or description (its
    creation too)."""
    text = spelled.json_text
    changed = [
        f"{text('h.before', key)} {spelled.differs} {text('h.after', key)}"
        for key in ("title", "description")
    ]
    return f"(h.before IS NULL OR {' OR '.join(changed)})"


def untranslated(spelled: Dialect) -> str:
    """One of the languages (a JSON list parameter) has no translation as new as the German
    text: the back office list's "untranslated" filter, the same rule as translation_status."""
    return (
        f"EXISTS (SELECT 1 FROM ({spelled.texts_of}) AS wanted WHERE NOT EXISTS ("
        "SELECT 1 FROM offer_translations t WHERE t.offer_id = offers.id"
        " AND t.lang = wanted.value AND t.title != '' AND t.updated_at >= coalesce("
        "(SELECT max(h.at) FROM offer_history h WHERE h.offer_id = offers.id"
        f" AND {_german_changed(spelled)}), '')))"
    )


def translation_status(db: Database, offer_ids, languages) -> dict[int, dict[str, list[str]]]:
    """Per offer: the ``languages`` without a translation ("missing") and those whose
    translation is older than the last change of the German title or description
    ("outdated"; the offer's creation counts as a change)."""
    ids = json.dumps([int(offer_id) for offer_id in offer_ids])
    spelled = dialect.of(db)
    german_changed = {
        row["offer_id"]: row["at"]
        for row in db.query(
            "SELECT h.offer_id, max(h.at) AS at FROM offer_history h"
            f" WHERE h.offer_id IN ({spelled.ids_of}) AND {_german_changed(spelled)}"
            " GROUP BY h.offer_id",
            [ids],
        )
    }
    stamps: dict[int, dict[str, str]] = {}
    for row in db.query(
        "SELECT offer_id, lang, updated_at FROM offer_translations"
        f" WHERE offer_id IN ({spelled.ids_of}) AND title != ''",
        [ids],
    ):
        stamps.setdefault(row["offer_id"], {})[row["lang"]] = row["updated_at"]
    status = {}
    for offer_id in json.loads(ids):
        done, changed = stamps.get(offer_id, {}), german_changed.get(offer_id)
        status[offer_id] = {
            "missing": [lang for lang in languages if lang not in done],
            "outdated": [
                lang for lang in languages if lang in done and changed and done[lang] < changed
            ],
        }
    return status


def _record_translation(
    db: Database, offer_id: int, lang: str, before, after, *, by: str, action: str = "translate"
) -> None:
    """A history entry for a translation: both snapshots are the (unchanged) offer plus a
    ``translation`` key, so the history shows the text and restoring the entry restores
    the offer as it was - translations are not touched by a restore."""
    offer = offer_store.get_offer(db, offer_id, public=False)
    kept = {key: offer[key] for key in (*offer_store.columns(db).fields, "deleted_at", "version")}

    def snapshot(row: dict | None) -> str:
        text = row and {"lang": lang, "title": row["title"], "description": row["description"]}
        return json.dumps(kept | {"translation": text or None}, ensure_ascii=False)

    db["offer_history"].insert(
        {"offer_id": offer_id, "at": store.now(), "user": by, "action": action,
         "source": f"translation:{lang}", "before": snapshot(before), "after": snapshot(after)}
    )  # fmt: skip

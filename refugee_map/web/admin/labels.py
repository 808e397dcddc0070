"""What staff read for the words the data keeps: an offer's status, a role, a history
entry's action, author and source, a submission's kind, state and reason. One mapping for
every back-office page (the ``label`` template filter); exports keep the stored words.

A value the mapping does not know - an e-mail address, an imported file's name - is shown
as it is; ``"suggestion #12"`` becomes the label of ``suggestion`` and the number.
"""

from flask_babel import lazy_gettext as _l

from refugee_map.domain import accounts as account_rules
from refugee_map.domain import freshness, submissions
from refugee_map.web import forms

SUBMISSION_KIND = {
    "new": _l("Neues Angebot"),
    "change": _l("Änderungsvorschlag"),
    "report": _l("Meldung „veraltet“"),
}
SUBMISSION_STATE = {"open": _l("offen"), "accepted": _l("übernommen"), "rejected": _l("abgelehnt")}
HISTORY_ACTION = {
    "create": _l("angelegt"),
    "edit": _l("bearbeitet"),
    "status": _l("Status geändert"),
    "verify": _l("als aktuell bestätigt"),
    "delete": _l("gelöscht"),
    "undelete": _l("wiederhergestellt (Löschen rückgängig)"),
    "restore": _l("frühere Fassung wiederhergestellt"),
    "import": _l("importiert"),
    "geocode": _l("anhand der Adresse auf die Karte gesetzt"),
    "translate": _l("Übersetzung geändert"),
    "translate-confirm": _l("Übersetzung als passend zum deutschen Text bestätigt"),
}
# Who made a change when it was not a person signed in with an e-mail address.
AUTHOR = {
    "import": _l("Import"),
    "geocoder": _l("automatische Ortsbestimmung"),
    "demo": _l("Beispieldaten"),
    "provider": _l("Anbieter"),
    "cli": _l("Kommandozeile"),
}
# Where a change came from (besides a file's name).
SOURCE = {
    "admin": _l("Verwaltung"),
    "freshness": _l("Aktualität"),
    freshness.PROVIDER_CONFIRMATION: _l("Bestätigung durch den Anbieter"),
    submissions.SUGGESTION_SOURCE: _l("Vorschlag"),
}

MAPPINGS = {
    "status": forms.STATUS_LABELS,
    "role": account_rules.ROLE_LABELS,
    "kind": SUBMISSION_KIND,
    "state": SUBMISSION_STATE,
    "reason": submissions.REPORT_REASONS,
    "action": HISTORY_ACTION,
    "author": AUTHOR,
    "source": SOURCE,
}


def label(value: str | None, kind: str) -> str:
    """``value`` as staff read it; ``kind`` names the mapping (a key of MAPPINGS)."""
    if not value:
        return "–"
    mapping = MAPPINGS[kind]
    if value in mapping:
        return str(mapping[value])
    word, number_sign, number = value.partition(" #")
    if number_sign and word in mapping:
        return f"{mapping[word]} #{number}"
    return value

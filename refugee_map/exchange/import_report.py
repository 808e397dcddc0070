"""An import plan as lines of text for the command line, in the current language (German
outside a request): errors, then grouped duplicates, then what changes and what is skipped.
"""

from refugee_map.domain.messages import gettext as _
from refugee_map.domain.messages import ngettext
from refugee_map.exchange.importer import Plan, PlannedOffer

MAX_SHOWN_DUPLICATES = 50  # groups


def errors(plan: Plan) -> list[str]:
    return [str(error) for error in plan.errors]


def refusal(plan: Plan) -> str:
    bad = len({error.label for error in plan.errors})
    return ngettext(
        "%(num)d fehlerhafte Zeile in %(name)s; nichts wurde importiert.",
        "%(num)d fehlerhafte Zeilen in %(name)s; nichts wurde importiert.",
        bad, name=plan.source,
    )  # fmt: skip


def duplicates(plan: Plan) -> list[str]:
    """One line per group of rows and offers that look alike."""
    groups = plan.duplicate_groups
    lines = [_("Mögliche Doppelung: %(group)s", group=group) for group in groups]
    hidden = len(groups) - MAX_SHOWN_DUPLICATES
    if hidden > 0:
        lines[MAX_SHOWN_DUPLICATES:] = [
            ngettext("… und %(num)d weitere Gruppe möglicher Doppelungen",
                     "… und %(num)d weitere Gruppen möglicher Doppelungen", hidden)
        ]  # fmt: skip
    return lines


def conflicts(plan: Plan, *, done: bool) -> list[str]:
    """Each conflict with its reasons and field changes; the command line skips them all
    (``done``: it writes the rest, else it is a dry run and they would be skipped)."""
    lines = []
    for item in plan.conflicts:
        if done:
            line = _("%(label)s: Konflikt mit Angebot %(id)d, übersprungen:",
                     label=item.label, id=item.existing_id)  # fmt: skip
        else:
            line = _("%(label)s: Konflikt mit Angebot %(id)d, wird übersprungen:",
                     label=item.label, id=item.existing_id)  # fmt: skip
        lines.append(line)
        lines += [f"  {reason}" for reason in item.conflict.reasons()]
        lines += _diff(item)
    if plan.conflicts:
        lines.append(_("Konflikte lassen sich im Backoffice unter „Import“ einzeln übernehmen."))
    return lines


def changes(plan: Plan) -> list[str]:
    """Each create and each update with its field changes (for a dry run)."""
    lines = []
    for item in plan.to_write():
        if item.action == "create":
            lines.append(
                _("%(label)s: neu „%(title)s“", label=item.label, title=item.offer["title"])
            )
        else:
            lines.append(
                _("%(label)s: Angebot %(id)d ändern", label=item.label, id=item.existing_id)
            )
            lines += _diff(item)
    return lines


def _diff(item: PlannedOffer) -> list[str]:
    return [
        _("  %(field)s: Datei „%(file)s“, jetzt „%(now)s“", field=change.field,
          file=change.shown_in_file, now=change.shown_now)
        for change in item.changes
    ]  # fmt: skip

"""Changing checklists: tick, untick, add, remove, carry over; the kick-off list too.

Each change holds the workspace lock, reads the list's file once (or starts a period's from
its template), edits its document and validates and writes the new text once (store.py).
`period` None means the kick-off list (`--scope kickoff`).
"""

from __future__ import annotations

from datetime import date

from ccos.capabilities.checklists import rules, store
from ccos.capabilities.checklists.model import Checklist, ChecklistItem
from ccos.capabilities.checklists.results import Carried, ChecklistView, ItemChange, KickoffView
from ccos.capabilities.checklists.showing import checklist_view, kickoff_view, view
from ccos.dates import Period, PeriodKind
from ccos.storage.workspace import Workspace


def _saved(workspace: Workspace, period: Period, record: Checklist) -> ChecklistView:
    return checklist_view(workspace, period, record.items, saved=True)


def set_done(workspace: Workspace, period: Period | None, ref: str, done: bool, today: date) -> ItemChange:
    with workspace.locked("checklist check" if done else "checklist uncheck"):
        if period is None:
            kickoff = store.open_kickoff(workspace)
            index = rules.find_item(kickoff.record.items, ref, None)
            store.mark(kickoff, index, done, today)
            saved = store.save_kickoff(workspace, kickoff)
            shown: ChecklistView | KickoffView = kickoff_view(workspace, saved, today)
            return ItemChange(number=index + 1, item=saved.items[index], checklist=shown)
        draft = store.open_draft(workspace, period)
        index = rules.find_item(draft.record.items, ref, period)
        store.mark(draft, index, done, today)
        record = store.save(workspace, draft)
    return ItemChange(number=index + 1, item=record.items[index], checklist=_saved(workspace, period, record))


def add_item(
    workspace: Workspace,
    period: Period | None,
    text: str,
    minutes: int | None,
    stream: str,
    for_ref: str | None = None,
    today: date | None = None,
) -> ItemChange:
    """Add an item; `for_ref` links it to the piece, event or mentee it is about (links.py)."""
    text, checked = rules.check_new_item(text, minutes, stream)
    with workspace.locked("checklist add"):
        link = None
        if for_ref is not None:
            from ccos.capabilities.checklists.links import resolve_for

            link = resolve_for(workspace, for_ref)
        default = workspace.config().estimates.checklist_item_minutes
        fields: dict[str, object] = {"text": text, "minutes": default if minutes is None else minutes}
        fields["stream"] = checked
        if link is not None:
            fields["about"] = link.about
            fields["for"] = link.name
        item = ChecklistItem.model_validate(fields)
        if period is None:
            kickoff = store.open_kickoff(workspace)
            store.append_item(kickoff, item)
            saved = store.save_kickoff(workspace, kickoff)
            shown = kickoff_view(workspace, saved, today or saved.started)
            return ItemChange(number=len(saved.items), item=saved.items[-1], checklist=shown)
        draft = store.open_draft(workspace, period)
        store.append_item(draft, item)
        record = store.save(workspace, draft)
    return ItemChange(number=len(record.items), item=record.items[-1], checklist=_saved(workspace, period, record))


def remove_item(workspace: Workspace, period: Period | None, ref: str, today: date | None = None) -> ItemChange:
    with workspace.locked("checklist remove"):
        if period is None:
            kickoff = store.open_kickoff(workspace)
            index = rules.find_item(kickoff.record.items, ref, None)
            removed = kickoff.record.items[index]
            store.remove_item(kickoff, index)
            saved = store.save_kickoff(workspace, kickoff)
            shown = kickoff_view(workspace, saved, today or saved.started)
            return ItemChange(number=index + 1, item=removed, checklist=shown)
        draft = store.open_draft(workspace, period)
        index = rules.find_item(draft.record.items, ref, period)
        removed = draft.record.items[index]
        store.remove_item(draft, index)
        record = store.save(workspace, draft)
    return ItemChange(number=index + 1, item=removed, checklist=_saved(workspace, period, record))


def carry(workspace: Workspace, scope: PeriodKind, today: date) -> Carried:
    """Copy last period's unfinished items into this one (once: no duplicates on a rerun)."""
    current = Period.containing(scope, today)
    previous = current.shift(-1)
    with workspace.locked("checklist carry"):
        old = view(workspace, previous, today)
        draft = store.open_draft(workspace, current)
        carried = rules.carry_over(old.items, draft.record.items, previous.id)
        reason = rules.carry_reason(old.items, old.saved, len(carried))
        if not carried:  # nothing written: the list as it stands (its template while it has no file)
            shown = checklist_view(workspace, current, draft.record.items, draft.exists)
            return Carried((), shown, reason, previous.id, old.done, old.total)
        for item in carried:
            store.append_item(draft, item)
        record = store.save(workspace, draft)
    return Carried(tuple(carried), _saved(workspace, current, record), reason, previous.id, old.done, old.total)

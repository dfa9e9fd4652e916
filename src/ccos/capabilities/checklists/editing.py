"""Changing checklists: tick, untick, add, remove, carry over.

Each change holds the workspace lock, reads the period's file once (or starts it from the
template), edits its document and validates and writes the new text once (store.py).
"""

from __future__ import annotations

from datetime import date

from ccos.capabilities.checklists import rules, store
from ccos.capabilities.checklists.model import Checklist, ChecklistItem
from ccos.capabilities.checklists.results import Carried, ChecklistView, ItemChange
from ccos.capabilities.checklists.showing import checklist_view, view
from ccos.dates import Period, PeriodKind
from ccos.storage.workspace import Workspace


def _saved(workspace: Workspace, period: Period, record: Checklist) -> ChecklistView:
    return checklist_view(workspace, period, record.items, saved=True)


def set_done(workspace: Workspace, period: Period, ref: str, done: bool, today: date) -> ItemChange:
    with workspace.locked("checklist check" if done else "checklist uncheck"):
        draft = store.open_draft(workspace, period)
        index = rules.find_item(draft.record.items, ref, period)
        store.mark(draft, index, done, today)
        record = store.save(workspace, draft)
    return ItemChange(number=index + 1, item=record.items[index], checklist=_saved(workspace, period, record))


def add_item(workspace: Workspace, period: Period, text: str, minutes: int | None, stream: str) -> ItemChange:
    text, checked = rules.check_new_item(text, minutes, stream)
    with workspace.locked("checklist add"):
        draft = store.open_draft(workspace, period)
        default = workspace.config().estimates.checklist_item_minutes
        store.append_item(
            draft, ChecklistItem(text=text, minutes=default if minutes is None else minutes, stream=checked)
        )
        record = store.save(workspace, draft)
    return ItemChange(number=len(record.items), item=record.items[-1], checklist=_saved(workspace, period, record))


def remove_item(workspace: Workspace, period: Period, ref: str) -> ItemChange:
    with workspace.locked("checklist remove"):
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
        if not carried:  # nothing written: the list as it stands (its template while it has no file)
            return Carried(items=(), checklist=checklist_view(workspace, current, draft.record.items, draft.exists))
        for item in carried:
            store.append_item(draft, item)
        record = store.save(workspace, draft)
    return Carried(items=tuple(carried), checklist=_saved(workspace, current, record))

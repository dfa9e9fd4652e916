"""Showing checklists: one period's list, or this week's, month's and quarter's.

A period's list is its file when there is one; until then a current or future period
shows its template, and a past period has no list. Reading never writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ccos.capabilities.checklists import rules, store
from ccos.capabilities.checklists.results import ChecklistView
from ccos.dates import PERIOD_KINDS, Period
from ccos.storage.workspace import Workspace

if TYPE_CHECKING:
    from ccos.capabilities.checklists.model import ChecklistItem


def checklist_view(workspace: Workspace, period: Period, items: Sequence[ChecklistItem], saved: bool) -> ChecklistView:
    return ChecklistView(
        scope=period.kind,
        period=period.id,
        start=period.start,
        end=period.end,
        path=workspace.relative(store.checklist_path(workspace, period)),
        saved=saved,
        items=tuple(items),
        done=rules.done_count(items),
        total=len(items),
    )


def view(
    workspace: Workspace, period: Period, today: date, templates: dict[str, tuple[ChecklistItem, ...]] | None = None
) -> ChecklistView:
    """The period's list as it stands today. `templates`: the items of each scope's template
    already read by this command (a plan reads the week's template for every future week)."""
    checklist = store.read(workspace, period)
    if checklist is not None:
        return checklist_view(workspace, period, checklist.items, saved=True)
    if rules.shows_template(period, today):
        if templates is None:
            return checklist_view(workspace, period, store.load_template(workspace, period.kind), saved=False)
        if period.kind not in templates:
            templates[period.kind] = tuple(store.load_template(workspace, period.kind))
        return checklist_view(workspace, period, templates[period.kind], saved=False)
    return checklist_view(workspace, period, (), saved=False)


def current_views(workspace: Workspace, today: date) -> list[ChecklistView]:
    """This week's, month's and quarter's lists."""
    return [view(workspace, Period.containing(kind, today), today) for kind in PERIOD_KINDS]

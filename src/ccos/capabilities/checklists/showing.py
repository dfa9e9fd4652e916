"""Showing checklists: one period's list, or this week's, month's and quarter's.

A period's list is its file when there is one; until then a current or future period
shows its template, and a past period has no list. Reading never writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ccos.capabilities.checklists import rules, store
from ccos.capabilities.checklists.results import ChecklistView, KickoffView
from ccos.dates import PERIOD_KINDS, Period
from ccos.storage.workspace import Workspace

if TYPE_CHECKING:
    from ccos.capabilities.checklists.model import ChecklistItem, ChecklistTemplate, Kickoff


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
    workspace: Workspace, period: Period, today: date, templates: dict[str, ChecklistTemplate] | None = None
) -> ChecklistView:
    """The period's list as it stands today. `templates`: each scope's template already read
    by this command (a plan reads the week's template for every future week)."""
    checklist = store.read(workspace, period)
    if checklist is not None:
        return checklist_view(workspace, period, checklist.items, saved=True)
    if rules.shows_template(period, today):
        if templates is None:
            return checklist_view(workspace, period, store.load_template(workspace, period), saved=False)
        if period.kind not in templates:
            templates[period.kind] = store.read_template(workspace, period.kind)
        return checklist_view(workspace, period, store.fitted(workspace, templates[period.kind], period), saved=False)
    return checklist_view(workspace, period, (), saved=False)


def first_week(kickoff: Kickoff, today: date) -> Period:
    """The week the kick-off list's open items start from: this one (or the start's, if later)."""
    return Period.containing("week", max(today, kickoff.started))


def kickoff_view(workspace: Workspace, kickoff: Kickoff, today: date) -> KickoffView:
    weekly = workspace.config().budget.weekly_hours
    slots = rules.kickoff_schedule(kickoff.items, kickoff.share, weekly, first_week(kickoff, today))
    weeks: list[str | None] = [None] * len(kickoff.items)
    for slot in slots:
        weeks[slot.index] = slot.first.id
    return KickoffView(
        path=store.KICKOFF_FILE,
        started=kickoff.started,
        share=kickoff.share,
        items=tuple(kickoff.items),
        weeks=tuple(weeks),
        done=rules.done_count(kickoff.items),
        total=len(kickoff.items),
        today=today,
    )


def kickoff(workspace: Workspace, today: date) -> KickoffView | None:
    """The kick-off list as it stands today; None when the workspace has none."""
    record = store.read_kickoff(workspace)
    return None if record is None else kickoff_view(workspace, record, today)


def current_views(workspace: Workspace, today: date) -> list[ChecklistView]:
    """This week's, month's and quarter's lists."""
    return [view(workspace, Period.containing(kind, today), today) for kind in PERIOD_KINDS]

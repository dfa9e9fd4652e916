"""The checklists' seam source: every item is a commitment; each list is a progress row.

A period's items spread over the period. The kick-off list's open items follow one another
from the current week on, each week taking at most the list's share of the weekly hours
(rules.kickoff_schedule); a done item counts on the day it was ticked. An item's `about`
(a `--for` link, or a template's kind-level prefix) goes to `Commitment.about`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ccos.capabilities.checklists import rules
from ccos.capabilities.checklists.results import ChecklistView
from ccos.capabilities.checklists.showing import first_week, view
from ccos.dates import PERIOD_KINDS, Period
from ccos.models.plan import Commitment, ProgressRow, Warning
from ccos.planning.seam import SourceContext

if TYPE_CHECKING:
    from ccos.capabilities.checklists.model import ChecklistTemplate, Kickoff


def _view(ctx: SourceContext, period: Period) -> ChecklistView:
    """PERIOD's list, read once per command however many periods the planner asks about."""
    memo: dict[str, ChecklistView] = ctx.memo.setdefault("checklists", {})
    if period.id not in memo:
        templates: dict[str, ChecklistTemplate] = ctx.memo.setdefault("checklist-templates", {})
        memo[period.id] = view(ctx.workspace, period, ctx.today, templates)
    return memo[period.id]


def _views_touching(ctx: SourceContext, period: Period) -> Iterable[ChecklistView]:
    """Every week's, month's and quarter's list that overlaps PERIOD."""
    for kind in PERIOD_KINDS:
        current = Period.containing(kind, period.start)
        while current.start <= period.end:
            yield _view(ctx, current)
            current = current.shift(1)


def _kickoff(ctx: SourceContext) -> Kickoff | None:
    """The kick-off list, read once per command (None when the workspace has none)."""
    from ccos.capabilities.checklists import store

    memo: dict[str, Kickoff | None] = ctx.memo.setdefault("checklist-kickoff", {})
    if "list" not in memo:
        memo["list"] = store.read_kickoff(ctx.workspace)
    return memo["list"]


def _kickoff_commitments(ctx: SourceContext) -> Iterable[Commitment]:
    kickoff = _kickoff(ctx)
    if kickoff is None:
        return
    weekly = ctx.config.budget.weekly_hours
    slots = {
        slot.index: slot
        for slot in rules.kickoff_schedule(kickoff.items, kickoff.share, weekly, first_week(kickoff, ctx.today))
    }
    for index, item in enumerate(kickoff.items):
        number = index + 1
        slot = slots.get(index)
        on_day = item.done_on if item.done and item.done_on else None
        if item.done and on_day is None:
            on_day = kickoff.started  # ticked by hand without a date: it happened, at the start at the latest
        yield Commitment(
            type="checklist",
            id=rules.item_id(rules.KICKOFF, number),
            title=item.text,
            stream=item.stream,
            hours=item.minutes / 60,
            date=on_day,
            start=None if on_day or slot is None else slot.first.start,
            end=None if on_day or slot is None else slot.last.end,
            status="done" if item.done else "open",
            priority=rules.KICKOFF_PRIORITY,
            ref=rules.item_ref(rules.KICKOFF, number),
            about=item.about,
        )


class ChecklistSource:
    name = "checklists"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        yield from _kickoff_commitments(ctx)
        for checklist in _views_touching(ctx, period):
            for number, item in enumerate(checklist.items, start=1):
                # Work that is done happened on the day it was ticked; open work spreads over the period.
                on_day = item.done_on if item.done and item.done_on else None
                yield Commitment(
                    type="checklist",
                    id=rules.item_id(checklist.period, number),
                    title=item.text,
                    stream=item.stream,
                    hours=item.minutes / 60,
                    date=on_day,
                    start=None if on_day else checklist.start,
                    end=None if on_day else checklist.end,
                    status=rules.item_status(item, checklist.end, ctx.today),
                    priority=rules.PRIORITY[checklist.scope],
                    ref=rules.item_ref(checklist.scope, number),
                    about=item.about,
                )

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        return ()

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        checklist = _view(ctx, period)
        if not checklist.items:
            return
        from ccos.i18n import tr
        from ccos.words import plural

        labels = {
            "week": tr("weekly checklist"),
            "month": tr("monthly checklist"),
            "quarter": tr("quarterly checklist"),
        }
        yield ProgressRow(
            source=self.name,
            key=f"checklist_{period.kind}",
            label=labels[period.kind],
            period=period.kind,
            actual=checklist.done,
            target=checklist.total,
            unit=plural(checklist.total, "item", "items"),
            state="ok" if checklist.done >= checklist.total else "behind",
        )

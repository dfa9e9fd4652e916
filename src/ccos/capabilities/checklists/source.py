"""The checklists' seam source: every item is a commitment; each list is a progress row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ccos.capabilities.checklists import rules
from ccos.capabilities.checklists.results import ChecklistView
from ccos.capabilities.checklists.showing import view
from ccos.dates import PERIOD_KINDS, Period
from ccos.models.plan import Commitment, ProgressRow, Warning
from ccos.planning.seam import SourceContext

if TYPE_CHECKING:
    from ccos.capabilities.checklists.model import ChecklistItem


def _view(ctx: SourceContext, period: Period) -> ChecklistView:
    """PERIOD's list, read once per command however many periods the planner asks about."""
    memo: dict[str, ChecklistView] = ctx.memo.setdefault("checklists", {})
    if period.id not in memo:
        templates: dict[str, tuple[ChecklistItem, ...]] = ctx.memo.setdefault("checklist-templates", {})
        memo[period.id] = view(ctx.workspace, period, ctx.today, templates)
    return memo[period.id]


def _views_touching(ctx: SourceContext, period: Period) -> Iterable[ChecklistView]:
    """Every week's, month's and quarter's list that overlaps PERIOD."""
    for kind in PERIOD_KINDS:
        current = Period.containing(kind, period.start)
        while current.start <= period.end:
            yield _view(ctx, current)
            current = current.shift(1)


class ChecklistSource:
    name = "checklists"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
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
                )

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        return ()

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        checklist = _view(ctx, period)
        if not checklist.items:
            return
        yield ProgressRow(
            source=self.name,
            key=f"checklist_{period.kind}",
            label=f"{period.kind}ly checklist",
            period=period.kind,
            actual=checklist.done,
            target=checklist.total,
            unit="items",
            state="ok" if checklist.done >= checklist.total else "behind",
        )

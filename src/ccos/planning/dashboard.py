"""`ccos status`: every source's progress for this week, month and quarter, its standing
rows, the week's budget gauge, the load of the last 8 weeks and the next 4 (as planned)
and every warning, through the same seam as the planner.

The guide's roles (§5) switch on the targets of the capability that owns them: a row is
shown when its source's capability has no role (checklists, check-ins) or a role the
person takes (`profile.roles`); the role is the capability's, from the registry.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ccos.dates import PERIOD_KINDS, Period
from ccos.models.plan import PeriodInfo, ProgressRow, Warning
from ccos.models.status import PeriodStatus, Status
from ccos.planning.history import last_weeks, next_weeks, week_loads
from ccos.planning.planner import dedupe
from ccos.planning.seam import Source, SourceContext, role_of, standing_of

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

LOAD_WEEKS = 8
AHEAD_WEEKS = 4  # drawn as planned after the load line's last 8 weeks
BUDGET_WARNINGS = ("over_budget", "near_budget")


def standing_rows(ctx: SourceContext, source: Source) -> list[ProgressRow]:
    """A source's standing rows (its `standing(ctx)`, asked once), as the dashboard shows
    them: under `now`, the period the dashboard gives them (a source gives them none)."""
    standing = standing_of(source)
    if standing is None:
        return []
    return [replace(row, period="now") for row in standing(ctx)]


def build_status(workspace: Workspace, today: date) -> Status:
    return status_of(SourceContext.of(workspace, today))


def status_of(ctx: SourceContext) -> Status:
    """The dashboard of `ctx.today`: each source's progress rows for the periods they are of,
    its standing rows once."""
    config = ctx.config
    today = ctx.today
    roles: set[str] = set(config.profile.roles)
    shown = [source for source in ctx.sources if (role := role_of(source)) is None or role in roles]
    periods = [Period.containing(kind, today) for kind in PERIOD_KINDS]
    warnings: list[Warning] = []
    for period in periods:
        plan = ctx.plan(period)
        keep = period.kind == "week"  # the budget warnings are the week's
        warnings.extend(w for w in plan.warnings if keep or w.code not in BUDGET_WARNINGS)
    rows: dict[Period, list[ProgressRow]] = {period: [] for period in periods}
    now: list[ProgressRow] = []
    for source in ctx.sources:
        given = {period: list(source.progress(ctx, period)) for period in periods}
        standing = standing_rows(ctx, source)
        if source not in shown:
            continue
        for period in periods:
            rows[period].extend(given[period])
        now.extend(standing)
    week_plan = ctx.plan(periods[0])
    return Status(
        today=today,
        name=config.profile.name,
        budget=week_plan.budget,
        periods=[
            PeriodStatus(period=PeriodInfo(kind=p.kind, id=p.id, start=p.start, end=p.end), rows=rows[p])
            for p in periods
        ],
        now=now,
        load=week_loads(ctx, last_weeks(today, LOAD_WEEKS)),
        warnings=dedupe(warnings),
        ahead=week_loads(ctx, next_weeks(today, AHEAD_WEEKS)),
    )

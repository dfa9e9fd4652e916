"""Load per week and activity per day, from the same seam as the planner.

Commitments are gathered once per quarter (and kept in the context's memo for the rest
of the command) and then allocated to each week or day, rather than asking every source
again for every week. A week's load is judged by the planner's rule (`budget_state` on
the hours planned, against `available_hours`), so the dashboard's load bars, the burnout
rule's run of over-budget weeks and `ccos plan week` agree about a week.
A week that starts after today is marked `future`: its hours are only a plan, drawn as
such and never counted among the weeks over budget so far.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ccos.dates import Period
from ccos.models.plan import Commitment
from ccos.models.report import DayActivity, WeekLoad, YearReport
from ccos.planning.budget import available_hours, budget_state
from ccos.planning.planner import hours_in_period
from ccos.planning.seam import SourceContext

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def _quarter_commitments(ctx: SourceContext, quarter: Period) -> list[Commitment]:
    memo: dict[Period, list[Commitment]] = ctx.memo.setdefault("planning:commitments", {})
    if quarter not in memo:
        memo[quarter] = [c for source in ctx.sources for c in source.commitments(ctx, quarter)]
    return memo[quarter]


def commitments_between(ctx: SourceContext, start: date, end: date) -> list[Commitment]:
    """Every commitment of the quarters that [start, end] touches, once each (by id)."""
    seen: dict[str, Commitment] = {}
    quarter = Period.containing("quarter", start)
    while quarter.start <= end:
        for commitment in _quarter_commitments(ctx, quarter):
            seen.setdefault(commitment.id, commitment)
        quarter = quarter.shift(1)
    return list(seen.values())


def week_loads(ctx: SourceContext, weeks: list[Period]) -> list[WeekLoad]:
    if not weeks:
        return []
    commitments = commitments_between(ctx, weeks[0].start, weeks[-1].end)
    warn_ratio = ctx.config.budget.warn_ratio
    loads = []
    for week in weeks:
        planned = sum(hours_in_period(c, week) for c in commitments)
        available = available_hours(ctx, week)
        loads.append(
            WeekLoad(
                week=week.id,
                start=week.start,
                planned_hours=round(planned, 2),
                budget_hours=available,
                state=budget_state(planned, available, warn_ratio),
                future=week.start > ctx.today,
            )
        )
    return loads


def last_weeks(today: date, count: int) -> list[Period]:
    return weeks_until(Period.containing("week", today), count)


def next_weeks(today: date, count: int) -> list[Period]:
    """The `count` weeks after the one holding `today`, soonest first."""
    week = Period.containing("week", today)
    return [week.shift(offset) for offset in range(1, count + 1)]


def weeks_until(week: Period, count: int) -> list[Period]:
    """The `count` weeks ending with `week`, oldest first."""
    return [week.shift(-offset) for offset in range(count - 1, -1, -1)]


def year_report(workspace: Workspace, today: date, year: int) -> YearReport:
    ctx = SourceContext.of(workspace, today)
    first, last = date(year, 1, 1), date(year, 12, 31)
    commitments = commitments_between(ctx, first, last)
    by_day: dict[date, list[float]] = {}
    for commitment in commitments:
        if commitment.status == "done" and commitment.date is not None and first <= commitment.date <= last:
            by_day.setdefault(commitment.date, []).append(commitment.hours)
    days = []
    day = first
    while day <= last:
        spent = by_day.get(day, [])
        days.append(DayActivity(date=day, hours=round(sum(spent), 2), count=len(spent)))
        day += timedelta(days=1)
    weeks = []  # the ISO weeks of the year (52 or 53)
    week = Period.containing("week", date(year, 1, 4))
    while week.id.startswith(f"{year}-W"):
        weeks.append(week)
        week = week.shift(1)
    loads = week_loads(ctx, weeks)
    return YearReport(
        year=year,
        today=today,
        days=days,
        weeks=loads,
        total_hours=round(sum(d.hours for d in days), 2),
        active_days=sum(1 for d in days if d.count),
        over_budget_weeks=sum(1 for w in loads if w.state == "over" and not w.future),
        planned_over_weeks=sum(1 for w in loads if w.state == "over" and w.future),
    )

"""Load per week and activity per day, from the same seam as the planner.

Commitments are gathered once for a whole span (quarter by quarter) and then allocated to
each week or day, rather than asking every source again for every week.
"""

from __future__ import annotations

from datetime import date, timedelta

from ccos.dates import Period
from ccos.models.plan import Commitment
from ccos.models.report import DayActivity, WeekLoad, YearReport
from ccos.services.budget import budget_state, period_budget
from ccos.services.planning import hours_in_period
from ccos.services.sources import Source, SourceContext, load_sources
from ccos.storage.workspace import Workspace


def commitments_between(ctx: SourceContext, start: date, end: date, sources: list[Source]) -> list[Commitment]:
    seen: dict[str, Commitment] = {}
    quarter = Period.containing("quarter", start)
    while quarter.start <= end:
        for source in sources:
            for commitment in source.commitments(ctx, quarter):
                seen.setdefault(commitment.id, commitment)
        quarter = quarter.shift(1)
    return list(seen.values())


def week_loads(ctx: SourceContext, weeks: list[Period], sources: list[Source] | None = None) -> list[WeekLoad]:
    if not weeks:
        return []
    sources = load_sources() if sources is None else sources
    commitments = commitments_between(ctx, weeks[0].start, weeks[-1].end, sources)
    budget = ctx.config.budget
    loads = []
    for week in weeks:
        planned = round(sum(hours_in_period(c, week) for c in commitments), 2)
        available = period_budget(budget.weekly_hours, week)
        loads.append(
            WeekLoad(
                week=week.id,
                start=week.start,
                planned_hours=planned,
                budget_hours=available,
                state=budget_state(planned, available, budget.warn_ratio),
            )
        )
    return loads


def last_weeks(today: date, count: int) -> list[Period]:
    current = Period.containing("week", today)
    return [current.shift(-offset) for offset in range(count - 1, -1, -1)]


def year_report(workspace: Workspace, today: date, year: int) -> YearReport:
    ctx = SourceContext(workspace=workspace, config=workspace.config(), today=today)
    sources = load_sources()
    first, last = date(year, 1, 1), date(year, 12, 31)
    commitments = commitments_between(ctx, first, last, sources)
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
    loads = week_loads(ctx, weeks, sources)
    return YearReport(
        year=year,
        today=today,
        days=days,
        weeks=loads,
        total_hours=round(sum(d.hours for d in days), 2),
        active_days=sum(1 for d in days if d.count),
        over_budget_weeks=sum(1 for w in loads if w.state == "over" and w.start <= today),
    )

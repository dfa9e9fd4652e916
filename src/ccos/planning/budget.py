"""The time budget: a period's hours follow from the weekly budget, day by day.

Each day of a period gets a seventh of the weekly hours, times the day's factor: the
lowest `budget_factor(ctx, day)` any source gives (1.0 when none says otherwise; a factor
only ever takes time away, so it is kept between 0 and 1). `available_hours` is the one
way the planner, the dashboard and the history read a budget.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import TYPE_CHECKING, cast

from ccos.dates import Period
from ccos.models.plan import BudgetState
from ccos.planning.seam import BudgetFactor, SourceContext, budget_factor_of

if TYPE_CHECKING:
    from ccos.models.config import Stream

_MEMO = "planning:budget_factor"


def period_budget(weekly_hours: float, period: Period, days: float | None = None) -> float:
    """A week gets the weekly hours; a month or quarter gets them per day (31 days = 4.43 w).

    `days`: how many of the period's days the budget counts (each day times its factor);
    all of them when not given.
    """
    counted = period.days if days is None else days
    if period.kind == "week" and counted == period.days:
        return weekly_hours
    return round(weekly_hours * counted / 7, 2)


def budget_state(planned: float, available: float, warn_ratio: float) -> BudgetState:
    if planned > available + 1e-9:
        return "over"
    if available > 0 and planned >= warn_ratio * available - 1e-9 and planned > 0:
        return "near"
    if available == 0 and planned > 0:
        return "over"
    return "ok"


def _factor_sources(ctx: SourceContext) -> list[BudgetFactor]:
    memo: dict[str, list[BudgetFactor]] = ctx.memo.setdefault(_MEMO, {})
    if "sources" not in memo:
        memo["sources"] = [ask for source in ctx.sources if (ask := budget_factor_of(source)) is not None]
    return memo["sources"]


def day_factor(ctx: SourceContext, day: date) -> float:
    """How much of `day`'s budget there is: the lowest factor a source gives, within [0, 1]."""
    factor = 1.0
    for ask in _factor_sources(ctx):
        given = float(ask(ctx, day))
        if not math.isnan(given):
            factor = min(factor, given)
    return max(0.0, factor)


def counted_days(ctx: SourceContext, period: Period) -> float:
    """The period's days, each counted by its factor (the days themselves when no source has one)."""
    if not _factor_sources(ctx):
        return period.days
    days: dict[Period, float] = ctx.memo.setdefault(f"{_MEMO}:days", {})
    if period not in days:
        days[period] = sum(day_factor(ctx, period.start + timedelta(days=n)) for n in range(period.days))
    return days[period]


def available_hours(ctx: SourceContext, period: Period, weekly_hours: float | None = None) -> float:
    """The budget of `period`: `weekly_hours` (the workspace's weekly budget unless given, e.g.
    a stream's) spread over its days, each day times its factor."""
    weekly = ctx.config.budget.weekly_hours if weekly_hours is None else weekly_hours
    return period_budget(weekly, period, counted_days(ctx, period))


def stream_budgets(ctx: SourceContext, period: Period) -> dict[Stream, float]:
    """Each stream with a budget of its own (`[budget.streams]`): its hours in `period`."""
    streams: dict[Stream, float] = {}
    for name, hours in ctx.config.budget.streams.as_dict().items():
        streams[cast("Stream", name)] = available_hours(ctx, period, hours)
    return streams

"""The time budget: a period's hours follow from the weekly budget."""

from __future__ import annotations

from ccos.dates import Period
from ccos.models.config import Budget
from ccos.models.plan import BudgetState


def period_budget(weekly_hours: float, period: Period) -> float:
    """A week gets the weekly hours; a month or quarter gets them per day (31 days = 4.43 w)."""
    if period.kind == "week":
        return weekly_hours
    return round(weekly_hours * period.days / 7, 2)


def budget_state(planned: float, available: float, warn_ratio: float) -> BudgetState:
    if planned > available + 1e-9:
        return "over"
    if available > 0 and planned >= warn_ratio * available - 1e-9 and planned > 0:
        return "near"
    if available == 0 and planned > 0:
        return "over"
    return "ok"


def stream_budgets(budget: Budget, period: Period) -> dict[str, float]:
    return {name: period_budget(hours, period) for name, hours in budget.streams.as_dict().items()}

"""What `ccos report year` returns: activity per day and load per week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ccos.models.plan import BudgetState, floats


@dataclass(frozen=True, kw_only=True)
class DayActivity:
    date: dt.date
    hours: float
    count: int

    def __post_init__(self) -> None:
        floats(self, "hours")


@dataclass(frozen=True, kw_only=True)
class WeekLoad:
    week: str
    start: dt.date
    planned_hours: float
    budget_hours: float
    state: BudgetState
    # A week that starts after today: its hours are only planned, so it is drawn as planned
    # (never as over) and not counted among the weeks over budget so far.
    future: bool = False

    def __post_init__(self) -> None:
        floats(self, "planned_hours", "budget_hours")


@dataclass(frozen=True, kw_only=True)
class YearReport:
    year: int
    today: dt.date
    days: list[DayActivity]
    weeks: list[WeekLoad]
    total_hours: float
    active_days: int
    over_budget_weeks: int  # weeks up to this one (not future) over budget
    planned_over_weeks: int = 0  # weeks ahead whose plan is already over budget

    def __post_init__(self) -> None:
        floats(self, "total_hours")

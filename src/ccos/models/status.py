"""What `ccos status` returns: per period, targets against actuals; the week's budget."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ccos.models.plan import BudgetInfo, PeriodInfo, ProgressRow, Warning
from ccos.models.report import WeekLoad


@dataclass(frozen=True, kw_only=True)
class PeriodStatus:
    period: PeriodInfo
    rows: list[ProgressRow]


@dataclass(frozen=True, kw_only=True)
class Status:
    today: date
    name: str
    budget: BudgetInfo
    periods: list[PeriodStatus]
    now: list[ProgressRow] = field(default_factory=list)  # the standing rows (`Source.standing`)
    load: list[WeekLoad] = field(default_factory=list)  # the last weeks, this one last
    warnings: list[Warning]
    ahead: list[WeekLoad] = field(default_factory=list)  # the next weeks, as planned today

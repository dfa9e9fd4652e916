"""What `ccos status` returns: per period, targets against actuals; the week's budget."""

from __future__ import annotations

from datetime import date

from pydantic import ConfigDict, Field

from ccos.models.base import Model
from ccos.models.plan import BudgetInfo, PeriodInfo, ProgressRow, Warning
from ccos.models.report import WeekLoad


class PeriodStatus(Model):
    model_config = ConfigDict(frozen=True)

    period: PeriodInfo
    rows: list[ProgressRow]


class Status(Model):
    model_config = ConfigDict(frozen=True)

    today: date
    name: str
    budget: BudgetInfo
    periods: list[PeriodStatus]
    now: list[ProgressRow] = Field(default_factory=list)
    load: list[WeekLoad] = Field(default_factory=list)
    warnings: list[Warning]

"""What `ccos report year` returns: activity per day and load per week."""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict

from ccos.models.base import Model


class DayActivity(Model):
    model_config = ConfigDict(frozen=True)

    date: dt.date
    hours: float
    count: int


class WeekLoad(Model):
    model_config = ConfigDict(frozen=True)

    week: str
    start: dt.date
    planned_hours: float
    budget_hours: float
    state: str


class YearReport(Model):
    model_config = ConfigDict(frozen=True)

    year: int
    today: dt.date
    days: list[DayActivity]
    weeks: list[WeekLoad]
    total_hours: float
    active_days: int
    over_budget_weeks: int

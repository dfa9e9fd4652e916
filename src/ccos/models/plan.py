"""What the planner and the dashboard return: the seam's currency.

Every capability (checklists, sharing, mentoring, events) speaks to `plan` and `status`
only in these types: it yields `Commitment`s, `Warning`s and `ProgressRow`s for a period.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from ccos.models.base import Model
from ccos.models.config import Stream

BudgetState = Literal["ok", "near", "over"]


class _Result(Model):
    model_config = ConfigDict(frozen=True)


class Commitment(_Result):
    """One thing that costs time. Either on a `date`, or spread over [`start`, `end`]."""

    type: str  # checklist, sharing, session, event, event_task, ...
    id: str
    title: str
    stream: Stream = "other"
    hours: float = Field(ge=0)
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: str = "open"  # open, done, overdue, planned, ...
    fixed: bool = False  # a session or an event: kept before flexible work when over budget
    priority: int = 0  # higher is kept first among equals
    ref: str | None = None  # how to name it on the command line


class PlanItem(_Result):
    type: str
    id: str
    title: str
    date: dt.date | None
    hours: float
    status: str
    stream: Stream
    fits: bool = True
    ref: str | None = None


class PeriodInfo(_Result):
    kind: str
    id: str
    start: dt.date
    end: dt.date


class StreamLoad(_Result):
    stream: Stream
    hours: float
    planned_hours: float
    state: BudgetState


class BudgetInfo(_Result):
    hours: float
    planned_hours: float
    state: BudgetState
    ratio: float
    streams: list[StreamLoad] = Field(default_factory=list)


class Warning(_Result):
    code: str
    message: str
    subject: str | None = None  # the id of the thing it is about, when there is one


class Plan(_Result):
    period: PeriodInfo
    today: dt.date
    budget: BudgetInfo
    items: list[PlanItem]
    deferred: list[PlanItem]
    warnings: list[Warning]


class ProgressRow(_Result):
    """A target against its actual, for one period of the dashboard."""

    source: str
    key: str
    label: str
    period: str  # week, month, quarter, now
    actual: float
    target: float | None = None
    unit: str = ""
    state: Literal["ok", "behind", "over", "info"] = "info"
    detail: str | None = None

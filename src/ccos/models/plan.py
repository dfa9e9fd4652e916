"""What the planner and the dashboard return: the seam's currency, as plain data.

Every capability speaks to `plan` and `status` only in these types: its source yields
`Commitment`s, `Warning`s and `ProgressRow`s (ccos/planning/seam.py). They are frozen
dataclasses (no pydantic: nothing here comes from a file or from the user); `--json`
prints their fields in declaration order (render/json_out.py), so the order of the
fields below is the order of the keys in the JSON contract.

Keyword construction only (as with the pydantic models they were): `kw_only` lets a
field without a default (`Commitment.hours`) follow fields with one. Numbers are stored
as the field says: an `int` given for a `float` field is kept as a
float (`1` prints as `1.0` in `--json`, as it always has).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ccos.models.config import Stream

BudgetState = Literal["ok", "near", "over"]
# What a commitment is: the types the capabilities' sources yield.
CommitmentType = Literal["checklist", "sharing", "session", "event", "event_task", "stage_task"]
# Where it stands: `due`/`overdue` are sessions the cadence asks for; `planned` is dated and not held yet;
# `unrecorded`: its day has passed and nobody said whether it happened (an event occurrence): it is
# neither done nor planned, and a past period does not count it.
CommitmentStatus = Literal["open", "planned", "due", "overdue", "done", "unrecorded"]
# The stable warning codes (shared/docs/cli-contract.md): `ccos.registry.warning_codes()`, in its
# order (the workspace's, then each capability's); tests/unit/test_planner.py keeps the two equal.
WarningCode = Literal[
    "over_budget",
    "near_budget",
    "stream_over_budget",
    "no_update_this_week",
    "no_deep_content_this_month",
    "personal_mix_off",
    "sharing_overdue",
    "too_many_mentees",
    "mentee_overdue",
    "no_event_this_quarter",
    "event_task_overdue",
    "stage_task_overdue",
    "no_successor",
    "metrics_stale",
    "burnout_risk",
]
ProgressState = Literal["ok", "behind", "over", "info"]
# A progress row's period: the kind of period `Source.progress` was asked about. A standing row
# (`Source.standing`) is tied to none: its source gives it none, the dashboard shows it as `now`.
RowPeriod = Literal["week", "month", "quarter", "now"]


def floats(result: object, *names: str) -> None:
    """Keep `float` fields floats (an int or a bool given is stored as the float it means)."""
    for name in names:
        value = getattr(result, name)
        if value is not None and type(value) is not float:
            object.__setattr__(result, name, float(value))


def _hours(result: object, *names: str) -> None:
    floats(result, *names)
    for name in names:
        value = getattr(result, name)
        if math.isnan(value) or value < 0:
            raise ValueError(f"{type(result).__name__}.{name} must be 0 or more, not {value!r}")


@dataclass(frozen=True, kw_only=True)
class Commitment:
    """One thing that costs time. Either on a `date`, or spread over [`start`, `end`]."""

    type: CommitmentType
    id: str
    title: str
    stream: Stream = "other"
    hours: float
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: CommitmentStatus = "open"
    fixed: bool = False  # a session or an event: kept before flexible work when over budget
    priority: int = 0  # higher is kept first among equals
    ref: str | None = None  # how to name it on the command line
    # What this commitment is about, when another commitment is the real thing: a commitment
    # id ("sharing:p1") or an id prefix ("sharing:", "session:m1:", "event:") that any
    # commitment of the same period may match. A checklist item linked with `--for`, or a
    # template item about writing, mentoring or an event: when a match is in the period, the
    # pair counts once, with the real thing's hours (planning/planner.py).
    about: str | None = None
    # The target this commitment keeps met when it is the only one that does, in words
    # ("the only deep piece of 2026-12"): the defer advice protects it unless nothing else can go.
    keeps: str | None = None

    def __post_init__(self) -> None:
        _hours(self, "hours")
        if type(self.priority) is not int:
            object.__setattr__(self, "priority", int(self.priority))


@dataclass(frozen=True, kw_only=True)
class PlanItem:
    type: CommitmentType
    id: str
    title: str
    date: dt.date | None
    hours: float
    status: CommitmentStatus
    stream: Stream
    fits: bool = True
    ref: str | None = None
    # Spread work: the window its hours are spread over (`date` is then its end); None when dated.
    start: dt.date | None = None
    end: dt.date | None = None
    fixed: bool = False  # fixed in time (an event, its tasks, a session at a set time): never deferred
    keeps: str | None = None  # the target only it keeps met: deferred only when nothing else can go
    # Defer advice: the first later week with room for it ("2026-W51"); None when it is not
    # deferred, or when no week of the look-ahead has room.
    defer_to: str | None = None
    # The commitment it is about and counted with (its own hours are then 0 in this period).
    counted_with: str | None = None

    def __post_init__(self) -> None:
        floats(self, "hours")


@dataclass(frozen=True, kw_only=True)
class PeriodInfo:
    kind: str
    id: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True, kw_only=True)
class StreamLoad:
    stream: Stream
    hours: float
    planned_hours: float
    state: BudgetState

    def __post_init__(self) -> None:
        floats(self, "hours", "planned_hours")


@dataclass(frozen=True, kw_only=True)
class BudgetInfo:
    hours: float
    planned_hours: float
    state: BudgetState
    ratio: float
    streams: list[StreamLoad] = field(default_factory=list)

    def __post_init__(self) -> None:
        floats(self, "hours", "planned_hours", "ratio")


@dataclass(frozen=True, kw_only=True)
class Warning:
    code: WarningCode
    message: str
    subject: str | None = None  # the id of the thing it is about, when there is one


@dataclass(frozen=True, kw_only=True)
class Plan:
    period: PeriodInfo
    today: dt.date
    budget: BudgetInfo
    items: list[PlanItem]
    # What to defer to bring the plan within budget: the few biggest, each with `defer_to`.
    deferred: list[PlanItem]
    warnings: list[Warning]
    # A past period (it ended before today) reports what happened: `items` are what was done,
    # on the day it was done, and the budget counts them only; `left_open` is what was not
    # done (not counted), and nothing is deferred.
    past: bool = False
    left_open: list[PlanItem] = field(default_factory=list)
    # The hours nothing can move (fixed in time, or done); `fixed_over`: they alone exceed
    # the budget, so deferring cannot bring the plan within it.
    fixed_hours: float = 0.0
    fixed_over: bool = False

    def __post_init__(self) -> None:
        floats(self, "fixed_hours")


@dataclass(frozen=True, kw_only=True)
class ProgressRow:
    """A target against its actual, for one period of the dashboard; a standing row has no
    period of its own (None) until the dashboard shows it under `now`."""

    source: str
    key: str
    label: str
    period: RowPeriod | None = None
    actual: float
    target: float | None = None
    unit: str = ""
    state: ProgressState = "info"
    detail: str | None = None

    def __post_init__(self) -> None:
        floats(self, "actual", "target")

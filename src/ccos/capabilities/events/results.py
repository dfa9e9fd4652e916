"""What the events services return: results, not files (`--json` prints their fields in order)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ccos.capabilities.events.model import EventFormat, EventKind, EventStatus, Phase, TaskRole

TaskStatus = Literal["done", "open", "overdue", "missed"]


@dataclass(frozen=True)
class TaskView:
    """A task as shown: its number in the file, its date (or window) and state."""

    number: int
    text: str
    phase: Phase
    offset: str
    until: str | None
    date: dt.date
    end: dt.date | None  # the window's last day, when the task has one
    hours: float
    role: TaskRole | None
    each: bool
    occurrence: dt.date  # the occurrence it belongs to
    done: bool
    status: TaskStatus
    ticked_on: dt.date | None = None  # the day it was ticked, when the file says (a done task)


@dataclass(frozen=True)
class HeldView:
    on: dt.date
    attendees: int | None
    expected: int | None
    hours: float | None
    note: str | None


@dataclass(frozen=True)
class EventSummary:
    id: str
    title: str
    kind: EventKind
    format: EventFormat
    playbook: str
    status: EventStatus
    recurring: bool
    repeat: str | None
    repeat_text: str | None
    timezone: str
    start: str  # ISO: the (first) start with its UTC offset, or a date
    next: str | None  # the next occurrence on or after today
    last: str | None  # the last occurrence before today
    hours: float
    expected: int | None
    attendees: int | None
    co_organisers: tuple[str, ...]
    tasks_done: int
    tasks_total: int
    overdue: int
    path: str  # workspace-relative, `/`-separated


@dataclass(frozen=True)
class EventDetail:
    event: EventSummary
    focus: dt.date | None  # the occurrence whose `each` tasks are shown
    tasks: tuple[TaskView, ...]
    upcoming: tuple[str, ...]
    cancelled_on: tuple[dt.date, ...]
    held: tuple[HeldView, ...]
    notes: tuple[str, ...]
    actual_hours: float | None
    workspace_zone: str | None = None  # the workspace's zone: an event's own is shown only when it differs


@dataclass(frozen=True)
class PlaybookInfo:
    name: str
    kind: EventKind
    title: str
    format: EventFormat
    tasks: int
    hours: float
    source: Literal["workspace", "packaged"]
    path: str  # workspace-relative for the workspace's own; the packaged file's full path otherwise

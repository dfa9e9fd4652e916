"""Events (seed 000 §2.3, §5.3): playbooks and one file per event, `events/<id>.toml`.

An event keeps a copy of its playbook's tasks with their state, so a later change to a
playbook template never rewrites an event's history. Times are wall-clock local times in
the event's own `timezone` (copied from the workspace when it was added), so the same
file gives the same dates on every machine.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from typing import Literal, get_args

from pydantic import ConfigDict, Field, field_validator, model_validator

from ccos.capabilities.events.recurrence import check_rrule
from ccos.i18n import tr
from ccos.models.base import Model

EventKind = Literal["meetup", "workshop", "hackathon", "ama", "livestream", "talk", "training", "contest", "summit"]
EventFormat = Literal["online", "offline", "hybrid"]
Phase = Literal["before", "during", "after"]
TaskRole = Literal["speaker", "venue", "promotion", "follow-up"]
EventStatus = Literal["planned", "done", "cancelled"]

EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
FORMATS: tuple[str, ...] = get_args(EventFormat)
PHASES: tuple[str, ...] = get_args(Phase)
ROLES: tuple[str, ...] = get_args(TaskRole)
STATUSES: tuple[str, ...] = get_args(EventStatus)

MAX_OFFSET_DAYS = 366
_OFFSET = re.compile(r"^([+-]?)(\d{1,3})([dw]?)$")


def offset_forms() -> str:
    """The forms of a task offset, in words (in the current language: called when an error is raised)."""
    return tr('0, -21d, +2d or -3w (days or weeks before "-" or after "+" the event day)')


@functools.lru_cache(maxsize=256)
def offset_days(text: str) -> int | None:
    """`-21d` -> -21, `+2d` -> 2, `-3w` -> -21, `0` -> 0; None when out of form."""
    match = _OFFSET.match(text.strip())
    if not match:
        return None
    sign, number, unit = match.groups()
    if not unit and int(number) != 0:
        return None
    days = int(number) * (7 if unit == "w" else 1)
    if days > MAX_OFFSET_DAYS:
        return None
    return -days if sign == "-" else days


def _check_offset(value: str) -> str:
    if offset_days(value) is None:
        raise ValueError(
            tr("offset {value} is out of form; use {forms}, at most {most} days").format(
                value=repr(value), forms=offset_forms(), most=MAX_OFFSET_DAYS
            )
        )
    return value


def _visible(value: str) -> str:
    if not value.strip():
        raise ValueError(tr("the text is empty"))
    return value


class PlaybookTask(Model):
    """One task of a playbook: what to do, when relative to the event, how long."""

    model_config = ConfigDict(extra="allow")

    text: str = Field(min_length=1, max_length=500)
    phase: Phase
    offset: str
    until: str | None = None  # a window: spread from `offset` to `until`
    hours: float = Field(default=0, ge=0, le=1000)
    role: TaskRole | None = None
    each: bool = False  # recurring events: repeat the task for every occurrence
    records: bool = False  # the task `ccos event done` ticks: recording attendance and feedback

    @field_validator("text")
    @classmethod
    def _text_visible(cls, value: str) -> str:
        return _visible(value)

    @field_validator("offset")
    @classmethod
    def _offset_form(cls, value: str) -> str:
        return _check_offset(value)

    @field_validator("until")
    @classmethod
    def _until_form(cls, value: str | None) -> str | None:
        return None if value is None else _check_offset(value)

    @model_validator(mode="after")
    def _consistent(self) -> PlaybookTask:
        days = offset_days(self.offset) or 0
        if self.phase == "before" and days > 0:
            raise ValueError(
                tr("a task before the event needs an offset of 0 or less, not {offset}").format(
                    offset=repr(self.offset)
                )
            )
        if self.phase == "after" and days < 0:
            raise ValueError(
                tr("a task after the event needs an offset of 0 or more, not {offset}").format(offset=repr(self.offset))
            )
        if self.until is not None and (offset_days(self.until) or 0) < days:
            raise ValueError(
                tr("until {until} is before offset {offset}").format(until=repr(self.until), offset=repr(self.offset))
            )
        return self

    @property
    def days(self) -> int:
        return offset_days(self.offset) or 0

    @property
    def until_days(self) -> int | None:
        return None if self.until is None else offset_days(self.until)


class Playbook(Model):
    """`templates/<lang>/playbooks/<name>.toml`, or the workspace's own under templates/playbooks/."""

    model_config = ConfigDict(extra="allow")

    kind: EventKind
    title: str = ""
    format: EventFormat = "offline"
    tasks: list[PlaybookTask] = Field(default_factory=list)


class EventTask(PlaybookTask):
    """A playbook task copied into an event, with its state."""

    done: bool = False
    done_on: date | None = None
    done_for: list[date] = Field(default_factory=list)  # `each` tasks: the occurrences it was done for
    # `each` tasks: the day each occurrence's instance was ticked ({occurrence = tick day}); an
    # occurrence missing here (a file written before ccos kept the day) is dated on its own date.
    ticked_on: dict[date, date] = Field(default_factory=dict)


class Held(Model):
    """What happened at one occurrence of a recurring event."""

    model_config = ConfigDict(extra="allow")

    on: date
    attendees: int | None = Field(default=None, ge=0)
    hours: float | None = Field(default=None, ge=0)
    note: str | None = None


class Event(Model):
    """`events/<id>.toml`."""

    model_config = ConfigDict(extra="allow")

    title: str = Field(min_length=1, max_length=200)
    kind: EventKind
    format: EventFormat = "offline"
    playbook: str = ""
    start: datetime | date  # wall-clock local time in `timezone` (a date alone: no time given)
    fold: Literal[0, 1] = 0  # 1: the second of two equal wall-clock times at a DST fold
    timezone: str
    hours: float = Field(default=0, ge=0, le=1000)  # time on the day (its duration)
    repeat: str | None = None  # RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TH
    repeat_text: str | None = None  # as the person wrote it
    cancelled_on: list[date] = Field(default_factory=list)
    co_organisers: list[str] = Field(default_factory=list)
    expected: int | None = Field(default=None, ge=0)
    attendees: int | None = Field(default=None, ge=0)
    actual_hours: float | None = Field(default=None, ge=0)
    status: EventStatus = "planned"
    notes: list[str] = Field(default_factory=list)
    created: date | None = None
    held: list[Held] = Field(default_factory=list)
    tasks: list[EventTask] = Field(default_factory=list)

    @field_validator("title")
    @classmethod
    def _title_visible(cls, value: str) -> str:
        return _visible(value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                tr("unknown time zone {zone}; use an IANA name such as Asia/Shanghai").format(zone=repr(value))
            ) from None
        return value

    @field_validator("start")
    @classmethod
    def _local(cls, value: datetime | date) -> datetime | date:
        if isinstance(value, datetime) and value.tzinfo is not None:
            raise ValueError(
                tr("start is a local wall-clock time: write it without an offset (the zone is `timezone`)")
            )
        return value

    @field_validator("repeat")
    @classmethod
    def _rrule(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return check_rrule(value)

    @property
    def recurring(self) -> bool:
        return self.repeat is not None

    @property
    def start_date(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def start_time(self) -> tuple[int, int] | None:
        return (self.start.hour, self.start.minute) if isinstance(self.start, datetime) else None

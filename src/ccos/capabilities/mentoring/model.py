"""The files of mentoring (seed 000 §2.2, §4.2, §5.2): what comes from disk and from the user.

`mentees/<id>/mentee.toml` is the profile; `mentees/<id>/sessions/<date>-<HHMM>-<hex>.md`
is one session (TOML front matter + notes), one file each so that two machines logging
sessions for the same mentee never touch the same file. A cadence is the profile's
`cadence` value, parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ccos.dates import add_months
from ccos.i18n import tr
from ccos.models.base import Model

Format = Literal["one-on-one", "group", "async"]
FORMATS: tuple[Format, ...] = ("one-on-one", "group", "async")
MenteeStatus = Literal["active", "paused", "graduated"]
SessionStatus = Literal["held", "planned"]
ActionState = Literal["open", "done"]

CADENCE_FORMS = "2/month, 1/month, N/week (N = 1-7), every 2w, every 10d, every 2m"

_PER = re.compile(r"^(\d{1,2})\s*/\s*(month|week)$")
_EVERY = re.compile(r"^every\s+(\d{1,3})\s*([dwm])$")


@dataclass(frozen=True)
class Cadence:
    """A meeting rule, counted from the last session held: `2/month`, `every 2w`, ..."""

    count: int
    unit: Literal["month", "week", "every-d", "every-w", "every-m"]

    def next_due(self, last: date) -> date:
        """The day the next session is due after one held on `last`."""
        if self.unit == "month":
            # A month is the calendar month from `last` (clamped: Jan 31 -> Feb 28),
            # split evenly between the sessions it should hold.
            span = (add_months(last, 1) - last).days
            return last + timedelta(days=max(1, span // self.count))
        if self.unit == "week":
            return last + timedelta(days=max(1, 7 // self.count))
        if self.unit == "every-d":
            return last + timedelta(days=self.count)
        if self.unit == "every-w":
            return last + timedelta(weeks=self.count)
        return add_months(last, self.count)

    @property
    def per_month(self) -> float:
        """Sessions a month this rule asks for (for the dashboard target)."""
        if self.unit == "month":
            return float(self.count)
        if self.unit == "week":
            return self.count * 52 / 12
        if self.unit == "every-d":
            return 30.44 / self.count
        if self.unit == "every-w":
            return 52 / 12 / self.count
        return 1 / self.count


def parse_cadence(text: str) -> Cadence:
    """`2/month`, `N/week`, `every 2w`, `every 10d`, `every 2m`; ValueError otherwise."""
    value = " ".join(text.strip().lower().split())
    match = _PER.match(value)
    if match:
        count, unit = int(match.group(1)), match.group(2)
        limit = 31 if unit == "month" else 7
        if not 1 <= count <= limit:
            said = (
                tr("{cadence} is out of range (1 to {limit} a month)")
                if unit == "month"
                else tr("{cadence} is out of range (1 to {limit} a week)")
            )
            raise ValueError(said.format(cadence=f"{count}/{unit}", limit=limit))
        return Cadence(count, "month" if unit == "month" else "week")
    match = _EVERY.match(value)
    if match:
        count, unit = int(match.group(1)), match.group(2)
        if count < 1:
            raise ValueError(tr("{cadence} is not a cadence").format(cadence="every 0"))
        return Cadence(count, {"d": "every-d", "w": "every-w", "m": "every-m"}[unit])  # type: ignore[arg-type]
    raise ValueError(tr("unknown cadence {text}").format(text=repr(text)))


def _clean_list(values: list[str]) -> list[str]:
    return [v.strip() for v in values if v.strip()]


class Mentee(Model):
    """`mentees/<id>/mentee.toml`. Unknown keys are kept (the file is the person's)."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(min_length=1, max_length=200)
    format: Format = "one-on-one"
    cadence: str | None = None
    status: MenteeStatus = "active"
    since: date
    goals: list[str] = Field(default_factory=list)
    members: list[str] = Field(default_factory=list)
    contact: str = ""
    session_minutes: int | None = Field(default=None, gt=0, le=24 * 60)
    paused_until: date | None = None
    resumed_on: date | None = None
    graduated_on: date | None = None

    @field_validator("cadence")
    @classmethod
    def _known_cadence(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            parse_cadence(value)
        except ValueError as exc:
            raise ValueError(tr("{problem}; use {forms}").format(problem=exc, forms=CADENCE_FORMS)) from None
        return value

    @field_validator("goals", "members")
    @classmethod
    def _no_blank(cls, value: list[str]) -> list[str]:
        return _clean_list(value)

    @model_validator(mode="after")
    def _format_rules(self) -> Mentee:
        if self.format == "async" and self.cadence:
            raise ValueError(tr("an async mentee has no cadence; remove the cadence key or change the format"))
        if self.format != "group" and self.members:
            raise ValueError(
                tr("members are only for a group; remove the members key or set {setting}").format(
                    setting="format = 'group'"
                )
            )
        return self

    def rule(self) -> Cadence | None:
        return parse_cadence(self.cadence) if self.cadence else None


class ActionItem(Model):
    model_config = ConfigDict(extra="allow")

    text: str = Field(min_length=1)
    state: ActionState = "open"
    closed_on: date | None = None


class Session(Model):
    """The front matter of a session file; the notes are the markdown body."""

    model_config = ConfigDict(extra="allow")

    date: date
    time: str | None = None
    status: SessionStatus = "held"
    minutes: int = Field(gt=0, le=24 * 60)
    topics: list[str] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)

    @field_validator("time")
    @classmethod
    def _clock(cls, value: str | None) -> str | None:
        if value is None:
            return None
        match = re.match(r"^(\d{1,2}):(\d{2})$", value)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise ValueError(tr("use HH:MM on a 24-hour clock, e.g. 19:30"))
        return value

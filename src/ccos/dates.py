"""Dates and periods as the CLI contract spells them.

Why one module: every command accepts the same forms (`today`, `fri`, `+2w`,
`2026-W47`, `next`), so the parsing and the ISO-week arithmetic live here once. Pure: no
clock is read; callers pass `today`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from ccos.errors import InvalidInput

PeriodKind = Literal["week", "month", "quarter"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("week", "month", "quarter")

WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip

DATE_FORMS = "YYYY-MM-DD, today, tomorrow, yesterday, a weekday (mon..sun), +3d, -1w or +2m"
PERIOD_FORMS = {
    "week": "2026-W47, this, next, last, +N, -N or a date",
    "month": "2026-11, this, next, last, +N, -N or a date",
    "quarter": "2026-Q4, this, next, last, +N, -N or a date",
}

_RELATIVE = re.compile(r"^([+-])(\d{1,4})([dwmy])$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK_ID = re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)
_MONTH_ID = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER_ID = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_SHIFT = re.compile(r"^([+-]\d{1,4})$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$")


# Dates ccos accepts on input: far outside them, playbook offsets, recurrence rules and
# period ids overflow (`9999-12-31` plus a follow-up task; year 1 as period id "1-01").
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def _in_range(day: date, option: str, value: str) -> date:
    if not EARLIEST <= day <= LATEST:
        shown = value if len(value) <= 40 else value[:40] + "..."
        from ccos.i18n import tr

        raise InvalidInput(
            tr("invalid value for {option}: {value} is out of range").format(option=option, value=repr(shown)),
            tr("give a date between {first} and {last}").format(first=EARLIEST.isoformat(), last=LATEST.isoformat()),
        )
    return day


def _bad(option: str, value: str, forms: str) -> InvalidInput:
    shown = value if len(value) <= 40 else value[:40] + "..."
    from ccos.i18n import tr

    return InvalidInput(
        tr("invalid value for {option}: {value}").format(option=option, value=repr(shown)),
        tr("use {forms}").format(forms=forms),
    )


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic that clamps to the month's end (Jan 31 + 1m = Feb 28)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def parse_iso_date(text: str) -> date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_date(value: str, today: date, option: str = "date") -> date:
    """Parse a date in any of the contract's forms, relative to `today`."""
    return _in_range(_parse_date(value, today, option), option, value)


def _parse_date(value: str, today: date, option: str) -> date:
    text = value.strip().lower()
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text == "yesterday":
        return today - timedelta(days=1)
    if text in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[text] - today.weekday()) % 7)
    match = _RELATIVE.match(text)
    if match:
        sign = 1 if match.group(1) == "+" else -1
        amount = sign * int(match.group(2))
        unit = match.group(3)
        try:
            if unit == "d":
                return today + timedelta(days=amount)
            if unit == "w":
                return today + timedelta(weeks=amount)
            if unit == "m":
                return add_months(today, amount)
            return add_months(today, 12 * amount)
        except (OverflowError, ValueError):
            raise _bad(option, value, DATE_FORMS) from None
    parsed = parse_iso_date(text)
    if parsed is None:
        raise _bad(option, value, DATE_FORMS)
    return parsed


def parse_datetime(value: str, today: date, option: str = "date") -> tuple[date, tuple[int, int] | None]:
    """A date with an optional wall-clock time: `2026-11-19 19:30`, `fri 19:30`, `today`."""
    text = value.strip()
    match = _DATETIME.match(text)
    if match:
        day = parse_iso_date(match.group(1))
        hour, minute = int(match.group(2)), int(match.group(3))
        if day is None or hour > 23 or minute > 59:
            raise _bad(option, value, "YYYY-MM-DD HH:MM (24-hour clock) or " + DATE_FORMS)
        return day, (hour, minute)
    parts = text.rsplit(" ", 1)
    if len(parts) == 2 and re.match(r"^\d{1,2}:\d{2}$", parts[1]):
        hour, minute = (int(x) for x in parts[1].split(":"))
        if hour > 23 or minute > 59:
            raise _bad(option, value, "YYYY-MM-DD HH:MM (24-hour clock)")
        return parse_date(parts[0], today, option), (hour, minute)
    return parse_date(text, today, option), None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, order=True)
class Period:
    """An ISO week, a calendar month or a quarter; `end` is inclusive."""

    kind: PeriodKind
    start: date
    end: date

    @property
    def id(self) -> str:
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def shift(self, steps: int) -> Period:
        if self.kind == "week":
            return Period.containing("week", self.start + timedelta(weeks=steps))
        months = steps if self.kind == "month" else 3 * steps
        return Period.containing(self.kind, add_months(self.start, months))

    def overlap_days(self, start: date, end: date) -> int:
        """Days of [start, end] (inclusive) that fall inside this period."""
        first = max(start, self.start)
        last = min(end, self.end)
        return max(0, (last - first).days + 1)

    def weeks(self) -> list[Period]:
        """The ISO weeks that touch this period, in order."""
        weeks = []
        current = Period.containing("week", self.start)
        while current.start <= self.end:
            weeks.append(current)
            current = current.shift(1)
        return weeks

    @staticmethod
    def containing(kind: PeriodKind, day: date) -> Period:
        if kind == "week":
            start = week_start(day)
            return Period("week", start, start + timedelta(days=6))
        if kind == "month":
            start = day.replace(day=1)
            return Period("month", start, start.replace(day=days_in_month(day.year, day.month)))
        first_month = (day.month - 1) // 3 * 3 + 1
        start = date(day.year, first_month, 1)
        last_month = first_month + 2
        return Period("quarter", start, date(day.year, last_month, days_in_month(day.year, last_month)))

    @staticmethod
    def from_id(text: str) -> Period | None:
        """`2026-W47`, `2026-11` or `2026-Q4`; None when the text is none of them."""
        text = text.strip()
        match = _WEEK_ID.match(text)
        if match:
            year, week = int(match.group(1)), int(match.group(2))
            try:
                return Period.containing("week", date.fromisocalendar(year, week, 1))
            except ValueError:
                return None
        match = _QUARTER_ID.match(text)
        if match:
            year = int(match.group(1))
            if year < 1:
                return None
            return Period.containing("quarter", date(year, 3 * int(match.group(2)) - 2, 1))
        match = _MONTH_ID.match(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if year < 1 or not 1 <= month <= 12:
                return None
            return Period.containing("month", date(year, month, 1))
        return None

    def __str__(self) -> str:
        return self.id


def parse_period(kind: PeriodKind, spec: str | None, today: date, option: str | None = None) -> Period:
    """Resolve `--week/--month/--quarter SPEC` to a period of that kind."""
    option = option or f"--{kind}"
    current = Period.containing(kind, today)
    if spec is None:
        return current
    period = _parse_period(kind, spec, today, option, current)
    _in_range(period.start, option, spec)
    _in_range(period.end, option, spec)
    return period


def _parse_period(kind: PeriodKind, spec: str, today: date, option: str, current: Period) -> Period:
    text = spec.strip().lower()
    if text in ("", "this", "current"):
        return current
    if text == "next":
        return current.shift(1)
    if text in ("last", "previous", "prev"):
        return current.shift(-1)
    if _SHIFT.match(text):
        try:
            return current.shift(int(text))
        except (OverflowError, ValueError):
            raise _bad(option, spec, PERIOD_FORMS[kind]) from None
    named = Period.from_id(spec)
    if named is not None:
        if named.kind != kind:
            raise _bad(option, spec, PERIOD_FORMS[kind])
        return named
    try:
        day = parse_date(text, today, option)
    except InvalidInput:
        raise _bad(option, spec, PERIOD_FORMS[kind]) from None
    return Period.containing(kind, day)


def parse_today(value: str | None, fallback: date) -> date:
    """`CCOS_TODAY` overrides the clock (what-if planning, tests, demos)."""
    if value is None or value.strip() == "":
        return fallback
    parsed = parse_iso_date(value.strip())
    if parsed is None:
        from ccos.i18n import tr

        raise InvalidInput(
            tr("CCOS_TODAY={value} is not a valid date").format(value=repr(value)),
            tr("set it to YYYY-MM-DD, e.g. 2026-11-18, or unset it"),
        )
    return parsed


def format_minutes(minutes: float) -> str:
    hours, mins = divmod(round(minutes), 60)
    if hours and mins:
        return f"{hours}h{mins:02d}"
    if hours:
        return f"{hours}h"
    return f"{mins}m"


def human_time(hour: int, minute: int) -> str:
    """A time of day as a person writes it: 14:00, 09:30 (no seconds, no UTC offset)."""
    return f"{hour:02d}:{minute:02d}"


def human_day(day: date, today: date | None = None) -> str:
    """A date as a person reads it in a table: "Thu 12-03", with the year only when it is
    not `today`'s ("Thu 2027-01-07")."""
    if today is not None and day.year != today.year:
        return day.strftime("%a %Y-%m-%d")
    return day.strftime("%a %m-%d")


def now_in(timezone: str | None) -> datetime:
    """The wall clock in the workspace time zone (or the machine's)."""
    if timezone:
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo(timezone))
    return datetime.now().astimezone()

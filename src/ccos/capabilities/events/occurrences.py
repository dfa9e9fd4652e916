"""Wall-clock times of events: time zones, daylight-saving gaps and folds, occurrences.

Why wall-clock: a weekly live stream "on Thursday at 20:00" stays at 20:00 local time
across a daylight-saving change, and its dates must not depend on the machine's `TZ`.
Rules are expanded with naive (local) date-times by dateutil's rrule, then placed in the
event's own zone. Pure: nothing here reads the clock, the environment or the disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ccos.capabilities.events.recurrence import build_rule

if TYPE_CHECKING:
    from ccos.capabilities.events.model import Event


# --- zones -------------------------------------------------------------------------------


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def in_gap(naive: datetime, tz: ZoneInfo) -> bool:
    """True when this wall-clock time is skipped by a daylight-saving change."""
    round_trip = naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return round_trip != naive


def is_ambiguous(naive: datetime, tz: ZoneInfo) -> bool:
    """True when this wall-clock time happens twice (a daylight-saving fold)."""
    first = naive.replace(tzinfo=tz, fold=0).utcoffset()
    second = naive.replace(tzinfo=tz, fold=1).utcoffset()
    return first != second and not in_gap(naive, tz)


def nearest_valid(naive: datetime, tz: ZoneInfo, step: int) -> datetime:
    """The first wall-clock time outside a gap, `step` minutes at a time (-1: earlier, 1: later)."""
    candidate = naive
    for _ in range(24 * 60):
        candidate += timedelta(minutes=step)
        if not in_gap(candidate, tz):
            return candidate
    return candidate


def offset_text(delta: timedelta | None) -> str:
    """A UTC offset as written after a time: `+08:00`, `-03:30`."""
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def aware(naive: datetime, fold: int, tz: ZoneInfo) -> datetime:
    """The instant of a wall-clock time. A time in a gap moves forward by the gap (RFC 5545 §3.3.5)."""
    return naive.replace(tzinfo=tz, fold=fold).astimezone(UTC).astimezone(tz)


# --- occurrences -------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    day: date
    local: datetime | None  # wall-clock start; None for an event with a date only
    instant: datetime | None  # the start placed in the event's zone (with its UTC offset)

    def iso(self) -> str:
        return self.instant.isoformat() if self.instant is not None else self.day.isoformat()


class Schedule:
    """An event's occurrences, computed from its rule in wall-clock time in its zone."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.tz = zone(event.timezone)
        self.timed = isinstance(event.start, datetime)
        start = event.start
        self.dtstart = start if isinstance(start, datetime) else datetime.combine(start, time())
        self.cancelled = set(event.cancelled_on)
        self.rule = build_rule(event.repeat, self.dtstart) if event.repeat else None
        self._between: dict[tuple[date, date, bool], list[Occurrence]] = {}
        self._nearest_known: dict[tuple[date, bool], Occurrence | None] = {}

    def _make(self, local: datetime) -> Occurrence:
        if not self.timed:
            return Occurrence(local.date(), None, None)
        fold = self.event.fold if local == self.dtstart else 0
        return Occurrence(local.date(), local, aware(local, fold, self.tz))

    def between(self, first: date, last: date, *, include_cancelled: bool = False) -> list[Occurrence]:
        """Occurrences whose day is in [first, last], cancelled ones left out."""
        if self.event.status == "cancelled" and not include_cancelled:
            return []
        key = (first, last, include_cancelled)
        known = self._between.get(key)
        if known is None:
            known = self._between[key] = self._compute_between(first, last, include_cancelled)
        return list(known)

    def _compute_between(self, first: date, last: date, include_cancelled: bool) -> list[Occurrence]:
        if self.rule is None:
            locals_ = [self.dtstart] if first <= self.dtstart.date() <= last else []
        else:
            if last < first:
                return []
            locals_ = self.rule.between(datetime.combine(first, time()), datetime.combine(last, time.max), inc=True)
        return [self._make(local) for local in locals_ if include_cancelled or local.date() not in self.cancelled]

    def is_occurrence(self, day: date) -> bool:
        return bool(self.between(day, day, include_cancelled=True))

    def next_after(self, day: date) -> Occurrence | None:
        """The first occurrence strictly after `day` (cancelled ones skipped)."""
        return self._nearest(day, forward=True)

    def last_before(self, day: date) -> Occurrence | None:
        """The last occurrence on or before `day` (cancelled ones skipped)."""
        return self._nearest(day, forward=False)

    def _nearest(self, day: date, *, forward: bool) -> Occurrence | None:
        """Memoised: the planner asks each event about the same days for every period."""
        key = (day, forward)
        if key not in self._nearest_known:
            self._nearest_known[key] = self._compute_nearest(day, forward=forward)
        return self._nearest_known[key]

    def _compute_nearest(self, day: date, *, forward: bool) -> Occurrence | None:
        if self.event.status == "cancelled":
            return None
        if self.rule is None:
            start = self.dtstart.date()
            return self._make(self.dtstart) if (start > day if forward else start <= day) else None
        step = self.rule.after if forward else self.rule.before
        cursor = datetime.combine(day, time.max)
        for _ in range(1000):
            found = step(cursor)
            if found is None:
                return None
            if found.date() not in self.cancelled:
                return self._make(found)
            cursor = found
        return None

    def near(self, day: date, count: int = 3) -> list[date]:
        """Occurrence days around `day`, for a hint."""
        span = timedelta(days=62)
        days = [o.day for o in self.between(day - span, day + span, include_cancelled=True)]
        days.sort(key=lambda d: abs((d - day).days))
        return sorted(days[:count])

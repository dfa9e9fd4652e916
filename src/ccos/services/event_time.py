"""Wall-clock times of events: time zones, daylight-saving gaps and folds, recurrence.

Why wall-clock: a weekly live stream "on Thursday at 20:00" stays at 20:00 local time
across a daylight-saving change, and its dates must not depend on the machine's `TZ`.
Rules are expanded with naive (local) date-times by dateutil's rrule, then placed in the
event's own zone. Nothing here reads the clock or the environment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ccos.dates import WEEKDAYS, parse_datetime, parse_iso_date
from ccos.errors import InvalidInput
from ccos.models.event import Event, check_rrule

REPEAT_FORMS = (
    "daily, every 3 days, weekly, weekly on thu at 20:00, every 2 weeks (fortnightly), every 2 weeks on mon and thu, "
    "monthly, monthly on the 2nd sat, monthly on the last fri, monthly on day 15, yearly, "
    "or an RRULE such as FREQ=WEEKLY;BYDAY=TH"
)
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ORDINALS = {
    "1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4,
    "5th": 5, "fifth": 5, "last": -1,
}  # fmt: skip
_AT = re.compile(r"\s+at\s+(\d{1,2}):(\d{2})\s*$")
_OFFSET_SUFFIX = re.compile(r"^(.*\d:\d{2})\s*(?:([+-])(\d{2}):?(\d{2})|(z|utc))$", re.IGNORECASE)
_UNITS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_ADVERBS = {
    "daily": "DAILY", "weekly": "WEEKLY", "fortnightly": "WEEKLY", "monthly": "MONTHLY",
    "yearly": "YEARLY", "annually": "YEARLY",
}  # fmt: skip


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


def _nearest_valid(naive: datetime, tz: ZoneInfo, step: int) -> datetime:
    candidate = naive
    for _ in range(24 * 60):
        candidate += timedelta(minutes=step)
        if not in_gap(candidate, tz):
            return candidate
    return candidate


def _offset_text(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def aware(naive: datetime, fold: int, tz: ZoneInfo) -> datetime:
    """The instant of a wall-clock time. A time in a gap moves forward by the gap (RFC 5545 §3.3.5)."""
    return naive.replace(tzinfo=tz, fold=fold).astimezone(UTC).astimezone(tz)


def local_start(value: str, today: date, zone_name: str, option: str = "--date") -> tuple[datetime | date, int]:
    """`--date`: a date, or a date and time, with an optional UTC offset for a fold.

    Returns the wall-clock value and its fold (1 = the second of two equal times).
    """
    text = value.strip()
    offset: timedelta | None = None
    match = _OFFSET_SUFFIX.match(text)
    if match:
        text = match.group(1)
        if match.group(5):
            offset = timedelta()
        else:
            sign = -1 if match.group(2) == "-" else 1
            offset = sign * timedelta(hours=int(match.group(3)), minutes=int(match.group(4)))
    day, hm = parse_datetime(text, today, option)
    if hm is None:
        if offset is not None:
            raise InvalidInput(f"{option} {value!r}: a UTC offset needs a time", "write e.g. 2026-10-25 02:30+01:00")
        return day, 0
    tz = zone(zone_name)
    naive = datetime.combine(day, time(*hm))
    shown = naive.strftime("%Y-%m-%d %H:%M")
    if in_gap(naive, tz):
        before = _nearest_valid(naive, tz, -1)
        after = _nearest_valid(naive, tz, 1)
        raise InvalidInput(
            f"{option} {shown} does not exist in {zone_name}: the clocks skip it (daylight-saving change)",
            f"the nearest valid times are {before:%Y-%m-%d %H:%M} and {after:%Y-%m-%d %H:%M}",
        )
    offsets = [naive.replace(tzinfo=tz, fold=f).utcoffset() for f in (0, 1)]
    if offsets[0] != offsets[1]:
        if offset is None:
            first, second = (_offset_text(o) for o in offsets)
            raise InvalidInput(
                f"{option} {shown} is ambiguous in {zone_name}: it happens twice "
                f"(UTC{first}, then UTC{second}) when the clocks go back",
                f"add the UTC offset, e.g. {shown}{first} or {shown}{second}, or pick another time",
            )
        if offset not in offsets:
            raise InvalidInput(
                f"{option} {shown}{_offset_text(offset)} does not match {zone_name}",
                f"use {shown}{_offset_text(offsets[0])} or {shown}{_offset_text(offsets[1])}",
            )
        return naive, offsets.index(offset)
    if offset is not None and offset != offsets[0]:
        raise InvalidInput(
            f"{option} {shown}{_offset_text(offset)} does not match {zone_name} (UTC{_offset_text(offsets[0])})",
            f"drop the offset or use {shown}{_offset_text(offsets[0])}",
        )
    return naive, 0


# --- the readable --repeat ---------------------------------------------------------------


@dataclass(frozen=True)
class Repeat:
    rule: str  # RFC 5545 RRULE without the "RRULE:" prefix
    at: tuple[int, int] | None  # "at 20:00"


def _bad_repeat(value: str, why: str = "") -> InvalidInput:
    shown = value if len(value) <= 60 else value[:60] + "..."
    reason = f" ({why})" if why else ""
    return InvalidInput(f"invalid value for --repeat: {shown!r}{reason}", f"use {REPEAT_FORMS}")


def _weekdays(text: str, value: str) -> list[str]:
    days = []
    for word in re.split(r"\s*(?:,|\band\b|&)\s*", text):
        word = word.strip().rstrip("s") if word.strip() not in WEEKDAYS else word.strip()
        if word not in WEEKDAYS:
            raise _bad_repeat(value, f"{word!r} is not a weekday")
        days.append(_RRULE_DAYS[WEEKDAYS[word]])
    return list(dict.fromkeys(days))


def parse_repeat(value: str) -> Repeat:
    """'weekly on thu at 20:00' -> FREQ=WEEKLY;BYDAY=TH at 20:00."""
    text = " ".join(value.strip().split())
    if text.upper().startswith(("FREQ=", "RRULE:")):
        try:
            return Repeat(check_rrule(text), None)
        except ValueError as exc:
            raise _bad_repeat(value, str(exc)) from None
    text = text.lower()
    at: tuple[int, int] | None = None
    match = _AT.search(text)
    if match:
        at = (int(match.group(1)), int(match.group(2)))
        if at[0] > 23 or at[1] > 59:
            raise _bad_repeat(value, "the time is not on a 24-hour clock")
        text = text[: match.start()].strip()
    head, _, on = text.partition(" on ")
    head, on = head.strip(), on.strip()
    interval = 1
    if head in _ADVERBS:
        freq = _ADVERBS[head]
        interval = 2 if head == "fortnightly" else 1
    else:
        match = re.fullmatch(r"every(?:\s+(\d{1,3}|other))?\s+(day|week|month|year)s?", head)
        if not match:
            raise _bad_repeat(value)
        count = match.group(1)
        interval = 2 if count == "other" else int(count or 1)
        if interval < 1:
            raise _bad_repeat(value, "the interval must be 1 or more")
        freq = _UNITS[match.group(2)]
    parts = [f"FREQ={freq}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if on:
        if freq == "WEEKLY":
            parts.append("BYDAY=" + ",".join(_weekdays(on, value)))
        elif freq == "MONTHLY":
            parts.append(_monthly_by(on, value))
        else:
            raise _bad_repeat(value, "'on ...' goes with weekly or monthly")
    return Repeat(";".join(parts), at)


def _monthly_by(on: str, value: str) -> str:
    match = re.fullmatch(r"(?:the\s+)?(1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last)\s+(\w+)", on)
    if match:
        day = match.group(2)
        if day not in WEEKDAYS:
            raise _bad_repeat(value, f"{day!r} is not a weekday")
        return f"BYDAY={_ORDINALS[match.group(1)]:+d}{_RRULE_DAYS[WEEKDAYS[day]]}"
    match = re.fullmatch(r"(?:day\s+(\d{1,2})|(?:the\s+)?(\d{1,2})(?:st|nd|rd|th))", on)
    if match:
        number = int(match.group(1) or match.group(2))
        if not 1 <= number <= 31:
            raise _bad_repeat(value, "a day of the month is 1 to 31")
        return f"BYMONTHDAY={number}"
    raise _bad_repeat(value)


def with_until(rule: str, until: date) -> str:
    parts = [p for p in rule.split(";") if not p.upper().startswith(("UNTIL=", "COUNT="))]
    parts.append(f"UNTIL={until:%Y%m%d}T235959")
    return ";".join(parts)


def rule_until(rule: str) -> date | None:
    for part in rule.upper().split(";"):
        if part.startswith("UNTIL="):
            return parse_iso_date(f"{part[6:10]}-{part[10:12]}-{part[12:14]}")
    return None


def build_rule(rule: str, dtstart: datetime) -> Any:
    from dateutil.rrule import rrulestr

    return rrulestr(rule, dtstart=dtstart)


def first_occurrence(rule: str, dtstart: datetime) -> datetime | None:
    found: datetime | None = build_rule(rule, dtstart).after(dtstart, inc=True)
    return found


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

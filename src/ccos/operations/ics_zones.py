"""VTIMEZONE components in the RRULE form that every client reads the same.

icalendar's `add_missing_timezones()` writes each zone's history as multi-valued `RDATE`
lists; vobject (and Radicale, built on it) keeps only the first value of such a list and
puts every later summer an hour off. Two yearly rules (`RRULE:FREQ=YEARLY;BYMONTH=3;
BYDAY=-1SU`, ...) are read alike by icalendar, vobject, recurring-ical-events, khal and
Radicale. The rule is inferred from the zone's own transitions and checked against every
transition of every year the calendar needs; when the zone's rules changed in that span
(or do not fit a yearly weekday rule) the caller falls back to the library's form.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    """One change of offset: the UTC instant, the offsets before and after, the new name."""

    at: datetime
    before: timedelta
    after: timedelta
    name: str


@dataclass(frozen=True)
class YearlyRule:
    """A transition on the n-th (or last, n = -1) weekday of a month, at a local wall time."""

    month: int
    weekday: int
    nth: int
    local: timedelta  # wall-clock time of day in the offset before the transition

    def day_in(self, year: int) -> int:
        first_weekday, length = _calendar.monthrange(year, self.month)
        first = 1 + (self.weekday - first_weekday) % 7
        if self.nth > 0:
            day = first + 7 * (self.nth - 1)
            return day if day <= length else 0
        return first + 7 * ((length - first) // 7)

    def byday(self) -> str:
        return f"{self.nth}{_DAYS[self.weekday]}"


def _offset(tz: tzinfo, at: datetime) -> tuple[timedelta, str]:
    local = at.astimezone(tz)
    return local.utcoffset() or timedelta(0), local.tzname() or ""


def transitions(tz: tzinfo, first_year: int, last_year: int) -> list[Transition]:
    """Every offset change from first_year through last_year (day steps, then to the second)."""
    found: list[Transition] = []
    at = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    current, _ = _offset(tz, at)
    step = timedelta(hours=12)
    while at < end:
        later = at + step
        offset, name = _offset(tz, later)
        if offset != current:
            low, high = at, later
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _offset(tz, middle)[0] == current:
                    low = middle
                else:
                    high = middle
            high = high.replace(microsecond=0)
            found.append(Transition(high, current, offset, name))
            current = offset
        at = later
    return found


def _rule_for(change: Transition) -> list[YearlyRule]:
    local = change.at + change.before
    length = _calendar.monthrange(local.year, local.month)[1]
    time_of_day = timedelta(hours=local.hour, minutes=local.minute, seconds=local.second)
    nth = (local.day - 1) // 7 + 1
    options = []
    if local.day + 7 > length:
        options.append(YearlyRule(local.month, local.weekday(), -1, time_of_day))
    if nth <= 4:
        options.append(YearlyRule(local.month, local.weekday(), nth, time_of_day))
    return options


def _expected(rule: YearlyRule, year: int, before: timedelta) -> datetime | None:
    day = rule.day_in(year)
    if not day:
        return None
    return datetime(year, rule.month, day, tzinfo=UTC) + rule.local - before


@dataclass(frozen=True)
class ZoneRules:
    """The zone from first_year on: a fixed offset, or two yearly rules."""

    standard: tuple[timedelta, str]
    daylight: tuple[timedelta, str] | None
    to_daylight: YearlyRule | None
    to_standard: YearlyRule | None
    first_year: int


def infer(tz: tzinfo, first_year: int, last_year: int) -> ZoneRules | None:
    """The zone's rules if one fixed offset or one pair of yearly rules explains every
    transition of [first_year, last_year]; None otherwise."""
    changes = transitions(tz, first_year, last_year)
    if not changes:
        offset, name = _offset(tz, datetime(first_year, 1, 1, tzinfo=UTC))
        return ZoneRules((offset, name), None, None, None, first_year)
    last_pair = changes[-2:]
    if len(last_pair) < 2:
        return None
    up = next((c for c in last_pair if c.after > c.before), None)
    down = next((c for c in last_pair if c.after < c.before), None)
    if up is None or down is None:
        return None
    for rule_up in _rule_for(up):
        for rule_down in _rule_for(down):
            expected: list[tuple[datetime, timedelta]] = []
            for year in range(first_year, last_year + 1):
                for rule, before, after in ((rule_up, up.before, up.after), (rule_down, down.before, down.after)):
                    at = _expected(rule, year, before)
                    if at is None:
                        break
                    expected.append((at, after))
            expected.sort()
            if [(c.at, c.after) for c in changes] == expected and all(
                (c.before, c.after) in {(up.before, up.after), (down.before, down.after)} for c in changes
            ):
                return ZoneRules((down.after, down.name), (up.after, up.name), rule_up, rule_down, first_year)
    return None


def _first_local(rule: YearlyRule, year: int) -> datetime:
    day = rule.day_in(year)
    return datetime(year, rule.month, day) + rule.local


def vtimezone(tzid: str, rules: ZoneRules) -> Any:
    """The VTIMEZONE for `rules` (icalendar components, so the library writes the text)."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    component = Timezone()
    component.add("tzid", tzid)
    if rules.daylight is None or rules.to_daylight is None or rules.to_standard is None:
        standard = TimezoneStandard()
        standard.add("dtstart", datetime(rules.first_year, 1, 1))
        standard.add("tzoffsetfrom", rules.standard[0])
        standard.add("tzoffsetto", rules.standard[0])
        if rules.standard[1]:
            standard.add("tzname", rules.standard[1])
        component.add_component(standard)
        return component
    pairs = (
        (TimezoneDaylight(), rules.to_daylight, rules.standard[0], rules.daylight),
        (TimezoneStandard(), rules.to_standard, rules.daylight[0], rules.standard),
    )
    for sub, rule, before, (after, name) in pairs:
        sub.add("dtstart", _first_local(rule, rules.first_year))
        sub.add("tzoffsetfrom", before)
        sub.add("tzoffsetto", after)
        if name:
            sub.add("tzname", name)
        sub.add("rrule", {"freq": "yearly", "bymonth": rule.month, "byday": rule.byday()})
        component.add_component(sub)
    return component

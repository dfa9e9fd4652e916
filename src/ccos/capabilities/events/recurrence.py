"""Recurrence rules (RFC 5545 RRULE) as events keep them: checked, bounded, expanded.

Pure: no disk, no clock. dateutil is imported inside the functions that need it, so a
command that reads no recurring event never pays for it.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime
from typing import Any

from ccos.i18n import tr

ALLOWED_FREQ = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
MAX_RRULE = 500  # characters: every real rule is far shorter
MAX_INTERVAL = 1000  # every 1,000 years at most; and 0 (which dateutil never leaves) refused
MAX_COUNT = 100_000  # occurrences (RFC 5545 and iCalendar writers stop at 2**31 - 1)
_DAY_FILTERS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")


def check_rrule(value: str) -> str:
    """An RFC 5545 RRULE (without `RRULE:`) that dateutil reads, daily at most, UNTIL in local time."""
    from dateutil.rrule import rrulestr

    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if len(text) > MAX_RRULE:
        raise ValueError(tr("the rule is {n} characters long; {most} at most").format(n=len(text), most=MAX_RRULE))
    parts = dict(part.split("=", 1) for part in text.upper().split(";") if "=" in part)
    if parts.get("FREQ") not in ALLOWED_FREQ:
        raise ValueError(
            tr("FREQ must be one of {choices} in {rule}").format(choices=", ".join(ALLOWED_FREQ), rule=repr(text))
        )
    for name, most in (("INTERVAL", MAX_INTERVAL), ("COUNT", MAX_COUNT)):
        # INTERVAL=0 never advances (dateutil then loops forever); RFC 5545 wants 1 or more
        number = parts.get(name)
        if number is not None and not (number.isascii() and number.isdigit() and 1 <= int(number) <= most):
            raise ValueError(
                tr("{name} must be a whole number from 1 to {most}, not {value}").format(
                    name=name, most=most, value=repr(number)
                )
            )
    if parts.get("UNTIL", "").endswith("Z"):
        raise ValueError(
            tr("UNTIL is a local date-time here (no trailing Z), e.g. {example}").format(
                example="UNTIL=20270331T235959"
            )
        )
    try:
        rule = rrulestr(text, dtstart=datetime(2000, 1, 1))
        never = _never(parts)
        if not never:
            list(itertools.islice(iter(rule), 3))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValueError(tr("not an RFC 5545 RRULE ({reason})").format(reason=exc)) from None
    if never:
        raise ValueError(tr("it falls on no day at all: no date matches all of its BY parts"))
    return text


def _never(parts: dict[str, str]) -> bool:
    """True when no day can match the rule's day filters (BYMONTH=2;BYMONTHDAY=30).

    dateutil looks for a first occurrence of such a rule up to the year 9999, one period at a
    time: for FREQ=DAILY that is ten seconds in every command that reads the event. A yearly
    rule with the same filters (weekdays without their position) holds every day the rule
    can fall on, and dateutil walks it in a few thousand steps.
    """
    from dateutil.rrule import rrulestr

    probe = [f"{name}={parts[name]}" for name in _DAY_FILTERS if name in parts]
    if "BYDAY" in parts:
        days = sorted({re.sub(r"^[+-]?\d+", "", day) for day in parts["BYDAY"].split(",")})
        probe.append(f"BYDAY={','.join(days)}")
    if not probe:
        return False
    start = datetime(2000, 1, 1)
    return rrulestr(";".join(["FREQ=YEARLY", *probe]), dtstart=start).after(start, inc=True) is None


def with_until(rule: str, until: date) -> str:
    """The rule ending on `until` (its last second, local time); any COUNT or UNTIL replaced."""
    parts = [p for p in rule.split(";") if not p.upper().startswith(("UNTIL=", "COUNT="))]
    parts.append(f"UNTIL={until:%Y%m%d}T235959")
    return ";".join(parts)


def build_rule(rule: str, dtstart: datetime) -> Any:
    from dateutil.rrule import rrulestr

    return rrulestr(rule, dtstart=dtstart, cache=True)  # the planner walks the same rule again and again


def first_occurrence(rule: str, dtstart: datetime) -> datetime | None:
    found: datetime | None = build_rule(rule, dtstart).after(dtstart, inc=True)
    return found

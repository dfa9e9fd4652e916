"""What a person types for events, parsed and checked: dates and times in a zone, the
recurrence options, choices, names, notes, numbers and task offsets.

Every check raises InvalidInput naming the option (exit 2, nothing written). `today` and
the zone are parameters: nothing here reads the clock or the environment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ccos.capabilities.events.model import OFFSET_FORMS, offset_days
from ccos.capabilities.events.occurrences import in_gap, nearest_valid, offset_text, zone
from ccos.capabilities.events.recurrence import first_occurrence, with_until
from ccos.capabilities.events.repeat import parse_repeat
from ccos.dates import parse_date, parse_datetime
from ccos.errors import InvalidInput, NotFound
from ccos.models.naming import clean_name, name_key

if TYPE_CHECKING:
    from ccos.capabilities.events.occurrences import Schedule

_OFFSET_SUFFIX = re.compile(r"^(.*\d:\d{2})\s*(?:([+-])(\d{2}):?(\d{2})|(z|utc))$", re.IGNORECASE)
MAX_NOTE = 4000


# --- when --------------------------------------------------------------------------------


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
        before = nearest_valid(naive, tz, -1)
        after = nearest_valid(naive, tz, 1)
        raise InvalidInput(
            f"{option} {shown} does not exist in {zone_name}: the clocks skip it (daylight-saving change)",
            f"the nearest valid times are {before:%Y-%m-%d %H:%M} and {after:%Y-%m-%d %H:%M}",
        )
    offsets = [naive.replace(tzinfo=tz, fold=f).utcoffset() for f in (0, 1)]
    if offsets[0] != offsets[1]:
        if offset is None:
            first, second = (offset_text(o) for o in offsets)
            raise InvalidInput(
                f"{option} {shown} is ambiguous in {zone_name}: it happens twice "
                f"(UTC{first}, then UTC{second}) when the clocks go back",
                f"add the UTC offset, e.g. {shown}{first} or {shown}{second}, or pick another time",
            )
        if offset not in offsets:
            raise InvalidInput(
                f"{option} {shown}{offset_text(offset)} does not match {zone_name}",
                f"use {shown}{offset_text(offsets[0])} or {shown}{offset_text(offsets[1])}",
            )
        return naive, offsets.index(offset)
    if offset is not None and offset != offsets[0]:
        raise InvalidInput(
            f"{option} {shown}{offset_text(offset)} does not match {zone_name} (UTC{offset_text(offsets[0])})",
            f"drop the offset or use {shown}{offset_text(offsets[0])}",
        )
    return naive, 0


def when(
    today: date, zone_name: str, *, date_: str | None, repeat: str | None, from_: str | None, until: str | None
) -> tuple[datetime | date, int, str | None, str | None]:
    """(start, fold, rule, repeat text) from --date, --repeat, --from and --until."""
    if repeat is None:
        if from_ is not None or until is not None:
            raise InvalidInput("--from and --until go with --repeat", 'add e.g. --repeat "weekly on thu at 20:00"')
        if date_ is None:
            raise InvalidInput("give the event's date with --date", 'e.g. --date "2026-12-12 14:00"')
        start, fold = local_start(date_, today, zone_name, "--date")
        return start, fold, None, None
    parsed = parse_repeat(repeat)
    given: tuple[datetime | date, int] | None = None
    if date_ is not None:
        given = local_start(date_, today, zone_name, "--date")
    if from_ is not None:
        first_day = parse_date(from_, today, "--from")
    elif given is not None:
        first_day = given[0].date() if isinstance(given[0], datetime) else given[0]
    else:
        first_day = today
    last_day = parse_date(until, today, "--until") if until is not None else None
    if last_day is not None and last_day < first_day:
        raise InvalidInput(
            f"--until {last_day} is before --from {first_day}", "give an --until on or after the first day"
        )
    at = parsed.at
    if at is None and given is not None and isinstance(given[0], datetime):
        at = (given[0].hour, given[0].minute)
    rule = parsed.rule if last_day is None else with_until(parsed.rule, last_day)
    dtstart = datetime(first_day.year, first_day.month, first_day.day, *(at or (0, 0)))
    found = first_occurrence(rule, dtstart)
    if found is None:
        raise InvalidInput(
            f"--repeat {repeat!r} has no occurrence "
            + (f"between {first_day} and {last_day}" if last_day is not None else f"from {first_day} on"),
            "widen --from/--until or change the rule",
        )
    text = " ".join(repeat.split())
    if at is None:
        return found.date(), 0, rule, text
    checked, fold = local_start(f"{found:%Y-%m-%d %H:%M}", today, zone_name, "--repeat")
    return checked, fold, rule, text


def occurrence_on(schedule: Schedule, event_id: str, on: str, today: date) -> date:
    """`--on DAY`: a day the event takes place (cancelled occurrences count)."""
    day = parse_date(on, today, "--on")
    if not schedule.is_occurrence(day):
        near = ", ".join(str(d) for d in schedule.near(day)) or "none"
        raise InvalidInput(f"--on {day}: {event_id} does not take place that day", f"its occurrences near it: {near}")
    return day


# --- words and numbers -------------------------------------------------------------------


def choice(value: str, allowed: Iterable[str], option: str) -> str:
    key = value.strip().lower()
    choices = tuple(allowed)
    if key not in choices:
        raise InvalidInput(f"invalid value for {option}: {value!r}", f"use one of: {', '.join(choices)}")
    return key


def clean_note(text: str) -> str:
    note = unicodedata.normalize("NFC", text).strip()
    if not note:
        raise InvalidInput("the note is empty", "write something after --note, or leave the option out")
    if any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in note):
        raise InvalidInput("the note holds a control character", "write plain text")
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"the note is {len(note)} characters long", f"keep it under {MAX_NOTE} characters")
    return note


def co_organisers(text: str | None) -> list[str]:
    """`--with "李雷, Ann"`: names separated by `,` `，` `、` `;` or `；`, each once."""
    if text is None:
        return []
    for separator in ("，", "、", ";", "；"):
        text = text.replace(separator, ",")
    cleaned = [clean_name(name, "co-organiser's name") for name in text.split(",") if name.strip()]
    unique: dict[str, str] = {}
    for name in cleaned:
        unique.setdefault(name_key(name), name)
    if not unique:
        raise InvalidInput("--with names nobody", 'list names separated by commas, e.g. --with "李雷, Ann"')
    return list(unique.values())


def non_negative(value: float | None, option: str, example: str) -> None:
    if value is not None and value < 0:
        raise InvalidInput(f"{option} must be 0 or more (got {value:g})", f"give e.g. {option} {example}")


def task_offsets(at: str, until: str | None) -> int:
    """`task add --at` (and `--until`, a window): the task's day from the event day."""
    days = offset_days(at)
    if days is None:
        raise InvalidInput(f"invalid value for --at: {at!r}", f"use {OFFSET_FORMS}")
    if until is not None:
        until_days = offset_days(until)
        if until_days is None:
            raise InvalidInput(f"invalid value for --until: {until!r}", f"use {OFFSET_FORMS}")
        if until_days < days:
            raise InvalidInput(f"--until {until} is before --at {at}", "the window must end on or after its start")
    return days


def task_index(number: str, event_id: str, total: int) -> int:
    """`N` as `ccos event show` numbers the tasks (1..total) -> its index in the file."""
    from ccos.words import count

    text = number.strip()
    if not text.isdigit() or not 1 <= int(text) <= total:
        raise NotFound(
            f"no task {text!r} in {event_id} (it has {count(total, 'task', 'tasks')})",
            f"see the numbers with `ccos event show {event_id}`",
        )
    return int(text) - 1

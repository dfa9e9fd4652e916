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

from ccos.capabilities.events.model import offset_days, offset_forms
from ccos.capabilities.events.occurrences import in_gap, nearest_valid, offset_text, zone
from ccos.capabilities.events.recurrence import first_occurrence, with_until
from ccos.capabilities.events.repeat import parse_repeat
from ccos.dates import parse_date, parse_datetime
from ccos.errors import InvalidInput, NotFound
from ccos.i18n import tr
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
            raise InvalidInput(
                tr("{option} {value}: a UTC offset needs a time").format(option=option, value=repr(value)),
                tr("write e.g. {example}").format(example="2026-10-25 02:30+01:00"),
            )
        return day, 0
    tz = zone(zone_name)
    naive = datetime.combine(day, time(*hm))
    shown = naive.strftime("%Y-%m-%d %H:%M")
    if in_gap(naive, tz):
        before = nearest_valid(naive, tz, -1)
        after = nearest_valid(naive, tz, 1)
        raise InvalidInput(
            tr("{option} {time} does not exist in {zone}: the clocks skip it (daylight-saving change)").format(
                option=option, time=shown, zone=zone_name
            ),
            tr("the nearest valid times are {before} and {after}").format(
                before=f"{before:%Y-%m-%d %H:%M}", after=f"{after:%Y-%m-%d %H:%M}"
            ),
        )
    offsets = [naive.replace(tzinfo=tz, fold=f).utcoffset() for f in (0, 1)]
    if offsets[0] != offsets[1]:
        if offset is None:
            first, second = (offset_text(o) for o in offsets)
            raise InvalidInput(
                tr(
                    "{option} {time} is ambiguous in {zone}: it happens twice "
                    "(UTC{first}, then UTC{second}) when the clocks go back"
                ).format(option=option, time=shown, zone=zone_name, first=first, second=second),
                tr("add the UTC offset, e.g. {one} or {other}, or pick another time").format(
                    one=f"{shown}{first}", other=f"{shown}{second}"
                ),
            )
        if offset not in offsets:
            raise InvalidInput(
                tr("{option} {time} does not match {zone}").format(
                    option=option, time=f"{shown}{offset_text(offset)}", zone=zone_name
                ),
                tr("use {one} or {other}").format(
                    one=f"{shown}{offset_text(offsets[0])}", other=f"{shown}{offset_text(offsets[1])}"
                ),
            )
        return naive, offsets.index(offset)
    if offset is not None and offset != offsets[0]:
        raise InvalidInput(
            tr("{option} {time} does not match {zone} (UTC{offset})").format(
                option=option, time=f"{shown}{offset_text(offset)}", zone=zone_name, offset=offset_text(offsets[0])
            ),
            tr("drop the offset or use {time}").format(time=f"{shown}{offset_text(offsets[0])}"),
        )
    return naive, 0


def when(
    today: date, zone_name: str, *, date_: str | None, repeat: str | None, from_: str | None, until: str | None
) -> tuple[datetime | date, int, str | None, str | None]:
    """(start, fold, rule, repeat text) from --date, --repeat, --from and --until."""
    if repeat is None:
        if from_ is not None or until is not None:
            raise InvalidInput(
                tr("--from and --until go with --repeat"),
                tr("add e.g. {example}").format(example='--repeat "weekly on thu at 20:00"'),
            )
        if date_ is None:
            raise InvalidInput(
                tr("give the event's date with {option}").format(option="--date"),
                tr("e.g. {example}").format(example='--date "2026-12-12 14:00"'),
            )
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
            tr("{until} is before {from_}").format(until=f"--until {last_day}", from_=f"--from {first_day}"),
            tr("give an {option} on or after the first day").format(option="--until"),
        )
    at = parsed.at
    if at is None and given is not None and isinstance(given[0], datetime):
        at = (given[0].hour, given[0].minute)
    rule = parsed.rule if last_day is None else with_until(parsed.rule, last_day)
    dtstart = datetime(first_day.year, first_day.month, first_day.day, *(at or (0, 0)))
    found = first_occurrence(rule, dtstart)
    if found is None:
        shown = f"--repeat {repeat!r}"
        raise InvalidInput(
            tr("{repeat} has no occurrence between {first} and {last}").format(
                repeat=shown, first=first_day, last=last_day
            )
            if last_day is not None
            else tr("{repeat} has no occurrence from {first} on").format(repeat=shown, first=first_day),
            tr("widen {options} or change the rule").format(options="--from/--until"),
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
        near = ", ".join(str(d) for d in schedule.near(day)) or tr("none")
        raise InvalidInput(
            tr("{option}: {id} does not take place that day").format(option=f"--on {day}", id=event_id),
            tr("its occurrences near it: {days}").format(days=near),
        )
    return day


# --- words and numbers -------------------------------------------------------------------


def choice(value: str, allowed: Iterable[str], option: str) -> str:
    key = value.strip().lower()
    choices = tuple(allowed)
    if key not in choices:
        raise InvalidInput(
            tr("invalid value for {option}: {value}").format(option=option, value=repr(value)),
            tr("use one of: {choices}").format(choices=", ".join(choices)),
        )
    return key


def clean_note(text: str) -> str:
    note = unicodedata.normalize("NFC", text).strip()
    if not note:
        raise InvalidInput(
            tr("the note is empty"),
            tr("write something after {option}, or leave the option out").format(option="--note"),
        )
    if any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in note):
        raise InvalidInput(tr("the note holds a control character"), tr("write plain text"))
    if len(note) > MAX_NOTE:
        raise InvalidInput(
            tr("the note is {n} characters long").format(n=len(note)),
            tr("keep it under {n} characters").format(n=MAX_NOTE),
        )
    return note


def co_organisers(text: str | None) -> list[str]:
    """`--with "李雷, Ann"`: names separated by `,` `，` `、` `;` or `；`, each once."""
    if text is None:
        return []
    for separator in ("，", "、", ";", "；"):
        text = text.replace(separator, ",")
    cleaned = [clean_name(name, tr("co-organiser's name")) for name in text.split(",") if name.strip()]
    unique: dict[str, str] = {}
    for name in cleaned:
        unique.setdefault(name_key(name), name)
    if not unique:
        raise InvalidInput(
            tr("{option} names nobody").format(option="--with"),
            tr("list names separated by commas, e.g. {example}").format(example='--with "李雷, Ann"'),
        )
    return list(unique.values())


def non_negative(value: float | None, option: str, example: str) -> None:
    if value is not None and value < 0:
        raise InvalidInput(
            tr("{option} must be 0 or more (got {value})").format(option=option, value=f"{value:g}"),
            tr("give e.g. {example}").format(example=f"{option} {example}"),
        )


def task_offsets(at: str, until: str | None) -> int:
    """`task add --at` (and `--until`, a window): the task's day from the event day."""
    days = offset_days(at)
    if days is None:
        raise InvalidInput(
            tr("invalid value for {option}: {value}").format(option="--at", value=repr(at)),
            tr("use {forms}").format(forms=offset_forms()),
        )
    if until is not None:
        until_days = offset_days(until)
        if until_days is None:
            raise InvalidInput(
                tr("invalid value for {option}: {value}").format(option="--until", value=repr(until)),
                tr("use {forms}").format(forms=offset_forms()),
            )
        if until_days < days:
            raise InvalidInput(
                tr("{until} is before {at}").format(until=f"--until {until}", at=f"--at {at}"),
                tr("the window must end on or after its start"),
            )
    return days


def task_index(number: str, event_id: str, total: int) -> int:
    """`N` as `ccos event show` numbers the tasks (1..total) -> its index in the file."""
    from ccos.words import count

    text = number.strip()
    if not text.isdigit() or not 1 <= int(text) <= total:
        raise NotFound(
            tr("no task {number} in {id} (it has {tasks})").format(
                number=repr(text), id=event_id, tasks=count(total, "task", "tasks")
            ),
            tr("see the numbers with `{command}`").format(command=f"ccos event show {event_id}"),
        )
    return int(text) - 1

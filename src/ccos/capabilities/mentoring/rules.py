"""The rules of mentoring, pure: no disk, no Workspace, no clock (`today` is a parameter).

Cadence counts from the last session actually held (not a fixed timer; Monica #1814),
capacity stops a fourth 1:1 mentee before it happens (say no first, seed 000 §7.2), and
action items carry from one session to the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.naming import clean_name, name_key
from ccos.words import count

if TYPE_CHECKING:
    from ccos.capabilities.mentoring.model import Mentee, Session

MAX_MINUTES = 24 * 60
MAX_PROJECTIONS = 400  # sessions a cadence may project into one period (ten years of `daily`)
_MEMBER_SPLIT = re.compile(r"[,，、;；\n]")


@dataclass(frozen=True)
class OpenAction:
    """An open action item, numbered across the mentee's open items, oldest first."""

    number: int
    text: str
    session: str  # the session file's stem
    date: date


@dataclass(frozen=True)
class Capacity:
    load: int  # active 1:1 mentees + active groups (a group counts once)
    one_on_one: int
    groups: int
    maximum: int
    minimum: int
    over: bool


# --- a mentee's state on a day -------------------------------------------------------------


def paused_now(mentee: Mentee, today: date) -> bool:
    return mentee.status == "paused" and (mentee.paused_until is None or mentee.paused_until > today)


def is_active(mentee: Mentee, today: date) -> bool:
    """Active and not inside a pause (a pause whose end date has passed counts as active)."""
    return mentee.status == "active" or (mentee.status == "paused" and not paused_now(mentee, today))


def last_held(days: Iterable[date]) -> date | None:
    """The last of the days sessions were held on (planned ones are not passed)."""
    return max(days, default=None)


def anchor(mentee: Mentee, last: date | None) -> date:
    """The day the cadence counts from: the last session held, the start, or the resumption."""
    return max(day for day in (last, mentee.since, mentee.resumed_on) if day is not None)


def next_due(mentee: Mentee, last: date | None) -> date | None:
    """When the next session is due, given the last one held (None: no cadence, or not due)."""
    rule = mentee.rule()
    if rule is None or mentee.status == "graduated" or (mentee.status == "paused" and mentee.paused_until is None):
        return None
    due = rule.next_due(anchor(mentee, last))
    if mentee.status == "paused" and mentee.paused_until is not None:
        due = max(due, mentee.paused_until)
    return due


def days_overdue(mentee: Mentee, due: date | None, today: date) -> int | None:
    """Days past `due` for an active mentee; None when the mentee is not overdue."""
    if due is None or due >= today or not is_active(mentee, today):
        return None
    return (today - due).days


def open_actions(sessions: Iterable[tuple[str, Session]]) -> list[OpenAction]:
    """Open items across (stem, session) pairs given oldest first, numbered from 1."""
    found: list[OpenAction] = []
    for stem, session in sessions:
        for item in session.actions:
            if item.state == "open":
                found.append(OpenAction(number=len(found) + 1, text=item.text, session=stem, date=session.date))
    return found


def session_minutes(mentee: Mentee, default: int) -> int:
    """A session's length: the mentee's own, else the workspace default."""
    return mentee.session_minutes or default


def capacity(mentees: Iterable[Mentee], today: date, *, maximum: int, minimum: int) -> Capacity:
    """Active 1:1 mentees and groups against the target range (async help does not count)."""
    active = [m for m in mentees if is_active(m, today)]
    one_on_one = sum(1 for m in active if m.format == "one-on-one")
    groups = sum(1 for m in active if m.format == "group")
    load = one_on_one + groups
    return Capacity(
        load=load, one_on_one=one_on_one, groups=groups, maximum=maximum, minimum=minimum, over=load > maximum
    )


def counts_against_capacity(format: str) -> bool:
    return format in ("one-on-one", "group")


def group_size_problem(mentee: Mentee, low: int, high: int) -> str | None:
    """What is wrong with a group's size (None when it is not a group or the size is fine)."""
    if mentee.format != "group":
        return None
    size = len(mentee.members)
    if size < low:
        return tr("{members}; groups work best with {low}-{high} people").format(
            members=count(size, "member", "members"), low=low, high=high
        )
    if size > high:
        return tr("{members}; groups work best with {low}-{high} people, consider splitting it").format(
            members=count(size, "member", "members"), low=low, high=high
        )
    return None


def monthly_target(mentee: Mentee, default_per_month: int) -> int | None:
    """Sessions a month the dashboard asks of this mentee (None: async help without a cadence)."""
    rule = mentee.rule()
    if rule is None:
        return None if mentee.format == "async" else default_per_month
    return max(1, round(rule.per_month))


def session_title(mentee: Mentee) -> str:
    """The title of a session in plans and lists, in the current language."""
    if mentee.format == "group":
        return tr("Group session: {name}").format(name=mentee.name)
    if mentee.format == "async":
        return tr("Async help: {name}").format(name=mentee.name)
    # i18n: no spaces around a CJK name (zh "与王小明的会谈")
    return tr("Session with {name}").format(name=mentee.name)


def projected_sessions(
    mentee: Mentee, due: date | None, upcoming: Sequence[date], today: date, until: date
) -> list[tuple[date, bool]]:
    """Sessions the cadence asks for from today to `until`: (date, overdue).

    `due` is the mentee's next due date, `upcoming` the sessions already planned from today on:
    a planned session stands for the next one due, and the cadence counts on from the last.
    """
    rule = mentee.rule()
    if rule is None or due is None or mentee.status == "graduated":
        return []
    if mentee.status == "paused" and mentee.paused_until is None:
        return []
    if upcoming:
        current = rule.next_due(max(upcoming))
        overdue = False
    else:
        overdue = due < today
        current = max(due, today)
    dates: list[tuple[date, bool]] = []
    while current <= until and len(dates) < MAX_PROJECTIONS:
        dates.append((current, overdue))
        overdue = False
        current = rule.next_due(current)
    return dates


# --- what a person types --------------------------------------------------------------------


def split_members(text: str) -> list[str]:
    """`--members "Ann, Bo, 陈静"` as names (commas, ideographic commas, semicolons, lines)."""
    members = [clean_name(part, "member name") for part in _MEMBER_SPLIT.split(text) if part.strip()]
    keys = [name_key(m) for m in members]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise InvalidInput(
                tr("{option} names {name} twice").format(option="--members", name=repr(members[index])),
                tr("list each member once"),
            )
    return members


def check_cadence(value: str, option: str = "--cadence") -> str:
    from ccos.capabilities.mentoring.model import CADENCE_FORMS, parse_cadence

    text = value.strip()
    try:
        parse_cadence(text)
    except ValueError as exc:
        raise InvalidInput(
            tr("invalid value for {option}: {problem}").format(option=option, problem=exc),
            tr("use {forms}").format(forms=CADENCE_FORMS),
        ) from None
    return text


def check_log(today: date, day: date, minutes: int | None, planned: bool) -> None:
    """A session logged for `day` (or planned on it) with `minutes`: exit 2 unless it makes sense."""
    if minutes is not None and minutes <= 0:
        raise InvalidInput(
            tr("{option} must be more than 0 (got {value})").format(option="--minutes", value=minutes),
            tr("give the session's length, e.g. 60"),
        )
    if minutes is not None and minutes > MAX_MINUTES:
        raise InvalidInput(
            tr("{option} {value} is longer than a day").format(option="--minutes", value=minutes),
            tr("give the session's length in minutes"),
        )
    if day > today and not planned:
        raise InvalidInput(
            tr("{option} {day} is in the future").format(option="--date", day=day.isoformat()),
            tr("log sessions that happened; add {planned} to schedule one instead").format(planned="--planned"),
        )
    if planned and day < today:
        raise InvalidInput(
            tr("{option} {day} is in the past, and {planned} schedules a future session").format(
                option="--date", day=day.isoformat(), planned="--planned"
            ),
            tr("leave out {planned} to log a session that happened").format(planned="--planned"),
        )


# --- a session's notes ----------------------------------------------------------------------

# An open item carried into a note from the session template: `- [ ] 2. Submit a PR (2026-11-04)`.
_CARRIED = re.compile(r"^\s*[-*] \[[ xX]\] (?:\d+\. )?(?P<text>.+?) \((?P<day>\d{4}-\d{2}-\d{2})[^)]*\)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+] (?:\[[ xX]\] )?|\d+[.)] )")


def carried_item(line: str) -> tuple[str, date] | None:
    """The (text, session date) of an open item as the session template lists it, else None."""
    match = _CARRIED.match(line)
    if match is None:
        return None
    try:
        return match["text"], date.fromisoformat(match["day"])
    except ValueError:
        return None


def note_summary(note: str) -> tuple[str, bool] | None:
    """The note's first meaningful line (and whether more follows): not a heading, not a
    blank line or a lone bullet, not an open item the template carried in; None: nothing written.

    A note written with `--edit` begins with the template's headings ("# Session with …",
    "## Where they are now"): the summary is what the person wrote under them.
    """
    lines = [line.strip() for line in note.splitlines()]
    meaningful = [
        index
        for index, line in enumerate(lines)
        if line
        and not line.startswith("#")
        and carried_item(line) is None
        and _BULLET.sub("", line).strip() not in ("", "-")
    ]
    if not meaningful:
        return None
    first = meaningful[0]
    return _BULLET.sub("", lines[first]).strip(), len(meaningful) > 1


def refresh_carried(note: str, current: dict[tuple[str, date], str]) -> str:
    """The note with each carried open item shown as it stands now (from the session it was
    agreed in), not as it was copied: `current` maps (text, session date) to its line now,
    e.g. `- [x] Submit a PR (2026-11-04, done 2026-11-20)`; items it does not know stay as written."""
    out = []
    for line in note.split("\n"):
        key = carried_item(line)
        out.append(current.get(key, line) if key is not None else line)
    return "\n".join(out)


def carried_line(text: str, day: date, number: int | None, closed_on: date | None) -> str:
    """How a carried item reads now: open with its current number, or done (and when)."""
    if number is not None:
        return f"- [ ] {number}. {text} ({day.isoformat()})"
    done = ", " + (tr("done {day}").format(day=closed_on.isoformat()) if closed_on else tr("done"))
    return f"- [x] {text} ({day.isoformat()}{done})"

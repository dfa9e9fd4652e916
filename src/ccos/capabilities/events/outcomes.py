"""`ccos event done` and `ccos event cancel`: what happened, or that it will not happen.

Recording an occurrence closes it: the event's own "record attendance" task is ticked, the
tasks of its day are done (or missed, when the person says so), and what was left of its
preparation stops being overdue (rules.py). An occurrence is recorded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ccos.capabilities.events import store
from ccos.capabilities.events.inputs import clean_note, non_negative, occurrence_on
from ccos.capabilities.events.listing import detail
from ccos.capabilities.events.results import EventDetail, TaskView
from ccos.capabilities.events.rules import Loaded, day_of_tasks, instance, records_task, repeated
from ccos.capabilities.events.store import FOLDER
from ccos.capabilities.events.tasks import mark_each
from ccos.dates import parse_date
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.storage.collection import UNCHANGED

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


@dataclass(frozen=True)
class Pending:
    """What `event done` is about to record, before anything is written: the occurrence and
    the tasks of its day it will settle (so a person at a terminal can say which were missed)."""

    event_id: str
    title: str
    day: date
    day_of: tuple[TaskView, ...]


@dataclass(frozen=True)
class Recorded:
    """What `event done` wrote: the event as it is now, the day recorded, the tasks it ticked."""

    detail: EventDetail
    day: date
    ticked: tuple[str, ...]  # the record-attendance task and the day-of tasks marked done
    missed: tuple[str, ...]  # day-of tasks the person said did not happen


def pending_done(workspace: Workspace, today: date, ref: str, on: str | None) -> Pending:
    """The occurrence `event done REF [--on DAY]` would record and its day-of tasks, refusing
    (exit 2) what `record_done` would refuse: a cancelled event, a day to come, a day recorded."""
    found = store.find_event(workspace, ref)
    day = _checked_day(found, today, on)
    return Pending(found.id, found.event.title, day, tuple(day_of_tasks(found, day, today)))


def record_done(
    workspace: Workspace,
    today: date,
    ref: str,
    attendees: int | None,
    hours: float | None,
    note: str | None,
    on: str | None,
    missed: frozenset[int] = frozenset(),
) -> Recorded:
    """Record what happened: attendance, the hours it took, a note; tick the event's own
    "record attendance" task and settle the occurrence's day-of tasks (done, but for the
    task numbers in `missed`). Recording the same occurrence twice is refused."""
    non_negative(attendees, "--attendees", "48")
    non_negative(hours, "--hours", "6")
    cleaned = clean_note(note) if note is not None else None
    found = store.find_event(workspace, ref)
    _checked_day(found, today, on)
    outcome: list[tuple[date, list[str], list[str]]] = []  # decided from the file as it is under the lock

    def change(doc: Any, loaded: Loaded) -> None:
        day = _checked_day(loaded, today, on)
        if loaded.event.recurring:
            _record_held(doc, day, attendees, hours, cleaned)
        else:
            doc["status"] = "done"
            if attendees is not None:
                doc["attendees"] = attendees
            if hours is not None:
                doc["actual_hours"] = hours
            if cleaned is not None:
                _append(doc, "notes", cleaned)
        ticked, skipped = _settle_tasks(doc, loaded, day, today, missed)
        outcome.append((day, ticked, skipped))

    with workspace.locked("event done"):
        saved = store.edit_event(workspace, found.id, change)
    day, ticked, skipped = outcome[-1]
    return Recorded(detail(workspace, saved, today), day, tuple(ticked), tuple(skipped))


def _checked_day(loaded: Loaded, today: date, on: str | None) -> date:
    """The occurrence to record, refused when the event is cancelled or it was recorded already."""
    if loaded.event.status == "cancelled":
        raise InvalidInput(tr("{id} is cancelled").format(id=loaded.id), tr("nothing to record for a cancelled event"))
    day = _held_day(loaded, today, on)
    if loaded.recorded(day):
        latest = _latest_unrecorded(loaded, today)
        hint = (
            tr("to record another occurrence give --on DAY (the latest not recorded is {day})").format(day=latest)
            if latest is not None
            else tr("to change what was recorded, edit {file}").format(file=f"{FOLDER}/{loaded.id}.toml")
        )
        raise InvalidInput(
            tr("{id} on {day} was recorded already; nothing changed").format(id=loaded.id, day=day), hint
        )
    return day


def _latest_unrecorded(loaded: Loaded, today: date) -> date | None:
    if not loaded.event.recurring:
        return None
    past = loaded.schedule.between(today - timedelta(days=366), today)
    return next((o.day for o in reversed(past) if not loaded.recorded(o.day)), None)


def _settle_tasks(
    doc: Any, loaded: Loaded, day: date, today: date, missed: frozenset[int]
) -> tuple[list[str], list[str]]:
    """Tick the "record attendance" task (today) and the day-of tasks (on their own day), but
    those the person said were missed: the occurrence is over, nothing of it stays overdue."""
    ticked: list[str] = []
    skipped: list[str] = []
    for view in day_of_tasks(loaded, day, today):
        if view.number in missed:
            skipped.append(view.text)
            continue
        _tick(doc, loaded, view.number - 1, day, view.end or view.date)
        ticked.append(view.text)
    index = records_task(loaded)
    if index is not None:
        task = loaded.event.tasks[index]
        occurrence = day if repeated(loaded, task) else loaded.event.start_date
        if occurrence == day and not instance(loaded, index + 1, task, occurrence, today).done:
            _tick(doc, loaded, index, occurrence, today)
            ticked.insert(0, task.text)
    return ticked, skipped


def _tick(doc: Any, loaded: Loaded, index: int, occurrence: date, on_day: date) -> None:
    task = loaded.event.tasks[index]
    table = doc["tasks"][index]
    if repeated(loaded, task):
        mark_each(table, task, occurrence, on_day)
    else:
        table["done"] = True
        table["done_on"] = on_day


def _held_day(loaded: Loaded, today: date, on: str | None) -> date:
    """The occurrence `done` records: `--on`, else the last one up to today (a one-off: its day)."""
    event = loaded.event
    if not event.recurring:
        if on is not None and parse_date(on, today, "--on") != event.start_date:
            raise InvalidInput(
                tr("--on: {id} takes place on {day}").format(id=loaded.id, day=event.start_date),
                tr("leave --on out"),
            )
        day = event.start_date
        if day > today:
            raise InvalidInput(
                tr("{id} takes place on {day}, after today").format(id=loaded.id, day=day),
                tr("record it after the day"),
            )
        return day
    if on is not None:
        day = occurrence_on(loaded.schedule, loaded.id, on, today)
        if day in event.cancelled_on:
            raise InvalidInput(tr("--on {day}: that occurrence is cancelled").format(day=day), tr("pick another date"))
    else:
        last = loaded.schedule.last_before(today)
        if last is None:
            raise InvalidInput(tr("{id} has not taken place yet").format(id=loaded.id), tr("record it after the day"))
        day = last.day
    if day > today:
        raise InvalidInput(
            tr("--on {day} is in the future").format(day=day), tr("record an occurrence after it took place")
        )
    return day


def _append(doc: Any, key: str, value: Any) -> None:
    if key in doc:
        doc[key].append(value)
    else:
        doc[key] = [value]


def _record_held(doc: Any, day: date, attendees: int | None, hours: float | None, note: str | None) -> None:
    """One `[[held]]` table per occurrence (a day recorded already was refused before)."""
    import tomlkit

    if "held" not in doc:
        doc.add("held", tomlkit.aot())
    table = tomlkit.table()
    table.add("on", day)
    if attendees is not None:
        table.add("attendees", attendees)
    if hours is not None:
        table.add("hours", hours)
    if note is not None:
        table.add("note", note)
    doc["held"].append(table)


def cancel_event(workspace: Workspace, today: date, ref: str, on: str | None) -> tuple[EventDetail, date | None, bool]:
    """Cancel a whole event, or one occurrence of a recurring one. (detail, day, changed)."""
    found = store.find_event(workspace, ref)
    if on is not None and not found.event.recurring:
        raise InvalidInput(
            tr("{id} is not recurring: --on is for one occurrence").format(id=found.id),
            tr("cancel it without --on"),
        )
    outcome: list[tuple[date | None, bool]] = []  # (the occurrence, changed?), decided under the lock

    def change(doc: Any, loaded: Loaded) -> object:
        day = None if on is None else occurrence_on(loaded.schedule, loaded.id, on, today)
        already = loaded.event.status == "cancelled" if day is None else day in loaded.event.cancelled_on
        outcome.append((day, not already))
        if already:
            return UNCHANGED
        if day is None:
            doc["status"] = "cancelled"
        else:
            _append(doc, "cancelled_on", day)
        return None

    with workspace.locked("event cancel"):
        saved = store.edit_event(workspace, found.id, change)
    day, changed = outcome[-1]
    return detail(workspace, saved, today), day, changed

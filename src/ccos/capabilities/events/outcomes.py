"""`ccos event done` and `ccos event cancel`: what happened, or that it will not happen."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ccos.capabilities.events import store
from ccos.capabilities.events.inputs import clean_note, non_negative, occurrence_on
from ccos.capabilities.events.listing import detail
from ccos.capabilities.events.results import EventDetail
from ccos.capabilities.events.rules import Loaded
from ccos.dates import parse_date
from ccos.errors import InvalidInput
from ccos.storage.collection import UNCHANGED

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def record_done(
    workspace: Workspace,
    today: date,
    ref: str,
    attendees: int | None,
    hours: float | None,
    note: str | None,
    on: str | None,
) -> tuple[EventDetail, date]:
    """Record what happened: attendance, the hours it took, a note. Returns the day recorded."""
    non_negative(attendees, "--attendees", "48")
    non_negative(hours, "--hours", "6")
    cleaned = clean_note(note) if note is not None else None
    found = store.find_event(workspace, ref)
    if found.event.status == "cancelled":
        raise InvalidInput(f"{found.id} is cancelled", "nothing to record for a cancelled event")
    recorded: list[date] = []  # the day `change` decides, from the file as it is under the lock

    def change(doc: Any, loaded: Loaded) -> None:
        day = _held_day(loaded, today, on)
        recorded.append(day)
        if loaded.event.recurring:
            _record_held(doc, loaded, day, attendees, hours, cleaned)
            return
        doc["status"] = "done"
        if attendees is not None:
            doc["attendees"] = attendees
        if hours is not None:
            doc["actual_hours"] = hours
        if cleaned is not None:
            _append(doc, "notes", cleaned)

    with workspace.locked("event done"):
        saved = store.edit_event(workspace, found.id, change)
    return detail(workspace, saved, today), recorded[-1]


def _held_day(loaded: Loaded, today: date, on: str | None) -> date:
    """The occurrence `done` records: `--on`, else the last one up to today (a one-off: its day)."""
    event = loaded.event
    if not event.recurring:
        if on is not None and parse_date(on, today, "--on") != event.start_date:
            raise InvalidInput(f"--on: {loaded.id} takes place on {event.start_date}", "leave --on out")
        day = event.start_date
        if day > today:
            raise InvalidInput(f"{loaded.id} takes place on {day}, after today", "record it after the day")
        return day
    if on is not None:
        day = occurrence_on(loaded.schedule, loaded.id, on, today)
        if day in event.cancelled_on:
            raise InvalidInput(f"--on {day}: that occurrence is cancelled", "pick another date")
    else:
        last = loaded.schedule.last_before(today)
        if last is None:
            raise InvalidInput(f"{loaded.id} has not taken place yet", "record it after the day")
        day = last.day
    if day > today:
        raise InvalidInput(f"--on {day} is in the future", "record an occurrence after it took place")
    return day


def _append(doc: Any, key: str, value: Any) -> None:
    if key in doc:
        doc[key].append(value)
    else:
        doc[key] = [value]


def _record_held(
    doc: Any, loaded: Loaded, day: date, attendees: int | None, hours: float | None, note: str | None
) -> None:
    """One `[[held]]` table per occurrence: added, or updated when that day was recorded before."""
    import tomlkit

    if "held" not in doc:
        doc.add("held", tomlkit.aot())
    index = next((i for i, h in enumerate(loaded.event.held) if h.on == day), None)
    if index is None:
        table = tomlkit.table()
        table.add("on", day)
        doc["held"].append(table)
        table = doc["held"][-1]
    else:
        table = doc["held"][index]
    if attendees is not None:
        table["attendees"] = attendees
    if hours is not None:
        table["hours"] = hours
    if note is not None:
        table["note"] = note if "note" not in table else f"{table['note']}\n{note}"


def cancel_event(workspace: Workspace, today: date, ref: str, on: str | None) -> tuple[EventDetail, date | None, bool]:
    """Cancel a whole event, or one occurrence of a recurring one. (detail, day, changed)."""
    found = store.find_event(workspace, ref)
    if on is not None and not found.event.recurring:
        raise InvalidInput(f"{found.id} is not recurring: --on is for one occurrence", "cancel it without --on")
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

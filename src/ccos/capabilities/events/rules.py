"""The pure rules of events: task dates and windows from playbook offsets, task states,
which occurrence a repeated task is about, and whether an occurrence was held.

Recurring events: a task is dated from the first occurrence (setting up the series),
unless the playbook marks it `each = true`: then it repeats for every occurrence, its
state is the list of occurrences it was done for (`done_for`), and an instance that was
not done is "missed" (no longer planned or warned about) once the next occurrence has come,
and a preparation or day-of instance once its own occurrence's day has passed.
A one-off event's preparation tasks are "missed" once its day has passed, and any task
left undone more than 30 days past its date is "missed" too. Once an occurrence is
recorded (`ccos event done`), what was left of its preparation and of its day is missed
too: it can no longer be done, and it must not stay overdue.

An occurrence is held ("done") once recorded, "planned" from today on, and "unrecorded"
when its day has passed and nobody said whether it happened: neither held nor planned.
A ticked task is dated on the day it was ticked (`done_on`, `ticked_on`); a tick ccos did
not date (an older file) falls back to the task's own date.

No disk, no Workspace, no clock: `today` is a parameter.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from ccos.capabilities.events.model import Event, EventTask
from ccos.capabilities.events.occurrences import Occurrence, Schedule
from ccos.capabilities.events.results import TaskStatus, TaskView

STALE_AFTER_DAYS = 30


@dataclass(frozen=True)
class Loaded:
    """One event file as read: its id (the file's stem), where it is, what it holds."""

    id: str
    path: Path
    event: Event

    @functools.cached_property
    def schedule(self) -> Schedule:
        return Schedule(self.event)

    def settled(self) -> bool:
        """A one-off event whose every task is done: nothing of it can be open or overdue."""
        return not self.event.recurring and all(task.done for task in self.event.tasks)

    @functools.cached_property
    def held_days(self) -> frozenset[date]:
        """The occurrences recorded with `ccos event done` (a one-off: its day once done)."""
        if self.event.recurring:
            return frozenset(h.on for h in self.event.held)
        return frozenset({self.event.start_date}) if self.event.status == "done" else frozenset()

    def recorded(self, occurrence: date) -> bool:
        return occurrence in self.held_days

    def task_span(self) -> tuple[int, int]:
        """The earliest and latest task day, in days from an occurrence (0, 0 without tasks)."""
        lows = [task.days for task in self.event.tasks]
        highs = [task.until_days if task.until_days is not None else task.days for task in self.event.tasks]
        return min(lows, default=0), max(highs, default=0)


def repeated(loaded: Loaded, task: EventTask) -> bool:
    """A task done once per occurrence (`each`, in a recurring event)."""
    return task.each and loaded.event.recurring


# --- one task instance -------------------------------------------------------------------


def instance(loaded: Loaded, number: int, task: EventTask, occurrence: date, today: date) -> TaskView:
    """Task `number` (1-based) for `occurrence`: its day or window and its state on `today`."""
    event = loaded.event
    day = occurrence + timedelta(days=task.days)
    end = None if task.until_days is None else occurrence + timedelta(days=task.until_days)
    each = repeated(loaded, task)
    done = occurrence in task.done_for if each else task.done
    status: TaskStatus
    if done:
        status = "done"
    elif past_preparation(task, occurrence, today) or (task.phase != "after" and loaded.recorded(occurrence)):
        status = "missed"  # the occurrence's day passed, or it was recorded: its preparation can no longer help
    elif expired(loaded, occurrence, today) if each else moot(task, occurrence, end or day, today):
        status = "missed"
    elif (end or day) < today and event.status != "cancelled":
        status = "overdue"
    else:
        status = "open"
    return TaskView(
        number=number,
        text=task.text,
        phase=task.phase,
        offset=task.offset,
        until=task.until,
        date=day,
        end=end,
        hours=task.hours,
        role=task.role,
        each=each,
        occurrence=occurrence,
        done=done,
        status=status,
        ticked_on=tick_day(task, occurrence, each) if done else None,
    )


def tick_day(task: EventTask, occurrence: date, each: bool) -> date | None:
    """The day a done instance was ticked, when the file says (None: date it on its own day)."""
    return task.ticked_on.get(occurrence) if each else task.done_on


def past_preparation(task: EventTask, occurrence: date, today: date) -> bool:
    """Preparation and the day's own tasks (`before`, `during`) of an occurrence whose day has
    passed: they can no longer help (announcing last week's episode), so they are missed."""
    return task.phase in ("before", "during") and occurrence < today


def moot(task: EventTask, occurrence: date, last_day: date, today: date) -> bool:
    """A task that can no longer be done in any useful sense: "missed", not overdue.

    Preparation (`before`, `during`) stops mattering once the event's day has passed, and
    anything left undone more than 30 days past its date is history, not a to-do (ten
    years of unticked playbooks must not flood the warnings).
    """
    if past_preparation(task, occurrence, today):
        return True
    return (today - last_day).days > STALE_AFTER_DAYS


def expired(loaded: Loaded, occurrence: date, today: date) -> bool:
    """An `each` instance stops mattering once the next occurrence has come (or before the event was added)."""
    created = loaded.event.created
    if created is not None and occurrence < created:
        return True
    following = loaded.schedule.next_after(occurrence)
    return following is not None and following.day <= today


# --- the tasks of an event ---------------------------------------------------------------


def series_tasks(loaded: Loaded, today: date, focus: date | None) -> list[TaskView]:
    """Every task once: series tasks on the first occurrence, `each` tasks for `focus`."""
    views = []
    for number, task in enumerate(loaded.event.tasks, start=1):
        if repeated(loaded, task):
            if focus is not None:
                views.append(instance(loaded, number, task, focus, today))
        else:
            views.append(instance(loaded, number, task, loaded.event.start_date, today))
    return views


def tasks_between(loaded: Loaded, today: date, first: date, last: date) -> list[TaskView]:
    """Task instances whose date or window touches [first, last]."""
    views: list[TaskView] = []
    if not loaded.event.recurring:  # most events are long past: skip them without building views
        low, high = loaded.task_span()
        start = loaded.event.start_date
        if start + timedelta(days=high) < first or start + timedelta(days=low) > last:
            return views
    for number, task in enumerate(loaded.event.tasks, start=1):
        low, high = task.days, task.until_days if task.until_days is not None else task.days
        if repeated(loaded, task):
            occurrences = [
                o.day for o in loaded.schedule.between(first - timedelta(days=high), last - timedelta(days=low))
            ]
        else:
            occurrences = [loaded.event.start_date]
        for occurrence in occurrences:
            view = instance(loaded, number, task, occurrence, today)
            if view.date <= last and (view.end or view.date) >= first:
                views.append(view)
    return views


def tasks_in(loaded: Loaded, today: date, first: date, last: date) -> list[TaskView]:
    """Task instances as a plan of [first, last] places them: one ticked on a known day on
    that day (past periods report what was done when it was done), any other on its date
    or window."""
    placed = [
        view
        for view in tasks_between(loaded, today, first, last)
        if view.ticked_on is None or first <= view.ticked_on <= last
    ]
    for number, task in enumerate(loaded.event.tasks, start=1):
        if repeated(loaded, task):
            occurrences = [
                occurrence
                for occurrence, day in task.ticked_on.items()
                if first <= day <= last and occurrence in task.done_for and occurrence not in loaded.event.cancelled_on
            ]
        elif task.done and task.done_on is not None and first <= task.done_on <= last:
            occurrences = [loaded.event.start_date]
        else:
            continue
        for occurrence in sorted(occurrences):
            view = instance(loaded, number, task, occurrence, today)
            if not (view.date <= last and (view.end or view.date) >= first):  # else tasks_between had it
                placed.append(view)
    return placed


def records_task(loaded: Loaded) -> int | None:
    """The index of the task `ccos event done` ticks: the one marked `records`, else (an event
    copied from an older playbook) the first whose text names `ccos event done`."""
    tasks = loaded.event.tasks
    marked = next((i for i, t in enumerate(tasks) if t.records), None)
    if marked is not None:
        return marked
    return next((i for i, t in enumerate(tasks) if "ccos event done" in t.text), None)


def day_of_tasks(loaded: Loaded, occurrence: date, today: date) -> list[TaskView]:
    """The tasks of an occurrence's day (phase `during`) that `event done` settles: not done yet
    and dated up to today (the second day of a two-day event is not over on the first)."""
    views = []
    for number, task in enumerate(loaded.event.tasks, start=1):
        if task.phase != "during":
            continue
        if not repeated(loaded, task) and occurrence != loaded.event.start_date:
            continue  # a series task belongs to the first occurrence
        view = instance(loaded, number, task, occurrence, today)
        if not view.done and (view.end or view.date) <= today:
            views.append(view)
    return views


def around_today(loaded: Loaded, today: date) -> list[date]:
    """The last occurrence before today and the next one from today on."""
    days = []
    last = loaded.schedule.last_before(today - timedelta(days=1))
    following = loaded.schedule.next_after(today - timedelta(days=1))
    for occurrence in (last, following):
        if occurrence is not None:
            days.append(occurrence.day)
    return days


def focus_occurrence(loaded: Loaded, today: date) -> date | None:
    """For `each` tasks: the earliest nearby occurrence with work still to do, else the next."""
    if not loaded.event.recurring:
        return loaded.event.start_date
    candidates = around_today(loaded, today)
    for occurrence in candidates:
        for number, task in enumerate(loaded.event.tasks, start=1):
            if task.each and instance(loaded, number, task, occurrence, today).status in ("open", "overdue"):
                return occurrence
    return candidates[-1] if candidates else None


def overdue_tasks(loaded: Loaded, today: date) -> list[TaskView]:
    if loaded.event.status == "cancelled" or loaded.settled():
        return []
    views = [v for v in series_tasks(loaded, today, None) if v.status == "overdue"]
    if loaded.event.recurring:
        for occurrence in around_today(loaded, today):
            for number, task in enumerate(loaded.event.tasks, start=1):
                if task.each:
                    view = instance(loaded, number, task, occurrence, today)
                    if view.status == "overdue":
                        views.append(view)
    return views


# --- occurrences held, planned or not recorded --------------------------------------------

OccurrenceStatus = Literal["done", "planned", "unrecorded"]


def occurrence_state(loaded: Loaded, occurrence: Occurrence, today: date) -> tuple[OccurrenceStatus, float]:
    """Whether an occurrence was held ("done"), is still to come ("planned", today included),
    or has passed without anyone recording it ("unrecorded"), and the hours it takes."""
    event = loaded.event
    if event.recurring:
        held = next((h for h in event.held if h.on == occurrence.day), None)
        if held is not None:
            return "done", held.hours if held.hours is not None else event.hours
    elif event.status == "done":
        return "done", event.actual_hours if event.actual_hours is not None else event.hours
    return ("unrecorded" if occurrence.day < today else "planned"), event.hours

"""`ccos event task REF check|uncheck|add|remove`: an event's own copy of its playbook."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ccos.capabilities.events import store
from ccos.capabilities.events.inputs import choice, non_negative, occurrence_on, task_index, task_offsets
from ccos.capabilities.events.listing import detail
from ccos.capabilities.events.model import PHASES, ROLES, EventTask
from ccos.capabilities.events.results import EventDetail, TaskView
from ccos.capabilities.events.rules import Loaded, focus_occurrence, instance, repeated
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.naming import clean_name

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def set_task(
    workspace: Workspace, today: date, ref: str, number: str, done: bool, on: str | None
) -> tuple[EventDetail, TaskView]:
    """Tick (or untick) task `number`; a task repeated each time: for one occurrence."""
    found = store.find_event(workspace, ref)
    task_index(number, found.id, len(found.event.tasks))
    picked: list[tuple[int, date]] = []  # the task and its occurrence, from the file under the lock

    def change(doc: Any, loaded: Loaded) -> None:
        index = task_index(number, loaded.id, len(loaded.event.tasks))
        task = loaded.event.tasks[index]
        if repeated(loaded, task):
            occurrence = occurrence_on(loaded.schedule, loaded.id, on, today) if on else focus_occurrence(loaded, today)
            if occurrence is None:
                raise InvalidInput(
                    tr("{id} has no occurrence to tick this task for").format(id=loaded.id), tr("give --on DATE")
                )
            mark_each(doc["tasks"][index], task, occurrence, today if done else None)
        else:
            if on is not None:
                raise InvalidInput(
                    tr("--on is for tasks repeated at each occurrence"), tr("leave --on out for this task")
                )
            occurrence = loaded.event.start_date
            table = doc["tasks"][index]
            table["done"] = done
            if done:
                table["done_on"] = today
            elif "done_on" in table:
                del table["done_on"]
        picked.append((index, occurrence))

    with workspace.locked("event task check" if done else "event task uncheck"):
        saved = store.edit_event(workspace, found.id, change)
    index, occurrence = picked[-1]
    view = instance(saved, index + 1, saved.event.tasks[index], occurrence, today)
    return detail(workspace, saved, today, occurrence if saved.event.recurring else None), view


def mark_each(table: Any, task: EventTask, occurrence: date, ticked: date | None) -> None:
    """Tick an `each` task for one occurrence on the day `ticked` (None: untick it): `done_for`
    holds the occurrence, `ticked_on` the day it was ticked, so a past week shows it then."""
    import tomlkit

    dates = set(task.done_for)
    days = {key.isoformat(): value for key, value in task.ticked_on.items()}
    if ticked is not None:
        dates.add(occurrence)
        days[occurrence.isoformat()] = ticked
    else:
        dates.discard(occurrence)
        days.pop(occurrence.isoformat(), None)
    if "done_for" in table:
        table["done_for"] = sorted(dates)
    else:
        table.add("done_for", sorted(dates))
    if days:
        inline = tomlkit.inline_table()
        inline.update(dict(sorted(days.items())))
        table["ticked_on"] = inline
    elif "ticked_on" in table:
        del table["ticked_on"]


def add_task(
    workspace: Workspace,
    today: date,
    ref: str,
    text: str,
    at: str,
    until: str | None,
    hours: float,
    phase: str | None,
    role: str | None,
    each: bool,
) -> tuple[EventDetail, int]:
    """Add a task of your own; returns the event and the new task's number."""
    text = clean_name(text, tr("task text"))
    days = task_offsets(at, until)
    non_negative(hours, "--hours", "1")
    chosen = choice(phase, PHASES, "--phase") if phase is not None else None
    chosen = chosen or ("before" if days < 0 else "during" if days == 0 else "after")
    chosen_role = choice(role, ROLES, "--role") if role is not None else None
    task = _task(text, chosen, at.strip(), until, hours, chosen_role, each)
    found = store.find_event(workspace, ref)

    def change(doc: Any, _loaded: Loaded) -> None:
        if "tasks" not in doc:
            import tomlkit

            doc.add("tasks", tomlkit.aot())
        doc["tasks"].append(store.task_table(task))

    with workspace.locked("event task add"):
        saved = store.edit_event(workspace, found.id, change)
    return detail(workspace, saved, today), len(saved.event.tasks)


def _task(
    text: str, phase: str, offset: str, until: str | None, hours: float, role: str | None, each: bool
) -> EventTask:
    from pydantic import ValidationError

    try:
        return EventTask.model_validate(
            {"text": text, "phase": phase, "offset": offset, "until": until, "hours": hours, "role": role, "each": each}
        )
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InvalidInput(
            tr("this task does not fit: {reason}").format(reason=message), tr("check --at, --until and --phase")
        ) from None


def remove_task(workspace: Workspace, today: date, ref: str, number: str) -> tuple[EventDetail, EventTask]:
    """Remove task `number`; returns the event and the task removed."""
    found = store.find_event(workspace, ref)
    task_index(number, found.id, len(found.event.tasks))
    removed: list[EventTask] = []  # the task as the file holds it under the lock

    def change(doc: Any, loaded: Loaded) -> None:
        index = task_index(number, loaded.id, len(loaded.event.tasks))
        removed.append(loaded.event.tasks[index])
        del doc["tasks"][index]

    with workspace.locked("event task remove"):
        saved = store.edit_event(workspace, found.id, change)
    return detail(workspace, saved, today), removed[-1]

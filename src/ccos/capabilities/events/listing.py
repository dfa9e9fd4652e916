"""Reading events: the list, one event's detail, the playbooks available."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ccos.capabilities.events import store
from ccos.capabilities.events.inputs import occurrence_on
from ccos.capabilities.events.results import EventDetail, EventSummary, HeldView, PlaybookInfo
from ccos.capabilities.events.rules import Loaded, focus_occurrence, overdue_tasks, series_tasks

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

RECENT_DAYS = 60
UPCOMING_SHOWN = 6


def summary(workspace: Workspace, loaded: Loaded, today: date) -> EventSummary:
    event = loaded.event
    schedule = loaded.schedule
    following = schedule.next_after(today - timedelta(days=1))
    if not event.recurring and event.status == "done":
        following = None
    last = schedule.last_before(today - timedelta(days=1))
    focus = focus_occurrence(loaded, today)
    tasks = series_tasks(loaded, today, focus)
    first = schedule.between(event.start_date, event.start_date, include_cancelled=True)
    start = first[0].iso() if first else event.start_date.isoformat()
    return EventSummary(
        id=loaded.id,
        title=event.title,
        kind=event.kind,
        format=event.format,
        playbook=event.playbook,
        status=event.status,
        recurring=event.recurring,
        repeat=event.repeat,
        repeat_text=event.repeat_text,
        timezone=event.timezone,
        start=start,
        next=following.iso() if following else None,
        last=last.iso() if last else None,
        hours=event.hours,
        expected=event.expected,
        attendees=event.attendees,
        co_organisers=tuple(event.co_organisers),
        tasks_done=sum(1 for t in tasks if t.done),
        tasks_total=len(tasks),
        overdue=len(overdue_tasks(loaded, today)),
        path=workspace.relative(loaded.path),
    )


def list_events(workspace: Workspace, today: date, include_all: bool = False) -> list[EventSummary]:
    """Upcoming events, those of the last 60 days, and any with overdue tasks (all with `include_all`)."""
    shown = []
    for loaded in store.load_events(workspace):
        view = summary(workspace, loaded, today)
        recent = view.last is not None and date.fromisoformat(view.last[:10]) >= today - timedelta(days=RECENT_DAYS)
        if include_all or view.next is not None or recent or view.overdue:
            shown.append(view)
    shown.sort(key=lambda v: ((v.next or v.last or v.start)[:10], v.id))
    return shown


def detail(workspace: Workspace, loaded: Loaded, today: date, on: date | None = None) -> EventDetail:
    """One event: its summary, its tasks by date (`each` tasks for `on` or the focus occurrence), what happened."""
    event = loaded.event
    focus = on if on is not None else focus_occurrence(loaded, today)
    upcoming: tuple[str, ...] = ()
    if event.recurring:
        upcoming = tuple(o.iso() for o in loaded.schedule.between(today, today + timedelta(days=366))[:UPCOMING_SHOWN])
    held = tuple(
        HeldView(on=h.on, attendees=h.attendees, expected=event.expected, hours=h.hours, note=h.note)
        for h in sorted(event.held, key=lambda h: h.on)
    )
    return EventDetail(
        event=summary(workspace, loaded, today),
        focus=focus if event.recurring else None,
        tasks=tuple(sorted(series_tasks(loaded, today, focus), key=lambda t: (t.date, t.number))),
        upcoming=upcoming,
        cancelled_on=tuple(sorted(event.cancelled_on)),
        held=held,
        notes=tuple(event.notes),
        actual_hours=event.actual_hours,
        workspace_zone=workspace.config().profile.timezone,
    )


def show_event(workspace: Workspace, today: date, ref: str, on: str | None = None) -> EventDetail:
    loaded = store.find_event(workspace, ref)
    day = occurrence_on(loaded.schedule, loaded.id, on, today) if on is not None else None
    return detail(workspace, loaded, today, day)


def playbooks(workspace: Workspace) -> list[PlaybookInfo]:
    """Every playbook by name: the workspace's own (`source = "workspace"`) or ccos's."""
    found = []
    for name, path in sorted(store.playbook_files(workspace).items()):
        book = store.read_playbook(workspace, path)
        own = workspace.contains(path)
        found.append(
            PlaybookInfo(
                name=name,
                kind=book.kind,
                title=book.title or name,
                format=book.format,
                tasks=len(book.tasks),
                hours=float(round(sum(t.hours for t in book.tasks), 2)),
                source="workspace" if own else "packaged",
                path=workspace.relative(path) if own else path.as_posix(),
            )
        )
    return found

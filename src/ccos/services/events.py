"""Events: add one from a playbook, lay its tasks out on the calendar, record what happened.

One file per event (`events/<id>.toml`) holds the event, a copy of its playbook's tasks
with their state, the rule of a recurring event and its cancelled dates, and what
happened (attendance, hours, notes). Occurrences are never stored one file each.

Recurring events: a task is dated from the first occurrence (setting up the series),
unless the playbook marks it `each = true`: then it repeats for every occurrence, its
state is the list of occurrences it was done for (`done_for`), and an instance that was
not done is "missed" (no longer planned or warned about) once the next occurrence has come.
A one-off event's preparation tasks are "missed" once its day has passed, and any task
left undone more than 30 days past its date is "missed" too.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ccos.dates import Period, parse_date
from ccos.errors import Ambiguous, InvalidInput, NotFound
from ccos.models.event import (
    EVENT_KINDS,
    FORMATS,
    OFFSET_FORMS,
    PHASES,
    ROLES,
    Event,
    EventDetail,
    EventSummary,
    EventTask,
    HeldView,
    Playbook,
    PlaybookInfo,
    TaskView,
    offset_days,
)
from ccos.models.naming import Named, clean_name, make_id, name_key, resolve, unique_id
from ccos.models.plan import Commitment, CommitmentStatus, ProgressRow, ProgressState, Warning
from ccos.planning.seam import SourceContext
from ccos.services.event_time import Occurrence, Schedule, first_occurrence, local_start, parse_repeat, with_until
from ccos.storage.templates import list_templates
from ccos.storage.workspace import Workspace

FOLDER = "events"
RECENT_DAYS = 60
TREND_COUNT = 5


@dataclass
class Loaded:
    id: str
    path: Path
    event: Event
    schedule: Schedule = field(init=False)

    def __post_init__(self) -> None:
        self.schedule = Schedule(self.event)

    def settled(self) -> bool:
        """A one-off event whose every task is done: nothing of it can be open or overdue."""
        return not self.event.recurring and all(task.done for task in self.event.tasks)

    def task_span(self) -> tuple[int, int]:
        """The earliest and latest task day, in days from an occurrence (0, 0 without tasks)."""
        lows = [task.days for task in self.event.tasks]
        highs = [task.until_days if task.until_days is not None else task.days for task in self.event.tasks]
        return min(lows, default=0), max(highs, default=0)


# --- reading -----------------------------------------------------------------------------


def event_path(workspace: Workspace, event_id: str) -> Path:
    return workspace.folder(FOLDER) / f"{event_id}.toml"


def load_events(workspace: Workspace) -> list[Loaded]:
    folder = workspace.folder(FOLDER)
    if not folder.is_dir():
        return []
    return [Loaded(path.stem, path, workspace.load(path, Event)) for path in sorted(folder.glob("*.toml"))]


def find_event(workspace: Workspace, ref: str) -> Loaded:
    """By id, title or unique prefix (the contract); else by kind or a word of the title, when unique."""
    events = load_events(workspace)
    try:
        named = resolve(ref, [Named(e.id, e.event.title) for e in events], "event", "ccos event list --all")
    except NotFound:
        wanted = name_key(ref)
        matches = [e for e in events if e.event.kind == wanted or wanted in name_key(e.event.title)]
        live = [e for e in matches if e.event.status != "cancelled"]
        matches = live if len(live) == 1 else matches
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = ", ".join(f"{e.id} ({e.event.title})" for e in matches[:8])
            raise Ambiguous(f"event {ref!r} is ambiguous: {listed}", "give more of the title, or the id") from None
        raise
    return next(e for e in events if e.id == named.id)


def playbooks(workspace: Workspace) -> list[PlaybookInfo]:
    language = workspace.config().profile.language
    found = []
    for name, path in sorted(list_templates("playbooks", language, workspace.root).items()):
        book = workspace.load(path, Playbook)
        found.append(
            PlaybookInfo(
                name=name,
                kind=book.kind,
                title=book.title or name,
                format=book.format,
                tasks=len(book.tasks),
                hours=round(sum(t.hours for t in book.tasks), 2),
                source="workspace" if workspace.contains(path) else "packaged",
                path=workspace.display(path),
            )
        )
    return found


def load_playbook(workspace: Workspace, name: str) -> tuple[str, Playbook]:
    language = workspace.config().profile.language
    available = list_templates("playbooks", language, workspace.root)
    key = name.strip().lower()
    if key not in available:
        raise InvalidInput(
            f"invalid value for --playbook: unknown playbook {name!r}",
            f"use one of: {', '.join(sorted(available))} (see `ccos event playbooks`), "
            "or add your own as WORKSPACE/templates/playbooks/NAME.toml",
        )
    return key, workspace.load(available[key], Playbook)


# --- task instances ----------------------------------------------------------------------


def _instance(loaded: Loaded, number: int, task: EventTask, occurrence: date, today: date) -> TaskView:
    event = loaded.event
    day = occurrence + timedelta(days=task.days)
    end = None if task.until_days is None else occurrence + timedelta(days=task.until_days)
    each = task.each and event.recurring
    done = occurrence in task.done_for if each else task.done
    if done:
        status = "done"
    elif _expired(loaded, occurrence, today) if each else _moot(task, occurrence, end or day, today):
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
    )


STALE_AFTER_DAYS = 30


def _moot(task: EventTask, occurrence: date, last_day: date, today: date) -> bool:
    """A task that can no longer be done in any useful sense: "missed", not overdue.

    Preparation (`before`, `during`) stops mattering once the event's day has passed, and
    anything left undone more than 30 days past its date is history, not a to-do (ten
    years of unticked playbooks must not flood the warnings).
    """
    if task.phase in ("before", "during") and occurrence < today:
        return True
    return (today - last_day).days > STALE_AFTER_DAYS


def _expired(loaded: Loaded, occurrence: date, today: date) -> bool:
    """An `each` instance stops mattering once the next occurrence has come (or before the event was added)."""
    created = loaded.event.created
    if created is not None and occurrence < created:
        return True
    following = loaded.schedule.next_after(occurrence)
    return following is not None and following.day <= today


def series_tasks(loaded: Loaded, today: date, focus: date | None) -> list[TaskView]:
    """Every task once: series tasks on the first occurrence, `each` tasks for `focus`."""
    views = []
    for number, task in enumerate(loaded.event.tasks, start=1):
        if task.each and loaded.event.recurring:
            if focus is not None:
                views.append(_instance(loaded, number, task, focus, today))
        else:
            views.append(_instance(loaded, number, task, loaded.event.start_date, today))
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
        if task.each and loaded.event.recurring:
            occurrences = [
                o.day for o in loaded.schedule.between(first - timedelta(days=high), last - timedelta(days=low))
            ]
        else:
            occurrences = [loaded.event.start_date]
        for occurrence in occurrences:
            view = _instance(loaded, number, task, occurrence, today)
            if view.date <= last and (view.end or view.date) >= first:
                views.append(view)
    return views


def _around_today(loaded: Loaded, today: date) -> list[date]:
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
    candidates = _around_today(loaded, today)
    for occurrence in candidates:
        for number, task in enumerate(loaded.event.tasks, start=1):
            if task.each and _instance(loaded, number, task, occurrence, today).status in ("open", "overdue"):
                return occurrence
    return candidates[-1] if candidates else None


def overdue_tasks(loaded: Loaded, today: date) -> list[TaskView]:
    if loaded.event.status == "cancelled" or loaded.settled():
        return []
    views = [v for v in series_tasks(loaded, today, None) if v.status == "overdue"]
    if loaded.event.recurring:
        for occurrence in _around_today(loaded, today):
            for number, task in enumerate(loaded.event.tasks, start=1):
                if task.each:
                    view = _instance(loaded, number, task, occurrence, today)
                    if view.status == "overdue":
                        views.append(view)
    return views


# --- views -------------------------------------------------------------------------------


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
        co_organisers=list(event.co_organisers),
        tasks_done=sum(1 for t in tasks if t.done),
        tasks_total=len(tasks),
        overdue=len(overdue_tasks(loaded, today)),
        path=workspace.display(loaded.path),
    )


def list_events(workspace: Workspace, today: date, include_all: bool = False) -> list[EventSummary]:
    """Upcoming events, those of the last 60 days, and any with overdue tasks (all with `include_all`)."""
    shown = []
    for loaded in load_events(workspace):
        view = summary(workspace, loaded, today)
        recent = view.last is not None and date.fromisoformat(view.last[:10]) >= today - timedelta(days=RECENT_DAYS)
        if include_all or view.next is not None or recent or view.overdue:
            shown.append(view)
    shown.sort(key=lambda v: ((v.next or v.last or v.start)[:10], v.id))
    return shown


def detail(workspace: Workspace, loaded: Loaded, today: date, on: date | None = None) -> EventDetail:
    event = loaded.event
    focus = on if on is not None else focus_occurrence(loaded, today)
    upcoming: list[str] = []
    if event.recurring:
        upcoming = [o.iso() for o in loaded.schedule.between(today, today + timedelta(days=366))[:6]]
    held = [
        HeldView(on=h.on, attendees=h.attendees, expected=event.expected, hours=h.hours, note=h.note)
        for h in sorted(event.held, key=lambda h: h.on)
    ]
    return EventDetail(
        event=summary(workspace, loaded, today),
        focus=focus if event.recurring else None,
        tasks=sorted(series_tasks(loaded, today, focus), key=lambda t: (t.date, t.number)),
        upcoming=upcoming,
        cancelled_on=sorted(event.cancelled_on),
        held=held,
        notes=list(event.notes),
        actual_hours=event.actual_hours,
    )


def show_event(workspace: Workspace, today: date, ref: str, on: str | None = None) -> EventDetail:
    loaded = find_event(workspace, ref)
    day = _occurrence_option(loaded, on, today) if on is not None else None
    return detail(workspace, loaded, today, day)


# --- adding ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewEvent:
    title: str
    kind: str | None
    format: str | None
    date: str | None
    repeat: str | None
    from_: str | None
    until: str | None
    hours: float | None
    expect: int | None
    with_: str | None
    playbook: str | None
    note: str | None


def _choice(value: str, allowed: Iterable[str], option: str) -> str:
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
    if len(note) > 4000:
        raise InvalidInput(f"the note is {len(note)} characters long", "keep it under 4000 characters")
    return note


def co_organisers(text: str | None) -> list[str]:
    if text is None:
        return []
    names = [part for part in _split_names(text) if part.strip()]
    cleaned = [clean_name(name, "co-organiser's name") for name in names]
    unique: dict[str, str] = {}
    for name in cleaned:
        unique.setdefault(name_key(name), name)
    if not unique:
        raise InvalidInput("--with names nobody", 'list names separated by commas, e.g. --with "李雷, Ann"')
    return list(unique.values())


def _split_names(text: str) -> list[str]:
    for separator in ("，", "、", ";", "；"):
        text = text.replace(separator, ",")
    return text.split(",")


def _non_negative(value: float | None, option: str, example: str) -> None:
    if value is not None and value < 0:
        raise InvalidInput(f"{option} must be 0 or more (got {value:g})", f"give e.g. {option} {example}")


def add_event(workspace: Workspace, today: date, new: NewEvent, machine_zone: str | None) -> EventDetail:
    """Validate everything, then write `events/<id>.toml` under the lock."""
    title = clean_name(new.title, "title")
    kind = _choice(new.kind, EVENT_KINDS, "--kind") if new.kind is not None else None
    if kind is None and new.playbook is None:
        raise InvalidInput("say what kind of event this is with --kind", f"use one of: {', '.join(EVENT_KINDS)}")
    playbook_name, book = load_playbook(workspace, new.playbook or kind or "")
    kind = kind or book.kind
    fmt = _choice(new.format, FORMATS, "--format") if new.format is not None else book.format
    _non_negative(new.hours, "--hours", "4")
    _non_negative(new.expect, "--expect", "60")
    config = workspace.config()
    hours = new.hours if new.hours is not None else config.estimates.event_hours(kind)
    zone_name = config.profile.timezone or machine_zone
    if not zone_name:
        raise InvalidInput(
            "cannot tell this machine's time zone (TZ is not an IANA name and /etc/localtime names none)",
            'set it in ccos.toml: timezone = "Europe/Berlin" under [profile]',
        )
    start, fold, rule, repeat_text = _when(new, today, zone_name)
    people = co_organisers(new.with_)
    notes = [clean_note(new.note)] if new.note is not None else []

    import tomlkit

    with workspace.locked("event add"):
        existing = load_events(workspace)
        twin = next((e for e in existing if name_key(e.event.title) == name_key(title)), None)
        if twin is not None:
            raise InvalidInput(
                f"an event named {twin.event.title!r} exists already ({twin.id})",
                "give this one another title, e.g. with a number or a date",
            )
        event_id = unique_id(make_id(title), {e.id for e in existing})
        doc = tomlkit.document()
        doc.add(tomlkit.comment("A ccos event. Edit it by hand or with `ccos event ...`; see docs/events.md."))
        doc.add(tomlkit.comment("start is wall-clock time in `timezone`; tasks were copied from the playbook."))
        doc.add("title", title)
        doc.add("kind", kind)
        doc.add("format", fmt)
        doc.add("playbook", playbook_name)
        doc.add("start", start)
        if fold:
            doc.add("fold", fold)
        doc.add("timezone", zone_name)
        doc.add("hours", hours)
        if rule is not None:
            doc.add("repeat", rule)
            doc.add("repeat_text", repeat_text)
            doc.add("cancelled_on", tomlkit.array())
        doc.add("co_organisers", people)
        if new.expect is not None:
            doc.add("expected", new.expect)
        doc.add("status", "planned")
        doc.add("notes", notes)
        doc.add("created", today)
        tasks = tomlkit.aot()
        for task in book.tasks:
            tasks.append(_task_table(EventTask.model_validate(task.model_dump(exclude_none=True))))
        doc.add("tasks", tasks)
        path = event_path(workspace, event_id)
        loaded = _save(workspace, path, doc)
    return detail(workspace, loaded, today)


def _when(new: NewEvent, today: date, zone_name: str) -> tuple[datetime | date, int, str | None, str | None]:
    """(start, fold, rule, repeat text) from --date, --repeat, --from and --until."""
    if new.repeat is None:
        if new.from_ is not None or new.until is not None:
            raise InvalidInput("--from and --until go with --repeat", 'add e.g. --repeat "weekly on thu at 20:00"')
        if new.date is None:
            raise InvalidInput("give the event's date with --date", 'e.g. --date "2026-12-12 14:00"')
        start, fold = local_start(new.date, today, zone_name, "--date")
        return start, fold, None, None
    repeat = parse_repeat(new.repeat)
    given: tuple[datetime | date, int] | None = None
    if new.date is not None:
        given = local_start(new.date, today, zone_name, "--date")
    if new.from_ is not None:
        first_day = parse_date(new.from_, today, "--from")
    elif given is not None:
        first_day = given[0].date() if isinstance(given[0], datetime) else given[0]
    else:
        first_day = today
    until = parse_date(new.until, today, "--until") if new.until is not None else None
    if until is not None and until < first_day:
        raise InvalidInput(f"--until {until} is before --from {first_day}", "give an --until on or after the first day")
    at = repeat.at
    if at is None and given is not None and isinstance(given[0], datetime):
        at = (given[0].hour, given[0].minute)
    rule = repeat.rule if until is None else with_until(repeat.rule, until)
    dtstart = datetime(first_day.year, first_day.month, first_day.day, *(at or (0, 0)))
    found = first_occurrence(rule, dtstart)
    if found is None:
        raise InvalidInput(
            f"--repeat {new.repeat!r} has no occurrence "
            + (f"between {first_day} and {until}" if until is not None else f"from {first_day} on"),
            "widen --from/--until or change the rule",
        )
    if at is None:
        return found.date(), 0, rule, " ".join(new.repeat.split())
    checked, fold = local_start(f"{found:%Y-%m-%d %H:%M}", today, zone_name, "--repeat")
    return checked, fold, rule, " ".join(new.repeat.split())


def _task_table(task: EventTask) -> Any:
    import tomlkit

    table = tomlkit.table()
    table.add("text", task.text)
    table.add("phase", task.phase)
    table.add("offset", task.offset)
    if task.until is not None:
        table.add("until", task.until)
    table.add("hours", task.hours)
    if task.role is not None:
        table.add("role", task.role)
    if task.each:
        table.add("each", True)
    table.add("done", task.done)
    return table


def _save(workspace: Workspace, path: Path, doc: Any) -> Loaded:
    import tomlkit

    text = tomlkit.dumps(doc)
    event = workspace.validate(path, text, tomllib.loads(text), Event)
    workspace.write_text(path, text)
    return Loaded(path.stem, path, event)


def _document(workspace: Workspace, loaded: Loaded) -> Any:
    import tomlkit

    fresh = workspace.load(loaded.path, Event)  # re-read under the lock, strictly
    loaded.event = fresh
    loaded.schedule = Schedule(fresh)
    return tomlkit.parse(workspace.read_text(loaded.path))


# --- changing an event -------------------------------------------------------------------


def _task_number(loaded: Loaded, number: str) -> int:
    text = number.strip()
    count = len(loaded.event.tasks)
    if not text.isdigit() or not 1 <= int(text) <= count:
        raise NotFound(
            f"no task {text!r} in {loaded.id} (it has {count} task{'s' if count != 1 else ''})",
            f"see the numbers with `ccos event show {loaded.id}`",
        )
    return int(text) - 1


def _occurrence_option(loaded: Loaded, on: str, today: date) -> date:
    day = parse_date(on, today, "--on")
    if not loaded.schedule.is_occurrence(day):
        near = ", ".join(str(d) for d in loaded.schedule.near(day)) or "none"
        raise InvalidInput(f"--on {day}: {loaded.id} does not take place that day", f"its occurrences near it: {near}")
    return day


def set_task(
    workspace: Workspace, today: date, ref: str, number: str, done: bool, on: str | None
) -> tuple[EventDetail, TaskView]:
    loaded = find_event(workspace, ref)
    index = _task_number(loaded, number)
    with workspace.locked("event task check" if done else "event task uncheck"):
        doc = _document(workspace, loaded)
        index = _task_number(loaded, number)
        task = loaded.event.tasks[index]
        table = doc["tasks"][index]
        if task.each and loaded.event.recurring:
            occurrence = _occurrence_option(loaded, on, today) if on else focus_occurrence(loaded, today)
            if occurrence is None:
                raise InvalidInput(f"{loaded.id} has no occurrence to tick this task for", "give --on DATE")
            dates = set(task.done_for)
            if done:
                dates.add(occurrence)
            else:
                dates.discard(occurrence)
            if "done_for" in table:
                table["done_for"] = sorted(dates)
            else:
                table.add("done_for", sorted(dates))
        else:
            if on is not None:
                raise InvalidInput("--on is for tasks repeated at each occurrence", "leave --on out for this task")
            occurrence = loaded.event.start_date
            table["done"] = done
            if done:
                table["done_on"] = today
            elif "done_on" in table:
                del table["done_on"]
        saved = _save(workspace, loaded.path, doc)
    view = _instance(saved, index + 1, saved.event.tasks[index], occurrence, today)
    return detail(workspace, saved, today, occurrence if saved.event.recurring else None), view


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
    text = clean_name(text, "task text")
    days = offset_days(at)
    if days is None:
        raise InvalidInput(f"invalid value for --at: {at!r}", f"use {OFFSET_FORMS}")
    if until is not None:
        until_days = offset_days(until)
        if until_days is None:
            raise InvalidInput(f"invalid value for --until: {until!r}", f"use {OFFSET_FORMS}")
        if until_days < days:
            raise InvalidInput(f"--until {until} is before --at {at}", "the window must end on or after its start")
    _non_negative(hours, "--hours", "1")
    chosen = _choice(phase, PHASES, "--phase") if phase is not None else None
    chosen = chosen or ("before" if days < 0 else "during" if days == 0 else "after")
    chosen_role = _choice(role, ROLES, "--role") if role is not None else None
    try:
        task = EventTask(
            text=text, phase=chosen, offset=at.strip(), until=until, hours=hours, role=chosen_role, each=each
        )
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InvalidInput(f"this task does not fit: {message}", "check --at, --until and --phase") from None
    loaded = find_event(workspace, ref)
    with workspace.locked("event task add"):
        doc = _document(workspace, loaded)
        if "tasks" not in doc:
            import tomlkit

            doc.add("tasks", tomlkit.aot())
        doc["tasks"].append(_task_table(task))
        saved = _save(workspace, loaded.path, doc)
    return detail(workspace, saved, today), len(saved.event.tasks)


def remove_task(workspace: Workspace, today: date, ref: str, number: str) -> tuple[EventDetail, EventTask]:
    loaded = find_event(workspace, ref)
    _task_number(loaded, number)
    with workspace.locked("event task remove"):
        doc = _document(workspace, loaded)
        index = _task_number(loaded, number)
        removed = loaded.event.tasks[index]
        del doc["tasks"][index]
        saved = _save(workspace, loaded.path, doc)
    return detail(workspace, saved, today), removed


def record_done(
    workspace: Workspace,
    today: date,
    ref: str,
    attendees: int | None,
    hours: float | None,
    note: str | None,
    on: str | None,
) -> tuple[EventDetail, date]:
    """Record what happened: attendance, the hours it took, a note."""
    _non_negative(attendees, "--attendees", "48")
    _non_negative(hours, "--hours", "6")
    cleaned = clean_note(note) if note is not None else None
    loaded = find_event(workspace, ref)
    if loaded.event.status == "cancelled":
        raise InvalidInput(f"{loaded.id} is cancelled", "nothing to record for a cancelled event")
    with workspace.locked("event done"):
        doc = _document(workspace, loaded)
        event = loaded.event
        if event.recurring:
            if on is not None:
                day = _occurrence_option(loaded, on, today)
                if day in event.cancelled_on:
                    raise InvalidInput(f"--on {day}: that occurrence is cancelled", "pick another date")
            else:
                last = loaded.schedule.last_before(today)
                if last is None:
                    raise InvalidInput(f"{loaded.id} has not taken place yet", "record it after the day")
                day = last.day
            if day > today:
                raise InvalidInput(f"--on {day} is in the future", "record an occurrence after it took place")
            _record_held(doc, event, day, attendees, hours, cleaned)
        else:
            if on is not None and parse_date(on, today, "--on") != event.start_date:
                raise InvalidInput(f"--on: {loaded.id} takes place on {event.start_date}", "leave --on out")
            day = event.start_date
            if day > today:
                raise InvalidInput(f"{loaded.id} takes place on {day}, after today", "record it after the day")
            doc["status"] = "done"
            if attendees is not None:
                doc["attendees"] = attendees
            if hours is not None:
                doc["actual_hours"] = hours
            if cleaned is not None:
                _append_note(doc, cleaned)
        saved = _save(workspace, loaded.path, doc)
    return detail(workspace, saved, today), day


def _append_note(doc: Any, note: str) -> None:
    if "notes" in doc:
        doc["notes"].append(note)
    else:
        doc["notes"] = [note]


def _record_held(
    doc: Any, event: Event, day: date, attendees: int | None, hours: float | None, note: str | None
) -> None:
    import tomlkit

    if "held" not in doc:
        doc.add("held", tomlkit.aot())
    index = next((i for i, h in enumerate(event.held) if h.on == day), None)
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
    loaded = find_event(workspace, ref)
    if on is not None and not loaded.event.recurring:
        raise InvalidInput(f"{loaded.id} is not recurring: --on is for one occurrence", "cancel it without --on")
    with workspace.locked("event cancel"):
        doc = _document(workspace, loaded)
        event = loaded.event
        if on is None:
            if event.status == "cancelled":
                return detail(workspace, loaded, today), None, False
            doc["status"] = "cancelled"
            saved = _save(workspace, loaded.path, doc)
            return detail(workspace, saved, today), None, True
        day = _occurrence_option(loaded, on, today)
        if day in event.cancelled_on:
            return detail(workspace, loaded, today), day, False
        if "cancelled_on" in doc:
            doc["cancelled_on"].append(day)
        else:
            doc["cancelled_on"] = [day]
        saved = _save(workspace, loaded.path, doc)
    return detail(workspace, saved, today), day, True


# --- the seam ----------------------------------------------------------------------------


def _loaded(ctx: SourceContext) -> list[Loaded]:
    if "events" not in ctx.memo:
        ctx.memo["events"] = load_events(ctx.workspace)
    events: list[Loaded] = ctx.memo["events"]
    return events


def _occurrence_status(loaded: Loaded, occurrence: Occurrence) -> tuple[CommitmentStatus, float]:
    event = loaded.event
    if event.recurring:
        held = next((h for h in event.held if h.on == occurrence.day), None)
        if held is not None:
            return "done", held.hours if held.hours is not None else event.hours
        return "planned", event.hours
    if event.status == "done":
        return "done", event.actual_hours if event.actual_hours is not None else event.hours
    return "planned", event.hours


def _held_in(ctx: SourceContext, first: date, last: date) -> Iterator[tuple[Loaded, Occurrence]]:
    for loaded in _loaded(ctx):
        for occurrence in loaded.schedule.between(first, last):
            yield loaded, occurrence


class EventSource:
    """Events in `plan` and `status`: the day itself, playbook tasks, warnings, progress."""

    name = "events"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        for loaded, occurrence in _held_in(ctx, period.start, period.end):
            status, hours = _occurrence_status(loaded, occurrence)
            yield Commitment(
                type="event",
                id=f"event:{loaded.id}:{occurrence.day}",
                title=loaded.event.title,
                stream="events",
                hours=hours,
                date=occurrence.day,
                status=status,
                fixed=True,
                priority=2,
                ref=loaded.id,
            )
        for loaded in _loaded(ctx):
            if loaded.event.status == "cancelled":
                continue
            for task in tasks_between(loaded, ctx.today, period.start, period.end):
                if task.status == "missed":
                    continue
                suffix = f":{task.occurrence}" if task.each else ""
                window: dict[str, Any] = (
                    {"start": task.date, "end": task.end} if task.end is not None else {"date": task.date}
                )
                yield Commitment(
                    type="event_task",
                    id=f"event:{loaded.id}:task:{task.number}{suffix}",
                    title=f"{task.text} · {loaded.event.title}",
                    stream="events",
                    hours=task.hours,
                    status=task.status,
                    priority=1,
                    ref=f"{loaded.id} {task.number}",
                    **window,
                )

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        current = period.contains(ctx.today)
        for loaded in _loaded(ctx):
            late = [t for t in overdue_tasks(loaded, ctx.today) if current or period.contains(t.end or t.date)]
            if late:
                listed = "; ".join(f"{t.number}. {t.text} ({t.end or t.date})" for t in late[:3])
                more = f" and {len(late) - 3} more" if len(late) > 3 else ""
                yield Warning(
                    code="event_task_overdue",
                    message=(
                        f"{loaded.event.title}: {len(late)} playbook task{'s are' if len(late) != 1 else ' is'} "
                        f"past {'their' if len(late) != 1 else 'its'} date: {listed}{more}; "
                        f"tick with `ccos event task {loaded.id} check N`"
                    ),
                    subject=loaded.id,
                )
        wanted = ctx.config.targets.events_per_quarter
        if period.kind == "quarter" and wanted > 0 and not any(True for _ in _held_in(ctx, period.start, period.end)):
            yield Warning(
                code="no_event_this_quarter",
                message=f"no event held or planned in {period.id} (target: {wanted} a quarter); "
                "plan one with `ccos event add`",
            )

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        if period.kind == "quarter":
            occurrences = list(_held_in(ctx, period.start, period.end))
            held = sum(1 for loaded, o in occurrences if _occurrence_status(loaded, o)[0] == "done")
            target = ctx.config.targets.events_per_quarter
            yield ProgressRow(
                source=self.name,
                key="events_quarter",
                label="events this quarter",
                period="quarter",
                actual=len(occurrences),
                target=target,
                unit="events",
                state="ok" if len(occurrences) >= target else "behind",
                detail=f"{held} held, {len(occurrences) - held} planned",
            )
        if period.kind != "week":
            return
        yield self._next_event(ctx)
        attendance = self._attendance(ctx)
        if attendance is not None:
            yield attendance
        yield self._co_organised(ctx)

    def _next_event(self, ctx: SourceContext) -> ProgressRow:
        best: tuple[date, Loaded] | None = None
        for loaded in _loaded(ctx):
            if not loaded.event.recurring and loaded.event.status != "planned":
                continue
            following = loaded.schedule.next_after(ctx.today - timedelta(days=1))
            if following is not None and (best is None or (following.day, loaded.id) < (best[0], best[1].id)):
                best = (following.day, loaded)
        if best is None:
            return ProgressRow(
                source=self.name, key="next_event", label="next event", period="now", actual=0,
                unit="tasks", state="info", detail="none planned; add one with `ccos event add`",
            )  # fmt: skip
        day, loaded = best
        tasks = (
            series_tasks(loaded, ctx.today, day) if loaded.event.recurring else series_tasks(loaded, ctx.today, None)
        )
        done = sum(1 for t in tasks if t.done)
        overdue = sum(1 for t in tasks if t.status == "overdue")
        days = (day - ctx.today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        return ProgressRow(
            source=self.name,
            key="next_event",
            label="next event: playbook",
            period="now",
            actual=done,
            target=len(tasks),
            unit="tasks",
            state="behind" if overdue else ("ok" if done >= len(tasks) else "info"),
            detail=f"{loaded.event.title} · {day} ({when})" + (f" · {overdue} overdue" if overdue else ""),
        )

    def _attendance(self, ctx: SourceContext) -> ProgressRow | None:
        records: list[tuple[date, int, int | None]] = []
        for loaded in _loaded(ctx):
            event = loaded.event
            if event.recurring:
                records.extend((h.on, h.attendees, event.expected) for h in event.held if h.attendees is not None)
            elif event.status == "done" and event.attendees is not None:
                records.append((event.start_date, event.attendees, event.expected))
        records = sorted(r for r in records if r[0] <= ctx.today)[-TREND_COUNT:]
        if not records:
            return None
        actual = sum(r[1] for r in records)
        expected = [r[2] for r in records if r[2] is not None]
        target = float(sum(expected)) if expected else None
        trend = " → ".join(f"{a}/{e}" if e is not None else f"{a}" for _, a, e in records)
        state: ProgressState = "info" if target is None else ("ok" if actual >= target else "behind")
        return ProgressRow(
            source=self.name,
            key="event_attendance",
            label=f"attendance, last {len(records)} event{'s' if len(records) != 1 else ''}",
            period="now",
            actual=actual,
            target=target,
            unit="people",
            state=state,
            detail=f"actual/expected: {trend}",
        )

    def _co_organised(self, ctx: SourceContext) -> ProgressRow:
        year = ctx.today.year
        this_year = [loaded for loaded in _loaded(ctx) if loaded.schedule.between(date(year, 1, 1), date(year, 12, 31))]
        shared = sum(1 for loaded in this_year if loaded.event.co_organisers)
        return ProgressRow(
            source=self.name,
            key="events_co_organised",
            label=f"events with a co-organiser in {year}",
            period="now",
            actual=shared,
            target=len(this_year),
            unit="events",
            state="info",
            detail="grow other organisers and share the load (§5.3, §7.2)",
        )

"""`ccos event add`: a new event file with a copy of its playbook's tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ccos.capabilities.events import store
from ccos.capabilities.events.inputs import choice, clean_note, co_organisers, non_negative, when
from ccos.capabilities.events.listing import detail
from ccos.capabilities.events.model import EVENT_KINDS, FORMATS, EventTask, Playbook
from ccos.capabilities.events.results import EventDetail
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.naming import clean_name, name_key

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


@dataclass(frozen=True)
class NewEvent:
    """What `event add` was given, as typed."""

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


@dataclass(frozen=True)
class _Checked:
    """A new event with every option checked: what its file will hold."""

    title: str
    kind: str
    format: str
    playbook: str
    book: Playbook
    start: datetime | date
    fold: int
    zone: str
    hours: float
    rule: str | None
    repeat_text: str | None
    people: list[str]
    expected: int | None
    notes: list[str]
    created: date


def add_event(workspace: Workspace, today: date, new: NewEvent, machine_zone: str | None) -> EventDetail:
    """Validate everything, then write `events/<id>.toml` under the lock."""
    checked = _check(workspace, today, new, machine_zone)
    with workspace.locked("event add"):
        events = store.collection(workspace)
        twin = next((e for e in events.entries() if name_key(e.record.title) == name_key(checked.title)), None)
        if twin is not None:
            raise InvalidInput(
                tr("an event named {title} exists already ({id})").format(title=repr(twin.record.title), id=twin.id),
                tr("give this one another title, e.g. with a number or a date"),
            )
        event_id = events.new_id(checked.title)
        loaded = store.create_event(workspace, event_id, _document(checked))
    return detail(workspace, loaded, today)


def _check(workspace: Workspace, today: date, new: NewEvent, machine_zone: str | None) -> _Checked:
    title = clean_name(new.title, tr("title"))
    kind = choice(new.kind, EVENT_KINDS, "--kind") if new.kind is not None else None
    if kind is None and new.playbook is None:
        raise InvalidInput(
            tr("say what kind of event this is with {option}").format(option="--kind"),
            tr("use one of: {choices}").format(choices=", ".join(EVENT_KINDS)),
        )
    playbook_name, book = store.load_playbook(workspace, new.playbook or kind or "")
    kind = kind or book.kind
    fmt = choice(new.format, FORMATS, "--format") if new.format is not None else book.format
    non_negative(new.hours, "--hours", "4")
    non_negative(new.expect, "--expect", "60")
    config = workspace.config()
    hours = new.hours if new.hours is not None else config.estimates.event_hours(kind)
    zone_name = config.profile.timezone or machine_zone
    if not zone_name:
        raise InvalidInput(
            tr("cannot tell this machine's time zone (TZ is not an IANA name and /etc/localtime names none)"),
            tr("set it in ccos.toml: {setting} under [profile]").format(setting='timezone = "Europe/Berlin"'),
        )
    start, fold, rule, repeat_text = when(
        today, zone_name, date_=new.date, repeat=new.repeat, from_=new.from_, until=new.until
    )
    people = co_organisers(new.with_)
    notes = [clean_note(new.note)] if new.note is not None else []
    return _Checked(
        title=title, kind=kind, format=fmt, playbook=playbook_name, book=book, start=start, fold=fold,
        zone=zone_name, hours=hours, rule=rule, repeat_text=repeat_text, people=people, expected=new.expect,
        notes=notes, created=today,
    )  # fmt: skip


def _document(new: _Checked) -> str:
    import tomlkit

    doc: Any = tomlkit.document()
    doc.add(tomlkit.comment(tr("A ccos event. Edit it by hand or with `ccos event ...`; see docs/events.md.")))
    doc.add(tomlkit.comment(tr("start is wall-clock time in `timezone`; tasks were copied from the playbook.")))
    doc.add("title", new.title)
    doc.add("kind", new.kind)
    doc.add("format", new.format)
    doc.add("playbook", new.playbook)
    doc.add("start", new.start)
    if new.fold:
        doc.add("fold", new.fold)
    doc.add("timezone", new.zone)
    doc.add("hours", new.hours)
    if new.rule is not None:
        doc.add("repeat", new.rule)
        doc.add("repeat_text", new.repeat_text)
        doc.add("cancelled_on", tomlkit.array())
    doc.add("co_organisers", new.people)
    if new.expected is not None:
        doc.add("expected", new.expected)
    doc.add("status", "planned")
    doc.add("notes", new.notes)
    doc.add("created", new.created)
    tasks = tomlkit.aot()
    for task in new.book.tasks:
        tasks.append(store.task_table(EventTask.model_validate(task.model_dump(exclude_none=True))))
    doc.add("tasks", tasks)
    return tomlkit.dumps(doc)

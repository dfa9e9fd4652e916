"""Logging a session (or planning one), and closing an action item agreed in one.

One `mentee log` reads the profiles once and the mentee's sessions once (under the lock,
after the checks that need no file) and validates the file it writes once. With `--edit` the
request is also prepared before the editor opens (a wrong name stops before any typing; the
lock is not held while the person writes), then again under the lock.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ccos.capabilities.mentoring import rules
from ccos.capabilities.mentoring.model import Session
from ccos.capabilities.mentoring.rules import OpenAction
from ccos.capabilities.mentoring.store import (
    SessionRecord,
    actions_of,
    find_mentee,
    kept_note,
    load_sessions,
    new_session_path,
    rewrite_front,
    sort_sessions,
    write_session_file,
)
from ccos.errors import InvalidInput, NotFound
from ccos.i18n import tr
from ccos.models.naming import clean_name
from ccos.storage.markdown import join_front_matter
from ccos.storage.workspace import Workspace
from ccos.words import count


@dataclass(frozen=True)
class LogRequest:
    """What the person asked for, as given (`time`: on --date; `clock`: now, for the file name)."""

    ref: str
    day: date
    time: tuple[int, int] | None = None
    clock: tuple[int, int] | None = None
    minutes: int | None = None
    topics: tuple[str, ...] = ()
    next_items: tuple[str, ...] = ()
    planned: bool = False


@dataclass(frozen=True)
class LogDraft:
    """A session checked and ready to write, before any notes (or the editor) are added."""

    mentee_id: str
    name: str
    goals: tuple[str, ...]
    day: date
    time: str | None
    hhmm: str
    planned: bool
    minutes: int
    topics: list[str]
    next_items: list[str]


@dataclass(frozen=True)
class LogResult:
    name: str  # the mentee's
    path: str  # workspace-relative, `/`-separated
    session: Session
    fulfilled: bool  # a planned session on that day became this held one
    open_actions: list[OpenAction]


def _checked(today: date, request: LogRequest) -> tuple[list[str], list[str]]:
    """What needs no file: the date, the minutes, the topics and action items (cleaned)."""
    rules.check_log(today, request.day, request.minutes, request.planned)
    topics = [clean_name(topic, "topic") for topic in request.topics]
    return topics, [clean_name(item, "action item") for item in request.next_items]


def prepare_log(workspace: Workspace, today: date, request: LogRequest) -> LogDraft:
    """Validate everything about a log (reading the profiles once): nothing is written here."""
    topics, next_items = _checked(today, request)
    record = find_mentee(workspace, request.ref)
    mentee = record.mentee
    if mentee.status == "graduated":
        if mentee.graduated_on:
            said = tr("{name} graduated on {day}").format(name=mentee.name, day=mentee.graduated_on.isoformat())
        else:
            said = tr("{name} graduated on an earlier day").format(name=mentee.name)
        raise InvalidInput(said, tr("sessions are logged for active or paused mentees only"))
    time, clock = request.time, request.clock
    when = time or clock or (0, 0)
    return LogDraft(
        mentee_id=record.id,
        name=mentee.name,
        goals=tuple(mentee.goals),
        day=request.day,
        time=f"{time[0]:02d}:{time[1]:02d}" if time else None,
        hhmm=f"{when[0]:02d}{when[1]:02d}",
        planned=request.planned,
        minutes=request.minutes or rules.session_minutes(mentee, workspace.config().estimates.session_minutes),
        topics=topics,
        next_items=next_items,
    )


def _session_front(draft: LogDraft) -> str:
    import tomlkit

    doc = tomlkit.document()
    doc.add("date", draft.day)
    if draft.time:
        doc.add("time", draft.time)
    doc.add("status", "planned" if draft.planned else "held")
    doc.add("minutes", draft.minutes)
    doc.add("topics", draft.topics)
    if draft.next_items:
        actions = tomlkit.aot()
        for text in draft.next_items:
            table = tomlkit.table()
            table.add("text", text)
            table.add("state", "open")
            actions.append(table)
        doc.add("actions", actions)
    return tomlkit.dumps(doc)


def _fulfil(draft: LogDraft) -> Callable[[Any], None]:
    """Fill in the session planned for the day with what was held."""

    def change(doc: Any) -> None:
        import tomlkit

        doc["status"] = "held"
        doc["minutes"] = draft.minutes
        if draft.time:
            doc["time"] = draft.time
        topics = doc.get("topics")
        if topics is None:
            doc["topics"] = draft.topics
        else:
            for topic in draft.topics:
                topics.append(topic)
        if draft.next_items:
            if "actions" not in doc:
                doc["actions"] = tomlkit.aot()
            for text in draft.next_items:
                table = tomlkit.table()
                table.add("text", text)
                table.add("state", "open")
                doc["actions"].append(table)

    return change


def write_session(
    workspace: Workspace, today: date, request: LogRequest, note: str, *, token: Callable[[], str] | None = None
) -> LogResult:
    """Write the session file (a new one; or fill in the session planned for that day)."""
    make_token = token or (lambda: secrets.token_hex(2))
    body = note.strip("\n")
    _checked(today, request)  # before waiting for the lock
    with workspace.locked("mentee log"):
        draft = prepare_log(workspace, today, request)
        body = kept_note(workspace, body).rstrip("\n") if body else body
        sessions = load_sessions(workspace, draft.mentee_id)
        planned_that_day = [s for s in sessions if s.session.status == "planned" and s.session.date == draft.day]
        if not draft.planned and planned_that_day:
            target = planned_that_day[0]
            path, fulfilled = target.path, True
            session = rewrite_front(workspace, path, _fulfil(draft), body)
            sessions = [s for s in sessions if s.path != path]
        else:
            prefix = f"{draft.day.isoformat()}-{draft.hhmm}"
            path, fulfilled = new_session_path(workspace, draft.mentee_id, prefix, make_token), False
            text = join_front_matter(_session_front(draft), body + "\n" if body else "")
            session = write_session_file(workspace, path, text)
        sessions.append(SessionRecord(path.stem, path, session, ""))
        sort_sessions(sessions)
    return LogResult(draft.name, workspace.relative(path), session, fulfilled, actions_of(sessions))


def _open_positions(sessions: Sequence[SessionRecord]) -> list[tuple[SessionRecord, int]]:
    """(session, index in its `actions`) of each open item, in `open_actions` order."""
    return [
        (record, index)
        for record in sessions
        for index, action in enumerate(record.session.actions)
        if action.state == "open"
    ]


def close_action(workspace: Workspace, today: date, ref: str, number: int) -> tuple[str, OpenAction]:
    """Close open action item NUMBER (numbered across the mentee's open items, oldest first)."""

    def pick() -> tuple[str, OpenAction, SessionRecord, int]:
        record = find_mentee(workspace, ref)
        sessions = load_sessions(workspace, record.id)
        items = actions_of(sessions)
        if not 1 <= number <= len(items):
            raise NotFound(
                tr("no open action item {number}: {name} has {items}").format(
                    number=number,
                    name=record.mentee.name,
                    items=count(len(items), "open action item", "open action items"),
                ),
                tr("see them with {command}").format(command=f"`ccos mentee show {record.id}`"),
            )
        session, position = _open_positions(sessions)[number - 1]
        return record.mentee.name, items[number - 1], session, position

    pick()  # a wrong name or number fails before the lock
    with workspace.locked("mentee done"):
        name, item, session, position = pick()

        def close(doc: Any) -> None:
            table = doc["actions"][position]
            table["state"] = "done"
            table["closed_on"] = today

        rewrite_front(workspace, session.path, close)
    return name, item

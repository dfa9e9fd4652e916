"""Mentees, session logs, cadence and capacity (seed 000 §2.2, §4.2, §5.2, §7).

Cadence counts from the last session actually held (not a fixed timer; Monica #1814),
capacity stops a fourth 1:1 mentee before it happens (say no first, §7.2), and action
items carry from one session to the next.
"""

from __future__ import annotations

import bisect
import os
import re
import secrets
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ccos.dates import Period
from ccos.errors import ChangedOnDisk, InvalidInput, NotFound
from ccos.models.config import Config
from ccos.models.mentee import (
    CADENCE_FORMS,
    FORMATS,
    Capacity,
    Mentee,
    MenteeDetail,
    MenteeSummary,
    OpenAction,
    Session,
    SessionView,
    WeekLoadNote,
    parse_cadence,
)
from ccos.models.naming import Named, clean_name, make_id, name_key, resolve, unique_id
from ccos.models.plan import Commitment, ProgressRow, Warning
from ccos.planning.seam import SourceContext
from ccos.storage.markdown import front_matter_bounds, join_front_matter, parse_front_matter
from ccos.storage.templates import find_template
from ccos.storage.workspace import Workspace

FOLDER = "mentees"
PROFILE = "mentee.toml"
SESSIONS = "sessions"
_MEMBER_SPLIT = re.compile(r"[,，、;；\n]")
_MAX_PROJECTIONS = 400


# --- files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MenteeRecord:
    id: str
    path: Path
    mentee: Mentee


@dataclass(frozen=True)
class SessionRecord:
    stem: str
    path: Path
    session: Session
    body: str


@dataclass(frozen=True)
class SessionFact:
    """What plan and status need of one session file (kept in the session index)."""

    stem: str
    path: Path
    date: date
    time: str | None
    status: str
    minutes: int
    open_items: int


def fact_of(record: SessionRecord) -> SessionFact:
    session = record.session
    return SessionFact(
        record.stem,
        record.path,
        session.date,
        session.time,
        session.status,
        session.minutes,
        sum(1 for item in session.actions if item.state == "open"),
    )


def _sort_key(fact: SessionFact) -> tuple[date, str, str]:
    return (fact.date, fact.time or "", fact.stem)


def mentees_root(workspace: Workspace) -> Path:
    return workspace.folder(FOLDER)


def load_mentees(workspace: Workspace) -> list[MenteeRecord]:
    root = mentees_root(workspace)
    if not root.is_dir():
        return []
    records = []
    for folder in sorted(root.iterdir()):
        profile = folder / PROFILE
        # lexists, not is_file: a folder, a FIFO or a link where mentee.toml belongs is an
        # error naming it (Workspace.read_bytes), never a mentee who silently vanishes
        if folder.is_dir() and os.path.lexists(profile):
            records.append(MenteeRecord(folder.name, profile, workspace.load(profile, Mentee)))
    return records


def load_sessions(workspace: Workspace, mentee_id: str) -> list[SessionRecord]:
    folder = mentees_root(workspace) / mentee_id / SESSIONS
    if not folder.is_dir():
        return []
    records = []
    for path in sorted(folder.glob("*.md")):
        if path.name.startswith("."):
            continue
        session, body = workspace.load_markdown(path, Session)
        records.append(SessionRecord(path.stem, path, session, body))
    records.sort(key=lambda r: (r.session.date, r.session.time or "", r.stem))
    return records


def _fact_from_row(path: Path, row: tuple[Any, ...]) -> SessionFact | None:
    """An index entry as a fact; None when it is not one (a corrupt or foreign index)."""
    if len(row) != 9 or type(row[4]) is not int or type(row[7]) is not int or type(row[8]) is not int:
        return None
    if (row[5] is not None and type(row[5]) is not str) or row[6] not in ("held", "planned"):
        return None
    try:
        day = date.fromordinal(row[4])
    except (ValueError, OverflowError):
        return None
    return SessionFact(path.stem, path, day, row[5], row[6], row[7], row[8])


def session_facts(workspace: Workspace, mentee_id: str) -> tuple[list[SessionFact], list[OpenAction]]:
    """A mentee's sessions as facts (sorted like `load_sessions`) and the open action items.

    Outside the lock, the facts come from the session index in machine-local state
    (`.ccos/cache/index-sessions.marshal`): one entry per file, used only while the file's
    stat is exactly the recorded one; any other file (new, edited, pulled) is read as usual
    and its entry replaced; entries of deleted files are dropped. Only the files that still
    hold an open action item are loaded in full. The answer equals `load_sessions` + `summarize`.
    """
    folder = mentees_root(workspace) / mentee_id / SESSIONS
    if not folder.is_dir():
        return [], []
    index = workspace.index("sessions")
    if index is None:  # under the lock (or caching off): read everything strictly
        records = load_sessions(workspace, mentee_id)
        return [fact_of(r) for r in records], open_actions(records)
    from ccos.storage.record_cache import is_racy

    known = index.get(mentee_id)
    keep: dict[str, Any] = {}
    facts: list[SessionFact] = []
    dirty = False
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries if entry.name.endswith(".md") and not entry.name.startswith("."))
    for name in names:
        path = folder / name
        try:
            st = os.stat(path)
            stat = (st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino)
        except OSError:
            stat = None
        row = known.get(name) if stat is not None else None
        fact = _fact_from_row(path, row) if row is not None and row[:4] == stat else None
        if fact is not None:
            workspace.seen.add(path)
        else:
            session, _body = workspace.load_markdown(path, Session)
            fact = fact_of(SessionRecord(path.stem, path, session, _body))
            dirty = True
            if stat is None or is_racy(stat):
                facts.append(fact)
                continue
            row = (*stat, fact.date.toordinal(), fact.time, fact.status, fact.minutes, fact.open_items)
        keep[name] = row
        facts.append(fact)
    if dirty or len(keep) != len(known):
        index.put(mentee_id, keep)
    facts.sort(key=_sort_key)
    actions: list[OpenAction] = []
    for fact in facts:
        if fact.open_items:
            session, _body = workspace.load_markdown(fact.path, Session)
            for item in session.actions:
                if item.state == "open":
                    actions.append(
                        OpenAction(number=len(actions) + 1, text=item.text, session=fact.stem, date=session.date)
                    )
    return facts, actions


def find_mentee(records: Sequence[MenteeRecord], ref: str) -> MenteeRecord:
    named = resolve(ref, [Named(r.id, r.mentee.name) for r in records], "mentee", "ccos mentee list --all")
    return next(r for r in records if r.id == named.id)


# --- what a mentee's state is today --------------------------------------------------------


def paused_now(mentee: Mentee, today: date) -> bool:
    return mentee.status == "paused" and (mentee.paused_until is None or mentee.paused_until > today)


def is_active(mentee: Mentee, today: date) -> bool:
    """Active and not inside a pause (a pause whose end date has passed counts as active)."""
    return mentee.status == "active" or (mentee.status == "paused" and not paused_now(mentee, today))


def _anchor(mentee: Mentee, facts: Sequence[SessionFact]) -> tuple[date, date | None]:
    held = [s.date for s in facts if s.status == "held"]
    last = max(held) if held else None
    candidates = [d for d in (last, mentee.since, mentee.resumed_on) if d is not None]
    return max(candidates), last


def next_due(mentee: Mentee, facts: Sequence[SessionFact], today: date) -> date | None:
    rule = mentee.rule()
    if rule is None or mentee.status == "graduated" or (mentee.status == "paused" and mentee.paused_until is None):
        return None
    anchor, _last = _anchor(mentee, facts)
    due = rule.next_due(anchor)
    if mentee.status == "paused" and mentee.paused_until is not None:
        due = max(due, mentee.paused_until)
    return due


def open_actions(sessions: Sequence[SessionRecord]) -> list[OpenAction]:
    """Open items across the mentee's sessions, oldest first, numbered from 1."""
    found: list[OpenAction] = []
    for record in sessions:
        for item in record.session.actions:
            if item.state == "open":
                found.append(
                    OpenAction(number=len(found) + 1, text=item.text, session=record.stem, date=record.session.date)
                )
    return found


def session_minutes(mentee: Mentee, config: Config) -> int:
    return mentee.session_minutes or config.estimates.session_minutes


def summarize(
    workspace: Workspace, record: MenteeRecord, sessions: Sequence[SessionRecord], today: date
) -> MenteeSummary:
    return summarize_facts(workspace, record, [fact_of(s) for s in sessions], open_actions(sessions), today)


def summarize_facts(
    workspace: Workspace,
    record: MenteeRecord,
    facts: Sequence[SessionFact],
    actions: list[OpenAction],
    today: date,
) -> MenteeSummary:
    mentee = record.mentee
    config = workspace.config()
    month = Period.containing("month", today)
    held = [s for s in facts if s.status == "held"]
    this_month = [s for s in held if month.contains(s.date)]
    _anchor_day, last = _anchor(mentee, facts)
    due = next_due(mentee, facts, today)
    overdue = due is not None and due < today and is_active(mentee, today)
    return MenteeSummary(
        id=record.id,
        name=mentee.name,
        format=mentee.format,
        cadence=mentee.cadence,
        status=mentee.status,
        paused=paused_now(mentee, today),
        since=mentee.since,
        paused_until=mentee.paused_until,
        goals=mentee.goals,
        members=mentee.members,
        contact=mentee.contact,
        session_minutes=session_minutes(mentee, config),
        last_session=last,
        next_due=due,
        overdue=overdue,
        days_overdue=(today - due).days if overdue and due else 0,
        upcoming=sorted(s.date for s in facts if s.status == "planned" and s.date >= today),
        sessions_this_month=len(this_month),
        minutes_this_month=sum(s.minutes for s in this_month),
        sessions_total=len(held),
        open_actions=actions,
        path=workspace.display(record.path.parent),
    )


def capacity(workspace: Workspace, records: Iterable[MenteeRecord], today: date) -> Capacity:
    targets = workspace.config().targets
    active = [r.mentee for r in records if is_active(r.mentee, today)]
    one_on_one = sum(1 for m in active if m.format == "one-on-one")
    groups = sum(1 for m in active if m.format == "group")
    load = one_on_one + groups
    return Capacity(
        load=load,
        one_on_one=one_on_one,
        groups=groups,
        maximum=targets.mentees_max,
        minimum=targets.mentees_min,
        over=load > targets.mentees_max,
    )


def list_mentees(workspace: Workspace, today: date, include_graduated: bool = False) -> list[MenteeSummary]:
    summaries = []
    for record in load_mentees(workspace):
        if record.mentee.status == "graduated" and not include_graduated:
            continue
        summaries.append(summarize(workspace, record, load_sessions(workspace, record.id), today))
    order = {"active": 0, "paused": 1, "graduated": 2}
    summaries.sort(key=lambda s: (order[s.status], not s.overdue, s.next_due or date.max, name_key(s.name)))
    return summaries


def mentee_detail(workspace: Workspace, today: date, ref: str) -> MenteeDetail:
    record = find_mentee(load_mentees(workspace), ref)
    sessions = load_sessions(workspace, record.id)
    views = [
        SessionView(
            file=workspace.display(s.path),
            date=s.session.date,
            time=s.session.time,
            status=s.session.status,
            minutes=s.session.minutes,
            topics=s.session.topics,
            actions=s.session.actions,
            notes=s.body,
        )
        for s in sessions
    ]
    return MenteeDetail(mentee=summarize(workspace, record, sessions, today), sessions=views)


# --- adding a mentee ---------------------------------------------------------------------


def split_members(text: str) -> list[str]:
    members = [clean_name(part, "member name") for part in _MEMBER_SPLIT.split(text) if part.strip()]
    keys = [name_key(m) for m in members]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise InvalidInput(f"--members names {members[index]!r} twice", "list each member once")
    return members


def check_cadence(value: str, option: str = "--cadence") -> str:
    text = value.strip()
    try:
        parse_cadence(text)
    except ValueError as exc:
        raise InvalidInput(f"invalid value for {option}: {exc}", f"use {CADENCE_FORMS}") from None
    return text


@dataclass(frozen=True)
class AddResult:
    summary: MenteeSummary
    capacity: Capacity
    over_capacity: bool
    group_size_note: str | None


def week_load(workspace: Workspace, today: date, extra_hours: float) -> WeekLoadNote:
    from ccos.planning.planner import plan_period

    week = Period.containing("week", today)
    plan = plan_period(workspace, today, week)
    return WeekLoadNote(
        week=week.id,
        planned_hours=plan.budget.planned_hours,
        budget_hours=plan.budget.hours,
        session_hours=round(extra_hours, 2),
    )


def _over_capacity_error(name: str, cap: Capacity, load: WeekLoadNote) -> InvalidInput:
    message = (
        f"not added: {name} would be active mentee number {cap.load + 1} "
        f"(1:1 mentees and groups), and your maximum is {cap.maximum}. "
        f"This week ({load.week}) you already plan {load.planned_hours:g} h of {load.budget_hours:g} h, "
        f"and each session with {name} adds {load.session_hours:g} h"
    )
    hint = (
        "the guide advises 2-3 mentees at a time, not more: say no first, or add --over-capacity "
        "(or pause or graduate someone: ccos mentee pause NAME)"
    )
    return InvalidInput(message, hint)


def group_size_problem(mentee: Mentee, config: Config) -> str | None:
    if mentee.format != "group":
        return None
    low, high = config.targets.group_size_min, config.targets.group_size_max
    size = len(mentee.members)
    if size < low:
        return f"{size} member{'s' if size != 1 else ''}; groups work best with {low}-{high} people"
    if size > high:
        return f"{size} members; groups work best with {low}-{high} people, consider splitting it"
    return None


def add_mentee(
    workspace: Workspace,
    today: date,
    *,
    name: str,
    format: str,
    cadence: str | None,
    goals: Sequence[str],
    since: date | None,
    members: str | None,
    contact: str | None,
    minutes: int | None,
    over_capacity: bool,
) -> AddResult:
    import tomlkit

    name = clean_name(name, "mentee name")
    if format not in FORMATS:
        raise InvalidInput(f"invalid value for --format: {format!r}", f"use one of: {', '.join(FORMATS)}")
    config = workspace.config()
    if format == "async":
        if cadence is not None:
            raise InvalidInput(
                "--cadence does not go with --format async", "async help has no cadence; leave out --cadence"
            )
        rule_text = None
    elif cadence is not None:
        rule_text = check_cadence(cadence)
    else:
        per_month = config.targets.sessions_per_mentee_per_month
        rule_text = f"{per_month}/month" if per_month > 0 else None
    member_list: list[str] = []
    if members is not None:
        if format != "group":
            raise InvalidInput("--members is only for --format group", "add --format group, or leave out --members")
        member_list = split_members(members)
    goal_list = [clean_name(goal, "goal") for goal in goals]
    contact_text = clean_name(contact, "contact") if contact else ""
    if minutes is not None and not 0 < minutes <= 24 * 60:
        raise InvalidInput(f"--minutes must be 1 to 1440 (got {minutes})", "give a session length such as 45")
    since_day = since or today

    def build(records: Sequence[MenteeRecord]) -> tuple[str, Mentee, Any]:
        key = name_key(name)
        for record in records:
            if name_key(record.mentee.name) == key:
                raise InvalidInput(
                    f"a mentee named {record.mentee.name!r} already exists ({record.id}, {record.mentee.status})",
                    "names that differ only in case or Unicode form are the same person; use another name",
                )
        taken = {r.id for r in records}
        root = mentees_root(workspace)
        if root.is_dir():
            taken |= {p.name.casefold() for p in root.iterdir()}
        mentee_id = unique_id(make_id(name), taken)
        doc = tomlkit.document()
        doc.add(tomlkit.comment("ccos mentee profile: edit by hand at any time (see docs/mentees.md)."))
        doc.add("name", name)
        doc.add("format", format)
        if rule_text:
            doc.add("cadence", rule_text)
            doc["cadence"].comment("2/month, 1/month, N/week, every 2w, every 10d, every 2m")
        doc.add("status", "active")
        doc.add("since", since_day)
        doc.add("goals", goal_list)
        if format == "group":
            doc.add("members", member_list)
        doc.add("contact", contact_text)
        if minutes is not None:
            doc.add("session_minutes", minutes)
        text = tomlkit.dumps(doc)
        path = mentees_root(workspace) / mentee_id / PROFILE
        mentee = workspace.validate(path, text, tomlkit.parse(text).unwrap(), Mentee)
        return mentee_id, mentee, text

    # Everything is checked before the lock; the same checks run again under it.
    records = load_mentees(workspace)
    _id, preview, _text = build(records)
    counts = format in ("one-on-one", "group")
    cap = capacity(workspace, records, today)
    if counts and cap.load + 1 > cap.maximum and not over_capacity:
        load = week_load(workspace, today, session_minutes(preview, config) / 60)
        raise _over_capacity_error(name, cap, load)
    with workspace.locked("mentee add"):
        records = load_mentees(workspace)
        mentee_id, mentee, text = build(records)
        path = mentees_root(workspace) / mentee_id / PROFILE
        workspace.write_text(path, text)
        records = load_mentees(workspace)
    record = next(r for r in records if r.id == mentee_id)
    after = capacity(workspace, records, today)
    return AddResult(
        summary=summarize(workspace, record, [], today),
        capacity=after,
        over_capacity=counts and after.over,
        group_size_note=group_size_problem(mentee, config),
    )


# --- changing a profile ------------------------------------------------------------------


def _edit_profile(
    workspace: Workspace, ref: str, command: str, change: Callable[[MenteeRecord, Any], None]
) -> MenteeRecord:
    import tomlkit

    find_mentee(load_mentees(workspace), ref)  # an unknown name fails before the lock
    with workspace.locked(command):
        record = find_mentee(load_mentees(workspace), ref)
        doc = tomlkit.parse(workspace.read_text(record.path))
        change(record, doc)
        text = tomlkit.dumps(doc)
        mentee = workspace.validate(record.path, text, tomlkit.parse(text).unwrap(), Mentee)
        workspace.write_text(record.path, text)
    return MenteeRecord(record.id, record.path, mentee)


def pause(workspace: Workspace, today: date, ref: str, until: date | None) -> MenteeRecord:
    if until is not None and until <= today:
        raise InvalidInput(f"--until {until.isoformat()} is not after today", "give a future date, e.g. --until +4w")

    def change(record: MenteeRecord, doc: Any) -> None:
        if record.mentee.status == "graduated":
            raise InvalidInput(f"{record.mentee.name} has graduated", "there is nothing to pause")
        doc["status"] = "paused"
        if until is not None:
            doc["paused_until"] = until
        elif "paused_until" in doc:
            del doc["paused_until"]

    return _edit_profile(workspace, ref, "mentee pause", change)


def resume(workspace: Workspace, today: date, ref: str) -> MenteeRecord:
    def change(record: MenteeRecord, doc: Any) -> None:
        if record.mentee.status == "graduated":
            raise InvalidInput(f"{record.mentee.name} has graduated", "add them again if you start anew")
        if record.mentee.status == "active":
            raise InvalidInput(f"{record.mentee.name} is not paused", "nothing to resume")
        doc["status"] = "active"
        doc["resumed_on"] = today
        if "paused_until" in doc:
            del doc["paused_until"]

    return _edit_profile(workspace, ref, "mentee resume", change)


def graduate(workspace: Workspace, today: date, ref: str) -> MenteeRecord:
    def change(record: MenteeRecord, doc: Any) -> None:
        if record.mentee.status == "graduated":
            raise InvalidInput(f"{record.mentee.name} has already graduated", "nothing to do")
        doc["status"] = "graduated"
        doc["graduated_on"] = today
        if "paused_until" in doc:
            del doc["paused_until"]

    return _edit_profile(workspace, ref, "mentee graduate", change)


# --- logging a session -------------------------------------------------------------------


@dataclass(frozen=True)
class LogDraft:
    """A session checked and ready to write, before any notes (or the editor) are added."""

    mentee_id: str
    name: str
    day: date
    time: str | None
    hhmm: str
    planned: bool
    minutes: int
    topics: list[str]
    next_items: list[str]


def prepare_log(
    workspace: Workspace,
    today: date,
    *,
    ref: str,
    day: date,
    time: tuple[int, int] | None,
    clock: tuple[int, int] | None,
    minutes: int | None,
    topics: Sequence[str],
    next_items: Sequence[str],
    planned: bool,
) -> LogDraft:
    """Validate everything about a log: nothing is written here."""
    if minutes is not None and minutes <= 0:
        raise InvalidInput(f"--minutes must be more than 0 (got {minutes})", "give the session's length, e.g. 60")
    if minutes is not None and minutes > 24 * 60:
        raise InvalidInput(f"--minutes {minutes} is longer than a day", "give the session's length in minutes")
    if day > today and not planned:
        raise InvalidInput(
            f"--date {day.isoformat()} is in the future",
            "log sessions that happened; add --planned to schedule one instead",
        )
    if planned and day < today:
        raise InvalidInput(
            f"--date {day.isoformat()} is in the past, and --planned schedules a future session",
            "leave out --planned to log a session that happened",
        )
    record = find_mentee(load_mentees(workspace), ref)
    if record.mentee.status == "graduated":
        raise InvalidInput(
            f"{record.mentee.name} graduated on {record.mentee.graduated_on or 'an earlier day'}",
            "sessions are logged for active or paused mentees only",
        )
    topic_list = [clean_name(topic, "topic") for topic in topics]
    items = [clean_name(item, "action item") for item in next_items]
    when = time or clock or (0, 0)
    return LogDraft(
        mentee_id=record.id,
        name=record.mentee.name,
        day=day,
        time=f"{time[0]:02d}:{time[1]:02d}" if time else None,
        hhmm=f"{when[0]:02d}{when[1]:02d}",
        planned=planned,
        minutes=minutes or session_minutes(record.mentee, workspace.config()),
        topics=topic_list,
        next_items=items,
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


def _split_raw(path: Path, text: str) -> tuple[str, str, str]:
    """(opening fence line, front matter, the rest from the closing fence on), byte-exact."""
    first_end, close_start, _close_end = front_matter_bounds(path, text)
    return text[: first_end + 1], text[first_end + 1 : close_start], text[close_start:]


def _rewrite_front(workspace: Workspace, path: Path, change: Callable[[Any], None], body_extra: str = "") -> Session:
    """Edit a session's front matter with tomlkit; the notes stay byte-for-byte."""
    import tomlkit

    workspace.load_markdown(path, Session)
    text = workspace.read_text(path)
    opening, front, rest = _split_raw(Path(workspace.display(path)), text)
    doc = tomlkit.parse(front)
    change(doc)
    new_front = tomlkit.dumps(doc)
    if not new_front.endswith("\n"):
        new_front += "\n"
    new_text = opening + new_front + rest
    if body_extra:
        new_text = new_text.rstrip("\n") + "\n\n" + body_extra.rstrip("\n") + "\n"
    data, _body = parse_front_matter(Path(workspace.display(path)), new_text)
    session = workspace.validate(path, new_text, data, Session, first_line=2)
    workspace.write_text(path, new_text)
    return session


@dataclass(frozen=True)
class LogResult:
    path: str
    session: Session
    fulfilled: bool  # a planned session on that day became this held one
    open_actions: list[OpenAction]


def write_session(
    workspace: Workspace, draft: LogDraft, note: str, *, token: Callable[[], str] | None = None
) -> LogResult:
    """Write the session file (a new one; or fill in the session planned for that day)."""
    import tomlkit

    make_token = token or (lambda: secrets.token_hex(2))
    body = note.strip("\n")
    with workspace.locked("mentee log"):
        record = find_mentee(load_mentees(workspace), draft.mentee_id)
        if record.mentee.status == "graduated":
            raise InvalidInput(f"{record.mentee.name} has graduated", "sessions are logged for active mentees only")
        sessions = load_sessions(workspace, record.id)
        planned_that_day = [s for s in sessions if s.session.status == "planned" and s.session.date == draft.day]
        if not draft.planned and planned_that_day:
            target = planned_that_day[0]

            def fulfil(doc: Any) -> None:
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

            session = _rewrite_front(workspace, target.path, fulfil, body)
            path, fulfilled = target.path, True
        else:
            folder = mentees_root(workspace) / record.id / SESSIONS
            for _attempt in range(50):
                path = folder / f"{draft.day.isoformat()}-{draft.hhmm}-{make_token()}.md"
                if not path.exists():
                    break
            else:  # pragma: no cover - 65536 names for one minute
                raise ChangedOnDisk(f"{workspace.display(folder)}: no free session file name", "run again")
            text = join_front_matter(_session_front(draft), body + "\n" if body else "")
            data, _body = parse_front_matter(Path(workspace.display(path)), text)
            session = workspace.validate(path, text, data, Session, first_line=2)
            workspace.write_text(path, text)
            fulfilled = False
        remaining = open_actions(load_sessions(workspace, record.id))
    return LogResult(workspace.display(path), session, fulfilled, remaining)


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

    def pick() -> tuple[MenteeRecord, OpenAction, SessionRecord, int]:
        record = find_mentee(load_mentees(workspace), ref)
        sessions = load_sessions(workspace, record.id)
        items = open_actions(sessions)
        if not 1 <= number <= len(items):
            where = f"{record.mentee.name} has {len(items)} open action item{'s' if len(items) != 1 else ''}"
            raise NotFound(f"no open action item {number}: {where}", f"see them with `ccos mentee show {record.id}`")
        session, position = _open_positions(sessions)[number - 1]
        return record, items[number - 1], session, position

    pick()
    with workspace.locked("mentee done"):
        record, item, session, position = pick()

        def close(doc: Any) -> None:
            table = doc["actions"][position]
            table["state"] = "done"
            table["closed_on"] = today

        _rewrite_front(workspace, session.path, close)
    return record.mentee.name, item


# --- the session template ------------------------------------------------------------------


def session_template(workspace: Workspace, draft: LogDraft) -> str:
    config = workspace.config()
    path = find_template("session.md", config.profile.language, workspace.root)
    raw = workspace.read_text(path)
    record = find_mentee(load_mentees(workspace), draft.mentee_id)
    items = open_actions(load_sessions(workspace, record.id))
    listed = "\n".join(f"- [ ] {a.number}. {a.text} ({a.date.isoformat()})" for a in items) or "-"
    goals = "\n".join(f"- {goal}" for goal in record.mentee.goals) or "-"
    values = {
        "name": record.mentee.name,
        "id": record.id,
        "date": draft.day.isoformat(),
        "minutes": str(draft.minutes),
        "topics": ", ".join(draft.topics) or "-",
        "goals": goals,
        "open_actions": listed,
    }
    safe = {key: value.replace("-->", "-- >").replace("<!--", "< !--") for key, value in values.items()}
    return string.Template(raw).safe_substitute(safe)


def _without_comments(text: str) -> str:
    """Text without `<!-- ... -->` comments (the template's prompts), in linear time.

    A regex `<!--.*?-->` rescans to the end of the text for every `<!--` left unclosed,
    which is quadratic on a large paste; an unclosed comment is kept as written.
    """
    kept: list[str] = []
    position = 0
    while True:
        start = text.find("<!--", position)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            kept.append(text[position:])
            return "".join(kept)
        kept.append(text[position:start])
        position = end + 3


def note_from_edit(template: str, edited: str) -> str | None:
    """The notes a person wrote, without the prompts; None when nothing was written."""

    def strip(text: str) -> str:
        text = _without_comments(text.replace("\r\n", "\n"))
        lines = [line.rstrip() for line in text.split("\n")]
        cleaned = "\n".join(lines)
        cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
        return cleaned.strip("\n")

    written = strip(edited)
    if not written.strip() or written == strip(template):
        return None
    return _drop_empty_sections(written) + "\n"


def _drop_empty_sections(text: str) -> str:
    """Leave out `## headings` of the template under which nothing was written."""
    parts = re.split(r"(?m)^(?=## )", text)
    kept = [part for part in parts if not part.startswith("## ") or part.strip().count("\n") > 0]
    return re.sub(r"\n{3,}", "\n\n", "".join(kept)).strip("\n")


# --- the seam ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Loaded:
    record: MenteeRecord
    sessions: list[SessionFact]  # sorted by date (session_facts)
    summary: MenteeSummary

    def sessions_in(self, period: Period) -> list[SessionFact]:
        """The sessions dated inside `period` (bisection: ten years of history are not walked)."""
        dates = [s.date for s in self.sessions]
        return self.sessions[bisect.bisect_left(dates, period.start) : bisect.bisect_right(dates, period.end)]


def _loaded(ctx: SourceContext) -> list[_Loaded]:
    if "mentees" not in ctx.memo:
        loaded = []
        for record in load_mentees(ctx.workspace):
            facts, actions = session_facts(ctx.workspace, record.id)
            summary = summarize_facts(ctx.workspace, record, facts, actions, ctx.today)
            loaded.append(_Loaded(record, facts, summary))
        ctx.memo["mentees"] = loaded
    result: list[_Loaded] = ctx.memo["mentees"]
    return result


def projected_sessions(item: _Loaded, today: date, until: date) -> list[tuple[date, bool]]:
    """Sessions the cadence asks for from today to `until`: (date, overdue)."""
    mentee, summary = item.record.mentee, item.summary
    rule = mentee.rule()
    if rule is None or summary.next_due is None or mentee.status == "graduated":
        return []
    if mentee.status == "paused" and mentee.paused_until is None:
        return []
    if summary.upcoming:
        current = rule.next_due(max(summary.upcoming))
        overdue = False
    else:
        overdue = summary.next_due < today
        current = max(summary.next_due, today)
    dates: list[tuple[date, bool]] = []
    while current <= until and len(dates) < _MAX_PROJECTIONS:
        dates.append((current, overdue))
        overdue = False
        current = rule.next_due(current)
    return dates


def _title(mentee: Mentee) -> str:
    if mentee.format == "group":
        return f"Group session: {mentee.name}"
    if mentee.format == "async":
        return f"Async help: {mentee.name}"
    return f"Session with {mentee.name}"


def _target(mentee: Mentee, config: Config) -> int | None:
    rule = mentee.rule()
    if rule is None:
        return None if mentee.format == "async" else config.targets.sessions_per_mentee_per_month
    return max(1, round(rule.per_month))


class MenteeSource:
    name = "mentees"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        for item in _loaded(ctx):
            mentee = item.record.mentee
            title = _title(mentee)
            hours = item.summary.session_minutes / 60
            for record in item.sessions_in(period):
                day = record.date
                held = record.status == "held"
                yield Commitment(
                    type="session",
                    id=f"session:{item.record.id}:{record.stem}",
                    title=title,
                    stream="mentoring",
                    hours=record.minutes / 60,
                    date=day,
                    status="done" if held else "planned",
                    fixed=True,
                    ref=item.record.id,
                )
            for day, overdue in projected_sessions(item, ctx.today, period.end):
                if not period.contains(day):
                    continue
                yield Commitment(
                    type="session",
                    id=f"session:{item.record.id}:due:{day.isoformat()}",
                    title=title,
                    stream="mentoring",
                    hours=hours,
                    date=day,
                    status="overdue" if overdue else "due",
                    fixed=True,
                    priority=1,
                    ref=item.record.id,
                )

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        if period.end < ctx.today:
            return
        loaded = _loaded(ctx)
        for item in loaded:
            summary = item.summary
            if not summary.overdue or summary.next_due is None:
                continue
            last = summary.last_session.isoformat() if summary.last_session else "none yet"
            yield Warning(
                code="mentee_overdue",
                message=(
                    f"{summary.name}: a session was due {summary.next_due.isoformat()} "
                    f"({summary.days_overdue} days ago; cadence {summary.cadence}, last session {last})"
                ),
                subject=summary.id,
            )
        cap = capacity(ctx.workspace, [i.record for i in loaded], ctx.today)
        if cap.over:
            yield Warning(
                code="too_many_mentees",
                message=(
                    f"{cap.load} active mentees ({cap.one_on_one} 1:1, {cap.groups} group) against a maximum "
                    f"of {cap.maximum}: take no new one, and consider pausing or graduating someone"
                ),
            )

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        loaded = _loaded(ctx)
        config = ctx.config
        if period.kind == "month":
            # One row for all mentees (sessions held against the cadence's monthly target), so the
            # dashboard stays on one screen; the detail names each mentee's count.
            total_minutes = 0
            target_minutes = 0
            held_total = 0
            target_total = 0
            parts = []
            for item in loaded:
                mentee = item.record.mentee
                held = [s for s in item.sessions if s.status == "held" and period.contains(s.date)]
                total_minutes += sum(s.minutes for s in held)
                if not is_active(mentee, ctx.today):
                    continue
                target = _target(mentee, config)
                if not target:
                    continue
                target_minutes += target * item.summary.session_minutes
                held_total += min(len(held), target)
                target_total += target
                parts.append(f"{mentee.name} {len(held)}/{target}")
            if target_total:
                yield ProgressRow(
                    source=self.name,
                    key="mentee_sessions",
                    label="mentoring sessions",
                    period=period.kind,
                    actual=held_total,
                    target=target_total,
                    unit="sessions",
                    state="ok" if held_total >= target_total else "behind",
                    detail=" · ".join(parts),
                )
            if loaded:
                yield ProgressRow(
                    source=self.name,
                    key="mentee_minutes",
                    label="mentoring minutes",
                    period=period.kind,
                    actual=total_minutes,
                    target=target_minutes or None,
                    unit="min",
                    state="info" if not target_minutes else ("ok" if total_minutes >= target_minutes else "behind"),
                )
        if not loaded:
            return
        cap = capacity(ctx.workspace, [i.record for i in loaded], ctx.today)
        yield ProgressRow(
            source=self.name,
            key="mentee_capacity",
            label="mentees (1:1 + groups)",
            period="now",
            actual=cap.load,
            target=cap.maximum,
            unit="mentees",
            state="over" if cap.over else ("behind" if cap.load < cap.minimum else "ok"),
            detail=f"{cap.one_on_one} 1:1, {cap.groups} group; aim for {cap.minimum}-{cap.maximum}",
        )
        overdue = [i.summary for i in loaded if i.summary.overdue]
        yield ProgressRow(
            source=self.name,
            key="mentees_overdue",
            label="mentees overdue",
            period="now",
            actual=len(overdue),
            unit="mentees",
            state="behind" if overdue else "ok",
            detail=", ".join(s.name for s in overdue) or None,
        )
        for item in loaded:
            mentee = item.record.mentee
            if not is_active(mentee, ctx.today):
                continue
            problem = group_size_problem(mentee, config)
            if problem:
                yield ProgressRow(
                    source=self.name,
                    key=f"mentee_group_size:{item.record.id}",
                    label=f"group size · {mentee.name}",
                    period="now",
                    actual=len(mentee.members),
                    target=config.targets.group_size_max,
                    unit="members",
                    state="over",
                    detail=problem,
                )

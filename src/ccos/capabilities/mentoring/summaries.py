"""What `mentee list` and `mentee show` tell: each mentee's state today, and capacity."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ccos.capabilities.mentoring import rules
from ccos.capabilities.mentoring.model import ActionItem, Format, MenteeStatus, SessionStatus
from ccos.capabilities.mentoring.rules import Capacity, OpenAction
from ccos.capabilities.mentoring.store import (
    MenteeRecord,
    SessionFact,
    SessionRecord,
    actions_of,
    fact_of,
    find_mentee,
    load_mentees,
    load_sessions,
    session_facts,
)
from ccos.dates import Period
from ccos.i18n import tr
from ccos.models.naming import name_key
from ccos.storage.workspace import Workspace


@dataclass(frozen=True)
class MenteeSummary:
    id: str
    name: str
    format: Format
    cadence: str | None
    status: MenteeStatus
    paused: bool  # paused and the pause has not ended
    since: date
    paused_until: date | None
    goals: list[str]
    members: list[str]
    contact: str
    session_minutes: int
    last_session: date | None
    next_due: date | None
    overdue: bool
    days_overdue: int
    upcoming: list[date]
    sessions_this_month: int
    minutes_this_month: int
    sessions_total: int
    open_actions: list[OpenAction]
    path: str  # the mentee's folder, workspace-relative, `/`-separated


@dataclass(frozen=True)
class SessionView:
    file: str  # workspace-relative, `/`-separated
    date: date
    time: str | None
    status: SessionStatus
    minutes: int
    topics: list[str]
    actions: list[ActionItem]
    notes: str
    private: str = "clear"  # clear | opened | unreadable | corrupt (docs/privacy.md)


@dataclass(frozen=True)
class MenteeDetail:
    mentee: MenteeSummary
    sessions: list[SessionView]
    damaged: list[str] = field(default_factory=list)  # session files whose private note is corrupt


@dataclass(frozen=True)
class MenteeList:
    today: date
    mentees: list[MenteeSummary]
    capacity: Capacity


def summarize(
    workspace: Workspace, record: MenteeRecord, sessions: Sequence[SessionRecord], today: date
) -> MenteeSummary:
    return summarize_facts(workspace, record, [fact_of(s) for s in sessions], actions_of(sessions), today)


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
    last = rules.last_held(s.date for s in held)
    due = rules.next_due(mentee, last)
    late = rules.days_overdue(mentee, due, today)
    return MenteeSummary(
        id=record.id,
        name=mentee.name,
        format=mentee.format,
        cadence=mentee.cadence,
        status=mentee.status,
        paused=rules.paused_now(mentee, today),
        since=mentee.since,
        paused_until=mentee.paused_until,
        goals=mentee.goals,
        members=mentee.members,
        contact=mentee.contact,
        session_minutes=rules.session_minutes(mentee, config.estimates.session_minutes),
        last_session=last,
        next_due=due,
        overdue=late is not None,
        days_overdue=late or 0,
        upcoming=sorted(s.date for s in facts if s.status == "planned" and s.date >= today),
        sessions_this_month=len(this_month),
        minutes_this_month=sum(s.minutes for s in this_month),
        sessions_total=len(held),
        open_actions=actions,
        path=workspace.relative(record.path.parent),
    )


def capacity(workspace: Workspace, mentees: Iterable[MenteeRecord], today: date) -> Capacity:
    targets = workspace.config().targets
    return rules.capacity((r.mentee for r in mentees), today, maximum=targets.mentees_max, minimum=targets.mentees_min)


_ORDER = {"active": 0, "paused": 1, "graduated": 2}


def list_mentees(workspace: Workspace, today: date, include_graduated: bool = False) -> MenteeList:
    """Active mentees first (overdue first, then by next due date), then paused, then graduated."""
    everyone = load_mentees(workspace)
    summaries = []
    for record in everyone:
        if record.mentee.status == "graduated" and not include_graduated:
            continue
        facts, actions = session_facts(workspace, record.id)
        summaries.append(summarize_facts(workspace, record, facts, actions, today))
    summaries.sort(key=lambda s: (_ORDER[s.status], not s.overdue, s.next_due or date.max, name_key(s.name)))
    return MenteeList(today=today, mentees=summaries, capacity=capacity(workspace, everyone, today))


def _shown_note(body: str, identity: str | None) -> tuple[str, str]:
    """(the note as this machine can show it, its privacy state)."""
    from ccos.storage.sealed import is_sealed, reveal

    if not is_sealed(body):
        return body, "clear"
    revealed = reveal(body, identity)
    if revealed.state == "opened":
        return revealed.text, "opened"
    said = (
        tr("(private note: damaged, it cannot be read)")
        if revealed.state == "corrupt"
        else tr("(private note: this machine cannot read it)")
    )
    clear = revealed.text.strip("\n")
    return (clear + "\n\n" if clear else "") + said + "\n", revealed.state


def mentee_detail(workspace: Workspace, today: date, ref: str, identity: str | None = None) -> MenteeDetail:
    """A mentee and their sessions; an open item a note carried is shown as it stands now.
    A private note is opened with `identity` (this machine's, when it has one)."""
    record = find_mentee(workspace, ref)
    sessions = load_sessions(workspace, record.id)
    numbers = {(item.text, item.date): item.number for item in actions_of(sessions)}
    current = {
        (action.text, s.session.date): rules.carried_line(
            action.text, s.session.date, numbers.get((action.text, s.session.date)), action.closed_on
        )
        for s in sessions
        for action in s.session.actions
    }
    shown = {s.stem: _shown_note(s.body, identity) for s in sessions}
    views = [
        SessionView(
            file=workspace.relative(s.path),
            date=s.session.date,
            time=s.session.time,
            status=s.session.status,
            minutes=s.session.minutes,
            topics=s.session.topics,
            actions=s.session.actions,
            notes=rules.refresh_carried(shown[s.stem][0], current),
            private=shown[s.stem][1],
        )
        for s in sessions
    ]
    damaged = [view.file for view in views if view.private == "corrupt"]
    return MenteeDetail(mentee=summarize(workspace, record, sessions, today), sessions=views, damaged=damaged)

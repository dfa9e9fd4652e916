"""Adding a mentee, and changing a profile: pause, resume, graduate (one edit path)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ccos.capabilities.mentoring import rules
from ccos.capabilities.mentoring.model import FORMATS, Mentee
from ccos.capabilities.mentoring.rules import Capacity
from ccos.capabilities.mentoring.store import MenteeRecord, profiles, records, taken_ids
from ccos.capabilities.mentoring.summaries import MenteeSummary, capacity, summarize
from ccos.dates import Period
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.naming import clean_name, make_id, name_key, unique_id
from ccos.storage.workspace import Workspace
from ccos.words import number


@dataclass(frozen=True)
class WeekLoadNote:
    week: str
    planned_hours: float
    budget_hours: float
    session_hours: float


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
    message = tr(
        "not added: {name} would be active mentee number {number} (1:1 mentees and groups), "
        "and your maximum is {maximum}. This week ({week}) you already plan {planned} h of {budget} h, "
        "and each session with {name} adds {session} h"
    ).format(
        name=name,
        number=cap.load + 1,
        maximum=cap.maximum,
        week=load.week,
        planned=number(load.planned_hours),
        budget=number(load.budget_hours),
        session=number(load.session_hours),
    )
    hint = tr(
        "the guide advises 2-3 mentees at a time, not more: say no first, or add {option} "
        "(or pause or graduate someone: {command})"
    ).format(option="--over-capacity", command="ccos mentee pause NAME")
    return InvalidInput(message, hint)


def _status_word(status: str) -> str:
    """A mentee's status in words (the value stays English in the profile)."""
    return {"active": tr("active"), "paused": tr("paused"), "graduated": tr("graduated")}.get(status, status)


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
        raise InvalidInput(
            tr("invalid value for {option}: {value}").format(option="--format", value=repr(format)),
            tr("use one of: {values}").format(values=", ".join(FORMATS)),
        )
    config = workspace.config()
    if format == "async":
        if cadence is not None:
            raise InvalidInput(
                tr("{cadence} does not go with {format}").format(cadence="--cadence", format="--format async"),
                tr("async help has no cadence; leave out {cadence}").format(cadence="--cadence"),
            )
        rule_text = None
    elif cadence is not None:
        rule_text = rules.check_cadence(cadence)
    else:
        per_month = config.targets.sessions_per_mentee_per_month
        rule_text = f"{per_month}/month" if per_month > 0 else None
    member_list: list[str] = []
    if members is not None:
        if format != "group":
            raise InvalidInput(
                tr("{members} is only for {group}").format(members="--members", group="--format group"),
                tr("add {group}, or leave out {members}").format(members="--members", group="--format group"),
            )
        member_list = rules.split_members(members)
    goal_list = [clean_name(goal, "goal") for goal in goals]
    contact_text = clean_name(contact, "contact") if contact else ""
    if minutes is not None and not 0 < minutes <= rules.MAX_MINUTES:
        raise InvalidInput(
            tr("{option} must be 1 to 1440 (got {value})").format(option="--minutes", value=minutes),
            tr("give a session length such as 45"),
        )
    since_day = since or today

    def build(existing: Sequence[MenteeRecord], taken: set[str]) -> tuple[str, str]:
        key = name_key(name)
        for record in existing:
            if name_key(record.mentee.name) == key:
                raise InvalidInput(
                    tr("a mentee named {name} already exists ({id}, {status})").format(
                        name=repr(record.mentee.name), id=record.id, status=_status_word(record.mentee.status)
                    ),
                    tr("names that differ only in case or Unicode form are the same person; use another name"),
                )
        doc = tomlkit.document()
        doc.add(
            tomlkit.comment(
                tr("ccos mentee profile: edit by hand at any time (see {doc}).").format(doc="docs/mentees.md")
            )
        )
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
        return unique_id(make_id(name), taken), tomlkit.dumps(doc)

    # Everything is checked before the lock; the same checks run again under it.
    before = profiles(workspace)
    existing = records(before)
    preview_id, preview_text = build(existing, taken_ids(before))
    preview = before.validate_text(preview_id, preview_text)
    counts = rules.counts_against_capacity(format)
    cap = capacity(workspace, existing, today)
    if counts and cap.load + 1 > cap.maximum and not over_capacity:
        default = config.estimates.session_minutes
        load = week_load(workspace, today, rules.session_minutes(preview, default) / 60)
        raise _over_capacity_error(name, cap, load)
    with workspace.locked("mentee add"):
        collection = profiles(workspace)
        existing = records(collection)
        mentee_id, text = build(existing, taken_ids(collection))
        mentee = collection.create(mentee_id, text)
    record = MenteeRecord(mentee_id, collection.path(mentee_id), mentee)
    after = capacity(workspace, [*existing, record], today)
    targets = config.targets
    return AddResult(
        summary=summarize(workspace, record, [], today),
        capacity=after,
        over_capacity=counts and after.over,
        group_size_note=rules.group_size_problem(mentee, targets.group_size_min, targets.group_size_max),
    )


# --- changing a profile ------------------------------------------------------------------


def _edit_profile(workspace: Workspace, ref: str, command: str, change: Callable[[Mentee, Any], None]) -> MenteeRecord:
    """The one way a profile changes: found by `ref`, `change(mentee, document)` round-trip, validated, written."""
    profiles(workspace).find(ref)  # an unknown name fails before the lock
    with workspace.locked(command):
        collection = profiles(workspace)
        entry = collection.find(ref)
        mentee = collection.edit(entry.id, lambda doc, read: change(read, doc))
    return MenteeRecord(entry.id, entry.path, mentee)


def pause(workspace: Workspace, today: date, ref: str, until: date | None) -> MenteeRecord:
    if until is not None and until <= today:
        raise InvalidInput(
            tr("{option} {day} is not after today").format(option="--until", day=until.isoformat()),
            tr("give a future date, e.g. {example}").format(example="--until +4w"),
        )

    def change(mentee: Mentee, doc: Any) -> None:
        if mentee.status == "graduated":
            raise InvalidInput(tr("{name} has graduated").format(name=mentee.name), tr("there is nothing to pause"))
        doc["status"] = "paused"
        if until is not None:
            doc["paused_until"] = until
        elif "paused_until" in doc:
            del doc["paused_until"]

    return _edit_profile(workspace, ref, "mentee pause", change)


def resume(workspace: Workspace, today: date, ref: str) -> MenteeRecord:
    def change(mentee: Mentee, doc: Any) -> None:
        if mentee.status == "graduated":
            raise InvalidInput(
                tr("{name} has graduated").format(name=mentee.name), tr("add them again if you start anew")
            )
        if mentee.status == "active":
            raise InvalidInput(tr("{name} is not paused").format(name=mentee.name), tr("nothing to resume"))
        doc["status"] = "active"
        doc["resumed_on"] = today
        if "paused_until" in doc:
            del doc["paused_until"]

    return _edit_profile(workspace, ref, "mentee resume", change)


def graduate(workspace: Workspace, today: date, ref: str) -> MenteeRecord:
    def change(mentee: Mentee, doc: Any) -> None:
        if mentee.status == "graduated":
            raise InvalidInput(tr("{name} has already graduated").format(name=mentee.name), tr("nothing to do"))
        doc["status"] = "graduated"
        doc["graduated_on"] = today
        if "paused_until" in doc:
            del doc["paused_until"]

    return _edit_profile(workspace, ref, "mentee graduate", change)

"""`ccos export ics`: events, their tasks, mentoring sessions and due dates as one iCalendar file.

Built with the `icalendar` library (imported here only, so no other command pays for it):
the library folds lines and escapes text, so a title holding CR/LF and `BEGIN:VALARM` stays
one property value. Other control characters are dropped before they reach the library.

Re-exporting the same workspace gives the same bytes: UIDs come from workspace-relative
ids and the workspace's own id (`event-<id>@<workspace_id>.ccos`, ...), DTSTAMP,
LAST-MODIFIED and SEQUENCE from the modification time of the files an entry is made of
(never later than the clock), VTIMEZONEs are sorted by TZID and components by day and UID.

Every entry goes through `_Builder.add(local_uid, summary, start, end, sources, ...)`:
another kind of dated entry needs only its own `_add_...` function calling it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ccos.capabilities.events.occurrences import Schedule, aware, zone
from ccos.capabilities.events.rules import Loaded, series_tasks, tasks_between
from ccos.capabilities.events.store import load_events
from ccos.capabilities.mentoring.rules import is_active, session_title
from ccos.capabilities.mentoring.store import load_mentees, load_sessions
from ccos.capabilities.mentoring.summaries import summarize
from ccos.capabilities.sharing.store import load_pieces
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.export import ICS_PARTS
from ccos.operations.ics_zones import infer, vtimezone
from ccos.storage.workspace import Workspace

PRODID = "-//ccos//ccos export ics//EN"
EPOCH = date(2000, 1, 1)
EACH_TASK_DAYS = 90  # `each` tasks of a recurring event: instances this many days ahead (without --to)
ZONE_YEARS_AHEAD = 2

Progress = Callable[[str, int, int], None]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def parse_parts(value: str | None) -> set[str]:
    """`--only events,sessions` -> {"events", "sessions"}; all three without the option."""
    if value is None:
        return set(ICS_PARTS)
    parts = {part.strip().lower() for part in value.split(",") if part.strip()}
    unknown = sorted(parts - set(ICS_PARTS))
    if unknown or not parts:
        shown = ", ".join(unknown) if unknown else repr(value)
        raise InvalidInput(
            tr("invalid value for --only: {shown}").format(shown=shown),
            tr("use one or more of {join}").format(join=",".join(ICS_PARTS)),
        )
    return parts


@dataclass(frozen=True)
class Window:
    """The `--from`/`--to` filter: an item is kept when its days touch [first, last]."""

    first: date | None
    last: date | None

    def touches(self, start: date, end: date) -> bool:
        return (self.first is None or end >= self.first) and (self.last is None or start <= self.last)


def clean(text: str) -> str:
    """User text for a property value: one newline form, no other control characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def modified(paths: Iterable[Path], now: datetime) -> datetime:
    """When the entry last changed: the newest modification time of its files, to the second,
    never later than `now` (a file stamped in the future by a skewed clock does not lie)."""
    times = []
    for path in paths:
        try:
            times.append(os.stat(path).st_mtime)
        except OSError:
            continue
    if not times:
        return datetime.combine(EPOCH, time(), tzinfo=UTC)
    return min(datetime.fromtimestamp(int(max(times)), UTC), now)


def sequence(changed: datetime) -> int:
    """SEQUENCE: seconds from 2000 to the last change, so it grows with every change
    without a counter to keep (RFC 5545 only asks that it never goes down)."""
    return int((changed - datetime.combine(EPOCH, time(), tzinfo=UTC)).total_seconds())


class _Builder:
    def __init__(self, today: date, window: Window, workspace_id: str | None) -> None:
        from icalendar import Calendar

        self.today = today
        self.window = window
        self.domain = f"{workspace_id}.ccos" if workspace_id else "ccos"
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.calendar = Calendar()
        self.components: list[Any] = []
        self.latest = today
        self.earliest = today

    def uid(self, local: str) -> str:
        """`event-<id>` -> `event-<id>@<workspace_id>.ccos`: unique to this workspace."""
        return f"{local}@{self.domain}"

    def add(
        self,
        local_uid: str,
        summary: str,
        start: date | datetime,
        end: date | datetime | None,
        sources: Iterable[Path],
        *,
        status: str = "CONFIRMED",
        description: str = "",
        categories: Iterable[str] = (),
        transparent: bool = False,
    ) -> Any:
        """One VEVENT; `sources` are the files it is made of (their change moves DTSTAMP,
        LAST-MODIFIED and SEQUENCE)."""
        from icalendar import Event

        changed = modified(sources, self.now)
        component = Event()
        component.add("uid", clean(self.uid(local_uid)))
        component.add("dtstamp", changed)
        component.add("last-modified", changed)
        component.add("sequence", sequence(changed))
        component.add("summary", clean(summary))
        component.add("dtstart", start)
        if end is not None:
            component.add("dtend", end)
        component.add("status", status)
        if transparent:
            component.add("transp", "TRANSPARENT")
        if description:
            component.add("description", clean(description))
        cats = [clean(c) for c in categories if c]
        if cats:
            component.add("categories", cats)
        self.components.append(component)
        day = start.date() if isinstance(start, datetime) else start
        self.latest = max(self.latest, day)
        self.earliest = min(self.earliest, day)
        return component

    def finish(self, name: str) -> bytes:
        """No X-WR-TIMEZONE: clients that honour it rewrite UTC times (a fold's second
        02:30) into zone times and change their meaning; every time carries its own TZID."""
        calendar = self.calendar
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", clean(name))
        for component in sorted(self.components, key=lambda c: (c.decoded("dtstart").isoformat()[:10], str(c["uid"]))):
            calendar.add_component(component)
        first = max(1970, self.earliest.year - 1)
        last = max(2038, self.latest.year + ZONE_YEARS_AHEAD)
        for tzid in sorted(calendar.get_used_tzids()):
            try:
                tz = zone(tzid)
            except (KeyError, ValueError, OSError):  # not in the zone database: the library decides
                continue
            rules = infer(tz, first, last)
            if rules is not None:
                calendar.add_component(vtimezone(tzid, rules))
        calendar.add_missing_timezones(last_date=date(last, 1, 1))
        zones = sorted((c for c in calendar.subcomponents if c.name == "VTIMEZONE"), key=lambda c: str(c["tzid"]))
        others = [c for c in calendar.subcomponents if c.name != "VTIMEZONE"]
        calendar.subcomponents[:] = [*zones, *others]
        data: bytes = calendar.to_ical()
        return data


# --- events and their tasks ----------------------------------------------------------------


def _in_window(loaded: Loaded, window: Window) -> bool:
    schedule = loaded.schedule
    if schedule.rule is None:
        return window.touches(loaded.event.start_date, loaded.event.start_date)
    first = window.first or loaded.event.start_date
    found = schedule.rule.after(datetime.combine(first, time()), inc=True)
    return found is not None and (window.last is None or found.date() <= window.last)


def _rrule(schedule: Schedule, rule: str) -> Any:
    """The event's RRULE; a local UNTIL becomes UTC (timed) or a DATE (all-day), as RFC 5545 asks."""
    from icalendar import vRecur

    recur = vRecur.from_ical(rule)
    until = recur.get("UNTIL")
    if until:
        value = until[0]
        if not schedule.timed:
            recur["UNTIL"] = [value.date() if isinstance(value, datetime) else value]
        elif isinstance(value, datetime):
            recur["UNTIL"] = [aware(value, 0, schedule.tz).astimezone(UTC)]
        else:
            recur["UNTIL"] = [aware(datetime.combine(value, time.max.replace(microsecond=0)), 0, schedule.tz)]
    return recur


def _event_times(loaded: Loaded) -> tuple[date | datetime, date | datetime | None]:
    event, schedule = loaded.event, loaded.schedule
    if not schedule.timed:
        return event.start_date, event.start_date + timedelta(days=1)
    local = schedule.dtstart
    if event.fold and not event.recurring:
        start: datetime = aware(local, 1, schedule.tz).astimezone(UTC)  # the second of two equal local times
    else:
        start = local.replace(tzinfo=schedule.tz)
    end = start + timedelta(hours=event.hours) if event.hours > 0 else None
    return start, end


def _add_event(builder: _Builder, loaded: Loaded) -> None:
    event, schedule = loaded.event, loaded.schedule
    start, end = _event_times(loaded)
    lines = [f"{event.kind} · {event.format}"]
    if event.co_organisers:
        lines.append(tr("co-organisers: {names}").format(names=", ".join(event.co_organisers)))
    if event.expected is not None:
        lines.append(tr("expected: {n}").format(n=event.expected))
    lines.append(f"ccos event show {loaded.id}")
    status = "CANCELLED" if event.status == "cancelled" else "CONFIRMED"
    component = builder.add(
        f"event-{loaded.id}",
        event.title,
        start,
        end,
        [loaded.path],
        status=status,
        description="\n".join(lines),
        categories=["ccos", event.kind],
    )
    if event.repeat:
        component.add("rrule", _rrule(schedule, event.repeat))
        excluded = []
        for day in sorted(set(event.cancelled_on)):
            for occurrence in schedule.between(day, day, include_cancelled=True):
                if occurrence.local is None:
                    excluded.append(occurrence.day)
                else:
                    excluded.append(occurrence.local.replace(tzinfo=schedule.tz))
        if excluded:
            component.add("exdate", excluded)


def _add_tasks(builder: _Builder, loaded: Loaded) -> None:
    """Series tasks once; `each` tasks of a recurring event for the occurrences in the window."""
    event = loaded.event
    if not event.tasks:
        return
    window = builder.window
    views = [v for v in series_tasks(loaded, builder.today, None) if window.touches(v.date, v.end or v.date)]
    if event.recurring and any(task.each for task in event.tasks):
        first = window.first or builder.today
        last = window.last or builder.today + timedelta(days=EACH_TASK_DAYS)
        views += [v for v in tasks_between(loaded, builder.today, first, last) if v.each]
    status = "CANCELLED" if event.status == "cancelled" else "CONFIRMED"
    for view in views:
        uid = f"task-{loaded.id}-{view.number}" + (f"-{view.occurrence:%Y%m%d}" if view.each else "")
        state = {"done": tr("done"), "open": tr("to do"), "overdue": tr("overdue"), "missed": tr("missed")}[view.status]
        phase = {"before": tr("before the event on {day}"), "during": tr("during the event on {day}")}.get(
            view.phase, tr("after the event on {day}")
        )
        builder.add(
            uid,
            tr("{task} ({event})").format(task=view.text, event=event.title),
            view.date,
            (view.end or view.date) + timedelta(days=1),
            [loaded.path],
            status=status,
            description=phase.format(day=view.occurrence.isoformat())
            + f" · {state} · "
            + tr("{hours} h").format(hours=f"{view.hours:g}")
            + f"\nccos event show {loaded.id}",
            categories=["ccos", "event task"],
            transparent=True,
        )


# --- sessions ------------------------------------------------------------------------------


def _add_sessions(builder: _Builder, workspace: Workspace, zone_name: str | None, progress: Progress) -> None:
    mentees = load_mentees(workspace)
    tz = zone(zone_name) if zone_name else None
    for index, record in enumerate(mentees, start=1):
        progress("mentees", index, len(mentees))
        mentee = record.mentee
        sessions = load_sessions(workspace, record.id)
        title = session_title(mentee)
        for item in sessions:
            session = item.session
            day = session.date
            if not builder.window.touches(day, day):
                continue
            start: date | datetime
            end: date | datetime
            if session.time:
                hour, minute = (int(part) for part in session.time.split(":"))
                local = datetime.combine(day, time(hour, minute))
                start = local.replace(tzinfo=tz) if tz else local  # no workspace zone: floating local time
                end = start + timedelta(minutes=session.minutes)
            else:
                start, end = day, day + timedelta(days=1)
            status = {"planned": tr("planned"), "held": tr("held")}.get(session.status, session.status)
            lines = [f"{status} · " + tr("{n} min").format(n=session.minutes)]
            if session.topics:
                lines.append(tr("topics: {topics}").format(topics="; ".join(session.topics)))
            lines.append(f"ccos mentee show {record.id}")
            builder.add(
                f"session-{record.id}-{item.stem}",
                title,
                start,
                end,
                [item.path],
                description="\n".join(lines),
                categories=["ccos", "mentoring"],
            )
        summary = summarize(workspace, record, sessions, builder.today)
        if not is_active(mentee, builder.today) or summary.upcoming or summary.next_due is None:
            continue
        due = max(summary.next_due, builder.today)
        if not builder.window.touches(due, due):
            continue
        overdue = tr(" (overdue since {day})").format(day=summary.next_due.isoformat()) if summary.overdue else ""
        builder.add(
            f"mentee-due-{record.id}",
            tr("{title} (due)").format(title=title),
            due,
            due + timedelta(days=1),
            [record.path, *(item.path for item in sessions)],
            status="TENTATIVE",
            description=tr("next session due by the cadence {cadence}{overdue}").format(
                cadence=mentee.cadence, overdue=overdue
            )
            + "\n"
            + tr("plan it: {command}").format(command=f"ccos mentee log {record.id} --planned"),
            categories=["ccos", "mentoring"],
            transparent=True,
        )


# --- sharing -------------------------------------------------------------------------------


def _add_dues(builder: _Builder, workspace: Workspace) -> None:
    for piece in load_pieces(workspace, builder.today):
        if piece.due is None or not builder.window.touches(piece.due, piece.due):
            continue
        lines = [f"{piece.kind} · {piece.stage}"]
        if piece.published_on:
            lines.append(tr("published {day}").format(day=piece.published_on.isoformat()))
        if piece.url:
            lines.append(piece.url)
        lines.append(f"ccos share show {piece.id}")
        builder.add(
            f"due-{piece.id}",
            tr("Due: {title}").format(title=piece.title),
            piece.due,
            piece.due + timedelta(days=1),
            [workspace.root / piece.path],
            status="CANCELLED" if piece.stage == "dropped" else "CONFIRMED",
            description="\n".join(lines),
            categories=["ccos", "sharing"],
            transparent=True,
        )


# --- what other capabilities date (their `calendar` hook in the registry) ---------------------


def _add_registered(builder: _Builder, workspace: Workspace, parts: set[str]) -> None:
    """Each capability's `calendar` entries, all-day: `{uid, summary, start, end, done,
    description, sources}` (`end` exclusive), for a capability whose name is one of `parts`."""
    from ccos.registry import capabilities, load

    for capability in capabilities():
        if capability.calendar is None or capability.name not in parts:
            continue
        for entry in load(capability.calendar)(workspace):
            if not builder.window.touches(entry["start"], entry["end"] - timedelta(days=1)):
                continue
            builder.add(
                entry["uid"],
                entry["summary"],
                entry["start"],
                entry["end"],
                entry["sources"],
                status="CANCELLED" if entry.get("cancelled") else "CONFIRMED",
                description=entry.get("description", ""),
                categories=["ccos", capability.name, *(["done"] if entry.get("done") else [])],
                transparent=True,
            )


def export_ics(
    workspace: Workspace,
    today: date,
    parts: set[str],
    window: Window,
    progress: Progress | None = None,
) -> tuple[bytes, int]:
    """The calendar as bytes, and how many VEVENTs it holds."""
    report: Progress = progress or (lambda _what, _done, _total: None)
    config = workspace.config()
    zone_name = config.profile.timezone
    builder = _Builder(today, window, config.workspace_id)
    if config.workspace_id is None:  # a workspace from before the id: the old UIDs, and a way out
        workspace.notes.append(
            tr(
                "ccos.toml has no workspace_id, so these UIDs may collide with another person's: "
                "run `ccos doctor --fix`"
            )
        )
    if "events" in parts:
        events = load_events(workspace)
        for index, loaded in enumerate(events, start=1):
            report("events", index, len(events))
            if _in_window(loaded, window):
                _add_event(builder, loaded)
            _add_tasks(builder, loaded)
    if "sessions" in parts:
        _add_sessions(builder, workspace, zone_name, report)
    if "sharing" in parts:
        report("sharing", 0, 1)
        _add_dues(builder, workspace)
        report("sharing", 1, 1)
    _add_registered(builder, workspace, parts)
    name = f"ccos · {config.profile.name}" if config.profile.name else "ccos"
    return builder.finish(name), len(builder.components)

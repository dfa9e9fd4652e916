"""Events in `plan` and `status` (the seam): the days themselves, playbook tasks, warnings, progress."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ccos.capabilities.events import store
from ccos.capabilities.events.rules import Loaded, occurrence_state, overdue_tasks, series_tasks, tasks_in
from ccos.dates import Period, human_day, short_day
from ccos.i18n import ntr, tr
from ccos.models.plan import Commitment, ProgressRow, ProgressState, Warning
from ccos.planning.seam import role_of
from ccos.words import count, plural

if TYPE_CHECKING:
    from ccos.capabilities.events.occurrences import Occurrence
    from ccos.planning.seam import SourceContext

TREND_COUNT = 5
UNRECORDED_DAYS = 366  # how far back the dashboard asks about occurrences nobody recorded


def _loaded(ctx: SourceContext) -> list[Loaded]:
    if "events" not in ctx.memo:
        ctx.memo["events"] = store.load_events(ctx.workspace)
    events: list[Loaded] = ctx.memo["events"]
    return events


def _held_in(ctx: SourceContext, first: date, last: date) -> Iterator[tuple[Loaded, Occurrence]]:
    for loaded in _loaded(ctx):
        for occurrence in loaded.schedule.between(first, last):
            yield loaded, occurrence


@dataclass(frozen=True)
class _Tally:
    """A quarter's occurrences: held, still to come, and past ones nobody recorded."""

    period: Period
    held: int
    planned: int
    unrecorded: int

    @property
    def counted(self) -> int:
        """What meets the quarter's target: held events and those still to come."""
        return self.held + self.planned


def _tally(ctx: SourceContext, quarter: Period) -> _Tally:
    key = f"events:tally:{quarter.id}"
    if key not in ctx.memo:
        states = [occurrence_state(loaded, o, ctx.today)[0] for loaded, o in _held_in(ctx, quarter.start, quarter.end)]
        ctx.memo[key] = _Tally(quarter, states.count("done"), states.count("planned"), states.count("unrecorded"))
    tally: _Tally = ctx.memo[key]
    return tally


def _keeps(ctx: SourceContext, day: date, role: str | None) -> str | None:
    """The quarter's target, in words, when this occurrence is one of the few that meet it
    (for a person who takes the events' role: nobody else is asked for events)."""
    wanted = ctx.config.targets.events_per_quarter
    if wanted <= 0 or (role is not None and role not in ctx.config.profile.roles):
        return None
    tally = _tally(ctx, Period.containing("quarter", day))
    if tally.counted == 1:
        return tr("the only event of {quarter}").format(quarter=tally.period.id)
    if tally.counted <= wanted:
        return tr("one of the {n} events {quarter} needs (target: {target})").format(
            n=tally.counted, quarter=tally.period.id, target=wanted
        )
    return None


def _command(loaded: Loaded, day: date) -> tuple[str, str]:
    """How to record, and how to cancel, one occurrence."""
    if loaded.event.recurring:
        return f"ccos event done {loaded.id} --on {day}", f"ccos event cancel {loaded.id} --on {day}"
    return f"ccos event done {loaded.id}", f"ccos event cancel {loaded.id}"


class EventSource:
    """Events in `plan` and `status`: the day itself, playbook tasks, warnings, progress."""

    name = "events"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        role = role_of(self)
        for loaded, occurrence in _held_in(ctx, period.start, period.end):
            status, hours = occurrence_state(loaded, occurrence, ctx.today)
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
                keeps=None if status == "unrecorded" else _keeps(ctx, occurrence.day, role),
            )
        for loaded in _loaded(ctx):
            if loaded.event.status == "cancelled":
                continue
            for task in tasks_in(loaded, ctx.today, period.start, period.end):
                if task.status == "missed":
                    continue
                suffix = f":{task.occurrence}" if task.each else ""
                # a task ticked on a known day is on that day; else on its date, or spread over
                # its window's weeks [start, end]
                on_day = task.ticked_on
                spread = on_day is None and task.end is not None
                yield Commitment(
                    type="event_task",
                    id=f"event:{loaded.id}:task:{task.number}{suffix}",
                    title=f"{task.text} · {loaded.event.title}",
                    stream="events",
                    hours=task.hours,
                    status=task.status,
                    # preparation and the day itself cannot move past the event; follow-up can
                    fixed=task.phase != "after",
                    priority=1,
                    ref=f"{loaded.id} {task.number}",
                    date=None if spread else (on_day or task.date),
                    start=task.date if spread else None,
                    end=task.end if spread else None,
                )

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        current = period.contains(ctx.today)
        for loaded in _loaded(ctx):
            late = [t for t in overdue_tasks(loaded, ctx.today) if current or period.contains(t.end or t.date)]
            if late:
                listed = "; ".join(f"{t.number}. {t.text} ({short_day(t.end or t.date, ctx.today)})" for t in late[:3])
                more = tr(" and {n} more").format(n=len(late) - 3) if len(late) > 3 else ""
                message = ntr(
                    "{title}: {n} playbook task is past its date: {tasks}; tick with `{command}`",
                    "{title}: {n} playbook tasks are past their date: {tasks}; tick with `{command}`",
                    len(late),
                )
                yield Warning(
                    code="event_task_overdue",
                    message=message.format(
                        title=loaded.event.title,
                        n=len(late),
                        tasks=listed + more,
                        command=f"ccos event task {loaded.id} check N",
                    ),
                    subject=loaded.id,
                )
        wanted = ctx.config.targets.events_per_quarter
        if period.kind == "quarter" and wanted > 0:
            tally = _tally(ctx, period)
            if tally.counted == 0:
                if tally.unrecorded:
                    message = tr(
                        "no event held or planned in {quarter} (target: {target} a quarter); {past} not recorded "
                        "(`ccos event done` if it took place); plan one with `ccos event add`"
                    ).format(
                        quarter=period.id, target=wanted,
                        past=count(tally.unrecorded, "past event", "past events"),
                    )  # fmt: skip
                else:
                    message = tr(
                        "no event held or planned in {quarter} (target: {target} a quarter); "
                        "plan one with `ccos event add`"
                    ).format(quarter=period.id, target=wanted)
                yield Warning(code="no_event_this_quarter", message=message)

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        if period.kind == "quarter":
            tally = _tally(ctx, period)
            target = ctx.config.targets.events_per_quarter
            if tally.unrecorded:
                detail = tr("{held} held, {planned} planned, {unrecorded} not recorded").format(
                    held=tally.held, planned=tally.planned, unrecorded=tally.unrecorded
                )
            else:
                detail = tr("{held} held, {planned} planned").format(held=tally.held, planned=tally.planned)
            yield ProgressRow(
                source=self.name,
                key="events_quarter",
                label=tr("events this quarter"),
                period="quarter",
                actual=tally.counted,
                target=target,
                unit=plural(tally.counted, "event", "events"),
                state="ok" if tally.counted >= target else "behind",
                detail=detail,
            )

    def standing(self, ctx: SourceContext) -> Iterable[ProgressRow]:
        """The next event's playbook, occurrences to record, the attendance trend, the events
        shared with co-organisers."""
        yield self._next_event(ctx)
        unrecorded = self._unrecorded(ctx)
        if unrecorded is not None:
            yield unrecorded
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
                source=self.name, key="next_event", label=tr("next event"), actual=0,
                unit=plural(0, "task", "tasks"), state="info",
                detail=tr("none planned; add one with `{command}`").format(command="ccos event add"),
            )  # fmt: skip
        day, loaded = best
        tasks = series_tasks(loaded, ctx.today, day if loaded.event.recurring else None)
        done = sum(1 for t in tasks if t.done)
        overdue = sum(1 for t in tasks if t.status == "overdue")
        days = (day - ctx.today).days
        if days == 0:
            when = tr("today")
        elif days == 1:
            when = tr("tomorrow")
        else:
            when = tr("in {days}").format(days=count(days, "day", "days"))
        detail = tr("{title} · {day} ({when})").format(
            title=loaded.event.title, day=human_day(day, ctx.today), when=when
        )
        if overdue:
            detail += " · " + tr("{n} overdue").format(n=overdue)
        return ProgressRow(
            source=self.name,
            key="next_event",
            label=tr("next event: playbook"),
            actual=done,
            target=len(tasks),
            unit=plural(len(tasks), "task", "tasks"),
            state="behind" if overdue else ("ok" if done >= len(tasks) else "info"),
            detail=detail,
        )

    def _unrecorded(self, ctx: SourceContext) -> ProgressRow | None:
        """Past occurrences nobody recorded: neither held nor planned until the person says
        which (record it with `event done`, or cancel it)."""
        first = ctx.today - timedelta(days=UNRECORDED_DAYS)
        found = [
            (occurrence.day, loaded)
            for loaded, occurrence in _held_in(ctx, first, ctx.today - timedelta(days=1))
            if occurrence_state(loaded, occurrence, ctx.today)[0] == "unrecorded"
        ]
        if not found:
            return None
        day, loaded = max(found, key=lambda pair: (pair[0], pair[1].id))
        record, cancel = _command(loaded, day)
        events = {loaded.id for _, loaded in found}
        if len(events) > 1:
            detail = tr(
                "latest {title} and {others} on {day}: `{record}` if it took place, else `{cancel}`"
            ).format(
                title=loaded.event.title, others=count(len(events) - 1, "other event", "other events"),
                day=human_day(day, ctx.today), record=record, cancel=cancel,
            )  # fmt: skip
        else:
            detail = tr("latest {title} on {day}: `{record}` if it took place, else `{cancel}`").format(
                title=loaded.event.title, day=human_day(day, ctx.today), record=record, cancel=cancel
            )
        return ProgressRow(
            source=self.name,
            key="events_unrecorded",
            label=tr("events not recorded"),
            actual=len(found),
            unit=plural(len(found), "event", "events"),
            state="behind",
            detail=detail,
        )

    def _attendance(self, ctx: SourceContext) -> ProgressRow | None:
        """The latest event's attendance against what it expected, and the trend over the last
        few: people at different events are not added up (40 and 45 people are not 85)."""
        records: list[tuple[date, str, int, int | None]] = []
        for loaded in _loaded(ctx):
            event = loaded.event
            if event.recurring:
                records.extend(
                    (h.on, loaded.id, h.attendees, event.expected) for h in event.held if h.attendees is not None
                )
            elif event.status == "done" and event.attendees is not None:
                records.append((event.start_date, loaded.id, event.attendees, event.expected))
        records = sorted(r for r in records if r[0] <= ctx.today)[-TREND_COUNT:]
        if not records:
            return None
        day, latest, actual, expected = records[-1]
        title = next(loaded.event.title for loaded in _loaded(ctx) if loaded.id == latest)
        trend = " → ".join(f"{a}/{e}" if e is not None else f"{a}" for _, _, a, e in records)
        state: ProgressState = "info" if not expected else ("ok" if actual >= expected else "behind")
        return ProgressRow(
            source=self.name,
            key="event_attendance",
            label=tr("attendance, latest event"),
            actual=actual,
            target=expected,
            unit=plural(actual, "person", "people"),
            state=state,
            detail=f"{title} · {human_day(day, ctx.today)}"
            + (" · " + tr("trend {trend}").format(trend=trend) if len(records) > 1 else ""),
        )

    def _co_organised(self, ctx: SourceContext) -> ProgressRow:
        year = ctx.today.year
        this_year = [loaded for loaded in _loaded(ctx) if loaded.schedule.between(date(year, 1, 1), date(year, 12, 31))]
        shared = sum(1 for loaded in this_year if loaded.event.co_organisers)
        return ProgressRow(
            source=self.name,
            key="events_co_organised",
            label=tr("events with a co-organiser in {year}").format(year=year),
            actual=shared,
            target=len(this_year),
            unit=plural(len(this_year), "event", "events"),
            state="info",
            detail=tr("grow other organisers and share the load (§5.3, §7.2)"),
        )

"""Events in `plan` and `status` (the seam): the days themselves, playbook tasks, warnings, progress."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ccos.capabilities.events import store
from ccos.capabilities.events.rules import Loaded, occurrence_state, overdue_tasks, series_tasks, tasks_between
from ccos.models.plan import Commitment, ProgressRow, ProgressState, Warning

if TYPE_CHECKING:
    from ccos.capabilities.events.occurrences import Occurrence
    from ccos.dates import Period
    from ccos.planning.seam import SourceContext

TREND_COUNT = 5


def _loaded(ctx: SourceContext) -> list[Loaded]:
    if "events" not in ctx.memo:
        ctx.memo["events"] = store.load_events(ctx.workspace)
    events: list[Loaded] = ctx.memo["events"]
    return events


def _held_in(ctx: SourceContext, first: date, last: date) -> Iterator[tuple[Loaded, Occurrence]]:
    for loaded in _loaded(ctx):
        for occurrence in loaded.schedule.between(first, last):
            yield loaded, occurrence


class EventSource:
    """Events in `plan` and `status`: the day itself, playbook tasks, warnings, progress."""

    name = "events"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        for loaded, occurrence in _held_in(ctx, period.start, period.end):
            status, hours = occurrence_state(loaded, occurrence)
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
                spread = task.end is not None  # a window: its hours spread over [start, end]
                yield Commitment(
                    type="event_task",
                    id=f"event:{loaded.id}:task:{task.number}{suffix}",
                    title=f"{task.text} · {loaded.event.title}",
                    stream="events",
                    hours=task.hours,
                    status=task.status,
                    priority=1,
                    ref=f"{loaded.id} {task.number}",
                    date=None if spread else task.date,
                    start=task.date if spread else None,
                    end=task.end,
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
            held = sum(1 for loaded, o in occurrences if occurrence_state(loaded, o)[0] == "done")
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

    def standing(self, ctx: SourceContext) -> Iterable[ProgressRow]:
        """The next event's playbook, the attendance trend, the events shared with co-organisers."""
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
                source=self.name, key="next_event", label="next event", actual=0,
                unit="tasks", state="info", detail="none planned; add one with `ccos event add`",
            )  # fmt: skip
        day, loaded = best
        tasks = series_tasks(loaded, ctx.today, day if loaded.event.recurring else None)
        done = sum(1 for t in tasks if t.done)
        overdue = sum(1 for t in tasks if t.status == "overdue")
        days = (day - ctx.today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        return ProgressRow(
            source=self.name,
            key="next_event",
            label="next event: playbook",
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
            actual=shared,
            target=len(this_year),
            unit="events",
            state="info",
            detail="grow other organisers and share the load (§5.3, §7.2)",
        )

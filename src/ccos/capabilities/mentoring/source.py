"""Mentoring's seam source: sessions held, planned and due for the planner; warnings, the
month's progress rows and the standing rows (capacity, overdue, group sizes) for the dashboard."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccos.capabilities.mentoring import rules
from ccos.capabilities.mentoring.store import MenteeRecord, SessionFact, load_mentees, session_facts
from ccos.capabilities.mentoring.summaries import MenteeSummary, capacity, summarize_facts
from ccos.dates import Period, short_day
from ccos.i18n import ntr, tr
from ccos.models.plan import Commitment, ProgressRow, Warning
from ccos.words import count, plural

if TYPE_CHECKING:
    from datetime import date

    from ccos.planning.seam import SourceContext


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


def _keeps(day: date, name: str | None, held: list[date], upcoming: list[date]) -> str | None:
    """The monthly target a session alone keeps met: none held in its month, no other one
    planned or due there (`name`: None when the mentee has no monthly target)."""
    if name is None:
        return None
    month = Period.containing("month", day)
    if any(month.contains(d) for d in held) or sum(1 for d in upcoming if month.contains(d)) != 1:
        return None
    return tr("the only session with {name} in {month}").format(name=name, month=month.id)


class MenteeSource:
    name = "mentees"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        """Held sessions (done), planned ones (fixed in time when planned at a set time) and
        the ones the cadence asks for (movable). One that is the mentee's only session of its
        month, with none held there yet, `keeps` the monthly target: the defer advice keeps it."""
        default = ctx.config.targets.sessions_per_mentee_per_month
        until = Period.containing("month", period.end).end  # a month's other sessions, beyond the period
        for item in _loaded(ctx):
            mentee, summary = item.record.mentee, item.summary
            title = rules.session_title(mentee)
            hours = summary.session_minutes / 60
            projected = rules.projected_sessions(mentee, summary.next_due, summary.upcoming, ctx.today, until)
            wants = rules.is_active(mentee, ctx.today) and bool(rules.monthly_target(mentee, default))
            open_days = [f.date for f in item.sessions if f.status != "held"] + [day for day, _ in projected]
            held_days = [f.date for f in item.sessions if f.status == "held"]
            name = mentee.name if wants else None

            for fact in item.sessions_in(period):
                held = fact.status == "held"
                yield Commitment(
                    type="session",
                    id=f"session:{item.record.id}:{fact.stem}",
                    title=title,
                    stream="mentoring",
                    hours=fact.minutes / 60,
                    date=fact.date,
                    status="done" if held else "planned",
                    fixed=held or fact.time is not None,  # planned at a set time: an appointment
                    keeps=None if held else _keeps(fact.date, name, held_days, open_days),
                    ref=item.record.id,
                )
            for day, overdue in projected:
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
                    priority=1,
                    keeps=_keeps(day, name, held_days, open_days),
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
            last = short_day(summary.last_session, ctx.today) if summary.last_session else tr("none yet")
            yield Warning(
                code="mentee_overdue",
                message=tr("{name}: a session was due {day} ({ago}; cadence {cadence}, last session {last})").format(
                    name=summary.name,
                    day=short_day(summary.next_due, ctx.today),
                    ago=ntr("{n} day ago", "{n} days ago", summary.days_overdue).format(n=summary.days_overdue),
                    cadence=summary.cadence,
                    last=last,
                ),
                subject=summary.id,
            )
        cap = capacity(ctx.workspace, [i.record for i in loaded], ctx.today)
        if cap.over:
            yield Warning(
                code="too_many_mentees",
                message=tr(
                    "{mentees} ({one_on_one} 1:1, {groups}) against a maximum of {maximum}: "
                    "take no new one, and consider pausing or graduating someone"
                ).format(
                    mentees=count(cap.load, "active mentee", "active mentees"),
                    one_on_one=cap.one_on_one,
                    groups=count(cap.groups, "group", "groups"),
                    maximum=cap.maximum,
                ),
            )

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        if period.kind == "month":
            yield from self._month_rows(ctx, period, _loaded(ctx))

    def standing(self, ctx: SourceContext) -> Iterable[ProgressRow]:
        """Capacity, who is overdue, and groups of the wrong size: as they are today."""
        loaded = _loaded(ctx)
        config = ctx.config
        if not loaded:
            return
        cap = capacity(ctx.workspace, [i.record for i in loaded], ctx.today)
        yield ProgressRow(
            source=self.name,
            key="mentee_capacity",
            label=tr("mentees (1:1 + groups)"),
            actual=cap.load,
            target=cap.maximum,
            unit=plural(max(cap.load, cap.maximum), "mentee", "mentees"),
            state="over" if cap.over else ("behind" if cap.load < cap.minimum else "ok"),
            detail=tr("{one_on_one} 1:1, {groups}; aim for {low}-{high}").format(
                one_on_one=cap.one_on_one,
                groups=count(cap.groups, "group", "groups"),
                low=cap.minimum,
                high=cap.maximum,
            ),
        )
        overdue = [i.summary for i in loaded if i.summary.overdue]
        yield ProgressRow(
            source=self.name,
            key="mentees_overdue",
            label=tr("mentees overdue"),
            actual=len(overdue),
            unit=plural(len(overdue), "mentee", "mentees"),
            state="behind" if overdue else "ok",
            detail=", ".join(s.name for s in overdue) or None,
        )
        low, high = config.targets.group_size_min, config.targets.group_size_max
        for item in loaded:
            mentee = item.record.mentee
            if not rules.is_active(mentee, ctx.today):
                continue
            problem = rules.group_size_problem(mentee, low, high)
            if problem:
                yield ProgressRow(
                    source=self.name,
                    key=f"mentee_group_size:{item.record.id}",
                    label=tr("group size · {name}").format(name=mentee.name),
                    actual=len(mentee.members),
                    target=high,
                    unit=plural(max(len(mentee.members), high), "member", "members"),
                    state="over",
                    detail=problem,
                )

    def _month_rows(self, ctx: SourceContext, period: Period, loaded: list[_Loaded]) -> Iterable[ProgressRow]:
        """One row for all mentees (sessions held against the cadence's monthly target), so the
        dashboard stays on one screen; the detail names each mentee's count. Then the minutes."""
        default = ctx.config.targets.sessions_per_mentee_per_month
        total_minutes = 0
        target_minutes = 0
        held_total = 0
        target_total = 0
        parts = []
        for item in loaded:
            mentee = item.record.mentee
            held = [s for s in item.sessions if s.status == "held" and period.contains(s.date)]
            total_minutes += sum(s.minutes for s in held)
            if not rules.is_active(mentee, ctx.today):
                continue
            target = rules.monthly_target(mentee, default)
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
                label=tr("mentoring sessions"),
                period=period.kind,
                actual=held_total,
                target=target_total,
                unit=plural(max(held_total, target_total), "session", "sessions"),
                state="ok" if held_total >= target_total else "behind",
                detail=" · ".join(parts),
            )
        if loaded:
            yield ProgressRow(
                source=self.name,
                key="mentee_minutes",
                label=tr("mentoring minutes"),
                period=period.kind,
                actual=total_minutes,
                target=target_minutes or None,
                # i18n: minutes, short, after a number ("45 min")
                unit=tr("min"),
                state="info" if not target_minutes else ("ok" if total_minutes >= target_minutes else "behind"),
            )

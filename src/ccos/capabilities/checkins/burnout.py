"""The `burnout_risk` warning of a week: from the latest check-in, or from a run of
over-budget weeks (the rules are in rules.py; this module gathers what they look at)."""

from __future__ import annotations

from datetime import date, timedelta

from ccos.capabilities.checkins.model import Checkin
from ccos.capabilities.checkins.rules import RUN_WEEKS, Relief, at_risk, in_reach, run_warning, signal_warning
from ccos.capabilities.checkins.store import load_checkins
from ccos.dates import Period
from ccos.models.plan import PlanItem, Warning
from ccos.planning.history import commitments_between, week_loads, weeks_until
from ccos.planning.seam import SourceContext

NEXT_EVENT_WEEKS = 8  # how far ahead "the next event" is looked for
FINISHED = ("done", "unrecorded")  # nothing left to say no to, or to share


def recent_checkins(ctx: SourceContext) -> list[Checkin]:
    """Every check-in of a week that has started by today, oldest first (read once per command)."""
    cached: list[Checkin] | None = ctx.memo.get("checkins")
    if cached is None:
        cached = []
        for checkin in load_checkins(ctx.workspace):
            week = Period.from_id(checkin.week)
            if week is not None and week.start <= ctx.today:
                cached.append(checkin)
        ctx.memo["checkins"] = cached
    return list(cached)


def over_budget_weeks(ctx: SourceContext, until: Period, count: int = RUN_WEEKS) -> list[tuple[str, bool]]:
    """(week id, over budget?) for the `count` weeks ending with `until`: the weeks' loads, as
    the dashboard's load bars show them (no plan is built for them)."""
    return [(load.week, load.state == "over") for load in week_loads(ctx, weeks_until(until, count))]


def deferrable_items(ctx: SourceContext, week: Period) -> list[PlanItem]:
    """The week's items that could wait, biggest first: not done, not fixed in time (an
    event, its day-of tasks, a session at a set time); what alone keeps a target met
    (`Commitment.keeps`: the month's only deep piece) comes after everything else."""
    plan = ctx.plan(week, warnings=False)  # the week's own plan, built once for the command
    known = {c.id: c for c in commitments_between(ctx, week.start, week.end)}
    open_items = [
        item for item in plan.items if item.status not in FINISHED and not (item.id in known and known[item.id].fixed)
    ]

    def keeps(item: PlanItem) -> bool:
        return item.id in known and known[item.id].keeps is not None

    return sorted(open_items, key=lambda i: (keeps(i), -i.hours, i.title))


def next_event(ctx: SourceContext) -> tuple[str, date] | None:
    """The next event still ahead (by title and day), within `NEXT_EVENT_WEEKS`."""
    last = ctx.today + timedelta(weeks=NEXT_EVENT_WEEKS)
    ahead = [
        c
        for c in commitments_between(ctx, ctx.today, last)
        if c.type == "event" and c.date is not None and ctx.today <= c.date <= last and c.status not in FINISHED
    ]
    if not ahead:
        return None
    first = min(ahead, key=lambda c: (c.date or last, c.title))
    return (first.title, first.date) if first.date is not None else None


def burnout_warnings(ctx: SourceContext, week: Period) -> list[Warning]:
    targets = ctx.config.targets
    warnings = []
    checkins = recent_checkins(ctx)
    near = in_reach(checkins, week)
    relief = None
    if near and at_risk(near[-1], targets.checkin_risk_threshold):
        candidates = deferrable_items(ctx, week)
        event = next_event(ctx)
        relief = Relief(
            deferrable=candidates[0].title if candidates else None,
            next_event=event[0] if event else None,
            next_event_on=event[1] if event else None,
        )
    signals = signal_warning(checkins, week, targets.checkin_risk_threshold, relief)
    if signals is not None:
        warnings.append(signals)
    over = [is_over for _, is_over in over_budget_weeks(ctx, week)]
    if sum(over) >= targets.over_budget_weeks_for_risk:
        candidates = deferrable_items(ctx, week)  # the biggest flexible item gives the most relief
        load = run_warning(over, targets.over_budget_weeks_for_risk, candidates[0].title if candidates else None)
        if load is not None:
            warnings.append(load)
    return warnings

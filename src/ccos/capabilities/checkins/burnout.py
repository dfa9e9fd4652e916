"""The `burnout_risk` warning of a week: from the latest check-in, or from a run of
over-budget weeks (the rules are in rules.py; this module gathers what they look at)."""

from __future__ import annotations

from ccos.capabilities.checkins.model import Checkin
from ccos.capabilities.checkins.rules import RUN_WEEKS, run_warning, signal_warning
from ccos.capabilities.checkins.store import load_checkins
from ccos.dates import Period
from ccos.models.plan import Warning
from ccos.planning.history import week_loads, weeks_until
from ccos.planning.seam import SourceContext


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


def burnout_warnings(ctx: SourceContext, week: Period) -> list[Warning]:
    targets = ctx.config.targets
    warnings = []
    signals = signal_warning(recent_checkins(ctx), week, targets.checkin_risk_threshold)
    if signals is not None:
        warnings.append(signals)
    over = [is_over for _, is_over in over_budget_weeks(ctx, week)]
    if sum(over) >= targets.over_budget_weeks_for_risk:
        plan = ctx.plan(week, warnings=False)  # the week's own plan, built once for the command
        # The biggest flexible item gives the most relief.
        candidates = sorted(plan.deferred or [i for i in plan.items if i.status != "done"], key=lambda i: -i.hours)
        load = run_warning(over, targets.over_budget_weeks_for_risk, candidates[0].title if candidates else None)
        if load is not None:
            warnings.append(load)
    return warnings

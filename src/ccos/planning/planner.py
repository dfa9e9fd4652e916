"""`ccos plan`: what falls in a period, summed against the budget, with what to defer.

Spreading rule (documented in the README): a commitment with a window and no date
spreads its hours evenly over the ISO weeks its window touches; within a week, over the
window's days in that week. A week plan gets exactly that week's share, and a month or
quarter plan the sum of its days' shares, so the weeks of a month add up to the month.

A plan is built in two steps: `build_plan` (the items and the budget) and
`plan_warnings`. Callers do not call them: they ask `SourceContext.plan(period)`, which
builds each period's plan once per command.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ccos.dates import Period
from ccos.models.plan import BudgetInfo, Commitment, PeriodInfo, Plan, PlanItem, StreamLoad, Warning, WarningCode
from ccos.planning.budget import available_hours, budget_state, stream_budgets
from ccos.planning.seam import Source, SourceContext, role_of

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def hours_in_period(commitment: Commitment, period: Period) -> float:
    """The share of a commitment's hours that falls inside `period`."""
    if commitment.date is not None:
        return commitment.hours if period.contains(commitment.date) else 0.0
    if commitment.start is None or commitment.end is None:
        return 0.0
    start, end = commitment.start, max(commitment.start, commitment.end)
    if end < period.start or start > period.end or commitment.hours == 0:
        return 0.0
    weeks = Period("week", start, end).weeks()
    per_week = commitment.hours / len(weeks)
    total = 0.0
    for week in weeks:
        first, last = max(start, week.start), min(end, week.end)
        days_in_window = (last - first).days + 1
        total += per_week * period.overlap_days(first, last) / days_in_window
    return total


def _anchor(commitment: Commitment) -> date | None:
    return commitment.date or commitment.end


def _fit_order(item: tuple[Commitment, float]) -> tuple[int, int, int, date, int, str]:
    commitment, _hours = item
    overdue = commitment.status == "overdue"
    anchor = _anchor(commitment) or date.max - timedelta(days=1)
    return (
        0 if commitment.status == "done" else 1,
        0 if overdue else 1,
        0 if commitment.fixed else 1,
        anchor,
        -commitment.priority,
        commitment.id,
    )


def _to_item(commitment: Commitment, hours: float, fits: bool) -> PlanItem:
    return PlanItem(
        type=commitment.type,
        id=commitment.id,
        title=commitment.title,
        date=_anchor(commitment),
        hours=round(hours, 2),
        status=commitment.status,
        stream=commitment.stream,
        fits=fits,
        ref=commitment.ref,
    )


def allocate(commitments: Iterable[Commitment], period: Period) -> list[tuple[Commitment, float]]:
    allocated = []
    for commitment in commitments:
        hours = hours_in_period(commitment, period)
        if hours > 0 or (commitment.date is not None and period.contains(commitment.date)):
            allocated.append((commitment, hours))
    return allocated


def build_plan(ctx: SourceContext, period: Period) -> Plan:
    """The items of `period` and its budget, what fits and what to defer (no warnings yet)."""
    warn_ratio = ctx.config.budget.warn_ratio
    commitments = [c for source in ctx.sources for c in source.commitments(ctx, period)]
    allocated = sorted(allocate(commitments, period), key=_fit_order)
    available = available_hours(ctx, period)
    planned = sum(hours for _, hours in allocated)

    fits: dict[str, bool] = {}
    used = 0.0
    for commitment, hours in allocated:
        if commitment.status == "done" or used + hours <= available + 1e-9:
            fits[commitment.id] = True
            used += hours
        else:
            fits[commitment.id] = False
    over = planned > available + 1e-9
    items = [_to_item(c, h, fits[c.id] or not over) for c, h in allocated]
    items.sort(key=lambda item: (item.date or date.max, item.type, item.id))
    deferred = [item for item in items if not item.fits]

    streams = []
    for name, hours in stream_budgets(ctx, period).items():
        stream_planned = sum(h for c, h in allocated if c.stream == name)
        streams.append(
            StreamLoad(
                stream=name,
                hours=hours,
                planned_hours=round(stream_planned, 2),
                state=budget_state(stream_planned, hours, warn_ratio),
            )
        )
    budget = BudgetInfo(
        hours=available,
        planned_hours=round(planned, 2),
        state=budget_state(planned, available, warn_ratio),
        ratio=round(planned / available, 3) if available else (0.0 if planned == 0 else float("inf")),
        streams=streams,
    )
    return Plan(
        period=PeriodInfo(kind=period.kind, id=period.id, start=period.start, end=period.end),
        today=ctx.today,
        budget=budget,
        items=items,
        deferred=deferred,
        warnings=[],
    )


def plan_warnings(ctx: SourceContext, period: Period, plan: Plan) -> list[Warning]:
    """The budget's warnings, then every source's for `period` (a role's targets only for the roles taken)."""
    warnings = budget_warnings(plan.budget, period, len(plan.deferred))
    roles: set[str] = set(ctx.config.profile.roles)
    for source in ctx.sources:
        warnings.extend(w for w in source.warnings(ctx, period) if role_wants(source, w.code, roles))
    return dedupe(warnings)


# Warnings about a role's own targets (guide §5) are raised only for the roles a person takes:
# the role of the capability that raises them (its `role` in the registry). Warnings about
# things they committed to (an overdue piece, mentee or task) and about load (budget,
# capacity, burnout) are raised whatever the roles.
TARGET_WARNINGS: frozenset[WarningCode] = frozenset(
    {"no_update_this_week", "no_deep_content_this_month", "personal_mix_off", "no_event_this_quarter"}
)


def role_wants(source: Source, code: str, roles: set[str]) -> bool:
    if code not in TARGET_WARNINGS:
        return True
    role = role_of(source)
    return role is None or role in roles


def budget_warnings(budget: BudgetInfo, period: Period, deferred: int) -> list[Warning]:
    planned, hours = budget.planned_hours, budget.hours
    if budget.state == "over":
        message = (
            f"{planned:g} h planned for {period.id} against a budget of {hours:g} h; "
            f"defer {deferred} item{'s' if deferred != 1 else ''} or say no to something new"
        )
        return [Warning(code="over_budget", message=message)]
    if budget.state == "near":
        return [
            Warning(
                code="near_budget",
                message=f"{planned:g} h of {hours:g} h planned for {period.id}: little room for anything new",
            )
        ]
    return []


def dedupe(warnings: Iterable[Warning]) -> list[Warning]:
    seen: set[tuple[str, str | None, str]] = set()
    unique = []
    for warning in warnings:
        key = (warning.code, warning.subject, warning.message)
        if key not in seen:
            seen.add(key)
            unique.append(warning)
    return unique


def plan_period(workspace: Workspace, today: date, period: Period) -> Plan:
    """The plan of `period` in a context of its own (one command's worth)."""
    return SourceContext.of(workspace, today).plan(period)

"""`ccos plan`: what falls in a period, summed against the budget, with what to defer.

Spreading rule (documented in the README): a commitment with a window and no date
spreads its hours evenly over the ISO weeks its window touches; within a week, over the
window's days in that week. A week plan gets exactly that week's share, and a month or
quarter plan the sum of its days' shares, so the weeks of a month add up to the month.

What a plan counts (docs/planning.md):

- A past period (its end is before today) reports what happened: what was done, on the
  day it was done, with its hours. Nothing else is counted, so its figure is the same
  whenever it is asked for; what was not done is `left_open`; nothing is deferred.
- One commitment, counted once: a commitment `about` another (a checklist item about a
  piece, a mentee, an event) counts 0 h in a period whose allocation holds a commitment it
  matches; it stays listed, `counted_with` that one.
- An occurrence nobody recorded (`unrecorded`) is listed at 0 h: neither done nor planned.

Defer advice, when the period is over budget: nothing fixed in time (`Commitment.fixed`)
or done is ever deferred; what keeps a target met (`Commitment.keeps`) is deferred only
when nothing else can go; of the rest, the few items that bring the plan within budget
(the smallest that covers what is left, else the biggest, again), each with the first
later week that has room for it (`LOOK_AHEAD_WEEKS` weeks at most, from the week of the
day after the period's end). When the fixed hours alone exceed the budget, deferring cannot help:
the plan says so (`fixed_over`) and advises taking nothing new on.

A plan is built in two steps: `build_plan` (the items and the budget) and
`plan_warnings`. Callers do not call them: they ask `SourceContext.plan(period)`, which
builds each period's plan once per command. The look-ahead reads later weeks' loads
(`_allocation`, memoised), never their plans, so it cannot recurse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ccos.dates import Period
from ccos.i18n import tr
from ccos.models.plan import BudgetInfo, Commitment, PeriodInfo, Plan, PlanItem, StreamLoad, Warning, WarningCode
from ccos.planning.budget import available_hours, budget_state, stream_budgets
from ccos.planning.seam import Source, SourceContext, role_of
from ccos.words import count, number

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

LOOK_AHEAD_WEEKS = 12  # how far the defer advice looks for a week with room
_ALLOCATIONS = "planning:allocation"
_EPSILON = 1e-9


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


def allocate(commitments: Iterable[Commitment], period: Period) -> list[tuple[Commitment, float]]:
    allocated = []
    for commitment in commitments:
        hours = hours_in_period(commitment, period)
        if hours > 0 or (commitment.date is not None and period.contains(commitment.date)):
            allocated.append((commitment, hours))
    return allocated


def matches(about: str, commitment_id: str) -> bool:
    """Whether `about` (an id, or an id prefix ending in ":") names `commitment_id`."""
    return commitment_id == about or (about.endswith(":") and commitment_id.startswith(about))


@dataclass(frozen=True)
class Counted:
    """One commitment of a period: the hours it counts there, and what it is counted with."""

    commitment: Commitment
    hours: float  # rounded to 0.01 h: the items add up to the plan's figure exactly
    share: float  # its share of the period before counting once / unrecorded (what `left_open` shows)
    counted_with: str | None = None


def count_once(allocated: Sequence[tuple[Commitment, float]]) -> list[Counted]:
    """Each commitment with its counted hours: one `about` a commitment of the same
    allocation counts 0 h (the real thing carries the hours); an unrecorded one counts 0 h."""
    # The thing itself before its parts: an exact id first, then an event before its tasks.
    real = sorted(
        (c for c, _ in allocated if c.about is None),
        key=lambda c: (c.type == "event_task", _anchor(c) or date.max, c.id),
    )
    counted = []
    for commitment, hours in allocated:
        share = round(hours, 2)
        about = commitment.about
        match = None
        if about:
            exact = [r for r in real if r.id == about]
            match = next(iter(exact), None) or next(
                (r for r in real if r.id != commitment.id and matches(about, r.id)), None
            )
        if match is not None:
            counted.append(Counted(commitment, 0.0, share, match.id))
        elif commitment.status == "unrecorded":
            counted.append(Counted(commitment, 0.0, share))
        else:
            counted.append(Counted(commitment, share, share))
    return counted


@dataclass(frozen=True)
class Allocation:
    """What a period counts (`counted`) and, for a past period, what was left undone."""

    counted: list[Counted]
    left_open: list[Counted]
    past: bool

    @property
    def planned(self) -> float:
        return round(sum(c.hours for c in self.counted), 2)


def allocation_of(commitments: Iterable[Commitment], period: Period, today: date) -> Allocation:
    """What `period` counts of `commitments` on `today`: a past period its done work only
    (the rest `left_open`), any other all of it; counted once, an unrecorded one at 0 h.
    Pure: the history's week loads can judge a week by the same rule (`counted_hours`)."""
    allocated = allocate(commitments, period)
    if period.end < today:
        done = [(c, h) for c, h in allocated if c.status == "done"]
        undone = [(c, h) for c, h in allocated if c.status != "done" and _left_in(c, period)]
        return Allocation(count_once(done), [Counted(c, round(h, 2), round(h, 2)) for c, h in undone], True)
    return Allocation(count_once(allocated), [], False)


def counted_hours(commitments: Iterable[Commitment], period: Period, today: date) -> float:
    """The hours `period` counts (a plan's `planned_hours`), from commitments already gathered."""
    return allocation_of(commitments, period, today).planned


def _allocation(ctx: SourceContext, period: Period) -> Allocation:
    """The period's commitments, counted (memoised: the defer advice reads later weeks' loads)."""
    memo: dict[Period, Allocation] = ctx.memo.setdefault(_ALLOCATIONS, {})
    found = memo.get(period)
    if found is None:
        commitments = [c for source in ctx.sources for c in source.commitments(ctx, period)]
        found = memo[period] = allocation_of(commitments, period, ctx.today)
    return found


def _left_in(commitment: Commitment, period: Period) -> bool:
    """A past period's undone work: what was due in it (not a longer list still running)."""
    anchor = _anchor(commitment)
    return anchor is not None and period.contains(anchor)


def deferrable(counted: Counted) -> bool:
    """What a person can move: not fixed in time, not done, not unrecorded, and costing time here."""
    commitment = counted.commitment
    return counted.hours > 0 and not commitment.fixed and commitment.status not in ("done", "unrecorded")


def choose(candidates: Sequence[Counted], excess: float) -> list[Counted]:
    """The few items whose deferral brings `excess` hours back: what keeps no target first;
    within that, the smallest item that covers what is left, else the biggest, again."""
    chosen: list[Counted] = []
    left = excess
    for tier in (
        [c for c in candidates if c.commitment.keeps is None],
        [c for c in candidates if c.commitment.keeps is not None],
    ):
        pool = list(tier)
        while left > _EPSILON and pool:
            covering = [c for c in pool if c.hours >= left - _EPSILON]
            if covering:
                pick = min(covering, key=lambda c: (c.hours, c.commitment.priority, c.commitment.id))
            else:
                pick = max(pool, key=lambda c: (c.hours, -c.commitment.priority, c.commitment.id))
            pool.remove(pick)
            chosen.append(pick)
            left -= pick.hours
    return chosen


def room(ctx: SourceContext, week: Period) -> float:
    """The hours left in `week` as it stands (its budget less what it counts)."""
    return available_hours(ctx, week) - _allocation(ctx, week).planned


def later_weeks(period: Period) -> list[Period]:
    """The weeks the defer advice looks at: from the week of the day after the period's end
    (a week plan: the next week; a month or quarter: the week the next one begins in),
    `LOOK_AHEAD_WEEKS` of them."""
    first = Period.containing("week", period.end + timedelta(days=1))
    return [first.shift(n) for n in range(LOOK_AHEAD_WEEKS)]


def suggest_weeks(ctx: SourceContext, period: Period, chosen: Sequence[Counted]) -> dict[str, str | None]:
    """Each chosen item's first later week with room for it, biggest first (so the week an
    item is sent to has room for it and for those sent before)."""
    weeks = later_weeks(period)
    left: dict[Period, float] = {}
    suggested: dict[str, str | None] = {}
    for item in sorted(chosen, key=lambda c: (-c.hours, c.commitment.id)):
        suggested[item.commitment.id] = None
        for week in weeks:
            if week not in left:
                left[week] = room(ctx, week)
            if left[week] >= item.hours - _EPSILON:
                left[week] -= item.hours
                suggested[item.commitment.id] = week.id
                break
    return suggested


def first_week_with_room(ctx: SourceContext, period: Period) -> str | None:
    """The first later week with any room at all (what to say when nothing here can move)."""
    return next((week.id for week in later_weeks(period) if room(ctx, week) > _EPSILON), None)


def _to_item(counted: Counted, fits: bool = True, defer_to: str | None = None, share: bool = False) -> PlanItem:
    commitment = counted.commitment
    spread = commitment.date is None
    return PlanItem(
        type=commitment.type,
        id=commitment.id,
        title=commitment.title,
        date=_anchor(commitment),
        hours=counted.share if share else counted.hours,
        status=commitment.status,
        stream=commitment.stream,
        fits=fits,
        ref=commitment.ref,
        start=commitment.start if spread else None,
        end=commitment.end if spread else None,
        fixed=commitment.fixed,
        keeps=commitment.keeps,
        defer_to=defer_to,
        counted_with=counted.counted_with,
    )


def _order(item: PlanItem) -> tuple[date, str, str]:
    return (item.date or date.max, item.type, item.id)


def build_plan(ctx: SourceContext, period: Period) -> Plan:
    """The items of `period` and its budget, what fits and what to defer (no warnings yet)."""
    warn_ratio = ctx.config.budget.warn_ratio
    allocation = _allocation(ctx, period)
    counted = allocation.counted
    available = available_hours(ctx, period)
    planned = allocation.planned
    fixed_hours = round(sum(c.hours for c in counted if not deferrable(c)), 2)
    over = planned > available + _EPSILON and not allocation.past
    fixed_over = over and fixed_hours > available + _EPSILON
    chosen: list[Counted] = []
    if over:
        candidates = [c for c in counted if deferrable(c)]
        chosen = candidates if fixed_over else choose(candidates, planned - available)
    suggested = suggest_weeks(ctx, period, chosen) if chosen else {}
    items = [
        _to_item(c, fits=c.commitment.id not in suggested, defer_to=suggested.get(c.commitment.id)) for c in counted
    ]
    items.sort(key=_order)
    deferred = sorted((item for item in items if not item.fits), key=lambda item: (-item.hours, item.id))
    left_open = sorted((_to_item(c, share=True) for c in allocation.left_open), key=_order)

    streams = []
    for name, hours in stream_budgets(ctx, period).items():
        stream_planned = round(sum(c.hours for c in counted if c.commitment.stream == name), 2)
        streams.append(
            StreamLoad(
                stream=name,
                hours=hours,
                planned_hours=stream_planned,
                state=budget_state(stream_planned, hours, warn_ratio),
            )
        )
    budget = BudgetInfo(
        hours=available,
        planned_hours=planned,
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
        past=allocation.past,
        left_open=left_open,
        fixed_hours=fixed_hours,
        fixed_over=fixed_over,
    )


def plan_warnings(ctx: SourceContext, period: Period, plan: Plan) -> list[Warning]:
    """The budget's warnings, then every source's for `period` (a role's targets only for the roles taken)."""
    warnings = budget_warnings(plan, period, first_week_with_room(ctx, period) if plan.fixed_over else None)
    warnings.extend(stream_warnings(plan, period))
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


def _h(value: float) -> str:
    """Hours in a warning: "6 h", "2.5 h" (zh "6 小时", ru "6 ч")."""
    return tr("{hours} h").format(hours=number(value))


def budget_warnings(plan: Plan, period: Period, room_from: str | None = None) -> list[Warning]:
    """`over_budget` / `near_budget`: what happened (a past period), that nothing here can
    move (`fixed_over`: say no; `room_from`, the first later week with room), or what to defer."""
    budget = plan.budget
    planned, hours = _h(budget.planned_hours), _h(budget.hours)
    if plan.past:
        if budget.state != "over":
            return []
        message = tr("{planned} done in {period} against a budget of {budget}").format(
            planned=planned, period=period.id, budget=hours
        )
        return [Warning(code="over_budget", message=message)]
    if plan.fixed_over:
        fields = {"planned": planned, "period": period.id, "budget": hours, "fixed": _h(plan.fixed_hours)}
        if room_from:
            message = tr(
                "{planned} planned for {period} against a budget of {budget}, and {fixed} of it is fixed "
                "(events, their tasks, sessions at a set time, work done): deferring cannot make it fit; "
                "say no to anything new before {week}, and ask a co-organiser to take part of the next event"
            ).format(week=room_from, **fields)
        else:
            message = tr(
                "{planned} planned for {period} against a budget of {budget}, and {fixed} of it is fixed "
                "(events, their tasks, sessions at a set time, work done): deferring cannot make it fit; "
                "say no to anything new, and ask a co-organiser to take part of the next event"
            ).format(**fields)
        return [Warning(code="over_budget", message=message)]
    if budget.state == "over":
        deferred = plan.deferred
        fields = {"planned": planned, "period": period.id, "budget": hours}
        if not deferred:
            message = tr("{planned} planned for {period} against a budget of {budget}; say no to something").format(
                **fields
            )
        else:
            first = deferred[0]
            items = count(len(deferred), "item", "items")
            title = quoted(first.title)
            if first.defer_to:
                message = tr(
                    "{planned} planned for {period} against a budget of {budget}; defer {items} "
                    "({title} to {week}) or say no to something new"
                ).format(items=items, title=title, week=first.defer_to, **fields)
            else:
                message = tr(
                    "{planned} planned for {period} against a budget of {budget}; defer {items} "
                    "({title}) or say no to something new"
                ).format(items=items, title=title, **fields)
        return [Warning(code="over_budget", message=message)]
    if budget.state == "near":
        message = tr("{planned} of {budget} planned for {period}: little room for anything new").format(
            planned=planned, budget=hours, period=period.id
        )
        return [Warning(code="near_budget", message=message)]
    return []


def quoted(title: str) -> str:
    """A title inside a message, in the language's quotes ('Talk', «Доклад», “分享”)."""
    # i18n: a title quoted inside a sentence (ru «…», zh “…”)
    return tr("'{title}'").format(title=title)


def stream_warnings(plan: Plan, period: Period) -> list[Warning]:
    """`stream_over_budget`: a stream with a budget of its own (`[budget.streams]`) over it."""
    warnings = []
    for stream in plan.budget.streams:
        if stream.state != "over":
            continue
        fields = {
            "stream": stream.stream,
            "planned": _h(stream.planned_hours),
            "budget": _h(stream.hours),
            "period": period.id,
        }
        if plan.past:
            message = tr(
                "{stream} took {planned} of {budget} in {period} (its own budget, [budget.streams]): "
                "move some {stream} work to a later week"
            ).format(**fields)
        else:
            message = tr(
                "{stream} has {planned} of {budget} in {period} (its own budget, [budget.streams]): "
                "move some {stream} work to a later week"
            ).format(**fields)
        warnings.append(Warning(code="stream_over_budget", message=message, subject=stream.stream))
    return warnings


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

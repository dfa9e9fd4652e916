"""The planner on plain values: fake sources, no workspace, no disk."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast, get_args

import pytest

from ccos.dates import Period
from ccos.models.config import Config
from ccos.models.plan import Commitment, ProgressRow, Warning, WarningCode
from ccos.planning.budget import available_hours, day_factor
from ccos.planning.history import week_loads
from ccos.planning.seam import Source, SourceContext, role_of

TODAY = date(2026, 11, 18)  # Wednesday of 2026-W47
W47 = Period.containing("week", TODAY)
NOVEMBER = Period.containing("month", TODAY)


class Fake:
    """A source with fixed answers; `factors` (day -> factor) makes it answer `budget_factor`."""

    name = "fake"

    def __init__(self, commitments: Iterable[Commitment] = (), warnings: Iterable[Warning] = ()) -> None:
        self.given = list(commitments)
        self.raised = list(warnings)

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        return self.given

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        return self.raised

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        return ()


class Away(Fake):
    """Says how much of each day's budget there is."""

    name = "away"

    def __init__(self, factors: dict[date, float]) -> None:
        super().__init__()
        self.factors = factors

    def budget_factor(self, ctx: SourceContext, day: date) -> float:
        return self.factors.get(day, 1.0)


def context(*sources: Source, weekly_hours: float = 7, **budget: Any) -> SourceContext:
    config = Config.model_validate({"schema_version": 1, "budget": {"weekly_hours": weekly_hours, **budget}})
    return SourceContext(workspace=cast(Any, None), config=config, today=TODAY, sources=list(sources))


def work(hours: float, day: date | None = None, **fields: Any) -> Commitment:
    window = {"date": day} if day else {"start": W47.start, "end": W47.end}
    return Commitment(type="checklist", id=fields.pop("id", f"c{hours}"), title="work", hours=hours, **window, **fields)


def test_without_factors_the_budget_is_the_weekly_one() -> None:
    ctx = context(Fake([work(3)]))
    assert available_hours(ctx, W47) == 7
    assert available_hours(ctx, NOVEMBER) == 30
    assert ctx.plan(W47).budget.hours == 7


def test_a_day_off_takes_its_share_of_the_budget() -> None:
    friday = date(2026, 11, 20)
    ctx = context(Fake([work(6.5)]), Away({friday: 0.0}))
    assert day_factor(ctx, friday) == 0 and day_factor(ctx, TODAY) == 1
    plan = ctx.plan(W47)
    assert plan.budget.hours == 6  # 7 h a week is 1 h a day; Friday has none
    assert plan.budget.state == "over"
    assert [w.code for w in ctx.plan(W47).warnings] == ["over_budget"]
    assert available_hours(ctx, NOVEMBER) == 29
    assert week_loads(ctx, [W47])[0].budget_hours == 6  # the history reads the same budget


def test_the_lowest_factor_of_the_sources_wins_and_stays_within_0_and_1() -> None:
    monday = W47.start
    ctx = context(Away({monday: 0.5}), Away({monday: 0.25, TODAY: 3.0}))
    assert day_factor(ctx, monday) == 0.25
    assert day_factor(ctx, TODAY) == 1.0  # a factor never adds time
    assert available_hours(ctx, W47) == 6.25
    negative = context(Away({monday: -2.0}))
    assert day_factor(negative, monday) == 0.0


def test_stream_budgets_follow_the_factors() -> None:
    ctx = context(Away({date(2026, 11, 20): 0.0}), streams={"sharing": 3.5})
    streams = {s.stream: s for s in ctx.plan(W47).budget.streams}
    assert streams["sharing"].hours == 3.0


def test_the_plan_is_built_once_per_period(monkeypatch: pytest.MonkeyPatch) -> None:
    from ccos.planning import planner

    built: list[str] = []
    build = planner.build_plan
    monkeypatch.setattr(planner, "build_plan", lambda ctx, period: built.append(period.id) or build(ctx, period))
    ctx = context(Fake([work(2)]))
    assert ctx.plan(W47, warnings=False) is ctx.plan(W47, warnings=False)
    assert ctx.plan(W47) is ctx.plan(W47)
    ctx.plan(NOVEMBER)
    assert built == ["2026-W47", "2026-11"]


def test_a_source_asking_for_the_warnings_it_is_part_of_is_stopped() -> None:
    class Circular(Fake):
        def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
            return ctx.plan(period).warnings

    with pytest.raises(RuntimeError, match="while they were being gathered"):
        context(Circular()).plan(W47)


class Rows(Fake):
    """Progress rows of every period it is asked about, and one standing row."""

    name = "rows"

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        self.asked.append(period.kind)
        return [ProgressRow(source=self.name, key=f"{period.kind}_row", label=period.id, period=period.kind, actual=1)]

    def standing(self, ctx: SourceContext) -> Iterable[ProgressRow]:
        self.asked.append("standing")
        return [ProgressRow(source=self.name, key="pipeline", label="pipeline", actual=3)]


def test_a_standing_row_is_shown_once_and_a_progress_row_in_its_period() -> None:
    from ccos.planning.dashboard import status_of

    source = Rows()
    status = status_of(context(source, Fake()))
    assert source.asked == ["week", "month", "quarter", "standing"]
    shown = {p.period.kind: [(r.key, r.period, r.label) for r in p.rows] for p in status.periods}
    assert shown == {
        "week": [("week_row", "week", "2026-W47")],
        "month": [("month_row", "month", "2026-11")],
        "quarter": [("quarter_row", "quarter", "2026-Q4")],
    }
    assert [(r.key, r.period, r.actual) for r in status.now] == [("pipeline", "now", 3.0)]  # the dashboard's `now`


def test_target_warnings_follow_the_role_of_the_capability() -> None:
    from ccos.capabilities.events import CAPABILITY as EVENTS
    from ccos.registry import load

    assert EVENTS.source is not None
    events = load(EVENTS.source)()
    assert role_of(events) == "organizer" and role_of(Fake()) is None


def test_warning_codes_are_the_registry_s() -> None:
    from ccos.registry import warning_codes

    assert get_args(WarningCode) == warning_codes()


def test_results_are_plain_data_with_the_old_checks() -> None:
    item = Commitment(type="session", id="s", title="s", hours=1, priority=True)
    assert item.hours == 1.0 and type(item.hours) is float and item.priority == 1 and type(item.priority) is int
    with pytest.raises(ValueError, match="0 or more"):
        Commitment(type="session", id="s", title="s", hours=-1)
    with pytest.raises(ValueError, match="0 or more"):
        Commitment(type="session", id="s", title="s", hours=float("nan"))
    row = ProgressRow(source="x", key="k", label="l", period="week", actual=2, target=3)
    assert (type(row.actual), type(row.target)) == (float, float)
    with pytest.raises(TypeError):
        Commitment("session", "s", "s", hours=1)  # type: ignore[misc]  # keyword construction only


# --- defer advice, past periods, counted once (planning/planner.py; docs/planning.md) -----


def flexible(hours: float, name: str, day: date | None = None, **fields: Any) -> Commitment:
    """Movable work: on `day`, or over W47 unless a window (`start`, `end`) is given."""
    window = {"date": day} if day else {"start": W47.start, "end": W47.end}
    return Commitment(type="checklist", id=name, title=name, hours=hours, **{**window, **fields})


def fixed(hours: float, name: str, day: date = TODAY) -> Commitment:
    return Commitment(type="event", id=name, title=name, hours=hours, date=day, status="planned", fixed=True)


def test_nothing_fixed_is_deferred_and_the_smallest_item_that_covers_the_excess_goes() -> None:
    ctx = context(Fake([fixed(5, "event:talk"), flexible(1, "c1"), flexible(2, "c2")]))
    plan = ctx.plan(W47)
    assert plan.budget.planned_hours == 8 and plan.budget.state == "over" and not plan.fixed_over
    assert [(i.id, i.defer_to) for i in plan.deferred] == [("c1", "2026-W48")]
    assert all(i.fits for i in plan.items if i.fixed)
    warning = next(w for w in plan.warnings if w.code == "over_budget")
    assert "defer 1 item (" in warning.message and "2026-W48" in warning.message


def test_only_the_few_biggest_items_are_advised() -> None:
    small = [flexible(0.2, f"s{n}") for n in range(10)]
    ctx = context(Fake([flexible(4, "c4"), flexible(3, "c3"), flexible(2, "c2"), flexible(1, "c1"), *small]))
    plan = ctx.plan(W47)  # 12 h of 7 h: 5 h to move
    assert [(i.id, i.hours) for i in plan.deferred] == [("c4", 4.0), ("c1", 1.0)]  # biggest first
    kept = sum(i.hours for i in plan.items if i.fits)
    assert kept <= plan.budget.hours + 1e-9


def test_what_keeps_a_target_is_deferred_only_when_nothing_else_can_go() -> None:
    deep = flexible(1, "sharing:deep", keeps="the only deep piece of 2026-11")
    ctx = context(Fake([fixed(6, "event:a"), deep, flexible(0.5, "c")]))
    plan = ctx.plan(W47)  # 7.5 h of 7 h: the plain item goes, the deep piece stays
    assert [i.id for i in plan.deferred] == ["c"]
    ctx = context(Fake([fixed(6.5, "event:a"), deep, flexible(0.5, "c")]))
    plan = ctx.plan(W47)  # 8 h of 7 h: nothing else can go
    assert [i.id for i in plan.deferred] == ["sharing:deep", "c"]
    assert plan.deferred[0].keeps == "the only deep piece of 2026-11"
    from rich.console import Console

    from ccos.render.console import THEME
    from ccos.render.plan_view import print_plan

    console = Console(width=120, record=True, color_system=None, theme=THEME)
    print_plan(console, plan)
    shown = console.export_text()
    assert "it keeps the only deep piece of 2026-11 met: deferred only because nothing else can go" in shown
    assert "defer 2 items" in shown and "defer these" not in shown


def test_when_fixed_work_alone_is_over_the_plan_says_so() -> None:
    ctx = context(Fake([fixed(5, "event:a"), fixed(4, "event:b", date(2026, 11, 21)), flexible(1, "c")]))
    plan = ctx.plan(W47)
    assert plan.fixed_over and plan.fixed_hours == 9
    assert [i.id for i in plan.deferred] == ["c"]  # what can move, never the fixed
    warning = next(w for w in plan.warnings if w.code == "over_budget")
    assert "9 h of it is fixed" in warning.message and "deferring cannot make it fit" in warning.message
    assert "say no to anything new before 2026-W48" in warning.message


def test_the_suggested_week_has_room_for_what_is_sent_there() -> None:
    next_week = W47.shift(1)
    busy = flexible(6.5, "next", start=next_week.start, end=next_week.end)
    ctx = context(Fake([fixed(6.5, "event:a"), flexible(1, "c"), busy]))
    plan = ctx.plan(W47)
    assert [(i.id, i.defer_to) for i in plan.deferred] == [("c", "2026-W49")]  # W48 has 0.5 h left
    later = ctx.plan(W47.shift(2))
    assert later.budget.planned_hours + 1 <= later.budget.hours


def test_a_month_plan_defers_to_a_week_after_the_month() -> None:
    ctx = context(
        Fake([fixed(30, "event:big", date(2026, 11, 10)), flexible(2, "c", start=NOVEMBER.start, end=NOVEMBER.end)])
    )
    plan = ctx.plan(NOVEMBER)  # 32 h of 30 h; 2026-11-30 is a Monday: the week December begins in
    assert [(i.id, i.defer_to) for i in plan.deferred] == [("c", "2026-W49")]


def test_a_commitment_about_another_counts_once() -> None:
    piece = Commitment(type="sharing", id="sharing:p1", title="The article", hours=5, date=TODAY, status="planned")
    about = flexible(2, "checklist:2026-W47:1", about="sharing:p1")
    prefix = flexible(1, "checklist:2026-W47:2", about="sharing:")
    lonely = flexible(1.5, "checklist:2026-W47:3", about="session:m1:")
    plan = context(Fake([piece, about, prefix, lonely])).plan(W47)
    items = {i.id: i for i in plan.items}
    assert (items["checklist:2026-W47:1"].hours, items["checklist:2026-W47:1"].counted_with) == (0, "sharing:p1")
    assert (items["checklist:2026-W47:2"].hours, items["checklist:2026-W47:2"].counted_with) == (0, "sharing:p1")
    assert (items["checklist:2026-W47:3"].hours, items["checklist:2026-W47:3"].counted_with) == (1.5, None)
    assert plan.budget.planned_hours == 6.5
    from rich.console import Console

    from ccos.render.console import THEME
    from ccos.render.plan_view import print_plan

    console = Console(width=120, record=True, color_system=None, theme=THEME)
    print_plan(console, plan)
    assert console.export_text().count("with The article") == 2
    elsewhere = Commitment(
        type="sharing", id="sharing:p1", title="The article", hours=5, date=date(2026, 12, 2), status="planned"
    )
    alone = context(Fake([elsewhere, about])).plan(W47)  # the piece is in another week: the item counts
    assert [(i.id, i.hours, i.counted_with) for i in alone.items] == [("checklist:2026-W47:1", 2.0, None)]


def test_an_unrecorded_occurrence_counts_nothing() -> None:
    missed = Commitment(
        type="event", id="event:x:1", title="x", hours=3, date=W47.start, status="unrecorded", fixed=True
    )
    plan = context(Fake([missed, flexible(1, "c")])).plan(W47)
    assert plan.budget.planned_hours == 1 and {i.id: i.hours for i in plan.items}["event:x:1"] == 0


def test_a_past_week_reports_what_was_done_the_same_whenever_asked() -> None:
    w46 = W47.shift(-1)
    given = [
        flexible(1.25, "ticked", day=date(2026, 11, 10), status="done"),
        Commitment(type="sharing", id="sharing:p", title="p", hours=3, date=date(2026, 11, 12), status="done"),
        flexible(4, "left", start=w46.start, end=w46.end, status="overdue"),
        flexible(2, "month", start=NOVEMBER.start, end=NOVEMBER.end),
        fixed(3, "event:gone", date(2026, 11, 14)),
    ]
    figures = []
    for today in (TODAY, date(2027, 3, 1)):
        ctx = context(Fake(given), weekly_hours=3)
        ctx.today = today
        plan = ctx.plan(w46)
        assert plan.past and plan.deferred == []
        assert all(i.status == "done" for i in plan.items)
        assert plan.budget.planned_hours == sum(i.hours for i in plan.items) == 4.25
        assert {i.id for i in plan.left_open} == {"left", "event:gone"}  # the month's list is not this week's
        warning = next(w for w in plan.warnings if w.code == "over_budget")
        assert warning.message == "4.25 h done in 2026-W46 against a budget of 3 h" and "defer" not in warning.message
        figures.append(plan.budget.planned_hours)
    assert figures[0] == figures[1]


def test_a_stream_over_its_own_budget_is_warned() -> None:
    piece = Commitment(type="sharing", id="sharing:p", title="p", hours=2, date=TODAY, stream="sharing")
    plan = context(Fake([piece]), streams={"sharing": 1.5}).plan(W47)
    warning = next(w for w in plan.warnings if w.code == "stream_over_budget")
    assert warning.subject == "sharing" and "sharing has 2 h of 1.5 h in 2026-W47" in warning.message
    calm = context(Fake([piece]), streams={"sharing": 3}).plan(W47)
    assert not [w for w in calm.warnings if w.code == "stream_over_budget"]

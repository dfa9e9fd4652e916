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

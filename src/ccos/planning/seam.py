"""The seam between capabilities and the planner/dashboard.

A capability plugs in by writing a `Source` and naming it in its `Capability.source`
(ccos/registry.py); the planner and the dashboard never import a capability directly,
they get every source from `ccos.registry.sources()`.

A source must answer three questions for a period: `commitments` (what costs time),
`warnings` and `progress` (targets against actuals). It may answer two more, and the
planner asks only the sources that define them:

- `standing(ctx)`: dashboard rows not tied to any period (a pipeline, a capacity, the
  latest check-in), asked once and shown once under `now`. A standing row gives no
  `period`: the dashboard shows it as `now`; `progress` never yields one;
- `budget_factor(ctx, day) -> float`: how much of the day's budget there is (1.0: all of
  it; 0.5: half, a holiday: 0). Every budget is read through `planning.budget`, which
  multiplies each day's share by the lowest factor any source gives.

A source's community role (whose targets it counts) is its capability's `role` in the
registry, not something the source says about itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from ccos.dates import Period

if TYPE_CHECKING:
    from ccos.models.config import Config
    from ccos.models.plan import Commitment, Plan, ProgressRow, Warning
    from ccos.registry import Role
    from ccos.storage.workspace import Workspace


class Source(Protocol):
    name: str

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        """Everything that costs time in or across `period`."""
        ...

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        """Warnings this capability raises for `period` (codes from the contract)."""
        ...

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        """Targets against actuals for `period`, for the dashboard: only rows of that period
        (`period=period.kind`); what holds whatever the period goes in `standing`."""
        ...


# The optional questions, as the planner calls them.
StandingRows = Callable[["SourceContext"], Iterable["ProgressRow"]]
BudgetFactor = Callable[["SourceContext", date], float]


def standing_of(source: Source) -> StandingRows | None:
    """The source's `standing(ctx)`, when it has one."""
    method: StandingRows | None = getattr(source, "standing", None)
    return method


def budget_factor_of(source: Source) -> BudgetFactor | None:
    """The source's `budget_factor(ctx, day)`, when it has one."""
    method: BudgetFactor | None = getattr(source, "budget_factor", None)
    return method


def load_sources() -> list[Source]:
    """A fresh source of every capability that has one, in registration order."""
    from ccos.registry import sources

    found: list[Source] = sources()
    return found


def role_of(source: Source) -> Role | None:
    """The community role of the capability whose source this is (None: everyone's, or a
    source no capability names)."""
    return _roles().get(type(source))


@functools.cache
def _roles() -> dict[type, Role | None]:
    from ccos.registry import capabilities, load

    return {load(c.source): c.role for c in capabilities() if c.source is not None}


@dataclass
class SourceContext:
    """What every source sees: the workspace, its config, today, and a shared memo.

    One context lives for one command. The memo lets a source load its files once per
    command even when the planner asks about several periods (status asks for a week, a
    month and a quarter); `plan(period)` builds each period's plan once, whoever asks
    (the plan command, the dashboard, the check-ins' burnout rule, a review).
    `today` is given (the command's AppContext decides it): nothing below reads the clock.
    """

    workspace: Workspace
    config: Config
    today: date
    memo: dict[str, Any] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=load_sources)
    _plans: dict[Period, Plan] = field(default_factory=dict, init=False, repr=False)
    _warned: dict[Period, Plan] = field(default_factory=dict, init=False, repr=False)
    _warning: set[Period] = field(default_factory=set, init=False, repr=False)

    @classmethod
    def of(cls, workspace: Workspace, today: date) -> SourceContext:
        return cls(workspace=workspace, config=workspace.config(), today=today)

    def plan(self, period: Period, *, warnings: bool = True) -> Plan:
        """The plan of `period`, built once per command.

        `warnings=False`: the items and the budget only, for what a source's own warning
        needs while the plan's warnings are being gathered (the burnout rule looks at the
        week's deferrals); asking for the full plan there would go round in a circle.
        """
        from ccos.planning import planner

        plan = self._plans.get(period)
        if plan is None:
            plan = self._plans[period] = planner.build_plan(self, period)
        if not warnings:
            return plan
        full = self._warned.get(period)
        if full is None:
            if period in self._warning:
                raise RuntimeError(f"a source asked for the warnings of {period.id} while they were being gathered")
            self._warning.add(period)
            try:
                full = self._warned[period] = replace(plan, warnings=planner.plan_warnings(self, period, plan))
            finally:
                self._warning.discard(period)
        return full

"""Feedback at every add: the week a change loads most, against its budget, and a say-no
before a change takes a week over (seed 000 §7.2: know the time you can give, learn to say no).

`event add`, `share add`, `share start`, `checklist add` and `mentee log --planned` wrap
their service call in `watch_load(...)`. The change is made inside its own write
transaction (storage/transaction.py) as always; just before the transaction closes, the
week plans it touched are built afresh from the files as they now are: the same plans as
`ccos plan week --week W` builds after the command, so the figures printed are the ones
the plan shows. When the change adds hours to a week that is then over budget, and
`--over-budget` was not given, the person is asked on a terminal (default: no) and
otherwise refused (exit 2): the refusal raises inside the transaction, so every file
written is put back and nothing is committed.

Which weeks a change touches is found by comparing what every source commits to, from
this week on for a year, before and after the change (`history.commitments_between`):
the weeks where the new or changed commitments' hours grew. A recurring event touches
every week; only the first `MAX_WEEKS` touched weeks get a plan of their own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from ccos.dates import Period
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.plan import BudgetState, Commitment
from ccos.planning.history import commitments_between
from ccos.planning.planner import hours_in_period
from ccos.planning.seam import SourceContext
from ccos.words import count, number

if TYPE_CHECKING:
    from ccos.storage.transaction import Transaction
    from ccos.storage.workspace import Workspace

HORIZON_WEEKS = 53  # how far ahead a change's hours are looked for
MAX_WEEKS = 26  # bounded: the touched weeks whose plans are built, the earliest first
_EPSILON = 1e-9
_T = TypeVar("_T")
PROJECTED = frozenset({"due", "overdue"})  # sessions the cadence asks for, not anything added

# Asked on a terminal when a change would take a week over: True to go ahead.
Ask = Callable[["WeekLoad"], bool]


@dataclass(frozen=True)
class WeekLoad:
    """A week's plan after the change: what `ccos plan week --week WEEK --json` reports."""

    week: str
    planned_hours: float
    budget_hours: float
    state: BudgetState
    added_hours: float  # what the change adds to this week (0: a week it does not touch)

    def line(self) -> str:
        """'2026-W50: 23.8 h of 6 h planned — over budget'."""
        fields = {"week": self.week, "planned": _h(self.planned_hours), "budget": _h(self.budget_hours)}
        if self.state == "over":
            return tr("{week}: {planned} of {budget} planned — over budget").format(**fields)
        if self.state == "near":
            return tr("{week}: {planned} of {budget} planned — near budget").format(**fields)
        return tr("{week}: {planned} of {budget} planned").format(**fields)


@dataclass(frozen=True)
class LoadFeedback:
    """What a change did to the weeks it touches: the worst of them, and how many are over."""

    worst: WeekLoad
    touched: int  # weeks the change adds hours to (0: it adds none; `worst` is then this week)
    over: int  # of those, the weeks over budget after it that it added hours to

    def line(self) -> str:
        text = self.worst.line()
        if self.touched == 0:
            return tr("{line} (this adds no planned hours)").format(line=text)
        if self.over > 1:
            more = count(self.over - 1, "more week", "more weeks")
            return tr("{line} (and {weeks} over)").format(line=text, weeks=more)
        return text


class OverBudget(InvalidInput):
    """A change refused because it would take a week over budget: exit 2, nothing written."""


@dataclass
class _Snapshot:
    commitments: dict[str, Commitment]


@dataclass
class LoadWatch:
    """One command's watch over the weeks its change touches (see `watch_load`)."""

    workspace: Workspace
    today: date
    over_budget: bool
    refused: str  # how the refusal starts: "not added", "not started", "not planned"
    ask: Ask | None
    capability: str | None = None  # the capability the change belongs to (None: look at all)
    result: LoadFeedback | None = None
    _used: bool = field(default=False, repr=False)

    # --- what the change does to the weeks -----------------------------------------------
    def _window(self) -> tuple[date, date]:
        first = Period.containing("week", self.today)
        return first.start, first.start + timedelta(weeks=HORIZON_WEEKS) - timedelta(days=1)

    def snapshot(self) -> _Snapshot:
        """Every source's commitments over the window, as the files now are."""
        start, end = self._window()
        ctx = SourceContext.of(self.workspace, self.today)
        if self.capability is not None:
            # Only the changing capability's commitments can differ before and after: the
            # others are not built (a third of what an add costs on a year's workspace).
            ctx.sources = _sources_of(self.capability)
        return _Snapshot({c.id: c for c in commitments_between(ctx, start, end)})

    def touched_weeks(self, before: _Snapshot, after: _Snapshot) -> list[tuple[Period, float]]:
        """(week, hours the change adds to it, net) for each week the new or changed thing's
        own hours fall in, earliest first.

        A session the cadence projects (`due`, `overdue`) is not the thing added: when a
        planned session takes its place, the projection moving counts in the net hours of
        a week (it may be 0: the session was already counted), never as a week touched.
        """
        start, end = self._window()
        own: dict[Period, float] = {}
        net: dict[Period, float] = {}
        for key in before.commitments.keys() | after.commitments.keys():
            old, new = before.commitments.get(key), after.commitments.get(key)
            if old == new:
                continue
            for commitment, sign in ((old, -1.0), (new, 1.0)):
                if commitment is None:
                    continue
                for week in _weeks_of(commitment, start, end):
                    hours = sign * hours_in_period(commitment, week)
                    net[week] = net.get(week, 0.0) + hours
                    if commitment.status not in PROJECTED:
                        own[week] = own.get(week, 0.0) + hours
        touched = sorted(week for week, hours in own.items() if hours > _EPSILON)
        return [(week, net[week]) for week in touched[:MAX_WEEKS]]

    def measure(self, before: _Snapshot) -> LoadFeedback:
        """The weeks' plans after the change (a fresh context: the files as they now are)."""
        after = self.snapshot()
        touched = self.touched_weeks(before, after)
        ctx = SourceContext.of(self.workspace, self.today)
        loads: list[WeekLoad] = []
        pushed: list[WeekLoad] = []  # over budget after the change, with more hours than before
        for week, added in touched or [(Period.containing("week", self.today), 0.0)]:
            budget = ctx.plan(week, warnings=False).budget
            load = WeekLoad(week.id, budget.planned_hours, budget.hours, budget.state, round(added, 2))
            loads.append(load)
            if touched and load.state == "over" and added > _EPSILON:
                pushed.append(load)
        worst = max(pushed or loads, key=_badness)
        return LoadFeedback(worst=worst, touched=len(touched), over=len(pushed))

    # --- the say-no ----------------------------------------------------------------------
    def judge(self, feedback: LoadFeedback) -> LoadFeedback:
        """Go ahead, or raise `OverBudget` (inside the transaction: it is rolled back)."""
        if feedback.over == 0 or self.over_budget or (self.ask is not None and self.ask(feedback.worst)):
            return feedback
        worst = feedback.worst
        fields = {
            "refused": refusal(self.refused),
            "week": worst.week,
            "planned": _h(worst.planned_hours),
            "budget": _h(worst.budget_hours),
            "added": _h(worst.added_hours),
        }
        if feedback.over > 1:
            message = tr(
                "{refused}: {week} would be {planned} of {budget} planned, over budget (this adds {added}) "
                "and {weeks} over; nothing was changed"
            ).format(weeks=count(feedback.over - 1, "more week", "more weeks"), **fields)
        else:
            message = tr(
                "{refused}: {week} would be {planned} of {budget} planned, over budget (this adds {added}); "
                "nothing was changed"
            ).format(**fields)
        raise OverBudget(
            message,
            tr(
                "say no first (or make room: ccos plan week --week {week}), "
                "or run it again with --over-budget to take it on"
            ).format(week=worst.week),
        )

    @contextlib.contextmanager
    def guard(self, transaction: contextlib.AbstractContextManager[Transaction]) -> Iterator[Transaction]:
        """The command's write transaction, measured before it closes (once per command)."""
        if self._used:
            with transaction as entered:
                yield entered
            return
        self._used = True
        workspace = self.workspace
        notes = changed = 0
        try:
            with transaction as entered:
                changed = len(workspace.changed)
                before = self._quietly(self.snapshot)  # under the lock, before the change
                yield entered
                feedback = self._quietly(lambda: self.measure(before)) if before is not None else None
                notes = len(workspace.notes)
                self.result = self.judge(feedback) if feedback is not None else None
        except OverBudget:
            # Every file was put back: the roll-back's own note would only repeat the refusal
            # (a roll-back that failed keeps its note: doctor has to be run then).
            rolled = _rolled_back_prefix()
            workspace.notes[notes:] = [n for n in workspace.notes[notes:] if not n.startswith(rolled)]
            del workspace.changed[changed:]
            raise

    @staticmethod
    def _quietly(measure: Callable[[], _T]) -> _T | None:
        """A file elsewhere that does not read (exit 2 for `plan`) costs the feedback, not the change."""
        try:
            return measure()
        except InvalidInput:
            return None


def refusal(refused: str) -> str:
    """How a refusal starts, in words ("not added"): the commands give it in English."""
    words = {"not added": tr("not added"), "not started": tr("not started"), "not planned": tr("not planned")}
    return words.get(refused, refused)


def _h(value: float) -> str:
    """Hours in a feedback line: "6 h", "2.5 h" (zh "6 小时", ru "6 ч")."""
    return tr("{hours} h").format(hours=number(value))


def _rolled_back_prefix() -> str:
    """How the note a transaction leaves when it puts files back begins, in the current
    language (storage/journal.py says it): the text before its `{command}`."""
    text = tr("rolled back this failed `{command}`")
    return text.split("{command}")[0] or text


def _badness(load: WeekLoad) -> tuple[int, float, float]:
    rank = {"over": 2, "near": 1, "ok": 0}[load.state]
    ratio = load.planned_hours / load.budget_hours if load.budget_hours > 0 else float("inf")
    return rank, ratio if load.planned_hours > 0 else 0.0, load.added_hours


def _sources_of(capability: str) -> list[Any]:
    from ccos.registry import capabilities, load

    return [load(c.source)() for c in capabilities() if c.name == capability and c.source is not None]


def _weeks_of(commitment: Commitment, start: date, end: date) -> list[Period]:
    """The weeks (within [start, end]) a commitment's hours can fall in."""
    if commitment.date is not None:
        return [Period.containing("week", commitment.date)] if start <= commitment.date <= end else []
    if commitment.start is None or commitment.end is None:
        return []
    first, last = max(start, commitment.start), min(end, max(commitment.start, commitment.end))
    return Period("week", first, last).weeks() if first <= last else []


@contextlib.contextmanager
def watch_load(
    workspace: Workspace,
    today: date,
    *,
    over_budget: bool,
    refused: str,
    ask: Ask | None,
    capability: str | None = None,
) -> Iterator[LoadWatch]:
    """Watch the change the block makes: its first write transaction is measured before it
    closes (and refused or asked about when a week goes over); `watch.result` is set after.

    The service inside the block opens its transaction with `workspace.locked(...)` as
    always; for the block, that call hands out the watched transaction (nothing else of the
    workspace changes). `capability`: the registry name of what the block changes, when
    only its commitments can change (the touched weeks are then found from its source alone).
    """
    watch = LoadWatch(workspace, today, over_budget, refused, ask, capability)
    locked = workspace.locked

    def watched(command: str, **options: Any) -> contextlib.AbstractContextManager[Transaction]:
        return watch.guard(locked(command, **options))

    setattr(workspace, "locked", watched)  # noqa: B010 - an instance attribute, for this block only
    try:
        yield watch
    finally:
        delattr(workspace, "locked")

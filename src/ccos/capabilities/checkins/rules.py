"""The check-ins' rules, on plain values (no disk, no clock: `today` is a parameter).

`burnout_risk` has two triggers (either is enough): the latest check-in of the week or
the week before scores at or above `targets.checkin_risk_threshold`; or
`targets.over_budget_weeks_for_risk` of the last 4 weeks were over budget. Each warning
names the guide's strategy (§7.2) that fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ccos.capabilities.checkins.model import SIGNALS
from ccos.dates import Period
from ccos.errors import InvalidInput
from ccos.models.plan import ProgressRow, Warning

if TYPE_CHECKING:
    from ccos.capabilities.checkins.model import Checkin

RUN_WEEKS = 4  # the over-budget run is judged over this many weeks, ending with the week asked about

STRATEGIES = {
    "energy": "you are tired: rest and recover, and keep this week light (guide §7.2)",
    "duty": "it feels like duty: learn to say no, and drop one commitment you keep out of obligation (guide §7.2)",
    "main_job": "it is hurting your main job: put the main job first, pause community work for a while (guide §7.2)",
    "avoid": "you are avoiding it: find co-organisers and share the load instead of carrying it alone (guide §7.2)",
}


def check_answers(week: Period, today: date, answers: dict[str, int], note: str) -> None:
    """Refuse a check-in that cannot be written (exit 2, naming the option)."""
    if week.start > today:
        raise InvalidInput(f"--week {week.id} is in the future", "check in for this week or an earlier one")
    for name, value in answers.items():
        if not 1 <= value <= 5:
            option = "--" + name.replace("_", "-")
            raise InvalidInput(f"invalid value for {option}: {value}", "answer with a whole number from 1 to 5")
    if "\x00" in note:
        raise InvalidInput("--note holds a NUL character", "write the note as plain text")


def checkin_day(week: Period, today: date) -> date:
    """The date a check-in of `week` records: today, or the week's last day for a past week."""
    return min(today, week.end)


def in_reach(checkins: Sequence[Checkin], week: Period) -> list[Checkin]:
    """The check-ins that speak for `week`: its own and the week before's."""
    return [c for c in checkins if c.week in (week.id, week.shift(-1).id)]


def signal_warning(checkins: Sequence[Checkin], week: Period, threshold: float) -> Warning | None:
    """`burnout_risk` from the signals: the latest check-in within reach of `week` scores high."""
    near = in_reach(checkins, week)
    if not near:
        return None
    latest = near[-1]
    if latest.risk < threshold:
        return None
    strengths = latest.strengths()
    worst = max(SIGNALS, key=lambda name: strengths[name])
    return Warning(
        code="burnout_risk",
        subject=latest.week,
        message=f"check-in {latest.week} scores {latest.risk:g}/5 (threshold {threshold:g}): {STRATEGIES[worst]}",
    )


def run_warning(over: Sequence[bool], needed: int, deferrable: str | None) -> Warning | None:
    """`burnout_risk` from load: `needed` of the last weeks (`over`: was each over budget?)
    were over. `deferrable`: the title of the item whose deferral would relieve the most."""
    count = sum(1 for is_over in over if is_over)
    if count < needed:
        return None
    suggestion = f"; the plan suggests deferring '{deferrable}'" if deferrable else ""
    return Warning(
        code="burnout_risk",
        subject="over_budget_run",
        message=f"over budget {count} of the last {len(over)} weeks: defer or hand over one commitment, "
        f"or find a co-organiser{suggestion}",
    )


def standing_row(checkins: Sequence[Checkin], today: date, threshold: float, source: str) -> ProgressRow:
    """The dashboard's row: the latest check-in's risk and the trend of the last four."""
    if not checkins:
        return ProgressRow(
            source=source,
            key="checkin",
            label="check-in",
            actual=0,
            state="behind",
            detail="none yet: run `ccos checkin`",
        )
    latest = checkins[-1]
    trend = " ".join(f"{c.risk:g}" for c in checkins[-4:])
    done_this_week = latest.week == Period.containing("week", today).id
    return ProgressRow(
        source=source,
        key="checkin",
        label="check-in risk (1-5)",
        actual=latest.risk,
        target=None,
        state="over" if latest.risk >= threshold else "ok",
        detail=f"{latest.week}{'' if done_this_week else ' (none this week)'}; trend {trend}",
    )

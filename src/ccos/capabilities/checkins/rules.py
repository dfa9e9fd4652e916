"""The check-ins' rules, on plain values (no disk, no clock: `today` is a parameter).

`burnout_risk` has three triggers (any is enough), all on the latest check-in of the week
or the week before, or on load:
- one signal on its own is strong: at `STRONG` or worse (energy 2 or less), as seed 000
  §7.1 lists each sign as a sign by itself;
- the four together score at or above `targets.checkin_risk_threshold`;
- `targets.over_budget_weeks_for_risk` of the last 4 weeks were over budget.
A signal warning names the §7.2 strategy for the worst signal (the main job first: on a
tie it wins, as §7.2 puts it first) and one concrete step: say no to the week's biggest
deferrable item, or find a co-organiser for the next event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ccos.dates import Period, human_day
from ccos.errors import InvalidInput
from ccos.i18n import ntr, tr
from ccos.models.plan import ProgressRow, Warning
from ccos.words import count, number

if TYPE_CHECKING:
    from ccos.capabilities.checkins.model import Checkin

RUN_WEEKS = 4  # the over-budget run is judged over this many weeks, ending with the week asked about
STRONG = 4  # a signal this strong (as `Checkin.strengths` reads it: energy 2 or less) is a risk on its own
# Which signal's strategy is named when two are equally strong: the main job first (§7.2
# "优先照顾好自己的主业"), then the strategies in §7.2's order: boundaries, the team, rest.
TIE_ORDER = ("main_job", "duty", "avoid", "energy")


def strategies() -> dict[str, str]:
    """The §7.2 strategy for each signal, in the current language."""
    return {
        "energy": tr("you are worn out: rest and recover, and keep this week light (guide §7.2, look after yourself)"),
        "duty": tr("it feels like duty: set boundaries, learn to say no and do not over-commit (guide §7.2)"),
        "main_job": tr(
            "it is hurting your main job: put your main job first and let community work wait "
            "(guide §7.2, look after yourself)"
        ),
        "avoid": tr(
            "you are avoiding it: find co-organisers and share the load instead of carrying it alone "
            "(guide §7.2, build a team)"
        ),
    }


def signal_names() -> dict[str, str]:
    """Each signal's name as the person reads it (the keys stay English in files)."""
    return {"energy": tr("energy"), "duty": tr("duty"), "main_job": tr("main job"), "avoid": tr("avoiding")}


def quoted(title: str) -> str:
    """A title quoted as the language quotes it ('Talk', «Доклад», “分享”)."""
    # i18n: quotes around a title: zh “{title}”, ru «{title}»
    return tr("'{title}'").format(title=title)


@dataclass(frozen=True)
class Relief:
    """What a concrete step can name: the week's biggest deferrable item, the next event."""

    deferrable: str | None = None  # its title
    next_event: str | None = None  # its title
    next_event_on: date | None = None  # its day


def check_answers(week: Period, today: date, answers: dict[str, int], note: str) -> None:
    """Refuse a check-in that cannot be written (exit 2, naming the option)."""
    if week.start > today:
        raise InvalidInput(
            tr("{option} {week} is in the future").format(option="--week", week=week.id),
            tr("check in for this week or an earlier one"),
        )
    for name, value in answers.items():
        if not 1 <= value <= 5:
            option = "--" + name.replace("_", "-")
            raise InvalidInput(
                tr("invalid value for {option}: {value}").format(option=option, value=value),
                tr("answer with a whole number from 1 to 5"),
            )
    if "\x00" in note:
        raise InvalidInput(
            tr("{option} holds a NUL character").format(option="--note"), tr("write the note as plain text")
        )


def checkin_day(week: Period, today: date) -> date:
    """The date a check-in of `week` records: today, or the week's last day for a past week."""
    return min(today, week.end)


def in_reach(checkins: Sequence[Checkin], week: Period) -> list[Checkin]:
    """The check-ins that speak for `week`: its own and the week before's."""
    return [c for c in checkins if c.week in (week.id, week.shift(-1).id)]


def strong_signals(checkin: Checkin) -> list[str]:
    """The signals strong enough to be a risk on their own, the strongest first (ties: `TIE_ORDER`)."""
    strengths = checkin.strengths()
    strong = [name for name in TIE_ORDER if strengths[name] >= STRONG]
    return sorted(strong, key=lambda name: -strengths[name])


def worst_signal(checkin: Checkin) -> str:
    """The strongest signal; on a tie the first of `TIE_ORDER` (the main job first)."""
    strengths = checkin.strengths()
    return min(TIE_ORDER, key=lambda name: (-strengths[name], TIE_ORDER.index(name)))


def at_risk(checkin: Checkin, threshold: float) -> bool:
    """A burnout risk: the mean at or above the threshold, or any one signal strong."""
    return checkin.risk >= threshold or bool(strong_signals(checkin))


def step(signal: str, relief: Relief) -> str:
    """The concrete step for the worst signal: say no to the biggest deferrable item of the
    week, or (avoiding it, or duty with nothing to defer) find a co-organiser for the next event."""
    say_no = tr("say no to {title} this week").format(title=quoted(relief.deferrable)) if relief.deferrable else None
    share = None
    if relief.next_event:
        if relief.next_event_on:
            share = tr("find a co-organiser for {title} ({day}) and share the work").format(
                title=quoted(relief.next_event), day=human_day(relief.next_event_on)
            )
        else:
            share = tr("find a co-organiser for {title} and share the work").format(title=quoted(relief.next_event))
    if signal == "avoid":
        chosen = share or say_no
    elif signal == "duty":
        chosen = say_no or share
    else:
        chosen = say_no
    return chosen or tr("take nothing new on this week")


def signal_warning(
    checkins: Sequence[Checkin], week: Period, threshold: float, relief: Relief | None = None
) -> Warning | None:
    """`burnout_risk` from the signals: the latest check-in within reach of `week` scores high,
    or one of its signals is strong on its own."""
    near = in_reach(checkins, week)
    if not near:
        return None
    latest = near[-1]
    if not at_risk(latest, threshold):
        return None
    worst = worst_signal(latest)
    strengths = latest.strengths()
    if latest.risk >= threshold:
        said = tr("check-in {week} scores {risk}/5 (threshold {threshold})").format(
            week=latest.week, risk=number(latest.risk), threshold=number(threshold)
        )
    else:
        strong = strong_signals(latest)
        names = signal_names()
        named = tr("list separator|, ").split("|", 1)[-1].join(f"{names[name]} {strengths[name]}/5" for name in strong)
        said = tr("check-in {week} has {signals} ({named}; risk {risk}/5)").format(
            week=latest.week,
            signals=count(len(strong), "strong signal", "strong signals"),
            named=named,
            risk=number(latest.risk),
        )
    return Warning(
        code="burnout_risk",
        subject=latest.week,
        message=tr("{finding}: {strategy}; {step}").format(
            finding=said, strategy=strategies()[worst], step=step(worst, relief or Relief())
        ),
    )


def run_warning(over: Sequence[bool], needed: int, deferrable: str | None) -> Warning | None:
    """`burnout_risk` from load: `needed` of the last weeks (`over`: was each over budget?)
    were over. `deferrable`: the title of the item whose deferral would relieve the most."""
    over_count = sum(1 for is_over in over if is_over)
    if over_count < needed:
        return None
    said = ntr(
        "over budget {n} of the last {total} week: defer or hand over one commitment, or find a co-organiser",
        "over budget {n} of the last {total} weeks: defer or hand over one commitment, or find a co-organiser",
        len(over),
    ).format(n=over_count, total=len(over))
    if deferrable:
        said = tr("{warning}; the plan suggests deferring {title}").format(warning=said, title=quoted(deferrable))
    return Warning(code="burnout_risk", subject="over_budget_run", message=said)


def standing_row(checkins: Sequence[Checkin], today: date, threshold: float, source: str) -> ProgressRow:
    """The dashboard's row: the latest check-in's risk and the trend of the last four."""
    if not checkins:
        return ProgressRow(
            source=source,
            key="checkin",
            label=tr("check-in"),
            actual=0,
            state="behind",
            detail=tr("none yet: run {command}").format(command="`ccos checkin`"),
        )
    latest = checkins[-1]
    trend = " ".join(number(c.risk) for c in checkins[-4:])
    done_this_week = latest.week == Period.containing("week", today).id
    return ProgressRow(
        source=source,
        key="checkin",
        label=tr("check-in risk (1-5)"),
        actual=latest.risk,
        target=None,
        state="over" if latest.risk >= threshold else "ok",
        detail=(tr("{week}; trend {trend}") if done_this_week else tr("{week} (none this week); trend {trend}")).format(
            week=latest.week, trend=trend
        ),
    )

"""Weekly check-ins and the `burnout_risk` warning.

Two triggers (either is enough): the latest check-in (this week or last) scores at or
above `targets.checkin_risk_threshold`; or `targets.over_budget_weeks_for_risk` of the
last 4 weeks were over budget. The warning names the guide's strategy (§7.2) that fits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ccos.dates import Period
from ccos.errors import InvalidInput
from ccos.models.checkin import SIGNALS, Checkin
from ccos.models.plan import Commitment, ProgressRow, Warning
from ccos.services.sources import SourceContext
from ccos.storage.workspace import Workspace

FOLDER = "checkins"

STRATEGIES = {
    "energy": "you are tired: rest and recover, and keep this week light (guide §7.2)",
    "duty": "it feels like duty: learn to say no, and drop one commitment you keep out of obligation (guide §7.2)",
    "main_job": "it is hurting your main job: put the main job first, pause community work for a while (guide §7.2)",
    "avoid": "you are avoiding it: find co-organisers and share the load instead of carrying it alone (guide §7.2)",
}


def checkin_path(workspace: Workspace, week: Period) -> Path:
    return workspace.folder(FOLDER) / f"{week.id}.toml"


@dataclass(frozen=True)
class CheckinResult:
    checkin: Checkin
    updated: bool
    path: str


def record_checkin(
    workspace: Workspace, week: Period, today: date, answers: dict[str, int], note: str
) -> CheckinResult:
    """Write (or update, keeping a person's extra lines) the check-in of `week`."""
    import tomllib

    import tomlkit

    if week.start > today:
        raise InvalidInput(f"--week {week.id} is in the future", "check in for this week or an earlier one")
    for name, value in answers.items():
        if not 1 <= value <= 5:
            option = "--" + name.replace("_", "-")
            raise InvalidInput(f"invalid value for {option}: {value}", "answer with a whole number from 1 to 5")
    if "\x00" in note:
        raise InvalidInput("--note holds a NUL character", "write the note as plain text")
    day = min(today, week.end)
    path = checkin_path(workspace, week)
    with workspace.locked("checkin"):
        updated = path.is_file()
        if updated:
            workspace.load(path, Checkin)
            doc = tomlkit.parse(workspace.read_text(path))
        else:
            doc = tomlkit.document()
            doc.add(
                tomlkit.comment(
                    "Weekly check-in (guide §7.1). 1-5: energy 5 = full of energy; "
                    "duty, main_job, avoid 5 = a strong warning sign."
                )
            )
            doc.add("week", week.id)
        doc["date"] = day
        for name in SIGNALS:
            doc[name] = answers[name]
        doc["note"] = note
        text = tomlkit.dumps(doc)
        checkin = workspace.validate(path, text, tomllib.loads(text), Checkin)
        workspace.write_text(path, text)
    return CheckinResult(checkin=checkin, updated=updated, path=workspace.display(path))


def load_checkins(workspace: Workspace) -> list[Checkin]:
    folder = workspace.folder(FOLDER)
    if not folder.is_dir():
        return []
    checkins = []
    for path in sorted(folder.glob("*-W*.toml")):
        checkin = workspace.load(path, Checkin)
        if checkin.week != path.stem:
            from ccos.errors import InvalidFile

            raise InvalidFile(
                workspace.display(path), f"says week {checkin.week!r} but the file name says {path.stem}", key="week"
            )
        checkins.append(checkin)
    return checkins


def recent_checkins(ctx: SourceContext) -> list[Checkin]:
    cached = ctx.memo.get("checkins")
    if cached is None:
        cached = [c for c in load_checkins(ctx.workspace) if Period.from_id(c.week).start <= ctx.today]  # type: ignore[union-attr]
        ctx.memo["checkins"] = cached
    return list(cached)


def over_budget_weeks(ctx: SourceContext, until: Period, count: int = 4) -> list[tuple[str, bool]]:
    """(week id, over budget?) for the `count` weeks ending with `until`."""
    from ccos.services.planning import build_plan
    from ccos.services.sources import load_sources

    sources = [s for s in load_sources() if s.name != CheckinSource.name]
    weeks = [until.shift(-offset) for offset in range(count - 1, -1, -1)]
    return [(week.id, build_plan(ctx, week, sources, with_warnings=False).budget.state == "over") for week in weeks]


def burnout_warnings(ctx: SourceContext, week: Period) -> list[Warning]:
    targets = ctx.config.targets
    warnings = []
    checkins = [c for c in recent_checkins(ctx) if c.week in (week.id, week.shift(-1).id)]
    if checkins:
        latest = checkins[-1]
        if latest.risk >= targets.checkin_risk_threshold:
            strengths = latest.strengths()
            worst = max(SIGNALS, key=lambda name: strengths[name])
            warnings.append(
                Warning(
                    code="burnout_risk",
                    subject=latest.week,
                    message=f"check-in {latest.week} scores {latest.risk:g}/5 (threshold "
                    f"{targets.checkin_risk_threshold:g}): {STRATEGIES[worst]}",
                )
            )
    runs = over_budget_weeks(ctx, week)
    over = sum(1 for _, is_over in runs if is_over)
    if over >= targets.over_budget_weeks_for_risk:
        from ccos.services.planning import build_plan
        from ccos.services.sources import load_sources

        plan = build_plan(ctx, week, [s for s in load_sources() if s.name != CheckinSource.name], with_warnings=False)
        # The biggest flexible item gives the most relief.
        candidates = sorted(plan.deferred or [i for i in plan.items if i.status != "done"], key=lambda i: -i.hours)
        suggestion = f"; the plan suggests deferring '{candidates[0].title}'" if candidates else ""
        warnings.append(
            Warning(
                code="burnout_risk",
                subject="over_budget_run",
                message=f"over budget {over} of the last 4 weeks: defer or hand over one commitment, "
                f"or find a co-organiser{suggestion}",
            )
        )
    return warnings


class CheckinSource:
    """Check-ins cost no planned time; they feed the dashboard and the burnout warning."""

    name = "checkins"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        return ()

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        if period.kind != "week" or period.start > ctx.today:
            return []
        return burnout_warnings(ctx, period)

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        if period.kind != "week":
            return
        checkins = recent_checkins(ctx)
        if not checkins:
            yield ProgressRow(
                source=self.name,
                key="checkin",
                label="check-in",
                period="now",
                actual=0,
                state="behind",
                detail="none yet: run `ccos checkin`",
            )
            return
        latest = checkins[-1]
        trend = " ".join(f"{c.risk:g}" for c in checkins[-4:])
        done_this_week = latest.week == Period.containing("week", ctx.today).id
        yield ProgressRow(
            source=self.name,
            key="checkin",
            label="check-in risk (1-5)",
            period="now",
            actual=latest.risk,
            target=None,
            state="over" if latest.risk >= ctx.config.targets.checkin_risk_threshold else "ok",
            detail=f"{latest.week}{'' if done_this_week else ' (none this week)'}; trend {trend}",
        )

"""`ccos checkin`: the weekly burnout check-in (guide §7)."""

from __future__ import annotations

from typing import Annotated

import typer

from ccos.commands.base import CcosTyper, app_context
from ccos.i18n import tr
from ccos.words import number


def register(root: CcosTyper) -> None:
    root.command("checkin")(checkin)


def checkin(
    ctx: typer.Context,
    energy: Annotated[int | None, typer.Option("--energy", help="Energy, 1 exhausted .. 5 full of energy.")] = None,
    duty: Annotated[int | None, typer.Option("--duty", help="Duty, not passion: 1 .. 5.")] = None,
    main_job: Annotated[int | None, typer.Option("--main-job", help="Hurting your main job: 1 .. 5.")] = None,
    avoid: Annotated[int | None, typer.Option("--avoid", help="Avoiding community activities, 1 .. 5.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note for yourself.")] = None,
    week: Annotated[str | None, typer.Option("--week", help="Week (default: this): 2026-W47, last, a date.")] = None,
) -> None:
    """Answer four questions (1-5), one per burnout signal, plus a note; once a week.

    Asks on a terminal; otherwise give every answer as an option. A second check-in in
    the same week updates the first.

    Example: ccos checkin --energy 2 --duty 4 --main-job 3 --avoid 2 --note "年底项目忙"
    """
    from ccos.capabilities.checkins.recording import record_checkin
    from ccos.capabilities.checkins.rules import at_risk
    from ccos.dates import parse_period
    from ccos.errors import InvalidInput
    from ccos.render.console import make_console, user_text

    context = app_context(ctx)
    today = context.today()
    period = parse_period("week", week, today)
    workspace = context.workspace()
    known = {"energy": energy, "duty": duty, "main_job": main_job, "avoid": avoid}
    for name, value in known.items():
        if value is not None and not 1 <= value <= 5:
            raise InvalidInput(
                tr("invalid value for {option}: {value}").format(option="--" + name.replace("_", "-"), value=value),
                tr("answer with a whole number from 1 to 5"),
            )
    missing = [name for name, value in known.items() if value is None]
    if missing:
        if not context.interactive():
            options = ", ".join("--" + name.replace("_", "-") for name in missing)
            raise InvalidInput(
                tr("missing answers: {options}").format(options=options),
                tr("give each as an option (1-5), or run on a terminal"),
            )
        from ccos.capabilities.checkins.view import ask_checkin

        answers, asked_note = ask_checkin(known)
        note = note if note is not None else asked_note
    else:
        answers = {name: value for name, value in known.items() if value is not None}
    result = record_checkin(workspace, period, today, answers, note or "")
    console = make_console()
    if result.updated:
        make_console(stderr=True).print(
            user_text(tr("note: updated the check-in of {week} (one per week)").format(week=period.id), "warning")
        )
    line = user_text(
        tr("Check-in {week} saved: risk {risk}/5").format(week=result.checkin.week, risk=number(result.checkin.risk))
    )
    threshold = workspace.config().targets.checkin_risk_threshold
    if at_risk(result.checkin, threshold):
        line.append("  — " + tr("burnout risk: see {command}").format(command="`ccos status`"), style="over")
    console.print(line)

"""`ccos plan week|month|quarter`: what falls in a period against the time budget."""

from __future__ import annotations

from typing import Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context

app = CcosTyper(
    help=(
        "What falls in a week, month or quarter, summed against your time budget.\n\n"
        "Example: ccos plan week --week next"
    ),
    no_args_is_help=True,
)


def register(root: CcosTyper) -> None:
    root.add_typer(app, name="plan")


def _show(ctx: typer.Context, kind: str, spec: str | None, as_json: bool) -> None:
    from ccos.dates import parse_period
    from ccos.planning.planner import plan_period

    context = app_context(ctx)
    today = context.today()
    period = parse_period(kind, spec, today)  # type: ignore[arg-type]
    plan = plan_period(context.workspace(), today, period)
    if as_json:
        from ccos.render.json_out import emit

        emit(plan)
        return
    from ccos.render.console import make_console
    from ccos.render.plan_view import print_plan

    print_plan(make_console(), plan)


@app.command("week")
def week(
    ctx: typer.Context,
    spec: Annotated[
        str | None, typer.Option("--week", help="Which week: 2026-W47, this, next, last, +N, -N or a date.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Plan a week: items with hours, the budget state, what to defer and to which week, warnings.

    A past week shows what was done, on the day it was done (docs/planning.md).

    Example: ccos plan week --week next --json
    """
    _show(ctx, "week", spec, as_json)


@app.command("month")
def month(
    ctx: typer.Context,
    spec: Annotated[
        str | None, typer.Option("--month", help="Which month: 2026-11, this, next, last, +N, -N or a date.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Plan a month (its budget is the weekly one times days/7).

    Example: ccos plan month --month 2026-12
    """
    _show(ctx, "month", spec, as_json)


@app.command("quarter")
def quarter(
    ctx: typer.Context,
    spec: Annotated[
        str | None, typer.Option("--quarter", help="Which quarter: 2026-Q4, this, next, last, +N, -N or a date.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Plan a quarter.

    Example: ccos plan quarter --quarter next
    """
    _show(ctx, "quarter", spec, as_json)

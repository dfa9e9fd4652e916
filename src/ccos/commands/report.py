"""`ccos report year`: a year of community work at a glance."""

from __future__ import annotations

from typing import Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context

app = CcosTyper(
    help="Plots of your history: a year heatmap of activity and load per week.\n\nExample: ccos report year",
    no_args_is_help=True,
)


def register(root: CcosTyper) -> None:
    root.add_typer(app, name="report")


@app.command("year")
def year(
    ctx: typer.Context,
    which: Annotated[int | None, typer.Option("--year", help="Which year (default: this one).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """A heatmap of community activity (hours done per day) and load against budget per week.

    Example: ccos report year --year 2026
    """
    from ccos.errors import InvalidInput
    from ccos.i18n import tr
    from ccos.planning.history import year_report

    context = app_context(ctx)
    today = context.today()
    chosen = today.year if which is None else which
    workspace = context.workspace()  # first: the error below speaks the workspace's language
    if not 1970 <= chosen <= 9998:
        raise InvalidInput(
            tr("invalid value for --year: {year}").format(year=chosen),
            tr("give a year such as {example}").format(example=2026),
        )
    report = year_report(workspace, today, chosen)
    if as_json:
        from ccos.render.json_out import emit

        emit(report)
        return
    from ccos.render.console import make_console
    from ccos.render.report_view import print_year

    print_year(make_console(), report)

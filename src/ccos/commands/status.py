"""`ccos status`: targets against actuals, the budget gauge, every warning."""

from __future__ import annotations

from typing import Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context


def register(root: CcosTyper) -> None:
    root.command("status")(status)


def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """The dashboard: this week, month and quarter against your targets, and warnings.

    Example: ccos status --json
    """
    from ccos.planning.dashboard import build_status

    context = app_context(ctx)
    result = build_status(context.workspace(), context.today())
    if as_json:
        from ccos.render.json_out import emit

        emit(result)
        return
    from ccos.render.console import make_console
    from ccos.render.status_view import print_status

    print_status(make_console(), result)

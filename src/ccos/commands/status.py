"""`ccos status`: targets against actuals, the budget gauge and load, what needs action (`--all`: everything)."""

from __future__ import annotations

from typing import Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context


def register(root: CcosTyper) -> None:
    root.command("status")(status)


def status(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every row and every warning, whole (wrapped, not cut to one screen).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """The dashboard on one screen: the week's budget and load, then what needs action.

    Rows on track and text cut to fit are one `ccos status --all` away.

    Example: ccos status --all
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

    print_status(make_console(), result, show_all=show_all)

"""`ccos sync`: commit, pull, push with the person's own git remote."""

from __future__ import annotations

from typing import Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context
from ccos.i18n import tr


def register(root: CcosTyper) -> None:
    root.command("sync")(sync)


def sync(
    ctx: typer.Context,
    no_push: Annotated[bool, typer.Option("--no-push", help="Commit and pull, but do not push.")] = False,
    message: Annotated[
        str | None,
        typer.Option("--message", "-m", help="Your words for the commit (the list of changes is added below)."),
    ] = None,
    status: Annotated[
        bool, typer.Option("--status", help="Show ahead/behind, uncommitted changes and the last sync; change nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP + " (with --status)")] = False,
) -> None:
    """Commit local changes, pull (rebase) and push; a conflict stops with everything kept (exit 4).

    Example: ccos sync --message "after the meetup"; ccos sync --status
    """
    from ccos.errors import InvalidInput
    from ccos.render.console import make_console
    from ccos.render.sync_view import print_status, print_sync, spinner

    context = app_context(ctx)
    if status and (no_push or message is not None):
        raise InvalidInput(
            tr("--status shows the state and changes nothing"), tr("use it without --no-push and --message")
        )
    if as_json and not status:
        raise InvalidInput(tr("--json goes with --status"), tr("use `ccos sync --status --json`"))
    workspace = context.workspace()
    errors = make_console(stderr=True)
    now = context.now()
    if status:
        from ccos.operations.sync import sync_status

        with spinner(errors, tr("asking the remote")) as progress:
            result = sync_status(workspace, progress=progress)
        if as_json:
            from ccos.render.json_out import emit

            emit(result)
            return
        print_status(make_console(), result, now)
        return

    from ccos.operations.sync import check_message
    from ccos.operations.sync import sync as run_sync

    check_message(message)
    with spinner(errors, tr("syncing")) as progress:
        done = run_sync(workspace, push=not no_push, message=message, now=now, progress=progress)
    print_sync(make_console(), errors, done)

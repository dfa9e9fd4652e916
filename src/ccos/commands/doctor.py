"""`ccos doctor` and `ccos restore`: find what is wrong with a workspace, get a version back."""

from __future__ import annotations

from typing import Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context


def register(root: CcosTyper) -> None:
    root.command("doctor")(doctor)
    root.command("restore")(restore)


def doctor(
    ctx: typer.Context,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Repair what is safe: stale temporary files, interrupted commands, machine-local files "
            "tracked by git (untracked; kept on disk), a derived index that differs from the files (removed; "
            "the next command rebuilds it).",
        ),
    ] = False,
    json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Check every file of the workspace and report all problems; exit 2 when there are any.

    Example: ccos doctor --fix
    """
    from ccos.operations.doctor import examine, repair
    from ccos.render.console import make_console
    from ccos.render.doctor_view import render_doctor
    from ccos.render.json_out import emit

    context = app_context(ctx)
    workspace = context.workspace()
    report = repair(workspace, context.today()) if fix else examine(workspace, context.today())
    if json:
        emit({**report.model_dump(mode="json"), "healthy": report.healthy})
    else:
        render_doctor(make_console(), report)
    if not report.healthy:
        raise typer.Exit(2)


def restore(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="The file, relative to the workspace (or the current folder).")],
    version: Annotated[
        str | None, typer.Option("--version", help="Which version: 1 = the newest backup, or git:COMMIT (see --list).")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the versions that can be restored.")] = False,
    json: Annotated[bool, typer.Option("--json", help=JSON_HELP + " (with --list)")] = False,
) -> None:
    """Put an earlier version of a file back (the newest backup unless --version says).

    Example: ccos restore checklists/2026-W47.toml --list
    """
    from pathlib import Path

    from ccos.operations.restore import list_versions, resolve_file
    from ccos.operations.restore import restore as restore_version
    from ccos.render.console import make_console, user_text
    from ccos.render.doctor_view import render_versions
    from ccos.render.json_out import emit

    context = app_context(ctx)
    workspace = context.workspace()
    relative = resolve_file(workspace, file, Path(context.cwd))
    if list_ or json:
        versions = list_versions(workspace, relative)
        if json:
            emit(versions)
        else:
            render_versions(make_console(), versions)
        return
    result = restore_version(workspace, relative, version or "1")
    from ccos.i18n import tr

    if result.created:
        done = tr("recreated {file} from version {version}").format(file=result.file, version=result.version)
    else:
        done = tr("restored {file} from version {version}").format(file=result.file, version=result.version)
    make_console().print(user_text(done, "ok"))
    undo = tr("undo with: {command}").format(command=f"ccos restore {result.file} --version 1")
    make_console().print(user_text(undo, "muted"))

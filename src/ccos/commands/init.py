"""`ccos init`: create a workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ccos.commands.base import CcosTyper, app_context


def register(root: CcosTyper) -> None:
    root.command("init")(init)


def init(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Folder for the workspace (default: --workspace, CCOS_WORKSPACE or ~/ccos).", show_default=False
        ),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Template language: en, zh or ru (default: from the locale).")
    ] = None,
    name: Annotated[str, typer.Option("--name", help="Your name, as the profile shows it.")] = "",
    weekly_hours: Annotated[
        float, typer.Option("--weekly-hours", help="Hours a week you can spare for community work (1 to 80).")
    ] = 6,
    roles: Annotated[
        str | None,
        typer.Option(
            "--roles",
            help="Your roles, comma-separated: contributor, mentor, organizer, standard-setter "
            "(default: contributor,mentor,organizer).",
        ),
    ] = None,
    timezone: Annotated[
        str | None, typer.Option("--timezone", help="IANA time zone, e.g. Asia/Shanghai (default: the machine's).")
    ] = None,
    no_git: Annotated[bool, typer.Option("--no-git", help="Do not make the workspace a git repository.")] = False,
) -> None:
    """Create a workspace: ccos.toml, the kick-off list, folders and a first git commit.

    Example: ccos init ~/ccos --lang zh --name 王芳 --weekly-hours 6 --roles contributor,mentor
    """
    from ccos.operations.workspace_init import init_workspace, parse_roles
    from ccos.render.console import make_console, user_text
    from ccos.words import count

    chosen = parse_roles(roles)
    app = app_context(ctx)
    target = app.path(path) if path is not None else app.workspace_path()
    result = init_workspace(
        target,
        language=(lang or app.locale_language()).lower(),
        name=name,
        weekly_hours=weekly_hours,
        timezone=timezone,
        use_git=not no_git,
        cwd=app.cwd,
        roles=chosen,
        today=app.today(),
    )
    app.mark_saved()
    console = make_console()
    line = user_text(f"Created a ccos workspace in {result.root}", "ok")
    line.append(f" (language {result.language}{', git' if result.git else ''})", style="muted")
    console.print(line)
    if result.git_note:
        make_console(stderr=True).print(user_text(f"note: {result.git_note}", "warning"))
    if result.kickoff_items:
        console.print(
            user_text(
                f"Kick-off list: {count(result.kickoff_items, 'item', 'items')} for {', '.join(result.roles)}, "
                "done once (ccos checklist show kickoff)",
                "muted",
            )
        )
    console.print(user_text(f"Next: ccos -w {result.root} plan week   (or cd there and run ccos plan week)", "muted"))

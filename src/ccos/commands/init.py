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
    from ccos import i18n
    from ccos.i18n import tr
    from ccos.operations.workspace_init import init_workspace, parse_roles
    from ccos.render.console import make_console, user_text
    from ccos.words import count

    chosen = parse_roles(roles)
    app = app_context(ctx)
    target = app.path(path) if path is not None else app.workspace_path()
    language = (lang or app.locale_language()).lower()
    if i18n.override(app.environ) is None:
        i18n.use(_existing_language(target) or language)  # the new workspace's language, from its first line on
    result = init_workspace(
        target,
        language=language,
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
    line = user_text(tr("Created a ccos workspace in {root}").format(root=result.root), "ok")
    shown = tr("language {language}, git") if result.git else tr("language {language}")
    line.append(" (" + shown.format(language=result.language) + ")", style="muted")
    console.print(line)
    if result.git_note:
        make_console(stderr=True).print(user_text(tr("note: {note}").format(note=result.git_note), "warning"))
    if result.kickoff_items:
        console.print(
            user_text(
                tr("Kick-off list: {items} for {roles}, done once (ccos checklist show kickoff)").format(
                    items=count(result.kickoff_items, "item", "items"), roles=", ".join(result.roles)
                ),
                "muted",
            )
        )
    console.print(
        user_text(
            tr("Next: ccos -w {root} plan week   (or cd there and run ccos plan week)").format(root=result.root),
            "muted",
        )
    )


def _existing_language(target: Path) -> str | None:
    """A workspace already there is refused in its own language (it is the one the person uses)."""
    import os
    import stat

    from ccos.context import language_named_in

    config = target / "ccos.toml"
    try:
        if not stat.S_ISREG(os.lstat(config).st_mode):
            return None
        with open(config, "rb") as file:
            return language_named_in(file.read(65536))
    except OSError:
        return None

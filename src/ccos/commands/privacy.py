"""`ccos privacy`: private notes, encrypted at rest with age (docs/privacy.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ccos.commands.base import CcosTyper, app_context
from ccos.i18n import tr

app = CcosTyper(
    help=(
        "Private notes: encrypted in the workspace, readable on the machines you choose.\n\n"
        "Example: ccos privacy init; ccos config set privacy.notes private"
    ),
    no_args_is_help=True,
)


def register(root: CcosTyper) -> None:
    root.add_typer(app, name="privacy")


def _identity_path(ctx: typer.Context) -> Path:
    from ccos.storage.sealed import identity_path

    context = app_context(ctx)
    return identity_path(context.environ, context.home())


def _say(text: str, style: str = "") -> None:
    from ccos.render.console import make_console, user_text

    make_console().print(user_text(text, style))


@app.command("init")
def init(ctx: typer.Context) -> None:
    """Make this machine's identity (kept outside the workspace) and list its recipient in ccos.toml.

    Example: ccos privacy init
    """
    from ccos.operations.privacy import init as run

    result = run(app_context(ctx).workspace(), _identity_path(ctx))
    if result.created:
        _say(tr("Made an identity: {path} (mode 600, never synced)").format(path=result.identity))
    else:
        _say(tr("This machine has an identity already: {path}").format(path=result.identity))
    _say(tr("Its recipient (listed in ccos.toml): {recipient}").format(recipient=result.recipient))
    _say(
        tr(
            "If this identity is lost, the private notes are lost with it: they cannot be recovered. "
            "Keep a copy: ccos privacy backup-identity FILE"
        ),
        "warning",
    )
    _say(
        tr(
            "Another machine: run `ccos privacy init` there, then `ccos privacy add-recipient age1...` "
            "here with the recipient it prints, and sync; or copy the backup to {path} there."
        ).format(path="~/.config/ccos/identity"),
        "muted",
    )
    if not result.private:
        _say(tr("Then: ccos config set privacy.notes private"), "muted")


@app.command("add-recipient")
def add_recipient(
    ctx: typer.Context,
    recipient: Annotated[str, typer.Argument(help="An age recipient (age1...), e.g. of another machine of yours.")],
) -> None:
    """List another recipient in ccos.toml: notes sealed from now on can be read there too.

    Example: ccos privacy add-recipient age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
    """
    from ccos.operations.privacy import add_recipients

    if add_recipients(app_context(ctx).workspace(), [recipient], "privacy add-recipient"):
        _say(tr("Added the recipient to ccos.toml: {recipient}").format(recipient=recipient.strip()))
    else:
        _say(tr("ccos.toml lists that recipient already: nothing changed"))
    _say(tr("Notes written earlier are not sealed to it; new notes are."), "muted")


@app.command("encrypt-existing")
def encrypt_existing(ctx: typer.Context) -> None:
    """Encrypt the session notes already written (one transaction: all or nothing).

    Example: ccos privacy encrypt-existing
    """
    from ccos.operations.privacy import encrypt_existing as run
    from ccos.words import count

    result = run(app_context(ctx).workspace())
    _say(tr("Encrypted {files}").format(files=count(len(result.files), "session note", "session notes")))
    if result.backups_removed:
        removed = count(result.backups_removed, "clear-text backup", "clear-text backups")
        _say(tr("Removed {backups} of session files from .ccos/backups").format(backups=removed))
    if result.in_history:
        _say(
            tr("Earlier git commits still hold the clear text; only new history is private."),
            "warning",
        )


@app.command("backup-identity")
def backup_identity(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A new file outside the workspace (e.g. on a USB stick).")],
) -> None:
    """Copy this machine's identity to FILE (mode 600): without it private notes cannot be recovered.

    Example: ccos privacy backup-identity /media/usb/ccos-identity
    """
    from ccos.operations.privacy import backup_identity as run

    context = app_context(ctx)
    written = run(context.workspace(), _identity_path(ctx), context.path(file))
    _say(tr("Wrote {path}: keep it somewhere safe and private").format(path=written))

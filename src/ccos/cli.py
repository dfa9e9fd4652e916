"""The root of the `ccos` command: global options, and every noun's commands.

Command modules import only Typer at the top; each does its heavy imports inside the
function that needs them, so `ccos --help` stays light.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ccos import __version__
from ccos.commands import (
    checkin,
    checklist,
    config,
    doctor,
    event,
    init,
    mentee,
    plan,
    report,
    review,
    share,
    status,
    sync,
)
from ccos.commands.base import CcosTyper
from ccos.context import AppContext

COMMAND_MODULES = (init, checklist, plan, status, share, mentee, event, checkin, review, report, sync, config, doctor)

app = CcosTyper(
    name="ccos",
    help=(
        "Plan your community work (sharing, mentoring, events) inside a time budget.\n\n"
        "Example: ccos init --lang zh --name 王芳 --weekly-hours 6 && ccos plan week"
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"ccos {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Annotated[
        str | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Workspace folder (else CCOS_WORKSPACE, the nearest ccos.toml, ~/ccos).",
            metavar="PATH",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """ccos: a planner for people who build professional communities beside their day job."""
    ctx.obj = AppContext(workspace_option=workspace)


for _module in COMMAND_MODULES:
    _module.register(app)


def main() -> None:
    """The `ccos` script and `python -m ccos`."""
    app(prog_name="ccos")

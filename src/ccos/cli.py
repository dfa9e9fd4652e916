"""The root of the `ccos` command: global options, and every noun's commands.

Command modules import only Typer at the top; each does its heavy imports inside the
function that needs them. On top of that, `main()` registers only the command being run
(the lazy-group pattern): Typer inspects every registered function's signature on each
invocation, so `ccos plan week` should not pay for the forty other commands. `--help`,
completion and an unknown command get the whole tree.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from ccos import __version__
from ccos.commands.base import CcosTyper
from ccos.context import AppContext

# The commands that work across capabilities: top-level name -> the module whose
# `register(root)` adds it. Each capability's own commands come from the registry
# (ccos/registry.py) and are shown between `status` and `report`.
WORKSPACE_COMMANDS: dict[str, str] = {
    "init": "ccos.commands.init",
    "plan": "ccos.commands.plan",
    "status": "ccos.commands.status",
}
OPERATION_COMMANDS: dict[str, str] = {
    "report": "ccos.commands.report",
    "sync": "ccos.commands.sync",
    "config": "ccos.commands.config",
    "privacy": "ccos.commands.privacy",
    "export": "ccos.commands.export",
    "import": "ccos.commands.export",
    "doctor": "ccos.commands.doctor",
    "restore": "ccos.commands.doctor",
}


def all_commands() -> dict[str, str]:
    """Every top-level command -> its module, in the order `--help` shows them."""
    from ccos.registry import commands

    return {**WORKSPACE_COMMANDS, **commands(), **OPERATION_COMMANDS}


GLOBAL_OPTIONS_WITH_VALUE = ("--workspace", "-w")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"ccos {__version__}\n")
        raise typer.Exit(0)


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
    from ccos.context import make_current
    from ccos.render.streams import watch_saved

    given = ctx.obj  # a context a caller made (CliRunner.invoke(..., obj=AppContext(cwd=...)))
    context = given if isinstance(given, AppContext) else AppContext()
    if workspace is not None:
        context.workspace_option = workspace
    from ccos import i18n

    i18n.use(i18n.from_environment(context.environ))  # until the workspace says otherwise
    ctx.obj = make_current(context)
    watch_saved(ctx.obj.saved)  # an output failure asks it whether the change was already saved


def build_app(only: str | None = None) -> CcosTyper:
    """The root app with every command, or with just `only` (a name from `all_commands()`)."""
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
    app.callback()(root)
    registered: set[str] = set()  # one module may add several names (export and import)
    for name, module in all_commands().items():
        if (only is None or name == only) and module not in registered:
            importlib.import_module(module).register(app)
            registered.add(module)
    return app


def invoked_command(argv: Sequence[str]) -> str | None:
    """The top-level command in argv (after global options), if it is one of ours."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
            continue
        if arg.startswith("-"):
            if arg.startswith(("--help", "-h", "--install-completion", "--show-completion")):
                return None
            continue
        return arg if arg in all_commands() else None
    return None


@functools.cache
def _full_app() -> CcosTyper:
    return build_app()


def __getattr__(name: str) -> Any:
    """`ccos.cli.app`: the whole command tree (tests, documentation), built on first use."""
    if name == "app":
        return _full_app()
    raise AttributeError(name)


def main() -> None:
    """The `ccos` script and `python -m ccos`."""
    from ccos.render.streams import flush_quietly, output_failure, prepare_streams

    prepare_streams()  # idempotent: entry.py did it already when it is the caller
    try:
        build_app(invoked_command(sys.argv[1:]))(prog_name="ccos")
    except SystemExit as exc:
        code = exc.code
        failure = output_failure(exc)
        if exc.code == 1 and failure is not None and isinstance(failure.error, BrokenPipeError):
            code = 0 if failure.stream == "stdout" else 1  # `ccos --help | head -1`: Rich says exit 1
        flush_quietly()  # a pipe closed after the last write: the exit code stands
        if code != exc.code:
            raise SystemExit(code) from None
        raise

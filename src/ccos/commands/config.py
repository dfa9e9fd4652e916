"""`ccos config`: read and change one key of ccos.toml, keeping the rest of the file as written."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context

app = CcosTyper(
    help=(
        "Read or change one setting of ccos.toml (comments and key order are kept).\n\n"
        "Example: ccos config set sync.autocommit true; ccos config get budget"
    ),
    no_args_is_help=True,
)


def register(root: CcosTyper) -> None:
    root.add_typer(app, name="config")


@app.command("get")
def get(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Dotted key, e.g. budget.weekly_hours; '.' for every setting.")],
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Print a setting's value (the default when ccos.toml does not set it).

    Example: ccos config get budget.weekly_hours
    """
    from ccos.operations.settings import get_value

    found = get_value(app_context(ctx).workspace(), key)
    if as_json:
        from ccos.render.json_out import emit

        emit({"key": found.key, "value": found.value, "source": found.source})
        return
    from ccos.render.settings_view import print_value

    print_value(found.key, found.value, found.section)


@app.command("set")
def set_(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Dotted key, e.g. sync.autocommit or budget.weekly_hours.")],
    value: Annotated[str, typer.Argument(help='The new value: 8, true, Asia/Shanghai, ["a", "b"] or a,b.')],
) -> None:
    """Change one setting; the file is validated before it is written.

    Example: ccos config set sync.autocommit true
    """
    from ccos.operations.settings import set_value
    from ccos.render.settings_view import print_change

    change: Any = set_value(app_context(ctx).workspace(), key, value)
    print_change(change.key, change.old, change.new, change.changed)

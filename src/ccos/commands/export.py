"""`ccos export ics|json|markdown` and `ccos import json`: the workspace out to calendars, files and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ccos.commands.base import CcosTyper, app_context
from ccos.i18n import tr

app = CcosTyper(
    help=(
        "Export events, sessions and due dates to a calendar (ICS), the whole workspace to JSON, "
        "or a period's summary to markdown.\n\nExample: ccos export ics -o ~/ccos.ics"
    ),
    no_args_is_help=True,
)
import_app = CcosTyper(
    help=(
        "Restore a `ccos export json` document into a new, empty workspace (all files or none).\n\n"
        "Example: ccos init ~/ccos-new --no-git && ccos -w ~/ccos-new import json backup.json"
    ),
    no_args_is_help=True,
)

OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.", metavar="FILE"),
]


def register(root: CcosTyper) -> None:
    root.add_typer(app, name="export")
    root.add_typer(import_app, name="import")


def _emit(ctx: typer.Context, what: str, data: bytes, output: Path | None, count: int, skipped: list[str]) -> None:
    """Bytes to stdout, or atomically to `-o` (checked before the export was computed)."""
    from ccos.models.export import ExportResult
    from ccos.render.export_view import print_written
    from ccos.render.streams import write_bytes
    from ccos.storage.output import write_output

    if output is None:
        write_bytes(data)
        print_written(ExportResult(what=what, path=None, count=count, skipped=skipped))
        return
    write_output(output, data)
    workspace = app_context(ctx).workspace()
    print_written(ExportResult(what=what, path=workspace.display(output), count=count, skipped=skipped))


def _target(ctx: typer.Context, output: Path | None) -> Path | None:
    if output is None:
        return None
    from ccos.storage.output import check_output

    context = app_context(ctx)
    return check_output(context.workspace().root, output, cwd=context.cwd)


@app.command("ics")
def ics(
    ctx: typer.Context,
    output: OutputOption = None,
    only: Annotated[
        str | None,
        typer.Option("--only", help="Comma-separated parts: events (with their tasks), sessions, sharing."),
    ] = None,
    first: Annotated[
        str | None, typer.Option("--from", help="Leave out items that end before this date (2026-11-01, today, -1m).")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="Leave out items that start after this date (2027-03-31, +3m).")
    ] = None,
) -> None:
    """Events (recurring ones as RRULE), planned sessions and due dates as one iCalendar file.

    Example: ccos export ics --only events --from 2026-11-01 --to 2027-03-31 -o ~/ccos.ics
    """
    from ccos.dates import parse_date
    from ccos.errors import InvalidInput
    from ccos.operations.export_ics import Window, export_ics, parse_parts
    from ccos.render.export_view import progress_bar

    context = app_context(ctx)
    today = context.today()
    parts = parse_parts(only)
    window = Window(
        parse_date(first, today, "--from") if first is not None else None,
        parse_date(last, today, "--to") if last is not None else None,
    )
    if window.first is not None and window.last is not None and window.last < window.first:
        raise InvalidInput(
            tr("--to {isoformat} is before --from {isoformat2}").format(
                isoformat=window.last.isoformat(), isoformat2=window.first.isoformat()
            ),
            tr("swap the two dates"),
        )
    target = _target(ctx, output)
    with progress_bar() as progress:
        data, count = export_ics(context.workspace(), today, parts, window, progress)
    _emit(ctx, "ics", data, target, count, [])


@app.command("json")
def json_export(
    ctx: typer.Context,
    output: OutputOption = None,
    decrypt: Annotated[
        bool, typer.Option("--decrypt", help="Write private notes in clear text (this machine's identity).")
    ] = False,
) -> None:
    """The whole workspace as one schema-versioned JSON document (every file, exactly as written;
    private notes as ciphertext unless --decrypt).

    Example: ccos export json -o backup.json
    """
    from ccos.operations.export_json import dump_document, export_document
    from ccos.render.console import make_console, user_text
    from ccos.render.export_view import progress_bar
    from ccos.storage.sealed import damaged_note, machine_identity

    context = app_context(ctx)
    target = _target(ctx, output)
    identity = None
    errors = make_console(stderr=True)
    if decrypt:
        identity = machine_identity(context.environ, context.home())
        if identity is None:
            from ccos.errors import InvalidInput
            from ccos.storage.sealed import identity_path

            raise InvalidInput(
                tr("--decrypt: no identity at {path}").format(path=identity_path(context.environ, context.home())),
                tr("run it on a machine with the identity, or leave out --decrypt"),
            )
        errors.print(
            user_text(tr("warning: --decrypt writes private notes in clear text; keep the output private"), "warning")
        )
    damaged: list[str] = []
    with progress_bar() as progress:
        document, skipped = export_document(context.workspace(), progress, identity=identity, damaged=damaged)
    for file in damaged:
        errors.print(user_text(damaged_note(file), "warning"))
    _emit(ctx, "json", dump_document(document), target, len(document.files), skipped)


@app.command("markdown")
def markdown(
    ctx: typer.Context,
    week: Annotated[str | None, typer.Option("--week", help="A week: 2026-W47, this, last, -N or a date.")] = None,
    month: Annotated[str | None, typer.Option("--month", help="A month: 2026-11, this, last, -N or a date.")] = None,
    quarter: Annotated[
        str | None, typer.Option("--quarter", help="A quarter: 2026-Q4, this, last, -N or a date.")
    ] = None,
    output: OutputOption = None,
) -> None:
    """A readable markdown summary of a period (this month unless --week, --month or --quarter).

    Example: ccos export markdown --quarter this -o 2026-Q4.md
    """
    from ccos.dates import parse_period
    from ccos.errors import InvalidInput
    from ccos.operations.export_markdown import period_summary

    context = app_context(ctx)
    given = {kind: spec for kind, spec in (("week", week), ("month", month), ("quarter", quarter)) if spec is not None}
    if len(given) > 1:
        raise InvalidInput(tr("give only one of --week, --month, --quarter"), tr("the summary covers one period"))
    kind, spec = next(iter(given.items()), ("month", None))
    today = context.today()
    period = parse_period(kind, spec, today)  # type: ignore[arg-type]
    target = _target(ctx, output)
    text = period_summary(context.workspace(), period, today)
    _emit(ctx, "markdown", text.encode("utf-8"), target, text.count("\n"), [])


@import_app.command("json")
def json_import(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="A `ccos export json` document, or - for stdin.", metavar="FILE")],
    workspace: Annotated[
        str | None,
        typer.Option("--workspace", "-w", help="The new workspace (else the global --workspace, ...).", metavar="PATH"),
    ] = None,
) -> None:
    """Restore a JSON export into a freshly initialised workspace that holds no entries yet.

    Example: ccos import json backup.json -w ~/ccos-new
    """
    import sys

    from ccos.operations.export_json import import_document
    from ccos.render.export_view import print_imported, progress_bar
    from ccos.storage.output import read_input

    context = app_context(ctx)
    root = context.path(workspace) if workspace else context.workspace_path()
    if source == "-":
        raw, name = sys.stdin.buffer.read(), "stdin"
    else:
        raw, name = read_input(Path(source), cwd=context.cwd), source
    with progress_bar() as progress:
        result = import_document(root, name, raw, progress, cwd=context.cwd)
    context.mark_saved()
    print_imported(result, git=(root / ".git").exists())

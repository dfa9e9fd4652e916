"""`ccos review week|month|quarter`: a pre-filled markdown review of a period."""

from __future__ import annotations

from typing import Annotated

import typer

from ccos.commands.base import CcosTyper, app_context
from ccos.i18n import tr

app = CcosTyper(
    help=(
        "Write reviews/<period>.md pre-filled from what you logged; rerun to refresh it, keeping your notes.\n\n"
        "Example: ccos review week --edit"
    ),
    no_args_is_help=True,
)
EditOption = Annotated[bool, typer.Option("--edit", help="Open the review in $EDITOR afterwards.")]


def register(root: CcosTyper) -> None:
    root.add_typer(app, name="review")


def _review(ctx: typer.Context, kind: str, spec: str | None, edit: bool) -> None:
    from ccos.capabilities.reviews.store import review_path
    from ccos.capabilities.reviews.writing import write_review
    from ccos.dates import parse_period
    from ccos.render.console import make_console, user_text

    context = app_context(ctx)
    today = context.today()
    period = parse_period(kind, spec, today)  # type: ignore[arg-type]
    workspace = context.workspace()
    result = write_review(workspace, period, today)
    said = tr("Wrote {path}") if result.created else tr("Refreshed {path} (your notes kept)")
    make_console().print(user_text(said.format(path=result.path)))
    if edit:
        from ccos.commands.editor import open_in_editor

        open_in_editor(context.environ, review_path(workspace, period))


@app.command("week")
def week(
    ctx: typer.Context,
    spec: Annotated[str | None, typer.Option("--week", help="Which week: 2026-W47, this, last, -N or a date.")] = None,
    edit: EditOption = False,
) -> None:
    """Review a week (reviews/2026-W47.md).

    Example: ccos review week --week last
    """
    _review(ctx, "week", spec, edit)


@app.command("month")
def month(
    ctx: typer.Context,
    spec: Annotated[str | None, typer.Option("--month", help="Which month: 2026-11, this, last, -N or a date.")] = None,
    edit: EditOption = False,
) -> None:
    """Review a month (reviews/2026-11.md).

    Example: ccos review month --month last
    """
    _review(ctx, "month", spec, edit)


@app.command("quarter")
def quarter(
    ctx: typer.Context,
    spec: Annotated[str | None, typer.Option("--quarter", help="Which quarter: 2026-Q4, this, last or a date.")] = None,
    edit: EditOption = False,
) -> None:
    """Review a quarter (reviews/2026-Q4.md).

    Example: ccos review quarter
    """
    _review(ctx, "quarter", spec, edit)

"""`ccos share`: the knowledge-sharing pipeline (seed 000 §2.1, §3.2, §5.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context
from ccos.i18n import tr

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from ccos.capabilities.sharing.results import Change
    from ccos.context import AppContext

app = CcosTyper(
    help=(
        "Your content pipeline: ideas, drafts, published pieces, against the guide's cadence "
        "(1 update a week, 1 deep piece a month, 80/20 professional/personal, 1-2 platforms).\n\n"
        'Example: ccos share add "Operator 开发踩坑记录" --kind article --deep --platform blog --due fri --hours 4'
    ),
    no_args_is_help=True,
)

RefArgument = Annotated[
    str, typer.Argument(metavar="REF", help="The piece: its id, or a unique start of its id or title.")
]
DueOption = Annotated[
    str | None, typer.Option("--due", help="Due date: 2026-12-12, today, fri, +2w, ... (the contract's forms).")
]
JsonOption = Annotated[bool, typer.Option("--json", help=JSON_HELP)]
EditOption = Annotated[bool, typer.Option("--edit", help="Open $EDITOR on the piece's outline and draft notes.")]
OverBudgetOption = Annotated[
    bool, typer.Option("--over-budget", help="Go ahead even though it takes a week over budget.")
]


def register(root: CcosTyper) -> None:
    root.add_typer(app, name="share")


def _date(context: AppContext, value: str | None, option: str) -> date | None:
    if value is None:
        return None
    from ccos.dates import parse_date

    return parse_date(value, context.today(), option)


def _print_change(change: Change) -> None:
    from ccos.capabilities.sharing.view import print_change
    from ccos.render.console import make_console

    print_change(make_console(), change)


def _open_editor(context: AppContext, path: Path) -> None:
    from ccos.commands.editor import open_in_editor
    from ccos.i18n import tr

    open_in_editor(context.environ, path, tr("your notes are in {path}").format(path=path))


def _edit_body(context: AppContext, ref: str) -> None:
    from ccos.capabilities.sharing.pieces import prepare_body

    _piece, path = prepare_body(context.workspace(), ref, context.today())
    _open_editor(context, path)


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The piece's title, in any language.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="article, case-study, tutorial, observation, talk, podcast, open-source, answers or other.",
        ),
    ] = "article",
    deep: Annotated[bool, typer.Option("--deep/--update", help="A deep piece, or a short update (default).")] = False,
    personal: Annotated[
        bool, typer.Option("--personal/--professional", help="A personal story, or professional (default).")
    ] = False,
    platform: Annotated[
        str | None, typer.Option("--platform", help="Where it goes out (default: your first platform).")
    ] = None,
    due: DueOption = None,
    hours: Annotated[
        float | None, typer.Option("--hours", help="Estimated hours (default per kind from ccos.toml).")
    ] = None,
    tags: Annotated[list[str] | None, typer.Option("--tag", help="A tag; repeat for several.")] = None,
    stage: Annotated[str, typer.Option("--stage", help="idea (default), drafting or ready.")] = "idea",
    edit: EditOption = False,
    over_budget: OverBudgetOption = False,
) -> None:
    """Add a piece to the pipeline (an idea unless --stage says otherwise).

    Example: ccos share add "我为什么转行做运营" --kind article --personal --platform wechat --due +2w --hours 2
    """
    from ccos.capabilities.sharing.pieces import add_piece
    from ccos.planning.feedback import watch_load
    from ccos.render.feedback_view import print_load, say_no

    context = app_context(ctx)
    workspace, today = context.workspace(), context.today()  # the workspace first: its language
    due_day = _date(context, due, "--due")
    with watch_load(
        workspace, today, over_budget=over_budget, refused=tr("not added"), ask=say_no(context), capability="sharing"
    ) as load:
        change = add_piece(
            workspace,
            today,
            title,
            kind=kind,
            deep=deep,
            personal=personal,
            platform=platform,
            due=due_day,
            hours=hours,
            tags=tags or (),
            stage=stage,
        )
    _print_change(change)
    print_load(load.result)
    if edit:
        _edit_body(context, change.piece.id)


@app.command("list")
def list_pieces(
    ctx: typer.Context,
    stage: Annotated[
        str | None, typer.Option("--stage", help="Only this stage: idea, drafting, ready, published or dropped.")
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Include dropped pieces.")] = False,
    as_json: JsonOption = False,
) -> None:
    """The pipeline by stage, with due dates and overdue marks (dropped pieces only with --all).

    Example: ccos share list --stage drafting --json
    """
    from ccos.capabilities.sharing.inputs import check_stage
    from ccos.capabilities.sharing.pipeline import pipeline

    context = app_context(ctx)
    workspace = context.workspace()  # first: the language of an error about --stage
    wanted = check_stage(stage) if stage is not None else None
    result = pipeline(workspace, context.today(), wanted, include_dropped=show_all)
    if as_json:
        from ccos.render.json_out import emit

        emit(result)
        return
    from ccos.capabilities.sharing.view import print_pipeline
    from ccos.render.console import make_console

    print_pipeline(make_console(), result, title=tr("Sharing pipeline"))


@app.command("ideas")
def ideas(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The backlog of ideas, oldest first.

    Example: ccos share ideas
    """
    from ccos.capabilities.sharing.pipeline import ideas as backlog

    context = app_context(ctx)
    result = backlog(context.workspace(), context.today())
    if as_json:
        from ccos.render.json_out import emit

        emit(result)
        return
    from ccos.capabilities.sharing.view import print_pipeline
    from ccos.render.console import make_console

    print_pipeline(make_console(), result, title=tr("Ideas, oldest first"), grouped=False)


@app.command("show")
def show(ctx: typer.Context, ref: RefArgument, as_json: JsonOption = False) -> None:
    """One piece: its fields and its outline or draft notes.

    Example: ccos share show operator --json
    """
    from ccos.capabilities.sharing.pipeline import show as show_piece

    context = app_context(ctx)
    workspace = context.workspace()
    detail = show_piece(workspace, ref, context.today())
    if as_json:
        from ccos.render.json_out import emit

        emit(detail)
        return
    from ccos.capabilities.sharing.view import print_detail
    from ccos.render.console import make_console

    print_detail(make_console(), detail, file=workspace.display(workspace.root / detail.piece.path))


@app.command("start")
def start(
    ctx: typer.Context,
    ref: RefArgument,
    due: DueOption = None,
    edit: EditOption = False,
    over_budget: OverBudgetOption = False,
) -> None:
    """Start drafting a piece (idea -> drafting); its remaining hours enter the plan.

    Example: ccos share start operator --due fri
    """
    from ccos.capabilities.sharing.stages import start as start_piece
    from ccos.planning.feedback import watch_load
    from ccos.render.feedback_view import print_load, say_no

    context = app_context(ctx)
    workspace, today = context.workspace(), context.today()
    due_day = _date(context, due, "--due")
    with watch_load(
        workspace, today, over_budget=over_budget, refused=tr("not started"), ask=say_no(context), capability="sharing"
    ) as load:
        change = start_piece(workspace, ref, today, due_day)
    _print_change(change)
    print_load(load.result)
    if edit:
        _edit_body(context, change.piece.id)


@app.command("ready")
def ready(ctx: typer.Context, ref: RefArgument) -> None:
    """Mark a piece ready to publish (drafting -> ready).

    Example: ccos share ready operator
    """
    from ccos.capabilities.sharing.stages import ready as ready_piece

    context = app_context(ctx)
    _print_change(ready_piece(context.workspace(), ref, context.today()))


@app.command("publish")
def publish(
    ctx: typer.Context,
    ref: RefArgument,
    url: Annotated[str | None, typer.Option("--url", help="Where it can be read: an http(s) address.")] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="The day it went out (default today; never in the future).")
    ] = None,
    hours: Annotated[
        float | None,
        typer.Option("--hours", help="Hours it really took in all (default: hours logged so far, else the estimate)."),
    ] = None,
) -> None:
    """Record a piece as published: it counts for the week and month of --date.

    Example: ccos share publish operator --url https://example.org/p/1 --date today --hours 5
    """
    from ccos.capabilities.sharing.inputs import check_hours, check_url
    from ccos.capabilities.sharing.stages import publish as publish_piece

    context = app_context(ctx)
    workspace = context.workspace()
    check_url(url)
    check_hours(hours, "--hours")
    day = _date(context, on, "--date")
    _print_change(publish_piece(workspace, ref, context.today(), on=day, url=url, hours=hours))


@app.command("drop")
def drop(ctx: typer.Context, ref: RefArgument) -> None:
    """Drop a piece: it stays on disk as a record but leaves the plan and the pipeline.

    Example: ccos share drop 我为什么
    """
    from ccos.capabilities.sharing.stages import drop as drop_piece

    context = app_context(ctx)
    _print_change(drop_piece(context.workspace(), ref, context.today()))


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: RefArgument,
    title: Annotated[str | None, typer.Option("--title", help="A new title (the id and file name stay).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="A new kind.")] = None,
    deep: Annotated[bool | None, typer.Option("--deep/--update", help="Deep piece or short update.")] = None,
    personal: Annotated[
        bool | None, typer.Option("--personal/--professional", help="Personal story or professional.")
    ] = None,
    platform: Annotated[str | None, typer.Option("--platform", help="A new platform.")] = None,
    due: DueOption = None,
    no_due: Annotated[bool, typer.Option("--no-due", help="Remove the due date.")] = False,
    hours: Annotated[float | None, typer.Option("--hours", help="A new estimate in hours.")] = None,
    spent: Annotated[
        float | None, typer.Option("--spent", help="Hours spent so far (the plan keeps the rest).")
    ] = None,
    tags: Annotated[list[str] | None, typer.Option("--tag", help="Add a tag; repeat for several.")] = None,
    open_editor: Annotated[
        bool, typer.Option("--edit", help="Also open $EDITOR on the notes (the default without other options).")
    ] = False,
) -> None:
    """Change a piece's fields, or (with no field option) open $EDITOR on its outline and draft notes.

    Example: ccos share edit operator --spent 2 --due +1w; ccos share edit operator
    """
    from ccos.capabilities.sharing.pieces import edit_fields

    context = app_context(ctx)
    context.workspace()
    due_day = _date(context, due, "--due")
    fields = (title, kind, deep, personal, platform, due_day, hours, spent)
    if any(value is not None for value in fields) or no_due or tags:
        change = edit_fields(
            context.workspace(),
            ref,
            context.today(),
            title=title,
            kind=kind,
            deep=deep,
            personal=personal,
            platform=platform,
            due=due_day,
            clear_due=no_due,
            hours=hours,
            spent=spent,
            add_tags=tags or (),
        )
        _print_change(change)
        if not open_editor:
            return
        ref = change.piece.id
    _edit_body(context, ref)

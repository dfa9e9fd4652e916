"""`ccos checklist`: the weekly, monthly and quarterly action lists of the guide (§8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context
from ccos.i18n import tr

if TYPE_CHECKING:
    from ccos.capabilities.checklists.results import ChecklistView, KickoffView
    from ccos.dates import Period

app = CcosTyper(
    help=(
        "The kick-off list (the guide's §8, done once) and this week's, month's and quarter's actions:"
        " show, tick, add, carry over.\n\n"
        "Example: ccos checklist; ccos checklist check 1; ccos checklist check 2 --scope kickoff"
    ),
    invoke_without_command=True,
)

ScopeOption = Annotated[
    str | None, typer.Option("--scope", help="Which list: week (default), month, quarter or kickoff.")
]
WeekOption = Annotated[str | None, typer.Option("--week", help="Week: 2026-W47, this, next, last, +N, -N or a date.")]
MonthOption = Annotated[str | None, typer.Option("--month", help="Month: 2026-11, this, next, last, +N, -N or a date.")]
QuarterOption = Annotated[
    str | None, typer.Option("--quarter", help="Quarter: 2026-Q4, this, next, last, +N, -N or a date.")
]
ItemArgument = Annotated[str, typer.Argument(help="The item's number as shown, or a unique start of its text.")]


def register(root: CcosTyper) -> None:
    root.add_typer(app, name="checklist")


def _period(
    ctx: typer.Context,
    scope: str | None,
    week: str | None,
    month: str | None,
    quarter: str | None,
    option: str = "--scope",
    kickoff: bool = False,
) -> Period | None:
    """The period a list option names; None for the kick-off list (when the command takes it)."""
    from ccos.capabilities.checklists.rules import KICKOFF
    from ccos.dates import PERIOD_KINDS, parse_period
    from ccos.errors import InvalidInput
    from ccos.i18n import tr

    app_context(ctx).workspace()  # its language is the language of every error below
    given = {kind: spec for kind, spec in (("week", week), ("month", month), ("quarter", quarter)) if spec is not None}
    if kickoff and scope == KICKOFF:
        if given:
            raise InvalidInput(
                tr("{option} kickoff takes no --{period}").format(option=option, period=next(iter(given))),
                tr("the kick-off list has no period"),
            )
        return None
    if scope is not None and scope not in PERIOD_KINDS:
        hint = tr("use week, month, quarter or kickoff") if kickoff else tr("use week, month or quarter")
        raise InvalidInput(tr("invalid value for {option}: {value}").format(option=option, value=repr(scope)), hint)
    if len(given) > 1:
        raise InvalidInput(tr("give only one of --week, --month, --quarter"), tr("they choose the same list"))
    if scope is None:
        scope = next(iter(given), "week")
    elif given and scope not in given:
        raise InvalidInput(
            tr("{option} {scope} does not go with --{period}").format(
                option=option, scope=scope, period=next(iter(given))
            ),
            {
                "week": tr("use --week to choose the week"),
                "month": tr("use --month to choose the month"),
                "quarter": tr("use --quarter to choose the quarter"),
            }[scope],
        )
    return parse_period(scope, given.get(scope), app_context(ctx).today())  # type: ignore[arg-type]


def _print_views(views: list[ChecklistView], as_json: bool, kickoff: KickoffView | None = None) -> None:
    if as_json:
        from ccos.render.json_out import emit

        emit({"kickoff": kickoff, "checklists": views})
        return
    from ccos.capabilities.checklists.view import print_checklists
    from ccos.render.console import make_console

    print_checklists(make_console(), views, kickoff)


@app.callback()
def overview(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Show this week's, month's and quarter's checklists with progress bars.

    Example: ccos checklist && ccos checklist check 1
    """
    if ctx.invoked_subcommand is not None:
        return
    from ccos.capabilities.checklists.showing import current_views, kickoff

    context = app_context(ctx)
    workspace, today = context.workspace(), context.today()
    _print_views(current_views(workspace, today), as_json, kickoff(workspace, today))


@app.command("show")
def show(
    ctx: typer.Context,
    scope: Annotated[str, typer.Argument(help="week, month, quarter or kickoff.")] = "week",
    week: WeekOption = None,
    month: MonthOption = None,
    quarter: QuarterOption = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Show one checklist (`kickoff`: the get-started list, done once).

    Example: ccos checklist show month --month last; ccos checklist show kickoff
    """
    from ccos.capabilities.checklists.showing import kickoff, view

    period = _period(ctx, scope, week, month, quarter, option="SCOPE", kickoff=True)
    context = app_context(ctx)
    workspace, today = context.workspace(), context.today()
    if period is None:
        _show_kickoff(kickoff(workspace, today), as_json)
        return
    _print_views([view(workspace, period, today)], as_json)


def _show_kickoff(shown: KickoffView | None, as_json: bool) -> None:
    if as_json:
        from ccos.render.json_out import emit

        emit({"kickoff": shown})
        return
    from ccos.i18n import tr
    from ccos.render.console import make_console, user_text

    console = make_console()
    if shown is None:
        said = tr("This workspace has no kick-off list ({file}).").format(file="checklists/kickoff.toml")
        console.print(user_text(said, "muted"))
        return
    from ccos.capabilities.checklists.view import print_kickoff

    print_kickoff(console, shown)


def _toggle(
    ctx: typer.Context,
    item: str,
    done: bool,
    scope: str | None,
    week: str | None,
    month: str | None,
    quarter: str | None,
) -> None:
    from ccos.capabilities.checklists.editing import set_done
    from ccos.capabilities.checklists.view import print_toggled
    from ccos.render.console import make_console

    period = _period(ctx, scope, week, month, quarter, kickoff=True)
    context = app_context(ctx)
    print_toggled(make_console(), set_done(context.workspace(), period, item, done, context.today()), done)


@app.command("check")
def check(
    ctx: typer.Context,
    item: ItemArgument,
    scope: ScopeOption = None,
    week: WeekOption = None,
    month: MonthOption = None,
    quarter: QuarterOption = None,
) -> None:
    """Tick an item (this week's list unless --scope or a period option says otherwise).

    Example: ccos checklist check 1; ccos checklist check 回复 --scope week
    """
    _toggle(ctx, item, True, scope, week, month, quarter)


@app.command("uncheck")
def uncheck(
    ctx: typer.Context,
    item: ItemArgument,
    scope: ScopeOption = None,
    week: WeekOption = None,
    month: MonthOption = None,
    quarter: QuarterOption = None,
) -> None:
    """Untick an item.

    Example: ccos checklist uncheck 2 --scope month
    """
    _toggle(ctx, item, False, scope, week, month, quarter)


@app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What to do, in your own words.")],
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="Estimate in minutes (default from ccos.toml).")
    ] = None,
    stream: Annotated[str, typer.Option("--stream", help="sharing, mentoring, events or other.")] = "other",
    scope: ScopeOption = None,
    week: WeekOption = None,
    month: MonthOption = None,
    quarter: QuarterOption = None,
    for_ref: Annotated[
        str | None,
        typer.Option(
            "--for",
            help="The sharing piece, event or mentee it is about: id, name or prefix (sharing:/event:/mentee:).",
        ),
    ] = None,
    over_budget: Annotated[
        bool, typer.Option("--over-budget", help="Add it even though it takes a week over budget.")
    ] = False,
) -> None:
    """Add an item to a checklist (--for: what it is about, so the plan counts the pair once).

    Example: ccos checklist add "回复社区里的 3 个问题" --minutes 45; ccos checklist add "Review slides" --for meetup
    """
    from ccos.capabilities.checklists.editing import add_item
    from ccos.capabilities.checklists.view import print_added
    from ccos.planning.feedback import watch_load
    from ccos.render.console import make_console
    from ccos.render.feedback_view import print_load, say_no

    period = _period(ctx, scope, week, month, quarter, kickoff=True)
    context = app_context(ctx)
    workspace = context.workspace()
    with watch_load(
        workspace,
        context.today(),
        over_budget=over_budget,
        refused=tr("not added"),
        ask=say_no(context),
        capability="checklists",
    ) as load:
        change = add_item(workspace, period, text, minutes, stream, for_ref, context.today())
    print_added(make_console(), change)
    print_load(load.result)


@app.command("remove")
def remove(
    ctx: typer.Context,
    item: ItemArgument,
    scope: ScopeOption = None,
    week: WeekOption = None,
    month: MonthOption = None,
    quarter: QuarterOption = None,
) -> None:
    """Remove an item from a checklist.

    Example: ccos checklist remove 4
    """
    from ccos.capabilities.checklists.editing import remove_item
    from ccos.capabilities.checklists.view import print_removed
    from ccos.render.console import make_console

    period = _period(ctx, scope, week, month, quarter, kickoff=True)
    context = app_context(ctx)
    print_removed(make_console(), remove_item(context.workspace(), period, item, context.today()))


@app.command("carry")
def carry(ctx: typer.Context, scope: ScopeOption = None) -> None:
    """Carry last period's unfinished items into the current one (no duplicates on a rerun).

    Example: ccos checklist carry --scope month
    """
    from ccos.capabilities.checklists.editing import carry as carry_items
    from ccos.capabilities.checklists.view import print_carried
    from ccos.errors import InvalidInput
    from ccos.i18n import tr
    from ccos.render.console import make_console

    period = _period(ctx, scope, None, None, None)
    if period is None:  # not asked for: carry takes no kick-off scope
        raise InvalidInput(tr("--scope kickoff cannot be carried"), tr("the kick-off list is one list, done once"))
    context = app_context(ctx)
    print_carried(make_console(), carry_items(context.workspace(), period.kind, context.today()))

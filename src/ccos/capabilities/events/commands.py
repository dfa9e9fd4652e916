"""`ccos event`: events laid out with their playbooks, recurring events, attendance."""

from __future__ import annotations

from typing import Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context

app = CcosTyper(
    help=(
        "Events: playbooks dated from the event, recurring events, attendance.\n\n"
        'Example: ccos event add "Rust 北京 Meetup #12" --kind meetup --date "2026-12-12 14:00" --hours 4'
    ),
    no_args_is_help=True,
)
task_app = CcosTyper(
    help="Tick, add or remove an event's playbook tasks.\n\nExample: ccos event task rust check 3",
    no_args_is_help=True,
)

RefArgument = Annotated[str, typer.Argument(help="The event: its id, title, or a unique start of either.")]
NumberArgument = Annotated[str, typer.Argument(help="The task's number, as `ccos event show` lists it.")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="One occurrence of a recurring event: a date such as 2026-12-24.")
]


def register(root: CcosTyper) -> None:
    app.add_typer(task_app, name="task")
    root.add_typer(app, name="event")


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The event's title, in any script.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="meetup, workshop, hackathon, ama, livestream, talk, training, contest or summit."),
    ] = None,
    format: Annotated[
        str | None, typer.Option("--format", help="online, offline or hybrid (default: the playbook's).")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help='When: "2026-12-12 14:00" (local time); add "+01:00" at a DST fold.'),
    ] = None,
    repeat: Annotated[
        str | None,
        typer.Option("--repeat", help='A recurring event: "weekly on thu at 20:00", "monthly on the 2nd sat", ...'),
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="First day of a recurring event (default: today).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day of a recurring event.")] = None,
    hours: Annotated[
        float | None, typer.Option("--hours", help="Hours on the day (default from ccos.toml by kind).")
    ] = None,
    expect: Annotated[int | None, typer.Option("--expect", help="Expected attendance.")] = None,
    with_: Annotated[str | None, typer.Option("--with", help='Co-organisers, comma-separated: "李雷, Ann".')] = None,
    playbook: Annotated[
        str | None, typer.Option("--playbook", help="Playbook to copy (default: the kind's); see `event playbooks`.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note to keep with the event.")] = None,
    over_budget: Annotated[
        bool, typer.Option("--over-budget", help="Add it even though it takes a week over budget.")
    ] = False,
) -> None:
    """Add an event and copy its playbook's tasks, dated from the event.

    Example: ccos event add "Rust 北京 Meetup #12" --kind meetup --date "2026-12-12 14:00" --hours 4 --expect 60
    """
    from ccos.capabilities.events.adding import NewEvent, add_event
    from ccos.capabilities.events.view import added_line
    from ccos.render.console import make_console

    context = app_context(ctx)
    new = NewEvent(
        title=title, kind=kind, format=format, date=date, repeat=repeat, from_=from_, until=until, hours=hours,
        expect=expect, with_=with_, playbook=playbook, note=note,
    )  # fmt: skip
    from ccos.i18n import tr
    from ccos.planning.feedback import watch_load
    from ccos.render.feedback_view import print_load, say_no

    workspace, today = context.workspace(), context.today()
    with watch_load(
        workspace, today, over_budget=over_budget, refused=tr("not added"), ask=say_no(context), capability="events"
    ) as load:
        result = add_event(workspace, today, new, context.machine_zone())
    make_console().print(added_line(result))
    print_load(load.result)


@app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Every event, not only upcoming and recent ones.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """List upcoming and recent events with their playbook progress.

    Example: ccos event list --all
    """
    from ccos.capabilities.events.listing import list_events

    context = app_context(ctx)
    events = list_events(context.workspace(), context.today(), all_)
    if as_json:
        from ccos.render.json_out import emit

        emit({"today": context.today().isoformat(), "events": events})
        return
    from ccos.capabilities.events.view import print_events
    from ccos.render.console import make_console

    print_events(make_console(), events, context.today())


@app.command("show")
def show(
    ctx: typer.Context,
    ref: RefArgument,
    on: OnOption = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Show an event's playbook: before, during, after, each task with its date and state.

    Example: ccos event show rust
    """
    from ccos.capabilities.events.listing import show_event

    context = app_context(ctx)
    result = show_event(context.workspace(), context.today(), ref, on)
    if as_json:
        from ccos.render.json_out import emit

        emit(result)
        return
    from ccos.capabilities.events.view import print_detail
    from ccos.render.console import make_console

    print_detail(make_console(), result, context.today())


@task_app.callback()
def task(ctx: typer.Context, ref: RefArgument) -> None:
    """Work on the playbook tasks of the event REF.

    Example: ccos event task rust check 3
    """


def _ref(ctx: typer.Context) -> str:
    parent = ctx.parent
    return str(parent.params["ref"]) if parent is not None else ""


def _toggle(ctx: typer.Context, number: str, done: bool, on: str | None) -> None:
    from ccos.capabilities.events.tasks import set_task
    from ccos.capabilities.events.view import task_line
    from ccos.render.console import make_console

    context = app_context(ctx)
    result, changed = set_task(context.workspace(), context.today(), _ref(ctx), number, done, on)
    make_console().print(task_line(result, changed))


@task_app.command("check")
def check(ctx: typer.Context, number: NumberArgument, on: OnOption = None) -> None:
    """Tick a task (for a task repeated each time: the current occurrence, or --on DATE).

    Example: ccos event task rust check 3
    """
    _toggle(ctx, number, True, on)


@task_app.command("uncheck")
def uncheck(ctx: typer.Context, number: NumberArgument, on: OnOption = None) -> None:
    """Untick a task.

    Example: ccos event task rust uncheck 3
    """
    _toggle(ctx, number, False, on)


@task_app.command("add")
def task_add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What to do.")],
    at: Annotated[str, typer.Option("--at", help="When, from the event day: -20d, -3w, 0, +2d.")],
    until: Annotated[
        str | None, typer.Option("--until", help="End of the task's window (spread from --at to --until): -1d.")
    ] = None,
    hours: Annotated[float, typer.Option("--hours", help="Estimate in hours.")] = 1.0,
    phase: Annotated[
        str | None, typer.Option("--phase", help="before, during or after (default: from the sign of --at).")
    ] = None,
    role: Annotated[str | None, typer.Option("--role", help="speaker, venue, promotion or follow-up.")] = None,
    each: Annotated[bool, typer.Option("--each", help="Recurring events: repeat it for every occurrence.")] = False,
) -> None:
    """Add a task to an event's playbook.

    Example: ccos event task rust add "订场地" --at -20d --hours 1
    """
    from ccos.capabilities.events.tasks import add_task
    from ccos.capabilities.events.view import task_added_line
    from ccos.render.console import make_console

    context = app_context(ctx)
    result, number = add_task(
        context.workspace(), context.today(), _ref(ctx), text, at, until, hours, phase, role, each
    )
    make_console().print(task_added_line(result, number))


@task_app.command("remove")
def task_remove(ctx: typer.Context, number: NumberArgument) -> None:
    """Remove a task from an event's playbook.

    Example: ccos event task rust remove 4
    """
    from ccos.capabilities.events.tasks import remove_task
    from ccos.capabilities.events.view import removed_line
    from ccos.render.console import make_console

    context = app_context(ctx)
    result, removed = remove_task(context.workspace(), context.today(), _ref(ctx), number)
    make_console().print(removed_line(result.event.id, removed.text))


@app.command("done")
def done(
    ctx: typer.Context,
    ref: RefArgument,
    attendees: Annotated[int | None, typer.Option("--attendees", help="How many people came.")] = None,
    hours: Annotated[float | None, typer.Option("--hours", help="Hours it really took on the day.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="What went well, what to change.")] = None,
    on: OnOption = None,
) -> None:
    """Record what happened: attendance, hours, a note (a recurring event: its last occurrence or --on).

    It ticks the event's "record attendance" task and marks the day's tasks done (on a
    terminal it asks which of them did not happen). Each occurrence is recorded once.

    Example: ccos event done rust --attendees 48 --hours 6 --note "more time for Q&A"
    """
    from ccos.capabilities.events.outcomes import pending_done, record_done
    from ccos.capabilities.events.view import ask_missed, done_line
    from ccos.render.console import make_console

    context = app_context(ctx)
    workspace, today = context.workspace(), context.today()
    console = make_console()
    missed: frozenset[int] = frozenset()
    if context.interactive():
        pending = pending_done(workspace, today, ref, on)  # refuses before asking anything
        if pending.day_of:
            missed = ask_missed(console, pending)
    recorded = record_done(workspace, today, ref, attendees, hours, note, on, missed)
    console.print(done_line(recorded))


@app.command("cancel")
def cancel(ctx: typer.Context, ref: RefArgument, on: OnOption = None) -> None:
    """Cancel an event, or with --on one occurrence of a recurring event.

    Example: ccos event cancel 云原生直播 --on 2026-12-24
    """
    from ccos.capabilities.events.outcomes import cancel_event
    from ccos.capabilities.events.view import cancel_line
    from ccos.render.console import make_console

    context = app_context(ctx)
    result, day, changed = cancel_event(context.workspace(), context.today(), ref, on)
    make_console().print(cancel_line(result, day, changed))


@app.command("playbooks")
def playbooks(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """List the playbooks available per kind (your own under WORKSPACE/templates/playbooks/ first).

    Example: ccos event playbooks
    """
    from ccos.capabilities.events.listing import playbooks as list_playbooks

    workspace = app_context(ctx).workspace()
    found = list_playbooks(workspace)
    if as_json:
        from ccos.render.json_out import emit

        emit({"playbooks": found})
        return
    from ccos.capabilities.events.view import print_playbooks
    from ccos.render.console import make_console

    print_playbooks(make_console(), found, lambda book: workspace.display(workspace.root / book.path))

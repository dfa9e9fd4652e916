"""`ccos mentee`: mentees, session logs, cadence and capacity (seed 000 §2.2, §4.2, §5.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context
from ccos.dates import short_day
from ccos.i18n import tr

if TYPE_CHECKING:
    from ccos.capabilities.mentoring.logging import LogDraft
    from ccos.context import AppContext

app = CcosTyper(
    help=(
        "Mentees: add, log sessions, see who is due, close action items.\n\n"
        'Example: ccos mentee log 王小明 --minutes 60 --topic 简历 --next "提交第一个 PR"'
    ),
    no_args_is_help=True,
)

NameArgument = Annotated[str, typer.Argument(help="The mentee: id, name or a unique start of either.")]


def register(root: CcosTyper) -> None:
    root.add_typer(app, name="mentee")


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Their name, in any script (a group: the group's name).")],
    format: Annotated[str, typer.Option("--format", help="one-on-one (default), group or async.")] = "one-on-one",
    cadence: Annotated[
        str | None,
        typer.Option(
            "--cadence",
            help="How often to meet: 2/month, 1/month, N/week, every 2w, every 10d "
            "(default: targets.sessions_per_mentee_per_month a month; none for async).",
        ),
    ] = None,
    goal: Annotated[list[str] | None, typer.Option("--goal", help="A goal of theirs (repeat for more).")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="When mentoring started (cadence counts from it until a session).")
    ] = None,
    members: Annotated[
        str | None, typer.Option("--members", help='A group\'s members, comma-separated: "Ann, Bo, 陈静".')
    ] = None,
    contact: Annotated[str | None, typer.Option("--contact", help="How to reach them (free text).")] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="Their usual session length (default from ccos.toml).")
    ] = None,
    over_capacity: Annotated[
        bool, typer.Option("--over-capacity", help="Add even though it takes you over targets.mentees_max.")
    ] = False,
) -> None:
    """Add a mentee (1:1, a group or async help); refuses to go over capacity unless told.

    Example: ccos mentee add 王小明 --format one-on-one --cadence 2/month --goal "转岗做开源运营" --since 2026-09-01
    """
    from ccos.capabilities.mentoring.profiles import add_mentee
    from ccos.capabilities.mentoring.view import capacity_line, format_word
    from ccos.dates import parse_date
    from ccos.render.console import make_console, user_text

    context = app_context(ctx)
    today = context.today()
    workspace = context.workspace()
    since_day = parse_date(since, today, "--since") if since is not None else None
    result = add_mentee(
        workspace,
        today,
        name=name,
        format=format,
        cadence=cadence,
        goals=goal or [],
        since=since_day,
        members=members,
        contact=contact,
        minutes=minutes,
        over_capacity=over_capacity,
    )
    console = make_console()
    summary = result.summary
    line = user_text("+ " + tr("added {name}").format(name=summary.name), "ok")
    if summary.cadence:
        facts = tr("({id}, {format}, {cadence})").format(
            id=summary.id, format=format_word(summary.format), cadence=summary.cadence
        )
    else:
        facts = tr("({id}, {format})").format(id=summary.id, format=format_word(summary.format))
    line.append(f" {facts}", style="muted")
    console.print(line)
    if summary.next_due:
        first = tr("first session due {day}").format(day=short_day(summary.next_due, today))
        console.print(user_text(f"  {first}", "muted"))
    console.print(capacity_line(result.capacity))
    errors = make_console(stderr=True)
    if result.over_capacity:
        over = tr("note: you are over capacity; the plan will warn ({code})").format(code="too_many_mentees")
        errors.print(user_text(over, "warning"))
    if result.group_size_note:
        errors.print(user_text(tr("note: {text}").format(text=result.group_size_note), "warning"))


@app.command("log")
def log(
    ctx: typer.Context,
    name: NameArgument,
    date: Annotated[
        str, typer.Option("--date", help="When: a date (today, yesterday, 2026-11-17) with an optional HH:MM.")
    ] = "today",
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="How long it took (default: the mentee's or ccos.toml).")
    ] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="A topic (repeat for more).")] = None,
    next_item: Annotated[
        list[str] | None, typer.Option("--next", help="An action item agreed for next time (repeat for more).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Notes, in one line.")] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Write the notes in $EDITOR, from the session template.")
    ] = False,
    planned: Annotated[
        bool, typer.Option("--planned", help="Schedule a session on --date (today or later) instead of logging one.")
    ] = False,
    over_budget: Annotated[
        bool, typer.Option("--over-budget", help="With --planned: plan it even though it takes a week over budget.")
    ] = False,
) -> None:
    """Log a session (one new file per session), or schedule one with --planned.

    Example: ccos mentee log 王小明 --minutes 60 --topic 简历 --next "提交第一个 PR" --note "..."
    """
    from ccos.capabilities.mentoring.logging import LogRequest, prepare_log, write_session
    from ccos.dates import parse_datetime
    from ccos.errors import InvalidInput
    from ccos.render.console import make_console, user_text
    from ccos.words import count

    context = app_context(ctx)
    today = context.today()
    workspace = context.workspace()
    day, time = parse_datetime(date, today, "--date")
    if edit and note is not None:
        raise InvalidInput(
            tr("give {note} or {edit}, not both").format(note="--note", edit="--edit"),
            tr("{edit} opens the template in your editor").format(edit="--edit"),
        )
    clock = None
    if time is None and day == today:
        now = context.now()
        clock = (now.hour, now.minute)
    request = LogRequest(
        ref=name,
        day=day,
        time=time,
        clock=clock,
        minutes=minutes,
        topics=tuple(topic or ()),
        next_items=tuple(next_item or ()),
        planned=planned,
    )
    # With --edit, a wrong name or date stops before the editor opens; the lock is not held meanwhile.
    text = _edit_note(context, prepare_log(workspace, today, request)) if edit else (note or "")
    load = None
    if planned:
        from ccos.planning.feedback import watch_load
        from ccos.render.feedback_view import say_no

        refused = tr("not planned")
        with watch_load(
            workspace, today, over_budget=over_budget, refused=refused, ask=say_no(context), capability="mentoring"
        ) as watch:
            result = write_session(workspace, today, request, text)
        load = watch.result
    else:
        result = write_session(workspace, today, request, text)
    console = make_console()
    said = tr("planned: {name} on {day}, {minutes} min") if planned else tr("logged: {name} on {day}, {minutes} min")
    said = said.format(name=result.name, day=short_day(day, today), minutes=result.session.minutes)
    line = user_text(f"✓ {said}", "ok")
    if result.fulfilled:
        line.append("  " + tr("(the session planned for that day)"), style="muted")
    console.print(line)
    console.print(user_text(f"  {workspace.display(workspace.root / result.path)}", "muted"))
    if result.open_actions:
        items = count(len(result.open_actions), "open action item", "open action items")
        console.print(user_text("  " + tr("{items}:").format(items=items), "muted"))
        for item in result.open_actions:
            console.print(user_text(f"    {item.number}. {item.text}"))
    if planned:
        from ccos.render.feedback_view import print_load

        print_load(load)


def _edit_note(context: AppContext, draft: LogDraft) -> str:
    """Open the session template in $EDITOR; nothing is written if the note is unchanged."""
    import os
    import secrets

    from ccos.capabilities.mentoring.notes import note_from_edit, session_template
    from ccos.commands.editor import editor_command, open_in_editor
    from ccos.errors import InvalidInput
    from ccos.storage.local_state import safe_state_dir
    from ccos.storage.safe_paths import create_exclusive, read_regular, write_fd

    workspace = context.workspace()
    template = session_template(workspace, draft)
    # The draft lives in .ccos/ (never synced): a real folder of this user, a new file, no link followed.
    path = safe_state_dir(workspace.root) / f"session-{draft.mentee_id}-{secrets.token_hex(8)}.md"
    editor_command(context.environ, path)  # no editor set: stop before writing the draft
    fd = create_exclusive(path)
    try:
        write_fd(fd, template.encode("utf-8"))
    finally:
        os.close(fd)
    try:
        again = tr("nothing was logged; run the command again, or use {note}").format(note="--note")
        open_in_editor(context.environ, path, again)
        raw = read_regular(path, workspace.display(path))[0]
        try:
            edited = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(
                tr("the note was not saved as UTF-8 text: nothing was logged"),
                tr("save it as UTF-8, or use {note}").format(note="--note"),
            ) from None
    finally:
        path.unlink(missing_ok=True)
    written = note_from_edit(template, edited)
    if written is None:
        raise InvalidInput(
            tr("the note was left empty or unchanged: nothing was logged"),
            tr("write your notes and save, or use {note}").format(note="--note"),
        )
    return written


@app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include graduated mentees.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """List mentees: last session, next due (overdue in red), open action items.

    Example: ccos mentee list --all
    """
    from ccos.capabilities.mentoring.summaries import list_mentees

    context = app_context(ctx)
    today = context.today()
    listed = list_mentees(context.workspace(), today, include_graduated=all_)
    if as_json:
        from ccos.render.json_out import emit

        emit(listed)
        return
    from ccos.capabilities.mentoring.view import print_list
    from ccos.render.console import make_console

    print_list(make_console(), listed.mentees, listed.capacity, today)


@app.command("show")
def show(
    ctx: typer.Context,
    name: NameArgument,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Show a mentee: profile, goals, open action items and session history.

    Example: ccos mentee show 王小明 --json
    """
    from ccos.capabilities.mentoring.summaries import mentee_detail
    from ccos.render.console import make_console, user_text
    from ccos.storage.sealed import damaged_note, machine_identity

    context = app_context(ctx)
    today = context.today()
    workspace = context.workspace()
    detail = mentee_detail(workspace, today, name, machine_identity(context.environ, context.home()))
    errors = make_console(stderr=True)
    for file in detail.damaged:
        errors.print(user_text(damaged_note(file), "warning"))
    if as_json:
        from ccos.render.json_out import emit

        emit(detail)
        return
    from ccos.capabilities.mentoring.view import print_detail

    print_detail(make_console(), detail, today)


@app.command("done")
def done(
    ctx: typer.Context,
    name: NameArgument,
    number: Annotated[int, typer.Argument(help="The open action item's number, as `mentee show` lists it.")],
) -> None:
    """Close an open action item (numbered across the mentee's open items, oldest first).

    Example: ccos mentee done 王小明 1
    """
    from ccos.capabilities.mentoring.logging import close_action
    from ccos.render.console import make_console, user_text

    context = app_context(ctx)
    who, item = close_action(context.workspace(), context.today(), name, number)
    make_console().print(user_text("✓ " + tr("closed for {name}: {item}").format(name=who, item=item.text), "done"))


@app.command("pause")
def pause(
    ctx: typer.Context,
    name: NameArgument,
    until: Annotated[
        str | None, typer.Option("--until", help="When to pick up again (a date); without it, until resumed.")
    ] = None,
) -> None:
    """Pause a mentee: not due, not counted against capacity, until the date or `resume`.

    Example: ccos mentee pause 王小明 --until 2027-01-15
    """
    from ccos.capabilities.mentoring.profiles import pause as pause_mentee
    from ccos.dates import parse_date
    from ccos.render.console import make_console, user_text

    context = app_context(ctx)
    today = context.today()
    until_day = parse_date(until, today, "--until") if until is not None else None
    record = pause_mentee(context.workspace(), today, name, until_day)
    if until_day:
        said = tr("paused {name} until {day}").format(name=record.mentee.name, day=short_day(until_day, today))
    else:
        said = tr("paused {name} until you resume").format(name=record.mentee.name)
    make_console().print(user_text(f"⏸ {said}"))


@app.command("resume")
def resume(ctx: typer.Context, name: NameArgument) -> None:
    """Resume a paused mentee; the cadence counts again from today.

    Example: ccos mentee resume 王小明
    """
    from ccos.capabilities.mentoring.profiles import resume as resume_mentee
    from ccos.render.console import make_console, user_text

    context = app_context(ctx)
    record = resume_mentee(context.workspace(), context.today(), name)
    make_console().print(user_text("▶ " + tr("resumed {name}").format(name=record.mentee.name), "ok"))


@app.command("graduate")
def graduate(ctx: typer.Context, name: NameArgument) -> None:
    """Graduate a mentee: kept with their history, no longer due or counted.

    Example: ccos mentee graduate 王小明
    """
    from ccos.capabilities.mentoring.profiles import graduate as graduate_mentee
    from ccos.render.console import make_console, user_text

    context = app_context(ctx)
    record = graduate_mentee(context.workspace(), context.today(), name)
    make_console().print(user_text("🎓 " + tr("{name} graduated").format(name=record.mentee.name), "ok"))

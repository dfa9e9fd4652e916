"""`ccos community` and `ccos member`: the communities a person is in or builds, and the people they grow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ccos.commands.base import JSON_HELP, CcosTyper, app_context

if TYPE_CHECKING:
    from datetime import date

    from ccos.capabilities.communities.results import Changed
    from ccos.context import AppContext

community_app = CcosTyper(
    help=(
        "Communities you take part in or build: your role, the five stages and their playbooks, metrics.\n\n"
        'Example: ccos community add "Rust Berlin" --role organizer --stage first-members'
    ),
    no_args_is_help=True,
)
member_app = CcosTyper(
    help=(
        "The people you help up the ladder: participant, contributor, organizer, leader.\n\n"
        'Example: ccos member add 李雷 --community "Rust Berlin" --level participant'
    ),
    no_args_is_help=True,
)

CommunityArgument = Annotated[str, typer.Argument(help="The community: id, name or a unique start of either.")]
MemberArgument = Annotated[str, typer.Argument(help="The member: id, name or a unique start of either.")]
DateOption = Annotated[str, typer.Option("--date", help="When (today, yesterday, 2026-11-10); default today.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="A note kept with the step.")]
JsonOption = Annotated[bool, typer.Option("--json", help=JSON_HELP)]


def register(root: CcosTyper) -> None:
    root.add_typer(community_app, name="community")
    root.add_typer(member_app, name="member")


def _day(context: AppContext, value: str) -> date:
    from ccos.dates import parse_date

    return parse_date(value, context.today(), "--date")


def _say(changed: Changed, line: str) -> None:
    from ccos.capabilities.communities.view import print_changed
    from ccos.render.console import make_console

    print_changed(make_console(), line, changed)


# --- community ----------------------------------------------------------------------------


@community_app.command("add")
def community_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Its name, in any script.")],
    role: Annotated[
        str,
        typer.Option("--role", help="Where you stand: participant, contributor, organizer, leader, standard-setter."),
    ] = "participant",
    platform: Annotated[
        str | None, typer.Option("--platform", help="Where it lives (wechat, discord, meetup, ...).")
    ] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage", help="One you build: need, structure, first-members, launch or scaling (its playbook)."
        ),
    ] = None,
    date: DateOption = "today",
) -> None:
    """Add a community you take part in, or one you build (with --stage).

    Example: ccos community add "KubeSphere 北京" --role contributor --platform wechat
    """
    from ccos.capabilities.communities.building import add_community, choice
    from ccos.capabilities.communities.model import MY_ROLES, STAGES
    from ccos.capabilities.communities.words import stage_word
    from ccos.i18n import tr

    context = app_context(ctx)
    chosen_role = choice(role, MY_ROLES, "--role")
    chosen_stage = choice(stage, STAGES, "--stage") if stage is not None else None
    on = _day(context, date)
    changed = add_community(
        context.workspace(), context.today(), name=name, role=chosen_role, platform=platform, stage=chosen_stage, on=on
    )
    line = tr("added {name} ({id}, {role})").format(name=changed.name, id=changed.id, role=stage_word(chosen_role))
    if chosen_stage is not None:
        line += " · " + tr("stage {stage}: {n} tasks from {day}").format(
            stage=stage_word(chosen_stage), n=changed.tasks, day=changed.on
        )
    _say(changed, line)


@community_app.command("stage")
def community_stage(
    ctx: typer.Context,
    ref: CommunityArgument,
    stage: Annotated[str, typer.Argument(help="need, structure, first-members, launch or scaling.")],
    date: DateOption = "today",
    note: NoteOption = None,
) -> None:
    """Move a community you build to a stage: its playbook's tasks, dated from the stage's start.

    Example: ccos community stage "Rust Berlin" launch
    """
    from ccos.capabilities.communities.building import choice, set_stage
    from ccos.capabilities.communities.model import STAGES
    from ccos.capabilities.communities.words import stage_word
    from ccos.i18n import tr

    context = app_context(ctx)
    chosen = choice(stage, STAGES, "STAGE")
    changed = set_stage(context.workspace(), ref, chosen, _day(context, date), note)
    _say(
        changed,
        tr("{name}: stage {stage} from {day} ({n} tasks)").format(
            name=changed.name, stage=stage_word(chosen), day=changed.on, n=changed.tasks
        ),
    )


@community_app.command("step")
def community_step(
    ctx: typer.Context,
    ref: CommunityArgument,
    role: Annotated[str, typer.Argument(help="participant, contributor, organizer, leader or standard-setter.")],
    date: DateOption = "today",
    note: NoteOption = None,
) -> None:
    """Record your own step on a community's ladder.

    Example: ccos community step "KubeSphere 北京" organizer --date 2026-11-10
    """
    from ccos.capabilities.communities.building import choice, step_role
    from ccos.capabilities.communities.model import MY_ROLES
    from ccos.capabilities.communities.words import stage_word
    from ccos.i18n import tr

    context = app_context(ctx)
    chosen = choice(role, MY_ROLES, "ROLE")
    changed = step_role(context.workspace(), ref, chosen, _day(context, date), note)
    _say(
        changed,
        tr("{name}: you are {role} from {day}").format(name=changed.name, role=stage_word(chosen), day=changed.on),
    )


@community_app.command("metrics")
def community_metrics(
    ctx: typer.Context,
    ref: CommunityArgument,
    members: Annotated[int, typer.Option("--members", help="How many members it has.")],
    active: Annotated[int, typer.Option("--active", help="How many of them took part lately.")],
    new: Annotated[int | None, typer.Option("--new", help="How many joined since the last count.")] = None,
    date: DateOption = "today",
    note: NoteOption = None,
) -> None:
    """Record a count of members and active members (one a day; a second replaces it).

    Example: ccos community metrics "Rust Berlin" --members 120 --active 35 --new 12
    """
    from ccos.capabilities.communities.building import add_metrics, count_of
    from ccos.i18n import tr

    context = app_context(ctx)
    count_of(members, "--members")
    count_of(active, "--active")
    count_of(new, "--new")
    changed = add_metrics(
        context.workspace(), ref, members=members, active=active, new=new, on=_day(context, date), note=note
    )
    _say(
        changed,
        tr("{name}: {members} members, {active} active on {day}").format(
            name=changed.name, members=members, active=active, day=changed.on
        ),
    )


@community_app.command("done")
def community_done(
    ctx: typer.Context,
    ref: CommunityArgument,
    number: Annotated[int, typer.Argument(help="The task's number, as `ccos community show` lists it.")],
    date: DateOption = "today",
) -> None:
    """Tick a task of the community's current stage.

    Example: ccos community done "Rust Berlin" 3
    """
    from ccos.capabilities.communities.building import tick_task
    from ccos.i18n import tr

    context = app_context(ctx)
    changed = tick_task(context.workspace(), context.today(), ref, number, _day(context, date))
    _say(changed, tr("{name}: done: {task}").format(name=changed.name, task=changed.what))


@community_app.command("show")
def community_show(ctx: typer.Context, ref: CommunityArgument, as_json: JsonOption = False) -> None:
    """Show a community: its stage and tasks, the members trend, your role history, its people.

    Example: ccos community show "Rust Berlin"
    """
    from ccos.capabilities.communities.overview import community_detail

    context = app_context(ctx)
    detail = community_detail(context.workspace(), context.today(), ref)
    if as_json:
        from ccos.render.json_out import emit

        emit(detail)
        return
    from ccos.capabilities.communities.view import print_community
    from ccos.render.console import make_console

    print_community(make_console(), detail)


@community_app.command("list")
def community_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List your communities: your role, the stage and its tasks, the latest count.

    Example: ccos community list
    """
    from ccos.capabilities.communities.overview import community_rows

    context = app_context(ctx)
    rows = community_rows(context.workspace(), context.today())
    if as_json:
        from ccos.render.json_out import emit

        emit({"today": context.today().isoformat(), "communities": rows})
        return
    from ccos.capabilities.communities.view import print_communities
    from ccos.render.console import make_console

    print_communities(make_console(), rows)


# --- member -------------------------------------------------------------------------------


@member_app.command("add")
def member_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Their name, in any script.")],
    community: Annotated[str, typer.Option("--community", help="The community they belong to (it must exist).")],
    level: Annotated[
        str, typer.Option("--level", help="participant (default), contributor, organizer or leader.")
    ] = "participant",
    met: Annotated[str | None, typer.Option("--met", help="The event where you met them.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note about them.")] = None,
    date: DateOption = "today",
) -> None:
    """Add a member of one of your communities.

    Example: ccos member add 李雷 --community "Rust Berlin" --level participant --met rust-meetup-12
    """
    from ccos.capabilities.communities.building import choice
    from ccos.capabilities.communities.model import LEVELS
    from ccos.capabilities.communities.people import add_member
    from ccos.capabilities.communities.words import stage_word
    from ccos.i18n import tr

    context = app_context(ctx)
    chosen = choice(level, LEVELS, "--level")
    changed = add_member(
        context.workspace(), name=name, community=community, level=chosen, met=met, note=note, on=_day(context, date)
    )
    _say(
        changed,
        tr("added {name} ({id}) to {community} as {level}").format(
            name=changed.name, id=changed.id, community=changed.where, level=stage_word(chosen)
        ),
    )


@member_app.command("step")
def member_step(
    ctx: typer.Context,
    ref: MemberArgument,
    level: Annotated[str, typer.Argument(help="participant, contributor, organizer or leader.")],
    date: DateOption = "today",
    why: Annotated[str | None, typer.Option("--why", help='What brought the step ("first talk").')] = None,
) -> None:
    """Record a member's step on the ladder (a step back is recorded too, and said).

    Example: ccos member step 李雷 contributor --why "first talk"
    """
    from ccos.capabilities.communities.building import choice
    from ccos.capabilities.communities.model import LEVELS
    from ccos.capabilities.communities.people import step_member
    from ccos.capabilities.communities.words import stage_word
    from ccos.i18n import tr

    context = app_context(ctx)
    chosen = choice(level, LEVELS, "LEVEL")
    changed = step_member(context.workspace(), ref, chosen, _day(context, date), why)
    _say(changed, tr("{name}: {level} from {day}").format(name=changed.name, level=stage_word(chosen), day=changed.on))


@member_app.command("honour")
def member_honour(
    ctx: typer.Context,
    ref: MemberArgument,
    title: Annotated[str, typer.Argument(help='The honour: "talented speaker", ambassador, contributor, ...')],
    date: DateOption = "today",
) -> None:
    """Give a member an honour title (seed 001: contributor, member, talented speaker, ambassador).

    Example: ccos member honour 李雷 "talented speaker"
    """
    from ccos.capabilities.communities.people import honour_member
    from ccos.i18n import tr

    context = app_context(ctx)
    changed = honour_member(context.workspace(), ref, title, _day(context, date))
    _say(changed, tr("{name}: honour {title} on {day}").format(name=changed.name, title=changed.what, day=changed.on))


@member_app.command("met")
def member_met(
    ctx: typer.Context,
    ref: MemberArgument,
    event: Annotated[str, typer.Argument(help="The event they came to (its id or name).")],
) -> None:
    """Record an event a member came to (coming back after a first event counts in the metrics).

    Example: ccos member met 李雷 rust-meetup-13
    """
    from ccos.capabilities.communities.people import attended
    from ccos.i18n import tr

    context = app_context(ctx)
    changed = attended(context.workspace(), ref, event)
    _say(changed, tr("{name}: came to {event}").format(name=changed.name, event=changed.what))


@member_app.command("list")
def member_list(
    ctx: typer.Context,
    community: Annotated[str | None, typer.Option("--community", help="Only this community's members.")] = None,
    level: Annotated[str | None, typer.Option("--level", help="Only members at this level.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List members: their community, level and since when.

    Example: ccos member list --community "Rust Berlin" --level contributor
    """
    from ccos.capabilities.communities.building import choice
    from ccos.capabilities.communities.model import LEVELS
    from ccos.capabilities.communities.overview import member_rows

    context = app_context(ctx)
    chosen = choice(level, LEVELS, "--level") if level is not None else None
    rows = member_rows(context.workspace(), community, chosen)
    if as_json:
        from ccos.render.json_out import emit

        emit({"today": context.today().isoformat(), "members": rows})
        return
    from ccos.capabilities.communities.view import print_members
    from ccos.render.console import make_console

    print_members(make_console(), rows)


@member_app.command("show")
def member_show(ctx: typer.Context, ref: MemberArgument, as_json: JsonOption = False) -> None:
    """Show a member: their way up the ladder, honours, events, notes.

    Example: ccos member show 李雷
    """
    from ccos.capabilities.communities.overview import member_detail

    context = app_context(ctx)
    detail = member_detail(context.workspace(), ref)
    if as_json:
        from ccos.render.json_out import emit

        emit(detail)
        return
    from ccos.capabilities.communities.view import print_member
    from ccos.render.console import make_console

    print_member(make_console(), detail)

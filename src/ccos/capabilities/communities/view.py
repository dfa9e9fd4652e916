"""Communities and members on screen: the lists, a community's stage and growth, a member's way up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.capabilities.communities.words import stage_word
from ccos.i18n import tr
from ccos.render.console import hours, name_column, user_text

if TYPE_CHECKING:
    from ccos.capabilities.communities.results import (
        Changed,
        CommunityDetail,
        CommunityRow,
        MemberDetail,
        MemberRow,
        Step,
    )


def bare(translated: str) -> str:
    """A word whose msgid carries a context ("column|task"): English drops it."""
    return translated.split("|", 1)[-1]


MARKS = {"done": ("✓", "ok"), "overdue": ("!", "overdue"), "open": ("○", "")}


def _table() -> Table:
    return Table(show_header=True, header_style="heading", box=None, pad_edge=False, padding=(0, 1))


def print_changed(console: Console, line: str, changed: Changed) -> None:
    """`+ text` and then each note, muted."""
    console.print(user_text("+ " + line, "ok"))
    for note in changed.notes:
        console.print(user_text("  " + tr("note: {text}").format(text=note), "muted"))


def print_communities(console: Console, rows: Sequence[CommunityRow]) -> None:
    if not rows:
        console.print(
            Text(tr("No communities yet. Add one: ccos community add NAME --role contributor"), style="muted")
        )
        return
    table = _table()
    name_column(table, tr("community"))
    table.add_column(tr("my role"), no_wrap=True)
    table.add_column(tr("stage"), no_wrap=True)
    table.add_column(tr("tasks"), justify="right", no_wrap=True)
    table.add_column(tr("members"), justify="right", no_wrap=True)
    table.add_column(tr("people"), justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            user_text(row.name),
            stage_word(row.role),
            stage_word(row.stage) if row.stage else "—",
            f"{row.tasks_done}/{row.tasks}" if row.tasks else "—",
            f"{row.members}/{row.active}" if row.members is not None else "—",
            str(row.people),
        )
    console.print(table)
    console.print(Text(tr("members: all/active, from the latest count"), style="muted"))


def _history(console: Console, heading: str, steps: Sequence[Step]) -> None:
    console.print(Text(heading, style="heading"))
    for step in steps:
        line = Text(f"  {step.on}  ")
        line.append_text(user_text(stage_word(step.to)))
        if step.note:
            line.append_text(user_text(f"  ({step.note})", "muted"))
        console.print(line)


def print_community(console: Console, detail: CommunityDetail) -> None:
    head = user_text(detail.name, "heading")
    facts = [detail.id, stage_word(detail.role)]
    if detail.platform:
        facts.append(detail.platform)
    head.append_text(user_text("  " + " · ".join(facts), "muted"))
    console.print(head)
    if detail.stage is not None:
        console.print()
        stage = tr("Stage: {stage}").format(stage=stage_word(detail.stage))
        console.print(Text(stage, style="heading"))
        if detail.stage_goal:
            console.print(user_text("  " + detail.stage_goal, "muted"))
    if detail.tasks:
        table = _table()
        times = [hours(task.hours) for task in detail.tasks]
        time_width = max(cell_len(text) for text in [tr("time"), *times])
        # the other columns' widths and padding: the task's text takes the rest, cut with an ellipsis
        room = max(20, console.width - 4 - 11 - time_width - 6)
        table.add_column("", no_wrap=True, min_width=4)
        table.add_column(bare(tr("column|task")), no_wrap=True, overflow="ellipsis", max_width=room)
        table.add_column(tr("when"), no_wrap=True, min_width=11)
        table.add_column(tr("time"), justify="right", no_wrap=True, min_width=time_width)
        for task, time in zip(detail.tasks, times, strict=True):
            mark, style = MARKS.get(task.status, ("○", ""))
            when = task.date[5:] + (f"–{task.end[5:]}" if task.end else "")
            table.add_row(Text(f"{task.number:>2} {mark}", style=style), user_text(task.text), when, time)
        console.print(table)
    growth = detail.growth
    console.print()
    console.print(Text(tr("Growth ({quarter})").format(quarter=growth.quarter), style="heading"))
    if growth.trend:
        points = ", ".join(f"{day[5:]} {members}/{active}" for day, members, active in growth.trend)
        console.print(user_text("  " + tr("members/active: {points}").format(points=points)))
    else:
        console.print(Text("  " + tr("no counts yet"), style="muted"))
    for label, names in (
        (tr("moved up this quarter: {n}"), growth.moved_up),
        (tr("came back after a first event: {n}"), growth.came_back),
        (tr("co-organisers and successors: {n}"), growth.successors),
    ):
        line = "  " + label.format(n=len(names)) + ("  " + ", ".join(names) if names else "")
        console.print(user_text(line))
    console.print(user_text("  " + tr("honours given: {n}").format(n=growth.honours)))
    console.print()
    _history(console, tr("My role"), detail.roles)
    if detail.stages:
        _history(console, tr("Stages"), detail.stages)
    console.print()
    console.print(Text(tr("People"), style="heading"))
    if not detail.people:
        console.print(
            Text("  " + tr("none yet: add one with `{command}`").format(command="ccos member add"), style="muted")
        )
    for person in detail.people:
        row = Text("  ")
        row.append_text(user_text(person.name))
        row.append(f"  {stage_word(person.level)} · {person.since}", style="muted")
        if person.honours:
            row.append_text(user_text("  " + ", ".join(person.honours)))
        console.print(row)


def print_members(console: Console, rows: Sequence[MemberRow]) -> None:
    if not rows:
        console.print(Text(tr("No members yet. Add one: ccos member add NAME --community C"), style="muted"))
        return
    table = _table()
    name_column(table, tr("member"))
    table.add_column(tr("community"), no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column(tr("level"), no_wrap=True)
    table.add_column(tr("since"), no_wrap=True)
    table.add_column(tr("events"), justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            user_text(row.name), user_text(row.community_name), stage_word(row.level), row.since, str(row.events)
        )
    console.print(table)


def print_member(console: Console, detail: MemberDetail) -> None:
    head = user_text(detail.name, "heading")
    head.append_text(user_text(f"  {detail.id} · {detail.community_name} · {stage_word(detail.level)}", "muted"))
    console.print(head)
    console.print()
    _history(console, tr("Ladder"), detail.levels)
    if detail.honours:
        console.print(Text(tr("Honours"), style="heading"))
        for honour in detail.honours:
            console.print(user_text(f"  {honour.on}  {honour.to}"))
    if detail.events:
        console.print(Text(tr("Events"), style="heading"))
        console.print(user_text("  " + ", ".join(detail.events)))
    if detail.notes:
        console.print(Text(tr("Notes"), style="heading"))
        for note in detail.notes:
            console.print(user_text(f"  • {note}"))
    if detail.mentee:
        console.print(user_text(tr("mentee record: {id}").format(id=detail.mentee), "muted"))

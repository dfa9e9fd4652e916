"""Mentees: the list (last session, next due, overdue in red, open items) and one profile."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.capabilities.mentoring.rules import note_summary
from ccos.dates import format_minutes, short_day
from ccos.i18n import tr
from ccos.render.console import name_column, user_text
from ccos.words import count

if TYPE_CHECKING:
    from ccos.capabilities.mentoring.rules import Capacity
    from ccos.capabilities.mentoring.summaries import MenteeDetail, MenteeSummary


def bare(translated: str) -> str:
    """A word whose msgid carries a context ("format|group": the bare word "group" is also the
    singular of a counted noun, and gettext keeps one entry per msgid): English drops it."""
    return translated.split("|", 1)[-1]


def format_word(format: str) -> str:
    """A mentee's format as the person reads it (the value stays English in files and --json)."""
    words = {
        "one-on-one": bare(tr("format|one-on-one")),
        "group": bare(tr("format|group")),
        "async": bare(tr("format|async")),
    }
    return words.get(format, format)


def _state(summary: MenteeSummary, today: date | None = None) -> Text:
    if summary.status == "graduated":
        return Text(tr("graduated"), style="muted")
    if summary.paused:
        if summary.paused_until:
            return Text(tr("paused until {day}").format(day=short_day(summary.paused_until, today)), style="muted")
        return Text(tr("paused"), style="muted")
    return Text(tr("active"), style="ok")


def _due(summary: MenteeSummary, today: date) -> Text:
    if summary.next_due is None:
        return Text("—", style="muted")
    if summary.overdue:
        # i18n: short, it fits an 80-column table: "2026-10-25 overdue 24d"
        late = tr("{day} overdue {n}d").format(day=short_day(summary.next_due, today), n=summary.days_overdue)
        return Text(late, style="overdue")
    style = "near" if summary.next_due <= today else ""
    return Text(short_day(summary.next_due, today), style=style)


def capacity_line(capacity: Capacity) -> Text:
    line = Text(tr("Capacity") + "  ")
    line.append(
        tr("{load} of {maximum} ({one_on_one} 1:1, {groups})").format(
            load=capacity.load,
            maximum=count(capacity.maximum, "active mentee", "active mentees"),
            one_on_one=capacity.one_on_one,
            groups=count(capacity.groups, "group", "groups"),
        ),
        style="over" if capacity.over else "ok",
    )
    return line


def print_list(console: Console, summaries: Sequence[MenteeSummary], capacity: Capacity, today: date) -> None:
    if not summaries:
        console.print(Text(tr("No mentees yet. Add one: ccos mentee add NAME --cadence 2/month"), style="muted"))
        return
    table = Table(show_header=True, header_style="heading", box=None, pad_edge=False, padding=(0, 1))
    name_column(table, bare(tr("column|mentee")))
    table.add_column(tr("format"), no_wrap=True, style="muted")
    table.add_column(tr("cadence"), no_wrap=True)
    table.add_column(tr("status"), no_wrap=True)
    table.add_column(tr("last"), no_wrap=True)
    table.add_column(tr("next due"), no_wrap=True)
    # i18n: the column of open action items (a number per mentee): keep it short
    table.add_column(bare(tr("column|open")), justify="right", no_wrap=True)
    for summary in summaries:
        table.add_row(
            user_text(summary.name),  # the id is in `mentee show`; a name prefix works as a reference
            format_word(summary.format),
            user_text(summary.cadence or "—"),
            _state(summary, today),
            short_day(summary.last_session, today) if summary.last_session else "—",
            _due(summary, today),
            str(len(summary.open_actions)) if summary.open_actions else "",
        )
    console.print(table)
    console.print()
    console.print(capacity_line(capacity))


def print_detail(console: Console, detail: MenteeDetail, today: date) -> None:
    summary = detail.mentee
    head = user_text(summary.name, "heading")
    head.append(f"  {summary.id} · {format_word(summary.format)}", style="muted")
    head.append("  ")
    head.append_text(_state(summary, today))
    console.print(head)
    facts = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
    facts.add_column("key", style="muted", no_wrap=True)
    facts.add_column("value", overflow="fold")
    facts.add_row(tr("since"), short_day(summary.since, today))
    facts.add_row(tr("cadence"), user_text(summary.cadence or tr("— (no cadence)")))
    facts.add_row(bare(tr("field|session")), format_minutes(summary.session_minutes))
    last = short_day(summary.last_session, today) if summary.last_session else tr("none yet")
    facts.add_row(tr("last session"), last)
    facts.add_row(tr("next due"), _due(summary, today))
    if summary.upcoming:
        facts.add_row(tr("planned"), ", ".join(short_day(d, today) for d in summary.upcoming))
    if summary.members:
        facts.add_row(tr("members"), user_text(", ".join(summary.members)))
    if summary.contact:
        facts.add_row(tr("contact"), user_text(summary.contact))
    facts.add_row(
        tr("this month"),
        tr("{sessions}, {time}").format(
            sessions=count(summary.sessions_this_month, "session", "sessions"),
            time=format_minutes(summary.minutes_this_month),
        ),
    )
    console.print(facts)
    if summary.goals:
        console.print()
        console.print(Text(tr("Goals"), style="heading"))
        for goal in summary.goals:
            console.print(user_text(f"  • {goal}"))
    console.print()
    console.print(Text(tr("Open action items"), style="heading"))
    if not summary.open_actions:
        console.print(Text("  " + tr("none"), style="muted"))
    for item in summary.open_actions:
        line = Text(f"  {item.number}. ")
        line.append_text(user_text(item.text))
        line.append(f"  ({short_day(item.date, today)})", style="muted")
        console.print(line)
    console.print()
    console.print(Text(tr("History ({n} held)").format(n=summary.sessions_total), style="heading"))
    if not detail.sessions:
        console.print(Text("  " + tr("no sessions yet"), style="muted"))
    for session in reversed(detail.sessions):
        line = Text(f"  {short_day(session.date, today)}")
        if session.time:
            line.append(f" {session.time}")
        line.append(f"  {format_minutes(session.minutes)}", style="muted")
        if session.status == "planned":
            line.append("  " + tr("planned"), style="near")
        if session.topics:
            line.append("  ")
            line.append_text(user_text(" · ".join(session.topics)))
        console.print(line)
        for action in session.actions:
            mark = "✓" if action.state == "done" else "○"
            console.print(user_text(f"      {mark} {action.text}", "muted" if action.state == "done" else ""))
        summary_line = note_summary(session.notes)
        if summary_line is not None:
            first, more = summary_line
            console.print(user_text(f"      {first}{' …' if more else ''}", "muted"))

"""Checklists on the terminal: numbered items and a progress bar per period."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.capabilities.checklists.results import Carried, ChecklistView, ItemChange
from ccos.dates import format_minutes
from ccos.render.console import bar, user_text

SCOPE_TITLES = {"week": "This week", "month": "This month", "quarter": "This quarter"}


def checklist_heading(checklist: ChecklistView, title: str | None = None) -> Text:
    heading = Text(f"{title or checklist.scope.capitalize()} · {checklist.period}  ", style="heading")
    heading.append_text(bar(checklist.done, checklist.total, 16))
    heading.append(f" {checklist.done}/{checklist.total}")
    if not checklist.saved and checklist.items:
        heading.append("  (from template)", style="muted")
    return heading


def checklist_table(checklist: ChecklistView) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1), expand=False)
    table.add_column("n", justify="right", style="muted", no_wrap=True)
    table.add_column("box", no_wrap=True)
    table.add_column("text", overflow="fold")
    table.add_column("time", justify="right", style="muted", no_wrap=True)
    for number, item in enumerate(checklist.items, start=1):
        box = Text("[x]", style="done") if item.done else Text("[ ]")
        text = user_text(item.text, "muted" if item.done else "")
        if item.carried_from:
            text.append(f"  ↻ {item.carried_from}", style="muted")
        table.add_row(str(number), box, text, format_minutes(item.minutes))
    if not checklist.items:
        table.add_row("", "", Text("no items", style="muted"), "")
    return table


def print_checklists(console: Console, checklists: Sequence[ChecklistView]) -> None:
    for index, checklist in enumerate(checklists):
        if index:
            console.print()
        title = SCOPE_TITLES.get(checklist.scope) if len(checklists) > 1 else None
        console.print(checklist_heading(checklist, title))
        console.print(checklist_table(checklist))


def print_toggled(console: Console, change: ItemChange, done: bool) -> None:
    line = user_text(f"{'✓ ticked' if done else '○ unticked'}: {change.item.text}", "done" if done else "")
    checklist = change.checklist
    line.append(f"  ({checklist.period}: {checklist.done}/{checklist.total} done)", style="muted")
    console.print(line)


def print_added(console: Console, change: ItemChange) -> None:
    console.print(user_text(f"+ added as item {change.number} of {change.checklist.period}: {change.item.text}"))


def print_removed(console: Console, change: ItemChange) -> None:
    console.print(user_text(f"- removed from {change.checklist.period}: {change.item.text}"))


def print_carried(console: Console, carried: Carried) -> None:
    checklist = carried.checklist
    if not carried.items:
        console.print(
            user_text(
                f"Nothing to carry into {checklist.period}: last {checklist.scope}'s list is done or already carried.",
                "muted",
            )
        )
        return
    console.print(user_text(f"Carried {len(carried.items)} unfinished item(s) into {checklist.period}:"))
    for item in carried.items:
        console.print(user_text(f"  ↻ {item.text}"))

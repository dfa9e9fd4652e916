"""Checklists on the terminal: numbered items and a progress bar per period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.capabilities.checklists.model import ChecklistItem
from ccos.capabilities.checklists.results import Carried, ChecklistView, ItemChange, KickoffView
from ccos.dates import format_minutes, human_day
from ccos.render.console import bar, user_text
from ccos.words import count

SCOPE_TITLES = {"week": "This week", "month": "This month", "quarter": "This quarter"}


def checklist_heading(checklist: ChecklistView, title: str | None = None) -> Text:
    heading = Text(f"{title or checklist.scope.capitalize()} · {checklist.period}  ", style="heading")
    heading.append_text(bar(checklist.done, checklist.total, 16))
    heading.append(f" {checklist.done}/{checklist.total}")
    if not checklist.saved and checklist.items:
        heading.append("  (from template)", style="muted")
    return heading


KIND_WORDS = {"sharing": "a sharing piece", "event": "an event", "session": "a mentoring session"}


def link_text(item: ChecklistItem) -> str | None:
    """What the item is about, in words: `for Title` (a --for link), or the kind of real
    thing a template item is done by (`done by a sharing piece`)."""
    if item.for_:
        return f"for {item.for_}"
    if item.about:
        kind, _, rest = item.about.partition(":")
        words = KIND_WORDS.get(kind, kind)
        return f"done by {words}" if not rest else f"for {item.about}"
    return None


def _item_text(item: ChecklistItem) -> Text:
    text = user_text(item.text, "muted" if item.done else "")
    if item.carried_from:
        text.append(f"  ↻ {item.carried_from}", style="muted")
    link = link_text(item)
    if link:
        text.append(f"  → {link}", style="muted")
    return text


def checklist_table(checklist: ChecklistView) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1), expand=False)
    table.add_column("n", justify="right", style="muted", no_wrap=True)
    table.add_column("box", no_wrap=True)
    table.add_column("text", overflow="fold")
    table.add_column("time", justify="right", style="muted", no_wrap=True)
    for number, item in enumerate(checklist.items, start=1):
        box = Text("[x]", style="done") if item.done else Text("[ ]")
        table.add_row(str(number), box, _item_text(item), format_minutes(item.minutes))
    if not checklist.items:
        table.add_row("", "", Text("no items", style="muted"), "")
    return table


def kickoff_heading(kickoff: KickoffView, today: date | None = None) -> Text:
    heading = Text(f"Kick-off · since {human_day(kickoff.started, today)}  ", style="heading")
    heading.append_text(bar(kickoff.done, kickoff.total, 16))
    heading.append(f" {kickoff.done}/{kickoff.total}")
    if kickoff.done == kickoff.total and kickoff.total:
        heading.append("  done: it does not come back", style="muted")
    return heading


def kickoff_table(kickoff: KickoffView, today: date | None = None) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1), expand=False)
    table.add_column("n", justify="right", style="muted", no_wrap=True)
    table.add_column("box", no_wrap=True)
    table.add_column("text", overflow="fold")
    table.add_column("time", justify="right", style="muted", no_wrap=True)
    table.add_column("week", style="muted", no_wrap=True)
    for number, (item, week) in enumerate(zip(kickoff.items, kickoff.weeks, strict=True), start=1):
        box = Text("[x]", style="done") if item.done else Text("[ ]")
        when = (human_day(item.done_on, today) if item.done_on else "done") if item.done else f"from {week}"
        table.add_row(str(number), box, _item_text(item), format_minutes(item.minutes), when)
    if not kickoff.items:
        table.add_row("", "", Text("no items", style="muted"), "", "")
    return table


def print_kickoff(console: Console, kickoff: KickoffView) -> None:
    console.print(kickoff_heading(kickoff, kickoff.today))
    console.print(kickoff_table(kickoff, kickoff.today))


def print_checklists(console: Console, checklists: Sequence[ChecklistView], kickoff: KickoffView | None = None) -> None:
    """The lists; the kick-off list first while it has open items."""
    if kickoff is not None and kickoff.done < kickoff.total:
        print_kickoff(console, kickoff)
        console.print()
    for index, checklist in enumerate(checklists):
        if index:
            console.print()
        title = SCOPE_TITLES.get(checklist.scope) if len(checklists) > 1 else None
        console.print(checklist_heading(checklist, title))
        console.print(checklist_table(checklist))


def _list_name(checklist: ChecklistView | KickoffView) -> str:
    return checklist.period if isinstance(checklist, ChecklistView) else "the kick-off list"


def print_toggled(console: Console, change: ItemChange, done: bool) -> None:
    line = user_text(f"{'✓ ticked' if done else '○ unticked'}: {change.item.text}", "done" if done else "")
    checklist = change.checklist
    line.append(f"  ({_list_name(checklist)}: {checklist.done}/{checklist.total} done)", style="muted")
    console.print(line)


def print_added(console: Console, change: ItemChange) -> None:
    line = user_text(f"+ added as item {change.number} of {_list_name(change.checklist)}: {change.item.text}")
    link = link_text(change.item)
    if link:
        line.append(f"  → {link}", style="muted")
    console.print(line)


def print_removed(console: Console, change: ItemChange) -> None:
    console.print(user_text(f"- removed from {_list_name(change.checklist)}: {change.item.text}"))


def _nothing_carried(carried: Carried) -> str:
    scope, previous = carried.checklist.scope, carried.previous
    current = carried.checklist.period
    if carried.reason == "unsaved":
        return (
            f"Nothing to carry into {current}: last {scope}'s list ({previous}) was never saved, so nothing "
            f"of it was ticked or changed; {current}'s list starts from the template."
        )
    if carried.reason == "empty":
        return f"Nothing to carry into {current}: last {scope}'s list ({previous}) had no items."
    if carried.reason == "done":
        tally = f"{carried.previous_done}/{carried.previous_total}"
        return f"Nothing to carry into {current}: last {scope}'s list ({previous}) is done ({tally})."
    unfinished = count(carried.previous_total - carried.previous_done, "unfinished item", "unfinished items")
    return f"Nothing to carry into {current}: the {unfinished} of {previous} are already on its list."


def print_carried(console: Console, carried: Carried) -> None:
    checklist = carried.checklist
    if not carried.items:
        console.print(user_text(_nothing_carried(carried), "muted"))
        return
    what = count(len(carried.items), "unfinished item", "unfinished items")
    console.print(user_text(f"Carried {what} into {checklist.period}:"))
    for item in carried.items:
        console.print(user_text(f"  ↻ {item.text}"))

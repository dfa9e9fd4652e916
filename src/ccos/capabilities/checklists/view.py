"""Checklists on the terminal: numbered items and a progress bar per period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.capabilities.checklists.model import ChecklistItem
from ccos.capabilities.checklists.results import Carried, ChecklistView, ItemChange, KickoffView
from ccos.dates import Period, format_minutes, human_day, period_label, period_start
from ccos.i18n import tr
from ccos.render.console import bar, user_text
from ccos.words import count


def scope_titles() -> dict[str, str]:
    """The heading of each list when several are shown (in the current language)."""
    return {"week": tr("This week"), "month": tr("This month"), "quarter": tr("This quarter")}


def scope_names() -> dict[str, str]:
    """The heading of one list shown alone."""
    return {"week": tr("Week"), "month": tr("Month"), "quarter": tr("Quarter")}


def _period(period_id: str) -> str:
    """A list's period as a person reads it ("2026-W47", zh "2026年第47周"); the id if odd."""
    period = Period.from_id(period_id)
    return period_label(period) if period is not None else period_id


def checklist_heading(checklist: ChecklistView, title: str | None = None) -> Text:
    name = title or scope_names().get(checklist.scope, checklist.scope.capitalize())
    heading = Text(f"{name} · {_period(checklist.period)}  ", style="heading")
    heading.append_text(bar(checklist.done, checklist.total, 16))
    heading.append(f" {checklist.done}/{checklist.total}")
    if not checklist.saved and checklist.items:
        heading.append("  " + tr("(from template)"), style="muted")
    return heading


def _done_by(kind: str) -> str | None:
    """`done by <the kind of thing>` as one sentence per kind (word order differs)."""
    words = {
        "sharing": tr("done by a sharing piece"),
        "event": tr("done by an event"),
        "session": tr("done by a mentoring session"),
    }
    return words.get(kind)


def link_text(item: ChecklistItem) -> str | None:
    """What the item is about, in words: `for Title` (a --for link), or the kind of real
    thing a template item is done by (`done by a sharing piece`)."""
    if item.for_:
        return tr("for {name}").format(name=item.for_)
    if item.about:
        kind, _, rest = item.about.partition(":")
        if rest:
            return tr("for {name}").format(name=item.about)
        return _done_by(kind) or tr("done by {what}").format(what=kind)
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
        table.add_row("", "", Text(tr("no items"), style="muted"), "")
    return table


def kickoff_heading(kickoff: KickoffView, today: date | None = None) -> Text:
    heading = Text(tr("Kick-off · since {day}").format(day=human_day(kickoff.started, today)) + "  ", style="heading")
    heading.append_text(bar(kickoff.done, kickoff.total, 16))
    heading.append(f" {kickoff.done}/{kickoff.total}")
    if kickoff.done == kickoff.total and kickoff.total:
        heading.append("  " + tr("done: it does not come back"), style="muted")
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
        if item.done:
            when = human_day(item.done_on, today) if item.done_on else tr("done")
        else:
            started = Period.from_id(week) if week else None
            when = tr("from {week}").format(week=period_start(started, today) if started else week)
        table.add_row(str(number), box, _item_text(item), format_minutes(item.minutes), when)
    if not kickoff.items:
        table.add_row("", "", Text(tr("no items"), style="muted"), "", "")
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
        title = scope_titles().get(checklist.scope) if len(checklists) > 1 else None
        console.print(checklist_heading(checklist, title))
        console.print(checklist_table(checklist))


def _list_name(checklist: ChecklistView | KickoffView) -> str:
    return _period(checklist.period) if isinstance(checklist, ChecklistView) else tr("the kick-off list")


def print_toggled(console: Console, change: ItemChange, done: bool) -> None:
    said = tr("✓ ticked: {text}") if done else tr("○ unticked: {text}")
    line = user_text(said.format(text=change.item.text), "done" if done else "")
    checklist = change.checklist
    tally = tr("({list}: {done}/{total} done)").format(
        list=_list_name(checklist), done=checklist.done, total=checklist.total
    )
    line.append("  " + tally, style="muted")
    console.print(line)


def print_added(console: Console, change: ItemChange) -> None:
    said = tr("+ added as item {number} of {list}: {text}")
    line = user_text(said.format(number=change.number, list=_list_name(change.checklist), text=change.item.text))
    link = link_text(change.item)
    if link:
        line.append(f"  → {link}", style="muted")
    console.print(line)


def print_removed(console: Console, change: ItemChange) -> None:
    said = tr("- removed from {list}: {text}")
    console.print(user_text(said.format(list=_list_name(change.checklist), text=change.item.text)))


def _nothing_carried(carried: Carried) -> str:
    scope, previous = carried.checklist.scope, carried.previous
    current = carried.checklist.period
    # i18n: one sentence per scope: "last week's list", "last month's list"...
    last = {"week": tr("last week's list"), "month": tr("last month's list"), "quarter": tr("last quarter's list")}
    fields = {"current": current, "previous": previous, "last": last.get(scope, scope)}
    if carried.reason == "unsaved":
        return tr(
            "Nothing to carry into {current}: {last} ({previous}) was never saved, so nothing "
            "of it was ticked or changed; {current}'s list starts from the template."
        ).format(**fields)
    if carried.reason == "empty":
        return tr("Nothing to carry into {current}: {last} ({previous}) had no items.").format(**fields)
    if carried.reason == "done":
        tally = f"{carried.previous_done}/{carried.previous_total}"
        return tr("Nothing to carry into {current}: {last} ({previous}) is done ({tally}).").format(
            tally=tally, **fields
        )
    unfinished = count(carried.previous_total - carried.previous_done, "unfinished item", "unfinished items")
    return tr("Nothing to carry into {current}: the {unfinished} of {previous} are already on its list.").format(
        unfinished=unfinished, **fields
    )


def print_carried(console: Console, carried: Carried) -> None:
    checklist = carried.checklist
    if not carried.items:
        console.print(user_text(_nothing_carried(carried), "muted"))
        return
    what = count(len(carried.items), "unfinished item", "unfinished items")
    console.print(user_text(tr("Carried {what} into {period}:").format(what=what, period=checklist.period)))
    for item in carried.items:
        console.print(user_text(f"  ↻ {item.text}"))

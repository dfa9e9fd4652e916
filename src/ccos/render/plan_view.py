"""`ccos plan`: the items of a period with hours, the budget gauge, the defer advice, warnings.

A past period is shown as what happened (what was done, on its day; what was left open);
a current or future one as the plan, with the few items to defer and the week each can go to.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.dates import Period, human_day
from ccos.models.plan import Plan, PlanItem
from ccos.planning.planner import LOOK_AHEAD_WEEKS
from ccos.render.console import gauge, hours, name_column, user_text
from ccos.render.warnings_view import print_warnings
from ccos.words import count

STATUS_STYLES = {"done": "done", "overdue": "overdue", "open": "", "planned": "", "unrecorded": "overdue"}
STATUS_WORDS = {"unrecorded": "not recorded"}
TYPE_WORDS = {"sharing": "sharing", "session": "mentoring", "event": "event", "event_task": "event task"}
SCOPE_WORDS = {"week": "week list", "month": "month list", "quarter": "quarter list"}
SHOWN_DEFERRED = 5  # a longer list is cut, saying how many more (the JSON carries them all)


def what(item: PlanItem) -> str:
    """The `what` column in words: "week list", "mentoring", "event task"."""
    if item.type == "checklist":
        parts = item.id.split(":")
        period = Period.from_id(parts[1]) if len(parts) > 2 else None
        if period is not None:
            return SCOPE_WORDS[period.kind]
        return "kick-off" if parts[1:2] == ["kickoff"] else "list"
    return TYPE_WORDS.get(item.type, item.type.replace("_", " "))


def when(item: PlanItem, shown: Plan) -> str:
    """The date column: a dated item's day; spread work "by <day>" when it ends within the
    shown period, else the span it belongs to ("this month", "this quarter", "by <day>")."""
    period = shown.period
    today = shown.today
    if item.date is None:
        return ""
    if item.end is None:
        return human_day(item.date, today)
    end = item.end
    if period.start <= end <= period.end:
        return f"by {human_day(end, today)}"
    if item.start is not None:
        for kind in ("week", "month", "quarter"):
            span = Period.containing(kind, item.start)
            if span.start == item.start and span.end == end:
                return f"this {kind}" if span.start <= period.end and span.end >= period.start else f"in {span.id}"
    return f"by {human_day(end, today)}"


def _title(item: PlanItem, titles: dict[str, str]) -> Text:
    """The title, and what it is counted with: both in the one column that may be cut (the
    short columns never are)."""
    text = user_text(item.title)
    if item.counted_with is not None:
        text.append(" · with ", style="muted")
        text.append_text(user_text(titles.get(item.counted_with, item.counted_with), "muted"))
    return text


def _status(item: PlanItem) -> Text:
    text = Text(STATUS_WORDS.get(item.status, item.status), style=STATUS_STYLES.get(item.status, ""))
    if not item.fits:
        text.append(f" → {item.defer_to}" if item.defer_to else " → defer", style="over")
    return text


def _table(plan: Plan, items: list[PlanItem], titles: dict[str, str]) -> Table:
    # expand: the title column takes what the short columns leave (else Rich shrinks them all)
    table = Table(show_header=True, header_style="heading", box=None, pad_edge=False, padding=(0, 1), expand=True)
    table.add_column("when", no_wrap=True)
    table.add_column("what", no_wrap=True, style="muted")
    name_column(table, "title")
    table.add_column("hours", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for item in items:
        table.add_row(when(item, plan), what(item), _title(item, titles), f"{item.hours:.1f}", _status(item))
    return table


def print_plan(console: Console, plan: Plan) -> None:
    period = plan.period
    title = f"What was done in {period.kind} {period.id}" if plan.past else f"Plan for {period.kind} {period.id}"
    head = Text(title, style="heading")
    head.append(f"  {period.start.isoformat()} – {period.end.isoformat()}", style="muted")
    console.print(head)
    budget = plan.budget
    line = Text("Done    " if plan.past else "Budget  ")
    line.append_text(gauge(budget.planned_hours, budget.hours, budget.state))
    line.append(f"  {hours(budget.planned_hours)} of {hours(budget.hours)}  ")
    line.append(budget.state.upper(), style=budget.state)
    console.print(line)
    for stream in budget.streams:
        part = Text(f"  {stream.stream:<10}")
        part.append_text(gauge(stream.planned_hours, stream.hours, stream.state, 10))
        part.append(f"  {hours(stream.planned_hours)} of {hours(stream.hours)}")
        console.print(part)
    console.print()
    titles = {item.id: item.title for item in plan.items}
    if not plan.items:
        console.print(Text("Nothing done in this period." if plan.past else "Nothing planned in this period.", "muted"))
    else:
        console.print(_table(plan, plan.items, titles))
    if plan.past and plan.left_open:
        console.print()
        console.print(Text("Left open (not counted):", style="heading"))
        for item in plan.left_open:
            row = Text("  • ")
            row.append_text(user_text(item.title))
            row.append(f"  ({what(item)}, {STATUS_WORDS.get(item.status, item.status)})", style="muted")
            console.print(row)
    print_advice(console, plan)
    if plan.warnings:
        console.print()
        print_warnings(console, plan.warnings)


def print_advice(console: Console, plan: Plan) -> None:
    """What to do about an over-full period: the few items to defer and where to, or, when
    what is fixed alone is over, that deferring cannot help."""
    budget = plan.budget
    if plan.past or budget.state != "over":
        return
    console.print()
    if plan.fixed_over:
        console.print(
            Text(
                f"Fixed alone: {hours(plan.fixed_hours)} of {hours(budget.hours)} cannot move (events, their tasks, "
                "sessions at a set time, work done). Take on nothing new this "
                f"{plan.period.kind}; say no, or ask a co-organiser to share the next event.",
                style="over",
            )
        )
        if plan.deferred:
            console.print(Text("Move what can move:", style="over"))
    elif plan.deferred:
        over_by = budget.planned_hours - budget.hours
        console.print(
            Text(
                f"Over by {hours(round(over_by, 2))}: defer {count(len(plan.deferred), 'item', 'items')} "
                f"to fit {hours(budget.hours)}:",
                style="over",
            )
        )
    for item in plan.deferred[:SHOWN_DEFERRED]:
        row = Text("  • ")
        row.append_text(user_text(item.title))
        row.append(f"  ({item.hours:.1f} h, {what(item)})", style="muted")
        if item.defer_to:
            row.append(f" → {item.defer_to}, the first week with room")
        else:
            row.append(f" → no week with room in the next {LOOK_AHEAD_WEEKS}: drop it or say no")
        console.print(row)
        if item.keeps:
            console.print(
                Text(f"    it keeps {item.keeps} met: deferred only because nothing else can go", style="muted")
            )
    more = plan.deferred[SHOWN_DEFERRED:]
    if more:
        total = round(sum(i.hours for i in more), 2)
        console.print(Text(f"  and {count(len(more), 'more item', 'more items')} ({hours(total)})", style="muted"))

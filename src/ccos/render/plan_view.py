"""`ccos plan`: the items of a period with hours, the budget gauge, deferrals, warnings."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.models.plan import Plan
from ccos.render.console import gauge, hours, user_text
from ccos.render.warnings_view import print_warnings

STATUS_STYLES = {"done": "done", "overdue": "overdue", "open": "", "planned": ""}


def print_plan(console: Console, plan: Plan) -> None:
    period = plan.period
    head = Text(f"Plan for {period.kind} {period.id}", style="heading")
    head.append(f"  {period.start.isoformat()} – {period.end.isoformat()}", style="muted")
    console.print(head)
    budget = plan.budget
    line = Text("Budget  ")
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
    if not plan.items:
        console.print(Text("Nothing planned in this period.", style="muted"))
    else:
        table = Table(show_header=True, header_style="heading", box=None, pad_edge=False, padding=(0, 1))
        table.add_column("date", no_wrap=True)
        table.add_column("what", no_wrap=True, style="muted")
        table.add_column("title", overflow="fold", ratio=1)
        table.add_column("hours", justify="right", no_wrap=True)
        table.add_column("status", no_wrap=True)
        for item in plan.items:
            status = Text(item.status, style=STATUS_STYLES.get(item.status, ""))
            if not item.fits:
                status.append(" → defer", style="over")
            table.add_row(
                item.date.strftime("%a %m-%d") if item.date else "",
                item.type,
                user_text(item.title),
                f"{item.hours:.1f}",
                status,
            )
        console.print(table)
    if plan.deferred:
        console.print()
        console.print(
            Text(f"Over budget: defer these {len(plan.deferred)} to fit {hours(budget.hours)}:", style="over")
        )
        for item in plan.deferred:
            row = Text("  • ")
            row.append_text(user_text(item.title))
            row.append(f"  ({item.hours:.1f} h, {item.type})", style="muted")
            console.print(row)
    if plan.warnings:
        console.print()
        print_warnings(console, plan.warnings)

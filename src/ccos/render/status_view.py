"""`ccos status`: a compact dashboard that fits 80 columns."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.models.plan import ProgressRow
from ccos.models.status import Status
from ccos.render.console import bar, gauge, hours, user_text
from ccos.render.warnings_view import print_warnings


def _row_cells(row: ProgressRow) -> tuple[Text, Text, Text]:
    label = user_text(row.label)
    if row.target is not None and row.target > 0:
        progress = bar(row.actual, row.target, 12)
        figure = Text(f" {row.actual:g}/{row.target:g} {row.unit}".rstrip(), style=row.state)
    else:
        progress = Text("")
        figure = Text(f"{row.actual:g} {row.unit}".rstrip(), style=row.state)
    if row.detail:
        figure.append_text(user_text(f"  {row.detail}", "muted"))
    return label, progress, figure


def print_status(console: Console, status: Status) -> None:
    head = Text("ccos status", style="heading")
    if status.name:
        head.append(" · ")
        head.append_text(user_text(status.name))
    head.append(f" · {status.today.isoformat()}", style="muted")
    console.print(head)
    budget = status.budget
    line = Text("Week budget  ")
    line.append_text(gauge(budget.planned_hours, budget.hours, budget.state))
    line.append(f"  {hours(budget.planned_hours)} of {hours(budget.hours)}  ")
    line.append(budget.state.upper(), style=budget.state)
    console.print(line)
    for period_status in status.periods:
        if not period_status.rows:
            continue
        console.print()
        period = period_status.period
        console.print(Text(f"{period.kind.capitalize()} {period.id}", style="heading"))
        table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
        table.add_column("label", no_wrap=True, min_width=22)
        table.add_column("bar", no_wrap=True)
        table.add_column("figure", overflow="fold")
        for row in period_status.rows:
            table.add_row(*_row_cells(row))
        console.print(table)
    if status.now:
        console.print()
        console.print(Text("Now", style="heading"))
        table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
        table.add_column("label", no_wrap=True, min_width=22)
        table.add_column("bar", no_wrap=True)
        table.add_column("figure", overflow="fold")
        for row in status.now:
            table.add_row(*_row_cells(row))
        console.print(table)
    if status.load:
        from ccos.render.report_view import load_bars

        console.print()
        line = Text(f"Load, last {len(status.load)} weeks", style="heading")
        over = sum(1 for week in status.load if week.state == "over")
        line.append(f"  {over} over budget", style="over" if over else "muted")
        console.print(line)
        bars = load_bars(status.load)
        bars.append("  " + "  ".join(f"{w.planned_hours:.0f}" for w in status.load[-4:]) + " h (last 4)", style="muted")
        console.print(bars)
    console.print()
    if status.warnings:
        print_warnings(console, status.warnings)
    else:
        console.print(Text("No warnings: on track.", style="ok"))

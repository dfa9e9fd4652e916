"""`ccos status`: one screen (80 columns) answering "am I on track, and is it too much?".

Every row and warning stays on one line: details that do not fit end in an ellipsis, and
`ccos plan week` (or `--json`) has the full text. Column widths are measured in terminal
cells, so CJK names line up.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.models.plan import ProgressRow
from ccos.models.status import Status
from ccos.render.console import bar, gauge, hours, user_text
from ccos.render.report_view import load_bars
from ccos.render.text import printable


def _figure(row: ProgressRow) -> Text:
    if row.target is not None and row.target > 0:
        figure = Text(f"{row.actual:g}/{row.target:g} {row.unit}".rstrip(), style=row.state)
    else:
        figure = Text(f"{row.actual:g} {row.unit}".rstrip(), style=row.state)
    if row.detail:
        figure.append("  ")
        figure.append(printable(row.detail), style="muted")
    return figure


def _bar(row: ProgressRow) -> Text:
    if row.target is not None and row.target > 0:
        return bar(row.actual, row.target, 10)
    return Text("")


def _header(status: Status) -> list[Text]:
    head = Text("ccos status", style="heading")
    if status.name:
        head.append(" · ")
        head.append_text(user_text(status.name))
    head.append(f" · {status.today.isoformat()}", style="muted")
    budget = status.budget
    week_id = status.periods[0].period.id if status.periods else ""
    line = Text(f"Budget {week_id}  ")
    line.append_text(gauge(budget.planned_hours, budget.hours, budget.state, 16))
    line.append(f"  {hours(budget.planned_hours)} of {hours(budget.hours)} ")
    line.append(budget.state.upper(), style=budget.state)
    lines = [head, line]
    if status.load:
        over = sum(1 for week in status.load if week.state == "over")
        load = Text(f"Load, last {len(status.load)} weeks")
        load.append_text(load_bars(status.load))
        load.append(f"  {over} over budget", style="over" if over else "muted")
        lines.append(load)
    return lines


def status_table(status: Status) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1), expand=True)
    table.add_column("period", no_wrap=True, style="muted", width=8)
    table.add_column("target", no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column("bar", no_wrap=True, width=10)
    table.add_column("figure", no_wrap=True, overflow="ellipsis", ratio=1)
    sections = [(p.period.id, p.rows) for p in status.periods] + [("now", status.now)]
    for name, rows in sections:
        for index, row in enumerate(rows):
            table.add_row(name if index == 0 else "", user_text(row.label), _bar(row), _figure(row))
    return table


def print_status(console: Console, status: Status) -> None:
    for line in _header(status):
        console.print(line, overflow="ellipsis", no_wrap=True)
    console.print()
    console.print(status_table(status))
    console.print()
    if not status.warnings:
        console.print(Text("No warnings: on track.", style="ok"))
        return
    for warning in status.warnings:
        line = Text("⚠ ", style="warning")
        line.append(warning.code, style="code")
        line.append("  " + printable(warning.message))
        console.print(line, overflow="ellipsis", no_wrap=True)
    console.print(Text("Full warnings and what to defer: ccos plan week", style="muted"))

"""Terminal plots with Rich only: a contribution-style heatmap and weekly load bars.

Cells are shaded by characters as well as colour (· ░ ▒ ▓ █), so the plots still read
with colour off or in a log file; a terminal that cannot show them (ASCII, latin-1) gets
`. : + * #` instead, five shades still apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from rich.console import Console
from rich.text import Text

from ccos.models.report import WeekLoad, YearReport

SHADES = ("·", "░", "▒", "▓", "█")
ASCII_SHADES = (".", ":", "+", "*", "#")
SHADE_STYLES = ("muted", "green", "green", "bold green", "bold green")
BARS = " ▁▂▃▄▅▆▇█"
DAY_NAMES = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def _level(hours: float, top: float) -> int:
    if hours <= 0:
        return 0
    if top <= 0:
        return 4
    return min(4, 1 + int(3 * hours / top))


def heatmap(report: YearReport, shades: Sequence[str] = SHADES) -> list[Text]:
    """Seven rows (Mon..Sun), one column per ISO week of the year."""
    by_date = {day.date: day for day in report.days}
    top = max((day.hours for day in report.days), default=0)
    rows = []
    first_monday = report.days[0].date - timedelta(days=report.days[0].date.weekday())
    weeks = (report.days[-1].date - first_monday).days // 7 + 1
    for weekday in range(7):
        line = Text(f"{DAY_NAMES[weekday]:<4}", style="muted")
        for week in range(weeks):
            day = first_monday + timedelta(days=7 * week + weekday)
            activity = by_date.get(day)
            if activity is None or day > report.today:
                line.append(" ")
                continue
            level = _level(activity.hours, top)
            line.append(shades[level], style=SHADE_STYLES[level])
        rows.append(line)
    return rows


def month_axis(report: YearReport) -> Text:
    first_monday = report.days[0].date - timedelta(days=report.days[0].date.weekday())
    axis = [" "] * ((report.days[-1].date - first_monday).days // 7 + 1)
    for day in report.days:
        if day.date.day == 1:
            column = (day.date - first_monday).days // 7
            label = day.date.strftime("%b")
            if all(c == " " for c in axis[column : column + 4]):
                axis[column : column + len(label)] = list(label)
    return Text("    " + "".join(axis)[: len(axis)], style="muted")


def load_bars(weeks: Sequence[WeekLoad]) -> Text:
    """One character per week: height = planned / budget (full at the budget), red when over."""
    line = Text("    ")
    for week in weeks:
        ratio = 0.0 if week.budget_hours <= 0 else week.planned_hours / week.budget_hours
        index = min(len(BARS) - 1, round(ratio * (len(BARS) - 1)))
        char = "!" if week.state == "over" else BARS[index]
        line.append(char, style={"over": "over", "near": "near"}.get(week.state, "ok"))
    return line


def print_year(console: Console, report: YearReport) -> None:
    console.print(Text(f"Community activity {report.year}", style="heading"))
    console.print(month_axis(report))
    shades = ASCII_SHADES if console.options.ascii_only else SHADES
    for row in heatmap(report, shades):
        console.print(row)
    legend = Text("    less ", style="muted")
    for level, shade in enumerate(shades):
        legend.append(shade, style=SHADE_STYLES[level])
    legend.append(" more   ", style="muted")
    legend.append(f"{report.total_hours:g} h done on {report.active_days} days", style="muted")
    console.print(legend)
    console.print()
    console.print(Text("Load per week against budget (█ = at budget, ! = over)", style="heading"))
    console.print(load_bars(report.weeks))
    console.print(Text(f"    {report.over_budget_weeks} week(s) over budget so far", style="muted"))

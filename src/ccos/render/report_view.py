"""Terminal plots with Rich only: a contribution-style heatmap and weekly load bars.

Cells are shaded by characters as well as colour (· ░ ▒ ▓ █), so the plots still read
with colour off or in a log file; a terminal that cannot show them (ASCII, latin-1) gets
`. : + * #` instead, five shades still apart.

A week's load is a bar (its height is the planned hours against the budget, full at the
budget) up to this week, and `!` when it went over. A week after this one has only a
plan, so it is drawn in a glyph of its own (`░` fits, `▓` planned over budget), never as
over: the plots and "N weeks over budget so far" agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ccos.i18n import tr
from ccos.models.report import WeekLoad, YearReport
from ccos.words import count, number

SHADES = ("·", "░", "▒", "▓", "█")
ASCII_SHADES = (".", ":", "+", "*", "#")
SHADE_STYLES = ("muted", "green", "green", "bold green", "bold green")
BARS = " ▁▂▃▄▅▆▇█"
ASCII_BARS = " .,:;=+*#"
OVER = "!"
AHEAD = "░"  # a week ahead whose plan fits the budget
AHEAD_OVER = "▓"  # a week ahead already planned over budget
ASCII_AHEAD, ASCII_AHEAD_OVER = "-", "^"
MARGIN = "    "  # the heatmap's day names; the week columns start after it


def _level(hours: float, top: float) -> int:
    if hours <= 0:
        return 0
    if top <= 0:
        return 4
    return min(4, 1 + int(3 * hours / top))


def _first_monday(report: YearReport) -> date:
    return report.days[0].date - timedelta(days=report.days[0].date.weekday())


def _columns(report: YearReport) -> int:
    return (report.days[-1].date - _first_monday(report)).days // 7 + 1


def day_names() -> tuple[str, ...]:
    """The heatmap's row labels (every other day), at most 3 cells wide."""
    # i18n: the year heatmap's day labels (3 cells at most: a CJK character is 2)
    return (tr("Mon"), "", tr("Wed"), "", tr("Fri"), "", tr("Sun"))


def month_names() -> tuple[str, ...]:
    """The month axis's labels, at most 4 cells wide (zh 1月, ru янв)."""
    # i18n: the month axis of the year report (short: 3-4 cells)
    return (
        tr("Jan"), tr("Feb"), tr("Mar"), tr("Apr"), tr("May"), tr("Jun"),
        tr("Jul"), tr("Aug"), tr("Sep"), tr("Oct"), tr("Nov"), tr("Dec"),
    )  # fmt: skip


def _cells(text: str) -> list[str]:
    """`text` as one entry per terminal cell (a wide character, then an empty cell)."""
    out: list[str] = []
    for char in text:
        out.append(char)
        if cell_len(char) == 2:
            out.append("")
    return out


def heatmap(report: YearReport, shades: Sequence[str] = SHADES) -> list[Text]:
    """Seven rows (Mon..Sun), one column per ISO week of the year."""
    by_date = {day.date: day for day in report.days}
    top = max((day.hours for day in report.days), default=0)
    rows = []
    first_monday = _first_monday(report)
    names = day_names()
    for weekday in range(7):
        name = names[weekday]
        line = Text(name + " " * max(1, len(MARGIN) - cell_len(name)), style="muted")
        for week in range(_columns(report)):
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
    first_monday = _first_monday(report)
    axis = [" "] * _columns(report)
    names = month_names()
    for day in report.days:
        if day.date.day == 1:
            column = (day.date - first_monday).days // 7
            label = _cells(names[day.date.month - 1])
            if column > 0 and axis[column - 1] != " ":
                column += 1  # a wide label before it (zh 10月): one space between the two
            free = axis[column : column + max(4, len(label) + 1)]  # a label and a space after it
            if all(c == " " for c in free) and column + len(label) <= len(axis):
                axis[column : column + len(label)] = label
    return Text(MARGIN + "".join(axis)[: len(axis)], style="muted")


def week_glyph(week: WeekLoad, *, ascii_only: bool = False) -> tuple[str, str]:
    """One week's character and style: a bar so far, `!` over; a glyph of its own ahead."""
    if week.future:
        if week.state == "over":
            return (ASCII_AHEAD_OVER if ascii_only else AHEAD_OVER), "near"
        return (ASCII_AHEAD if ascii_only else AHEAD), "muted"
    if week.state == "over":
        return OVER, "over"
    bars = ASCII_BARS if ascii_only else BARS
    ratio = 0.0 if week.budget_hours <= 0 else week.planned_hours / week.budget_hours
    index = min(len(bars) - 1, round(ratio * (len(bars) - 1)))
    return bars[index], {"near": "near"}.get(week.state, "ok")


def load_bars(weeks: Sequence[WeekLoad], *, ascii_only: bool = False, margin: str = MARGIN) -> Text:
    """One character per week, oldest first (see `week_glyph`)."""
    line = Text(margin)
    for week in weeks:
        char, style = week_glyph(week, ascii_only=ascii_only)
        line.append(char, style=style)
    return line


def _week_columns(report: YearReport) -> dict[int, WeekLoad]:
    first_monday = _first_monday(report)
    return {(week.start - first_monday).days // 7: week for week in report.weeks}


def year_load_bars(report: YearReport, *, ascii_only: bool = False) -> Text:
    """The year's weeks under the heatmap's columns (a week's column is its Monday's)."""
    by_column = _week_columns(report)
    line = Text(MARGIN)
    for column in range(_columns(report)):
        week = by_column.get(column)
        if week is None:
            line.append(" ")
            continue
        char, style = week_glyph(week, ascii_only=ascii_only)
        line.append(char, style=style)
    return line


def week_axis(report: YearReport) -> Text:
    """ISO week numbers under the load bars: W1, then every tenth week (10, 20, ...)."""
    axis = [" "] * _columns(report)
    for column, week in sorted(_week_columns(report).items()):
        number = int(week.week.rsplit("W", 1)[1])
        label = "W1" if number == 1 else (str(number) if number % 10 == 0 else "")
        if label and column + len(label) <= len(axis) and all(c == " " for c in axis[max(0, column - 1) : column]):
            axis[column : column + len(label)] = list(label)
    return Text(MARGIN + "".join(axis), style="muted")


def ahead_glyphs(*, ascii_only: bool = False) -> tuple[str, str]:
    """The glyphs of a week ahead: its plan fits, its plan is over budget."""
    return (ASCII_AHEAD, ASCII_AHEAD_OVER) if ascii_only else (AHEAD, AHEAD_OVER)


def load_legend(*, ascii_only: bool = False, margin: str = MARGIN) -> Text:
    """What each glyph of the load bars means."""
    bars = ASCII_BARS if ascii_only else BARS
    ahead, ahead_over = ahead_glyphs(ascii_only=ascii_only)
    legend = Text(margin)
    legend.append(bars[2] + bars[5] + bars[8], style="ok")
    legend.append(" " + tr("planned/budget ({glyph} = at budget)").format(glyph=bars[8]) + "  ", style="muted")
    legend.append(OVER, style="over")
    legend.append(" " + tr("over") + "  " + tr("ahead:") + " ", style="muted")
    legend.append(ahead, style="muted")
    legend.append(" " + tr("fits") + "  ", style="muted")
    legend.append(ahead_over, style="near")
    legend.append(" " + tr("planned over"), style="muted")
    return legend


def over_summary(over: int, planned_over: int) -> str:
    """ "2 weeks over budget so far", and the weeks ahead already planned over."""
    text = tr("{weeks} over budget so far").format(weeks=count(over, "week", "weeks"))
    if planned_over:
        ahead = tr("{weeks} ahead planned over").format(weeks=count(planned_over, "week", "weeks"))
        text = tr("{over}; {ahead}").format(over=text, ahead=ahead)
    return text


def print_year(console: Console, report: YearReport) -> None:
    ascii_only = console.options.ascii_only
    console.print(Text(tr("Community activity {year}").format(year=report.year), style="heading"))
    console.print(month_axis(report))
    shades = ASCII_SHADES if ascii_only else SHADES
    for row in heatmap(report, shades):
        console.print(row)
    legend = Text(MARGIN + tr("less") + " ", style="muted")
    for level, shade in enumerate(shades):
        legend.append(shade, style=SHADE_STYLES[level])
    legend.append(" " + tr("more") + "   ", style="muted")
    done = tr("{hours} done on {days}").format(
        hours=tr("{hours} h").format(hours=number(report.total_hours)), days=count(report.active_days, "day", "days")
    )
    legend.append(done, style="muted")
    console.print(legend)
    console.print()
    console.print(Text(tr("Load per week against budget"), style="heading"))
    console.print(month_axis(report))
    console.print(year_load_bars(report, ascii_only=ascii_only))
    console.print(week_axis(report))
    console.print(load_legend(ascii_only=ascii_only))
    console.print(Text(MARGIN + over_summary(report.over_budget_weeks, report.planned_over_weeks), style="muted"))

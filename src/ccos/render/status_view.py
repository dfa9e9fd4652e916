"""`ccos status`: one screen (80×24) answering "am I on track, and is it too much?".

The title, the week's budget gauge and the load line come first, then the rows that need
action (behind or over) and the warnings, each on one line, then one line saying what
was left out and how to see it: `ccos status --all` shows every row and every warning
whole, wrapping instead of cutting. When even the rows that need action do not fit in
`MAX_LINES`, the warnings keep at least half the room and the line says how many more
there are. Column widths are measured in terminal cells, so CJK names line up; a
name is never broken across lines (a line is cut, with an ellipsis, before that).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, OverflowMethod
from rich.table import Table
from rich.text import Text

from ccos.dates import full_day, period_short
from ccos.i18n import ntr, tr
from ccos.models.plan import ProgressRow, Warning
from ccos.models.status import Status
from ccos.render.console import bar, fit_words, gauge, hours, user_text
from ccos.render.plan_view import state_word
from ccos.render.report_view import ahead_glyphs, load_bars
from ccos.render.text import printable
from ccos.render.warnings_view import label
from ccos.words import count, plural

MAX_LINES = 23  # an 80×24 terminal, less the line the prompt comes back on
NEEDS_ACTION = ("behind", "over")
PERIOD_WIDTH = 8
BAR_WIDTH = 10
LABEL_MAX = 26
LABEL_WRAPPED = 22  # `--all` wraps a longer label, leaving the detail more room
FIGURE_MIN = 20
GAP = 2  # the table's padding between two columns
BARS_FROM = 64  # a narrower terminal drops the bars: the figures say the same


def _unit(row: ProgressRow) -> str:
    """A source's unit is the plural noun; the figure says "1 piece" (ccos.words.count):
    the nouns a source may name, each through the catalogs (any other is shown as given)."""
    n = max(row.actual, row.target or 0)
    nouns = {
        "items": plural(n, "item", "items"),
        "pieces": plural(n, "piece", "pieces"),
        "events": plural(n, "event", "events"),
        "tasks": plural(n, "task", "tasks"),
        "mentees": plural(n, "mentee", "mentees"),
        "sessions": plural(n, "session", "sessions"),
        "platforms": plural(n, "platform", "platforms"),
        "members": plural(n, "member", "members"),
        "people": plural(n, "person", "people"),
    }
    return nouns.get(row.unit, row.unit)


def _figure(row: ProgressRow) -> Text:
    if row.target is not None and row.target > 0:
        figure = Text(f"{row.actual:g}/{row.target:g} {_unit(row)}".rstrip(), style=row.state)
    else:
        figure = Text(f"{row.actual:g} {_unit(row)}".rstrip(), style=row.state)
    if row.detail:
        figure.append("  ")
        figure.append(printable(row.detail), style="muted")
    return figure


def _bar(row: ProgressRow) -> Text:
    if row.target is not None and row.target > 0:
        return bar(row.actual, row.target, BAR_WIDTH)
    return Text("")


def _load_line(status: Status, ascii_only: bool, *, legend: bool = True) -> Text:
    """`Load W40 ▂▃▂▂▃▇█! ░░░▓ W51  1 week over so far`: the last weeks, then the next as planned."""
    # i18n: the status screen's line of weekly load bars ("Load W40 ▂▃▇! W51")
    line = Text(tr("Load") + " ")
    if status.load:
        line.append(status.load[0].week.split("-")[-1] + " ", style="muted")
    line.append_text(load_bars(status.load, ascii_only=ascii_only, margin=""))
    if status.ahead:
        line.append(" ")
        line.append_text(load_bars(status.ahead, ascii_only=ascii_only, margin=""))
    weeks = [*status.load, *status.ahead]
    if weeks:
        line.append(" " + weeks[-1].week.split("-")[-1], style="muted")
    over = sum(1 for week in status.load if week.state == "over" and not week.future)
    so_far = tr("{weeks} over so far").format(weeks=count(over, "week", "weeks"))
    line.append(f"  {so_far}", style="over" if over else "muted")
    if status.ahead and legend:
        fits, planned_over = ahead_glyphs(ascii_only=ascii_only)
        line.append(" · " + tr("ahead: {glyph} fits").format(glyph=fits), style="muted")
        if any(week.state == "over" for week in status.ahead):
            line.append(f" {planned_over}", style="near")
            line.append(" " + tr("planned over"), style="muted")
    return line


def _budget_line(status: Status, gauge_width: int) -> Text:
    budget = status.budget
    week_id = period_short(status.periods[0].period) if status.periods else ""
    line = Text(tr("Budget {week}").format(week=week_id) + "  ")
    if gauge_width:
        line.append_text(gauge(budget.planned_hours, budget.hours, budget.state, gauge_width))
        line.append("  ")
    line.append(
        tr("{planned} of {budget}").format(planned=hours(budget.planned_hours), budget=hours(budget.hours)) + " "
    )
    line.append(state_word(budget.state), style=budget.state)
    return line


def header(status: Status, *, ascii_only: bool = False, width: int = 80) -> list[Text]:
    """The title, the week's budget gauge and the load line: always the first lines.

    On a narrow terminal the gauge shrinks (then goes) and the load line drops its
    legend before the hours or the count of weeks over would be cut.
    """
    head = Text("ccos status", style="heading")  # the command's name: never translated
    if status.name:
        head.append(" · ")
        head.append_text(user_text(status.name))
    head.append(f" · {full_day(status.today)}", style="muted")
    budget_line = next(
        (line for size in (16, 8) if (line := _budget_line(status, size)).cell_len <= width),
        _budget_line(status, 0),
    )
    lines = [head, budget_line]
    if status.load or status.ahead:
        load = _load_line(status, ascii_only)
        lines.append(load if load.cell_len <= width else _load_line(status, ascii_only, legend=False))
    return lines


def sections(status: Status) -> list[tuple[str, ProgressRow]]:
    """Every row with the name of its period (`2026-W47`, ..., `now`), in screen order."""
    named = [(period_short(p.period), row) for p in status.periods for row in p.rows]
    # i18n: the period column of the status screen's standing rows (8 cells at most)
    return named + [(tr("now"), row) for row in status.now]


@dataclass(frozen=True)
class Screen:
    """What the one screen shows, and what it leaves to `ccos status --all`."""

    rows: list[tuple[str, ProgressRow]]
    warnings: list[Warning]
    on_track: int  # rows left out because nothing is due (on track, or for information)
    more_rows: int  # rows that need action, left out for room
    more_warnings: int


def choose(status: Status, room: int) -> Screen:
    """The rows that need action and the warnings, within `room` lines (warnings keep half)."""
    every = sections(status)
    action = [(name, row) for name, row in every if row.state in NEEDS_ACTION]
    warnings = list(status.warnings)
    room = max(room, 2)
    if len(action) + len(warnings) > room:
        keep_warnings = min(len(warnings), max(room - len(action), room // 2))
        keep_rows = min(len(action), room - keep_warnings)
        keep_warnings = min(len(warnings), room - keep_rows)
    else:
        keep_rows, keep_warnings = len(action), len(warnings)
    return Screen(
        rows=action[:keep_rows],
        warnings=warnings[:keep_warnings],
        on_track=len(every) - len(action),
        more_rows=len(action) - keep_rows,
        more_warnings=len(warnings) - keep_warnings,
    )


def _widths(rows: list[tuple[str, ProgressRow]], width: int, cap: int = LABEL_MAX) -> tuple[int, int]:
    """The label and figure widths: labels as wide as they are (up to `cap`), the figure
    the rest; when the terminal is narrow the label gives way first, down to 12 cells."""
    label = min(cap, max((cell_len(printable(row.label)) for _, row in rows), default=12))
    bars = BAR_WIDTH + GAP if width >= BARS_FROM else 0
    figure = width - PERIOD_WIDTH - bars - label - 2 * GAP
    if figure < FIGURE_MIN:
        label = max(12, label - (FIGURE_MIN - figure))
        figure = max(8, width - PERIOD_WIDTH - bars - label - 2 * GAP)
    return label, figure


def status_table(rows: list[tuple[str, ProgressRow]], width: int, *, whole: bool = False) -> tuple[Table, bool]:
    """The rows as a table `width` cells wide, and whether any text was cut to fit.

    One line per row, cut with an ellipsis; `whole` wraps the label and the figure at
    spaces instead (a word longer than its column is folded: nothing is cut).
    """
    label_width, figure_width = _widths(rows, width, LABEL_WRAPPED if whole else LABEL_MAX)
    overflow: OverflowMethod = "fold" if whole else "ellipsis"
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1), expand=False)
    table.add_column("period", no_wrap=True, style="muted", width=PERIOD_WIDTH)
    table.add_column("target", no_wrap=not whole, overflow=overflow, width=label_width)
    with_bars = width >= BARS_FROM
    if with_bars:
        table.add_column("bar", no_wrap=True, width=BAR_WIDTH)
    table.add_column("figure", no_wrap=not whole, overflow=overflow, width=figure_width)
    cut = False
    previous = ""
    for name, row in rows:
        label, figure = user_text(row.label), _figure(row)
        if not whole:
            label, label_cut = fit_words(label, label_width)
            figure, figure_cut = fit_words(figure, figure_width)
            cut = cut or label_cut or figure_cut
        cells = (label, _bar(row), figure) if with_bars else (label, figure)
        table.add_row(name if name != previous else "", *cells)
        previous = name
    return table, cut and not whole


def _warning_line(warning: Warning) -> Text:
    line = Text("⚠ ", style="warning")
    line.append(label(warning.code), style="code")
    line.append("  " + printable(warning.message))
    return line


def _warnings_table(warnings: list[Warning]) -> Table:
    """Every warning whole: the code, then the message wrapped beside it."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold", ratio=1)
    for warning in warnings:
        code = Text("⚠ ", style="warning")
        code.append(label(warning.code), style="code")
        table.add_row(code, Text(printable(warning.message)))
    return table


def _left_out(screen: Screen, cut: bool, width: int) -> Text | None:
    """One line: what the screen left out, and the command that shows it."""
    parts = []
    if screen.on_track:
        parts.append(tr("{rows} with nothing due").format(rows=count(screen.on_track, "row", "rows")))
    if screen.more_rows:
        parts.append(ntr("{n} more to act on", "{n} more to act on", screen.more_rows).format(n=screen.more_rows))
    if screen.more_warnings:
        parts.append(count(screen.more_warnings, "more warning", "more warnings"))
    if not parts and not cut:
        return None
    every = tr("All: ccos status --all")
    hidden = tr("Hidden: {parts}").format(parts=tr(", ").join(parts)) if parts else ""
    marks = tr("… marks cut text")
    said = tr("{hidden}; {marks}").format(hidden=hidden, marks=marks) if hidden and cut else (hidden or marks)
    line = tr("{said}. {all}").format(said=said, all=every)
    if cell_len(line) > width:
        line = tr("{said}. {all}").format(said=hidden or marks, all=every)
    if cell_len(line) > width:
        rows = screen.on_track + screen.more_rows
        brief = [count(rows, "row", "rows")] if rows else []
        brief += [count(screen.more_warnings, "warning", "warnings")] if screen.more_warnings else []
        line = tr("{said}. {all}").format(said=tr("Hidden: {parts}").format(parts=tr(", ").join(brief)), all=every)
    if cell_len(line) > width:
        line = tr("{said}. {all}").format(said=tr("Not all shown"), all=every)
    return Text(line, style="muted")


def _defer_hint(status: Status) -> Text | None:
    if status.budget.state == "ok":
        return None
    return Text(tr("What to defer, and when to: ccos plan week"), style="muted")


def print_status(console: Console, status: Status, *, show_all: bool = False) -> None:
    width = console.width
    ascii_only = console.options.ascii_only
    for line in header(status, ascii_only=ascii_only, width=width):
        if show_all:
            console.print(line, overflow="fold")  # wrapped: `--all` cuts nothing
        else:
            console.print(line, overflow="ellipsis", no_wrap=True)
    console.print()
    if show_all:
        table, _ = status_table(sections(status), width, whole=True)
        console.print(table)
        console.print()
        if status.warnings:
            console.print(_warnings_table(status.warnings))
        else:
            console.print(Text(tr("No warnings: on track."), style="ok"))
        hint = _defer_hint(status)
        if hint is not None:
            console.print(hint)
        return
    hint = _defer_hint(status)
    # 2 blank lines, the left-out line, the hint, and "No warnings" when there are none
    fixed = len(header(status)) + 3 + (hint is not None) + (not status.warnings)
    screen = choose(status, MAX_LINES - fixed)
    cut = False
    if screen.rows:
        table, cut = status_table(screen.rows, width)
        console.print(table)
    else:
        console.print(Text(tr("Nothing behind: every target on track."), style="ok"))
    console.print()
    if not screen.warnings and not screen.more_warnings:
        console.print(Text(tr("No warnings: on track."), style="ok"))
    for warning in screen.warnings:
        line, line_cut = fit_words(_warning_line(warning), width)
        cut = cut or line_cut
        console.print(line, overflow="ellipsis", no_wrap=True)
    left_out = _left_out(screen, cut, width)
    if left_out is not None:
        console.print(left_out, overflow="ellipsis", no_wrap=True)
    if hint is not None:
        console.print(hint, overflow="ellipsis", no_wrap=True)

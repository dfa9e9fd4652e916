"""`ccos plan`: the items of a period with hours, the budget gauge, the defer advice, warnings.

A past period is shown as what happened (what was done, on its day; what was left open);
a current or future one as the plan, with the few items to defer and the week each can go to.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.dates import Period, human_day, period_label, short_day
from ccos.i18n import ntr, tr
from ccos.models.plan import Plan, PlanItem
from ccos.planning.planner import LOOK_AHEAD_WEEKS
from ccos.render.console import gauge, hours, name_column, user_text
from ccos.render.warnings_view import print_warnings
from ccos.words import count, number, status_words

STATUS_STYLES = {"done": "done", "overdue": "overdue", "open": "", "planned": "", "unrecorded": "overdue"}
SHOWN_DEFERRED = 5  # a longer list is cut, saying how many more (the JSON carries them all)


def type_words() -> dict[str, str]:
    """The `what` of a plan item that is not a checklist."""
    return {
        "sharing": tr("sharing"),
        "session": tr("mentoring"),
        # "kind|event": the bare "event" is also the singular of a counted noun (one msgid, one entry)
        "event": tr("kind|event").split("|", 1)[-1],
        "event_task": tr("event task"),
        "stage_task": tr("stage task"),
    }


def scope_words() -> dict[str, str]:
    return {"week": tr("week list"), "month": tr("month list"), "quarter": tr("quarter list")}


def state_word(state: str) -> str:
    """The budget state shown beside a gauge (the JSON keeps `ok`/`near`/`over`)."""
    # i18n: the budget's state beside its gauge, in capitals where the script has them
    return {"over": tr("OVER"), "near": tr("NEAR"), "ok": tr("OK")}.get(state, state.upper())


def status_word(status: str) -> str:
    return status_words().get(status, status)


def what(item: PlanItem) -> str:
    """The `what` column in words: "week list", "mentoring", "event task"."""
    if item.type == "checklist":
        parts = item.id.split(":")
        period = Period.from_id(parts[1]) if len(parts) > 2 else None
        if period is not None:
            return scope_words()[period.kind]
        return tr("kick-off") if parts[1:2] == ["kickoff"] else tr("list")
    return type_words().get(item.type, item.type.replace("_", " "))


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
    by = tr("by {day}").format(day=human_day(end, today))
    if period.start <= end <= period.end:
        return by
    if item.start is not None:
        this = {"week": tr("this week"), "month": tr("this month"), "quarter": tr("this quarter")}
        for kind in ("week", "month", "quarter"):
            span = Period.containing(kind, item.start)
            if span.start == item.start and span.end == end:
                if span.start <= period.end and span.end >= period.start:
                    return this[kind]
                return tr("in {period}").format(period=period_label(span))
    return by


def _title(item: PlanItem, titles: dict[str, str]) -> Text:
    """The title, and what it is counted with: both in the one column that may be cut (the
    short columns never are)."""
    text = user_text(item.title)
    if item.counted_with is not None:
        text.append(" · " + tr("with") + " ", style="muted")
        text.append_text(user_text(titles.get(item.counted_with, item.counted_with), "muted"))
    return text


def _status(item: PlanItem) -> Text:
    text = Text(status_word(item.status), style=STATUS_STYLES.get(item.status, ""))
    if not item.fits:
        text.append(f" → {item.defer_to}" if item.defer_to else " → " + tr("defer"), style="over")
    return text


def _table(plan: Plan, items: list[PlanItem], titles: dict[str, str]) -> Table:
    # expand: the title column takes what the short columns leave (else Rich shrinks them all)
    table = Table(show_header=True, header_style="heading", box=None, pad_edge=False, padding=(0, 1), expand=True)
    # i18n: the plan table's column headers (keep them short: the table fits 80 columns)
    table.add_column(tr("when"), no_wrap=True)
    table.add_column(tr("what"), no_wrap=True, style="muted")
    name_column(table, tr("title"))
    table.add_column(tr("hours"), justify="right", no_wrap=True)
    table.add_column(tr("status"), no_wrap=True)
    for item in items:
        table.add_row(when(item, plan), what(item), _title(item, titles), number(item.hours, ".1f"), _status(item))
    return table


def print_plan(console: Console, plan: Plan) -> None:
    period = plan.period
    if plan.past:
        titles = {
            "week": tr("What was done in week {period}"),
            "month": tr("What was done in month {period}"),
            "quarter": tr("What was done in quarter {period}"),
        }
    else:
        titles = {
            "week": tr("Plan for week {period}"),
            "month": tr("Plan for month {period}"),
            "quarter": tr("Plan for quarter {period}"),
        }
    title = titles[period.kind].format(period=period_label(period))
    head = Text(title, style="heading")
    head.append(f"  {short_day(period.start, plan.today)} – {short_day(period.end, plan.today)}", style="muted")
    console.print(head)
    budget = plan.budget
    # i18n: the label before the budget gauge of a plan (a past one: what was done)
    label = tr("Done") if plan.past else tr("Budget")
    line = Text(label + " " * max(2, 8 - cell_len(label)))
    line.append_text(gauge(budget.planned_hours, budget.hours, budget.state))
    of = tr("{planned} of {budget}").format(planned=hours(budget.planned_hours), budget=hours(budget.hours))
    line.append(f"  {of}  ")
    line.append(state_word(budget.state), style=budget.state)
    console.print(line)
    for stream in budget.streams:
        part = Text(f"  {stream.stream:<10}")
        part.append_text(gauge(stream.planned_hours, stream.hours, stream.state, 10))
        of = tr("{planned} of {budget}").format(planned=hours(stream.planned_hours), budget=hours(stream.hours))
        part.append(f"  {of}")
        console.print(part)
    console.print()
    names = {item.id: item.title for item in plan.items}
    if not plan.items:
        console.print(
            Text(tr("Nothing done in this period.") if plan.past else tr("Nothing planned in this period."), "muted")
        )
    else:
        console.print(_table(plan, plan.items, names))
    if plan.past and plan.left_open:
        console.print()
        console.print(Text(tr("Left open (not counted):"), style="heading"))
        for item in plan.left_open:
            row = Text("  • ")
            row.append_text(user_text(item.title))
            row.append(
                "  " + tr("({what}, {status})").format(what=what(item), status=status_word(item.status)),
                style="muted",
            )
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
                fixed_alone(plan.period.kind).format(fixed=hours(plan.fixed_hours), budget=hours(budget.hours)),
                style="over",
            )
        )
        if plan.deferred:
            console.print(Text(tr("Move what can move:"), style="over"))
    elif plan.deferred:
        over_by = budget.planned_hours - budget.hours
        console.print(
            Text(
                tr("Over by {over}: defer {items} to fit {budget}:").format(
                    over=hours(round(over_by, 2)),
                    items=count(len(plan.deferred), "item", "items"),
                    budget=hours(budget.hours),
                ),
                style="over",
            )
        )
    for item in plan.deferred[:SHOWN_DEFERRED]:
        row = Text("  • ")
        row.append_text(user_text(item.title))
        row.append(
            "  "
            + tr("({hours}, {what})").format(
                hours=tr("{hours} h").format(hours=number(item.hours, ".1f")), what=what(item)
            ),
            style="muted",
        )
        if item.defer_to:
            row.append(" → " + tr("{week}, the first week with room").format(week=item.defer_to))
        else:
            row.append(
                " → "
                + ntr(
                    "no week with room in the next {n}: drop it or say no",
                    "no week with room in the next {n}: drop it or say no",
                    LOOK_AHEAD_WEEKS,
                ).format(n=LOOK_AHEAD_WEEKS)
            )
        console.print(row)
        if item.keeps:
            console.print(
                Text(
                    "    "
                    + tr("it keeps {target} met: deferred only because nothing else can go").format(target=item.keeps),
                    style="muted",
                )
            )
    more = plan.deferred[SHOWN_DEFERRED:]
    if more:
        total = round(sum(i.hours for i in more), 2)
        console.print(
            Text(
                "  "
                + tr("and {items} ({hours})").format(
                    items=count(len(more), "more item", "more items"), hours=hours(total)
                ),
                style="muted",
            )
        )


def fixed_alone(kind: str) -> str:
    """What to say when the fixed hours alone are over: the period named in its own sentence."""
    if kind == "month":
        return tr(
            "Fixed alone: {fixed} of {budget} cannot move (events, their tasks, sessions at a set time, "
            "work done). Take on nothing new this month; say no, or ask a co-organiser to share the next event."
        )
    if kind == "quarter":
        return tr(
            "Fixed alone: {fixed} of {budget} cannot move (events, their tasks, sessions at a set time, "
            "work done). Take on nothing new this quarter; say no, or ask a co-organiser to share the next event."
        )
    return tr(
        "Fixed alone: {fixed} of {budget} cannot move (events, their tasks, sessions at a set time, "
        "work done). Take on nothing new this week; say no, or ask a co-organiser to share the next event."
    )

"""Events: the list, one event's playbook by phase, the playbooks, one-line confirmations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.capabilities.events.results import EventDetail, EventSummary, PlaybookInfo, TaskView
from ccos.dates import day_span, human_day, human_time, short_day
from ccos.i18n import tr
from ccos.render.console import bar, name_column, user_text
from ccos.words import count, number, plural

if TYPE_CHECKING:
    from ccos.capabilities.events.outcomes import Pending, Recorded


def phase_title(phase: str) -> str:
    """The heading of a phase of a playbook, in the current language."""
    titles = {"before": tr("Before"), "during": tr("During"), "after": tr("After")}
    return titles.get(phase, phase)


def task_state(status: str) -> str:
    """A task's state as shown (the value in --json stays English)."""
    words = {"done": tr("done"), "overdue": tr("overdue"), "open": tr("open"), "missed": tr("missed")}
    return words.get(status, status)


def event_state(status: str) -> str:
    """An event's status as shown (planned, done, cancelled)."""
    words = {"planned": tr("planned"), "done": tr("held"), "cancelled": tr("cancelled")}
    return words.get(status, status)


def kind_word(kind: str) -> str:
    """An event kind as shown; the value typed with --kind stays the English one."""
    words = {
        "meetup": tr("meetup"), "workshop": tr("workshop"), "hackathon": tr("hackathon"), "ama": tr("AMA"),
        "livestream": tr("livestream"), "talk": tr("talk"), "training": tr("training"),
        "contest": tr("contest"), "summit": tr("summit"),
    }  # fmt: skip
    return words.get(kind, kind)


def format_word(value: str) -> str:
    """online, offline or hybrid, as shown. "offline" has its own msgid: the bare word is
    also sync's "no connection", while an offline event is one held in person (zh 线下)."""
    words = {"online": tr("online"), "offline": tr("event format|offline"), "hybrid": tr("hybrid")}
    return words.get(value, value).split("|", 1)[-1]


def role_word(role: str) -> str:
    """A task's role tag (venue, speaker, ...), as shown."""
    words = {"speaker": tr("speaker"), "venue": tr("venue"), "promotion": tr("promotion"), "follow-up": tr("follow-up")}
    return words.get(role, role)


def hours(value: float) -> str:
    return tr("{hours} h").format(hours=number(value))


STATUS_STYLE = {"done": "done", "overdue": "overdue", "open": "", "missed": "muted"}


def when(iso: str, today: date | None = None) -> str:
    """An ISO start (`2026-12-12T14:00:00+08:00`, or a date) as a person writes it: `Sat 12-12 14:00`
    in a table (`today` given: the year only when it differs), else `2026-12-12 14:00` (zh
    `2026年12月12日 14:00`, ru `12 дек. 2026 г. 14:00`)."""
    if "T" not in iso:
        day = date.fromisoformat(iso[:10])
        return human_day(day, today) if today is not None else short_day(day)
    moment = datetime.fromisoformat(iso)
    day_text = human_day(moment.date(), today) if today is not None else short_day(moment.date())
    return f"{day_text} {human_time(moment.hour, moment.minute)}"


def zone_note(event: EventSummary, workspace_zone: str | None) -> str:
    """` (Europe/Berlin)` when the event keeps another zone than the workspace's, else nothing."""
    return f" ({event.timezone})" if workspace_zone is not None and event.timezone != workspace_zone else ""


def _when(event: EventSummary, today: date | None) -> str:
    return when(event.next or event.last or event.start, today)


NAME_ROOM = 32  # at most this many cells of a title are kept before optional columns are left out


def _kept(console: Console, columns: dict[str, list[str]], optional: Sequence[str], names: Sequence[str]) -> set[str]:
    """The short columns that fit beside the longest of `names` (up to NAME_ROOM cells): on a
    narrow terminal the optional ones go first (in `optional`'s order), so a name is cut last."""
    from rich.cells import cell_len

    # each column is padded by a cell on both sides, but the table's two outer edges
    room = min(NAME_ROOM, max((cell_len(name) for name in names), default=0)) + 2
    widths = {name: max([cell_len(name), *(cell_len(v) for v in values)]) + 2 for name, values in columns.items()}
    kept = set(columns)
    for name in optional:
        if sum(widths[k] for k in kept) + room - 2 <= console.width:
            break
        kept.discard(name)
    return kept


def _list_headers() -> dict[str, str]:
    """The headers of `ccos event list` (one message: "event" alone is the counted noun's msgid)."""
    names = ("when", "event", "kind", "tasks", "status")
    # i18n: the five column headers of `ccos event list`, separated by "|": keep four "|"
    words = tr("when|event|kind|tasks|status").split("|")
    return dict(zip(names, words if len(words) == len(names) else names, strict=True))


def print_events(console: Console, events: Sequence[EventSummary], today: date | None = None) -> None:
    """One line per event: the title takes the width the short columns leave (refer to an
    event by its title or a unique start of it; `--json` has the ids)."""
    if not events:
        console.print(Text(tr("No upcoming or recent events. Add one with `ccos event add`."), style="muted"))
        return
    rows = []
    for event in events:
        title = user_text(event.title)
        if event.recurring:
            title.append(" ↻", style="muted")  # the rule itself: `ccos event show`
        progress = Text(f"{event.tasks_done}/{event.tasks_total}")
        if event.overdue:
            progress.append(" · " + tr("{n} overdue").format(n=event.overdue), style="overdue")
        status = Text(event_state(event.status), style={"done": "done", "cancelled": "muted"}.get(event.status, ""))
        kind = Text(kind_word(event.kind))
        rows.append({"when": Text(_when(event, today)), "event": title, "kind": kind, "tasks": progress,
                     "status": status})  # fmt: skip
    headers = _list_headers()
    short = ("when", "kind", "tasks", "status")
    columns = {name: [headers[name], *(row[name].plain for row in rows)] for name in short}
    kept = _kept(console, columns, ("kind", "status"), [row["event"].plain for row in rows])
    table = Table(box=None, pad_edge=False, padding=(0, 1), header_style="heading", expand=True)
    shown = [name for name in ("when", "event", "kind", "tasks", "status") if name == "event" or name in kept]
    for name in shown:
        if name == "event":
            name_column(table, headers[name])
        else:
            table.add_column(headers[name], no_wrap=True)
    for row in rows:
        table.add_row(*(row[name] for name in shown))
    console.print(table)


def _task_row(task: TaskView, today: date | None) -> tuple[Text, Text, Text, Text, str]:
    box = Text("[x]", style="done") if task.done else Text("[ ]")
    day = day_span(task.date, task.end, today) if task.end else human_day(task.date, today)
    text = user_text(task.text, "muted" if task.done else "")
    if task.role:
        text.append("  " + tr("({role})").format(role=role_word(task.role)), style="muted")
    if task.each:
        text.append("  ↻ " + tr("each time"), style="muted")
    state = Text(task_state(task.status), style=STATUS_STYLE[task.status])
    return Text(str(task.number), style="muted"), box, Text(day), text, hours(task.hours) + "  " + state.plain


def print_detail(console: Console, result: EventDetail, today: date | None = None) -> None:
    event = result.event
    heading = user_text(event.title, "heading")
    heading.append(
        f"  {kind_word(event.kind)} · {format_word(event.format)} · {event_state(event.status)}", style="muted"
    )
    console.print(heading)
    line = user_text(
        tr("{id} · starts {when}{zone} · {hours} on the day").format(
            id=event.id, when=when(event.start), zone=zone_note(event, result.workspace_zone), hours=hours(event.hours)
        )
    )
    console.print(line, style="muted")
    if event.recurring:
        console.print(
            user_text(tr("repeats: {text} ({rule})").format(text=event.repeat_text or "", rule=event.repeat), "muted")
        )
        if result.upcoming:
            upcoming = ", ".join(when(u, today) for u in result.upcoming)
            console.print(Text(tr("next: {days}").format(days=upcoming), style="muted"))
        if result.cancelled_on:
            cancelled = ", ".join(str(d) for d in result.cancelled_on)
            console.print(Text(tr("cancelled: {days}").format(days=cancelled), style="muted"))
        if result.focus:
            console.print(
                Text(tr("tasks repeated each time are shown for {day}").format(day=result.focus), style="muted")
            )
    if event.co_organisers:
        # i18n: what separates people's names in a list (zh: 、)
        names = tr(", ").join(event.co_organisers)
        console.print(user_text(tr("with: {names}").format(names=names)))
    people = []
    if event.expected is not None:
        people.append(tr("expected {n}").format(n=event.expected))
    if event.attendees is not None:
        people.append(tr("came {n}").format(n=event.attendees))
    if result.actual_hours is not None:
        people.append(tr("took {hours}").format(hours=hours(result.actual_hours)))
    if people:
        console.print(Text(" · ".join(people)))
    for phase in ("before", "during", "after"):
        tasks = [t for t in result.tasks if t.phase == phase]
        if not tasks:
            continue
        console.print()
        done = sum(1 for t in tasks if t.done)
        title = Text(f"{phase_title(phase)}  ", style="heading")
        title.append_text(bar(done, len(tasks), 10))
        title.append(f" {done}/{len(tasks)}")
        console.print(title)
        table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
        table.add_column("n", justify="right", no_wrap=True)
        table.add_column("box", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("task", overflow="fold")
        table.add_column("state", justify="right", no_wrap=True)
        for task in tasks:
            number, box, day, text, state = _task_row(task, today)
            style = STATUS_STYLE[task.status]
            table.add_row(number, box, day, text, Text(state, style=style))
        console.print(table)
    if result.held:
        console.print()
        console.print(Text(tr("Held"), style="heading"))
        for held in result.held:
            row = Text(f"{held.on}  ")
            if held.attendees is not None:
                expected = f"/{held.expected}" if held.expected is not None else ""
                row.append(f"{held.attendees}{expected} {plural(held.attendees, 'person', 'people')} ")
            if held.hours is not None:
                row.append(hours(held.hours) + " ")
            if held.note:
                row.append_text(user_text(held.note, "muted"))
            console.print(row)
    if result.notes:
        console.print()
        console.print(Text(tr("Notes"), style="heading"))
        for note in result.notes:
            console.print(user_text(f"- {note}"))


def print_playbooks(console: Console, found: Sequence[PlaybookInfo], shown: Callable[[PlaybookInfo], str]) -> None:
    """`shown`: where a workspace playbook is, as the person should see it (relative to their folder)."""
    rows = [
        {
            "playbook": user_text(book.name, "code"),
            "kind": Text(kind_word(book.kind)),
            "title": user_text(book.title),
            "format": Text(format_word(book.format)),
            "tasks": Text(str(book.tasks)),
            "hours": Text(hours(book.hours)),
            "from": user_text(shown(book) if book.source == "workspace" else "ccos", "muted"),
        }
        for book in found
    ]
    headers = {
        "playbook": tr("playbook"), "kind": tr("kind"), "title": tr("title"), "format": tr("format"),
        "tasks": tr("tasks"), "hours": tr("hours"), "from": tr("from"),
    }  # fmt: skip
    own = any(book.source == "workspace" for book in found)
    short = ["playbook", "kind", "format", "tasks", "hours"] + ([] if own else ["from"])
    columns = {name: [headers[name], *(row[name].plain for row in rows)] for name in short}
    kept = _kept(console, columns, ("kind", "format", "hours"), [row["title"].plain for row in rows])
    every = ("playbook", "kind", "title", "format", "tasks", "hours", "from")
    names = [name for name in every if name not in short or name in kept]
    table = Table(box=None, pad_edge=False, padding=(0, 1), header_style="heading", expand=True)
    for name in names:
        if name == "title" or (name == "from" and own):
            name_column(table, headers[name])  # a title, or a path: cut with an ellipsis, never folded
        else:
            table.add_column(headers[name], no_wrap=True, justify="right" if name in ("tasks", "hours") else "left")
    for row in rows:
        table.add_row(*(row[name] for name in names))
    console.print(table)


def added_line(result: EventDetail) -> Text:
    event = result.event
    line = user_text(tr("+ added {title} as {id}").format(title=event.title, id=event.id), "done")
    line.append(f"  {when(event.start)}{zone_note(event, result.workspace_zone)}")
    if event.recurring:
        line.append_text(user_text(tr(", repeats {text}").format(text=event.repeat_text)))
    tasks = count(len(result.tasks), "playbook task", "playbook tasks")
    line.append_text(
        user_text(" · " + tr("{tasks} from {playbook}").format(tasks=tasks, playbook=event.playbook), "muted")
    )
    line.append(" · " + tr("see them with `{command}`").format(command=f"ccos event show {event.id}"), style="muted")
    return line


def task_line(result: EventDetail, task: TaskView) -> Text:
    said = tr("✓ ticked: {text}") if task.done else tr("○ unticked: {text}")
    line = user_text(said.format(text=task.text), "done" if task.done else "")
    extra = " " + tr("(for {day})").format(day=task.occurrence) if task.each else ""
    progress = tr("({id}: {done}/{total} done)").format(
        id=result.event.id, done=result.event.tasks_done, total=result.event.tasks_total
    )
    line.append(f"{extra}  {progress}", style="muted")
    return line


def task_added_line(result: EventDetail, number: int) -> Text:
    task = (
        next(t for t in result.tasks if t.number == number) if any(t.number == number for t in result.tasks) else None
    )
    if task is None:
        return user_text(tr("+ added task {number} to {id}").format(number=number, id=result.event.id))
    return user_text(
        tr("+ added task {number} to {id}: {text} on {day}").format(
            number=number, id=result.event.id, text=task.text, day=task.date
        )
    )


def removed_line(event_id: str, text: str) -> Text:
    return user_text(tr("- removed from {id}: {text}").format(id=event_id, text=text))


def done_line(recorded: Recorded) -> Text:
    result, day = recorded.detail, recorded.day
    line = user_text(tr("✓ recorded {title} on {day}").format(title=result.event.title, day=day), "done")
    held = next((h for h in result.held if h.on == day), None)
    attendees = held.attendees if held else result.event.attendees
    if attendees is not None:
        expected = result.event.expected
        people = count(attendees, "person", "people")
        if expected is not None:
            line.append("  " + tr("{people} of {expected} expected").format(people=people, expected=expected))
        else:
            line.append(f"  {people}")
    if recorded.ticked:
        ticked = count(len(recorded.ticked), "task", "tasks")
        line.append(" · " + tr("ticked {tasks}").format(tasks=ticked), style="muted")
    if recorded.missed:
        missed = count(len(recorded.missed), "task", "tasks")
        line.append(" · " + tr("{tasks} missed").format(tasks=missed), style="muted")
    return line


def ask_missed(console: Console, pending: Pending) -> frozenset[int]:
    """On a terminal: which of the occurrence's day-of tasks did not happen (the rest are done)."""
    from rich.prompt import Prompt

    heading = tr("{title} on {day}: the tasks of the day").format(title=pending.title, day=pending.day)
    console.print(user_text(heading, "heading"))
    for task in pending.day_of:
        console.print(user_text(f"  {task.number}. {task.text}"))
    numbers = {task.number for task in pending.day_of}
    while True:
        question = tr("Numbers of those that did not happen (Enter: all were done)")
        answer = Prompt.ask(question, default="", console=console)
        picked = answer.replace(",", " ").split()
        if all(p.isdigit() and int(p) in numbers for p in picked):
            return frozenset(int(p) for p in picked)
        console.print(
            Text(
                tr("answer with numbers from the list ({numbers})").format(
                    numbers=", ".join(map(str, sorted(numbers)))
                ),
                style="warning",
            )
        )


def cancel_line(result: EventDetail, day: date | None, changed: bool) -> Text:
    title = result.event.title
    if day is not None:
        if not changed:
            text = tr("{title} on {day} was already cancelled; nothing changed").format(title=title, day=day)
            return user_text(text, "muted")
        return user_text(tr("✗ cancelled {title} on {day}").format(title=title, day=day))
    if not changed:
        return user_text(tr("{title} was already cancelled; nothing changed").format(title=title), "muted")
    return user_text(tr("✗ cancelled {title}").format(title=title), "overdue")

"""The sharing pipeline: pieces grouped by stage, one piece in full, a change made."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.capabilities.sharing.model import STAGES
from ccos.capabilities.sharing.results import Change, Piece, PieceDetail, Pipeline
from ccos.capabilities.sharing.words import kind_word, stage_titles, stage_word
from ccos.dates import short_day
from ccos.i18n import tr
from ccos.models.naming import make_id
from ccos.render.console import hours, name_column, user_text


def _marks(piece: Piece) -> str:
    marks = (tr("deep") if piece.deep else "", tr("personal") if piece.personal else "")
    return " ".join(mark for mark in marks if mark)


def _title(piece: Piece) -> Text:
    """The title, with the id after it when the id is not simply the title's (a -2 twin, a hand-made file)."""
    text = user_text(piece.title)
    if make_id(piece.title) != piece.id:
        text.append_text(user_text(f"  [{piece.id}]", "muted"))
    return text


def _when(piece: Piece, today: date | None = None) -> Text:
    if piece.stage == "published" and piece.published_on:
        return Text(tr("published {day}").format(day=short_day(piece.published_on, today)), style="done")
    if piece.stage == "dropped":
        if piece.dropped_on is None:
            return Text(tr("dropped"), style="muted")
        return Text(tr("dropped {day}").format(day=short_day(piece.dropped_on, today)), style="muted")
    if piece.due is None:
        return Text(tr("no due date"), style="muted")
    if piece.overdue:
        return Text(tr("due {day} OVERDUE").format(day=short_day(piece.due, today)), style="overdue")
    return Text(tr("due {day}").format(day=short_day(piece.due, today)))


def _hours(piece: Piece) -> str:
    if piece.stage == "published":
        return hours(piece.actual_hours)
    if piece.stage == "dropped":
        return ""
    if piece.actual_hours > 0:
        return tr("{hours} left").format(hours=hours(piece.remaining_hours))
    return hours(piece.estimate_hours)


def _table(pieces: Sequence[Piece], today: date | None = None) -> Table:
    # A title is never folded inside itself: it ends in an ellipsis (`share show` has it whole).
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1), expand=True)
    name_column(table, "title")
    table.add_column("kind", style="muted", no_wrap=True)
    table.add_column("platform", no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column("when", no_wrap=True)
    table.add_column("hours", justify="right", no_wrap=True)
    for piece in pieces:
        kind = Text(kind_word(piece.kind))
        marks = _marks(piece)
        if marks:
            kind.append(f" · {marks}")
        table.add_row(
            _title(piece),
            kind,
            user_text(piece.platform or "-", "muted"),
            _when(piece, today),
            _hours(piece),
        )
    return table


def print_pipeline(console: Console, pipeline: Pipeline, title: str, grouped: bool = True) -> None:
    head = Text(title, style="heading")
    counts = " · ".join(f"{stage_word(stage)} {pipeline.counts.get(stage, 0)}" for stage in STAGES)
    head.append("  " + counts, style="muted")
    console.print(head)
    if not pipeline.pieces:
        said = tr("Nothing here yet. Add a piece: {command}")
        console.print(Text(said.format(command="ccos share add TITLE --kind article --due fri"), "muted"))
        return
    if not grouped:
        console.print(_table(pipeline.pieces, pipeline.today))
        return
    titles = stage_titles()
    for stage in STAGES:
        pieces = [p for p in pipeline.pieces if p.stage == stage]
        if not pieces:
            continue
        console.print()
        console.print(Text(f"{titles[stage]} ({len(pieces)})", style="heading"))
        console.print(_table(pieces, pipeline.today))


def print_detail(console: Console, detail: PieceDetail, file: str) -> None:
    """`file`: the piece's file as a person should see it (workspace.display)."""
    piece = detail.piece
    console.print(user_text(piece.title, "heading"))
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
    table.add_column("key", style="muted", no_wrap=True)
    table.add_column("value", overflow="fold")
    if piece.is_open:
        spent = tr("estimate {estimate}, spent {spent}, {left} left")
    else:
        spent = tr("estimate {estimate}, spent {spent}")
    spent = spent.format(
        estimate=hours(piece.estimate_hours), spent=hours(piece.actual_hours), left=hours(piece.remaining_hours)
    )
    rows: list[tuple[str, Text]] = [
        ("id", user_text(piece.id)),
        (tr("stage"), Text(stage_word(piece.stage))),
        (tr("kind"), Text(kind_word(piece.kind))),
        (tr("depth"), Text(tr("deep") if piece.deep else tr("short update"))),
        (tr("mix"), Text(tr("personal") if piece.personal else tr("professional"))),
        (tr("where"), user_text(piece.platform or "-")),
        (tr("when"), _when(piece)),
        (tr("hours"), Text(spent)),
    ]
    if piece.url:
        rows.append(("url", user_text(piece.url)))
    if piece.tags:
        rows.append((tr("tags"), user_text(", ".join(piece.tags))))
    if piece.created:
        rows.append((tr("created"), Text(short_day(piece.created))))
    rows.append((tr("file"), user_text(file)))
    for key, value in rows:
        table.add_row(key, value)
    console.print(table)
    console.print()
    if detail.body is None:
        said = tr("No notes yet: {command}").format(command=f"ccos share edit {piece.id}")
        console.print(Text(said, style="muted"))
        return
    # Printed in batches, left to the terminal to wrap: one `print` per line, or Rich's
    # cropping of one long line, made `share show` on megabytes of notes take minutes.
    lines = detail.body.splitlines()
    for start in range(0, len(lines), _NOTE_BATCH):
        console.print(Text("\n").join(user_text(line) for line in lines[start : start + _NOTE_BATCH]), soft_wrap=True)


_NOTE_BATCH = 200


def _verbs() -> dict[str, str]:
    """What a write command says it did, before the piece's title (with its colon)."""
    return {
        "added": tr("+ added:"),
        "started": tr("✎ drafting:"),
        "ready": tr("✓ ready:"),
        "published": tr("★ published:"),
        "dropped": tr("- dropped:"),
        "edited": tr("✎ edited:"),
    }


def print_change(console: Console, change: Change) -> None:
    piece = change.piece
    verb = _verbs().get(change.action, change.action + ":")
    gap = "" if verb.endswith("：") else " "  # a full-width colon carries its own space
    line = Text(verb + gap, style="done" if change.changed else "muted")
    line.append_text(user_text(piece.title))
    line.append(f"  ({piece.id}", style="muted")
    line.append(", ")
    line.append_text(_when(piece))
    line.append(")", style="muted")
    if change.note:
        line.append(f"  {_note(change.note)}", style="muted")
    console.print(line)
    if change.action == "added" and piece.stage == "idea" and piece.due is None:
        said = tr("An idea without a due date stays out of the plan until you start it.")
        console.print(Text("  " + said, style="muted"))


def _note(note: str) -> str:
    """A change's note (stages.VERBS `already`, English in the result) in words."""
    notes = {
        "already in drafting": tr("already in drafting"),
        "already ready": tr("already ready"),
        "already dropped": tr("already dropped"),
    }
    return notes.get(note, note)

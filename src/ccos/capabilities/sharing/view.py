"""The sharing pipeline: pieces grouped by stage, one piece in full, a change made."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.capabilities.sharing.model import STAGES
from ccos.capabilities.sharing.results import Change, Piece, PieceDetail, Pipeline
from ccos.models.naming import make_id
from ccos.render.console import hours, name_column, user_text

STAGE_TITLES = {
    "idea": "Ideas",
    "drafting": "Drafting",
    "ready": "Ready",
    "published": "Published",
    "dropped": "Dropped",
}


def _marks(piece: Piece) -> str:
    return " ".join(mark for mark in ("deep" if piece.deep else "", "personal" if piece.personal else "") if mark)


def _title(piece: Piece) -> Text:
    """The title, with the id after it when the id is not simply the title's (a -2 twin, a hand-made file)."""
    text = user_text(piece.title)
    if make_id(piece.title) != piece.id:
        text.append_text(user_text(f"  [{piece.id}]", "muted"))
    return text


def _when(piece: Piece) -> Text:
    if piece.stage == "published" and piece.published_on:
        return Text(f"published {piece.published_on.isoformat()}", style="done")
    if piece.stage == "dropped":
        return Text(f"dropped {piece.dropped_on.isoformat() if piece.dropped_on else ''}".rstrip(), style="muted")
    if piece.due is None:
        return Text("no due date", style="muted")
    if piece.overdue:
        return Text(f"due {piece.due.isoformat()} OVERDUE", style="overdue")
    return Text(f"due {piece.due.isoformat()}")


def _hours(piece: Piece) -> str:
    if piece.stage == "published":
        return hours(piece.actual_hours)
    if piece.stage == "dropped":
        return ""
    if piece.actual_hours > 0:
        return f"{hours(piece.remaining_hours)} left"
    return hours(piece.estimate_hours)


def _table(pieces: Sequence[Piece]) -> Table:
    # A title is never folded inside itself: it ends in an ellipsis (`share show` has it whole).
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1), expand=True)
    name_column(table, "title")
    table.add_column("kind", style="muted", no_wrap=True)
    table.add_column("platform", no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column("when", no_wrap=True)
    table.add_column("hours", justify="right", no_wrap=True)
    for piece in pieces:
        kind = Text(piece.kind)
        marks = _marks(piece)
        if marks:
            kind.append(f" · {marks}")
        table.add_row(
            _title(piece),
            kind,
            user_text(piece.platform or "-", "muted"),
            _when(piece),
            _hours(piece),
        )
    return table


def print_pipeline(console: Console, pipeline: Pipeline, title: str, grouped: bool = True) -> None:
    head = Text(title, style="heading")
    head.append("  " + " · ".join(f"{stage} {pipeline.counts.get(stage, 0)}" for stage in STAGES), style="muted")
    console.print(head)
    if not pipeline.pieces:
        console.print(Text("Nothing here yet. Add a piece: ccos share add TITLE --kind article --due fri", "muted"))
        return
    if not grouped:
        console.print(_table(pipeline.pieces))
        return
    for stage in STAGES:
        pieces = [p for p in pipeline.pieces if p.stage == stage]
        if not pieces:
            continue
        console.print()
        console.print(Text(f"{STAGE_TITLES[stage]} ({len(pieces)})", style="heading"))
        console.print(_table(pieces))


def print_detail(console: Console, detail: PieceDetail, file: str) -> None:
    """`file`: the piece's file as a person should see it (workspace.display)."""
    piece = detail.piece
    console.print(user_text(piece.title, "heading"))
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
    table.add_column("key", style="muted", no_wrap=True)
    table.add_column("value", overflow="fold")
    rows: list[tuple[str, Text]] = [
        ("id", user_text(piece.id)),
        ("stage", Text(piece.stage)),
        ("kind", Text(piece.kind)),
        ("depth", Text("deep" if piece.deep else "update")),
        ("mix", Text("personal" if piece.personal else "professional")),
        ("platform", user_text(piece.platform or "-")),
        ("when", _when(piece)),
        (
            "hours",
            Text(
                f"estimate {hours(piece.estimate_hours)}, spent {hours(piece.actual_hours)}"
                + (f", {hours(piece.remaining_hours)} left" if piece.is_open else "")
            ),
        ),
    ]
    if piece.url:
        rows.append(("url", user_text(piece.url)))
    if piece.tags:
        rows.append(("tags", user_text(", ".join(piece.tags))))
    if piece.created:
        rows.append(("created", Text(piece.created.isoformat())))
    rows.append(("file", user_text(file)))
    for key, value in rows:
        table.add_row(key, value)
    console.print(table)
    console.print()
    if detail.body is None:
        console.print(Text(f"No notes yet: ccos share edit {piece.id}", style="muted"))
        return
    # Printed in batches, left to the terminal to wrap: one `print` per line, or Rich's
    # cropping of one long line, made `share show` on megabytes of notes take minutes.
    lines = detail.body.splitlines()
    for start in range(0, len(lines), _NOTE_BATCH):
        console.print(Text("\n").join(user_text(line) for line in lines[start : start + _NOTE_BATCH]), soft_wrap=True)


_NOTE_BATCH = 200

_VERBS = {
    "added": "+ added",
    "started": "✎ drafting",
    "ready": "✓ ready",
    "published": "★ published",
    "dropped": "- dropped",
    "edited": "✎ edited",
}


def print_change(console: Console, change: Change) -> None:
    piece = change.piece
    line = Text(_VERBS.get(change.action, change.action) + ": ", style="done" if change.changed else "muted")
    line.append_text(user_text(piece.title))
    line.append(f"  ({piece.id}", style="muted")
    line.append(", ")
    line.append_text(_when(piece))
    line.append(")", style="muted")
    if change.note:
        line.append(f"  {change.note}", style="muted")
    console.print(line)
    if change.action == "added" and piece.stage == "idea" and piece.due is None:
        console.print(Text("  An idea without a due date stays out of the plan until you start it.", style="muted"))

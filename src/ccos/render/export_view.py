"""Exports and imports: a progress bar on stderr (only on a terminal), and one line when done."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console

from ccos.models.export import ExportResult, ImportResult
from ccos.render.console import make_console, user_text

ProgressCallback = Callable[[str, int, int], None]


@contextlib.contextmanager
def progress_bar(console: Console | None = None) -> Iterator[ProgressCallback]:
    """A callback `(what, done, total)` for the services; a no-op unless stderr is a terminal."""
    errors = console or make_console(stderr=True)
    if not errors.is_terminal:
        yield lambda _what, _done, _total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=errors, transient=True
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def update(what: str, done: int, total: int) -> None:
            if what not in tasks:
                tasks[what] = progress.add_task(what, total=max(total, 1))
            progress.update(tasks[what], completed=done, total=max(total, 1))

        yield update


def print_written(result: ExportResult) -> None:
    """`wrote 12 calendar items to ccos.ics` on stderr (stdout may be the export itself)."""
    errors = make_console(stderr=True)
    unit = {"ics": "calendar items", "json": "files", "markdown": "lines"}[result.what]
    if result.path is not None:
        errors.print(user_text(f"Wrote {result.count} {unit} to {result.path}", "ok"))
    if result.skipped:
        shown = ", ".join(result.skipped[:5]) + (
            f" and {len(result.skipped) - 5} more" if len(result.skipped) > 5 else ""
        )
        errors.print(
            user_text(f"note: left out {len(result.skipped)} files that are not UTF-8 text: {shown}", "warning")
        )


def print_imported(result: ImportResult, git: bool) -> None:
    console = make_console()
    verb = "Finished the interrupted import of" if result.resumed else "Imported"
    console.print(user_text(f"{verb} {result.files} files into {result.root}", "ok"))
    if git:
        console.print(user_text("The files are not committed yet: run `ccos sync` (or git commit) there.", "muted"))

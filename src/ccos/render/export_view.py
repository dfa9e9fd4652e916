"""Exports and imports: a progress bar on stderr (only on a terminal), and one line when done."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console

from ccos.i18n import tr
from ccos.models.export import ExportResult, ImportResult
from ccos.render.console import make_console, user_text
from ccos.words import count

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
    n = result.count
    unit = {
        "ics": count(n, "calendar item", "calendar items"),
        "json": count(n, "file", "files"),
        "markdown": count(n, "line", "lines"),
    }[result.what]
    if result.path is not None:
        errors.print(user_text(tr("Wrote {what} to {path}").format(what=unit, path=result.path), "ok"))
    if result.skipped:
        more = len(result.skipped) - 5
        shown = ", ".join(result.skipped[:5]) + (tr(" and {n} more").format(n=more) if more > 0 else "")
        note = tr("left out {files} that are not UTF-8 text: {shown}").format(
            files=count(len(result.skipped), "file", "files"), shown=shown
        )
        errors.print(user_text(tr("note: {note}").format(note=note), "warning"))


def print_imported(result: ImportResult, git: bool) -> None:
    console = make_console()
    files = count(result.files, "file", "files")
    if result.resumed:
        done = tr("Finished the interrupted import of {files} into {root}").format(files=files, root=result.root)
    else:
        done = tr("Imported {files} into {root}").format(files=files, root=result.root)
    console.print(user_text(done, "ok"))
    if git:
        console.print(user_text(tr("The files are not committed yet: run `ccos sync` (or git commit) there."), "muted"))

"""`ccos sync`: a spinner on a terminal while git works, then one line of what happened."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime

from rich.console import Console
from rich.text import Text

from ccos.i18n import ntr, tr
from ccos.models.sync import SyncResult, SyncStatus
from ccos.render.console import user_text
from ccos.words import count


@contextlib.contextmanager
def spinner(console: Console, first: str) -> Iterator[Callable[[str], None]]:
    """A spinner whose text the service updates; nothing at all when not on a terminal."""
    if not console.is_terminal:
        yield lambda _text: None
        return
    with console.status(user_text(first), spinner="dots") as status:
        yield lambda text: status.update(user_text(text))


def sync_line(result: SyncResult) -> Text:
    parts = []
    if result.commit:
        parts.append(
            tr("committed {changes} ({commit})").format(
                changes=count(len(result.committed), "change", "changes"), commit=result.commit
            )
        )
    else:
        parts.append(tr("nothing new to commit"))
    if result.remote is not None:
        if result.pulled:
            parts.append(tr("pulled {commits}").format(commits=count(result.pulled, "commit", "commits")))
        if result.merged:
            parts.append(tr("merged {files} from both sides (union of ticks)").format(files=", ".join(result.merged)))
        if result.pushed:
            parts.append(tr("pushed {commits}").format(commits=count(result.pushed, "commit", "commits")))
        elif result.push_skipped:
            parts.append(tr("not pushed (--no-push)"))
        if not (result.pulled or result.pushed or result.push_skipped):
            parts.append(tr("already up to date"))
        head = tr("synced with {remote}: ").format(remote=result.remote)
    else:
        head = tr("committed locally: ") if result.commit else tr("no remote: ")
    line = Text("✓ " if result.remote is not None else "• ", style="ok" if result.remote is not None else "warning")
    line.append_text(user_text(head + tr("; ").join(parts)))
    return line


def print_sync(console: Console, errors: Console, result: SyncResult) -> None:
    console.print(sync_line(result), soft_wrap=True)
    if result.message and result.commit:
        console.print(user_text("  " + result.message.splitlines()[0], "muted"))
    if result.add_remote_hint:
        errors.print(user_text(tr("note: {note}").format(note=result.add_remote_hint), "warning"))
    if result.ignored:
        more = len(result.ignored) - 5
        shown = ", ".join(result.ignored[:5]) + (tr(" and {n} more").format(n=more) if more > 0 else "")
        note = tr(
            "not synced, because .gitignore leaves them out: {shown}; if that is not what you want, "
            "remove the line that `git check-ignore -v {file}` names and run ccos sync again"
        ).format(shown=shown, file=result.ignored[0])
        errors.print(
            user_text(tr("note: {note}").format(note=note), "warning"),
            soft_wrap=True,
        )


def _when(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return tr("never (on this machine)")
    seconds = (now - moment).total_seconds()
    if seconds < 90:
        ago = tr("just now")
    elif seconds < 90 * 60:
        ago = tr("{n} min ago").format(n=round(seconds / 60))
    elif seconds < 36 * 3600:
        ago = tr("{n} h ago").format(n=round(seconds / 3600))
    else:
        days = round(seconds / 86400)
        ago = ntr("{n} day ago", "{n} days ago", days).format(n=days)
    return f"{moment.strftime('%Y-%m-%d %H:%M')} ({ago})"


def print_status(console: Console, status: SyncStatus, now: datetime) -> None:
    branch = status.branch or tr("(no branch: detached HEAD)")
    if status.remote is None:
        console.print(
            user_text(
                tr("branch {branch}; no remote configured (commits stay on this machine)").format(branch=branch),
                "warning",
            )
        )
    else:
        line = user_text(tr("branch {branch} ↔ {remote}: ").format(branch=branch, remote=status.remote))
        if status.online is False:
            line.append(tr("offline"), style="warning")
            line.append_text(
                user_text(tr(" ({reason}); as of the last fetch: ").format(reason=status.offline_reason), "muted")
            )
        ahead, behind = status.ahead or 0, status.behind or 0
        if not ahead and not behind:
            line.append(tr("up to date"), style="ok")
        else:
            line.append(tr("{ahead} ahead, {behind} behind").format(ahead=ahead, behind=behind), style="near")
        console.print(line)
    if status.in_progress:
        console.print(
            user_text(
                tr("unfinished: {what} is in progress (ccos sync will refuse)").format(what=status.in_progress), "over"
            )
        )
    if status.uncommitted:
        changes = count(len(status.uncommitted), "change", "changes")
        console.print(user_text(tr("uncommitted: {changes}").format(changes=changes), "near"))
        for change in status.uncommitted[:20]:
            console.print(user_text(f"  {change.status} {change.path}", "muted"))
        if len(status.uncommitted) > 20:
            console.print(user_text("  … " + tr("and {n} more").format(n=len(status.uncommitted) - 20), "muted"))
    else:
        console.print(user_text(tr("uncommitted: nothing"), "ok"))
    last = status.last_sync
    reference = now if last is None or last.tzinfo else now.replace(tzinfo=None)
    console.print(user_text(tr("last sync: {when}").format(when=_when(last, reference))))

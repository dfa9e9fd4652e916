"""`ccos sync`: a spinner on a terminal while git works, then one line of what happened."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime

from rich.console import Console
from rich.text import Text

from ccos.models.sync import SyncResult, SyncStatus
from ccos.render.console import user_text


@contextlib.contextmanager
def spinner(console: Console, first: str) -> Iterator[Callable[[str], None]]:
    """A spinner whose text the service updates; nothing at all when not on a terminal."""
    if not console.is_terminal:
        yield lambda _text: None
        return
    with console.status(user_text(first), spinner="dots") as status:
        yield lambda text: status.update(user_text(text))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def sync_line(result: SyncResult) -> Text:
    parts = []
    if result.commit:
        parts.append(f"committed {_plural(len(result.committed), 'change')} ({result.commit})")
    else:
        parts.append("nothing new to commit")
    if result.remote is not None:
        if result.pulled:
            parts.append(f"pulled {_plural(result.pulled, 'commit')}")
        if result.merged:
            parts.append(f"merged {', '.join(result.merged)} from both sides (union of ticks)")
        if result.pushed:
            parts.append(f"pushed {_plural(result.pushed, 'commit')}")
        elif result.push_skipped:
            parts.append("not pushed (--no-push)")
        if not (result.pulled or result.pushed or result.push_skipped):
            parts.append("already up to date")
        head = f"synced with {result.remote}: "
    else:
        head = "committed locally: " if result.commit else "no remote: "
    line = Text("✓ " if result.remote is not None else "• ", style="ok" if result.remote is not None else "warning")
    line.append_text(user_text(head + "; ".join(parts)))
    return line


def print_sync(console: Console, errors: Console, result: SyncResult) -> None:
    console.print(sync_line(result), soft_wrap=True)
    if result.message and result.commit:
        console.print(user_text("  " + result.message.splitlines()[0], "muted"))
    if result.add_remote_hint:
        errors.print(user_text(f"note: {result.add_remote_hint}", "warning"))
    if result.ignored:
        more = len(result.ignored) - 5
        shown = ", ".join(result.ignored[:5]) + (f" and {more} more" if more > 0 else "")
        errors.print(
            user_text(
                f"note: not synced, because .gitignore leaves them out: {shown}; if that is not what you want, "
                f"remove the line that `git check-ignore -v {result.ignored[0]}` names and run ccos sync again",
                "warning",
            ),
            soft_wrap=True,
        )


def _when(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never (on this machine)"
    seconds = (now - moment).total_seconds()
    if seconds < 90:
        ago = "just now"
    elif seconds < 90 * 60:
        ago = f"{round(seconds / 60)} min ago"
    elif seconds < 36 * 3600:
        ago = f"{round(seconds / 3600)} h ago"
    else:
        ago = f"{round(seconds / 86400)} days ago"
    return f"{moment.strftime('%Y-%m-%d %H:%M')} ({ago})"


def print_status(console: Console, status: SyncStatus, now: datetime) -> None:
    branch = status.branch or "(no branch: detached HEAD)"
    if status.remote is None:
        console.print(user_text(f"branch {branch}; no remote configured (commits stay on this machine)", "warning"))
    else:
        line = user_text(f"branch {branch} ↔ {status.remote}: ")
        if status.online is False:
            line.append("offline", style="warning")
            line.append_text(user_text(f" ({status.offline_reason}); as of the last fetch: ", "muted"))
        ahead, behind = status.ahead or 0, status.behind or 0
        if not ahead and not behind:
            line.append("up to date", style="ok")
        else:
            line.append(f"{ahead} ahead, {behind} behind", style="near")
        console.print(line)
    if status.in_progress:
        console.print(user_text(f"unfinished: {status.in_progress} is in progress (ccos sync will refuse)", "over"))
    if status.uncommitted:
        console.print(user_text(f"uncommitted: {_plural(len(status.uncommitted), 'change')}", "near"))
        for change in status.uncommitted[:20]:
            console.print(user_text(f"  {change.status} {change.path}", "muted"))
        if len(status.uncommitted) > 20:
            console.print(user_text(f"  … and {len(status.uncommitted) - 20} more", "muted"))
    else:
        console.print(user_text("uncommitted: nothing", "ok"))
    last = status.last_sync
    reference = now if last is None or last.tzinfo else now.replace(tzinfo=None)
    console.print(user_text(f"last sync: {_when(last, reference)}"))

"""`sync.autocommit = true`: every command that changed files commits exactly those files.

Called by `Workspace.locked()` when a write command's body succeeded, still under the
workspace lock, so the commit holds what this command wrote and nothing another ccos
wrote meanwhile. A failed autocommit never fails the command (the change is saved on
disk, and `ccos sync` commits it later): it becomes a note the command prints on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ccos.errors import CcosError

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def commit_message(summary: str, lines: list[str], user_message: str | None = None, prefix: str = "") -> str:
    """Subject: the person's --message, else the summary of what changed; body: every change."""
    subject = user_message.strip() if user_message and user_message.strip() else f"{prefix}{summary}"
    body = "\n".join(lines)
    if user_message or len(lines) > 1:
        return f"{subject}\n\n{body}"
    return subject


def change_lines(changes: list[tuple[str, str]]) -> list[str]:
    from ccos.storage.file_kinds import describe_changes

    return [describe_changes([change], limit=1) for change in sorted(changes, key=lambda change: change[1])]


def autocommit(workspace: Workspace, command: str, paths: list[Path]) -> str | None:
    """Commit PATHS when the workspace asks for it; a note for the person when that failed."""
    from ccos.storage.file_kinds import describe_changes
    from ccos.storage.git import Repository

    try:
        if not workspace.config().sync.autocommit:
            return None
    except CcosError:
        return None
    relatives = sorted({path.relative_to(workspace.root).as_posix() for path in paths if workspace.contains(path)})
    if not relatives:
        return None
    try:
        repo = Repository.open(workspace.root)
        repo.refuse_unfinished_work()
        staged = repo.stage(relatives)
        if not staged:
            return None
        pairs = [(change.status, change.path) for change in staged]
        message = commit_message(describe_changes(pairs), change_lines(pairs), prefix=f"ccos {command}: ")
        repo.commit_staged(message, [change.path for change in staged], workspace.config().profile.name)
    except CcosError as exc:
        return f"not committed (sync.autocommit): {exc.message}; your change is saved, and `ccos sync` commits it"
    return None

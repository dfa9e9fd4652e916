"""`sync.autocommit = true`: every command that changed files commits exactly those files.

Called by `Workspace.locked()` when a write command's body succeeded, still under the
workspace lock, so the commit holds what this command wrote and nothing another ccos
wrote meanwhile. A failed autocommit never fails the command (the change is saved on
disk, and `ccos sync` commits it later): it becomes a note the command prints on stderr.

Commit messages are written here for both autocommit and `ccos sync`: a subject in words,
and a body listing every change, or, beyond `LIST_LIMIT` changes, counts per kind and the
first `FIRST_NAMES` names (an import of thousands of files makes a short message).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ccos.errors import CcosError

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

LIST_LIMIT = 20  # up to this many changes, the body lists each one
FIRST_NAMES = 10  # beyond it, the body names this many, after the counts


def commit_message(summary: str, lines: list[str], user_message: str | None = None, prefix: str = "") -> str:
    """Subject: the person's --message, else the summary of what changed; body: the changes."""
    subject = user_message.strip() if user_message and user_message.strip() else f"{prefix}{summary}"
    body = "\n".join(lines)
    if user_message or len(lines) > 1:
        return f"{subject}\n\n{body}"
    return subject


def change_lines(changes: list[tuple[str, str]]) -> list[str]:
    """One line per change; beyond LIST_LIMIT: the counts, the first names and how many more."""
    from ccos.storage.file_kinds import describe_changes

    ordered = sorted(changes, key=lambda change: change[1])
    if len(ordered) <= LIST_LIMIT:
        return [describe_changes([change], limit=1) for change in ordered]
    from ccos.i18n import tr
    from ccos.words import count

    verbs = Counter(status for status, _path in ordered)
    kinds = Counter(kind_word(path) for _status, path in ordered)
    said = {"A": tr("{n} added"), "M": tr("{n} updated"), "D": tr("{n} deleted")}
    counted = ", ".join(said[status].format(n=verbs[status]) for status in ("A", "M", "D") if verbs[status])
    by_kind = ", ".join(f"{word} {n}" for word, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    lines = [
        tr("{changes}: {counted}").format(changes=count(len(ordered), "change", "changes"), counted=counted),
        tr("by kind: {kinds}").format(kinds=by_kind),
        *(describe_changes([change], limit=1) for change in ordered[:FIRST_NAMES]),
        tr("and {n} more (`git show --stat` of this commit lists them all)").format(n=len(ordered) - FIRST_NAMES),
    ]
    return lines


def kind_word(path: str) -> str:
    """'checklist', 'piece', 'session', ... (the file kind's label without its names); 'other file'."""
    from ccos.i18n import tr
    from ccos.storage.file_kinds import kind_of
    from ccos.words import plural

    kind = kind_of(path)
    if kind is None:
        return tr("other file")
    word = re.sub(r"\{[^}]*\}", "", kind.label)
    return " ".join(word.replace("/", " ").split()) or plural(1, "file", "files")


def autocommit(workspace: Workspace, command: str, paths: list[Path]) -> str | None:
    """Commit PATHS when the workspace asks for it; a note for the person when that failed."""
    from ccos.storage.file_kinds import describe_changes
    from ccos.storage.git import Repository, is_local_state

    try:
        settings = workspace.config().sync
        if not settings.autocommit:
            return None
    except CcosError:
        return None
    inside = {path.relative_to(workspace.root).as_posix() for path in paths if workspace.contains(path)}
    relatives = sorted(relative for relative in inside if not is_local_state(relative))
    if not relatives:
        return None
    try:
        repo = Repository.open(workspace.root, allow_hooks=settings.allow_hooks)
        repo.refuse_unfinished_work()
        staged = repo.stage(relatives)
        if not staged:
            return None
        pairs = [(change.status, change.path) for change in staged]
        message = commit_message(describe_changes(pairs), change_lines(pairs), prefix=f"ccos {command}: ")
        repo.commit_staged(message, [change.path for change in staged], workspace.config().profile.name)
    except CcosError as exc:
        from ccos.i18n import tr

        return tr("not committed (sync.autocommit): {why}; your change is saved, and `ccos sync` commits it").format(
            why=exc.message
        )
    return None

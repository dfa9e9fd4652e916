"""The write transaction: how every command that changes the workspace does it.

    with workspace.locked("mentee log") as transaction:
        ...read what the change needs (strictly, or from the index while unchanged)...
        ...write each file once (workspace.write_text / delete, or a Collection)...

Entering it: ccos.toml is checked (a command must not write its file and only then
stumble over a broken profile), the workspace lock is taken (storage/lock.py), a git
rebase/merge/cherry-pick/revert in progress is refused (exit 4: `--abort` would throw
away what ccos writes), `.ccos/` folders that are links or a stranger's are set aside, and
an earlier command's unfinished change is rolled back from its journal.

Inside it: before each change the previous version is kept (a backup in `.ccos/backups/`
unless git's index already holds it) and journaled (storage/journal.py), so a crash at any
point leaves either the old or the new state.

Leaving it: on an exception every file written is put back; on success the journal is
closed and `sync.autocommit` commits the changed files, before the lock is released.
"""

from __future__ import annotations

import contextlib
import os
from types import TracebackType
from typing import TYPE_CHECKING

from ccos.errors import CcosError, SyncStopped
from ccos.i18n import tr
from ccos.storage.backups import GitIndex, save_backup
from ccos.storage.journal import Journal, pending, roll_back
from ccos.storage.local_state import repair_state_dirs
from ccos.storage.lock import hold_lock

if TYPE_CHECKING:
    from pathlib import Path

    from ccos.storage.workspace import Workspace

GIT_AWARE_COMMANDS = frozenset({"sync"})  # it checks for git operations itself, naming the files


class Backups:
    """The previous version of each file a command changes, unless git can give it back."""

    def __init__(self, root: Path, state_dir: Path) -> None:
        self.root = root
        self.state_dir = state_dir
        self._git: GitIndex | None = None

    def keep(self, relative: str, old: bytes) -> None:
        if self._git is None:
            self._git = GitIndex(self.root)
        if not self._git.holds(relative, old):
            save_backup(self.state_dir, relative, old)


class Transaction:
    """One command's change to the workspace (see the module's docstring)."""

    def __init__(
        self, workspace: Workspace, command: str, *, autocommit: bool = True, journal: bool = True,
        check_config: bool = True,
    ) -> None:  # fmt: skip
        self.workspace = workspace
        self.command = command
        self.autocommit = autocommit
        self.journaling = journal
        self.check_config = check_config
        self.backups = Backups(workspace.root, workspace.state_dir)
        self.journal: Journal | None = None
        self._stack = contextlib.ExitStack()
        self._first = 0

    def __enter__(self) -> Transaction:
        workspace = self.workspace
        if self.check_config:
            workspace.config()
        self._stack.enter_context(hold_lock(workspace.state_dir, self.command))
        try:
            self._refuse_during_git_operation()
            repair_state_dirs(workspace.root)  # a link or a stranger's folder in .ccos/ is set aside, with a note
            for stale in pending(workspace.state_dir):
                recovery = roll_back(workspace.root, workspace.state_dir, stale)
                workspace.notes.append(recovery.summary())
                for outcome in recovery.outcomes:
                    workspace.forget_read(workspace.root / outcome.path)
        except BaseException:
            self._stack.close()
            raise
        self._first = len(workspace.changed)
        workspace.transaction = self
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        workspace = self.workspace
        workspace.transaction = None
        with self._stack:  # the lock is released last, whatever happens
            if error is not None:
                if self.journal is not None:
                    self._undo(self.journal)
                return
            if self.journal is not None:
                self.journal.finish()
                self.journal = None
            changed = workspace.changed[self._first :]
            if self.autocommit and changed:
                from ccos.storage.autocommit import autocommit as commit_changes

                note = commit_changes(workspace, self.command, changed)
                if note:
                    workspace.notes.append(note)

    def before_change(self, relative: str, old: bytes | None, new: bytes | None) -> None:
        """Called by the workspace before it writes or deletes `relative`."""
        if old is not None:
            self.backups.keep(relative, old)
        if self.journaling:
            if self.journal is None:
                self.journal = Journal(self.workspace.state_dir, self.command)
            self.journal.record(relative, old, new)

    def _refuse_during_git_operation(self) -> None:
        """Exit 4 before any change while git is in the middle of a rebase, merge, cherry-pick or
        revert: `git rebase --abort` would silently throw away what the command writes.

        Checked under the lock (sync holds it while it rebases, so a waiting command never
        sees sync's own rebase). `sync` checks for itself, naming the unresolved files.
        """
        if self.command in GIT_AWARE_COMMANDS:
            return
        from ccos.storage.workspace import find_git_dir

        root = self.workspace.root
        git_dir = find_git_dir(root)
        if git_dir is None:
            return
        from ccos.storage.git import IN_PROGRESS, quoted

        for marker, what, verb in IN_PROGRESS:
            if os.path.lexists(git_dir / marker):
                git = f"git -C {quoted(root)}"
                raise SyncStopped(
                    tr("{root} is in the middle of {what}; ccos {command} changed nothing").format(
                        root=root, what=what, command=self.command
                    ),
                    tr(
                        "finish it first (`{git} status` shows where it stands; resolve, `git add` the files, then "
                        "`{git} {verb} --continue`) or give it up with `{git} {verb} --abort`; then run ccos again"
                    ).format(git=git, verb=verb),
                )

    def _undo(self, journal: Journal) -> None:
        """The command failed after writing some files: put them back (or leave the journal to doctor)."""
        self.journal = None
        workspace = self.workspace
        try:
            recovery = roll_back(workspace.root, workspace.state_dir, journal.path)
        except CcosError:
            workspace.notes.append(tr("could not roll back an unfinished change; run `ccos doctor --fix`"))
            return
        for outcome in recovery.outcomes:
            workspace.forget_read(workspace.root / outcome.path)
        if any(outcome.action in ("restored", "removed") for outcome in recovery.outcomes):
            workspace.notes.append(recovery.summary(failed=True))

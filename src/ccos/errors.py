"""One exception family: each error carries its exit code and a hint.

Services and storage raise these; the single boundary in `ccos.commands.app` turns them
into a one-line message on stderr and the documented exit code (see the CLI contract).
"""

from __future__ import annotations

from pathlib import Path

from ccos.i18n import tr


class CcosError(Exception):
    """Base of every error a user may see. Exit code 1 means a bug in ccos."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InvalidInput(CcosError):
    """A bad option, date, period or name: exit 2, nothing written."""

    exit_code = 2


class NotFound(InvalidInput):
    """An unknown reference (a mentee, an item): exit 2 with the closest names."""


class Ambiguous(InvalidInput):
    """A reference that matches several things: exit 2 listing the candidates."""


class WorkspaceMissing(InvalidInput):
    """No workspace where one was looked for."""


class InvalidFile(InvalidInput):
    """A workspace file that does not read, parse or validate: exit 2, named precisely."""

    def __init__(
        self,
        path: Path | str,
        problem: str,
        *,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        self.column = column
        self.key = key
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        what = f"{key}: {problem}" if key else problem
        super().__init__(f"{where}: {what}", hint or tr("fix the file by hand (or restore it with git) and run again"))


class WorkspaceBusy(CcosError):
    """Another ccos holds the workspace lock: exit 3."""

    exit_code = 3


class ChangedOnDisk(CcosError):
    """A file changed on disk between ccos reading and writing it: exit 3."""

    exit_code = 3


class SyncStopped(CcosError):
    """Sync stopped with local data kept (conflict, rebase in progress, push rejected)."""

    exit_code = 4


class EnvironmentFailure(CcosError):
    """Disk full, permission denied, a missing program: exit 5."""

    exit_code = 5


def from_os_error(exc: OSError, path: Path | str | None = None) -> CcosError:
    """Translate an OSError into the contract's vocabulary, naming the path."""
    import errno

    from ccos.i18n import tr

    where = str(path or exc.filename or tr("workspace"))
    if exc.errno == errno.ENOSPC:
        return EnvironmentFailure(tr("{where}: disk full").format(where=where), tr("free some space and run again"))
    if exc.errno == errno.EROFS:
        return EnvironmentFailure(
            tr("{where}: read-only file system").format(where=where),
            tr(
                "the disk holding the workspace is mounted read-only: remount it read-write (or copy the workspace "
                "to a writable place) and run again"
            ),
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return EnvironmentFailure(
            tr("{where}: permission denied").format(where=where), tr("check the permissions of the workspace folder")
        )
    return EnvironmentFailure(f"{where}: {exc.strerror or exc}", None)

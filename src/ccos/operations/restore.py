"""`ccos restore FILE`: get an earlier version of a workspace file back.

The versions are the backups ccos took before it replaced or deleted the file
(storage/backups.py, numbered 1 = newest) and, in a git workspace, the file's last commits
(`git:<commit>`). Restoring goes through the normal write path, so the version it replaces
is itself backed up: a restore can be undone with another restore.

A pushed commit can put files under `.ccos/backups/`: a version there that git tracks did
not come from this machine and is neither listed nor restored; backups are read without
following links.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from ccos.errors import InvalidFile, InvalidInput, NotFound
from ccos.i18n import tr
from ccos.storage.backups import Backup
from ccos.storage.safe_paths import UnsafePath, check_relative, read_regular
from ccos.storage.workspace import Workspace
from ccos.words import count

GIT_VERSIONS = 10


class Version(BaseModel):
    version: str  # "1", "2", ... (backups, newest first) or "git:<short commit>"
    source: str  # backup | git
    taken: str  # ISO time (UTC for backups, the commit's time for git)
    size: int | None
    detail: str  # the backup file, or the commit's subject


class Versions(BaseModel):
    file: str
    exists: bool
    versions: list[Version]


class Restored(BaseModel):
    file: str
    version: str
    created: bool  # the file did not exist before


def resolve_file(workspace: Workspace, file: str, cwd: Path) -> str:
    """FILE relative to the workspace (given relative to it, to the current folder, or absolute)."""
    given = Path(file)
    inside = []
    for candidate in [given] if given.is_absolute() else [workspace.root / given, cwd / given]:
        absolute = candidate.absolute()
        try:  # the folder resolved, the file itself not (a link there is refused when written)
            relative = (absolute.parent.resolve() / absolute.name).relative_to(workspace.root.resolve()).as_posix()
            inside.append(check_relative(relative))
        except (ValueError, UnsafePath):
            continue
    if not inside:
        raise InvalidInput(
            tr("{file} is not a file of the workspace {root}").format(file=file, root=workspace.root),
            tr("give a path inside the workspace"),
        )
    for relative in inside:
        if (workspace.root / relative).is_file() or list_versions(workspace, relative).versions:
            return relative
    return inside[0]


def _own_backups(workspace: Workspace, relative: str) -> list[Backup]:
    """The backups of a file that this machine took.

    ccos never commits `.ccos/`, so a version that git tracks, or that any commit ever held
    (it stays on disk after `doctor --fix` untracks it), came with a pushed commit.
    """
    from ccos.storage.backups import GitIndex, list_backups

    backups = list_backups(workspace.state_dir, relative)
    if not backups:
        return []
    pushed = set(GitIndex(workspace.root).entries()) | _ever_committed(workspace, backups[0].path.parent)
    own = [b for b in backups if b.path.relative_to(workspace.root).as_posix() not in pushed]
    return [Backup(n, b.path, b.taken, b.size, b.sha256) for n, b in enumerate(own, start=1)]


def _ever_committed(workspace: Workspace, folder: Path) -> set[str]:
    """Paths under `folder` that some commit of the repository holds (one `git log`)."""
    from ccos.errors import CcosError
    from ccos.storage.git import git_available, run_git

    if not (workspace.root / ".git").exists() or not git_available():
        return set()
    relative = folder.relative_to(workspace.root).as_posix()
    try:
        result = run_git(
            workspace.root,
            "-c",
            "core.quotePath=false",
            "log",
            "--all",
            "--format=",
            "--name-only",
            "--",
            f"{relative}/",
            check=False,
        )
    except CcosError:
        return set()
    return {line for line in result.stdout.splitlines() if line}


def list_versions(workspace: Workspace, relative: str) -> Versions:
    versions = [
        Version(
            version=str(backup.number),
            source="backup",
            taken=datetime.fromtimestamp(backup.taken, UTC).isoformat(timespec="seconds"),
            size=backup.size,
            detail=backup.path.relative_to(workspace.root).as_posix(),
        )
        for backup in _own_backups(workspace, relative)
    ]
    versions += _git_versions(workspace, relative)
    return Versions(file=relative, exists=(workspace.root / relative).is_file(), versions=versions)


def _git_versions(workspace: Workspace, relative: str) -> list[Version]:
    from ccos.errors import CcosError
    from ccos.storage.git import git_available, run_git

    if not (workspace.root / ".git").exists() or not git_available():
        return []
    try:
        result = run_git(
            workspace.root, "log", f"-n{GIT_VERSIONS}", "--format=%h%x09%cI%x09%s", "--", relative, check=False
        )
    except CcosError:
        return []
    found = []
    for line in result.stdout.splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            found.append(Version(version=f"git:{parts[0]}", source="git", taken=parts[1], size=None, detail=parts[2]))
    return found


def _check_git_entry(workspace: Workspace, relative: str, commit: str) -> None:
    """The commit must hold a regular file within its size limit (never a link's target as text).

    `git ls-tree -l` gives mode and size without reading the blob, so a huge one is never loaded.
    """
    from ccos.errors import CcosError
    from ccos.storage.git import run_git
    from ccos.storage.safe_paths import size_limit

    try:
        result = run_git(workspace.root, "ls-tree", "-l", "--full-tree", commit, "--", relative, check=False)
    except CcosError:
        return  # `show` below names the missing commit or file
    line = result.stdout.splitlines()[0] if result.returncode == 0 and result.stdout else ""
    meta = line.split("\t", 1)[0].split()
    if len(meta) != 4:
        return
    mode, _kind, _blob, size = meta
    if mode not in ("100644", "100755"):
        what = (
            tr("a symbolic link") if mode == "120000" else tr("not a regular file (git mode {mode})").format(mode=mode)
        )
        raise InvalidInput(
            tr("{relative} in commit {commit} is {what}").format(relative=relative, commit=commit, what=what),
            tr("pick another version"),
        )
    if size.isdigit() and int(size) > size_limit(relative):
        raise InvalidInput(
            tr("{relative} in commit {commit} is {int} bytes, over the {size_limit} byte limit").format(
                relative=relative, commit=commit, int=int(size), size_limit=size_limit(relative)
            ),
            tr("pick another version"),
        )


def _content(workspace: Workspace, relative: str, version: str) -> bytes:
    if version.startswith("git:"):
        from ccos.storage.git import Repository

        commit = version[4:]
        if not commit or not all(c in "0123456789abcdefABCDEF" for c in commit):
            raise InvalidInput(
                tr("invalid value for --version: {version}").format(version=repr(version)),
                tr("use a number or git:COMMIT from --list"),
            )
        _check_git_entry(workspace, relative, commit)
        repo = Repository.open(workspace.root)
        data = repo.show(f"{commit}:{relative}")
        if data is None:
            raise NotFound(
                tr("{relative} does not exist in commit {commit}").format(relative=relative, commit=commit),
                tr("see `ccos restore {relative} --list`").format(relative=relative),
            )
        return data
    if not version.isdigit() or int(version) < 1:
        raise InvalidInput(
            tr("invalid value for --version: {version}").format(version=repr(version)),
            tr("use a number (1 = newest) or git:COMMIT"),
        )
    backups = _own_backups(workspace, relative)
    if int(version) > len(backups):
        raise NotFound(
            tr("{relative} has {n}, no version {version}").format(
                relative=relative, n=count(len(backups), "backup", "backups"), version=version
            ),
            tr("see `ccos restore {relative} --list`").format(relative=relative),
        )
    path = backups[int(version) - 1].path
    return read_regular(path, workspace.display(path), limit=1 << 30)[0]


def check_version(workspace: Workspace, relative: str, data: bytes) -> None:
    """The version must be a file ccos can read: refuse to restore a broken one."""
    from ccos.storage.file_kinds import kind_of
    from ccos.storage.markdown import parse_front_matter
    from ccos.storage.strict_read import decode_strict, parse_toml

    shown = Path(relative)
    text = decode_strict(shown, data)
    kind = kind_of(relative)
    model = kind.model_class() if kind else None
    if relative.endswith(".toml"):
        parsed = parse_toml(shown, text)
        if model is not None:
            workspace.validate(workspace.root / relative, text, parsed, model)
    elif relative.endswith(".md") and (text.startswith("+++") or (kind and kind.front_matter)):
        front, _body = parse_front_matter(shown, text)
        if model is not None:
            workspace.validate(workspace.root / relative, text, front, model, first_line=2)


def restore(workspace: Workspace, relative: str, version: str) -> Restored:
    data = _content(workspace, relative, version)
    try:
        check_version(workspace, relative, data)
    except InvalidFile as error:
        raise InvalidInput(
            tr("version {version} of {relative} is not a valid file ({message})").format(
                version=version, relative=relative, message=error.message
            ),
            tr("pick another version"),
        ) from None
    path = workspace.root / relative
    with workspace.locked("restore", check_config=False):
        workspace.check_target(path)
        created = not os.path.lexists(path)
        if not created:
            workspace.read_bytes(path)
        workspace.write_text(path, data.decode("utf-8"))
    return Restored(file=relative, version=version, created=created)

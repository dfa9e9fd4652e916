"""`ccos doctor`: every problem of a workspace in one pass, each with file:line and what to do.

It reads every file as the commands would (strict read, parse, validate: the
`storage/file_kinds.py` registry), checks what files say about each other (a session
folder without its mentee, a checklist whose period disagrees with its name, a piece's
notes without the piece), looks for what an interrupted write leaves behind (temporary
files, the journal of a command killed half-way), and asks git whether it is in the middle
of something. A key that no field of its file's model reads (a typo such as `weekly_hour`,
or a key of a newer ccos) is an `unknown_key` warning: listed with its file, line and the
closest known key, but the workspace stays healthy (exit 0), and `--fix` never removes it.
It also checks the derived index (`.ccos/index.sqlite`) against a fresh strict read of
every file it answers for (`index_stale`, an error) and says when the index file cannot be
used (`index_unusable`, a warning).
`repair` fixes only what is safe: stale temporary files (their writer is gone),
interrupted commands (rolled back from their journal), machine-local files that git
tracks (untracked with `git rm --cached`, kept on disk) and such an index (removed; the
next command rebuilds it from the files).

The walk never follows a link and never opens anything but a regular file (`lstat`
first): a directory, FIFO, socket, device or symlink where a workspace file or folder
belongs is a problem of its own (`not_a_file`, `not_a_folder`), and the checks that
read files as the commands do run only when there is none, so doctor cannot hang on a
FIFO or read through a link.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from ccos.errors import CcosError, InvalidFile
from ccos.i18n import ntr, tr
from ccos.storage.safe_paths import what_it_is
from ccos.storage.workspace import STATE_DIR, Workspace
from ccos.words import count


class Problem(BaseModel):
    # invalid_file, mismatched_name, orphan_file, not_a_file, not_a_folder, stale_temp_file, interrupted_write,
    # tracked_local_state, git_*, unreadable, index_stale; and warnings: unknown_key, index_unusable, no_workspace_id
    code: str
    file: str | None = None
    line: int | None = None
    message: str
    hint: str
    fixable: bool = False
    # "warning": reported, but the workspace is still healthy (exit 0; "warnings are success too")
    severity: Literal["error", "warning"] = "error"


class BackupUse(BaseModel):
    versions: int
    bytes: int


class DoctorReport(BaseModel):
    root: str
    files_checked: int
    problems: list[Problem]
    fixed: list[str]
    backups: BackupUse

    @property
    def healthy(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]


def _relative(workspace: Workspace, path: Path) -> str:
    return path.relative_to(workspace.root).as_posix()


@dataclass
class Inventory:
    """What the workspace holds, seen with lstat only: regular files, real folders, and the odd ones."""

    files: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    odd: list[Problem] = field(default_factory=list)


def _slot(relative: str, globs: tuple[str, ...]) -> bool:
    have = relative.split("/")
    for glob in globs:
        want = glob.split("/")
        if len(want) == len(have) and all(fnmatchcase(h, w) for h, w in zip(have, want, strict=True)):
            return True
    return False


def _odd(relative: str, mode: int, folder: bool) -> Problem:
    what = what_it_is(mode)
    if folder:
        message = tr("{what} where a folder belongs: ccos reads and writes only real folders and regular files here")
    else:
        message = tr("{what} where a file belongs: ccos reads and writes only real folders and regular files here")
    return Problem(
        code="not_a_folder" if folder else "not_a_file",
        file=relative,
        message=message.format(what=what),
        hint=tr(
            "move it out of the way (e.g. `mv {path} {path}.aside`; it may hold your data), "
            "then restore the file with `ccos restore` or git"
        ).format(path=relative),
    )


def inventory(workspace: Workspace) -> Inventory:
    """Walk the workspace without following links (not `.git`, not `.ccos/`, not temporary files)."""
    from ccos.registry import folder_slots
    from ccos.storage.atomic_write import TEMP_SUFFIX
    from ccos.storage.file_kinds import kind_of

    # folders ccos reads as folders: a link or a file there is a problem; a glob
    # ("mentees/*") may also hold files, so only a link there is
    slots = folder_slots()
    found = Inventory()
    pending = [""]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(workspace.root / folder) if folder else os.scandir(workspace.root),
                             key=lambda entry: entry.name)  # fmt: skip
        except OSError:
            continue
        for entry in entries:
            if not folder and entry.name in (".git", STATE_DIR):
                continue
            relative = f"{folder}/{entry.name}" if folder else entry.name
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                continue
            wants_folder = relative in slots and not any(char in relative for char in "*?[")
            if stat.S_ISDIR(mode):
                found.folders.append(relative)
                pending.append(relative)
                if kind_of(relative) is not None:
                    found.odd.append(_odd(relative, mode, folder=False))
            elif stat.S_ISREG(mode):
                if wants_folder:
                    found.odd.append(_odd(relative, mode, folder=True))
                elif not entry.name.endswith(TEMP_SUFFIX):
                    found.files.append(relative)
            elif stat.S_ISLNK(mode):
                if wants_folder or _slot(relative, slots):
                    found.odd.append(_odd(relative, mode, folder=True))
                elif kind_of(relative) is not None:
                    found.odd.append(_odd(relative, mode, folder=False))
            elif not entry.name.endswith(TEMP_SUFFIX):
                found.odd.append(_odd(relative, mode, folder=wants_folder))
    found.files.sort()
    found.folders.sort()
    return found


def _workspace_files(workspace: Workspace) -> list[str]:
    """Every regular file a person keeps in the workspace (not git's, not ccos's machine-local state)."""
    return inventory(workspace).files


def _file_problem(error: InvalidFile, relative: str) -> Problem:
    return Problem(
        code="invalid_file",
        file=relative,
        line=error.line,
        message=(f"{error.key}: {error.problem}" if error.key else error.problem)
        + (tr(" (column {column})").format(column=error.column) if error.column else ""),
        hint=error.hint or tr("fix the file by hand and run again"),
    )


def _check_files(workspace: Workspace, found: Inventory, problems: list[Problem], warnings: list[Problem]) -> int:
    from ccos.storage.file_kinds import validate_file

    problems.extend(found.odd)
    files = found.files
    for relative in files:
        try:
            validate_file(workspace, relative)
        except InvalidFile as error:
            problems.append(_file_problem(error, relative))
        except CcosError as error:
            problems.append(
                Problem(
                    code="unreadable", file=relative, message=error.message, hint=error.hint or tr("check the file")
                )
            )
        else:
            warnings.extend(_unknown_keys(workspace, relative))
    return len(files)


def unknown_key_hint() -> str:
    """What to do about an unknown key (in the current language)."""
    return tr(
        "fix the spelling or remove the key; `ccos doctor --fix` leaves it alone "
        "(it may be a key of a newer ccos, and edits by ccos keep it)"
    )


def _unknown_keys(workspace: Workspace, relative: str) -> list[Problem]:
    """The keys of a sound file that no field of its model reads (`unknown_key` warnings)."""
    from ccos.storage.file_kinds import kind_of
    from ccos.storage.markdown import FENCE, split_front_matter
    from ccos.storage.strict_read import parse_toml
    from ccos.storage.unknown_keys import line_of, message, unknown_keys

    kind = kind_of(relative)
    model = kind.model_class() if kind is not None else None
    if kind is None or model is None:
        return []
    path = workspace.root / relative
    shown = Path(workspace.display(path))
    try:
        text = workspace.read_text(path)
        if relative.endswith(".toml"):
            first_line = 1
        elif kind.front_matter or text.startswith(FENCE):
            text, _body, first_line = split_front_matter(shown, text)
        else:
            return []
        found = unknown_keys(model, parse_toml(shown, text, first_line=first_line))
    except CcosError:
        return []  # it validated a moment ago: changed since; the next run says what is wrong
    return [
        Problem(
            code="unknown_key",
            file=relative,
            line=line_of(text, key, first_line),
            message=message(key),
            hint=unknown_key_hint(),
            severity="warning",
        )
        for key in found
    ]


def _drop_unknown_key_notes(workspace: Workspace, since: int) -> None:
    """Doctor lists unknown keys as warnings: the notes reading the files added about them go."""
    from ccos.storage.unknown_keys import is_unknown_key_note

    workspace.notes[since:] = [note for note in workspace.notes[since:] if not is_unknown_key_note(note)]


def _check_names(workspace: Workspace, found: Inventory, problems: list[Problem], bad: set[str]) -> None:
    """Files whose content names a period other than their file name."""
    from ccos.capabilities.checkins.model import Checkin
    from ccos.capabilities.checklists.model import Checklist
    from ccos.capabilities.reviews.model import ReviewHeader
    from ccos.dates import Period

    checks: list[tuple[str, str]] = [("checklists", "*.toml"), ("checkins", "*.toml"), ("reviews", "*.md")]
    for folder, pattern in checks:
        for relative in found.files:
            if relative in bad or not _slot(relative, (f"{folder}/{pattern}",)):
                continue
            path = workspace.root / relative
            try:
                if folder == "checklists":
                    checklist = workspace.load(path, Checklist)
                    said, key, want = checklist.period, "period", path.stem
                    period = Period.from_id(path.stem)
                    if said == path.stem and period is not None and period.kind != checklist.scope:
                        said, key, want = checklist.scope, "scope", period.kind
                elif folder == "checkins":
                    said, key, want = workspace.load(path, Checkin).week, "week", path.stem
                else:
                    said, key, want = workspace.load_markdown(path, ReviewHeader)[0].period, "period", path.stem
            except CcosError:
                continue
            if said != want:
                from ccos.storage.strict_read import find_key_line

                line = find_key_line(workspace.read_text(path), (key,))
                problems.append(
                    Problem(
                        code="mismatched_name",
                        file=relative,
                        line=line,
                        message=tr("{key} says {said} but the file name {name} says {want}").format(
                            key=key, said=repr(said), name=path.name, want=want
                        ),
                        hint=tr("rename the file to match, or set {key} = {want}").format(key=key, want=repr(want)),
                    )
                )


def _check_references(workspace: Workspace, found: Inventory, problems: list[Problem]) -> None:
    present = set(found.files) | {problem.file for problem in found.odd if problem.file}
    for folder in found.folders:
        if not _slot(folder, ("mentees/*",)) or f"{folder}/mentee.toml" in present:
            continue
        if any(name.startswith(f"{folder}/") and name.endswith(".md") for name in found.files):
            problems.append(
                Problem(
                    code="orphan_file",
                    file=folder,
                    message=tr("session notes without a mentee.toml: ccos does not see them"),
                    hint=tr(
                        "restore {folder}/mentee.toml (ccos restore FILE --list, or git), "
                        "or move the folder out of mentees/"
                    ).format(folder=folder),
                )
            )
    for body in found.files:
        if _slot(body, ("sharing/*.md",)) and f"{body[: -len('.md')]}.toml" not in present:
            stem = Path(body).stem
            problems.append(
                Problem(
                    code="orphan_file",
                    file=body,
                    message=tr("notes of a piece whose {stem}.toml is missing: ccos does not see them").format(
                        stem=stem
                    ),
                    hint=tr("restore sharing/{stem}.toml (ccos restore FILE --list, or git), or move the notes").format(
                        stem=stem
                    ),
                )
            )


def _check_whole(workspace: Workspace, today: date, problems: list[Problem]) -> None:
    """Once every file is sound on its own: what the commands see when they read them together."""
    from ccos.planning.dashboard import build_status

    try:
        workspace.config()
        build_status(workspace, today)
    except InvalidFile as error:
        problems.append(_file_problem(error, _shown_relative(workspace, error.path)))
    except CcosError as error:
        problems.append(Problem(code="unreadable", message=error.message, hint=error.hint or tr("fix the workspace")))
    except Exception as error:  # doctor must report, never crash: this is a bug in ccos
        problems.append(
            Problem(
                code="internal_error",
                message=tr("reading the workspace as a whole fails: {error}").format(
                    error=f"{type(error).__name__}: {error}"
                ),
                hint=tr("this is a bug in ccos; run `CCOS_DEBUG=1 ccos status` for the traceback and report it"),
            )
        )


def _shown_relative(workspace: Workspace, shown: Path) -> str:
    if not shown.is_absolute() and workspace.cwd is None:
        return str(shown)
    path = shown if shown.is_absolute() or workspace.cwd is None else workspace.cwd / shown
    with contextlib.suppress(ValueError):
        return path.resolve().relative_to(workspace.root.resolve()).as_posix()
    return str(shown)


def _check_leftovers(workspace: Workspace, problems: list[Problem]) -> None:
    from ccos.storage.journal import describe, pending
    from ccos.storage.leftovers import find_temp_files, pid_alive

    for temp in find_temp_files(workspace.root):
        relative = _relative(workspace, temp.path)
        if temp.stale:
            problems.append(
                Problem(
                    code="stale_temp_file",
                    file=relative,
                    message=tr("a temporary file left by an interrupted write (its process is gone)"),
                    hint=tr("`ccos doctor --fix` removes it (the real file was never touched by it)"),
                    fixable=True,
                )
            )
        else:
            problems.append(
                Problem(
                    code="temp_file_in_use",
                    file=relative,
                    message=tr("a temporary file of a running process (pid {pid})").format(pid=temp.pid),
                    hint=tr("wait for that ccos to finish and run ccos doctor again"),
                )
            )
    for journal in pending(workspace.state_dir):
        command, files, pid = describe(journal)
        if pid is not None and pid != os.getpid() and pid_alive(pid):
            continue  # a command at work right now
        problems.append(
            Problem(
                code="interrupted_write",
                file=_relative(workspace, journal),
                message=tr(
                    "`ccos {command}` was interrupted while changing {files}; they may hold part of its change"
                ).format(command=command, files=", ".join(files) or tr("its files")),
                hint=tr("`ccos doctor --fix` (or the next ccos command that writes) rolls it back"),
                fixable=True,
            )
        )


def _relative_or_absolute(workspace: Workspace, path: Path) -> str:
    """Workspace-relative (`.git/index.lock`), or absolute for a repository kept elsewhere
    (a `.git` file pointing to it): the same whatever folder doctor runs from."""
    for root in (workspace.root, workspace.root.resolve()):  # git names the folder it resolved
        with contextlib.suppress(ValueError):
            return path.relative_to(root).as_posix()
    return path.as_posix()


def _check_git(workspace: Workspace, problems: list[Problem]) -> None:
    from ccos.storage.git import Repository, git_available

    if not (workspace.root / ".git").exists() or not git_available():
        return
    try:
        repo = Repository.open(workspace.root)
        lock = repo.git_dir / "index.lock"
        if lock.exists():
            problems.append(
                Problem(
                    code="git_index_lock",
                    file=_relative_or_absolute(workspace, lock),
                    message=tr("git's index.lock exists: a git command is running, or one was interrupted"),
                    hint=tr("if no git program is running, delete it: rm {lock}").format(lock=lock),
                )
            )
        busy = repo.operation_in_progress()
        if busy:
            what, verb = busy
            problems.append(
                Problem(
                    code="git_in_progress",
                    message=tr("the workspace repository is in the middle of {what}").format(what=what),
                    hint=tr(
                        "finish it (`{status}`, resolve, `git add`, `{go_on}`) or give it up with `{abort}`"
                    ).format(
                        status=repo.command("status"),
                        go_on=repo.command(verb, "--continue"),
                        abort=repo.command(verb, "--abort"),
                    ),
                )
            )
        for path in repo.unmerged_paths():
            problems.append(
                Problem(
                    code="git_unmerged",
                    file=path,
                    message=tr("an unresolved git conflict"),
                    hint=tr("edit the file (remove the conflict markers), then `{add}`").format(
                        add=repo.command("add", "--", path)
                    ),
                )
            )
        for path in repo.tracked_local_state(in_head=False):
            problems.append(
                Problem(
                    code="tracked_local_state",
                    file=path,
                    message=tr(
                        "git tracks this machine-local file (pulled from a remote or added by hand); "
                        "a sync could replace or delete it"
                    ),
                    hint=tr(
                        "`ccos doctor --fix` untracks it (`git rm --cached`; the file stays on disk) "
                        "and the next ccos sync commits that"
                    ),
                    fixable=True,
                )
            )
    except CcosError as error:
        problems.append(Problem(code="git_unusable", message=error.message, hint=error.hint or tr("check git")))


INDEX_FILE = f"{STATE_DIR}/index.sqlite"


def _check_index(workspace: Workspace, problems: list[Problem], warnings: list[Problem]) -> None:
    """The derived index against the files, before anything is read through it: an entry
    that would answer differently from a fresh strict read is an error (`index_stale`); an
    index file that cannot be used is a warning (`index_unusable`). Either way the rest of
    this examination reads every file strictly, and the index is left as it is."""
    from ccos.storage.index import unusable, verify

    if workspace.derived_index() is None:
        return
    trouble = unusable(workspace.state_dir)
    if trouble is not None:
        if trouble.removable:
            message = tr(
                "the derived index is {problem}: the next command drops it and rebuilds the index from your files "
                "(nothing is lost)"
            )
            hint = tr("`ccos doctor --fix` removes it now (it holds nothing but what ccos learned from your files)")
        else:
            message = tr(
                "the derived index is {problem}: ccos can neither use nor replace it, so every command reads all "
                "your files (nothing is lost)"
            )
            hint = tr(
                "move it out of the way (`mv {index} {index}.aside`); ccos then rebuilds the index from your files"
            ).format(index=INDEX_FILE)
        warnings.append(
            Problem(
                code="index_unusable",
                file=INDEX_FILE,
                message=message.format(problem=trouble.problem),
                hint=hint,
                fixable=trouble.removable,
                severity="warning",
            )
        )
    else:
        for relative, what in verify(workspace):
            problems.append(
                Problem(
                    code="index_stale",
                    file=relative,
                    message=tr("{what}: commands would take it instead of the file while the file is unchanged").format(
                        what=what
                    ),
                    hint=tr("`ccos doctor --fix` rebuilds it (removes {index}; your files stay as they are)").format(
                        index=INDEX_FILE
                    ),
                    fixable=True,
                )
            )
        if not problems:
            return
    workspace.use_cache = False  # the rest of doctor reads the files themselves


def examine(workspace: Workspace, today: date, fixed: list[str] | None = None) -> DoctorReport:
    """Every problem of the workspace; nothing is changed."""
    from ccos.storage.backups import total_size

    problems: list[Problem] = []
    warnings: list[Problem] = []
    index_problems: list[Problem] = []
    _check_index(workspace, index_problems, warnings)
    found = inventory(workspace)
    checked = _check_files(workspace, found, problems, warnings)
    bad = {p.file for p in problems if p.file}
    _check_names(workspace, found, problems, bad)
    _check_references(workspace, found, problems)
    if not problems:
        _check_whole(workspace, today, problems)
    _check_leftovers(workspace, problems)
    _check_git(workspace, problems)
    _check_workspace_id(workspace, warnings)
    problems.extend(index_problems)
    _drop_unknown_key_notes(workspace, 0)  # reading ccos.toml to open the workspace noted them too
    versions, size = total_size(workspace.state_dir)
    return DoctorReport(
        root=str(workspace.root),
        files_checked=checked,
        problems=problems + warnings,
        fixed=fixed or [],
        backups=BackupUse(versions=versions, bytes=size),
    )


def repair(workspace: Workspace, today: date) -> DoctorReport:
    """Fix what is safe (under the workspace lock), then examine again."""
    from ccos.storage.backups import MAX_TOTAL_BYTES, prune, total_size
    from ccos.storage.leftovers import find_temp_files

    fixed: list[str] = []
    with workspace.locked("doctor --fix", autocommit=False, journal=False, check_config=False):
        fixed.extend(workspace.notes)  # entering the lock rolled back interrupted commands
        workspace.notes.clear()
        for temp in find_temp_files(workspace.root):
            if temp.stale:
                try:
                    temp.path.unlink()
                except OSError as exc:
                    from ccos.errors import from_os_error

                    raise from_os_error(exc, workspace.display(temp.path)) from None
                fixed.append(tr("removed the stale temporary file {path}").format(path=_relative(workspace, temp.path)))
        fixed.extend(_untrack_local_state(workspace))
        fixed.extend(_remove_index(workspace))
        fixed.extend(_add_workspace_id(workspace))
        if total_size(workspace.state_dir)[1] > MAX_TOTAL_BYTES:
            removed = prune(workspace.state_dir)
            fixed.append(
                ntr(
                    "removed the {n} oldest backup (over {mb} MB)",
                    "removed the {n} oldest backups (over {mb} MB)",
                    removed,
                ).format(n=removed, mb=MAX_TOTAL_BYTES // 2**20)
            )
    return examine(Workspace(workspace.root, cwd=workspace.cwd), today, fixed)


def _missing_workspace_id(workspace: Workspace) -> str | None:
    """ccos.toml's text when it is valid and has no `workspace_id` (a workspace made before
    calendar UIDs carried one); None otherwise."""
    from ccos.errors import CcosError

    since = len(workspace.notes)
    try:
        config = workspace.config()
        text = workspace.read_text(workspace.config_path)
    except (CcosError, OSError):
        return None
    finally:
        _drop_unknown_key_notes(workspace, since)  # doctor reports them once, as problems
    return text if config.workspace_id is None else None


def _check_workspace_id(workspace: Workspace, warnings: list[Problem]) -> None:
    if _missing_workspace_id(workspace) is None:
        return
    warnings.append(
        Problem(
            code="no_workspace_id",
            file="ccos.toml",
            message=tr("ccos.toml has no workspace_id: calendar UIDs may collide with another person's"),
            hint=tr("`ccos doctor --fix` adds one (calendar entries then get new UIDs once, stable from then on)"),
            fixable=True,
            severity="warning",
        )
    )


def _add_workspace_id(workspace: Workspace) -> list[str]:
    """The migration for workspaces made before `workspace_id`: one line after schema_version."""
    import re
    import tomllib

    from ccos.models.config import Config
    from ccos.operations.workspace_init import new_workspace_id, toml_string

    text = _missing_workspace_id(workspace)
    if text is None:
        return []
    line = f"workspace_id = {toml_string(new_workspace_id())}"
    newline = "\r\n" if "\r\n" in text else "\n"
    found = re.search(r"^schema_version[ \t]*=.*$", text, re.MULTILINE)
    at = found.end() if found else 0
    new_text = text[:at] + newline + line + text[at:] if found else line + newline + text
    workspace.validate(workspace.config_path, new_text, tomllib.loads(new_text), Config)
    workspace.write_text(workspace.config_path, new_text)
    return [tr("added workspace_id to ccos.toml (calendar UIDs are unique to this workspace from now on)")]


def _remove_index(workspace: Workspace) -> list[str]:
    """A derived index that answers differently from the files, or cannot be used, goes
    (never a folder in its place): the next command rebuilds it from the files."""
    from ccos.errors import from_os_error
    from ccos.storage.index import remove, unusable, verify

    if workspace.derived_index() is None:
        return []
    trouble = unusable(workspace.state_dir)
    if trouble is not None:
        if not trouble.removable:
            return []
        why = tr("it was {problem}").format(problem=trouble.problem)
    else:
        stale = verify(workspace)
        if not stale:
            return []
        why = tr("it answered differently from {files}").format(files=count(len(stale), "file", "files"))
    try:
        removed = remove(workspace.state_dir)
    except OSError as exc:
        raise from_os_error(exc, workspace.display(workspace.root / INDEX_FILE)) from None
    if not removed:
        return []
    workspace.use_cache = False
    return [
        tr("removed the derived index {index} ({why}); the next command rebuilds it from your files").format(
            index=INDEX_FILE, why=why
        )
    ]


def _untrack_local_state(workspace: Workspace) -> list[str]:
    """`git rm -r --cached` of the machine-local files git tracks; the files stay on disk."""
    from ccos.storage.git import Repository, git_available

    if not (workspace.root / ".git").exists() or not git_available():
        return []
    try:
        repo = Repository.open(workspace.root)
        if (repo.git_dir / "index.lock").exists():
            return []
        removed = repo.untrack(repo.tracked_local_state(in_head=False))
    except CcosError:
        return []  # examine() reports why git cannot be used
    if not removed:
        return []
    shown = ", ".join(removed[:5]) + (tr(" and {n} more").format(n=len(removed) - 5) if len(removed) > 5 else "")
    return [
        tr(
            "git no longer tracks {files}: {shown} (`git rm --cached`; the files stay on disk; "
            "the next ccos sync commits this)"
        ).format(files=count(len(removed), "machine-local file", "machine-local files"), shown=shown)
    ]

"""`ccos sync`: commit local changes, integrate the remote's, push; stop safely on anything else.

The order, and why:
1. Refuse to start when git is busy or unfinished (index.lock, a merge or rebase in
   progress, unresolved files): exit 4, nothing touched.
2. Validate every changed file (`storage.file_kinds`): a broken file stops here, exit 2,
   nothing committed, so it never reaches another machine.
3. Commit all changes of the workspace (never `.ccos/`), with a message in words; machine-
   local state found tracked in git (`.ccos/`, temporary files) is untracked in the same
   commit (the files stay on disk), so a pulled `.ccos/lock.json` cannot jam every sync.
4. Fetch (no prompt can hang: see `storage.git`). Refuse (exit 4, nothing merged) when
   any incoming commit adds or changes a file ccos never takes from a remote
   (`storage.git.refused_entry`: `.ccos/`, `.git`, temporary files, symlinks, submodules,
   executables). Then rebase the local commits onto the remote branch. A conflict only
   in files that have a resolver (`CONFLICT_RESOLVERS`:
   checklists are merged by union of ticks) is resolved and the rebase continues; any
   other conflict aborts the rebase, which puts the branch and the working tree back
   exactly as they were before the pull: exit 4 naming the files and the git commands.
5. Validate what is about to be pushed, then push (never `--force`). A rejected push, no
   network or missing credentials: exit 4, the local commits kept.

Never `reset --hard`, never `--force`; the whole run holds the workspace lock, and no
rebase is ever left unfinished by ccos (any failure inside it aborts it). git runs with
hooks and fsmonitor off unless `sync.allow_hooks = true`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import datetime
from fnmatch import fnmatchcase
from pathlib import Path

from ccos.errors import CcosError, InvalidFile, InvalidInput, SyncStopped
from ccos.i18n import tr
from ccos.models.sync import FileChange, SyncResult, SyncStatus
from ccos.storage.git import (
    REGULAR_MODE,
    Change,
    GitTimeout,
    Refused,
    Repository,
    attributes_refusal,
    fold_name,
    identity_options,
    is_local_state,
    last_line,
)
from ccos.storage.workspace import Workspace
from ccos.words import count

SHOWN_REFUSED = 5  # refused files named in the message (then "and N more")

# A conflicted file whose path matches a glob here is merged by the named function
# `merge(base: str | None, ours: str, theirs: str) -> str` (raising NotMergeable when it
# cannot decide); any other conflict stops the sync.
CONFLICT_RESOLVERS: dict[str, str] = {
    "checklists/*.toml": "ccos.capabilities.checklists.merge:merge_checklist",
}

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def check_message(message: str | None) -> str | None:
    """The person's --message, kept literally; refused only when it cannot be a message."""
    if message is None:
        return None
    if not message.strip():
        raise InvalidInput(tr("--message is empty"), tr('give a few words, e.g. --message "after the meetup"'))
    bad = [char for char in message if (ord(char) < 32 and char not in "\n\t") or 0x7F <= ord(char) < 0xA0]
    if bad:
        raise InvalidInput(
            tr("--message holds a control character ({code})").format(code=f"U+{ord(bad[0]):04X}"),
            tr("write the message as plain text"),
        )
    return message


def _resolver(path: str) -> Callable[[str | None, str, str], str] | None:
    for glob, target in CONFLICT_RESOLVERS.items():
        want, have = glob.split("/"), path.split("/")
        if len(want) == len(have) and all(fnmatchcase(h, w) for h, w in zip(have, want, strict=True)):
            module, _, name = target.partition(":")
            function: Callable[[str | None, str, str], str] = getattr(importlib.import_module(module), name)
            return function
    return None


def sync(
    workspace: Workspace,
    *,
    push: bool = True,
    message: str | None = None,
    now: datetime,
    progress: Progress = _quiet,
) -> SyncResult:
    from ccos.storage.file_kinds import validate_files
    from ccos.storage.local_state import update_state

    message = check_message(message)
    repo = Repository.open(workspace.root, allow_hooks=_allow_hooks(workspace))
    author = _author(workspace)
    with workspace.locked("sync", autocommit=False):
        repo.refuse_unfinished_work()
        branch = repo.branch()
        target = repo.upstream(branch)

        progress(tr("checking changed files"))
        changes = repo.changes()
        _refuse_unsyncable(repo, changes)
        validate_files(workspace, [change.path for change in changes if change.status != "D"])
        commit = text = None
        committed: list[FileChange] = []
        local_state = repo.tracked_local_state()
        if changes or local_state:
            repo.untrack(local_state)
            staged = repo.stage([change.path for change in changes]) if changes else []
            untracked = repo.staged_changes(local_state) if local_state else []
            if staged or untracked:
                text = _message(staged, untracked, message)
                progress(tr("committing"))
                commit = repo.commit_staged(text, None, author)
                committed = [FileChange(status=change.status, path=change.path) for change in [*staged, *untracked]]

        if target is None:
            return SyncResult(
                ignored=_ignored(repo),
                branch=branch,
                commit=commit,
                message=text,
                committed=committed,
                add_remote_hint=tr(
                    "no git remote is configured, so the changes are committed here only; add one with "
                    "`{command}` and run ccos sync again"
                ).format(command=repo.command("remote", "add", "origin", "URL")),
            )
        remote, remote_branch = target
        tracking = f"refs/remotes/{remote}/{remote_branch}"
        kept = _kept(commit, repo)

        progress(tr("fetching from {remote}").format(remote=remote))
        _fetch(repo, remote, kept)
        pulled, merged = 0, []
        if repo.ref_exists(tracking):
            _ahead, behind = repo.ahead_behind(tracking)
            if behind:
                commits = count(behind, "commit", "commits")
                upstream = f"{remote}/{remote_branch}"
                progress(tr("checking {commits} from {upstream}").format(commits=commits, upstream=upstream))
                _refuse_incoming(repo, tracking, f"{remote}/{remote_branch}", kept)
                progress(tr("integrating {commits} from {upstream}").format(commits=commits, upstream=upstream))
                merged = _integrate_keeping_local_state(workspace, repo, tracking, f"{remote}/{remote_branch}", author)
                pulled = behind

        outgoing = repo.changed_between(tracking if repo.ref_exists(tracking) else None)
        try:
            validate_files(workspace, outgoing)
        except InvalidFile as exc:
            exc.hint = tr("nothing was pushed ({kept}); fix the file, then run ccos sync again").format(kept=kept)
            raise
        ahead, _behind = repo.ahead_behind(tracking)
        pushed = 0
        if push and ahead:
            progress(
                tr("pushing {commits} to {upstream}").format(
                    commits=count(ahead, "commit", "commits"), upstream=f"{remote}/{remote_branch}"
                )
            )
            set_upstream = not repo.config_value(f"branch.{branch}.remote")
            try:
                result = repo.push(remote, branch, remote_branch, set_upstream)
            except GitTimeout as exc:
                raise SyncStopped(
                    tr("push to {remote} did not finish: {why}").format(remote=remote, why=exc.message),
                    _offline_hint(kept),
                ) from None
            if result.returncode != 0:
                raise SyncStopped(
                    tr("push to {upstream} failed: {why}").format(
                        upstream=f"{remote}/{remote_branch}", why=_push_reason(result.stderr)
                    ),
                    tr(
                        "{kept}; nothing was forced: run ccos sync again (it pulls first), "
                        "or check your access to the remote"
                    ).format(kept=kept),
                )
            pushed = ahead
        update_state(
            workspace.state_dir, last_sync=now.isoformat(timespec="seconds"), remote=f"{remote}/{remote_branch}"
        )
        return SyncResult(
            ignored=_ignored(repo),
            branch=branch,
            remote=f"{remote}/{remote_branch}",
            commit=commit,
            message=text,
            committed=committed,
            pulled=pulled,
            pushed=pushed,
            merged=merged,
            push_skipped=not push and ahead > 0,
        )


def _message(staged: list[Change], untracked: list[Change], message: str | None) -> str:
    """The commit message: the changes in words, and a line for machine-local state untracked."""
    from ccos.storage.autocommit import change_lines, commit_message
    from ccos.storage.file_kinds import describe_changes

    pairs = [(change.status, change.path) for change in staged]
    phrases = [describe_changes(pairs)] if pairs else []
    if untracked:
        phrases.append(tr("stop tracking machine-local .ccos/ state"))
    text = commit_message("; ".join(phrases), change_lines(pairs), message)
    if untracked:
        names = [change.path for change in untracked]
        more = len(names) - SHOWN_REFUSED
        shown = ", ".join(names[:SHOWN_REFUSED]) + (tr(" and {n} more").format(n=more) if more > 0 else "")
        text += ("\n" if "\n\n" in text else "\n\n") + tr(
            "stop tracking machine-local state (kept on disk; ccos never syncs it): {shown}"
        ).format(shown=shown)
    return text


def _refuse_unsyncable(repo: Repository, changes: list[Change]) -> None:
    """Exit 2, nothing committed, for a change the other machines' ccos would refuse to take.

    A symlink, an executable file, a git repository inside the workspace (which git would
    add as a submodule) or a `.gitattributes` choosing merge drivers or filters: pushed, it
    would stop every other machine's sync (`refused_entry`).
    """
    import os
    import stat

    check_executable = repo.config_value("core.fileMode").lower() not in ("false", "no", "off", "0")
    for change in changes:
        if change.status == "D":
            continue
        path = repo.root / change.path
        why = None
        if change.path.endswith("/"):
            why = tr("a git repository inside the workspace (git would add it as a submodule)")
        else:
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if stat.S_ISLNK(mode):
                why = tr("a symbolic link")
            elif stat.S_ISDIR(mode):
                why = tr("a git repository inside the workspace (a submodule)")
            elif check_executable and stat.S_ISREG(mode) and mode & 0o111:
                why = tr("an executable file")
            elif stat.S_ISREG(mode) and fold_name(path.name) == ".gitattributes":
                why = attributes_refusal(path.read_bytes())
        if why:
            raise InvalidFile(
                change.path.rstrip("/"),
                tr("{why}: ccos syncs only regular files, and the other machines' ccos would refuse it").format(
                    why=why
                ),
                hint=tr(
                    "replace it with a regular file (for an executable: chmod -x), or list it in .gitignore; "
                    "nothing was committed"
                ),
            )


def _ignored(repo: Repository) -> list[str]:
    """The person's ccos files that `.gitignore` keeps out of every commit (so out of every sync).

    A `.gitignore` line may be the person's choice (mentee notes kept off a shared remote) or
    come with a pull (`*` from anyone who can push): either way sync says so instead of
    reporting "synced" for files that never leave this machine.
    """
    from ccos.storage.file_kinds import file_kinds, kind_of

    folders = sorted({kind.pattern.split("/", 1)[0] for kind in file_kinds()})
    return [path for path in repo.ignored(folders) if kind_of(path) is not None]


def _allow_hooks(workspace: Workspace) -> bool:
    try:
        return workspace.config().sync.allow_hooks
    except InvalidInput:
        return False


def _author(workspace: Workspace) -> str:
    try:
        return workspace.config().profile.name or "ccos"
    except InvalidInput:
        return "ccos"


def _kept(commit: str | None, repo: Repository) -> str:
    if commit:
        return tr("your changes are committed locally ({commit}) and kept").format(commit=commit)
    return tr("your local commits are kept")


def _offline_hint(kept: str) -> str:
    return tr("{kept}; check the network and your access to the remote, then run ccos sync again").format(kept=kept)


def _fetch(repo: Repository, remote: str, kept: str) -> None:
    try:
        result = repo.fetch(remote)
    except GitTimeout as exc:
        raise SyncStopped(
            tr("could not reach the remote {remote}: {why}").format(remote=repr(remote), why=exc.message),
            _offline_hint(kept),
        ) from None
    if result.returncode != 0:
        raise SyncStopped(
            tr("could not reach the remote {remote}: {why}").format(remote=repr(remote), why=last_line(result)),
            tr("{kept}; check the network and the remote's address (`{command}`), then run ccos sync again").format(
                kept=kept, command=repo.command("remote", "-v")
            ),
        )


def _push_reason(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("!"):
            return line.lstrip("! ").strip()
    useful = [line for line in lines if not line.startswith("hint:")]
    return useful[-1] if useful else "rejected"


def _refuse_incoming(repo: Repository, tracking: str, upstream_name: str, kept: str) -> None:
    """Exit 4, nothing merged, when an incoming commit brings a file ccos never takes from a remote."""
    refused = repo.refused_incoming(tracking)
    hooks = _hooks_switched_on(repo, tracking)
    if hooks is not None:
        refused.append(hooks)
    if not refused:
        return
    commits = list(dict.fromkeys(item.commit for item in refused))
    named = "; ".join(f"{item.path} ({item.reason})" for item in refused[:SHOWN_REFUSED])
    if len(refused) > SHOWN_REFUSED:
        named += tr("; and {n} more").format(n=len(refused) - SHOWN_REFUSED)
    where = tr("commit {commit}").format(commit=repo.describe_commit(commits[0]))
    if len(commits) > 1:
        others = count(len(commits) - 1, "other commit", "other commits")
        where = tr("{first} and {others}").format(first=where, others=others)
    head = repo.head()
    tip = repo.git("rev-parse", "--short", tracking).stdout.strip()
    span = f"{head[:12]}..{tip}" if head else tip
    raise SyncStopped(
        tr(
            "sync stopped: {upstream} brings what ccos never takes from a remote: {named}, in {where}; "
            "nothing was merged: your branch and your files are as they were"
        ).format(upstream=upstream_name, named=named, where=where),
        tr(
            "look at what came in with `{log}` and check who pushed it "
            "(anyone who can push to {remote} can try this); {kept}. "
            "When the remote is fixed (the commits removed there), run ccos sync again; if you made these commits "
            "yourself and trust them, take them by hand with git (ccos will not)"
        ).format(log=repo.command("log", "-p", "--stat", span), remote=upstream_name.partition("/")[0], kept=kept)
        + (
            tr(
                "; if you turned sync.allow_hooks on yourself on another machine, turn it on here too "
                "(`ccos config set sync.allow_hooks true`) and run ccos sync again"
            )
            if hooks is not None
            else ""
        ),
    )


def _hooks_switched_on(repo: Repository, tracking: str) -> Refused | None:
    """The remote's ccos.toml turning on `sync.allow_hooks`, which is off on this machine.

    The setting lets git run hooks and the fsmonitor; it lives in the synced ccos.toml, so
    without this check anyone who can push could switch it on for every later sync (and on
    Windows, where git runs a hook without an executable bit, push the hook too).
    """
    from ccos.storage.strict_read import parse_toml

    raw = None if repo.allow_hooks else repo.show(f"{tracking}:ccos.toml")
    if raw is None:
        return None
    try:
        settings = parse_toml(Path("ccos.toml"), raw.decode("utf-8")).get("sync")
    except (CcosError, UnicodeDecodeError, RecursionError):
        return None  # an unreadable ccos.toml stops at validation instead
    if not (isinstance(settings, dict) and settings.get("allow_hooks") is True):
        return None
    commit = repo.git("log", "-1", "--format=%H", tracking, "--", "ccos.toml").stdout.strip()
    return Refused(commit or tracking, "ccos.toml", tr("it turns on sync.allow_hooks, which only you can do here"))


def _integrate_keeping_local_state(
    workspace: Workspace, repo: Repository, tracking: str, upstream_name: str, author: str
) -> list[str]:
    """`_integrate`, with the machine-local files put back if the rebase's checkout replaced them.

    When the remote's branch still tracks `.ccos/` files from older history, or a local commit
    being replayed adds them (and this sync's commit untracks them again), the rebase checks
    them out and then, replaying the untracking, deletes them: this machine's own versions
    are read first and written back afterwards.
    """
    kept = _read_local_state(repo, tracking)
    try:
        return _integrate(workspace, repo, tracking, upstream_name, author)
    finally:
        _restore_local_state(repo.root, kept)


def _real_parents(root: Path, relative: str, create: bool = False) -> Path | None:
    """The folder of RELATIVE when every component up from ROOT is a real directory (not a link)."""
    import os
    import stat

    folder = root
    for part in relative.split("/")[:-1]:
        folder = folder / part
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            if not create:
                return None
            try:
                os.mkdir(folder, 0o700)
            except OSError:
                return None
            continue
        except OSError:
            return None
        if not stat.S_ISDIR(mode):
            return None
    return folder


def _read_local_state(repo: Repository, tracking: str) -> dict[str, bytes]:
    import os
    import stat

    kept: dict[str, bytes] = {}
    for relative in sorted({*repo.tree_paths(tracking), *repo.touched_since(tracking)}):
        if not is_local_state(relative) or _real_parents(repo.root, relative) is None:
            continue
        path = repo.root / relative
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(descriptor, "rb") as handle:
                kept[relative] = handle.read()
        except OSError:
            continue
    return kept


def _restore_local_state(root: Path, kept: dict[str, bytes]) -> None:
    """Write back each kept file that is now missing or different (never through a link)."""
    import contextlib
    import os
    import secrets

    for relative, data in kept.items():
        path = root / relative
        with contextlib.suppress(OSError):
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(descriptor, "rb") as handle:
                if handle.read() == data:
                    continue
        folder = _real_parents(root, relative, create=True)
        if folder is None:
            continue
        temp = folder / f".{path.name}.{secrets.token_hex(4)}.{os.getpid()}.ccos-tmp"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            with os.fdopen(os.open(temp, flags, 0o600), "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()


def _integrate(workspace: Workspace, repo: Repository, tracking: str, upstream_name: str, author: str) -> list[str]:
    """Rebase the local commits onto TRACKING; resolve checklist conflicts; else abort and stop.

    Whatever happens inside (a failed merge, a full disk, a timeout, Ctrl-C), the rebase is
    aborted before the error goes on: ccos never leaves a rebase behind for a write to fall into.
    """
    before = repo.head()
    options = identity_options(repo.root, author)
    if before is None:  # nothing local yet: take the remote's branch as it is
        repo.git("merge", "--ff-only", "--quiet", tracking)
        return []
    try:
        return _rebase(workspace, repo, before, tracking, upstream_name, options)
    except BaseException:
        if repo.operation_in_progress():
            repo.git("rebase", "--abort", check=False)
        raise


def _rebase(
    workspace: Workspace, repo: Repository, before: str, tracking: str, upstream_name: str, options: list[str]
) -> list[str]:
    result = repo.git(*options, "-c", "rebase.autoStash=false", "rebase", "--no-autostash", "--", tracking, check=False)
    merged: list[str] = []
    while repo.operation_in_progress():
        conflicted = repo.unmerged_paths()
        if not conflicted:
            _abort(repo, before, [], upstream_name, tr("the rebase stopped: {why}").format(why=last_line(result)))
        resolved = _resolve(workspace, repo, before, conflicted)
        if resolved is None:
            _abort(repo, before, conflicted, upstream_name, None)
            return []  # not reached: _abort raises
        merged.extend(path for path in resolved if path not in merged)
        result = repo.git(*options, "rebase", "--continue", check=False)
        if result.returncode != 0 and repo.operation_in_progress() and not repo.unmerged_paths():
            result = repo.git(*options, "rebase", "--skip", check=False)  # the commit became empty
    if result.returncode != 0 or not _contains(repo, tracking):
        if repo.head() != before:
            raise SyncStopped(
                tr("integrating {upstream} failed: {why}").format(upstream=upstream_name, why=last_line(result)),
                tr("see `{status}` and `{log}`").format(
                    status=repo.command("status"), log=repo.command("log", "--oneline", "-5")
                ),
            )
        raise SyncStopped(
            tr("could not integrate {upstream}: {why}; nothing was changed").format(
                upstream=upstream_name, why=last_line(result)
            ),
            tr("your commits are kept; see `{status}`, fix what git names, and run ccos sync again").format(
                status=repo.command("status")
            ),
        )
    return merged


def _contains(repo: Repository, tracking: str) -> bool:
    return repo.git("merge-base", "--is-ancestor", tracking, "HEAD", check=False).returncode == 0


def _conflict_modes(repo: Repository, path: str) -> set[str]:
    listed = repo.git("ls-files", "-u", "-z", "--", path, check=False).stdout
    return {entry.split(" ", 1)[0] for entry in listed.split("\0") if entry}


def _resolve(workspace: Workspace, repo: Repository, before: str, conflicted: list[str]) -> list[str] | None:
    """Merge every conflicted file with its resolver; None (nothing changed) when one cannot.

    The merged text is written by git itself (a blob, the index entry, `checkout-index`), so
    it goes where git puts files and never through a link. The local version before the
    merge goes into the backups first (`ccos restore FILE --list` shows it).
    """
    from ccos.capabilities.checklists.merge import NotMergeable
    from ccos.storage.backups import save_backup

    merged: dict[str, str] = {}
    for path in conflicted:
        resolver = _resolver(path)
        if resolver is None or _conflict_modes(repo, path) - {REGULAR_MODE}:
            return None
        stages = [repo.show(f":{stage}:{path}") for stage in (1, 2, 3)]
        if stages[1] is None or stages[2] is None:
            return None  # deleted on one side
        try:
            base, ours, theirs = (None if raw is None else raw.decode("utf-8") for raw in stages)
            assert ours is not None and theirs is not None
            merged[path] = resolver(base, ours, theirs)
        except (NotMergeable, UnicodeDecodeError, RecursionError):
            return None
    for path, text in merged.items():
        local = repo.show(f"{before}:{path}")
        if local is not None:
            try:
                save_backup(workspace.state_dir, path, local)
            except CcosError as exc:
                raise SyncStopped(
                    tr("could not keep the local version of {path} in the backups before merging it: {why}").format(
                        path=path, why=exc.message
                    ),
                    tr("nothing was merged; free some space (or fix the permission) and run ccos sync again"),
                ) from None
        blob = repo.write_blob(text.encode("utf-8"))
        repo.git("update-index", "--cacheinfo", f"{REGULAR_MODE},{blob},{path}")
        repo.git("checkout-index", "-f", "-q", "--", path)
    return list(merged)


def _abort(repo: Repository, before: str | None, files: list[str], upstream_name: str, reason: str | None) -> None:
    repo.git("rebase", "--abort", check=False)
    restored = repo.head() == before and not repo.operation_in_progress()
    if not restored:
        raise SyncStopped(
            tr("sync stopped on a conflict and could not undo the rebase by itself ({why})").format(
                why=reason or ", ".join(files)
            ),
            tr(
                "your commits are safe in git's reflog; run `{abort}` and check `{status}`; "
                "until then, ccos commands that change files refuse to run"
            ).format(abort=repo.command("rebase", "--abort"), status=repo.command("status")),
        )
    what = reason or tr("{files} changed both here and on {upstream}").format(
        files=", ".join(files), upstream=upstream_name
    )
    paths = files or ["FILE"]
    raise SyncStopped(
        tr(
            "sync stopped: {what}; nothing was lost: your commits are kept and the files are as they were "
            "before the pull"
        ).format(what=what),
        tr(
            "to merge by hand: `{rebase}`, edit the files (keep what you want, delete the "
            "<<<<<<< ======= >>>>>>> lines), `{add}`, `{go_on}`, then run ccos sync; while that rebase is "
            "unfinished, ccos commands that change files refuse to run (so nothing is lost to `{abort}`, "
            "which gives up the merge and puts everything back)"
        ).format(
            rebase=repo.command("rebase", upstream_name),
            add=repo.command("add", "--", *paths),
            go_on=repo.command("rebase", "--continue"),
            abort=repo.command("rebase", "--abort"),
        ),
    )


# --- status ----------------------------------------------------------------------------


def sync_status(workspace: Workspace, *, fetch: bool = True, progress: Progress = _quiet) -> SyncStatus:
    """Ahead/behind (after a fetch that never prompts), uncommitted changes, last sync."""
    from ccos.storage.local_state import read_state

    repo = Repository.open(workspace.root, allow_hooks=_allow_hooks(workspace))
    state = read_state(workspace.state_dir)
    last_sync = None
    if isinstance(state.get("last_sync"), str):
        try:
            last_sync = datetime.fromisoformat(state["last_sync"])
        except ValueError:
            last_sync = None
    busy = repo.operation_in_progress()
    branch_result = repo.git("symbolic-ref", "--short", "-q", "HEAD", check=False)
    branch = branch_result.stdout.strip() or None
    changes = [FileChange(status=change.status, path=change.path) for change in repo.changes()]
    target = repo.upstream(branch) if branch else None
    if target is None:
        return SyncStatus(
            branch=branch,
            remote=None,
            online=None,
            uncommitted=changes,
            in_progress=busy[0] if busy else None,
            last_sync=last_sync,
        )
    remote, remote_branch = target
    online, reason = True, None
    if fetch:
        progress(tr("asking {remote}").format(remote=remote))
        try:
            result = repo.fetch(remote, timeout=30)
            if result.returncode != 0:
                online, reason = False, last_line(result)
        except GitTimeout as exc:
            online, reason = False, exc.message
    tracking = f"refs/remotes/{remote}/{remote_branch}"
    ahead, behind = repo.ahead_behind(tracking)
    return SyncStatus(
        branch=branch,
        remote=f"{remote}/{remote_branch}",
        online=online,
        offline_reason=reason,
        ahead=ahead,
        behind=behind,
        uncommitted=changes,
        in_progress=busy[0] if busy else None,
        last_sync=last_sync,
    )

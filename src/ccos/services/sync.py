"""`ccos sync`: commit local changes, integrate the remote's, push; stop safely on anything else.

The order, and why:
1. Refuse to start when git is busy or unfinished (index.lock, a merge or rebase in
   progress, unresolved files): exit 4, nothing touched.
2. Validate every changed file (`storage.file_kinds`): a broken file stops here, exit 2,
   nothing committed, so it never reaches another machine.
3. Commit all changes of the workspace (never `.ccos/`), with a message in words.
4. Fetch (no prompt can hang: see `storage.git`), then rebase the local commits onto the
   remote branch. A conflict only in files that have a resolver (`CONFLICT_RESOLVERS`:
   checklists are merged by union of ticks) is resolved and the rebase continues; any
   other conflict aborts the rebase, which puts the branch and the working tree back
   exactly as they were before the pull: exit 4 naming the files and the git commands.
5. Validate what is about to be pushed, then push (never `--force`). A rejected push, no
   network or missing credentials: exit 4, the local commits kept.

Never `reset --hard`, never `--force`; the whole run holds the workspace lock.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import datetime
from fnmatch import fnmatchcase

from ccos.errors import InvalidFile, InvalidInput, SyncStopped
from ccos.models.sync import FileChange, SyncResult, SyncStatus
from ccos.storage.git import GitTimeout, Repository, identity_options, last_line
from ccos.storage.workspace import Workspace

# A conflicted file whose path matches a glob here is merged by the named function
# `merge(base: str | None, ours: str, theirs: str) -> str` (raising NotMergeable when it
# cannot decide); any other conflict stops the sync.
CONFLICT_RESOLVERS: dict[str, str] = {
    "checklists/*.toml": "ccos.services.checklist_merge:merge_checklist",
}

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def check_message(message: str | None) -> str | None:
    """The person's --message, kept literally; refused only when it cannot be a message."""
    if message is None:
        return None
    if not message.strip():
        raise InvalidInput("--message is empty", 'give a few words, e.g. --message "after the meetup"')
    bad = [char for char in message if (ord(char) < 32 and char not in "\n\t") or 0x7F <= ord(char) < 0xA0]
    if bad:
        raise InvalidInput(
            f"--message holds a control character (U+{ord(bad[0]):04X})", "write the message as plain text"
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
    from ccos.storage.autocommit import change_lines, commit_message
    from ccos.storage.file_kinds import describe_changes, validate_files
    from ccos.storage.local_state import update_state

    message = check_message(message)
    repo = Repository.open(workspace.root)
    author = _author(workspace)
    with workspace.locked("sync", autocommit=False):
        repo.refuse_unfinished_work()
        branch = repo.branch()
        target = repo.upstream(branch)

        progress("checking changed files")
        changes = repo.changes()
        validate_files(workspace, [change.path for change in changes if change.status != "D"])
        commit = text = None
        committed: list[FileChange] = []
        if changes:
            staged = repo.stage()
            if staged:
                pairs = [(change.status, change.path) for change in staged]
                text = commit_message(describe_changes(pairs), change_lines(pairs), message)
                progress("committing")
                commit = repo.commit_staged(text, None, author)
                committed = [FileChange(status=change.status, path=change.path) for change in staged]

        if target is None:
            return SyncResult(
                branch=branch,
                commit=commit,
                message=text,
                committed=committed,
                add_remote_hint=(
                    f"no git remote is configured, so the changes are committed here only; add one with "
                    f"`{repo.command('remote', 'add', 'origin', 'URL')}` and run ccos sync again"
                ),
            )
        remote, remote_branch = target
        tracking = f"refs/remotes/{remote}/{remote_branch}"
        kept = _kept(commit, repo)

        progress(f"fetching from {remote}")
        _fetch(repo, remote, kept)
        pulled, merged = 0, []
        if repo.ref_exists(tracking):
            _ahead, behind = repo.ahead_behind(tracking)
            if behind:
                progress(f"integrating {behind} commit(s) from {remote}/{remote_branch}")
                merged = _integrate(repo, tracking, f"{remote}/{remote_branch}", author)
                pulled = behind

        outgoing = repo.changed_between(tracking if repo.ref_exists(tracking) else None)
        try:
            validate_files(workspace, outgoing)
        except InvalidFile as exc:
            exc.hint = f"nothing was pushed ({kept}); fix the file, then run ccos sync again"
            raise
        ahead, _behind = repo.ahead_behind(tracking)
        pushed = 0
        if push and ahead:
            progress(f"pushing {ahead} commit(s) to {remote}/{remote_branch}")
            set_upstream = not repo.config_value(f"branch.{branch}.remote")
            try:
                result = repo.push(remote, branch, remote_branch, set_upstream)
            except GitTimeout as exc:
                raise SyncStopped(f"push to {remote} did not finish: {exc.message}", _offline_hint(kept)) from None
            if result.returncode != 0:
                raise SyncStopped(
                    f"push to {remote}/{remote_branch} failed: {_push_reason(result.stderr)}",
                    f"{kept}; nothing was forced: run ccos sync again (it pulls first), "
                    "or check your access to the remote",
                )
            pushed = ahead
        update_state(
            workspace.state_dir, last_sync=now.isoformat(timespec="seconds"), remote=f"{remote}/{remote_branch}"
        )
        return SyncResult(
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


def _author(workspace: Workspace) -> str:
    try:
        return workspace.config().profile.name or "ccos"
    except InvalidInput:
        return "ccos"


def _kept(commit: str | None, repo: Repository) -> str:
    if commit:
        return f"your changes are committed locally ({commit}) and kept"
    return "your local commits are kept"


def _offline_hint(kept: str) -> str:
    return f"{kept}; check the network and your access to the remote, then run ccos sync again"


def _fetch(repo: Repository, remote: str, kept: str) -> None:
    try:
        result = repo.fetch(remote)
    except GitTimeout as exc:
        raise SyncStopped(f"could not reach the remote {remote!r}: {exc.message}", _offline_hint(kept)) from None
    if result.returncode != 0:
        raise SyncStopped(
            f"could not reach the remote {remote!r}: {last_line(result)}",
            f"{kept}; check the network and the remote's address (`{repo.command('remote', '-v')}`), "
            "then run ccos sync again",
        )


def _push_reason(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("!"):
            return line.lstrip("! ").strip()
    useful = [line for line in lines if not line.startswith("hint:")]
    return useful[-1] if useful else "rejected"


def _integrate(repo: Repository, tracking: str, upstream_name: str, author: str) -> list[str]:
    """Rebase the local commits onto TRACKING; resolve checklist conflicts; else abort and stop."""
    before = repo.head()
    options = identity_options(repo.root, author)
    if before is None:  # nothing local yet: take the remote's branch as it is
        repo.git("merge", "--ff-only", "--quiet", tracking)
        return []
    result = repo.git(*options, "-c", "rebase.autoStash=false", "rebase", "--no-autostash", "--", tracking, check=False)
    merged: list[str] = []
    while repo.operation_in_progress():
        conflicted = repo.unmerged_paths()
        if not conflicted:
            _abort(repo, before, [], upstream_name, f"the rebase stopped: {last_line(result)}")
        resolved = _resolve(repo, conflicted)
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
                f"integrating {upstream_name} failed: {last_line(result)}",
                f"see `{repo.command('status')}` and `{repo.command('log', '--oneline', '-5')}`",
            )
        raise SyncStopped(
            f"could not integrate {upstream_name}: {last_line(result)}; nothing was changed",
            f"your commits are kept; see `{repo.command('status')}`, fix what git names, and run ccos sync again",
        )
    return merged


def _contains(repo: Repository, tracking: str) -> bool:
    return repo.git("merge-base", "--is-ancestor", tracking, "HEAD", check=False).returncode == 0


def _resolve(repo: Repository, conflicted: list[str]) -> list[str] | None:
    """Merge every conflicted file with its resolver; None (nothing changed) when one cannot."""
    from ccos.services.checklist_merge import NotMergeable

    merged: dict[str, str] = {}
    for path in conflicted:
        resolver = _resolver(path)
        if resolver is None:
            return None
        stages = [repo.show(f":{stage}:{path}") for stage in (1, 2, 3)]
        if stages[1] is None or stages[2] is None:
            return None  # deleted on one side
        try:
            base, ours, theirs = (None if raw is None else raw.decode("utf-8") for raw in stages)
            assert ours is not None and theirs is not None
            merged[path] = resolver(base, ours, theirs)
        except (NotMergeable, UnicodeDecodeError):
            return None
    for path, text in merged.items():
        target = repo.root / path
        workspace = Workspace(repo.root)
        workspace.read_bytes(target)
        workspace.write_text(target, text)
        repo.git("add", "--", path)
    return list(merged)


def _abort(repo: Repository, before: str | None, files: list[str], upstream_name: str, reason: str | None) -> None:
    repo.git("rebase", "--abort", check=False)
    restored = repo.head() == before and not repo.operation_in_progress()
    if not restored:
        raise SyncStopped(
            f"sync stopped on a conflict and could not undo the rebase by itself ({reason or ', '.join(files)})",
            f"your commits are safe in git's reflog; run `{repo.command('rebase', '--abort')}` "
            f"and check `{repo.command('status')}`",
        )
    what = reason or f"{', '.join(files)} changed both here and on {upstream_name}"
    paths = files or ["FILE"]
    raise SyncStopped(
        f"sync stopped: {what}; nothing was lost: your commits are kept and the files are as they were before the pull",
        "to merge by hand: "
        f"`{repo.command('rebase', upstream_name)}`, edit the files (keep what you want, delete the "
        f"<<<<<<< ======= >>>>>>> lines), `{repo.command('add', '--', *paths)}`, "
        f"`{repo.command('rebase', '--continue')}`, then run ccos sync; "
        f"to give up halfway: `{repo.command('rebase', '--abort')}`",
    )


# --- status ----------------------------------------------------------------------------


def sync_status(workspace: Workspace, *, fetch: bool = True, progress: Progress = _quiet) -> SyncStatus:
    """Ahead/behind (after a fetch that never prompts), uncommitted changes, last sync."""
    from ccos.storage.local_state import read_state

    repo = Repository.open(workspace.root)
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
        progress(f"asking {remote}")
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

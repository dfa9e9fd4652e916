"""The real `git` binary, with argument lists and a clean environment (as `pass` does).

Inherited `GIT_*` variables could point git at another repository; they are cleared so
that only the workspace's own repository is ever touched. No git started here can ask a
question: no terminal prompt, no askpass, no editor, stdin closed, and (for commands that
talk to a remote) a new session without a controlling terminal, so even ssh cannot open
`/dev/tty` to ask for a passphrase or a host key.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ccos.errors import EnvironmentFailure, InvalidInput, SyncStopped

# machine-local files that must never be committed, whatever the workspace's .gitignore says
LOCAL_FOLDER = ".ccos/"
TEMP_SUFFIX = ".ccos-tmp"
CHUNK = 500  # paths per git call, far below any argument-length limit
IN_PROGRESS = (
    ("rebase-merge", "a rebase", "rebase"),
    ("rebase-apply", "a rebase (or git am)", "rebase"),
    ("MERGE_HEAD", "a merge", "merge"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "cherry-pick"),
    ("REVERT_HEAD", "a revert", "revert"),
)
BATCH_SSH = "ssh -o BatchMode=yes -o ConnectTimeout=20"


class GitTimeout(EnvironmentFailure):
    """git did not finish in time (a network that hangs, a hook that waits)."""


def git_environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_ASKPASS"] = "true" if os.name != "nt" else ""
    env["SSH_ASKPASS"] = ""
    env["GIT_EDITOR"] = "true"
    env["GIT_SEQUENCE_EDITOR"] = "true"
    env["GIT_MERGE_AUTOEDIT"] = "no"
    env["GIT_PAGER"] = "cat"
    env["GIT_LITERAL_PATHSPECS"] = "1"  # a file named `*.toml` or `:(top)x` is just that file
    env["LC_ALL"] = "C"
    return env


def run_git(
    root: Path, *args: str, check: bool = True, timeout: float = 120, network: bool = False
) -> subprocess.CompletedProcess[str]:
    """`git -C ROOT ARGS...`; `network=True` detaches it from the terminal (no prompt can reach a person)."""
    command = ["git", "-C", str(root), *args]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            env=git_environment(),
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
            start_new_session=network and os.name != "nt",
        )
    except FileNotFoundError:
        raise EnvironmentFailure("git is not installed (or not on PATH)", "install git, or use --no-git") from None
    except subprocess.TimeoutExpired:
        verb = next((arg for arg in args if not arg.startswith("-") and "=" not in arg), "")
        raise GitTimeout(f"git {verb} did not finish in {timeout:.0f} s", "check the network and run again") from None
    if check and result.returncode != 0:
        verb = next((arg for arg in args if not arg.startswith("-") and "=" not in arg), "")
        raise EnvironmentFailure(f"git {verb} failed: {last_line(result)}")
    return result


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in (result.stderr or result.stdout).strip().splitlines() if line.strip()]
    if not lines:
        return f"exit status {result.returncode}"
    useful = [line for line in lines if not line.startswith("hint:")]
    return (useful or lines)[-1].strip()


def git_available() -> bool:
    try:
        subprocess.run(["git", "--version"], capture_output=True, check=True, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def identity_options(root: Path, fallback_name: str) -> list[str]:
    """`-c user.name=... -c user.email=...` only when git has no identity configured."""
    options = []
    if not run_git(root, "config", "user.name", check=False).stdout.strip():
        options += ["-c", f"user.name={fallback_name or 'ccos'}"]
    if not run_git(root, "config", "user.email", check=False).stdout.strip():
        options += ["-c", "user.email=ccos@localhost"]
    return options


def commit_paths(root: Path, message: str, paths: list[str], author_name: str = "ccos") -> None:
    run_git(root, "add", "--", *paths)
    run_git(root, *identity_options(root, author_name), "commit", "-q", "--no-verify", "-m", message, "--", *paths)


# --- the workspace repository ----------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One path that differs from HEAD: status A (added), M (modified) or D (deleted)."""

    status: str
    path: str


def quoted(path: Path | str) -> str:
    import shlex

    return shlex.quote(str(path))


class Repository:
    """The git repository whose top level is exactly the workspace folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._git_dir: Path | None = None

    @classmethod
    def open(cls, root: Path) -> Repository:
        """The workspace's own repository; exit 2 when it is none (or part of another one)."""
        result = run_git(root, "rev-parse", "--show-toplevel", "--absolute-git-dir", check=False)
        lines = result.stdout.splitlines()
        init = f"git -C {quoted(root)} init"
        if result.returncode != 0 or len(lines) < 2:
            raise InvalidInput(
                f"{root} is not a git repository, so there is nothing to sync",
                f"make it one with `{init}` (then `ccos sync` commits everything), "
                "or clone your existing workspace with `git clone URL FOLDER`",
            )
        top = Path(lines[0])
        if top.resolve() != root.resolve():
            raise InvalidInput(
                f"{root} is inside the git repository {top}, not a repository of its own",
                f"ccos syncs only the workspace's own repository: run `{init}` to give it one",
            )
        repo = cls(root)
        repo._git_dir = Path(lines[1])
        return repo

    def git(self, *args: str, check: bool = True, network: bool = False) -> subprocess.CompletedProcess[str]:
        return run_git(self.root, *args, check=check, network=network)

    @property
    def git_dir(self) -> Path:
        assert self._git_dir is not None
        return self._git_dir

    def command(self, *args: str) -> str:
        """A git command line a person can paste."""
        return " ".join(["git", "-C", quoted(self.root), *(quoted(arg) for arg in args)])

    # state ------------------------------------------------------------------------------
    def operation_in_progress(self) -> tuple[str, str] | None:
        """(what, git verb) of an unfinished merge, rebase, cherry-pick or revert."""
        for marker, what, verb in IN_PROGRESS:
            if (self.git_dir / marker).exists():
                return what, verb
        return None

    def refuse_unfinished_work(self) -> None:
        """Exit 4 (touching nothing) when git is busy or in the middle of something."""
        lock = self.git_dir / "index.lock"
        if lock.exists():
            raise SyncStopped(
                f"git's lock file {lock} exists: another git is running in this workspace, or one was "
                "interrupted; nothing was changed",
                f"if no git program is running, delete it (rm {quoted(lock)}) and run ccos sync again",
            )
        busy = self.operation_in_progress()
        if busy:
            what, verb = busy
            files = self.unmerged_paths()
            named = f" (unresolved: {', '.join(files)})" if files else ""
            raise SyncStopped(
                f"{self.root} is in the middle of {what}{named}; ccos sync changed nothing",
                f"finish it (`{self.command('status')}` shows where it stands; resolve, `git add` the files, "
                f"then `{self.command(verb, '--continue')}`) or give it up with "
                f"`{self.command(verb, '--abort')}`, then run ccos sync again",
            )
        unmerged = self.unmerged_paths()
        if unmerged:
            raise SyncStopped(
                f"unresolved conflicts in {', '.join(unmerged)}; ccos sync changed nothing",
                f"edit them (delete the conflict markers), then `{self.command('add', '--', *unmerged)}`",
            )

    def branch(self) -> str:
        result = self.git("symbolic-ref", "--short", "-q", "HEAD", check=False)
        name = result.stdout.strip()
        if result.returncode != 0 or not name:
            raise SyncStopped(
                f"{self.root} is not on a branch (detached HEAD); ccos sync changed nothing",
                f"switch to your branch, e.g. `{self.command('switch', 'main')}`, and run ccos sync again",
            )
        return name

    def head(self) -> str | None:
        result = self.git("rev-parse", "-q", "--verify", "HEAD^{commit}", check=False)
        return result.stdout.strip() or None

    def ref_exists(self, ref: str) -> bool:
        return self.git("rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False).returncode == 0

    def unmerged_paths(self) -> list[str]:
        result = self.git("diff", "--name-only", "--diff-filter=U", "-z", check=False)
        return sorted({path for path in result.stdout.split("\0") if path})

    def changes(self) -> list[Change]:
        """Everything that differs from HEAD in the working tree, untracked files included."""
        result = self.git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames")
        changes = []
        for entry in result.stdout.split("\0"):
            if len(entry) < 4:
                continue
            code, path = entry[:2], entry[3:]
            if path.startswith(LOCAL_FOLDER) or path.endswith(TEMP_SUFFIX):
                continue
            if "D" in code:
                status = "D"
            elif code in ("??", "A ", "AM") or code.startswith("A"):
                status = "A"
            else:
                status = "M"
            changes.append(Change(status, path))
        return changes

    def staged_changes(self, paths: list[str] | None = None) -> list[Change]:
        """What the index changes relative to HEAD (to the empty tree before the first commit)."""
        result = self.git("diff", "--cached", "--name-status", "--no-renames", "-z")
        parts = [part for part in result.stdout.split("\0") if part]
        changes = [Change(parts[i][0], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
        if paths is not None:
            wanted = set(paths)
            changes = [change for change in changes if change.path in wanted]
        return changes

    def tracked(self, paths: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(paths), CHUNK):
            result = self.git("ls-files", "-z", "--", *paths[start : start + CHUNK])
            found.update(path for path in result.stdout.split("\0") if path)
        return found

    def stage(self, paths: list[str] | None = None) -> list[Change]:
        """Stage PATHS (every change of the workspace when None); what the next commit would change."""
        if paths is None:
            paths = [change.path for change in self.changes()]
        else:
            present = [path for path in paths if (self.root / path).exists()]
            paths = present + sorted(self.tracked([path for path in paths if path not in present]))
        if not paths:
            return []
        for start in range(0, len(paths), CHUNK):
            self.git("add", "--all", "--", *paths[start : start + CHUNK])
        return self.staged_changes(paths)

    def commit_staged(self, message: str, paths: list[str] | None, author_name: str) -> str:
        """Commit what `stage` staged (only PATHS when given); the new commit's short id."""
        only = [] if paths is None else ["--only", "--", *paths]
        self.git(
            *identity_options(self.root, author_name), "commit", "-q", "--no-verify", "--cleanup=whitespace",
            f"--message={message}", *only,
        )  # fmt: skip
        return self.git("rev-parse", "--short", "HEAD").stdout.strip()

    # remotes ----------------------------------------------------------------------------
    def remotes(self) -> list[str]:
        return [name for name in self.git("remote").stdout.split() if name]

    def config_value(self, key: str) -> str:
        return self.git("config", "--get", key, check=False).stdout.strip()

    def upstream(self, branch: str) -> tuple[str, str] | None:
        """(remote, branch on the remote) to sync with; None when no remote exists."""
        remote = self.config_value(f"branch.{branch}.remote")
        merge = self.config_value(f"branch.{branch}.merge")
        remotes = self.remotes()
        if remote and remote != "." and remote in remotes and merge.startswith("refs/heads/"):
            return remote, merge[len("refs/heads/") :]
        if not remotes:
            return None
        if "origin" in remotes:
            return "origin", branch
        if len(remotes) == 1:
            return remotes[0], branch
        raise InvalidInput(
            f"several git remotes ({', '.join(remotes)}) and none is the upstream of {branch}; nothing was changed",
            f"choose one: `{self.command('branch', '--set-upstream-to', remotes[0] + '/' + branch)}`",
        )

    def ssh_options(self) -> list[str]:
        """BatchMode ssh, unless the person configured their own ssh command."""
        return [] if self.config_value("core.sshCommand") else ["-c", f"core.sshCommand={BATCH_SSH}"]

    def fetch(self, remote: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return run_git(
            self.root, *self.ssh_options(), "fetch", "--no-tags", "--no-recurse-submodules", "--quiet", "--", remote,
            check=False, network=True, timeout=timeout,
        )  # fmt: skip

    def push(
        self, remote: str, branch: str, remote_branch: str, set_upstream: bool, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        args = [*self.ssh_options(), "push", "--quiet", "--no-recurse-submodules"]
        if set_upstream:
            args.append("--set-upstream")
        return run_git(
            self.root, *args, "--", remote, f"refs/heads/{branch}:refs/heads/{remote_branch}",
            check=False, network=True, timeout=timeout,
        )  # fmt: skip

    def ahead_behind(self, tracking: str) -> tuple[int, int]:
        if not self.ref_exists(tracking):
            head = self.head()
            return (int(self.git("rev-list", "--count", "HEAD").stdout.strip()) if head else 0), 0
        if self.head() is None:
            return 0, int(self.git("rev-list", "--count", tracking).stdout.strip())
        counts = self.git("rev-list", "--left-right", "--count", f"HEAD...{tracking}").stdout.split()
        return int(counts[0]), int(counts[1])

    def show(self, spec: str) -> bytes | None:
        """The content of a blob (`:2:path`, `HEAD:path`), or None when it does not exist."""
        command = ["git", "-C", str(self.root), "cat-file", "blob", spec]
        try:
            result = subprocess.run(
                command, capture_output=True, env=git_environment(), stdin=subprocess.DEVNULL, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EnvironmentFailure(f"git cat-file failed: {exc}") from None
        return result.stdout if result.returncode == 0 else None

    def changed_between(self, base: str | None) -> list[str]:
        """Paths that HEAD changes relative to BASE (all tracked paths when BASE is None)."""
        if self.head() is None:
            return []
        if base is None:
            listed = self.git("ls-tree", "-r", "-z", "--name-only", "HEAD")
        else:
            listed = self.git("diff", "--name-only", "--no-renames", "--diff-filter=AM", "-z", base, "HEAD")
        return [path for path in listed.stdout.split("\0") if path]

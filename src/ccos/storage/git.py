"""The real `git` binary, with argument lists and a clean environment (as `pass` does).

Inherited `GIT_*` variables could point git at another repository; they are cleared so
that only the workspace's own repository is ever touched. No git started here can ask a
question: no terminal prompt, no askpass, no editor, stdin closed, and (for commands that
talk to a remote) a new session without a controlling terminal, so even ssh cannot open
`/dev/tty` to ask for a passphrase or a host key.

No git started here runs a program from the repository either: hooks and the fsmonitor
are switched off on the command line (`SAFE_CONFIG`), unless the person opted in with
`sync.allow_hooks = true`. Filters and merge drivers named in a (pushed) `.gitattributes`
only run when the person's own git config defines them, which no remote can push.
"""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ccos.errors import EnvironmentFailure, InvalidInput, SyncStopped
from ccos.i18n import tr

# machine-local files that must never be committed (nor pulled), whatever .gitignore says: `is_local_state`
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
# Given to every git (before the command) unless sync.allow_hooks: no hook and no fsmonitor
# program configured in the repository (or pointing into the workspace) ever runs.
SAFE_CONFIG = ("-c", f"core.hooksPath={os.devnull}", "-c", "core.fsmonitor=false")
# The only file modes ccos writes (a regular, non-executable file); anything else arriving
# from a remote is refused (see `refused_entry`).
REGULAR_MODE = "100644"
MAX_NAME_BYTES = 255  # a file name on ext4, APFS, NTFS (in UTF-16 units there: near enough)
# Code points that HFS+ ignores in names (so `.g\u200cit` is `.git` there).
_COMPONENTS = re.compile(r"[/\\]")
# What Windows (8.3 names on) may also call `.git` and `.ccos`.
_SHORT_NAME = re.compile(r"(git|ccos)~[1-9][0-9]*")
_IGNORABLE = {0x200C, 0x200D, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x206A, 0x2070), 0xFEFF}


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
    root: Path,
    *args: str,
    check: bool = True,
    timeout: float = 120,
    network: bool = False,
    input: str | None = None,
    hooks: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`git -C ROOT ARGS...`; `network=True` detaches it from the terminal (no prompt can reach a person).

    `input` goes to git's stdin (a commit message for `-F -`, paths for `--pathspec-from-file=-`),
    so no argument ever grows with the number of files. `hooks=True` (sync.allow_hooks) lets
    the repository's hooks and fsmonitor run; by default they are off (`SAFE_CONFIG`).
    """
    command = ["git", "-C", str(root), *(() if hooks else SAFE_CONFIG), *args]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            env=git_environment(),
            timeout=timeout,
            input=input,
            stdin=subprocess.DEVNULL if input is None else None,
            check=False,
            start_new_session=network and os.name != "nt",
        )
    except FileNotFoundError:
        raise EnvironmentFailure(
            tr("git is not installed (or not on PATH)"), tr("install git, or use --no-git")
        ) from None
    except subprocess.TimeoutExpired:
        verb = next((arg for arg in args if not arg.startswith("-") and "=" not in arg), "")
        raise GitTimeout(
            tr("git {verb} did not finish in {timeout:.0f} s").format(verb=verb, timeout=timeout),
            tr("check the network and run again"),
        ) from None
    if check and result.returncode != 0:
        verb = next((arg for arg in args if not arg.startswith("-") and "=" not in arg), "")
        raise EnvironmentFailure(tr("git {verb} failed: {last_line}").format(verb=verb, last_line=last_line(result)))
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


# --- what may never come from a remote -------------------------------------------------


def fold_name(name: str) -> str:
    """A path component as a case-insensitive, NTFS- or HFS+-mangling disk would see it.

    `.GIT`, `.git ` (trailing space), `.git.`, `.g\u200cit` and `.git::$INDEX_ALLOCATION` are all
    `.git` on some disk a workspace may live on (or be cloned to).
    """
    name = "".join(char for char in unicodedata.normalize("NFC", name) if ord(char) not in _IGNORABLE)
    name = name.split(":", 1)[0] if name.startswith(".") else name
    return name.rstrip(" .").casefold() or name


def is_local_state(path: str) -> bool:
    """`.ccos/...` (in any case) or a ccos temporary file: machine-local, never committed or pulled."""
    parts = path.split("/")
    return fold_name(parts[0]) == ".ccos" or fold_name(parts[-1]).endswith(TEMP_SUFFIX)


def _long_name(folded: str) -> str:
    """`.git` or `.ccos` for their Windows 8.3 short names (`git~1`, `ccos~2`), else FOLDED."""
    short = _SHORT_NAME.fullmatch(folded)
    return f".{short.group(1)}" if short else folded


def refused_entry(path: str, mode: str) -> str | None:
    """Why a file arriving from a remote (PATH with git MODE) must not reach the disk, or None.

    The rule: ccos writes regular, non-executable files outside `.ccos/`, so only those may
    arrive. A symlink, a submodule (gitlink), an executable file, anything under `.ccos/`,
    a `.git` component anywhere, a ccos temporary file or a path with `..` is refused, in
    any case spelling. Plain files of any name (a person's README, photos) are fine.
    """
    parts = _COMPONENTS.split(path)  # a backslash too: a folder separator on Windows
    if any(part in ("", ".", "..") for part in parts):
        return "a path with an empty, '.' or '..' component"
    if any(len(part.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES for part in parts):
        return f"a name longer than {MAX_NAME_BYTES} bytes, which no common disk holds (git could not check it out)"
    folded = [_long_name(fold_name(part)) for part in parts]
    if folded[0] == ".ccos":
        return "machine-local ccos state (.ccos/), which is never synced"
    if ".git" in folded:
        return "a path through a .git folder"
    if folded[-1].endswith(TEMP_SUFFIX):
        return "a ccos temporary file"
    if mode == "120000":
        return "a symbolic link"
    if mode == "160000":
        return "a submodule (gitlink)"
    if mode == "100755":
        return "an executable file"
    if mode != REGULAR_MODE:
        return f"an entry of unusual mode {mode}"
    return None


def attributes_refusal(data: bytes) -> str | None:
    """Why a pushed `.gitattributes` may not come in: it picks how git merges or converts files.

    `merge=union` (built into git) would merge a conflicting ccos.toml by keeping both sides'
    lines instead of stopping; filters and drivers run programs when the person's config
    defines them (git-lfs, say). ccos never writes a `.gitattributes`; one with only other
    attributes (`binary`, `-diff`, `-merge`, `linguist-*`) comes in like any file.
    """
    import re

    text = data.decode("utf-8", "replace")
    if re.search(r"(?m)(^|\s)(merge|filter|diff|working-tree-encoding)=", text):
        return "a .gitattributes that sets a merge driver, filter, diff driver or encoding"
    return None


def _collision(name: str, other: str) -> str:
    """Why NAME may not arrive beside OTHER, which only a folding disk mistakes for it."""
    if unicodedata.normalize("NFC", name) == unicodedata.normalize("NFC", other):
        return f"the same name as {other} in another Unicode form: one file on macOS, where it would replace it"
    return f"the same name as {other} but for case or invisible characters: one file on macOS and Windows"


@dataclass(frozen=True)
class Refused:
    """One file an incoming commit would put on the disk, and why it may not."""

    commit: str
    path: str
    reason: str
    mode: str = REGULAR_MODE


def _cleaned_up(item: Refused) -> bool:
    """A plain machine-local file: forgiven when a later incoming commit untracks it again.

    That is the history `ccos sync` itself writes when it finds `.ccos/` tracked (it untracks
    it in its commit), so the other machines must be able to take it; such a file is never
    on the remote's tip, so the rebase never puts it on the disk.
    """
    return item.mode == REGULAR_MODE and is_local_state(item.path)


# --- the workspace repository ----------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One path that differs from HEAD: status A (added), M (modified) or D (deleted)."""

    status: str
    path: str


def quoted(path: Path | str) -> str:
    import shlex

    return shlex.quote(str(path))


def _not_a_repository(root: Path, result: subprocess.CompletedProcess[str]) -> EnvironmentFailure | InvalidInput:
    """Why `git rev-parse` refused ROOT: dubious ownership is not "not a git repository"."""
    if "dubious ownership" in result.stderr:
        return EnvironmentFailure(
            tr(
                "git refuses to work in {root}: the folder belongs to another user (git's 'dubious "
                "ownership' check); nothing was changed"
            ).format(root=root),
            tr(
                "if you trust it, `git config --global --add safe.directory {quoted}`, or give the folder "
                "to your user (chown)"
            ).format(quoted=quoted(root.absolute())),
        )
    init = f"git -C {quoted(root)} init"
    return InvalidInput(
        tr("{root} is not a git repository, so there is nothing to sync").format(root=root),
        tr(
            "make it one with `{init}` (then `ccos sync` commits everything), or clone your existing "
            "workspace with `git clone URL FOLDER`"
        ).format(init=init),
    )


class Repository:
    """The git repository whose top level is exactly the workspace folder."""

    def __init__(self, root: Path, *, allow_hooks: bool = False) -> None:
        self.root = root
        self.allow_hooks = allow_hooks
        self._git_dir: Path | None = None

    @classmethod
    def open(cls, root: Path, *, allow_hooks: bool = False) -> Repository:
        """The workspace's own repository; exit 2 when it is none (or part of another one)."""
        result = run_git(root, "rev-parse", "--show-toplevel", "--absolute-git-dir", check=False)
        lines = result.stdout.splitlines()
        if result.returncode != 0 or len(lines) < 2:
            raise _not_a_repository(root, result)
        top = Path(lines[0])
        if top.resolve() != root.resolve():
            raise InvalidInput(
                tr("{root} is inside the git repository {top}, not a repository of its own").format(root=root, top=top),
                tr("ccos syncs only the workspace's own repository: run `git -C {quoted} init` to give it one").format(
                    quoted=quoted(root)
                ),
            )
        repo = cls(root, allow_hooks=allow_hooks)
        repo._git_dir = Path(lines[1])
        return repo

    def git(
        self, *args: str, check: bool = True, network: bool = False, input: str | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return run_git(
            self.root, *args, check=check, network=network, input=input, timeout=timeout, hooks=self.allow_hooks
        )

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
                tr(
                    "git's lock file {lock} exists: another git is running in this workspace, or one was "
                    "interrupted; nothing was changed"
                ).format(lock=lock),
                tr("if no git program is running, delete it (rm {quoted}) and run ccos sync again").format(
                    quoted=quoted(lock)
                ),
            )
        busy = self.operation_in_progress()
        if busy:
            what, verb = busy
            files = self.unmerged_paths()
            named = f" (unresolved: {', '.join(files)})" if files else ""
            raise SyncStopped(
                tr("{root} is in the middle of {what}{named}; ccos sync changed nothing").format(
                    root=self.root, what=what, named=named
                ),
                tr(
                    "finish it (`{command}` shows where it stands; resolve, `git add` the files, then "
                    "`{command2}`) or give it up with `{command3}`, then run ccos sync again"
                ).format(
                    command=self.command("status"),
                    command2=self.command(verb, "--continue"),
                    command3=self.command(verb, "--abort"),
                ),
            )
        unmerged = self.unmerged_paths()
        if unmerged:
            raise SyncStopped(
                tr("unresolved conflicts in {join}; ccos sync changed nothing").format(join=", ".join(unmerged)),
                tr("edit them (delete the conflict markers), then `{command}`").format(
                    command=self.command("add", "--", *unmerged)
                ),
            )

    def branch(self) -> str:
        result = self.git("symbolic-ref", "--short", "-q", "HEAD", check=False)
        name = result.stdout.strip()
        if result.returncode != 0 or not name:
            raise SyncStopped(
                tr("{root} is not on a branch (detached HEAD); ccos sync changed nothing").format(root=self.root),
                tr("switch to your branch, e.g. `{command}`, and run ccos sync again").format(
                    command=self.command("switch", "main")
                ),
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
        """Everything that differs from HEAD in the working tree, untracked files included
        (one entry per path; never machine-local state)."""
        result = self.git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames")
        changes: dict[str, Change] = {}
        for entry in result.stdout.split("\0"):
            if len(entry) < 4:
                continue
            code, path = entry[:2], entry[3:]
            if is_local_state(path):
                continue
            if code == "??" and path in changes:  # `git rm --cached` by hand: deleted in the index, on disk
                changes[path] = Change("M", path)
                continue
            if "D" in code:
                status = "D"
            elif code in ("??", "A ", "AM") or code.startswith("A"):
                status = "A"
            else:
                status = "M"
            changes[path] = Change(status, path) if path not in changes else Change("M", path)
        return list(changes.values())

    def ignored(self, folders: list[str]) -> list[str]:
        """Untracked files under FOLDERS (top-level names) that `.gitignore` keeps out of every commit."""
        listed = self.git("ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--", *folders)
        return sorted(path for path in listed.stdout.split("\0") if path and not is_local_state(path))

    def staged_changes(self, paths: list[str] | None = None) -> list[Change]:
        """What the index changes relative to HEAD (to the empty tree before the first commit)."""
        result = self.git("diff", "--cached", "--name-status", "--no-renames", "-z")
        parts = [part for part in result.stdout.split("\0") if part]
        changes = [Change(parts[i][0], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]
        if paths is not None:
            wanted = set(paths)
            changes = [change for change in changes if change.path in wanted]
        return changes

    def index_paths(self) -> set[str]:
        """Every path the index holds (any stage)."""
        return {path for path in self.git("ls-files", "-z").stdout.split("\0") if path}

    def tracked(self, paths: list[str]) -> set[str]:
        return self.index_paths() & set(paths)

    def tree_paths(self, rev: str) -> list[str]:
        """Every file path of REV's tree (none before the first commit)."""
        result = self.git("ls-tree", "-r", "-z", "--name-only", "--full-tree", rev, check=False)
        return [path for path in result.stdout.split("\0") if path] if result.returncode == 0 else []

    def touched_since(self, base: str) -> list[str]:
        """Every path a commit of BASE..HEAD adds, changes or deletes (what a rebase replays)."""
        listed = self.git("log", "--name-only", "-z", "--format=", "--no-renames", f"{base}..HEAD", "--", check=False)
        return sorted({path.strip("\n") for path in listed.stdout.split("\0") if path.strip("\n")})

    def tracked_local_state(self, *, in_head: bool = True) -> list[str]:
        """Machine-local paths (.ccos/, *.ccos-tmp) the index or HEAD holds: pulled or added by mistake."""
        found = {path for path in self.index_paths() if is_local_state(path)}
        if in_head and self.head() is not None:
            found.update(path for path in self.tree_paths("HEAD") if is_local_state(path))
        return sorted(found)

    def untrack(self, paths: list[str]) -> list[str]:
        """`git rm -r --cached` PATHS that the index holds (the files stay on disk); those removed."""
        held = sorted(self.index_paths() & set(paths))
        if held:
            self.git(
                "rm", "-r", "--cached", "-q", "--ignore-unmatch", "--pathspec-from-file=-", "--pathspec-file-nul",
                input="\0".join(held) + "\0",
            )  # fmt: skip
        return held

    def _add(self, paths: list[str]) -> None:
        """`git add -A` of PATHS, every one of which is on disk or in the index (handles deletions)."""
        if paths:
            self.git("add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul", input="\0".join(paths) + "\0")

    def stage(self, paths: list[str] | None = None) -> list[Change]:
        """Stage PATHS (every change of the workspace when None); what the next commit would change.

        A path that is neither on disk nor in the index (removed by `git rm`, or the old name
        of a `git mv`) is already staged as deleted: it is not given to `git add`, which would
        refuse a pathspec that matches nothing.
        """
        if paths is None:
            paths = [change.path for change in self.changes()]
        wanted = sorted(set(paths))
        if not wanted:
            return []
        index = self.index_paths()
        self._add([path for path in wanted if os.path.lexists(self.root / path) or path in index])
        return self.staged_changes(wanted)

    def commit_staged(self, message: str, paths: list[str] | None, author_name: str) -> str:
        """Commit what `stage` staged (only PATHS when given); the new commit's short id.

        The message goes through stdin (`-F -`) and the paths through a file, so neither is
        an argument that grows with the number of changes.
        """
        options = [*identity_options(self.root, author_name), "commit", "-q", "--no-verify", "--cleanup=whitespace"]
        if paths is None:
            self.git(*options, "-F", "-", input=message)
        else:
            self._commit_only(options, message, paths)
        return self.git("rev-parse", "--short", "HEAD").stdout.strip()

    def _commit_only(self, options: list[str], message: str, paths: list[str]) -> None:
        import tempfile

        descriptor, name = tempfile.mkstemp(prefix="ccos-paths-", suffix=".txt")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", errors="surrogateescape") as handle:
                handle.write("\0".join(paths) + "\0")
            self.git(
                *options, "-F", "-", "--only", f"--pathspec-from-file={name}", "--pathspec-file-nul", input=message
            )
        finally:
            os.unlink(name)

    # what a fetch brought ---------------------------------------------------------------
    def incoming_commits(self, tracking: str) -> list[str]:
        """The commits TRACKING has that HEAD has not (all of them before the first commit)."""
        spec = [tracking] if self.head() is None else [f"HEAD..{tracking}"]
        return [line for line in self.git("rev-list", *spec, "--").stdout.split() if line]

    def refused_incoming(self, tracking: str) -> list[Refused]:
        """Every file an incoming commit adds or changes that may not reach the disk (`refused_entry`).

        Each commit is compared with each of its parents (`-m`, so a merge commit cannot hide
        a file), without rename detection; deletions are always fine.
        """
        commits = self.incoming_commits(tracking)
        if not commits:
            return []
        result = self.git(
            "diff-tree", "--stdin", "-r", "-z", "-m", "--root", "--no-renames", "--raw", "--no-abbrev",
            input="\n".join(commits) + "\n",
        )  # fmt: skip
        refused: list[Refused] = []
        seen: set[tuple[str, str]] = set()
        added: dict[str, str] = {}  # path -> the commit that adds it
        tokens = result.stdout.split("\0")
        commit, index = "", 0
        while index < len(tokens):
            token = tokens[index]
            index += 1
            if not token:
                continue
            if not token.startswith(":"):
                commit = token.split()[0]
                continue
            path = tokens[index] if index < len(tokens) else ""
            index += 1
            fields = token[1:].split()
            if len(fields) < 5 or fields[4][:1] == "D":
                continue
            reason = refused_entry(path, fields[1])
            if reason is None and fold_name(path.rsplit("/", 1)[-1]) == ".gitattributes":
                reason = attributes_refusal(self.show(fields[3]) or b"")
            if reason is not None and (commit, path) not in seen:
                seen.add((commit, path))
                refused.append(Refused(commit, path, reason, fields[1]))
            elif reason is None and fields[4][:1] == "A":
                added.setdefault(path, commit)
        if any(_cleaned_up(item) for item in refused):
            tip = set(self.tree_paths(tracking))
            refused = [item for item in refused if not (_cleaned_up(item) and item.path not in tip)]
        return refused + self._colliding(tracking, added)

    def _colliding(self, tracking: str, added: dict[str, str]) -> list[Refused]:
        """ADDED paths that another path of the result names on a disk that folds names.

        On macOS and Windows (case-insensitive, and on macOS Unicode-normalising) a pushed
        `Checklists/2026-W47.toml` or `notes/cafe\u0301.md` is the same file as the person's
        `checklists/2026-W47.toml` or `notes/caf\u00e9.md`: checking it out overwrites theirs.
        The result is the remote's tip plus what the local commits add.
        """
        if not added:
            return []
        mine = set(self.tree_paths("HEAD")) & set(self.touched_since(tracking)) if self.head() else set()
        result = {*self.tree_paths(tracking), *mine}
        owners: dict[str, set[str]] = {}
        for path in result:
            parts = path.split("/")
            for depth in range(1, len(parts) + 1):
                raw = "/".join(parts[:depth])
                owners.setdefault("/".join(fold_name(part) for part in parts[:depth]), set()).add(raw)
        found: list[Refused] = []
        for path, commit in added.items():
            if path not in result:
                continue  # gone again by the tip (a rename that changes only the case)
            parts = path.split("/")
            for depth in range(1, len(parts) + 1):
                raw = "/".join(parts[:depth])
                others = sorted(owners.get("/".join(fold_name(part) for part in parts[:depth]), set()) - {raw})
                if others:
                    found.append(Refused(commit, path, _collision(raw, others[0])))
                    break
        return found

    def describe_commit(self, commit: str) -> str:
        """`1a2b3c4 "subject" by Name <mail>`: enough for a person to ask who pushed it."""
        shown = self.git("log", "-1", "--format=%h%x00%s%x00%an <%ae>", commit, "--", check=False).stdout
        short, _, rest = shown.strip().partition("\0")
        subject, _, author = rest.partition("\0")
        return f'{short or commit[:7]} "{subject}" by {author}' if short else commit[:7]

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
            tr("several git remotes ({join}) and none is the upstream of {branch}; nothing was changed").format(
                join=", ".join(remotes), branch=branch
            ),
            tr("choose one: `{command}`").format(
                command=self.command("branch", "--set-upstream-to", remotes[0] + "/" + branch)
            ),
        )

    def ssh_options(self) -> list[str]:
        """BatchMode ssh, unless the person configured their own ssh command."""
        return [] if self.config_value("core.sshCommand") else ["-c", f"core.sshCommand={BATCH_SSH}"]

    def fetch(self, remote: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return run_git(
            self.root, *self.ssh_options(), "fetch", "--no-tags", "--no-recurse-submodules", "--quiet", "--", remote,
            check=False, network=True, timeout=timeout, hooks=self.allow_hooks,
        )  # fmt: skip

    def push(
        self, remote: str, branch: str, remote_branch: str, set_upstream: bool, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        args = [*self.ssh_options(), "push", "--quiet", "--no-recurse-submodules"]
        if set_upstream:
            args.append("--set-upstream")
        return run_git(
            self.root, *args, "--", remote, f"refs/heads/{branch}:refs/heads/{remote_branch}",
            check=False, network=True, timeout=timeout, hooks=self.allow_hooks,
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
        command = ["git", "-C", str(self.root), *SAFE_CONFIG, "cat-file", "blob", spec]
        try:
            result = subprocess.run(
                command, capture_output=True, env=git_environment(), stdin=subprocess.DEVNULL, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EnvironmentFailure(tr("git cat-file failed: {exc}").format(exc=exc)) from None
        return result.stdout if result.returncode == 0 else None

    def write_blob(self, data: bytes) -> str:
        """Store DATA as a blob (`git hash-object -w`), byte for byte; its id."""
        command = ["git", "-C", str(self.root), *SAFE_CONFIG, "hash-object", "-w", "--stdin"]
        try:
            result = subprocess.run(
                command, input=data, capture_output=True, env=git_environment(), timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EnvironmentFailure(tr("git hash-object failed: {exc}").format(exc=exc)) from None
        if result.returncode != 0:
            raise EnvironmentFailure(
                tr("git hash-object failed: {strip}").format(strip=result.stderr.decode("utf-8", "replace").strip())
            )
        return result.stdout.decode("ascii").strip()

    def changed_between(self, base: str | None) -> list[str]:
        """Paths that HEAD changes relative to BASE (all tracked paths when BASE is None)."""
        if self.head() is None:
            return []
        if base is None:
            listed = self.git("ls-tree", "-r", "-z", "--name-only", "HEAD")
        else:
            listed = self.git("diff", "--name-only", "--no-renames", "--diff-filter=AM", "-z", base, "HEAD")
        return [path for path in listed.stdout.split("\0") if path]

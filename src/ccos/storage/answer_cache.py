"""Replay the output of a read command when nothing it depends on has changed.

`ccos status` every morning on an unchanged workspace should not pay for Typer, pydantic
and Rich (together about 15 times the start-up of Python itself). So a read command that
succeeded leaves its exact output in `.ccos/cache/answers/`, with everything it depended
on, and the next identical invocation (`entry.py`, before any heavy import) prints it
again when all of this is unchanged:

- the command line, the current directory, the ccos version, and every environment
  variable that can change the output (CCOS_*, colour, terminal, locale, HOME, TZ), whether
  stdout/stderr are terminals and the terminal's size, and the encoding (and error
  policy) of stdout and stderr;
- today (CCOS_TODAY, or the date in the workspace's time zone);
- the exact stat (modification time in ns, size, change time, inode) of every file the
  command read, and of every folder of the workspace (a file added, removed or renamed
  anywhere changes its folder's stat).

Anything else, including a file modified within the last two seconds (coarse file-system
timestamps), means the command runs normally. A missing or corrupt answer is ignored; no
answer is kept for a command that failed, wrote anything, or read no workspace. Only
read-only commands are listed in `CACHEABLE`.

Answers are read without following links, and only one this machine's ccos wrote is
decoded (it carries its own inode, storage/cache_file.py: marshal is not safe against
malicious bytes, and a pushed commit can put files under `.ccos/`); any decoding problem is
"no answer". They are written only into real folders (`.ccos`, `.ccos/cache`,
`.ccos/cache/answers`, none a link) through `O_EXCL | O_NOFOLLOW` temporary files. Stats
are `lstat`s, so a file replaced by a link never matches.

This module imports nothing heavy: it runs before Typer is imported.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
import zlib
from typing import Any

FORMAT = 1
RACY_NS = 2_000_000_000
MAX_ANSWER_BYTES = 64 * 1024 * 1024
KEEP = 32  # answers kept per workspace
FOLDER = os.path.join(".ccos", "cache", "answers")
SKIP_DIRS = (".ccos", ".git")
# Read-only commands: (command, subcommand or None for the group's own callback).
CACHEABLE = {
    ("plan", "week"),
    ("plan", "month"),
    ("plan", "quarter"),
    ("status", None),
    ("checklist", None),
    ("checklist", "show"),
    ("mentee", "list"),
    ("mentee", "show"),
    ("share", "list"),
    ("share", "show"),
    ("share", "ideas"),
    ("event", "list"),
    ("event", "show"),
}
ENV_PREFIXES = ("CCOS_", "LC_")
ENV_NAMES = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM",
    "COLORTERM",
    "COLUMNS",
    "LINES",
    "HOME",
    "TZ",
    "LANG",
    "LANGUAGE",
    "PYTHONIOENCODING",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
)
GLOBAL_WITH_VALUE = ("--workspace", "-w")


def command_of(argv: list[str]) -> tuple[str | None, tuple[str, str | None] | None]:
    """(--workspace value, (command, subcommand)) if argv is a cacheable invocation."""
    workspace = None
    words: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in ("--help", "-h", "--edit") or arg.startswith(("--install-completion", "--show-completion")):
            return None, None
        if not words and arg in GLOBAL_WITH_VALUE:
            if index + 1 >= len(argv):
                return None, None
            workspace = argv[index + 1]
            index += 2
            continue
        if not words and arg.startswith("--workspace="):
            workspace = arg.split("=", 1)[1]
        elif not arg.startswith("-") and len(words) < 2:
            words.append(arg)
        elif not words:
            return None, None  # an unknown global option: let Typer say so
        index += 1
    if not words:
        return None, None
    for pair in ((words[0], words[1] if len(words) > 1 else None), (words[0], None)):
        if pair in CACHEABLE and (pair[1] is not None or len(words) == 1 or (words[0], words[1]) not in _SUBCOMMANDS):
            return workspace, pair
    return None, None


# Subcommands of groups whose callback is cacheable: `checklist check` is not `checklist`.
_SUBCOMMANDS = {("checklist", name) for name in ("check", "uncheck", "add", "remove", "carry", "show")}


def find_root(option: str | None, environ: dict[str, str] | os._Environ[str], cwd: str) -> str:
    """The same lookup as `storage.workspace.find_workspace`, without importing it."""
    if option:
        return os.path.abspath(os.path.expanduser(option))
    value = environ.get("CCOS_WORKSPACE")
    if value:
        return os.path.abspath(os.path.expanduser(value))
    folder = cwd
    while True:
        if os.path.isfile(os.path.join(folder, "ccos.toml")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    home = environ.get("HOME") or os.path.expanduser("~")
    return os.path.join(home, "ccos")


def _terminal(fd: int) -> Any:
    try:
        if os.isatty(fd):
            size = os.get_terminal_size(fd)
            return (True, size.columns, size.lines)
    except OSError:
        pass
    return (False,)


def invocation_key(argv: list[str], environ: dict[str, str] | os._Environ[str], cwd: str) -> tuple[Any, ...]:
    from ccos import __version__

    env = tuple(
        sorted((name, value) for name, value in environ.items() if name in ENV_NAMES or name.startswith(ENV_PREFIXES))
    )
    zone_file = _stat("/etc/localtime", follow=True)
    output = (_terminal(1), _terminal(2), _streams())
    return (FORMAT, __version__, code_fingerprint(), tuple(argv), cwd, env, zone_file, output)


def _streams() -> tuple[tuple[str | None, str | None], ...]:
    """How stdout and stderr encode (PYTHONUTF8, the C locale's coercion...): an answer
    kept as UTF-8 bytes is never replayed to an ASCII terminal."""
    return tuple(
        (getattr(stream, "encoding", None), getattr(stream, "errors", None)) for stream in (sys.stdout, sys.stderr)
    )


def code_fingerprint() -> tuple[tuple[str, int, int], ...]:
    """The installed ccos (modules and packaged templates): a reinstall or an edit of the
    code makes every kept answer stale, even without a new version number."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    roots = [package]
    checkout = os.path.join(os.path.dirname(os.path.dirname(package)), "templates")
    if os.path.isdir(checkout) and not os.path.isdir(os.path.join(package, "templates")):
        roots.append(checkout)
    found = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                stat = _stat(os.path.join(folder, name), follow=True)
                if stat is not None:
                    found.append((os.path.join(folder, name), stat[0], stat[1]))
    return tuple(found)


def _answer_path(root: str, key: tuple[Any, ...]) -> str:
    return os.path.join(root, FOLDER, f"{zlib.crc32(repr(key).encode()):08x}.marshal")


def _stat(path: str, follow: bool = False) -> tuple[int, int, int, int] | None:
    """A path's stat; its lstat unless `follow` (the workspace folder itself, ccos's own code)."""
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino)


def _today(zone: str | None) -> str:
    if zone:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo(zone)).date().isoformat()
    from datetime import date

    return date.today().isoformat()


def replay(argv: list[str]) -> bool:
    """Print the kept answer for this invocation if it is still valid. Never raises."""
    try:
        option, command = command_of(argv)
        if command is None:
            return False
        cwd = os.getcwd()
        root = find_root(option, os.environ, cwd)
        key = invocation_key(argv, os.environ, cwd)
        from ccos.storage.cache_file import read_own

        raw = read_own(_answer_path(root, key), MAX_ANSWER_BYTES)
        if raw is None:
            return False
        stored = marshal.loads(raw)
        stored_key, today, zone, folders, files, out, err = stored
        if stored_key != key:
            return False
        if "CCOS_TODAY" not in os.environ and _today(zone) != today:
            return False
        for relative, stat in folders:
            if (_stat(os.path.join(root, relative)) if relative else _stat(root, follow=True)) != stat:
                return False
        for relative, stat in files:
            if _stat(os.path.join(root, relative)) != stat:
                return False
    except Exception:
        return False
    sys.stdout.flush()
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    if err:
        sys.stderr.flush()
        sys.stderr.buffer.write(err)
        sys.stderr.flush()
    return True


class _Tee:
    """A text stream that passes everything through and keeps a copy."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.copy: list[str] = []

        self.bypassed = False

    def write(self, text: str) -> int:
        self.copy.append(text)
        return int(self._stream.write(text))

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # bytes written past the text layer are not kept: keep no answer
            self.bypassed = True
        return getattr(self._stream, name)


class Recorder:
    """Keeps the output of one cacheable invocation, to be stored if it succeeds."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.cwd = os.getcwd()
        self.key = invocation_key(argv, os.environ, self.cwd)
        self.started = time.time_ns()
        self.out = _Tee(sys.stdout)
        self.err = _Tee(sys.stderr)
        sys.stdout = self.out
        sys.stderr = self.err

    def stop(self) -> None:
        sys.stdout = self.out._stream
        sys.stderr = self.err._stream

    def store(self, root: str, read: list[str], today: str, zone: str | None) -> None:
        """Keep the answer, unless something it read is too fresh to be told apart."""
        with contextlib.suppress(Exception):
            self._store(root, read, today, zone)

    def _store(self, root: str, read: list[str], today: str, zone: str | None) -> None:
        racy = self.started - RACY_NS
        folders = []
        for folder, dirs, _files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
            stat = _stat(folder, follow=folder == root)
            if stat is None or stat[0] >= racy:
                return
            relative = os.path.relpath(folder, root)
            folders.append(("" if relative == "." else relative, stat))
        files = []
        for path in sorted(set(read)):
            stat = _stat(path)
            if stat is None or stat[0] >= racy:
                return
            files.append((os.path.relpath(path, root), stat))
        if self.out.bypassed or self.err.bypassed:
            return
        out = _encoded(self.out)
        err = _encoded(self.err)
        from pathlib import Path

        from ccos.storage.cache_file import write_new
        from ccos.storage.local_state import quiet_state_dir

        answers = quiet_state_dir(Path(root), *FOLDER.split(os.sep)[1:])
        if answers is None:
            return
        folder = str(answers)
        target = _answer_path(root, self.key)
        temp = f"{target}.{os.getpid()}.{os.urandom(8).hex()}.tmp"
        write_new(temp, marshal.dumps((self.key, today, zone, folders, files, out, err)))
        try:
            os.replace(temp, target)
        except OSError:
            os.unlink(temp)
            raise
        with os.scandir(folder) as scan:
            kept = sorted(
                (entry for entry in scan if entry.name.endswith(".marshal") and entry.is_file(follow_symlinks=False)),
                key=lambda entry: entry.stat(follow_symlinks=False).st_mtime_ns,
            )
        for entry in kept[:-KEEP]:
            os.unlink(entry.path)


def _encoded(tee: _Tee) -> bytes:
    stream = tee._stream
    return "".join(tee.copy).encode(
        getattr(stream, "encoding", None) or "utf-8", getattr(stream, "errors", None) or "strict"
    )

"""Machine-local state and the write path under attack.

Promise: whatever a pushed commit (or a hand) plants in `.ccos/` or in place of a workspace
file — journals naming `../.bashrc`, absolute paths or `.git/hooks`, symbolic links for
`.ccos` and its folders, for the lock, for backups, for temporary files and for workspace
files and folders, FIFOs, folders where files belong — no ccos command changes anything
outside the workspace, and each answers with one line (an error naming the path, or a
note saying what was set aside), never exit 1.

Each attack is planted two ways: by hand, and by a real `git pull` from an attacker's clone
(a bare remote; the attacker force-adds files under the git-ignored `.ccos/`). The
workspace sits three folders deep in a decoy tree; the decoy (every name, type, link target,
content hash and modification time) and the home folder are fingerprinted before and after.

Also here: an editor that saves (write a copy, rename) exactly between ccos's last check and
its swap, deterministically (atomic_write.test_hook) and as a soak run (`CCOS_SOAK=1`); and
write commands refused while git is in the middle of a rebase, merge, cherry-pick or revert.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import Result

from tests.adversarial.workspace import WRITE_COMMANDS, copy_workspace, invoke
from tests.conftest import TODAY, git_run, run_ccos, snapshot

WEEK = "checklists/2026-W47.toml"
ATTACKER_BYTES = b"# written by an attacker\n"
COMMANDS: list[tuple[str, ...]] = [
    ("checklist", "add", "--over-budget", "First of two", "--minutes", "10"),
    (
        "checklist",
        "add",
        "--over-budget",
        "Second of two",
        "--minutes",
        "10",
    ),  # backs up the first (not in git's index)
    ("mentee", "log", *WRITE_COMMANDS[("mentee", "log")]),
    ("doctor", "--fix"),
    ("restore", WEEK),
]


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return git_run(root, *args, check=check)


# --- the decoy: everything around the workspace ---------------------------------------------


def fingerprint(top: Path, skip: Path | None = None) -> dict[str, tuple[object, ...]]:
    """Every name under `top` (links not followed) with its type and content hash or target."""
    found: dict[str, tuple[object, ...]] = {}
    for folder, dirs, names in os.walk(top):
        here = Path(folder)
        dirs[:] = [d for d in dirs if skip is None or here / d != skip]
        for name in [*dirs, *names]:
            path = here / name
            info = os.lstat(path)
            key = path.relative_to(top).as_posix()
            if stat.S_ISLNK(info.st_mode):
                found[key] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                found[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns, info.st_mode)
            elif stat.S_ISDIR(info.st_mode):
                found[key] = ("dir", info.st_mode)
            else:
                found[key] = ("other", info.st_mode)
    return found


@dataclass
class Box:
    """A decoy tree with the workspace three folders down: decoy/a/b/ws."""

    decoy: Path
    ws: Path
    home: Path

    def outside(self, name: str) -> Path:
        return self.decoy / name

    def prints(self) -> tuple[dict[str, tuple[object, ...]], dict[str, tuple[object, ...]]]:
        return fingerprint(self.decoy, skip=self.ws), fingerprint(self.home)


def build_decoy(decoy: Path, week: bytes) -> None:
    (decoy / "a" / "b").mkdir(parents=True)
    for folder in (decoy, decoy / "a", decoy / "a" / "b"):
        (folder / ".bashrc").write_text("# the person's shell\n", encoding="utf-8")
    (decoy / "x").write_text("precious x\n", encoding="utf-8")
    (decoy / "abs-target").write_text("precious absolute\n", encoding="utf-8")
    (decoy / "victim.toml").write_bytes(week + b"# VICTIM-MARK\n")
    outside = decoy / "outside"
    outside.mkdir()
    for n in range(3):
        (outside / f"{n}.json").write_text('{"not": "a journal"}\n', encoding="utf-8")
    versions = decoy / "outside-versions"
    versions.mkdir()
    for n in range(25):  # more than a file's 20 kept versions: an old ccos pruned 6 of them
        (versions / f"{n + 1:017d}-{n:016x}.toml").write_bytes(week)
    (decoy / "outside-state").mkdir()
    (decoy / "outside-cache").mkdir()
    (decoy / "lock-target").write_text("not a lock\n", encoding="utf-8")
    mark = decoy / "old-mark"
    mark.write_text("an old file\n", encoding="utf-8")
    old = time.time() - 3 * 24 * 3600
    os.utime(mark, (old, old))
    shutil.copytree(decoy / "outside", decoy / "outside-sessions")


# --- the attacks ------------------------------------------------------------------------------


def _journal(files: list[dict[str, object]]) -> bytes:
    return json.dumps({"command": "checklist add", "pid": 1, "started": 0, "files": files}).encode("utf-8")


def _sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _link(path: Path, target: Path | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    path.symlink_to(target)


def _journal_to(relative: str, old: bytes | None = ATTACKER_BYTES) -> Callable[[Path, Box], None]:
    """A journal whose hash matches the target's current bytes: an old ccos "restored" `old` there."""

    def plant(ws: Path, box: Box) -> None:
        target = Path(relative) if relative.startswith("/") else box.ws / relative
        entry = {"path": relative, "old": None if old is None else _b64(old), "new": _sha(target)}
        _write(ws / ".ccos" / "journal" / "1-1.json", _journal([entry]))

    return plant


def _tracked_config_journal(ws: Path, box: Box) -> None:
    entry = {"path": "ccos.toml", "old": _b64(b"schema_version = 1\n# ATTACKER\n"), "new": _sha(box.ws / "ccos.toml")}
    _write(ws / ".ccos" / "journal" / "7-7.json", _journal([entry]))


def _through_linked_folder(ws: Path, box: Box) -> None:
    _link(ws / "linkdir", box.outside("outside"))
    entry = {"path": "linkdir/0.json", "old": _b64(ATTACKER_BYTES), "new": _sha(box.outside("outside") / "0.json")}
    _write(ws / ".ccos" / "journal" / "2-2.json", _journal([entry]))


def _journal_is_a_link(ws: Path, box: Box) -> None:
    evil = box.outside("outside") / "evil.json"
    entry = {"path": "ccos.toml", "old": _b64(ATTACKER_BYTES), "new": _sha(box.ws / "ccos.toml")}
    evil.write_bytes(_journal([entry]))
    _link(ws / ".ccos" / "journal" / "3-3.json", evil)


def _bad_base64(ws: Path, box: Box) -> None:
    entry = {"path": "ccos.toml", "old": "!!not base64!!", "new": _sha(box.ws / "ccos.toml")}
    _write(ws / ".ccos" / "journal" / "4-4.json", _journal([entry]))


def _temp_links(ws: Path, box: Box) -> None:
    for pid in range(os.getpid() - 20, os.getpid() + 20):
        _link(ws / "checklists" / f".2026-W47.toml.{pid}.ccos-tmp", box.outside("victim.toml"))


def _sessions_link(ws: Path, box: Box) -> None:
    _link(ws / "mentees" / "ada" / "sessions", box.outside("outside-sessions"))


def _folder_for_profile(ws: Path, box: Box) -> None:
    profile = ws / "mentees" / "ada" / "mentee.toml"
    profile.unlink()
    _write(profile / "keep.txt", b"a folder where a file belongs\n")


def _state_link(ws: Path, box: Box) -> None:
    _link(ws / ".ccos", box.outside("outside-state"))


def _foreign_journal_folder(ws: Path, box: Box) -> None:
    folder = ws / ".ccos" / "journal"
    folder.mkdir(parents=True, exist_ok=True)
    os.chown(folder, 12345, 12345)


@dataclass(frozen=True)
class Attack:
    name: str
    plant: Callable[[Path, Box], None]
    expect: str | None  # said by some command (a note or an error); None: silently harmless
    by_git: bool = True  # git can carry it
    by_hand: bool = True
    status: bool = False  # also run `ccos status` in a subprocess (caches are written at exit)


ATTACKS = [
    Attack("journal ../.bashrc", _journal_to("../.bashrc"), "not a journal ccos wrote"),
    Attack("journal ../.bashrc deleted", _journal_to("../.bashrc", None), "not a journal ccos wrote"),
    Attack("journal ../../../x", _journal_to("../../../x"), "not a journal ccos wrote"),
    Attack("journal absolute", lambda ws, box: _journal_to(str(box.outside("abs-target")))(ws, box), "not a journal"),
    Attack("journal .git/hooks", _journal_to(".git/hooks/pre-commit", b"#!/bin/sh\necho pwned\n"), "not a journal"),
    Attack("journal .GIT/hooks", _journal_to(".GIT/hooks/pre-commit", b"#!/bin/sh\necho pwned\n"), "not a journal"),
    Attack("journal tracked ccos.toml", _tracked_config_journal, "tracked by git", by_hand=False),
    Attack("journal through a linked folder", _through_linked_folder, "not a journal ccos wrote"),
    Attack("journal is a link", _journal_is_a_link, "not a journal ccos wrote"),
    Attack("journal bad base64", _bad_base64, "not base64", by_git=False),
    Attack(
        "journal folder is a link",
        lambda ws, box: _link(ws / ".ccos" / "journal", box.outside("outside")),
        ".ccos/journal was a symbolic link",
    ),
    Attack(
        "backup folder of a file is a link",
        lambda ws, box: _link(ws / ".ccos" / "backups" / WEEK, box.outside("outside-versions")),
        "symbolic link",
    ),
    Attack(
        "backups folder is a link",
        lambda ws, box: _link(ws / ".ccos" / "backups", box.outside("outside-versions")),
        ".ccos/backups was a symbolic link",
    ),
    Attack(
        "a backup version is a link",
        lambda ws, box: _link(
            ws / ".ccos" / "backups" / WEEK / "99999999999999999-aaaaaaaaaaaaaaaa.toml", box.outside("victim.toml")
        ),
        None,
    ),
    Attack(
        "a pushed backup version",
        lambda ws, box: _write(
            ws / ".ccos" / "backups" / WEEK / "99999999999999999-bbbbbbbbbbbbbbbb.toml",
            box.outside("victim.toml").read_bytes(),
        ),
        None,
        by_hand=False,  # by hand it is a backup like any other; through git, restore never lists it
    ),
    Attack(
        "prune mark is a link",
        lambda ws, box: _link(ws / ".ccos" / "backups" / ".pruned", box.outside("old-mark")),
        None,
    ),
    Attack(
        "lock.json is a link",
        lambda ws, box: _link(ws / ".ccos" / "lock.json", box.outside("lock-target")),
        ".ccos/lock.json was a symbolic link",
    ),
    Attack(
        "lock is a link",
        lambda ws, box: _link(ws / ".ccos" / "lock", box.outside("lock-target")),
        ".ccos/lock was a symbolic link",
    ),
    Attack(".ccos is a link", _state_link, ".ccos was a symbolic link"),
    Attack("temporary names are links", _temp_links, "stale temporary file"),
    Attack(
        "the checklist is a link",
        lambda ws, box: _link(ws / WEEK, box.outside("victim.toml")),
        "2026-W47.toml: is a symbolic link",
    ),
    Attack(
        "checklists folder is a link",
        lambda ws, box: _link(ws / "checklists", box.outside("outside")),
        "checklists: is a symbolic link",
    ),
    Attack("sessions folder is a link", _sessions_link, "sessions: is a symbolic link"),
    Attack(
        "ccos.toml is a link",
        lambda ws, box: _link(ws / "ccos.toml", box.outside("victim.toml")),
        "ccos.toml: is a symbolic link",
    ),
    Attack("a folder where mentee.toml belongs", _folder_for_profile, "mentee.toml: is a folder"),
    Attack(
        "index is a link",
        lambda ws, box: _link(ws / ".ccos" / "index.sqlite", box.outside("outside-index")),
        ".ccos/index.sqlite was not a regular file",
        status=True,
    ),
    Attack(
        "old cache folder is a link",
        lambda ws, box: _link(ws / ".ccos" / "cache", box.outside("outside-cache")),
        None,
        status=True,
    ),
    Attack("journal folder of another user", _foreign_journal_folder, "owned by another user", by_git=False),
]
CASES = [(attack, how) for attack in ATTACKS for how in ("hand", "git") if getattr(attack, f"by_{how}")]


@pytest.fixture(scope="session")
def git_template(populated_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The populated workspace as a bare remote (what a second machine clones)."""
    base = tmp_path_factory.mktemp("attack-git")
    origin = base / "origin"
    shutil.copytree(populated_template, origin, ignore=shutil.ignore_patterns(".ccos"), symlinks=True)
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "the person's workspace")
    git(base, "clone", "-q", "--bare", str(origin), str(base / "remote.git"))
    return base / "remote.git"


def _plant_by_git(attack: Attack, box: Box, remote: Path, tmp_path: Path) -> None:
    attacker = tmp_path / "attacker"
    git(tmp_path, "clone", "-q", str(remote), str(attacker))
    attack.plant(attacker, box)
    git(attacker, "add", "-f", "-A")
    git(attacker, "commit", "-qm", "an innocent-looking commit")
    git(attacker, "push", "-q", "origin", "main")
    git(box.ws, "pull", "-q", "--ff-only")


def _make_box(tmp_path: Path, populated_template: Path, remote: Path | None) -> Box:
    decoy = tmp_path / "decoy"
    week = (populated_template / WEEK).read_bytes()
    build_decoy(decoy, week)
    ws = decoy / "a" / "b" / "ws"
    if remote is None:
        copy_workspace(populated_template, ws)
    else:
        git(tmp_path, "clone", "-q", str(remote), str(ws))
    home = Path(os.environ["HOME"])
    (home / ".bashrc").write_text("# the real-looking home\n", encoding="utf-8")
    return Box(decoy, ws, home)


def _one_line(command: tuple[str, ...], result: Result) -> None:
    """Never exit 1; a failure is one `error:` line (notes may come with it); doctor reports on stdout."""
    assert result.exit_code != 1, result.stderr
    assert "internal error" not in result.stdout + result.stderr and "Traceback" not in result.stderr
    if command[0] == "doctor" and result.exit_code == 2 and "error: " not in result.stderr:
        assert "problem" in result.stdout, result.stdout
    elif result.exit_code != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1, result.stderr


def _own_bytes(path: Path) -> bytes:
    """A workspace file's own bytes (nothing when it is a link or not a regular file)."""
    return path.read_bytes() if not path.is_symlink() and path.is_file() else b""


@pytest.mark.parametrize(("attack", "how"), CASES, ids=[f"{a.name} ({how})" for a, how in CASES])
def test_nothing_outside_changes(
    attack: Attack, how: str, tmp_path: Path, populated_template: Path, git_template: Path
) -> None:
    if attack.name == "journal folder of another user" and os.getuid() != 0:
        pytest.skip("making a folder of another user needs root")
    remote = None
    if how == "git":
        remote = tmp_path / "remote.git"
        shutil.copytree(git_template, remote)
    box = _make_box(tmp_path, populated_template, remote)
    if remote is None:
        attack.plant(box.ws, box)
    else:
        _plant_by_git(attack, box, remote, tmp_path)
    before = box.prints()

    said = []
    for command in COMMANDS:
        result = invoke(box.ws, *command)
        _one_line(command, result)
        said.append(result.stdout + result.stderr)
    if attack.status:
        done = run_ccos("-w", str(box.ws), "status", env={"CCOS_TODAY": TODAY})
        assert done.returncode != 1, done.stderr
        said.append(done.stdout + done.stderr)

    assert box.prints() == before, "something outside the workspace changed"
    assert not (box.ws / ".git" / "hooks" / "pre-commit").exists()
    assert b"VICTIM-MARK" not in _own_bytes(box.ws / WEEK)
    assert b"ATTACKER" not in _own_bytes(box.ws / "ccos.toml")
    if attack.expect is not None:
        assert any(attack.expect in text for text in said), "\n".join(said)


# --- special files: nothing blocks --------------------------------------------------------------


def test_a_fifo_where_the_checklist_belongs_never_blocks(tmp_path: Path, populated_template: Path) -> None:
    ws = copy_workspace(populated_template, tmp_path / "ws")
    (ws / WEEK).unlink()
    os.mkfifo(ws / WEEK)
    for command in (("checklist", "add", "--over-budget", "x"), ("doctor",), ("doctor", "--fix"), ("status",)):
        result = run_ccos("-w", str(ws), *command, env={"CCOS_TODAY": TODAY}, timeout=30)
        assert result.returncode == 2, (command, result.stderr)
        assert "2026-W47.toml" in result.stdout + result.stderr and "named pipe" in result.stdout + result.stderr


def test_fifos_in_machine_local_state_never_block(tmp_path: Path, populated_template: Path) -> None:
    ws = copy_workspace(populated_template, tmp_path / "ws")
    state = ws / ".ccos"
    (state / "cache").mkdir(exist_ok=True)
    for relative in ("journal/5-5.json", "lock.json", "lock", "cache/records-checklists.marshal", "state.json"):
        path = state / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        os.mkfifo(path)
    added = run_ccos(
        "-w", str(ws), "checklist", "add", "--over-budget", "Still works", env={"CCOS_TODAY": TODAY}, timeout=30
    )
    assert added.returncode == 0, added.stderr
    assert "journal/5-5.json is not a journal ccos wrote" in added.stderr
    assert ".ccos/lock was a named pipe" in added.stderr
    for command in (("status",), ("doctor", "--fix"), ("checklist", "show", "--json")):
        result = run_ccos("-w", str(ws), *command, env={"CCOS_TODAY": TODAY}, timeout=30)
        assert result.returncode == 0, (command, result.stderr)
    assert "Still works" in result.stdout


# --- "your edit wins", in the last microseconds ----------------------------------------------------


def _exchange_works(folder: Path) -> bool:
    from ccos.storage import atomic_write

    (folder / "probe-a").write_text("a", encoding="utf-8")
    (folder / "probe-b").write_text("b", encoding="utf-8")
    try:
        return atomic_write._rename2(folder / "probe-a", folder / "probe-b", atomic_write._RENAME_EXCHANGE)
    finally:
        for name in ("probe-a", "probe-b"):
            (folder / name).unlink()


def _editor_save(path: Path, data: bytes) -> None:
    """What vim, VS Code and most editors do: write a copy, then rename it over the file."""
    copy = path.with_name(f".{path.name}.editor-swp")
    copy.write_bytes(data)
    os.replace(copy, path)


def _temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.ccos-tmp") if ".ccos" not in p.relative_to(root).parts[:1]]


def _backups_of(ws: Path, relative: str) -> list[bytes]:
    versions = json.loads(invoke(ws, "restore", relative, "--list", "--json").stdout)["versions"]
    return [(ws / v["detail"]).read_bytes() for v in versions if v["source"] == "backup"]


@pytest.mark.parametrize("how", ["rename", "in place"])
def test_an_editor_save_in_the_window_before_the_swap_is_given_back(
    ws: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from ccos.storage import atomic_write

    if not _exchange_works(ws):
        pytest.skip("this file system has no renameat2(RENAME_EXCHANGE): the window is best effort there")
    path = ws / WEEK
    saved = path.read_bytes() + b"# saved by an editor, a microsecond too late\n"
    calls: list[Path] = []

    def editor(step: str, target: Path) -> None:
        if step == "replace-window" and target == path and not calls:
            calls.append(target)
            if how == "rename":
                _editor_save(path, saved)
            else:
                path.write_bytes(saved)

    monkeypatch.setattr(atomic_write, "test_hook", editor)
    result = invoke(ws, "checklist", "add", "--over-budget", "Raced")
    monkeypatch.setattr(atomic_write, "test_hook", None)
    assert calls, "the hook was never reached"
    assert result.exit_code == 3, result.stderr
    assert "changed on disk while ccos was writing it" in result.stderr and "restore" in result.stderr
    assert path.read_bytes() == saved
    assert saved in _backups_of(ws, WEEK)
    assert not _temp_files(ws)
    assert not list((ws / ".ccos" / "journal").glob("*.json"))
    invoke(ws, "checklist", "add", "--over-budget", "Raced")  # and the next run simply works, on the editor's version
    assert b"# saved by an editor" in path.read_bytes() and b"Raced" in path.read_bytes()


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "plain replace"])
def test_an_editor_save_during_the_fsync_is_caught_by_the_last_check(
    ws: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    from ccos.storage import atomic_write

    if not exchange:
        monkeypatch.setattr(atomic_write, "_rename2", lambda source, target, flags: False)
    path = ws / WEEK
    saved = path.read_bytes() + b"# saved while ccos was flushing its copy\n"

    def editor(step: str, target: Path) -> None:
        if step == "after-temp-write" and target == path:
            _editor_save(path, saved)

    monkeypatch.setattr(atomic_write, "test_hook", editor)
    result = invoke(ws, "checklist", "add", "--over-budget", "Raced")
    monkeypatch.setattr(atomic_write, "test_hook", None)
    assert result.exit_code == 3, result.stderr
    assert "your edit is kept" in result.stderr
    assert path.read_bytes() == saved
    assert not _temp_files(ws)


def test_a_file_that_appears_in_the_window_is_never_overwritten(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ccos.storage import atomic_write

    path = ws / "checklists" / "2026-W48.toml"
    mine = b'period = "2026-W48"\nscope = "week"\n# made by hand at the same moment\n'

    def editor(step: str, target: Path) -> None:
        if step == "replace-window" and target == path:
            _editor_save(path, mine)

    monkeypatch.setattr(atomic_write, "test_hook", editor)
    result = invoke(ws, "checklist", "add", "--over-budget", "Next week", "--week", "next")
    monkeypatch.setattr(atomic_write, "test_hook", None)
    assert result.exit_code == 3, result.stderr
    assert "appeared on disk" in result.stderr
    assert path.read_bytes() == mine
    assert not _temp_files(ws)


EDITOR_LOOP = r"""
import os, random, sys, time
path, stop, pause = sys.argv[1], sys.argv[2], float(sys.argv[3])
n = 0
while not os.path.exists(stop):
    n += 1
    with open(path, "rb") as handle:
        data = handle.read()
    data += b'\n[[items]]\ntext = "editor-%d"\n' % n
    copy = path + ".editor-swp"
    with open(copy, "wb") as handle:
        handle.write(data)
    os.replace(copy, path)
    time.sleep(random.uniform(0, pause))
print(n)
"""


@pytest.mark.skipif(os.environ.get("CCOS_SOAK", "") in ("", "0"), reason="a soak run: set CCOS_SOAK=1")
def test_soak_an_editor_saving_in_a_loop_loses_nothing(ws: Path, tmp_path: Path) -> None:
    """ccos writes the checklist over and over while an editor saves it in a loop (each save adds
    its own item to what it read). Every editor item must end in the file or in the backups."""
    path = ws / WEEK
    stop = tmp_path / "stop"
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR_LOOP, str(path), str(stop), os.environ.get("CCOS_SOAK_PAUSE", "0.2")],
        stdout=subprocess.PIPE,
        text=True,
    )
    codes: dict[int, int] = {}
    given_back = 0
    try:
        for n in range(int(os.environ.get("CCOS_SOAK_ROUNDS", "60"))):
            result = run_ccos(
                "-w", str(ws), "checklist", "add", "--over-budget", f"ccos-{n}", env={"CCOS_TODAY": TODAY}
            )
            codes[result.returncode] = codes.get(result.returncode, 0) + 1
            given_back += "while ccos was writing it" in result.stderr
            assert result.returncode in (0, 3), result.stderr
    finally:
        stop.write_text("", encoding="utf-8")
        saves = int(editor.communicate(timeout=60)[0])
    kept = path.read_bytes() + b"".join(_backups_of(ws, WEEK))
    lost = [n for n in range(1, saves) if b'"editor-%d"' % n not in kept]
    print(f"editor saves: {saves}, ccos exits: {codes}, given back after the swap: {given_back}, lost: {len(lost)}")
    assert lost == []


# --- a rebase, merge, cherry-pick or revert in progress ---------------------------------------------


@pytest.fixture
def git_ws(populated_template: Path, tmp_path: Path) -> Path:
    ws = copy_workspace(populated_template, tmp_path / "ws")
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "start")
    return ws


def _real_rebase_stop(ws: Path) -> None:
    """A rebase that stops on a conflict, made with git itself."""
    git(ws, "checkout", "-q", "-b", "other")
    (ws / "notes.txt").write_text("theirs\n", encoding="utf-8")
    git(ws, "add", "notes.txt")
    git(ws, "commit", "-qm", "theirs")
    git(ws, "checkout", "-q", "main")
    (ws / "notes.txt").write_text("mine\n", encoding="utf-8")
    git(ws, "add", "notes.txt")
    git(ws, "commit", "-qm", "mine")
    assert git(ws, "rebase", "other", check=False).returncode != 0
    assert (ws / ".git" / "rebase-merge").is_dir() or (ws / ".git" / "rebase-apply").is_dir()


@pytest.mark.parametrize(
    ("marker", "what", "verb"),
    [
        ("rebase (real)", "a rebase", "rebase"),
        ("MERGE_HEAD", "a merge", "merge"),
        ("CHERRY_PICK_HEAD", "a cherry-pick", "cherry-pick"),
        ("REVERT_HEAD", "a revert", "revert"),
    ],
)
@pytest.mark.parametrize(
    "command", [("checklist", "add", "--over-budget", "Lost by --abort?"), ("doctor", "--fix"), ("restore", WEEK)]
)
def test_write_commands_refuse_while_git_is_mid_operation(
    git_ws: Path, marker: str, what: str, verb: str, command: tuple[str, ...]
) -> None:
    if marker == "rebase (real)":
        _real_rebase_stop(git_ws)
    else:
        (git_ws / ".git" / marker).write_text(git(git_ws, "rev-parse", "HEAD").stdout, encoding="utf-8")
    before = snapshot(git_ws)
    result = invoke(git_ws, *command)
    assert result.exit_code == 4, result.stderr
    assert f"in the middle of {what}" in result.stderr
    assert f"{verb} --continue" in result.stderr and f"{verb} --abort" in result.stderr
    assert snapshot(git_ws) == before
    assert invoke(git_ws, "doctor").exit_code in (0, 2)  # looking is always allowed
    assert invoke(git_ws, "status").exit_code == 0


def test_a_worktree_mid_rebase_refuses_too(git_ws: Path, tmp_path: Path) -> None:
    """A workspace that is a git worktree: `.git` is a file naming the real repository folder."""
    tree = tmp_path / "tree"
    git(git_ws, "worktree", "add", "-q", "-b", "side", str(tree))
    assert (tree / ".git").is_file()
    gitdir = Path(git(tree, "rev-parse", "--git-dir").stdout.strip())
    (gitdir / "rebase-merge").mkdir()
    result = invoke(tree, "checklist", "add", "--over-budget", "In a worktree")
    assert result.exit_code == 4 and "in the middle of a rebase" in result.stderr, result.stderr
    (gitdir / "rebase-merge").rmdir()
    assert invoke(tree, "checklist", "add", "--over-budget", "In a worktree").exit_code == 0


# --- CCOS_LOCK_TIMEOUT ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "3601", "ten", "1e400", "0x10"])
def test_a_bad_lock_timeout_is_exit_2(ws: Path, value: str) -> None:
    before = snapshot(ws)
    result = invoke(ws, "checklist", "add", "--over-budget", "x", env={"CCOS_LOCK_TIMEOUT": value})
    assert result.exit_code == 2, result.stderr
    assert "CCOS_LOCK_TIMEOUT must be a number of seconds from 0 to 3600" in result.stderr
    assert snapshot(ws) == before


@pytest.mark.parametrize("value", ["0", "0.5", "3600", " 10 "])
def test_a_good_lock_timeout_works(ws: Path, value: str) -> None:
    assert invoke(ws, "checklist", "add", "--over-budget", "x", env={"CCOS_LOCK_TIMEOUT": value}).exit_code == 0


# --- caches: anything wrong in them is "no cache" ------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01garbage", b"[" * 5000, b"SQLite format 3\x00" + b"\xff" * 5000],
    ids=["empty", "garbage", "brackets", "sqlite header"],
)
def test_a_corrupt_index_is_rebuilt(ws: Path, content: bytes) -> None:
    expected = invoke(ws, "checklist", "show", "--json").stdout
    (ws / ".ccos").mkdir(exist_ok=True)
    (ws / ".ccos" / "index.sqlite").write_bytes(content)
    result = invoke(ws, "checklist", "show", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected
    assert "index.sqlite was unreadable" in result.stderr
    again = invoke(ws, "checklist", "show", "--json")
    assert again.stdout == expected and "index" not in again.stderr

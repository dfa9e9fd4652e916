"""A hostile remote: whatever an attacker pushes, `ccos sync` takes none of it onto the disk.

Setup (made once, copied for each case): a bare remote, the person's clone (the populated
workspace, synced) and an attacker's clone. The attacker builds each commit with git's
plumbing (`hash-object`, `mktree`, `commit-tree`), so even paths that `git add` itself
refuses (`.GIT/...`) and submodules reach the remote, and pushes it. The person then runs
`ccos sync`, a write command and `ccos doctor --fix`. For every case:

- sync exits 4 naming the path, with nothing merged: HEAD, the branch, the index and every
  workspace file are as before, and no rebase is left in progress;
- nothing outside the workspace changed: a decoy home, an `outside` folder (the targets of
  every link the attacker plants) and the remote are hashed, every file and the set of
  names, before and after;
- nothing the person wrote is lost or doubled: the write command's checklist holds every
  earlier item once, plus the new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.adversarial.workspace import build_populated, invoke
from tests.conftest import git_run, snapshot

WEEK = "checklists/2026-W47.toml"


def git(root: Path, *args: str, input: str | None = None) -> str:
    return git_run(root, *args, input=input).stdout


# --- the attacker's tools: put any entry into a tree, however git's porcelain feels about it --


def _blob(evil: Path, data: str) -> str:
    return git(evil, "hash-object", "-w", "--stdin", input=data).strip()


def _tree_with(evil: Path, tree: str | None, parts: list[str], entry: tuple[str, str, str] | None) -> str:
    """TREE with PATH (parts) set to ENTRY (mode, type, id), or removed when ENTRY is None."""
    lines = git(evil, "ls-tree", tree).splitlines() if tree else []
    kept, sub = [], None
    for line in lines:
        meta, name = line.split("\t", 1)
        if name == parts[0]:
            sub = meta.split()[2] if meta.split()[1] == "tree" else None
            continue
        kept.append(line)
    if len(parts) == 1:
        if entry is not None:
            kept.append(f"{entry[0]} {entry[1]} {entry[2]}\t{parts[0]}")
    else:
        kept.append(f"040000 tree {_tree_with(evil, sub, parts[1:], entry)}\t{parts[0]}")
    return git(evil, "mktree", input="".join(f"{line}\n" for line in kept)).strip()


@dataclass
class Evil:
    root: Path
    box: Path

    def plant(self, changes: dict[str, tuple[str, str] | None], message: str, parents: list[str] | None = None) -> str:
        """Commit CHANGES ({path: (mode, content or link target or commit id) or None}) on top of main."""
        parents = parents or [git(self.root, "rev-parse", "HEAD").strip()]
        tree = git(self.root, "rev-parse", f"{parents[0]}^{{tree}}").strip()
        for path, change in changes.items():
            entry = None
            if change is not None:
                mode, content = change
                entry = (mode, "commit", content) if mode == "160000" else (mode, "blob", _blob(self.root, content))
            tree = _tree_with(self.root, tree, path.split("/"), entry)
        args = [arg for parent in parents for arg in ("-p", parent)]
        commit = git(self.root, "commit-tree", tree, *args, "-m", message).strip()
        git(self.root, "update-ref", "refs/heads/main", commit)
        return commit

    def push(self) -> None:
        git(self.root, "push", "-q", "origin", "refs/heads/main:refs/heads/main")


def _journal(path: str) -> str:
    import base64

    files = [{"path": path, "old": base64.b64encode(b"echo pwned\n").decode(), "new": None}]
    return json.dumps({"command": "checklist add", "pid": 999999999, "started": 1.0, "files": files})


def _outside(box: Path) -> Path:
    return box / "outside"


# Each case: what the attacker pushes (given the box), and the path sync must name.
Attack = Callable[[Evil], None]


def journal_escape(evil: Evil) -> None:
    evil.plant({".ccos/journal/1-1.json": ("100644", _journal("../.bashrc"))}, "journal")
    evil.plant({".ccos/journal/1-2.json": ("100644", _journal("../outside/deep/er/pwned"))}, "deeper")


def journal_symlink(evil: Evil) -> None:
    evil.plant({".ccos/journal": ("120000", str(_outside(evil.box) / "journal"))}, "journal link")


def backups_symlink(evil: Evil) -> None:
    evil.plant({".ccos/backups/ccos.toml": ("120000", str(_outside(evil.box) / "backups"))}, "backups link")


def lock_json(evil: Evil) -> None:
    evil.plant({".ccos/lock.json": ("100644", '{"pid": 1}')}, "lock")


def lock_json_symlink(evil: Evil) -> None:
    evil.plant({".ccos/lock.json": ("120000", str(_outside(evil.box) / "victim.txt"))}, "lock link")


def temp_file_symlinks(evil: Evil) -> None:
    target = "../../outside/victim.txt"
    evil.plant({f"checklists/.2026-W47.toml.{pid}.ccos-tmp": ("120000", target) for pid in range(100, 140)}, "tmp")


def checklist_symlink(evil: Evil) -> None:
    evil.plant({WEEK: ("120000", "../../outside/victim.txt")}, "checklist link")


def folder_symlink(evil: Evil) -> None:
    evil.plant({"mentees": ("120000", str(_outside(evil.box) / "mentees"))}, "mentees link")


def dot_git_hook(evil: Evil) -> None:
    evil.plant({".GIT/hooks/post-checkout": ("100755", "#!/bin/sh\ntouch ../../outside/hooked\n")}, "hook")


def dot_git_variants(evil: Evil) -> None:
    evil.plant({"notes/.Git /config": ("100644", "[core]\n\thooksPath = /tmp\n")}, "variant")


def upper_ccos(evil: Evil) -> None:
    evil.plant({".CCOS/journal/1-1.json": ("100644", _journal("../.bashrc"))}, "upper")


def gitlink(evil: Evil) -> None:
    commit = git(evil.root, "rev-parse", "HEAD").strip()
    evil.plant({"vendor/sub": ("160000", commit)}, "submodule")


def executable(evil: Evil) -> None:
    evil.plant({"tools/run.sh": ("100755", "#!/bin/sh\ntouch ../../outside/ran\n")}, "script")


def evil_merge(evil: Evil) -> None:
    """A merge commit whose tree has a link that neither parent has."""
    main = git(evil.root, "rev-parse", "HEAD").strip()
    side = evil.plant({"notes/innocent.md": ("100644", "hello\n")}, "side")
    git(evil.root, "update-ref", "refs/heads/main", main)
    tree = git(evil.root, "rev-parse", f"{side}^{{tree}}").strip()
    tree = _tree_with(evil.root, tree, ["sharing", "idea-piece.toml"], ("120000", "blob", _blob(evil.root, "/etc")))
    merge = git(evil.root, "commit-tree", tree, "-p", main, "-p", side, "-m", "merge").strip()
    git(evil.root, "update-ref", "refs/heads/main", merge)


def union_attributes(evil: Evil) -> None:
    """`merge=union` would make a conflicting ccos.toml "merge" into both sides' lines."""
    evil.plant({".gitattributes": ("100644", "*.toml merge=union\n")}, "attributes")


def added_then_removed(evil: Evil) -> None:
    evil.plant({"notes/link": ("120000", str(_outside(evil.box)))}, "add a link")
    evil.plant({"notes/link": None}, "remove it")


CASES: dict[str, tuple[Attack, str]] = {
    "journal-escape": (journal_escape, ".ccos/journal/1-1.json"),
    "journal-symlink": (journal_symlink, ".ccos/journal"),
    "backups-symlink": (backups_symlink, ".ccos/backups/ccos.toml"),
    "lock-json": (lock_json, ".ccos/lock.json"),
    "lock-json-symlink": (lock_json_symlink, ".ccos/lock.json"),
    "temp-file-symlinks": (temp_file_symlinks, "checklists/.2026-W47.toml.100.ccos-tmp"),
    "checklist-symlink": (checklist_symlink, WEEK),
    "folder-symlink": (folder_symlink, "mentees"),
    "dot-git-hook": (dot_git_hook, ".GIT/hooks/post-checkout"),
    "dot-git-variant": (dot_git_variants, "notes/.Git /config"),
    "upper-ccos": (upper_ccos, ".CCOS/journal/1-1.json"),
    "gitlink": (gitlink, "vendor/sub"),
    "executable": (executable, "tools/run.sh"),
    "evil-merge": (evil_merge, "sharing/idea-piece.toml"),
    "union-attributes": (union_attributes, ".gitattributes"),
    "added-then-removed": (added_then_removed, "notes/link"),
}


# --- the box: home, outside, remote, the person's workspace, the attacker's clone -------------


@pytest.fixture(scope="session")
def remote_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    box = tmp_path_factory.mktemp("remote") / "box"
    box.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        home = box / "home"
        home.mkdir()
        (home / ".gitconfig").write_text(
            "[user]\n\tname = Person\n\temail = p@example.org\n[init]\n\tdefaultBranch = main\n", encoding="utf-8"
        )
        patch.setenv("HOME", str(home))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for name in list(os.environ):
            if name.startswith("GIT_") and name != "GIT_CONFIG_NOSYSTEM":
                patch.delenv(name)
        ws = box / "ws"
        build_populated(ws)
        git(box, "init", "-q", "-b", "main", str(ws))
        git(box, "init", "-q", "--bare", "-b", "main", str(box / "remote.git"))
        git(ws, "remote", "add", "origin", str(box / "remote.git"))
        result = invoke(ws, "sync")
        assert result.exit_code == 0, result.stderr
        git(box, "clone", "-q", "--", str(box / "remote.git"), str(box / "evil"))
    return box


def _decoy(box: Path) -> None:
    """What an escape would change: the person's home, files next to the workspace, link targets."""
    (box / ".bashrc").write_text("# the person's shell\n", encoding="utf-8")
    (box / "home" / ".bashrc").write_text("# the person's shell\n", encoding="utf-8")
    outside = _outside(box)
    for folder in ("journal", "backups", "mentees"):
        (outside / folder).mkdir(parents=True)
    (outside / "journal" / "1-1.json").write_text('{"mine": true}\n', encoding="utf-8")
    (outside / "backups" / "important.txt").write_text("keep me\n", encoding="utf-8")
    (outside / "mentees" / "notes.md").write_text("private\n", encoding="utf-8")
    (outside / "victim.txt").write_text("untouched\n", encoding="utf-8")


def _fingerprint(box: Path) -> dict[str, str]:
    """Every name under BOX but the person's workspace, with a hash of each file (links by target)."""
    found: dict[str, str] = {}
    for folder, dirs, names in os.walk(box):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d != box / "ws"]
        for name in [*dirs, *names]:
            path = here / name
            relative = str(path.relative_to(box))
            if path.is_symlink():
                found[relative] = "link:" + os.readlink(path)
            elif path.is_file():
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[relative] = "dir"
    return found


@pytest.fixture
def box(remote_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    box = tmp_path / "box"
    shutil.copytree(remote_template, box, symlinks=True)
    for name in ("ws", "evil"):
        git(box / name, "remote", "set-url", "origin", str(box / "remote.git"))
    monkeypatch.setenv("HOME", str(box / "home"))
    _decoy(box)
    return box


def _items(ws: Path) -> list[str]:
    import tomllib

    return [item["text"] for item in tomllib.loads((ws / WEEK).read_text(encoding="utf-8"))["items"]]


def _state(ws: Path) -> tuple[str, str, str, str, dict[str, str]]:
    return (
        git(ws, "rev-parse", "HEAD"),
        git(ws, "symbolic-ref", "HEAD"),
        git(ws, "ls-files", "-s"),
        git(ws, "status", "--porcelain"),
        snapshot(ws),
    )


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_push_is_refused_and_nothing_escapes(box: Path, case: str) -> None:
    attack, named = CASES[case]
    ws, evil = box / "ws", Evil(box / "evil", box)
    attack(evil)
    evil.push()
    outside_before = _fingerprint(box)
    state_before = _state(ws)
    items_before = _items(ws)
    local_state_before = sorted(p.name for p in (ws / ".ccos").iterdir())

    for _attempt in range(2 if case == "journal-escape" else 1):  # refused, and again: the remote is still hostile
        result = invoke(ws, "sync")
        assert result.exit_code == 4, (case, result.stdout, result.stderr)
        assert named in result.stderr and "nothing was merged" in result.stderr, result.stderr
        assert "log -p" in result.stderr and "who pushed it" in result.stderr
        assert _state(ws) == state_before
        assert not (ws / ".git" / "rebase-merge").exists() and not (ws / ".git" / "rebase-apply").exists()
    assert sorted(p.name for p in (ws / ".ccos").iterdir()) == local_state_before
    assert not (ws / ".ccos" / "journal").is_symlink() and not (ws / ".ccos" / "backups").is_symlink()

    invoke(ws, "checklist", "add", "--over-budget", "After the attack")  # a write command, then the repair
    doctor = invoke(ws, "doctor", "--fix", "--json")
    assert doctor.exit_code == 0, doctor.stdout
    assert _fingerprint(box) == outside_before, case  # no escape
    items = _items(ws)
    assert items == [*items_before, "After the attack"], case  # nothing lost, nothing doubled
    assert _links(ws) == [] and not any((ws / name).exists() for name in (".GIT", ".CCOS", "tools", "vendor"))


def _links(ws: Path) -> list[str]:
    """Every symlink in the workspace (the populated one has none)."""
    return [
        str(Path(folder, name).relative_to(ws))
        for folder, dirs, names in os.walk(ws)
        for name in [*dirs, *names]
        if Path(folder, name).is_symlink()
    ]


def test_a_persons_plain_files_from_the_other_machine_still_arrive(box: Path) -> None:
    """No false alarm: notes, a README and an image of any name come through."""
    evil = Evil(box / "evil", box)
    evil.plant(
        {"README.md": ("100644", "# my workspace\n"), "photos/me.png": ("100644", "\x89PNG"),
         "notes/.gitignore": ("100644", "*.bak\n"), ".gitattributes": ("100644", "*.png binary -diff\n")},
        "plain files",
    )  # fmt: skip
    evil.push()
    result = invoke(box / "ws", "sync")
    assert result.exit_code == 0, result.stderr
    assert (box / "ws" / "README.md").read_text(encoding="utf-8") == "# my workspace\n"
    assert (box / "ws" / "photos" / "me.png").is_file()


def test_a_local_link_or_executable_is_not_pushed_to_jam_the_others(box: Path) -> None:
    ws = box / "ws"
    before = git(ws, "rev-parse", "HEAD")
    (ws / "notes").mkdir()
    (ws / "notes" / "elsewhere").symlink_to(_outside(box))
    result = invoke(ws, "sync")
    assert result.exit_code == 2 and "notes/elsewhere" in result.stderr and "symbolic link" in result.stderr
    (ws / "notes" / "elsewhere").unlink()
    script = ws / "notes" / "run.sh"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    result = invoke(ws, "sync")
    assert result.exit_code == 2 and "notes/run.sh" in result.stderr and "chmod -x" in result.stderr
    script.chmod(0o644)
    (ws / ".gitattributes").write_text("ccos.toml merge=union\n", encoding="utf-8")
    result = invoke(ws, "sync")
    assert result.exit_code == 2 and ".gitattributes" in result.stderr and "merge driver" in result.stderr
    assert git(ws, "rev-parse", "HEAD") == before
    (ws / ".gitattributes").write_text("*.png binary\n", encoding="utf-8")
    assert invoke(ws, "sync").exit_code == 0

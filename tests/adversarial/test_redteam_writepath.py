"""Red team, second pass: the write path and machine-local state.

Promises: a journal that any commit ever held is never rolled back, even after the person
untracked it by hand (`git rm --cached`, the command doctor names); `ccos restore FILE
--version git:COMMIT` never turns a link into a file holding its target and never loads a
blob over the file's size limit; resuming an interrupted import never follows a folder link
(in the workspace or in the staging folder); a journal that names a file twice is set aside,
and a long one makes a short note.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Ccos, git_run, run_ccos

ATTACKER = b"# written by an attacker\n[sync]\nallow_hooks = true\n"


def git(root: Path, *args: str) -> str:
    return git_run(root, "-c", "user.name=Eve", "-c", "user.email=eve@example.org", *args).stdout


def test_a_pulled_journal_untracked_by_hand_is_never_rolled_back(make_workspace: Callable[..., Ccos]) -> None:
    root = make_workspace(git=True).root
    current = (root / "ccos.toml").read_bytes()
    journal = root / ".ccos" / "journal" / "1-1.json"
    journal.parent.mkdir(parents=True, exist_ok=True)
    entry = {
        "path": "ccos.toml",
        "old": base64.b64encode(ATTACKER).decode(),
        "new": hashlib.sha256(current).hexdigest(),
    }
    journal.write_text(json.dumps({"command": "x", "pid": 1, "started": 1, "files": [entry]}))
    git(root, "add", "-f", ".ccos/journal/1-1.json")
    git(root, "commit", "-qm", "as a pull would bring it")
    git(root, "rm", "-q", "--cached", ".ccos/journal/1-1.json")  # by hand: now untracked, still on disk
    git(root, "commit", "-qm", "untrack")

    result = run_ccos("checklist", "add", "--over-budget", "After the pull", cwd=root)

    assert result.returncode == 0, result.stderr
    assert (root / "ccos.toml").read_bytes() == current
    assert "a commit held it" in result.stderr
    assert not journal.exists()


def test_restore_from_git_refuses_a_link_and_a_blob_over_the_limit(make_workspace: Callable[..., Ccos]) -> None:
    root = make_workspace(git=True).root
    (root / "notes.md").symlink_to("/etc/passwd")
    (root / "big.md").write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    git(root, "add", "notes.md", "big.md")
    git(root, "commit", "-qm", "a link and a big file")
    commit = git(root, "rev-parse", "--short", "HEAD").strip()
    (root / "notes.md").unlink()
    (root / "big.md").unlink()

    link = run_ccos("restore", "notes.md", "--version", f"git:{commit}", cwd=root)
    big = run_ccos("restore", "big.md", "--version", f"git:{commit}", cwd=root)

    assert link.returncode == 2, link.stderr
    assert "notes.md in commit" in link.stderr and "symbolic link" in link.stderr
    assert big.returncode == 2, big.stderr
    assert "over the 5242880 byte limit" in big.stderr
    assert not os.path.lexists(root / "notes.md") and not os.path.lexists(root / "big.md")


def _plant_interrupted_import(tmp_path: Path, make_workspace: Callable[..., Ccos]) -> tuple[Path, Path, list[str]]:
    """A document, and a folder holding its staging as if an import of it had been interrupted."""
    source = make_workspace(name="source")
    source("checklist", "add", "--over-budget", "Hello")
    doc = tmp_path / "doc.json"
    result = run_ccos("-w", str(source.root), "export", "json", "-o", str(doc))
    assert result.returncode == 0, result.stderr
    raw = doc.read_bytes()
    files = json.loads(raw)["files"]
    target = tmp_path / "target"
    stage = target / ".ccos" / "import"
    manifest = {"document": hashlib.sha256(raw).hexdigest(), "files": [f["path"] for f in files]}
    for file in files:
        (stage / file["path"]).parent.mkdir(parents=True, exist_ok=True)
        (stage / file["path"]).write_text(file["text"])
    (stage / "manifest.json").write_text(json.dumps(manifest))
    return doc, target, [f["path"] for f in files]


def _outside(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2026-W47.toml").write_bytes(b"# the person's own file outside\n")
    return outside, {p.name: p.read_bytes() for p in outside.iterdir()}


def test_resuming_an_import_never_writes_through_a_folder_link(
    tmp_path: Path, make_workspace: Callable[..., Ccos]
) -> None:
    doc, target, paths = _plant_interrupted_import(tmp_path, make_workspace)
    assert "checklists/2026-W47.toml" in paths
    outside, before = _outside(tmp_path)
    (target / "checklists").symlink_to(outside)

    result = run_ccos("-w", str(target), "import", "json", str(doc))

    assert result.returncode == 2, result.stderr
    assert "symbolic link" in result.stderr
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before


def test_resuming_an_import_never_moves_a_file_in_from_outside(
    tmp_path: Path, make_workspace: Callable[..., Ccos]
) -> None:
    doc, target, _paths = _plant_interrupted_import(tmp_path, make_workspace)
    outside, before = _outside(tmp_path)
    staged = target / ".ccos" / "import" / "checklists"
    for child in staged.iterdir():
        child.unlink()
    staged.rmdir()
    staged.symlink_to(outside)

    result = run_ccos("-w", str(target), "import", "json", str(doc))

    assert result.returncode == 2, result.stderr
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before
    assert not os.path.lexists(target / "checklists" / "2026-W47.toml")


def _journal(root: Path, name: str, files: list[dict[str, object]]) -> Path:
    journal = root / ".ccos" / "journal" / name
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_text(json.dumps({"command": "x" * 5000, "pid": 1, "started": 1, "files": files}))
    return journal


def test_a_journal_naming_a_file_twice_is_set_aside(ccos: Ccos) -> None:
    before = (ccos.root / "ccos.toml").read_bytes()
    entry = {"path": "ccos.toml", "old": base64.b64encode(ATTACKER).decode(), "new": "0" * 64}
    _journal(ccos.root, "1-1.json", [entry] * 1000)

    result = run_ccos("checklist", "add", "--over-budget", "After", cwd=ccos.root)

    assert result.returncode == 0, result.stderr
    assert "names a file twice" in result.stderr
    assert len(result.stderr) < 1000
    assert (ccos.root / "ccos.toml").read_bytes() == before


def test_a_long_journal_makes_a_short_note(ccos: Ccos) -> None:
    old = base64.b64encode(b"earlier\n").decode()
    _journal(ccos.root, "1-1.json", [{"path": f"notes/n{i}.md", "old": old, "new": "0" * 64} for i in range(40)])

    result = run_ccos("checklist", "add", "--over-budget", "After", cwd=ccos.root)

    assert result.returncode == 0, result.stderr
    assert "and 35 more" in result.stderr
    assert len(result.stderr) < 1000

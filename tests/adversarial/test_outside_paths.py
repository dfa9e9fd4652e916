"""Paths a person names or a folder already holds: `init` into a folder with links, `-o` at a
link or a pipe, the editor's draft in a linked `.ccos/`. Nothing outside the workspace changes
and nothing blocks."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccos.cli import app
from tests.conftest import TODAY, Ccos, run_ccos


def fingerprint(folder: Path) -> dict[str, str]:
    """Every name under `folder` with its type and content (links by target)."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = "link:" + os.readlink(path)
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "dir" if path.is_dir() else "other"
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    (folder / "etc").mkdir(parents=True)
    (folder / "etc" / ".gitkeep").write_text("theirs\n", encoding="utf-8")
    (folder / "gitignore").write_text("mine\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("planted", ["folder", "gitignore"])
def test_init_never_writes_through_a_link(tmp_path: Path, outside: Path, planted: str) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    if planted == "folder":
        (root / "checklists").symlink_to(outside / "etc")
    else:
        (root / ".gitignore").symlink_to(outside / "gitignore")
    before = fingerprint(outside)
    result = CliRunner().invoke(app, ["init", str(root), "--no-git", "--name", "A"], env={"CCOS_TODAY": TODAY})
    assert result.exit_code == 2, result.stderr
    assert "symbolic link" in result.stderr
    assert fingerprint(outside) == before
    assert not (root / "ccos.toml").exists()


def test_init_keeps_an_existing_gitignore(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / ".gitignore").write_text("notes/private/\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(root), "--no-git", "--name", "A"], env={"CCOS_TODAY": TODAY})
    assert result.exit_code == 0, result.stderr
    lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "notes/private/" and ".ccos/" in lines


@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_export_to_a_pipe_or_a_link_is_refused_at_once(
    make_workspace: Callable[..., Ccos], tmp_path: Path, outside: Path, kind: str
) -> None:
    ccos = make_workspace()
    target = tmp_path / "calendar.ics"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(outside / "gitignore")
    before = fingerprint(outside)
    result = run_ccos("-w", str(ccos.root), "export", "ics", "-o", str(target), env={"CCOS_TODAY": TODAY}, timeout=20)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stderr
    assert fingerprint(outside) == before


def test_the_editor_draft_never_goes_through_a_linked_state_folder(
    make_workspace: Callable[..., Ccos], tmp_path: Path, outside: Path
) -> None:
    ccos = make_workspace()
    ccos.ok("mentee", "add", "Ann", "--cadence", "1/month")
    state = ccos.root / ".ccos"
    if state.exists():
        import shutil

        shutil.rmtree(state)
    state.symlink_to(outside / "etc")
    editor = tmp_path / "editor.sh"
    where = tmp_path / "where.txt"
    editor.write_text(f'#!/bin/sh\nreadlink -f "$1" > {where}\nprintf "\\nwent well\\n" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    before = fingerprint(outside)
    result = ccos("mentee", "log", "Ann", "--minutes", "30", "--edit", env={"EDITOR": str(editor)})
    assert result.exit_code == 0, result.stderr
    assert "symbolic link" in result.stderr  # the note says the link was replaced by a real folder
    assert not where.read_text(encoding="utf-8").strip().startswith(str(outside.resolve()))
    assert fingerprint(outside) == before
    sessions = list((ccos.root / "mentees" / "ann" / "sessions").glob("*.md"))
    assert len(sessions) == 1 and "went well" in sessions[0].read_text(encoding="utf-8")

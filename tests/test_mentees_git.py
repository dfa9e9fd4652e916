"""Two machines log sessions for the same mentee: one file per session, so git merges cleanly."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Ccos

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stdout}{result.stderr}"
    return result


def test_two_clones_log_sessions_for_one_mentee_and_merge_without_conflict(
    make_workspace: Callable[..., Ccos], tmp_path: Path
) -> None:
    origin = make_workspace(git=True, name="origin")
    origin.ok("mentee", "add", "王小明", "--cadence", "2/month", "--since", "2026-09-01")
    origin.ok("mentee", "log", "王小明", "--date", "2026-11-10", "--next", "提交第一个 PR")
    git(origin.root, "add", "-A")
    git(origin.root, "commit", "-q", "-m", "add 王小明")
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(origin.root), str(remote))

    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    git(tmp_path, "clone", "-q", str(remote), str(laptop))
    git(tmp_path, "clone", "-q", str(remote), str(desktop))
    on_laptop, on_desktop = Ccos(laptop), Ccos(desktop)

    # the same mentee, the same day, the same minute, on two machines
    on_laptop.ok("mentee", "log", "王小明", "--date", "2026-11-18 10:00", "--note", "from the laptop")
    on_desktop.ok("mentee", "log", "王小明", "--date", "2026-11-18 10:00", "--note", "from the desktop")
    for clone, where in ((laptop, "laptop"), (desktop, "desktop")):
        git(clone, "add", "-A")
        git(clone, "commit", "-q", "-m", f"session from the {where}")

    git(laptop, "push", "-q", "origin", "HEAD")
    git(desktop, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    git(desktop, "push", "-q", "origin", "HEAD")
    git(laptop, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")

    for clone in (on_laptop, on_desktop):
        assert "Unmerged" not in git(clone.root, "status").stdout
        detail = clone.json("mentee", "show", "王小明")
        notes = sorted(s["notes"].strip() for s in detail["sessions"] if s["date"] == "2026-11-18")
        assert notes == ["from the desktop", "from the laptop"]
        assert detail["mentee"]["sessions_total"] == 3
        assert [a["text"] for a in detail["mentee"]["open_actions"]] == ["提交第一个 PR"]
    # the person closes the action item on one machine; the other picks it up cleanly
    on_desktop.ok("mentee", "done", "王小明", "1")
    git(desktop, "commit", "-q", "-am", "done")
    git(desktop, "push", "-q", "origin", "HEAD")
    git(laptop, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    assert on_laptop.json("mentee", "show", "王小明")["mentee"]["open_actions"] == []

"""`ccos sync` against real git: a bare remote and two clones, run through the CLI with -w."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Ccos, git_run, snapshot

WEEK = "checklists/2026-W47.toml"


def git(root: Path, *args: str, check: bool = True) -> str:
    return git_run(root, *args, check=check).stdout


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def in_progress(root: Path) -> bool:
    git_dir = root / ".git"
    return any((git_dir / name).exists() for name in ("rebase-merge", "rebase-apply", "MERGE_HEAD"))


def week_items(root: Path) -> dict[str, bool]:
    data = tomllib.loads((root / WEEK).read_text(encoding="utf-8"))
    return {item["text"]: item["done"] for item in data["items"]}


class Pair:
    def __init__(self, a: Ccos, b: Ccos, remote: Path) -> None:
        self.a, self.b, self.remote = a, b, remote


@pytest.fixture(scope="session")
def pair_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two clones and a bare remote, made once per session (copied for each test: much faster)."""
    from typer.testing import CliRunner

    from ccos.cli import app

    base = tmp_path_factory.mktemp("pair")
    with pytest.MonkeyPatch.context() as patch:
        home = base / "home"
        home.mkdir()
        (home / ".gitconfig").write_text(
            "[user]\n\tname = Test Person\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n",
            encoding="utf-8",
        )
        patch.setenv("HOME", str(home))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for name in list(os.environ):
            if name.startswith("GIT_") and name != "GIT_CONFIG_NOSYSTEM":
                patch.delenv(name)
        result = CliRunner().invoke(
            app,
            ["init", str(base / "a"), "--lang", "en", "--name", "Ada", "--weekly-hours", "40"],  # 4 items a week
            env={"CCOS_TODAY": "2026-11-18"},
        )
        assert result.exit_code == 0, result.stderr
        git(base, "init", "-q", "--bare", "-b", "main", str(base / "remote.git"))
        git(base / "a", "remote", "add", "origin", str(base / "remote.git"))
        Ccos(base / "a").ok("sync")
        git(base, "clone", "-q", "--", str(base / "remote.git"), str(base / "b"))
    return base


@pytest.fixture
def pair(pair_template: Path, tmp_path: Path) -> Pair:
    import shutil

    for name in ("a", "b", "remote.git"):
        shutil.copytree(pair_template / name, tmp_path / name, symlinks=True)
    for name in ("a", "b"):
        git(tmp_path / name, "remote", "set-url", "origin", str(tmp_path / "remote.git"))
        (tmp_path / name / "notes").mkdir()  # a folder of the person's own, with no ccos model
    return Pair(Ccos(tmp_path / "a"), Ccos(tmp_path / "b"), tmp_path / "remote.git")


def make_pair(make_workspace: Callable[..., Ccos], tmp_path: Path, first: str, second: str) -> Pair:
    a = make_workspace("--weekly-hours", "40", git=True, name=first)  # 4 items a week
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    git(a.root, "remote", "add", "origin", str(remote))
    a.ok("sync")
    git(tmp_path, "clone", "-q", "--", str(remote), str(tmp_path / second))
    return Pair(a, Ccos(tmp_path / second), remote)


def test_clean_sync_both_ways(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1")
    result = pair.a.ok("sync")
    assert "synced with origin/main" in result.stdout and "pushed 1 commit" in result.stdout
    assert git(pair.a.root, "log", "-1", "--format=%s").strip() == "add checklist 2026-W47"
    pair.b.ok("sync")
    assert week_items(pair.b.root)["Take part in community discussion"] is True
    pair.b.ok("checklist", "add", "--over-budget", "Fix the wiki", "--scope", "month")
    pair.b.ok("sync")
    pair.a.ok("sync")
    assert (pair.a.root / "checklists/2026-11.toml").is_file()
    assert head(pair.a.root) == head(pair.b.root) == git(pair.remote, "rev-parse", "main").strip()
    assert git(pair.a.root, "status", "--porcelain") == ""
    assert not (pair.a.root / ".ccos" / "lock").exists() or ".ccos" not in git(pair.a.root, "ls-files")


def test_independent_edits_merge_without_conflict(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1", "--scope", "month")
    (pair.b.root / "notes" / "meetup.toml").write_text('title = "Meetup"\n', encoding="utf-8")
    pair.b.ok("config", "set", "budget.weekly_hours", "8")
    pair.a.ok("sync")
    result = pair.b.ok("sync")
    assert "pulled 1 commit" in result.stdout
    pair.a.ok("sync")
    for side in (pair.a, pair.b):
        assert (side.root / "notes/meetup.toml").is_file()
        assert (side.root / "checklists/2026-11.toml").is_file()
        assert "weekly_hours = 8" in (side.root / "ccos.toml").read_text(encoding="utf-8")
    assert "update settings (ccos.toml)" in git(pair.b.root, "log", "--format=%B")


def test_divergent_edits_stop_with_everything_kept(pair: Pair) -> None:
    pair.a.ok("config", "set", "budget.weekly_hours", "8")
    pair.a.ok("sync")
    pair.b.ok("config", "set", "budget.weekly_hours", "9")
    before_head = head(pair.b.root)
    result = pair.b("sync")
    assert result.exit_code == 4, result.stderr
    assert "ccos.toml" in result.stderr and "rebase --continue" in result.stderr
    assert "nothing was lost" in result.stderr
    local = head(pair.b.root)
    assert local != before_head  # the local change was committed before the pull, and kept
    assert git(pair.b.root, "log", "-1", "--format=%s").strip() == "update settings (ccos.toml)"
    assert not in_progress(pair.b.root)
    assert git(pair.b.root, "status", "--porcelain") == ""
    assert "weekly_hours = 9" in (pair.b.root / "ccos.toml").read_text(encoding="utf-8")
    # a second attempt stops the same way, touching nothing
    snap = snapshot(pair.b.root)
    assert pair.b("sync").exit_code == 4
    assert snapshot(pair.b.root) == snap and head(pair.b.root) == local
    # the remote still has the other side's version only
    assert "weekly_hours = 8" in git(pair.remote, "show", "main:ccos.toml")


def test_checklist_ticked_on_both_machines_is_union_merged(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1")
    pair.a.ok("checklist", "add", "--over-budget", "Only on A")
    pair.b.ok("checklist", "check", "2")
    pair.b.ok("checklist", "add", "--over-budget", "Only on B")
    pair.a.ok("sync")
    result = pair.b.ok("sync")
    assert "merged checklists/2026-W47.toml" in result.stdout
    pair.a.ok("sync")
    for side in (pair.a, pair.b):
        items = week_items(side.root)
        assert items["Take part in community discussion"] is True
        assert items["Keep in touch with your mentees"] is True
        assert items["Only on A"] is False and items["Only on B"] is False
        assert len(items) == 6
        assert (side.root / WEEK).read_text(encoding="utf-8").startswith("# ccos checklist for 2026-W47")
    assert not in_progress(pair.b.root)


def test_checklist_merge_over_several_autocommits(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1")  # the file exists on both sides from here
    pair.a.ok("sync")
    pair.b.ok("sync")
    pair.b.ok("config", "set", "sync.autocommit", "true")
    pair.a.ok("checklist", "check", "3")
    pair.a.ok("sync")
    pair.b.ok("checklist", "check", "4")
    pair.b.ok("checklist", "uncheck", "1")
    assert git(pair.b.root, "status", "--porcelain") == ""
    pair.b.ok("sync")
    items = list(week_items(pair.b.root).values())
    assert items == [False, False, True, True]  # B's untick of item 1 wins: A left it alone


def test_checklist_and_other_conflict_together_stop(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1")
    pair.a.ok("config", "set", "budget.weekly_hours", "8")
    pair.a.ok("sync")
    pair.b.ok("checklist", "check", "2")
    pair.b.ok("config", "set", "budget.weekly_hours", "9")
    result = pair.b("sync")
    assert result.exit_code == 4
    assert "ccos.toml" in result.stderr
    assert not in_progress(pair.b.root)
    assert week_items(pair.b.root)["Take part in community discussion"] is False  # untouched: as before


@pytest.mark.parametrize("deleter", ["first", "second"])
def test_edit_against_delete(pair: Pair, deleter: str) -> None:
    note = "notes/meetup.toml"
    (pair.a.root / note).write_text('title = "Meetup"\n', encoding="utf-8")
    pair.a.ok("sync")
    pair.b.ok("sync")
    deleting, editing = (pair.a, pair.b) if deleter == "first" else (pair.b, pair.a)
    (deleting.root / note).unlink()
    (editing.root / note).write_text('title = "Meetup, moved"\n', encoding="utf-8")
    deleting.ok("sync") if deleter == "first" else editing.ok("sync")
    second = editing if deleter == "first" else deleting
    result = second("sync")
    assert result.exit_code == 4, result.stderr
    assert note in result.stderr
    assert not in_progress(second.root)
    assert git(second.root, "status", "--porcelain") == ""
    assert (second.root / note).exists() == (second is editing)


def test_repository_mid_rebase_is_refused(pair: Pair) -> None:
    (pair.a.root / "notes/x.toml").write_text("n = 1\n", encoding="utf-8")
    pair.a.ok("sync")
    (pair.b.root / "notes/x.toml").write_text("n = 2\n", encoding="utf-8")
    git(pair.b.root, "add", "notes/x.toml")
    git(pair.b.root, "commit", "-qm", "mine")
    git(pair.b.root, "fetch", "-q")
    git(pair.b.root, "rebase", "origin/main", check=False)
    assert in_progress(pair.b.root)
    before = snapshot(pair.b.root)
    result = pair.b("sync")
    assert result.exit_code == 4
    assert "in the middle of a rebase" in result.stderr and "rebase --abort" in result.stderr
    assert "notes/x.toml" in result.stderr
    assert in_progress(pair.b.root) and snapshot(pair.b.root) == before


def test_stale_index_lock(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1")
    lock = pair.a.root / ".git" / "index.lock"
    lock.write_bytes(b"")
    before = head(pair.a.root)
    result = pair.a("sync")
    assert result.exit_code == 4
    assert "index.lock" in result.stderr and "rm " in result.stderr
    assert head(pair.a.root) == before and lock.exists()
    assert pair.a.json("sync", "--status")["uncommitted"] == [{"status": "A", "path": WEEK}]
    lock.unlink()
    pair.a.ok("sync")


def test_rejected_push_keeps_local_commit(pair: Pair) -> None:
    hook = pair.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    pair.a.ok("checklist", "check", "1")
    remote_before = git(pair.remote, "rev-parse", "main").strip()
    result = pair.a("sync")
    assert result.exit_code == 4, result.stderr
    assert "push to origin/main failed" in result.stderr and "kept" in result.stderr
    assert git(pair.a.root, "log", "-1", "--format=%s").strip() == "add checklist 2026-W47"
    assert git(pair.remote, "rev-parse", "main").strip() == remote_before
    assert git(pair.a.root, "status", "--porcelain") == ""


def test_unreachable_remote(pair: Pair, tmp_path: Path) -> None:
    git(pair.a.root, "remote", "set-url", "origin", str(tmp_path / "no such remote"))
    pair.a.ok("checklist", "check", "1")
    result = pair.a("sync")
    assert result.exit_code == 4
    assert "could not reach the remote 'origin'" in result.stderr
    assert "committed locally" in result.stderr
    assert git(pair.a.root, "log", "-1", "--format=%s").strip() == "add checklist 2026-W47"
    status = pair.a.json("sync", "--status")
    assert status["online"] is False and status["ahead"] == 1


def test_ssh_remote_never_prompts(pair: Pair) -> None:
    git(pair.a.root, "remote", "set-url", "origin", "ssh://nobody@127.0.0.1:1/nothing.git")
    result = pair.a("sync")
    assert result.exit_code == 4
    assert "could not reach" in result.stderr


def test_hostile_git_dir_is_ignored(pair: Pair, tmp_path: Path) -> None:
    other = tmp_path / "other"
    git(tmp_path, "init", "-q", str(other))
    (other / "file.txt").write_text("hello\n", encoding="utf-8")
    git(other, "add", "file.txt")
    git(other, "commit", "-qm", "other")
    other_before = (git(other, "rev-parse", "HEAD"), git(other, "status", "--porcelain"), snapshot(other))
    hostile = {"GIT_DIR": str(other / ".git"), "GIT_WORK_TREE": str(other), "GIT_INDEX_FILE": str(other / "x")}
    pair.a.ok("checklist", "check", "1", env=hostile)
    pair.a.ok("sync", env=hostile)
    assert (git(other, "rev-parse", "HEAD"), git(other, "status", "--porcelain"), snapshot(other)) == other_before
    assert "checklists/2026-W47.toml" in git(pair.remote, "ls-tree", "-r", "--name-only", "main")


def test_hostile_workspace_path(make_workspace: Callable[..., Ccos], tmp_path: Path) -> None:
    pair = make_pair(make_workspace, tmp_path, "-ws 空 格", "-другой клон")
    pair.a.ok("checklist", "check", "1")
    pair.a.ok("sync")
    pair.b.ok("sync")
    assert week_items(pair.b.root)["Take part in community discussion"] is True
    (pair.b.root / "notes").mkdir()
    odd = pair.b.root / "notes" / "-[x] *.toml"
    odd.write_text("n = 1\n", encoding="utf-8")
    pair.b.ok("sync")
    pair.a.ok("sync")
    assert (pair.a.root / "notes" / "-[x] *.toml").is_file()


def test_message_is_stored_literally(pair: Pair) -> None:
    text = "--amend $(rm -rf ~) `id` 'single' \"double\" # not a comment"
    pair.a.ok("checklist", "check", "1")
    commits = git(pair.a.root, "rev-list", "--count", "HEAD").strip()
    pair.a.ok("sync", "--message", text)
    body = git(pair.a.root, "log", "-1", "--format=%B")
    assert body.splitlines()[0] == text
    assert "add checklist 2026-W47" in body
    assert int(git(pair.a.root, "rev-list", "--count", "HEAD")) == int(commits) + 1
    assert Path(os.environ["HOME"]).is_dir()


def test_bad_message_is_refused_before_anything(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1")
    before = head(pair.a.root)
    for bad in ("", "bell\x07"):
        result = pair.a("sync", "--message", bad)
        assert result.exit_code == 2 and "--message" in result.stderr
    assert head(pair.a.root) == before


@pytest.mark.parametrize(
    ("path", "text", "named"),
    [
        (WEEK, 'period = "2026-W47"\nscope = "week"\nitems = [\n', WEEK),
        (WEEK, 'period = "2026-W99"\nscope = "week"\n', "period"),
        ("ccos.toml", "schema_version = 1\n[budget]\nweekly_hours = -3\n", "budget.weekly_hours"),
        ("events/meetup.toml", 'title = "a"\ntitle = "b"\n', "events/meetup.toml"),
        ("notes.md", "+++\ntitle = \n+++\nbody\n", "notes.md"),
        ("notes.txt", "line\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n", "conflict markers"),
    ],
)
def test_invalid_file_stops_sync_and_nothing_is_committed(pair: Pair, path: str, text: str, named: str) -> None:
    target = pair.a.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    before = head(pair.a.root)
    status_before = git(pair.a.root, "status", "--porcelain")
    result = pair.a("sync")
    assert result.exit_code == 2, result.stderr
    assert named in result.stderr
    assert head(pair.a.root) == before
    assert git(pair.a.root, "status", "--porcelain") == status_before


def test_binary_and_plain_files_are_synced(pair: Pair) -> None:
    (pair.a.root / "photo.bin").write_bytes(b"\x00\xff\x00binary")
    (pair.a.root / "empty.md").write_bytes(b"")
    pair.a.ok("sync")
    pair.b.ok("sync")
    assert (pair.b.root / "photo.bin").read_bytes() == b"\x00\xff\x00binary"


def test_no_push_then_status(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1")
    result = pair.a.ok("sync", "--no-push")
    assert "not pushed (--no-push)" in result.stdout
    status = pair.a.json("sync", "--status")
    assert status["ahead"] == 1 and status["behind"] == 0 and status["online"] is True
    assert status["uncommitted"] == [] and status["last_sync"] is not None
    pair.b.ok("checklist", "check", "2")
    status = pair.b.json("sync", "--status")
    assert status["uncommitted"] == [{"status": "A", "path": WEEK}]
    assert status["last_sync"] is None
    human = pair.b.ok("sync", "--status").stdout
    assert "uncommitted: 1 change" in human and "last sync: never" in human


def test_status_offline(pair: Pair, tmp_path: Path) -> None:
    git(pair.a.root, "remote", "set-url", "origin", str(tmp_path / "gone"))
    human = pair.a.ok("sync", "--status").stdout
    assert "offline" in human


def test_no_remote_commits_only(make_workspace: Callable[..., Ccos]) -> None:
    ws = make_workspace(git=True)
    ws.ok("checklist", "check", "1")
    result = ws.ok("sync")
    assert "committed locally" in result.stdout
    assert "remote add origin URL" in result.stderr
    assert git(ws.root, "status", "--porcelain") == ""
    assert ws.json("sync", "--status")["remote"] is None


def test_not_a_git_repository(ccos: Ccos) -> None:
    before = snapshot(ccos.root)
    result = ccos("sync")
    assert result.exit_code == 2
    assert "not a git repository" in result.stderr and "init" in result.stderr
    assert ccos("sync", "--status").exit_code == 2
    assert snapshot(ccos.root) == before


def test_workspace_inside_another_repository(make_workspace: Callable[..., Ccos], tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    ws = make_workspace()
    result = ws("sync")
    assert result.exit_code == 2 and "inside the git repository" in result.stderr


def test_option_combinations(pair: Pair) -> None:
    assert pair.a("sync", "--status", "--no-push").exit_code == 2
    assert pair.a("sync", "--json").exit_code == 2


def test_machine_local_state_is_never_committed(pair: Pair) -> None:
    (pair.a.root / ".gitignore").write_text("", encoding="utf-8")  # a person emptied it
    pair.a.ok("sync")
    tracked = git(pair.a.root, "ls-files")
    assert ".ccos/" not in tracked
    assert (pair.a.root / ".ccos" / "state.json").is_file()


def test_git_missing_is_exit_5(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1")
    result = pair.a("sync", env={"PATH": str(pair.a.root / "no-bin")})
    assert result.exit_code == 5 and "git is not installed" in result.stderr


def test_status_shows_unfinished_rebase(pair: Pair) -> None:
    (pair.a.root / "notes/x.toml").write_text("n = 1\n", encoding="utf-8")
    pair.a.ok("sync")
    (pair.b.root / "notes/x.toml").write_text("n = 2\n", encoding="utf-8")
    git(pair.b.root, "add", "notes/x.toml")
    git(pair.b.root, "commit", "-qm", "mine")
    git(pair.b.root, "fetch", "-q")
    git(pair.b.root, "rebase", "origin/main", check=False)
    assert pair.b.json("sync", "--status")["in_progress"] == "a rebase"
    assert "unfinished: a rebase" in pair.b.ok("sync", "--status").stdout

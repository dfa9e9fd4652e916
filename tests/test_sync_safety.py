"""`ccos sync` at any size, after git commands by hand, with hooks off, and the doctor's git checks.

Real git, through the CLI (the `pair` fixture of tests/test_sync.py: a bare remote, clones a and b).
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from ccos.capabilities.checklists.merge import merge_checklist
from ccos.storage.autocommit import change_lines, commit_message
from ccos.storage.git import fold_name, refused_entry
from tests.conftest import Ccos, run_ccos, snapshot
from tests.test_sync import WEEK, Pair, git, head, in_progress, pair, pair_template, week_items

__all__ = ["pair", "pair_template"]  # fixtures used here

# --- item 8: thousands of files, one commit, a short message ------------------------------


def test_five_thousand_changed_files_make_one_commit_with_a_short_message(pair: Pair) -> None:
    root = pair.a.root
    for number in range(4500):
        (root / "notes" / f"note-{number:04d}.md").write_text(f"my note {number}\n", encoding="utf-8")
    months = [f"{year}-{month:02d}" for year in range(2001, 2050) for month in range(1, 13)][:500]
    for month in months:
        (root / "checklists" / f"{month}.toml").write_text(f'period = "{month}"\nscope = "month"\n', encoding="utf-8")
    before = int(git(root, "rev-list", "--count", "HEAD"))
    result = pair.a.ok("sync")
    assert "committed 5000 changes" in result.stdout and "pushed 1 commit" in result.stdout
    assert int(git(root, "rev-list", "--count", "HEAD")) == before + 1
    files = git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert len(files) == 5000
    message = git(root, "log", "-1", "--format=%B")
    assert len(message) < 2000 and len(message.splitlines()) < 25, message
    assert "5000 changes: 5000 added" in message and "other file 4500" in message and "checklist 500" in message
    assert "and 4990 more" in message
    assert git(pair.remote, "rev-parse", "main").strip() == head(root)
    assert git(root, "status", "--porcelain") == ""


def test_small_changes_keep_one_line_per_change() -> None:
    pairs = [("A", "checklists/2026-W47.toml"), ("M", "notes/x.md")]
    assert change_lines(pairs) == ["add checklist 2026-W47", "update notes/x.md"]
    lines = change_lines([("A", f"notes/{n:02d}.md") for n in range(21)])
    assert lines[0] == "21 changes: 21 added" and lines[1] == "by kind: other file 21"
    assert lines[2] == "add notes/00.md" and lines[-1].startswith("and 11 more")
    text = commit_message("x", lines, "my words")
    assert text.startswith("my words\n\n21 changes")


# --- item 9: after `git rm` and `git mv` by hand -----------------------------------------


@pytest.fixture
def synced_notes(pair: Pair) -> Pair:
    for name in ("x", "y"):
        (pair.a.root / "notes" / f"{name}.md").write_text(f"note {name}\n", encoding="utf-8")
    pair.a.ok("sync")
    return pair


def test_sync_after_git_rm_by_hand(synced_notes: Pair) -> None:
    root = synced_notes.a.root
    git(root, "rm", "-q", "notes/x.md")
    result = synced_notes.a.ok("sync")
    assert "committed 1 change" in result.stdout
    assert git(root, "log", "-1", "--format=%s").strip() == "delete notes/x.md"
    assert "notes/x.md" not in git(synced_notes.remote, "ls-tree", "-r", "--name-only", "main")
    synced_notes.a.ok("sync")  # and the next one too


def test_sync_after_git_mv_by_hand(synced_notes: Pair) -> None:
    root = synced_notes.a.root
    git(root, "mv", "notes/x.md", "notes/moved.md")
    synced_notes.a.ok("sync")
    tree = git(synced_notes.remote, "ls-tree", "-r", "--name-only", "main").split()
    assert "notes/moved.md" in tree and "notes/x.md" not in tree
    assert git(root, "status", "--porcelain") == ""


def test_sync_after_git_rm_cached_keeps_the_file(synced_notes: Pair) -> None:
    root = synced_notes.a.root
    git(root, "rm", "-q", "--cached", "notes/x.md")  # sync commits every file of the workspace: it stays
    synced_notes.a.ok("sync")
    assert "notes/x.md" in git(synced_notes.remote, "ls-tree", "-r", "--name-only", "main")


def test_autocommit_after_git_rm_and_git_mv(synced_notes: Pair) -> None:
    ws = synced_notes.a
    ws.ok("config", "set", "sync.autocommit", "true")
    git(ws.root, "rm", "-q", "notes/x.md")
    git(ws.root, "mv", "notes/y.md", "notes/z.md")
    result = ws.ok("checklist", "check", "1")
    assert "not committed" not in result.stderr
    assert git(ws.root, "show", "--name-only", "--format=", "HEAD").split() == [WEEK]  # only its own file
    staged = git(ws.root, "diff", "--cached", "--name-status", "--no-renames").split()
    assert staged == ["D", "notes/x.md", "D", "notes/y.md", "A", "notes/z.md"]  # the person's git work stays
    ws.ok("sync")
    tree = git(synced_notes.remote, "ls-tree", "-r", "--name-only", "main").split()
    assert "notes/z.md" in tree and "notes/x.md" not in tree and "notes/y.md" not in tree and WEEK in tree


# --- item 10: a tracked .ccos/ file no longer jams sync ------------------------------------


def _track_lock_json(root: Path) -> None:
    (root / ".ccos").mkdir(exist_ok=True)
    (root / ".ccos" / "lock.json").write_text('{"pid": 1}', encoding="utf-8")
    (root / ".ccos" / "mine.txt").write_text("machine-local\n", encoding="utf-8")
    git(root, "add", "-f", ".ccos/lock.json", ".ccos/mine.txt")
    git(root, "commit", "-qm", "tracked by mistake")


def test_tracked_lock_json_is_untracked_by_sync_and_files_stay(pair: Pair) -> None:
    pair.b.ok("checklist", "check", "2")
    pair.b.ok("sync")  # so that a's next sync has to rebase
    _track_lock_json(pair.a.root)
    pair.a.ok("checklist", "check", "1")
    assert " D .ccos/lock.json" in git(pair.a.root, "status", "--porcelain")  # the jam of issue item 10
    codes = {(p["code"], p["file"]) for p in json.loads(pair.a("doctor", "--json").stdout)["problems"]}
    assert ("tracked_local_state", ".ccos/lock.json") in codes and ("tracked_local_state", ".ccos/mine.txt") in codes
    result = pair.a.ok("sync")
    assert "pulled 1 commit" in result.stdout
    assert "stop tracking machine-local .ccos/ state" in result.stdout
    message = git(pair.a.root, "log", "-1", "--format=%B")
    assert ".ccos/lock.json" in message and ".ccos/mine.txt" in message
    assert git(pair.a.root, "ls-files", ".ccos") == ""
    assert (pair.a.root / ".ccos" / "mine.txt").read_text(encoding="utf-8") == "machine-local\n"
    pair.a.ok("checklist", "check", "3")
    pair.a.ok("sync")  # and again: no "commit or stash"
    assert git(pair.a.root, "status", "--porcelain") == ""
    # b takes the history (added, then untracked again by ccos): nothing of it reaches b's disk
    pair.b.ok("sync")
    assert not (pair.b.root / ".ccos" / "mine.txt").exists()
    assert week_items(pair.b.root)["Take part in community discussion"] is True


def test_local_state_tracked_on_the_remote_stays_on_disk_through_the_rebase(pair: Pair) -> None:
    _track_lock_json(pair.a.root)
    git(pair.a.root, "push", "-q", "origin", "main")  # pushed with plain git (no ccos to untrack it)
    git(pair.b.root, "pull", "-q", "--rebase")  # b took it by hand, long ago
    (pair.b.root / ".ccos" / "mine.txt").write_text("b's own state\n", encoding="utf-8")
    (pair.a.root / "notes" / "a.md").write_text("a\n", encoding="utf-8")
    git(pair.a.root, "add", "notes/a.md")
    git(pair.a.root, "commit", "-qm", "a note")
    git(pair.a.root, "push", "-q", "origin", "main")  # the remote still tracks .ccos/ (a used plain git)
    pair.b.ok("checklist", "check", "2")
    pair.b.ok("sync")  # untracks here, rebases onto a tip that still tracks them
    assert (pair.b.root / ".ccos" / "mine.txt").read_text(encoding="utf-8") == "b's own state\n"
    assert git(pair.b.root, "ls-files", ".ccos") == ""
    assert week_items(pair.b.root)["Keep in touch with your mentees"] is True
    assert "stop tracking" in git(pair.b.root, "log", "-1", "--format=%B")


def test_a_sync_that_only_untracks_says_so(make_workspace: Callable[..., Ccos]) -> None:
    ws = make_workspace(git=True)
    _track_lock_json(ws.root)
    result = ws.ok("sync")
    assert "stop tracking machine-local .ccos/ state" in result.stdout
    message = git(ws.root, "log", "-1", "--format=%B")
    assert message.startswith("stop tracking machine-local .ccos/ state\n\n")
    assert ".ccos/lock.json, .ccos/mine.txt" in message
    assert git(ws.root, "ls-files", ".ccos") == "" and (ws.root / ".ccos" / "mine.txt").is_file()


def test_doctor_fix_untracks_local_state_and_keeps_the_files(make_workspace: Callable[..., Ccos]) -> None:
    ws = make_workspace(git=True)
    (ws.root / ".ccos").mkdir(exist_ok=True)
    (ws.root / ".ccos" / "keep.txt").write_text("mine\n", encoding="utf-8")
    (ws.root / "checklists" / ".x.toml.999999999.ccos-tmp").write_text("half\n", encoding="utf-8")
    git(ws.root, "add", "-f", ".ccos/keep.txt", "checklists/.x.toml.999999999.ccos-tmp")
    problems = json.loads(ws("doctor", "--json").stdout)["problems"]
    tracked = {p["file"] for p in problems if p["code"] == "tracked_local_state"}
    assert tracked == {".ccos/keep.txt", "checklists/.x.toml.999999999.ccos-tmp"}
    assert all(p["fixable"] for p in problems if p["code"] == "tracked_local_state")
    result = ws("doctor", "--fix")
    assert "git no longer tracks 2 machine-local files" in result.stdout and "stay on disk" in result.stdout
    assert git(ws.root, "ls-files", ".ccos", "checklists").split() == ["checklists/.gitkeep", "checklists/kickoff.toml"]
    assert (ws.root / ".ccos" / "keep.txt").read_text(encoding="utf-8") == "mine\n"
    assert result.exit_code == 0, result.stdout  # the stale temp file went too


# --- item 4: hooks and fsmonitor never run unless allowed ----------------------------------


def _marker_script(path: Path, marker: Path, name: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho {name} >> '{marker}'\nexit 0\n", encoding="utf-8")
    path.chmod(0o755)


HOOKS = ("pre-commit", "post-commit", "commit-msg", "pre-rebase", "post-checkout", "post-rewrite", "pre-push")


def _arm(pair: Pair, outside: Path) -> Path:
    marker = outside / "ran.txt"
    for name in HOOKS:
        _marker_script(pair.b.root / ".git" / "hooks" / name, marker, name)
    return marker


@pytest.mark.parametrize("allow", [False, True])
def test_repository_hooks_run_only_when_allowed(pair: Pair, tmp_path: Path, allow: bool) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    marker = _arm(pair, outside)
    if allow:
        (pair.b.root / "ccos.toml").write_text(
            (pair.b.root / "ccos.toml").read_text(encoding="utf-8") + "\n[sync]\nallow_hooks = true\n",
            encoding="utf-8",
        )
    pair.a.ok("checklist", "check", "1")
    pair.a.ok("sync")
    pair.b.ok("checklist", "check", "2")
    pair.b.ok("sync")  # commits, rebases (a checklist merge), pushes
    ran = set(marker.read_text(encoding="utf-8").split()) if marker.exists() else set()
    if allow:
        # the test can tell (pre-commit and commit-msg: ccos commits with --no-verify)
        assert ran == {"post-checkout", "post-commit", "post-rewrite", "pre-push", "pre-rebase"}, ran
    else:
        assert ran == set()


@pytest.mark.parametrize("allow", [False, True])
def test_hooks_path_into_the_workspace_and_fsmonitor_never_run(
    make_workspace: Callable[..., Ccos], tmp_path: Path, allow: bool
) -> None:
    ws = make_workspace(git=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    marker = outside / "ran.txt"
    for name in ("post-commit", "pre-commit", "post-index-change"):
        _marker_script(ws.root / "hooks" / name, marker, name)
    (ws.root / ".git" / "info" / "exclude").write_text("hooks/\n", encoding="utf-8")
    git(ws.root, "config", "core.hooksPath", str(ws.root / "hooks"))
    _marker_script(ws.root / "hooks" / "fsmonitor", marker, "fsmonitor")
    git(ws.root, "config", "core.fsmonitor", str(ws.root / "hooks" / "fsmonitor"))
    if os.path.exists(marker):
        marker.unlink()  # the test's own git calls above may have run them
    if allow:
        ws.ok("config", "set", "sync.allow_hooks", "true")
        assert ws.json("config", "get", "sync.allow_hooks")["value"] is True
    ws.ok("config", "set", "sync.autocommit", "true")
    ws.ok("checklist", "check", "1")
    ws.ok("sync")
    ran = set(marker.read_text(encoding="utf-8").split()) if marker.exists() else set()
    if allow:
        assert "post-commit" in ran and "fsmonitor" in ran
    else:
        assert ran == set()


def test_allow_hooks_is_a_setting_with_a_default(ccos: Ccos) -> None:
    assert ccos.json("config", "get", "sync.allow_hooks") == {
        "key": "sync.allow_hooks",
        "value": False,
        "source": "default",
    }
    assert ccos("config", "set", "sync.allow_hooks", "yes").exit_code == 2
    ccos.ok("config", "set", "sync.allow_hooks", "true")
    assert "allow_hooks = true" in (ccos.root / "ccos.toml").read_text(encoding="utf-8")


# --- item 13: dubious ownership is not "not a git repository" -----------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the folder away")
def test_dubious_ownership_is_named_with_the_safe_directory_hint(make_workspace: Callable[..., Ccos]) -> None:
    ws = make_workspace(git=True)
    os.chown(ws.root, 54321, 54321)
    try:
        result = ws("sync")
        assert result.exit_code == 5, result.stderr
        assert "dubious ownership" in result.stderr and "safe.directory" in result.stderr
        assert "not a git repository" not in result.stderr
    finally:
        os.chown(ws.root, 0, 0)


# --- item 6: the union merge keeps every comment and unknown key, and backs up the local side --


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_union_merge_keeps_both_sides_comments_and_backs_up_the_local_version(pair: Pair) -> None:
    pair.a.ok("checklist", "check", "1")
    pair.a.ok("sync")
    pair.b.ok("sync")
    a_file, b_file = pair.a.root / WEEK, pair.b.root / WEEK
    _edit(a_file, 'scope = "week"\n', 'scope = "week"\n# remote full-line comment\nremote_key = 1\n')
    pair.a.ok("checklist", "add", "--over-budget", "From A")
    a_file.write_text(a_file.read_text(encoding="utf-8") + "# remote trailing comment\n", encoding="utf-8")
    pair.a.ok("sync")
    _edit(b_file, 'scope = "week"\n', 'scope = "week"\n# local full-line comment\nlocal_key = "kept"  # my key\n')
    _edit(b_file, 'text = "Keep in touch with your mentees"', 'text = "Keep in touch with your mentees"  # b inline')
    pair.b.ok("checklist", "check", "3")
    pair.b.ok("checklist", "add", "--over-budget", "From B")
    b_file.write_text(b_file.read_text(encoding="utf-8") + "# local trailing comment\n", encoding="utf-8")
    pre_merge = b_file.read_bytes()
    result = pair.b.ok("sync")
    assert f"merged {WEEK}" in result.stdout
    merged = b_file.read_text(encoding="utf-8")
    for kept in (
        "# ccos checklist for 2026-W47",
        "# remote full-line comment",
        "# local full-line comment",
        "# b inline",
        "# my key",
        "# remote trailing comment",
        "# local trailing comment",
    ):
        assert merged.count(kept) == 1, (kept, merged)
    data = tomllib.loads(merged)
    assert data["remote_key"] == 1 and data["local_key"] == "kept"
    items = week_items(pair.b.root)
    assert items["From A"] is False and items["From B"] is False and len(items) == 6
    assert items["Take part in community discussion"] is True
    assert items["Answer questions in the community"] is True
    assert not in_progress(pair.b.root)
    versions = json.loads(pair.b.ok("restore", WEEK, "--list", "--json").stdout)["versions"]
    backups = [v for v in versions if v["source"] == "backup"]
    assert backups and backups[0]["size"] == len(pre_merge)
    assert (pair.b.root / backups[0]["detail"]).read_bytes() == pre_merge
    pair.a.ok("sync")
    assert (pair.a.root / WEEK).read_text(encoding="utf-8") == merged


BASE = '# ccos checklist\nperiod = "2026-W47"\nscope = "week"\n\n[[items]]\ntext = "a"\ndone = false\n'


def test_merge_keeps_comments_and_unknown_keys_of_both_sides() -> None:
    ours = BASE.replace("done = false\n", "done = false  # ours inline\n") + "# ours trailing\n"
    ours = ours.replace('scope = "week"\n', 'scope = "week"\n# ours line\nours_key = [1, 2]\n')
    theirs = BASE.replace('text = "a"\n', '# about a\ntext = "a"  # theirs inline\nextra = "x"\n')
    theirs = theirs.replace('scope = "week"\n', 'scope = "week"\ntheirs_key = 3  # why\n') + "# theirs trailing\n"
    theirs += '\n[[items]]\n# new one\ntext = "b"\ndone = true\ndone_on = 2026-11-18\n'
    for base in (BASE, None):
        merged = merge_checklist(base, ours, theirs)
        for kept in ("# ours inline", "# ours trailing", "# ours line", "# about a", "# theirs inline",
                     "# theirs trailing", "# new one", "# why", "# ccos checklist"):  # fmt: skip
            assert merged.count(kept) == 1, (kept, merged)
        data = tomllib.loads(merged)
        assert data["ours_key"] == [1, 2] and data["theirs_key"] == 3 and data["items"][0]["extra"] == "x"
        assert [item["text"] for item in data["items"]] == ["a", "b"]


def test_merge_honours_a_comment_removed_on_one_side() -> None:
    base = BASE.replace('scope = "week"\n', 'scope = "week"\n# old note\n')
    theirs = BASE  # removed the note
    ours = base.replace("done = false", "done = true\ndone_on = 2026-11-18")
    merged = merge_checklist(base, ours, theirs)
    assert "# old note" not in merged and tomllib.loads(merged)["items"][0]["done"] is True
    assert "# old note" in merge_checklist(None, ours, theirs)  # no ancestor: nothing is known removed


def test_merge_of_an_unusual_layout_refuses_rather_than_guess() -> None:
    inline = 'period = "2026-W47"\nscope = "week"\nitems = [{text = "a", done = false}]\n'
    other = 'period = "2026-W47"\nscope = "week"\nitems = [{text = "a", done = true}, {text = "b"}]\n'
    merged = merge_checklist(None, inline, other)  # merged by value; the file still validates
    assert [item["text"] for item in tomllib.loads(merged)["items"]] == ["a", "b"]


# --- the rules for what may come from a remote ---------------------------------------------


@pytest.mark.parametrize(
    ("path", "mode", "refused"),
    [
        ("README.md", "100644", False),
        ("photos/me.png", "100644", False),
        ("notes/.gitignore", "100644", False),
        ("mentees/ada/.ccos/x", "100644", False),
        (".ccos/journal/1-1.json", "100644", True),
        (".CCOS/lock.json", "100644", True),
        (".ccos", "100644", True),
        (".GIT/hooks/post-checkout", "100755", True),
        ("notes/.git/config", "100644", True),
        ("notes/.Git /config", "100644", True),
        ("notes/.g\u200cit/config", "100644", True),
        ("notes/GIT~1/config", "100644", True),
        ("checklists/.2026-W47.toml.123.ccos-tmp", "100644", True),
        ("checklists/.2026-W47.toml.123.CCOS-TMP", "100644", True),
        ("checklists/2026-W47.toml", "120000", True),
        ("sub", "160000", True),
        ("tools/run.sh", "100755", True),
        ("a/../b", "100644", True),
    ],
)
def test_refused_entry_rules(path: str, mode: str, refused: bool) -> None:
    assert (refused_entry(path, mode) is not None) is refused


def test_fold_name() -> None:
    assert fold_name(".GIT") == fold_name(".git. ") == fold_name(".git::$INDEX_ALLOCATION") == ".git"
    assert fold_name("Notes.MD") == "notes.md"


# --- item 7: sync never leaves a rebase behind ---------------------------------------------


def test_a_failure_inside_the_merge_aborts_the_rebase(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    pair.a.ok("checklist", "check", "1")
    pair.a.ok("sync")
    pair.b.ok("checklist", "check", "2")

    def broken(base: str | None, ours: str, theirs: str) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ccos.capabilities.checklists.merge.merge_checklist", broken)
    before = head(pair.b.root)
    result = pair.b("sync")
    assert result.exit_code != 0
    assert not in_progress(pair.b.root)
    assert head(pair.b.root) != before  # b's local commit is kept ...
    assert git(pair.b.root, "status", "--porcelain") == ""  # ... and nothing is half-done
    assert week_items(pair.b.root)["Keep in touch with your mentees"] is True


def test_abort_hint_says_writes_wait_for_the_rebase(pair: Pair) -> None:
    pair.a.ok("config", "set", "budget.weekly_hours", "8")
    pair.a.ok("sync")
    pair.b.ok("config", "set", "budget.weekly_hours", "9")
    result = pair.b("sync")
    assert result.exit_code == 4
    assert "refuse to run" in result.stderr and "rebase --abort" in result.stderr
    assert not in_progress(pair.b.root)


# --- item 12: doctor on special files ------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_doctor_reports_a_fifo_and_never_hangs(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    target = ccos.root / WEEK
    target.unlink()
    os.mkfifo(target)
    for args in (("doctor", "--json"), ("doctor", "--fix", "--json")):
        result = run_ccos("-w", str(ccos.root), *args, timeout=60)  # a hang would fail here, not wait forever
        assert result.returncode == 2, result.stderr
        problems = json.loads(result.stdout)["problems"]
        assert {"code": "not_a_file", "file": WEEK} in [{"code": p["code"], "file": p["file"]} for p in problems]
    assert stat.S_ISFIFO(os.lstat(target).st_mode)  # left alone


def test_doctor_reports_folders_and_links_where_files_belong(ccos: Ccos, tmp_path: Path) -> None:
    ccos.ok("mentee", "add", "Ada")
    mentee = ccos.root / "mentees" / "ada" / "mentee.toml"
    mentee.unlink()
    mentee.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.toml").write_text('title = "outside"\n', encoding="utf-8")
    (ccos.root / "sharing" / "linked.toml").symlink_to(outside / "x.toml")
    (ccos.root / "mentees" / "bo").symlink_to(outside, target_is_directory=True)
    (ccos.root / "notes-link").symlink_to(outside, target_is_directory=True)  # the person's own: fine
    before = snapshot(outside)
    problems = json.loads(ccos("doctor", "--json").stdout)["problems"]
    found = {(p["code"], p["file"]) for p in problems}
    assert ("not_a_file", "mentees/ada/mentee.toml") in found
    assert ("not_a_file", "sharing/linked.toml") in found
    assert ("not_a_folder", "mentees/bo") in found
    assert not any(p["file"] == "notes-link" for p in problems)
    text = ccos("doctor").stdout
    assert "a folder where a file belongs" in text and "a symbolic link where a folder belongs" in text
    assert snapshot(outside) == before


def test_sync_status_and_doctor_run_no_fsmonitor(make_workspace: Callable[..., Ccos], tmp_path: Path) -> None:
    ws = make_workspace(git=True)
    marker = tmp_path / "ran.txt"
    _marker_script(tmp_path / "fsmonitor", marker, "fsmonitor")
    git(ws.root, "config", "core.fsmonitor", str(tmp_path / "fsmonitor"))
    if marker.exists():
        marker.unlink()
    ws.ok("sync", "--status")
    ws.ok("doctor")
    assert not marker.exists()

"""`ccos config get|set` (round-trip edits of ccos.toml) and `sync.autocommit`."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Ccos, snapshot


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL
    ).stdout


def test_get_defaults_and_file_values(ccos: Ccos) -> None:
    assert ccos.ok("config", "get", "budget.weekly_hours").stdout.strip() == "6"
    assert ccos.ok("config", "get", "sync.autocommit").stdout.strip() == "false"
    assert ccos.json("config", "get", "sync.autocommit") == {
        "key": "sync.autocommit",
        "value": False,
        "source": "default",
    }
    assert ccos.json("config", "get", "budget.weekly_hours")["source"] == "file"
    assert ccos.json("config", "get", "estimates.sharing.article")["value"] == 3
    section = ccos.ok("config", "get", "budget").stdout
    assert "budget.weekly_hours = 6" in section and "budget.warn_ratio = 0.9" in section
    assert "sync.autocommit = false" in ccos.ok("config", "get", ".").stdout


def test_set_keeps_comments_unknown_keys_and_order(ccos: Ccos) -> None:
    path = ccos.root / "ccos.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("weekly_hours = 6", "weekly_hours = 6  # my evenings") + "\n[mine]\nkept = 'yes'\n"
    path.write_text(text, encoding="utf-8")
    ccos.ok("config", "set", "budget.weekly_hours", "8")
    after = path.read_text(encoding="utf-8")
    assert "weekly_hours = 8  # my evenings" in after
    assert after.replace("weekly_hours = 8", "weekly_hours = 6") == text  # only that value changed
    ccos.ok("config", "set", "sync.autocommit", "true")
    assert "[sync]\nautocommit = true\n" in path.read_text(encoding="utf-8")
    assert ccos.json("config", "get", "sync.autocommit")["value"] is True
    assert ccos.json("config", "get", "mine.kept")["value"] == "yes"


@pytest.mark.parametrize(
    ("key", "value", "written"),
    [
        ("budget.warn_ratio", "0.75", "warn_ratio = 0.75"),
        ("profile.timezone", "Asia/Shanghai", 'timezone = "Asia/Shanghai"'),
        ("profile.name", "123", 'name = "123"'),
        ("profile.name", '[red]王芳[/red] "q"', 'name = "[red]王芳[/red] \\"q\\""'),
        ("profile.platforms", "blog, 知乎", 'platforms = ["blog", "知乎"]'),
        ("profile.roles", '["mentor"]', 'roles = ["mentor"]'),
        ("estimates.sharing.article", "5", "article = 5"),
        ("sync.autocommit", "true", "autocommit = true"),
        ("budget.weekly_hours", "7.5", "weekly_hours = 7.5"),
    ],
)
def test_set_values_of_each_type(ccos: Ccos, key: str, value: str, written: str) -> None:
    ccos.ok("config", "set", key, value)
    assert written in (ccos.root / "ccos.toml").read_text(encoding="utf-8")
    ccos.ok("plan", "week")


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("budget.weekly_hourz", "8", "budget.weekly_hourz"),
        ("nonsense", "1", "nonsense"),
        ("budget.weekly_hours", "many", "budget.weekly_hours"),
        ("budget.weekly_hours", "-1", "budget.weekly_hours"),
        ("sync.autocommit", "perhaps", "sync.autocommit"),
        ("sync.autocommit", "1", "sync.autocommit"),
        ("budget.weekly_hours", "true", "budget.weekly_hours"),
        ("profile.platforms", "[1, 2]", "profile.platforms"),
        ("profile.language", "fr", "profile.language"),
        ("profile.timezone", "Mars/Olympus", "profile.timezone"),
        ("budget", "8", "budget"),
        ("budget.weekly_hours.x", "8", "budget.weekly_hours"),
        ("schema_version", "2", "schema_version"),
        ("", "1", "KEY"),
    ],
)
def test_bad_keys_and_values_exit_2_and_change_nothing(ccos: Ccos, key: str, value: str, named: str) -> None:
    before = snapshot(ccos.root)
    result = ccos("config", "set", "--", key, value)
    assert result.exit_code == 2, result.stdout
    assert named in result.stderr
    assert snapshot(ccos.root) == before


def test_unknown_key_suggests_the_close_one(ccos: Ccos) -> None:
    result = ccos("config", "get", "budget.weekly_hourz")
    assert result.exit_code == 2 and "budget.weekly_hours" in result.stderr


def test_set_refuses_a_broken_file(ccos: Ccos) -> None:
    path = ccos.root / "ccos.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[budget\n", encoding="utf-8")
    before = snapshot(ccos.root)
    result = ccos("config", "set", "budget.weekly_hours", "8")
    assert result.exit_code == 2 and "ccos.toml" in result.stderr
    assert snapshot(ccos.root) == before


def test_autocommit_off_by_default(make_workspace: Callable[..., Ccos]) -> None:
    ws = make_workspace(git=True)
    ws.ok("checklist", "check", "1")
    assert git(ws.root, "rev-list", "--count", "HEAD").strip() == "1"


def test_autocommit_commits_what_each_command_changed(make_workspace: Callable[..., Ccos]) -> None:
    ws = make_workspace(git=True)
    (ws.root / "draft.md").write_text("my own unrelated work\n", encoding="utf-8")
    ws.ok("config", "set", "sync.autocommit", "true")
    assert git(ws.root, "log", "-1", "--format=%s").strip() == "ccos config set: update settings (ccos.toml)"
    ws.ok("checklist", "check", "1")
    assert git(ws.root, "log", "-1", "--format=%s").strip() == "ccos checklist check: add checklist 2026-W47"
    ws.ok("checklist", "check", "2")
    assert git(ws.root, "log", "-1", "--format=%s").strip() == "ccos checklist check: update checklist 2026-W47"
    assert git(ws.root, "status", "--porcelain").strip() == "?? draft.md"  # only ccos's own writes
    commits = git(ws.root, "rev-list", "--count", "HEAD")
    ws.ok("plan", "week")
    ws.ok("config", "set", "budget.weekly_hours", "6")  # unchanged value: no write, no commit
    assert git(ws.root, "rev-list", "--count", "HEAD") == commits
    ws.ok("config", "set", "sync.autocommit", "false")
    ws.ok("checklist", "uncheck", "2")
    assert "checklists/2026-W47.toml" in git(ws.root, "status", "--porcelain")


def test_autocommit_keeps_a_persons_staged_work_out(make_workspace: Callable[..., Ccos]) -> None:
    ws = make_workspace(git=True)
    ws.ok("config", "set", "sync.autocommit", "true")
    (ws.root / "draft.md").write_text("staged by hand\n", encoding="utf-8")
    git(ws.root, "add", "draft.md")
    ws.ok("checklist", "check", "1")
    assert git(ws.root, "show", "--name-only", "--format=", "HEAD").split() == ["checklists/2026-W47.toml"]
    assert git(ws.root, "status", "--porcelain").strip() == "A  draft.md"


def test_autocommit_failure_is_a_note_not_an_error(make_workspace: Callable[..., Ccos]) -> None:
    ws = make_workspace(git=True)
    ws.ok("config", "set", "sync.autocommit", "true")
    (ws.root / ".git" / "index.lock").write_bytes(b"")
    result = ws.ok("checklist", "check", "1")
    assert "note: not committed (sync.autocommit)" in result.stderr and "index.lock" in result.stderr
    assert (ws.root / "checklists" / "2026-W47.toml").is_file()


def test_autocommit_without_git_is_a_note(ccos: Ccos) -> None:
    ccos.ok("config", "set", "sync.autocommit", "true")
    result = ccos.ok("checklist", "check", "1")
    assert "not a git repository" in result.stderr


def test_autocommit_ignores_a_hostile_git_dir(make_workspace: Callable[..., Ccos], tmp_path: Path) -> None:
    other = tmp_path / "other"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    ws = make_workspace(git=True)
    ws.ok("config", "set", "sync.autocommit", "true")
    ws.ok("checklist", "check", "1", env={"GIT_DIR": str(other / ".git"), "GIT_WORK_TREE": str(other)})
    assert git(ws.root, "log", "-1", "--format=%s").strip() == "ccos checklist check: add checklist 2026-W47"
    probe = subprocess.run(["git", "-C", str(other), "rev-parse", "HEAD"], capture_output=True, check=False)
    assert probe.returncode != 0


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_set_of_a_new_table_replaces_its_commented_sample(make_workspace: Callable[..., Ccos], lang: str) -> None:
    ccos = make_workspace("--lang", lang)
    path = ccos.root / "ccos.toml"
    before = path.read_text(encoding="utf-8")
    lines = before.splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.strip() == "# [budget.streams]")
    end = header + 1
    while lines[end].startswith("# ") and "=" in lines[end]:
        end += 1
    assert end - header > 1, "the template shows the sample's keys"
    ccos.ok("config", "set", "budget.streams.sharing", "2.5")
    after = path.read_text(encoding="utf-8")
    # The explanation above the sample and everything after its keys stay byte for byte.
    assert after == "".join([*lines[:header], "[budget.streams]\nsharing = 2.5\n", *lines[end:]])
    assert lines[header - 1].startswith("#")  # the sample's comment now explains the table
    assert ccos.json("config", "get", "budget.streams.sharing")["value"] == 2.5
    ccos.ok("config", "set", "budget.streams.mentoring", "2")  # a key of the table now there: under it
    assert "[budget.streams]\nsharing = 2.5\nmentoring = 2\n\n" in path.read_text(encoding="utf-8")
    ccos.ok("plan", "week")


def test_new_key_and_table_go_after_their_tables_last_key(ccos: Ccos) -> None:
    path = ccos.root / "ccos.toml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "# [budget.streams]")
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    text = "".join(lines[:start] + lines[end + 1 :])  # the person removed the sample
    path.write_text(text, encoding="utf-8")
    ccos.ok("config", "set", "budget.streams.events", "1")
    after = path.read_text(encoding="utf-8")
    assert "warn_ratio = 0.9\n\n[budget.streams]\nevents = 1\n\n#" in after
    assert after.replace("\n[budget.streams]\nevents = 1\n", "", 1) == text
    ccos.ok("config", "set", "estimates.events.party", "3")
    lines = path.read_text(encoding="utf-8").splitlines()
    summit = next(i for i, line in enumerate(lines) if line.startswith("summit = "))
    assert lines[summit + 1] == "party = 3"
    before_targets = text.splitlines()[text.splitlines().index("[targets]") - 1]
    assert lines[lines.index("[targets]") - 1] == before_targets  # its comment stays right above it

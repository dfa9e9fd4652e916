"""`ccos init`: a workspace in the person's language, refused over an existing one."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccos.cli import app
from tests.conftest import snapshot

runner = CliRunner()


def test_init_creates_profile_folders_and_first_commit(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    result = runner.invoke(app, ["init", str(root), "--lang", "zh", "--name", "王芳", "--weekly-hours", "6"])
    assert result.exit_code == 0, result.stderr
    config = tomllib.loads((root / "ccos.toml").read_text(encoding="utf-8"))
    assert config["schema_version"] == 1
    assert config["profile"] == {
        "name": "王芳",
        "language": "zh",
        "roles": ["contributor", "mentor", "organizer"],
        "platforms": [],
    }
    assert config["budget"]["weekly_hours"] == 6 and config["budget"]["warn_ratio"] == 0.9
    assert config["targets"]["mentees_max"] == 3 and config["targets"]["events_per_quarter"] == 1
    assert config["targets"]["mentees_min"] == 1  # seed 000 §8: start mentoring 1-2 people
    assert config["targets"]["personal_share"] == 0.2
    assert "本周" in (root / "ccos.toml").read_text(encoding="utf-8") or "#" in (root / "ccos.toml").read_text()
    for folder in ("checklists", "sharing", "mentees", "events", "checkins", "reviews"):
        assert (root / folder).is_dir()
    kickoff = tomllib.loads((root / "checklists" / "kickoff.toml").read_text(encoding="utf-8"))
    assert [item["text"] for item in kickoff["items"]][:3] == [
        "写一篇经验分享文章",
        "回答社区中的3个问题",
        "联系一个你想指导的新人",
    ]
    assert "起步清单：9 项" in result.stdout  # a zh workspace speaks Chinese from its first line
    assert ".ccos/" in (root / ".gitignore").read_text(encoding="utf-8")
    log = subprocess.run(["git", "-C", str(root), "log", "--oneline"], capture_output=True, text=True, check=True)
    assert "ccos init" in log.stdout
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True, check=True
    )
    assert status.stdout == ""


@pytest.mark.parametrize(("lang", "word"), [("en", "Write"), ("zh", "写一篇"), ("ru", "Написать")])
def test_templates_in_three_languages(tmp_path: Path, lang: str, word: str) -> None:
    root = tmp_path / lang
    assert runner.invoke(app, ["init", str(root), "--lang", lang, "--no-git"]).exit_code == 0
    result = runner.invoke(app, ["-w", str(root), "checklist", "--json"], env={"CCOS_TODAY": "2026-11-18"})
    assert result.exit_code == 0
    assert word.lower() in result.stdout.lower()


def test_language_defaults_from_locale(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root), "--no-git"], env={"LANG": "ru_RU.UTF-8", "LC_ALL": ""}).exit_code == 0
    assert 'language = "ru"' in (root / "ccos.toml").read_text(encoding="utf-8")


def test_second_init_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root)]).exit_code == 0
    before = snapshot(root)
    result = runner.invoke(app, ["init", str(root), "--lang", "ru"])
    assert result.exit_code == 2
    assert "already a ccos workspace" in result.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--lang", "fr"], "--lang"),
        (["--weekly-hours", "-1"], "--weekly-hours"),
        (["--weekly-hours", "0"], "--weekly-hours"),
        (["--weekly-hours", "0.5"], "--weekly-hours"),
        (["--weekly-hours", "80.5"], "--weekly-hours"),
        (["--weekly-hours", "500"], "--weekly-hours"),
        (["--weekly-hours", "nan"], "--weekly-hours"),
        (["--roles", "contributor,wizard"], "--roles: 'wizard'"),
        (["--roles", ""], "--roles"),
        (["--roles", "mentor,,organizer"], "--roles"),
        (["--timezone", "Mars/Olympus"], "time zone"),
    ],
)
def test_bad_init_options(tmp_path: Path, args: list[str], option: str) -> None:
    root = tmp_path / "ws"
    result = runner.invoke(app, ["init", str(root), "--no-git", *args])
    assert result.exit_code == 2
    assert option in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr  # the message and its hint
    assert "Traceback" not in result.stderr
    assert not root.exists(), "nothing written: not even the folder"


@pytest.mark.parametrize("hours", ["1", "80"])
def test_weekly_hours_range_ends_are_accepted(tmp_path: Path, hours: str) -> None:
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root), "--no-git", "--weekly-hours", hours]).exit_code == 0
    assert tomllib.loads((root / "ccos.toml").read_text())["budget"]["weekly_hours"] == float(hours)


def test_roles_are_written_and_shape_the_kickoff_list(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    args = ["init", str(root), "--no-git", "--lang", "en", "--roles", " Standard-Setter , contributor"]
    result = runner.invoke(app, args, env={"CCOS_TODAY": "2026-11-18"})
    assert result.exit_code == 0, result.stderr
    config = tomllib.loads((root / "ccos.toml").read_text(encoding="utf-8"))
    assert config["profile"]["roles"] == ["contributor", "standard-setter"]  # the guide's order, each once
    kickoff = tomllib.loads((root / "checklists" / "kickoff.toml").read_text(encoding="utf-8"))
    texts = [item["text"] for item in kickoff["items"]]
    assert "Join a professional association" in texts and "Write an article sharing your experience" in texts
    assert "Start mentoring 1-2 people" not in texts and "Organise a community event" not in texts
    assert str(kickoff["started"]) == "2026-11-18" and kickoff["share"] == 0.3
    assert "roles" not in kickoff["items"][0], "the workspace's own list holds no template keys"


def test_timezone_is_written(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root), "--no-git", "--timezone", "Asia/Shanghai"]).exit_code == 0
    assert tomllib.loads((root / "ccos.toml").read_text())["profile"]["timezone"] == "Asia/Shanghai"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_init_in_a_read_only_folder_is_exit_5(tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        result = runner.invoke(app, ["init", str(parent / "ws"), "--no-git"])
        assert result.exit_code == 5
        assert "permission denied" in result.stderr
    finally:
        parent.chmod(0o700)


def test_init_over_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target), "--no-git"])
    assert result.exit_code == 2 and "is a file" in result.stderr

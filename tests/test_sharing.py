"""`ccos share`: the pipeline commands, their files, and the bad-input list of issue 3."""

from __future__ import annotations

import json
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Ccos, snapshot


def piece_file(ccos: Ccos, piece_id: str) -> dict[str, Any]:
    return tomllib.loads((ccos.root / "sharing" / f"{piece_id}.toml").read_text(encoding="utf-8"))


def only_piece(ccos: Ccos, *args: str) -> dict[str, Any]:
    pieces: list[dict[str, Any]] = ccos.json("share", "list", *args)["pieces"]  # type: ignore[index]
    assert len(pieces) == 1, pieces
    return pieces[0]


def editor_script(tmp_path: Path) -> str:
    script = tmp_path / "fake-editor.sh"
    script.write_text('#!/bin/sh\necho "edited by the test editor" >> "$1"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_add_writes_one_file_with_every_field(ccos: Ccos) -> None:
    ccos.ok(
        "share", "add", "--over-budget", "Operator 开发踩坑记录", "--kind", "article", "--deep", "--platform", "blog",
        "--due", "fri", "--hours", "4", "--tag", "k8s", "--tag", "operator",
    )  # fmt: skip
    files = sorted(p.name for p in (ccos.root / "sharing").iterdir() if not p.name.startswith("."))
    assert files == ["operator-开发踩坑记录.toml"]
    data = piece_file(ccos, "operator-开发踩坑记录")
    assert data["title"] == "Operator 开发踩坑记录"
    assert data["kind"] == "article"
    assert data["stage"] == "idea"
    assert data["deep"] is True
    assert data["personal"] is False
    assert data["platform"] == "blog"
    assert str(data["due"]) == "2026-11-20"  # fri from Wednesday 2026-11-18
    assert data["estimate_hours"] == 4
    assert data["actual_hours"] == 0
    assert data["tags"] == ["k8s", "operator"]
    assert str(data["created"]) == "2026-11-18"


def test_add_defaults_hours_from_config_and_platform_from_profile(ccos: Ccos) -> None:
    config = ccos.root / "ccos.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("platforms = []", 'platforms = ["zhihu", "blog"]'),
        encoding="utf-8",
    )
    ccos.ok("share", "add", "--over-budget", "KubeSphere meetup talk", "--kind", "talk", "--due", "2026-12-12")
    data = piece_file(ccos, "kubesphere-meetup-talk")
    assert data["estimate_hours"] == 6  # [estimates.sharing] talk = 6
    assert data["platform"] == "zhihu"


def test_list_groups_by_stage_and_marks_overdue(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Late piece", "--due", "2026-11-10")
    ccos.ok("share", "add", "--over-budget", "Drafting piece", "--stage", "drafting", "--due", "+1w")
    ccos.ok("share", "add", "--over-budget", "Idea without date")
    result = ccos.ok("share", "list")
    assert "Ideas (2)" in result.stdout
    assert "Drafting (1)" in result.stdout
    assert "OVERDUE" in result.stdout
    data: Any = ccos.json("share", "list")
    assert data["counts"] == {"idea": 2, "drafting": 1, "ready": 0, "published": 0, "dropped": 0}
    by_id = {p["id"]: p for p in data["pieces"]}
    assert by_id["late-piece"]["overdue"] is True
    assert by_id["drafting-piece"]["overdue"] is False
    assert [p["stage"] for p in data["pieces"]] == ["idea", "idea", "drafting"]
    drafting = ccos.json("share", "list", "--stage", "drafting")
    assert [p["id"] for p in drafting["pieces"]] == ["drafting-piece"]  # type: ignore[index]


def test_stage_flow_start_ready_publish(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Operator 开发踩坑记录", "--deep", "--due", "fri", "--hours", "4")
    ccos.ok("share", "start", "--over-budget", "operator")
    data = piece_file(ccos, "operator-开发踩坑记录")
    assert data["stage"] == "drafting"
    assert str(data["started_on"]) == "2026-11-18"
    assert "already in drafting" in ccos.ok("share", "start", "--over-budget", "operator").stdout
    ccos.ok("share", "start", "--over-budget", "operator", "--due", "2026-11-25")
    assert str(piece_file(ccos, "operator-开发踩坑记录")["due"]) == "2026-11-25"
    ccos.ok("share", "ready", "OPERATOR")  # case-insensitive prefix
    assert piece_file(ccos, "operator-开发踩坑记录")["stage"] == "ready"
    ccos.ok("share", "publish", "operator", "--url", "https://example.org/p/1", "--date", "today", "--hours", "5")
    data = piece_file(ccos, "operator-开发踩坑记录")
    assert data["stage"] == "published"
    assert str(data["published_on"]) == "2026-11-18"
    assert data["url"] == "https://example.org/p/1"
    assert data["actual_hours"] == 5
    shown: Any = ccos.json("share", "show", "operator")
    assert shown["piece"]["stage"] == "published"
    assert shown["piece"]["published_on"] == "2026-11-18"
    assert shown["body"] is None


def test_publish_without_hours_keeps_spent_or_uses_estimate(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Alpha", "--hours", "3")
    ccos.ok("share", "add", "--over-budget", "Beta", "--hours", "3")
    ccos.ok("share", "edit", "beta", "--spent", "1.5")
    ccos.ok("share", "publish", "alpha", "--date", "yesterday")
    ccos.ok("share", "publish", "beta")
    assert piece_file(ccos, "alpha")["actual_hours"] == 3
    assert str(piece_file(ccos, "alpha")["published_on"]) == "2026-11-17"
    assert piece_file(ccos, "beta")["actual_hours"] == 1.5


def test_published_or_dropped_pieces_cannot_move_back(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Done piece")
    ccos.ok("share", "publish", "done")
    before = snapshot(ccos.root)
    for command in (("start", "done"), ("ready", "done"), ("publish", "done"), ("drop", "done")):
        result = ccos("share", *command)
        assert result.exit_code == 2, command
        assert "published on 2026-11-18" in result.stderr
    assert snapshot(ccos.root) == before


def test_drop_keeps_the_file_out_of_the_pipeline(ccos: Ccos) -> None:
    ccos.ok(
        "share",
        "add",
        "--over-budget",
        "我为什么转行做运营",
        "--personal",
        "--platform",
        "wechat",
        "--due",
        "+2w",
        "--hours",
        "2",
    )
    ccos.ok("share", "drop", "我为什么")
    assert piece_file(ccos, "我为什么转行做运营")["stage"] == "dropped"
    assert ccos.json("share", "list")["pieces"] == []  # type: ignore[index]
    assert len(ccos.json("share", "list", "--all")["pieces"]) == 1  # type: ignore[index,arg-type]
    assert "already dropped" in ccos.ok("share", "drop", "我为什么").stdout
    result = ccos("share", "start", "--over-budget", "我为什么")
    assert result.exit_code == 2
    assert "dropped" in result.stderr
    plan: Any = ccos.json("plan", "week")
    assert not [item for item in plan["items"] if item["type"] == "sharing"]


def test_ideas_backlog_oldest_first(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Newer idea", today="2026-11-10")
    ccos.ok("share", "add", "--over-budget", "Oldest idea", today="2026-10-01")
    ccos.ok("share", "add", "--over-budget", "Started one", "--stage", "drafting")
    data: Any = ccos.json("share", "ideas")
    assert [p["id"] for p in data["pieces"]] == ["oldest-idea", "newer-idea"]
    assert "Oldest idea" in ccos.ok("share", "ideas").stdout


def test_edit_changes_fields_and_keeps_comments_and_unknown_keys(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Alpha", "--due", "fri", "--hours", "3")
    path = ccos.root / "sharing" / "alpha.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('kind = "article"', 'kind = "article"  # my own note\nmood = "curious"'), "utf-8")
    ccos.ok(
        "share", "edit", "alpha", "--kind", "tutorial", "--deep", "--personal", "--platform", "知乎",
        "--no-due", "--hours", "5", "--spent", "2", "--tag", "go", "--title", "Alpha, revised",
    )  # fmt: skip
    text = path.read_text(encoding="utf-8")
    assert 'kind = "tutorial"  # my own note' in text
    assert 'mood = "curious"' in text
    assert text.index("\ntitle =") < text.index("\nkind =") < text.index("\nmood =") < text.index("\nstage =")
    data = tomllib.loads(text)
    assert data["title"] == "Alpha, revised"
    assert data["deep"] is True and data["personal"] is True
    assert data["platform"] == "知乎"
    assert "due" not in data
    assert (data["estimate_hours"], data["actual_hours"]) == (5, 2)
    assert data["tags"] == ["go"]
    shown: Any = ccos.json("share", "show", "alpha")
    assert shown["piece"]["remaining_hours"] == 3


def test_edit_opens_editor_on_the_body(ccos: Ccos, tmp_path: Path) -> None:
    ccos.ok("share", "add", "--over-budget", "Operator 开发踩坑记录")
    ccos.ok("share", "edit", "operator", env={"EDITOR": editor_script(tmp_path)})
    body = (ccos.root / "sharing" / "operator-开发踩坑记录.md").read_text(encoding="utf-8")
    assert body.startswith("# Operator 开发踩坑记录")
    assert body.rstrip().endswith("edited by the test editor")
    ccos.ok("share", "edit", "operator", env={"EDITOR": editor_script(tmp_path)})
    body = (ccos.root / "sharing" / "operator-开发踩坑记录.md").read_text(encoding="utf-8")
    assert body.count("edited by the test editor") == 2
    shown: Any = ccos.json("share", "show", "operator")
    assert "edited by the test editor" in shown["body"]
    assert shown["piece"]["body_path"].endswith("operator-开发踩坑记录.md")
    assert "edited by the test editor" in ccos.ok("share", "show", "operator").stdout


def test_add_with_edit_flag_opens_editor(ccos: Ccos, tmp_path: Path) -> None:
    ccos.ok("share", "add", "--over-budget", "Gamma", "--edit", env={"EDITOR": editor_script(tmp_path)})
    assert "edited by the test editor" in (ccos.root / "sharing" / "gamma.md").read_text(encoding="utf-8")


def test_edit_without_editor_is_an_input_error(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Gamma")
    result = ccos("share", "edit", "gamma")
    assert result.exit_code == 2
    assert "EDITOR" in result.stderr


def test_markup_and_control_characters_are_shown_literally(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "[red]alarm[/red] ../../etc")
    out = ccos.ok("share", "list").stdout
    assert "[red]alarm[/red] ../../etc" in out
    assert ccos.ok("share", "show", "red").stdout.startswith("[red]alarm[/red]")
    assert sorted(p.name for p in (ccos.root / "sharing").iterdir() if not p.name.startswith(".")) == [
        "red-alarm-red-etc.toml"
    ]


def test_twin_titles_are_refused_and_similar_ones_get_their_own_file(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Zoë's notes")
    before = snapshot(ccos.root)
    twin = ccos("share", "add", "--over-budget", "ZOE\u0308'S   NOTES")  # NFD + case + spaces: the same title
    assert twin.exit_code == 2
    assert "exists already" in twin.stderr
    assert snapshot(ccos.root) == before
    ccos.ok("share", "add", "--over-budget", "Zoë's notes!")  # a different title with the same id base
    files = sorted(p.name for p in (ccos.root / "sharing").iterdir() if not p.name.startswith("."))
    assert files == ["zoë-s-notes-2.toml", "zoë-s-notes.toml"]
    out = ccos.ok("share", "list").stdout
    assert "[zoë-s-notes-2]" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("share", "add", "--over-budget", "X", "--kind", "blog"), "--kind"),
        (("share", "add", "--over-budget", "X", "--stage", "published"), "--stage"),
        (("share", "add", "--over-budget", "X", "--stage", "someday"), "idea, drafting, ready"),
        (("share", "list", "--stage", "someday"), "idea, drafting, ready, published, dropped"),
        (("share", "add", "--over-budget", "X", "--due", "2026-02-30"), "--due"),
        (("share", "add", "--over-budget", "X", "--due", "next blursday"), "--due"),
        (("share", "add", "--over-budget", "X", "--hours", "-1"), "--hours"),
        (("share", "add", "--over-budget", "X", "--hours", "nan"), "--hours"),
        (("share", "add", "--over-budget", "   "), "title is empty"),
        (("share", "add", "--over-budget", ""), "title is empty"),
        (("share", "add", "--over-budget", "two\nlines"), "newline"),
        (("share", "add", "--over-budget", "X", "--platform", " "), "platform"),
        (("share", "publish"), "REF"),
        (("share", "publish", "nothing-like-this"), "no sharing piece matches"),
        (("share", "publish", "alpha", "--url", "example.org/p/1"), "--url"),
        (("share", "publish", "alpha", "--url", "ftp://example.org/x"), "--url"),
        (("share", "publish", "alpha", "--url", "https://"), "--url"),
        (("share", "publish", "alpha", "--url", "https://exa mple.org"), "--url"),
        (("share", "publish", "alpha", "--url", "https://[::1"), "--url"),
        (("share", "publish", "alpha", "--hours", "-2"), "--hours"),
        (("share", "publish", "alpha", "--date", "tomorrow"), "future"),
        (("share", "publish", "alpha", "--date", "18/11/2026"), "--date"),
        (("share", "start", "--over-budget", "a"), "ambiguous"),
        (("share", "edit", "alpha", "--due", "fri", "--no-due"), "--no-due"),
        (("share", "edit", "alpha", "--spent", "-1"), "--spent"),
        (("share", "edit", "alpha", "--title", "Alps"), "exists already"),
        (("share", "edit", "alpha", "--kind", "essay"), "--kind"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(ccos: Ccos, args: tuple[str, ...], needle: str) -> None:
    ccos.ok("share", "add", "--over-budget", "Alpha")
    ccos.ok("share", "add", "--over-budget", "Alps")
    before = snapshot(ccos.root)
    result = ccos(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert needle in result.stderr
    assert snapshot(ccos.root) == before


def test_unknown_reference_suggests_close_titles(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Operator tips")
    result = ccos("share", "show", "operatr tips")
    assert result.exit_code == 2
    assert "operator tips" in result.stderr


def test_a_broken_piece_file_is_named(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Alpha")
    path = ccos.root / "sharing" / "alpha.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('stage = "idea"', 'stage = "someday"'), "utf-8")
    result = ccos("share", "list")
    assert result.exit_code == 2
    assert "alpha.toml" in result.stderr and "stage" in result.stderr
    path.write_text(path.read_text(encoding="utf-8").replace('stage = "someday"', 'stage = "published"'), "utf-8")
    result = ccos("status")
    assert result.exit_code == 2
    assert "published_on" in result.stderr


def test_help_has_examples(ccos: Ccos) -> None:
    for command in ("add", "list", "show", "start", "ready", "publish", "drop", "ideas", "edit"):
        result = ccos.ok("share", command, "--help")
        assert "Example:" in result.stdout, command


def test_json_paths_are_workspace_relative_whatever_the_folder(
    ccos: Ccos, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--json` paths are `sharing/...` from inside the workspace, a subfolder, or outside
    it with -w; the human `file` row stays as a person there would type it."""
    from typer.testing import CliRunner

    from ccos.cli import app

    ccos.ok("share", "add", "--over-budget", "Alpha", "--edit", env={"EDITOR": editor_script(tmp_path)})
    expected = {"path": "sharing/alpha.toml", "body_path": "sharing/alpha.md"}

    def run(cwd: Path, *args: str) -> Any:
        monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, list(args), env={"CCOS_TODAY": ccos.today})
        assert result.exit_code == 0, result.stderr
        return result.stdout

    def paths(document: dict[str, Any]) -> dict[str, Any]:
        return {key: document[key] for key in expected}

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    places = [(ccos.root / "sharing", ()), (ccos.root, ()), (outside, ("-w", str(ccos.root)))]
    for cwd, options in places:
        shown = json.loads(run(cwd, *options, "share", "show", "alpha", "--json"))
        assert paths(shown["piece"]) == expected, cwd
        listed = json.loads(run(cwd, *options, "share", "list", "--json"))
        assert [paths(piece) for piece in listed["pieces"]] == [expected], cwd
    assert re.search(r"^file +alpha\.toml", run(ccos.root / "sharing", "share", "show", "alpha"), re.M)
    assert re.search(r"^file +sharing/alpha\.toml", run(ccos.root, "share", "show", "alpha"), re.M)

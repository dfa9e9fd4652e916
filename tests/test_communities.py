"""Communities and members through the real CLI: the ladder, the five stages and their
playbooks, metrics, the seam (plan, status, warnings), export/import and ICS, bad input,
and the reviewed renderings in en, zh and ru at 80 columns."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Ccos, snapshot

GOLDEN = Path(__file__).parent / "golden"
WIDE = {"COLUMNS": "200"}
NARROW = {"COLUMNS": "80"}


def _codes(ws: Ccos, today: str) -> list[str]:
    plan: Any = ws.json("plan", "week", today=today)
    return [w["code"] for w in plan["warnings"]]


def test_three_months_from_first_members_to_launch_and_a_successor(make_workspace: Callable[..., Ccos]) -> None:
    ws = make_workspace("--weekly-hours", "20")
    ws.ok("config", "set", "targets.successor_after_weeks", "8")
    added = ws.ok("community", "add", "Rust Berlin", "--role", "organizer", "--stage", "first-members",
                  today="2026-09-01")  # fmt: skip
    assert "stage first members: 5 tasks from 2026-09-01" in added.stdout
    ws.ok("community", "add", "KubeSphere 北京", "--role", "contributor", "--platform", "wechat", today="2026-09-01")
    text = (ws.root / "communities" / "rust-berlin.toml").read_text(encoding="utf-8")
    assert 'track = "first-members"' in text and "start = 2026-09-01" in text

    # the stage's tasks are commitments that count against the week's budget
    plan: Any = ws.json("plan", "week", today="2026-09-02")
    tasks = [i for i in plan["items"] if i["type"] == "stage_task"]
    assert {t["ref"] for t in tasks} >= {"rust-berlin 1", "rust-berlin 2"}
    assert all(t["stream"] == "other" for t in tasks)

    for name, met in (("李雷", "meetup-1"), ("Ann Lee", "meetup-1"), ("Bo", None)):
        extra = ("--met", met) if met else ()
        ws.ok("member", "add", name, "--community", "rust", *extra, today="2026-09-05")
    ws.ok("member", "met", "ann", "meetup-2", today="2026-09-20")
    ws.ok("community", "metrics", "rust", "--members", "12", "--active", "6", today="2026-09-05")
    for number in ("1", "2", "3"):
        ws.ok("community", "done", "rust", number, today="2026-09-10")

    # a month on: tasks past their date, no count for four weeks
    codes = _codes(ws, "2026-10-05")
    assert "stage_task_overdue" in codes and "metrics_stale" in codes and "no_successor" not in codes
    plan = ws.json("plan", "week", today="2026-10-05")
    late = next(w for w in plan["warnings"] if w["code"] == "stage_task_overdue")
    assert late["subject"] == "rust-berlin" and "ccos community done rust-berlin N" in late["message"]

    # launch: skipping nothing, the first-members tasks become history
    ws.ok("community", "metrics", "rust", "--members", "25", "--active", "11", "--new", "13", today="2026-10-15")
    staged = ws.ok("community", "stage", "rust", "launch", today="2026-10-15")
    assert "stage launch from 2026-10-15 (6 tasks)" in staged.stdout and "skipped" not in staged.stdout
    shown: Any = ws.json("community", "show", "rust", today="2026-10-16")
    assert shown["stage"] == "launch" and [s["to"] for s in shown["stages"]] == ["first-members", "launch"]
    assert {t["track"] for t in shown["tasks"]} == {"launch"} and len(shown["tasks"]) == 6
    assert "stage_task_overdue" not in _codes(ws, "2026-10-16")

    # members step up; after 8 weeks of leading alone: no_successor, until one reaches organizer
    ws.ok("member", "step", "李雷", "contributor", "--why", "first talk", today="2026-10-20")
    ws.ok("member", "honour", "李雷", "talented speaker", today="2026-10-20")
    assert "no_successor" in _codes(ws, "2026-11-02")
    ws.ok("member", "step", "李雷", "organizer", today="2026-11-20")
    ws.ok("community", "metrics", "rust", "--members", "40", "--active", "15", today="2026-11-28")
    shown = ws.json("community", "show", "rust", today="2026-11-30")
    growth = shown["growth"]
    assert growth["quarter"] == "2026-Q4" and growth["moved_up"] == ["李雷"]
    assert growth["successors"] == ["李雷"] and growth["came_back"] == ["Ann Lee"] and growth["honours"] == 1
    assert [p[1] for p in growth["trend"]] == [12, 25, 40] and growth["members_change"] == 28
    assert shown["people"][0]["name"] == "李雷"  # highest on the ladder first
    assert "no_successor" not in _codes(ws, "2026-11-30")

    # status: one row per community, within the screen
    status: Any = ws.json("status", today="2026-11-30")
    rows = {r["key"]: r for r in status["now"] if r["source"] == "communities"}
    assert set(rows) == {"community:rust-berlin", "community:kubesphere-北京"}
    assert "40 members (+28)" in rows["community:rust-berlin"]["detail"]
    assert "1 moved up" in rows["community:rust-berlin"]["detail"]

    # my own step up the ladder in the community I take part in
    ws.ok("community", "step", "kube", "organizer", "--date", "2026-11-10", today="2026-11-30")
    listed: Any = ws.json("community", "list", today="2026-11-30")
    assert {c["name"]: c["role"] for c in listed["communities"]} == {"KubeSphere 北京": "organizer",
                                                                    "Rust Berlin": "organizer"}  # fmt: skip
    members: Any = ws.json("member", "list", "--community", "rust", "--level", "organizer")
    assert [m["name"] for m in members["members"]] == ["李雷"]
    member: Any = ws.json("member", "show", "李雷")
    assert [s["to"] for s in member["levels"]] == ["participant", "contributor", "organizer"]
    assert member["levels"][1]["note"] == "first talk" and member["honours"][0]["to"] == "talented speaker"


def test_skips_and_steps_back_are_recorded_with_a_note(ccos: Ccos) -> None:
    ccos.ok("community", "add", "Go Meetup", "--role", "leader", "--stage", "need", today="2026-09-01")
    skipped = ccos.ok("community", "stage", "go", "launch", "--note", "we had a core already", today="2026-09-10")
    assert "note: skipped: structure, first-members" in skipped.stdout
    assert "note: we had a core already" in skipped.stdout
    ccos.ok("member", "add", "Zoë", "--community", "go", "--level", "organizer", today="2026-09-10")
    back = ccos.ok("member", "step", "zoë", "contributor", today="2026-09-12")
    assert "note: a step back, from organizer" in back.stdout
    mine = ccos.ok("community", "step", "go", "contributor", "--note", "handed over", today="2026-09-15")
    assert "a step back, from leader" in mine.stdout
    shown: Any = ccos.json("community", "show", "go", today="2026-09-15")
    assert shown["stages"][1]["note"] == "skipped: structure, first-members; we had a core already"
    assert shown["roles"][1]["note"] == "a step back, from leader; handed over"
    # a standard-setter gets the §5.4 track beside the stage
    ccos.ok("community", "step", "go", "standard-setter", today="2026-09-16")
    shown = ccos.json("community", "show", "go", today="2026-09-16")
    assert {t["track"] for t in shown["tasks"]} == {"launch", "standard-setter"}


def test_bad_input_names_the_problem_and_writes_nothing(ccos: Ccos) -> None:
    ccos.ok("community", "add", "Rust Berlin", "--role", "organizer", "--stage", "launch")
    ccos.ok("member", "add", "李雷", "--community", "rust")
    before = snapshot(ccos.root)
    cases = [
        (("community", "show", "nope"), "no community matches 'nope'"),
        (("member", "show", "nobody"), "no member matches 'nobody'"),
        (("community", "stage", "rust", "growth"), "invalid value for STAGE: 'growth'"),
        (("community", "stage", "rust", "launch"), "is in stage launch already"),
        (("community", "add", "X", "--role", "boss"), "invalid value for --role: 'boss'"),
        (("community", "add", "rust berlin"), "a community named 'rust berlin' exists already"),
        (("member", "step", "李雷", "guru"), "invalid value for LEVEL: 'guru'"),
        (("member", "step", "李雷", "participant"), "is participant already"),
        (("member", "add", "Bo", "--community", "Go Meetup"), "no community matches 'Go Meetup'"),
        (("member", "add", "李雷", "--community", "rust"), "is a member of Rust Berlin already"),
        (("member", "list", "--level", "guru"), "invalid value for --level"),
        (("community", "metrics", "rust", "--members", "10", "--active", "11"), "11 is more than --members 10"),
        (("community", "metrics", "rust", "--members", "-1", "--active", "0"), "--members: -1"),
        (("community", "done", "rust", "99"), "has no open stage task 99"),
        (("community", "stage", "rust", "scaling", "--date", "2026-01-01"), "before the current stage began"),
    ]
    for args, message in cases:
        result = ccos(*args)
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert snapshot(ccos.root) == before
    # a hand-edited count that makes no sense stops the command, naming the file
    path = ccos.root / "communities" / "rust-berlin.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[metrics]]\non = 2026-11-01\nmembers = 3\nactive = 9\n",
                    encoding="utf-8")  # fmt: skip
    broken = ccos("community", "show", "rust")
    assert broken.exit_code == 2 and "communities/rust-berlin.toml" in broken.stderr


def test_export_import_round_trip_ics_and_a_workspace_playbook(
    make_workspace: Callable[..., Ccos], tmp_path: Path
) -> None:
    ws = make_workspace()
    own = ws.root / "templates" / "stages"
    own.mkdir(parents=True)
    own.joinpath("launch.toml").write_text(
        'stage = "launch"\ntitle = "Our launch"\n\n[[tasks]]\ntext = "Book the hall"\nday = 2\nhours = 1\n',
        encoding="utf-8",
    )
    ws.ok("community", "add", "Rust Berlin", "--role", "organizer", "--stage", "launch")
    ws.ok("member", "add", "李雷", "--community", "rust", "--met", "meetup-1")
    ws.ok("community", "metrics", "rust", "--members", "12", "--active", "5")
    shown: Any = ws.json("community", "show", "rust")
    assert [t["text"] for t in shown["tasks"]] == ["Book the hall"]

    backup = tmp_path / "backup.json"
    ws.ok("export", "json", "-o", str(backup))
    kinds = {f["kind"] for f in json.loads(backup.read_text(encoding="utf-8"))["files"]}
    assert {"community", "member", "stage"} <= kinds
    fresh = make_workspace(name="fresh")
    fresh.ok("import", "json", str(backup))
    assert fresh.json("community", "show", "rust") == shown
    assert fresh.json("member", "show", "李雷") == ws.json("member", "show", "李雷")
    assert "healthy" in fresh.ok("doctor").stdout

    from ccos.capabilities.communities.store import community_refs, member_refs

    assert community_refs(ws.root) == ["rust-berlin", "Rust Berlin"] and member_refs(ws.root) == ["李雷"]

    calendar = ws.ok("export", "ics", "--only", "communities").stdout
    assert "UID:stage-task-rust-berlin-1@" in calendar and "Book the hall · Rust Berlin" in calendar
    assert "DTSTART;VALUE=DATE:20261120" in calendar
    assert "BEGIN:VEVENT" in ws.ok("export", "ics").stdout


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CCOS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; review it and rerun with CCOS_UPDATE_GOLDEN=1"


NAMES = {"en": ("Rust Berlin", "Ann Lee"), "zh": ("KubeSphere 北京", "李雷"), "ru": ("Rust Москва", "Сергей Иванов")}


@pytest.mark.parametrize("language", ["en", "zh", "ru"])
def test_community_screens_match_their_reviewed_renderings_at_80_columns(
    make_workspace: Callable[..., Ccos], language: str
) -> None:
    ws = make_workspace("--lang", language)
    community, person = NAMES[language]
    ws.ok("community", "add", community, "--role", "organizer", "--stage", "first-members", today="2026-10-01")
    ws.ok("member", "add", person, "--community", community, "--met", "meetup-1", today="2026-10-02")
    ws.ok("member", "step", person, "contributor", today="2026-10-20")
    ws.ok("community", "metrics", community, "--members", "20", "--active", "8", today="2026-10-03")
    ws.ok("community", "done", community, "1", today="2026-10-05")
    screens = []
    for args in (
        ("community", "show", community),
        ("community", "list"),
        ("member", "list"),
        ("member", "show", person),
    ):
        shown = ws.ok(*args, env=NARROW).stdout
        assert all(len(line) <= 80 for line in shown.splitlines()), shown
        screens.append(shown)
    warnings = ws.ok("plan", "week", env=WIDE).stdout
    label = {"en": "stage_task_overdue", "zh": "阶段任务逾期", "ru": "задача этапа просрочена"}[language]
    assert label in warnings and (language == "en") == ("stage_task_overdue" in warnings)
    status = ws.ok("status", env=NARROW).stdout
    assert community in status and all(len(line) <= 80 for line in status.splitlines())
    _golden(f"community_{language}_80.txt", "\n".join(screens))

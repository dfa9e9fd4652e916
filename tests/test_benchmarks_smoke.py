"""The benchmark harness (benchmarks/run.py, generate.py) does what its README says: no timing here.

These check the parts a wrong number would come from: the sizes, which rows are planned, the
targets, the hand edits (valid files, one per run), what "cold" removes, and the peers' data
formats. They run the CLI in-process on a tiny workspace; nothing is timed or installed.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import Ccos

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up
    spec.loader.exec_module(module)
    return module


run = load("run")
generate = load("generate")


def test_medium_is_three_busy_years() -> None:
    medium = generate.SIZES["medium"]
    assert (medium.years, medium.mentees, medium.sessions, medium.pieces, medium.events) == (3, 8, 600, 300, 40)
    assert generate.SIZES["small"].sessions < medium.sessions < generate.SIZES["large"].sessions
    assert run.SIZES == ("small", "medium", "large")


def test_plan_has_every_scenario_a_command_supports() -> None:
    plan = run.plan_runs(["small", "medium"], list(run.SCENARIOS), list(run.DEFAULT_COMMANDS))
    for size in ("small", "medium"):
        for command in run.READS:
            for scenario in ("edited", "cold", "unchanged"):
                assert (size, scenario, command) in plan
        for command in run.WRITES:
            assert (size, "write", command) in plan
    assert ("small", "cold", "mentee log") not in plan
    assert ("small", "write", "status") not in plan
    assert plan[0] == ("small", "edited", "plan week")  # the headline first
    assert run.plan_runs(["large"], ["edited"], ["status", "mentee log"]) == [("large", "edited", "status")]


def row(command: str, size: str, scenario: str, ratio: float, mb: float = 30.0) -> object:
    return run.Row(command, size, scenario, wall=ratio, cpu=ratio * 0.01, p_wall=1, p_cpu=0.01, rss_mb=mb, runs=3)


@pytest.mark.parametrize(
    ("command", "size", "scenario", "ratio", "mb", "goal", "met"),
    [
        ("plan week", "small", "edited", 12.0, 30, "≤ 12 P, ≤ 50 MB", "met"),
        ("status", "medium", "edited", 13.5, 30, "≤ 13 P, ≤ 50 MB", "**missed** (+0.5 P)"),
        ("status", "large", "edited", 14.0, 61, "≤ 15 P, ≤ 60 MB", "**missed** (+1 MB)"),
        ("checklist check", "large", "write", 16.0, 30, "≤ 15 P, ≤ 60 MB", "**missed** (+1.0 P)"),
        ("plan week", "large", "cold", 59.0, 30, "≤ 60 P, ≤ 60 MB", "met"),
        ("plan week", "small", "cold", 99.0, 30, "≤ 50 MB", "met"),
        ("status", "medium", "unchanged", 99.0, 30, "≤ 50 MB", "met"),
    ],
)
def test_targets_are_issue_13s(
    command: str, size: str, scenario: str, ratio: float, mb: float, goal: str, met: str
) -> None:
    assert run.target(row(command, size, scenario, ratio, mb)) == (goal, met)


def test_scaling_and_peers_are_compared() -> None:
    rows = [row("status", "small", "edited", 10), row("status", "large", "edited", 20)]
    peers = [row("watson log", "5000", "peer", 17), row("jrnl -n 10", "5000", "peer", 23)]
    lines = run.summary(rows, peers)
    assert "`status` after an edit, large ÷ small (CPU): 2.00 (≤ 1.5: **missed**)" in lines[0]
    assert "small edited `status` 10.0 P" in lines[1] and "faster than both" in lines[1]
    assert lines[2].endswith("**not faster** than watson log")
    assert run.summary(rows, []) == lines[:1]


@pytest.fixture
def workspace(make_workspace: Callable[..., Ccos]) -> Ccos:
    """The three kinds of file the edited scenario changes: a piece, a session, this week's checklist."""
    ccos = make_workspace()
    ccos.ok("share", "add", "--over-budget", "Notes on testing")
    ccos.ok("share", "add", "--over-budget", "Why review")
    ccos.ok("mentee", "add", "Ann Lee")
    ccos.ok("mentee", "log", "ann-lee", "--date", "2026-11-16 18:00", "--minutes", "30", "--note", "first")
    ccos.ok("checklist", "check", "1")
    return ccos


def test_hand_edits_change_one_valid_file_each_run(workspace: Ccos) -> None:
    from ccos.storage.file_kinds import validate_files
    from ccos.storage.workspace import Workspace

    edits = run.HandEdits.find(workspace.root)
    assert edits.checklist.name == "2026-W47.toml"
    assert edits.session.parent.parent.name == "ann-lee"
    changed = []
    for round_number in range(6):
        before = {p: p.read_bytes() for p in (edits.piece, edits.session, edits.checklist)}
        path = edits.apply(round_number)
        changed.append(path)
        assert [p for p, data in before.items() if p.read_bytes() != data] == [path]
        text = path.read_text(encoding="utf-8")
        assert text.count("dited by hand") == 1 and f"{round_number}" in text.rsplit("dited by hand", 1)[1]
        relatives = [p.relative_to(workspace.root).as_posix() for p in before]
        assert validate_files(Workspace.open(workspace.root), relatives) == 3
        workspace.ok("status")
    assert changed[:3] == [edits.piece, edits.session, edits.checklist] == changed[3:]
    assert tomllib.loads(edits.piece.read_text(encoding="utf-8"))["title"] == "Why review"


def test_cold_removes_only_what_is_derived(tmp_path: Path) -> None:
    state = tmp_path / ".ccos"
    for folder in ("backups/x", "journal", "cache/answers"):
        (state / folder).mkdir(parents=True)
    for name in ("lock", "state.json", "index.sqlite", "index.sqlite-wal", "cache/answers/a"):
        (state / name).write_text("x", encoding="utf-8")
    assert run.remove_derived(tmp_path) == ["cache", "index.sqlite", "index.sqlite-wal"]
    assert sorted(p.name for p in state.iterdir()) == ["backups", "journal", "lock", "state.json"]
    assert run.remove_derived(tmp_path / "nowhere") == []


def test_logged_sessions_never_share_a_minute() -> None:
    assert len({run.when(n) for n in range(600)}) == 600
    assert run.when(0) == "2026-11-17 08:00" and run.when(60) == "2026-11-16 08:00"


def test_watson_frames_in_watsons_format(tmp_path: Path) -> None:
    from datetime import date

    run.write_watson(tmp_path, 50, random.Random("w"), date(2026, 11, 17))
    frames = json.loads((tmp_path / "watson" / "frames").read_text(encoding="utf-8"))
    assert len(frames) == 50
    assert all(len(f) == 6 and f[0] < f[1] and re.fullmatch("[0-9a-f]{32}", f[3]) for f in frames)
    assert [f[0] for f in frames] == sorted(f[0] for f in frames)
    first = (tmp_path / "watson" / "frames").read_bytes()
    run.write_watson(tmp_path, 50, random.Random("w"), date(2026, 11, 17))
    assert (tmp_path / "watson" / "frames").read_bytes() == first  # deterministic


def test_jrnl_journal_and_config(tmp_path: Path) -> None:
    run.write_jrnl(tmp_path, 50, random.Random("j"), "4.6")
    text = (tmp_path / "journal.txt").read_text(encoding="utf-8")
    dates = re.findall(r"(?:^|\n)\[(\d{4}-\d\d-\d\d \d\d:\d\d)\] ", text)  # jrnl's own entry pattern
    assert len(dates) == 50 and dates == sorted(dates) and dates[-1].startswith("2026-11-18")
    config = (tmp_path / "config" / "jrnl" / "jrnl.yaml").read_text(encoding="utf-8")
    assert f"journal: {tmp_path / 'journal.txt'}" in config and "version: '4.6'" in config


def test_task_records_importable_shape() -> None:
    tasks = run.task_records(50, random.Random("t"))
    assert len(tasks) == 50 and len({t["uuid"] for t in tasks}) == 50
    assert {t["status"] for t in tasks} == {"pending", "completed"}
    assert all(("end" in t) == (t["status"] == "completed") for t in tasks)
    assert all(re.fullmatch(r"\d{8}T\d{6}Z", str(t["entry"])) for t in tasks)
    assert tasks == run.task_records(50, random.Random("t"))

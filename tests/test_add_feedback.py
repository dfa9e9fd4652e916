"""Feedback at every add (issue 14, item 8): the touched week's load after the change, as
`plan week` then reports it, and a say-no before a change takes a week over budget."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ccos.context import AppContext
from tests.conftest import Ccos, git_run, run_ccos, snapshot

HACKATHON = ("event", "add", "Hackathon", "--kind", "hackathon", "--date", "2026-12-12 10:00", "--hours", "16")


def week_line(ccos: Ccos, week: str) -> str:
    """The load line as `plan week --week WEEK --json` gives the figures."""
    budget = ccos.json("plan", "week", "--week", week)["budget"]  # type: ignore[index]
    line = f"{week}: {budget['planned_hours']:g} h of {budget['hours']:g} h planned"
    return line + {"over": " — over budget", "near": " — near budget"}.get(budget["state"], "")


def test_a_hackathon_over_budget_is_refused_and_nothing_is_written(ccos: Ccos) -> None:
    before = snapshot(ccos.root)
    result = ccos(*HACKATHON)
    assert result.exit_code == 2 and result.stdout == ""
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1  # one line: no roll-back note after it
    assert message.startswith("error: not added: 2026-W50 would be ")
    assert "h of 6 h planned, over budget (this adds 17.6 h)" in message and "--over-budget" in message
    assert snapshot(ccos.root) == before
    assert "Hackathon" not in ccos.ok("event", "list", "--all").stdout


def test_over_budget_goes_ahead_and_the_figure_is_the_plans(ccos: Ccos) -> None:
    result = ccos.ok(*HACKATHON, "--over-budget")
    lines = result.stdout.splitlines()
    shown = next(line.strip() for line in lines if line.strip().startswith("2026-W50:"))
    assert shown.startswith(week_line(ccos, "2026-W50"))  # the figure `plan week` reports after the add
    assert "— over budget" in shown and result.stderr == ""


def test_within_budget_the_line_is_printed_and_over_budget_is_silent(make_workspace: Callable[..., Ccos]) -> None:
    ccos = make_workspace("--weekly-hours", "40")
    added = ccos.ok("event", "add", "Meetup", "--kind", "meetup", "--date", "2026-11-28 14:00", "--hours", "3")
    shown = added.stdout.splitlines()[-1].strip()
    assert shown.startswith("2026-W4") and shown == week_line(ccos, shown[:8])  # the day's or a task's week
    assert "over budget" not in added.stdout and added.stderr == ""
    # --over-budget where nothing is over: accepted, and nothing more is said
    extra = ccos.ok("checklist", "add", "Answer 3 questions", "--minutes", "30", "--over-budget")
    assert extra.stderr == "" and week_line(ccos, "2026-W47") in extra.stdout
    idea = ccos.ok("share", "add", "Some idea")  # an idea costs no planned hours yet
    assert idea.stdout.rstrip().endswith("(this adds no planned hours)")


def test_share_add_and_start_say_the_week_a_piece_loads(make_workspace: Callable[..., Ccos]) -> None:
    ccos = make_workspace("--weekly-hours", "10")
    before = snapshot(ccos.root)
    refused = ccos("share", "add", "Deep dive", "--stage", "drafting", "--due", "2026-11-20", "--hours", "20")
    assert refused.exit_code == 2 and "not added: 2026-W47 would be" in refused.stderr
    assert snapshot(ccos.root) == before
    ccos.ok("share", "add", "Deep dive", "--hours", "20")  # an idea without a date: no hours yet
    before = snapshot(ccos.root)
    started = ccos("share", "start", "deep", "--due", "2026-12-04")
    assert started.exit_code == 2 and started.stderr.startswith("error: not started: 2026-W")
    assert snapshot(ccos.root) == before  # still an idea
    went = ccos.ok("share", "start", "deep", "--due", "2026-12-04", "--over-budget")
    worst = started.stderr.split("would be ")[0].split(": ")[-1].strip()
    assert week_line(ccos, worst) in went.stdout


def test_checklist_add_and_a_planned_session(make_workspace: Callable[..., Ccos]) -> None:
    ccos = make_workspace("--weekly-hours", "10")
    before = snapshot(ccos.root)
    refused = ccos("checklist", "add", "Big thing", "--minutes", "600")
    assert refused.exit_code == 2 and "not added: 2026-W47 would be" in refused.stderr
    assert snapshot(ccos.root) == before
    ccos.ok("mentee", "add", "Ann", "--minutes", "60")
    planned = ccos.ok("mentee", "log", "Ann", "--date", "2026-12-01", "--planned")
    assert week_line(ccos, "2026-W49") in planned.stdout  # the session's own week
    long_one = ccos("mentee", "log", "Ann", "--date", "2026-12-02", "--planned", "--minutes", "600")
    assert long_one.exit_code == 2 and "not planned: 2026-W49 would be" in long_one.stderr
    held = ccos.ok("mentee", "log", "Ann", "--minutes", "600", "--over-budget")  # a held session: no say-no
    assert "planned" not in held.stdout.splitlines()[-1]


@pytest.mark.parametrize(("answer", "code"), [("n\n", 2), ("\n", 2), ("y\n", 0)])
def test_on_a_terminal_the_person_is_asked_and_no_is_the_default(
    ccos: Ccos, monkeypatch: pytest.MonkeyPatch, answer: str, code: int
) -> None:
    monkeypatch.setattr(AppContext, "interactive", lambda self: True)
    before = snapshot(ccos.root)
    result = ccos(*HACKATHON, input=answer)
    assert result.exit_code == code, result.stderr
    assert "Say no first" in result.stderr
    if code:
        assert snapshot(ccos.root) == before and "not added" in result.stderr
    else:
        assert "+ added Hackathon" in result.stdout and "2026-W50:" in result.stdout


def test_a_refusal_leaves_the_workspace_and_git_byte_identical(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    env = {"CCOS_TODAY": "2026-11-18", "HOME": str(tmp_path)}
    (tmp_path / ".gitconfig").write_text("[user]\n\tname = T\n\temail = t@example.org\n", encoding="utf-8")
    assert run_ccos("init", str(root), "--lang", "en", "--name", "Ada", env=env).returncode == 0
    assert run_ccos("-w", str(root), "config", "set", "sync.autocommit", "true", env=env).returncode == 0
    assert run_ccos("-w", str(root), "checklist", "add", "x", "--over-budget", env=env).returncode == 0
    head = git_run(root, "rev-parse", "HEAD").stdout
    git_run(root, "status", "--porcelain")  # git refreshes its index now, not during the check below
    files = snapshot(root)
    raw = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".ccos" not in p.parts}
    for args in (HACKATHON, ("checklist", "add", "Huge", "--minutes", "900")):
        result = run_ccos("-w", str(root), *args, env=env)
        assert result.returncode == 2 and "--over-budget" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    # every byte of the workspace and of .git (its index too) as it was; then ask git itself
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".ccos" not in p.parts} == raw
    assert snapshot(root) == files
    assert git_run(root, "rev-parse", "HEAD").stdout == head  # no commit
    assert git_run(root, "status", "--porcelain").stdout == ""
    went = run_ccos("-w", str(root), *HACKATHON, "--over-budget", env=env)
    assert went.returncode == 0 and git_run(root, "rev-parse", "HEAD").stdout != head  # committed when it goes


def test_a_weekly_event_names_its_worst_week_and_counts_the_others(ccos: Ccos) -> None:
    result = ccos("event", "add", "Stream", "--kind", "livestream", "--repeat", "weekly on thu at 20:00")
    assert result.exit_code == 2
    message = result.stderr
    assert "not added: 2026-W" in message and "more weeks over; nothing was changed" in message
    went = ccos.ok(
        "event", "add", "Stream", "--kind", "livestream", "--repeat", "weekly on thu at 20:00", "--over-budget"
    )
    line = went.stdout.splitlines()[-1].strip()
    week = line.split(":")[0]
    assert line.startswith(week_line(ccos, week)) and "more weeks over)" in line

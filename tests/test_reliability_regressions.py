"""Regression tests for bugs the adversarial suite found (tests/adversarial/), one per bug,
named after the upstream report they guard against where one applies."""

from __future__ import annotations

from tests.conftest import Ccos, snapshot


def test_broken_profile_refuses_before_any_write(ccos: Ccos) -> None:
    """`ccos checkin` wrote its file, then failed on an empty ccos.toml with exit 2 (found by
    test_hand_edits: exit 2 must mean nothing was written)."""
    (ccos.root / "ccos.toml").write_bytes(b"")
    before = snapshot(ccos.root)
    result = ccos("checkin", "--energy", "3", "--duty", "3", "--main-job", "3", "--avoid", "3")
    assert result.exit_code == 2
    assert "ccos.toml" in result.stderr and "empty" in result.stderr
    assert snapshot(ccos.root) == before


def test_status_rows_show_names_literally(ccos: Ccos) -> None:
    """`ccos status` printed a mentee's name raw in its progress rows: a right-to-left override
    (U+202E, "Trojan Source") reached the terminal (found by test_names)."""
    ccos.ok("mentee", "add", "\u202eevil\u202c x", "--since", "2026-01-01")
    shown = ccos.ok("status").stdout
    assert "\u202e" not in shown
    assert "\\u202eevil" in shown


def test_far_dates_on_input_exit_2(ccos: Ccos) -> None:
    """`event add --date 9999-12-31` crashed (exit 1) on a playbook offset past year 9999, after
    writing the event, so every later event command crashed too; `--month 0001-01-01` made the
    period id "1-01" (found by test_fuzz)."""
    before = snapshot(ccos.root)
    for args in (
        ["event", "add", "--over-budget", "Far", "--kind", "talk", "--date", "9999-12-31"],
        ["event", "add", "--over-budget", "Early", "--kind", "talk", "--date", "0001-01-01"],
        [
            "event",
            "add",
            "--over-budget",
            "W",
            "--kind",
            "meetup",
            "--repeat",
            "weekly on thu at 20:00",
            "--from",
            "0999-01-01",
        ],
        ["checklist", "check", "1", "--month", "0001-01-01"],
        ["plan", "week", "--week", "-99999"],
        ["mentee", "add", "Old", "--since", "1066-10-14"],
    ):
        result = ccos(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "invalid value for --" in result.stderr
    assert snapshot(ccos.root) == before


def test_a_hand_edited_far_date_is_named_not_crashed_on(ccos: Ccos) -> None:
    """Watson #499's lesson applied to dates: `start = 9999-12-31` typed into an event made every
    event command (and doctor) crash; it must be an invalid file with its line (found by test_fuzz)."""
    ccos.ok("event", "add", "--over-budget", "Talk", "--kind", "talk", "--date", "2026-12-01")
    path = ccos.root / "events" / "talk.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("start = 2026-12-01", "start = 9999-12-31"), "utf-8")
    for args in (["event", "list"], ["status"], ["plan", "week"]):
        result = ccos(*args)
        assert result.exit_code == 2, result.stderr
        assert "talk.toml:" in result.stderr and "out of range" in result.stderr
    doctor = ccos("doctor")
    assert doctor.exit_code == 2 and "events/talk.toml:" in doctor.stdout


def test_checklist_minutes_above_the_bound_exit_2(ccos: Ccos) -> None:
    """`checklist add --minutes 100001` was a pydantic ValidationError, exit 1 (found by test_fuzz)."""
    before = snapshot(ccos.root)
    result = ccos("checklist", "add", "--over-budget", "Huge", "--minutes", "100001")
    assert result.exit_code == 2 and "--minutes" in result.stderr
    assert snapshot(ccos.root) == before

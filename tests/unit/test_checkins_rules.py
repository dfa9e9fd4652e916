"""The check-ins' rules on plain values: no workspace, no clock."""

from __future__ import annotations

from datetime import date

import pytest

from ccos.capabilities.checkins.model import Checkin
from ccos.capabilities.checkins.rules import (
    Relief,
    at_risk,
    check_answers,
    checkin_day,
    in_reach,
    run_warning,
    signal_warning,
    standing_row,
    step,
    strong_signals,
    worst_signal,
)
from ccos.dates import Period
from ccos.errors import InvalidInput

TODAY = date(2026, 11, 18)
W47 = Period.containing("week", TODAY)


def checkin(week: str, energy: int = 3, duty: int = 2, main_job: int = 2, avoid: int = 1) -> Checkin:
    start = Period.from_id(week)
    assert start is not None
    return Checkin(week=week, date=start.start, energy=energy, duty=duty, main_job=main_job, avoid=avoid)


def test_answers_are_checked() -> None:
    answers = {"energy": 3, "duty": 2, "main_job": 2, "avoid": 1}
    check_answers(W47, TODAY, answers, "fine")
    with pytest.raises(InvalidInput, match="future"):
        check_answers(W47.shift(1), TODAY, answers, "")
    with pytest.raises(InvalidInput, match="--main-job"):
        check_answers(W47, TODAY, {**answers, "main_job": 6}, "")
    with pytest.raises(InvalidInput, match="NUL"):
        check_answers(W47, TODAY, answers, "a\x00b")


def test_a_past_week_is_dated_on_its_last_day() -> None:
    assert checkin_day(W47, TODAY) == TODAY
    assert checkin_day(W47.shift(-1), TODAY) == date(2026, 11, 15)


def test_the_signal_warning_names_the_worst_signal() -> None:
    tired = checkin("2026-W46", energy=1, duty=4, main_job=3, avoid=4)  # risk 4, energy the worst (5)
    warning = signal_warning([tired], W47, 3.5)
    assert warning is not None and warning.subject == "2026-W46"
    assert "scores 4/5 (threshold 3.5)" in warning.message and "rest and recover" in warning.message
    assert signal_warning([tired], W47.shift(2), 3.5) is None  # out of reach
    assert signal_warning([tired, checkin("2026-W47")], W47, 3.5) is None  # the latest counts
    assert [c.week for c in in_reach([checkin("2026-W45"), tired], W47)] == ["2026-W46"]


def test_the_run_warning_counts_over_budget_weeks() -> None:
    assert run_warning([True, False, True, False], 3, "Talk") is None
    warning = run_warning([True, True, False, True], 3, "Talk")
    assert warning is not None and warning.subject == "over_budget_run"
    assert warning.message.startswith("over budget 3 of the last 4 weeks")
    assert warning.message.endswith("; the plan suggests deferring 'Talk'")
    plain = run_warning([True] * 4, 3, None)
    assert plain is not None and plain.message.endswith("find a co-organiser")


def test_the_standing_row() -> None:
    none = standing_row([], TODAY, 3.5, "checkins")
    assert (none.period, none.state, none.label) == (None, "behind", "check-in")  # the dashboard says `now`
    worn = checkin("2026-W46", energy=1, duty=5, main_job=5, avoid=5)
    row = standing_row([checkin("2026-W45"), worn], TODAY, 3.5, "x")
    assert row.state == "over" and row.actual == 5.0
    assert row.detail == "2026-W46 (none this week); trend 2 5"


@pytest.mark.parametrize(
    ("signals", "strategy"),
    [
        ({"energy": 2}, "rest and recover"),
        ({"duty": 4}, "learn to say no"),
        ({"main_job": 4}, "put your main job first"),
        ({"avoid": 5}, "find co-organisers"),
    ],
)
def test_one_strong_signal_alone_is_a_risk(signals: dict[str, int], strategy: str) -> None:
    calm = {"energy": 4, "duty": 1, "main_job": 1, "avoid": 1}
    strong = checkin("2026-W47", **{**calm, **signals})
    assert strong.risk < 3.5 and at_risk(strong, 3.5)
    warning = signal_warning([strong], W47, 3.5, Relief(deferrable="Write an article"))
    assert warning is not None and strategy in warning.message
    assert "has 1 strong signal (" in warning.message  # one, not "1 signals"
    assert not at_risk(checkin("2026-W47", energy=3, duty=3, main_job=3, avoid=3), 3.5)  # 3 is not strong


def test_the_main_job_comes_first_and_wins_ties() -> None:
    brief = checkin("2026-W47", energy=4, duty=2, main_job=5, avoid=4)  # the check-in: mean 3.25
    assert worst_signal(brief) == "main_job" and strong_signals(brief) == ["main_job", "avoid"]
    warning = signal_warning([brief], W47, 3.5, Relief(deferrable="Write an article", next_event="Meetup"))
    assert warning is not None
    assert warning.message.startswith(
        "check-in 2026-W47 has 2 strong signals (main job 5/5, avoiding 4/5; risk 3.25/5)"
    )
    assert "put your main job first" in warning.message
    assert warning.message.endswith("say no to 'Write an article' this week")
    tie = checkin("2026-W47", energy=1, duty=5, main_job=5, avoid=5)
    assert worst_signal(tie) == "main_job"
    assert worst_signal(checkin("2026-W47", energy=1, duty=5, main_job=4, avoid=5)) == "duty"


def test_the_concrete_step_follows_the_signal() -> None:
    both = Relief(deferrable="Draft", next_event="Rust Meetup", next_event_on=date(2026, 12, 12))
    assert step("avoid", both) == "find a co-organiser for 'Rust Meetup' (Sat 12-12) and share the work"
    assert step("avoid", Relief(deferrable="Draft")) == "say no to 'Draft' this week"
    assert step("duty", both) == "say no to 'Draft' this week"
    assert step("duty", Relief(next_event="Rust Meetup")).startswith("find a co-organiser for 'Rust Meetup'")
    assert step("energy", both) == step("main_job", both) == "say no to 'Draft' this week"
    assert step("main_job", Relief()) == "take nothing new on this week"

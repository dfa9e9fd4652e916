"""The check-ins' rules on plain values: no workspace, no clock."""

from __future__ import annotations

from datetime import date

import pytest

from ccos.capabilities.checkins.model import Checkin
from ccos.capabilities.checkins.rules import (
    check_answers,
    checkin_day,
    in_reach,
    run_warning,
    signal_warning,
    standing_row,
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

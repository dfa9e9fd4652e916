"""Dates and periods: the contract's input forms and ISO-week arithmetic."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccos.dates import Period, add_months, parse_date, parse_datetime, parse_period, parse_today
from ccos.errors import InvalidInput

WED = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-18", date(2026, 11, 18)),
        ("today", WED),
        ("tomorrow", date(2026, 11, 19)),
        ("yesterday", date(2026, 11, 17)),
        ("wed", WED),  # today counts
        ("Friday", date(2026, 11, 20)),
        ("mon", date(2026, 11, 23)),
        ("+3d", date(2026, 11, 21)),
        ("-1w", date(2026, 11, 11)),
        ("+2m", date(2027, 1, 18)),
        ("+1y", date(2027, 11, 18)),
    ],
)
def test_date_forms(text: str, expected: date) -> None:
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "18/11/2026", "next blursday", "+d", "", "2026-13-01", "+99999d"])
def test_bad_dates_name_the_option(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_date(text, WED, "--due")
    assert "--due" in error.value.message
    assert "YYYY-MM-DD" in (error.value.hint or "")


def test_datetime_forms() -> None:
    assert parse_datetime("2026-11-19 19:30", WED) == (date(2026, 11, 19), (19, 30))
    assert parse_datetime("2026-11-19T07:05", WED) == (date(2026, 11, 19), (7, 5))
    assert parse_datetime("fri 20:00", WED) == (date(2026, 11, 20), (20, 0))
    assert parse_datetime("today", WED) == (WED, None)
    with pytest.raises(InvalidInput):
        parse_datetime("2026-11-19 25:00", WED)


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_period_ids_and_bounds() -> None:
    week = Period.containing("week", WED)
    assert (week.id, week.start, week.end) == ("2026-W47", date(2026, 11, 16), date(2026, 11, 22))
    assert Period.containing("month", WED).id == "2026-11"
    quarter = Period.containing("quarter", WED)
    assert (quarter.id, quarter.start, quarter.end) == ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    # ISO week 53 and the year boundary: 2026-12-31 is in 2026-W53; 2027-01-04 starts 2027-W01.
    assert Period.containing("week", date(2026, 12, 31)).id == "2026-W53"
    assert Period.containing("week", date(2027, 1, 3)).id == "2026-W53"
    assert Period.containing("week", date(2027, 1, 4)).id == "2027-W01"
    assert Period.from_id("2026-W53") == Period.containing("week", date(2026, 12, 28))
    assert Period.from_id("2025-W53") is None  # 2025 has 52 ISO weeks
    assert Period.from_id("2024-W01") == Period.containing("week", date(2024, 1, 1))


@pytest.mark.parametrize(
    ("kind", "spec", "expected"),
    [
        ("week", None, "2026-W47"),
        ("week", "this", "2026-W47"),
        ("week", "next", "2026-W48"),
        ("week", "last", "2026-W46"),
        ("week", "+6", "2026-W53"),
        ("week", "+7", "2027-W01"),
        ("week", "-47", "2025-W52"),
        ("week", "2026-W01", "2026-W01"),
        ("week", "2027-01-01", "2026-W53"),
        ("month", "next", "2026-12"),
        ("month", "+2", "2027-01"),
        ("month", "2026-02", "2026-02"),
        ("quarter", "next", "2027-Q1"),
        ("quarter", "-4", "2025-Q4"),
        ("quarter", "2026-Q1", "2026-Q1"),
        ("quarter", "2026-05-05", "2026-Q2"),
    ],
)
def test_period_specs(kind: str, spec: str | None, expected: str) -> None:
    assert parse_period(kind, spec, WED).id == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "spec"),
    [("week", "2026-W54"), ("week", "2026-11"), ("month", "2026-13"), ("quarter", "2026-Q5"), ("week", "soon")],
)
def test_bad_period_specs(kind: str, spec: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_period(kind, spec, WED)  # type: ignore[arg-type]
    assert f"--{kind}" in error.value.message


def test_ccos_today() -> None:
    assert parse_today("2026-02-28", WED) == date(2026, 2, 28)
    assert parse_today(None, WED) == WED
    with pytest.raises(InvalidInput) as error:
        parse_today("2026-02-30", WED)
    assert "CCOS_TODAY" in error.value.message


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@settings(max_examples=300, deadline=None)
@given(day=days, kind=st.sampled_from(["week", "month", "quarter"]), steps=st.integers(-60, 60))
def test_period_arithmetic_properties(day: date, kind: str, steps: int) -> None:
    period = Period.containing(kind, day)  # type: ignore[arg-type]
    assert period.contains(day)
    assert Period.from_id(period.id) == period
    assert period.shift(steps).shift(-steps) == period
    following = period.shift(1)
    assert following.start == period.end + timedelta(days=1)
    if kind == "week":
        assert period.days == 7 and period.start.weekday() == 0
    else:
        assert period.start.day == 1 and (period.end + timedelta(days=1)).day == 1


@settings(max_examples=200, deadline=None)
@given(day=days)
def test_weeks_cover_a_period_without_gaps(day: date) -> None:
    for kind in ("month", "quarter"):
        period = Period.containing(kind, day)  # type: ignore[arg-type]
        weeks = period.weeks()
        assert weeks[0].contains(period.start) and weeks[-1].contains(period.end)
        for first, second in itertools.pairwise(weeks):
            assert second.start == first.end + timedelta(days=1)

"""Dates and periods: the contract's input forms and ISO-week arithmetic."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccos.dates import (
    EARLIEST,
    LATEST,
    Period,
    add_months,
    human_day,
    parse_date,
    parse_datetime,
    parse_period,
    parse_today,
)
from ccos.errors import InvalidInput
from tests.conftest import Ccos, snapshot

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


# --- Dates in the person's language (issue 15) ---------------------------------------------
# WED is Wednesday 2026-11-18 (ISO week 2026-W47: Mon 11-16 .. Sun 11-22).


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese: day words
        ("今天", WED),
        ("明天", date(2026, 11, 19)),
        ("后天", date(2026, 11, 20)),
        ("大后天", date(2026, 11, 21)),
        ("昨天", date(2026, 11, 17)),
        ("前天", date(2026, 11, 16)),
        # a bare weekday: the coming one, today counts (like `thu`, `wed`)
        ("周四", date(2026, 11, 19)),
        ("星期四", date(2026, 11, 19)),
        ("礼拜四", date(2026, 11, 19)),
        ("周三", WED),
        ("周一", date(2026, 11, 23)),
        ("星期天", date(2026, 11, 22)),
        ("周日", date(2026, 11, 22)),
        # 本周/这周: this ISO week's day (may be past); 下周: next ISO week's; 上周: last
        ("本周五", date(2026, 11, 20)),
        ("这周五", date(2026, 11, 20)),
        ("这个星期五", date(2026, 11, 20)),
        ("本周一", date(2026, 11, 16)),
        ("下周四", date(2026, 11, 26)),
        ("下周一", date(2026, 11, 23)),
        ("下星期四", date(2026, 11, 26)),
        ("下个礼拜四", date(2026, 11, 26)),
        ("上周五", date(2026, 11, 13)),
        # amounts
        ("3天后", date(2026, 11, 21)),
        ("三天后", date(2026, 11, 21)),
        ("3 天以后", date(2026, 11, 21)),
        ("十天后", date(2026, 11, 28)),
        ("一周后", date(2026, 11, 25)),
        ("两周后", date(2026, 12, 2)),
        ("两个星期后", date(2026, 12, 2)),
        ("3个月后", date(2027, 2, 18)),
        ("一年后", date(2027, 11, 18)),
        ("两天前", date(2026, 11, 16)),
        ("下个月", date(2026, 12, 18)),
        ("下月", date(2026, 12, 18)),
        ("上个月", date(2026, 10, 18)),
        ("下周", date(2026, 11, 25)),
        ("明年", date(2027, 11, 18)),
        ("３天后", date(2026, 11, 21)),  # full-width digits
        # calendar dates
        ("12月24日", date(2026, 12, 24)),
        ("12月24号", date(2026, 12, 24)),
        ("2026年12月24日", date(2026, 12, 24)),
        ("2027年1月5日", date(2027, 1, 5)),
        ("十二月二十四日", date(2026, 12, 24)),
        ("二〇二六年十二月二十四日", date(2026, 12, 24)),
        ("12月3日 周四", date(2026, 12, 3)),
        ("12月3日（周四）", date(2026, 12, 3)),
        # Russian: day words
        ("сегодня", WED),
        ("Завтра", date(2026, 11, 19)),
        ("послезавтра", date(2026, 11, 20)),
        ("вчера", date(2026, 11, 17)),
        ("позавчера", date(2026, 11, 16)),
        # a weekday in any case form, with or without в/во: the coming one, today counts
        ("четверг", date(2026, 11, 19)),
        ("четверга", date(2026, 11, 19)),
        ("в четверг", date(2026, 11, 19)),
        ("в среду", WED),
        ("во вторник", date(2026, 11, 24)),
        ("в пятницу", date(2026, 11, 20)),
        ("в воскресенье", date(2026, 11, 22)),
        ("в ближайшую пятницу", date(2026, 11, 20)),
        # следующий: next ISO week's; этот: this ISO week's; прошлый: last ISO week's
        ("в следующий четверг", date(2026, 11, 26)),
        ("в следующую пятницу", date(2026, 11, 27)),
        ("следующий понедельник", date(2026, 11, 23)),
        ("в следующее воскресенье", date(2026, 11, 29)),
        ("в эту пятницу", date(2026, 11, 20)),
        ("в этот понедельник", date(2026, 11, 16)),
        ("в прошлую пятницу", date(2026, 11, 13)),
        # amounts
        ("через 3 дня", date(2026, 11, 21)),
        ("через три дня", date(2026, 11, 21)),
        ("через 5 дней", date(2026, 11, 23)),
        ("через день", date(2026, 11, 19)),
        ("через неделю", date(2026, 11, 25)),
        ("через 2 недели", date(2026, 12, 2)),
        ("через две недели", date(2026, 12, 2)),
        ("через пару недель", date(2026, 12, 2)),
        ("через месяц", date(2026, 12, 18)),
        ("через 2 месяца", date(2027, 1, 18)),
        ("через год", date(2027, 11, 18)),
        ("неделю назад", date(2026, 11, 11)),
        ("3 дня назад", date(2026, 11, 15)),
        ("на следующей неделе", date(2026, 11, 25)),
        ("в следующем месяце", date(2026, 12, 18)),
        # calendar dates
        ("24 декабря", date(2026, 12, 24)),
        ("24 декабря 2026", date(2026, 12, 24)),
        ("24 декабря 2026 г.", date(2026, 12, 24)),
        ("5 января 2027 года", date(2027, 1, 5)),
        ("3 дек.", date(2026, 12, 3)),
        ("3 дек., чт", date(2026, 12, 3)),
        ("чт, 3 декабря", date(2026, 12, 3)),
        ("24.12.2026", date(2026, 12, 24)),
        ("24.12.26", date(2026, 12, 24)),
        ("24.12", date(2026, 12, 24)),
        ("1.3", date(2027, 3, 1)),  # no year: the nearest such day (2027-03-01 is 103 days away)
        ("1 сентября", date(2026, 9, 1)),  # ... and it may be past (78 days ago)
        # English
        ("next thu", date(2026, 11, 26)),
        ("next thursday", date(2026, 11, 26)),
        ("Next Mon", date(2026, 11, 23)),
        ("this fri", date(2026, 11, 20)),
        ("this mon", date(2026, 11, 16)),
        ("last fri", date(2026, 11, 13)),
        ("on fri", date(2026, 11, 20)),
        ("in 3 days", date(2026, 11, 21)),
        ("in three days", date(2026, 11, 21)),
        ("in a week", date(2026, 11, 25)),
        ("in 2 weeks", date(2026, 12, 2)),
        ("in 1 month", date(2026, 12, 18)),
        ("2 weeks ago", date(2026, 11, 4)),
        ("day after tomorrow", date(2026, 11, 20)),
        ("next month", date(2026, 12, 18)),
        ("2026/12/24", date(2026, 12, 24)),
        ("2026/1/5", date(2026, 1, 5)),
        ("2026.12.24", date(2026, 12, 24)),
        ("Dec 24", date(2026, 12, 24)),
        ("dec 24th", date(2026, 12, 24)),
        ("24 Dec", date(2026, 12, 24)),
        ("24th of December", date(2026, 12, 24)),
        ("December 24 2026", date(2026, 12, 24)),
        ("December 24, 2026", date(2026, 12, 24)),
        ("24 December 2026", date(2026, 12, 24)),
        ("Thu, Dec 3", date(2026, 12, 3)),
        # ccos's own table forms (human_day), typed back
        ("Thu 12-03", date(2026, 12, 3)),
        ("12-03", date(2026, 12, 3)),
        ("Thu 2027-01-07", date(2027, 1, 7)),
    ],
)
def test_date_forms_in_three_languages(text: str, expected: date) -> None:
    assert parse_date(text, WED) == expected


def test_next_week_across_the_year_end() -> None:
    wed_dec_30 = date(2026, 12, 30)  # in 2026-W53 (Mon 12-28 .. Sun 2027-01-03)
    for text in ("下周四", "в следующий четверг", "next thu", "下星期四"):
        assert parse_date(text, wed_dec_30) == date(2027, 1, 7), text
    for text in ("周四", "в четверг", "thu", "четверг"):
        assert parse_date(text, wed_dec_30) == date(2026, 12, 31), text
    assert parse_date("本周日", wed_dec_30) == date(2027, 1, 3)
    assert parse_date("this sun", wed_dec_30) == date(2027, 1, 3)
    assert parse_date("3天后", wed_dec_30) == date(2027, 1, 2)
    assert parse_date("через неделю", wed_dec_30) == date(2027, 1, 6)
    assert parse_date("下个月", date(2027, 1, 31)) == date(2027, 2, 28)  # clamps like +1m


def test_a_day_without_a_year_is_the_nearest_one() -> None:
    wed_dec_30 = date(2026, 12, 30)
    for text in ("1月5日", "5 января", "5.01", "Jan 5", "5 Jan", "01-05"):
        assert parse_date(text, wed_dec_30) == date(2027, 1, 5), text
    tue_jan_5 = date(2027, 1, 5)
    for text in ("12月24日", "24 декабря", "24.12", "Dec 24", "12-24"):
        assert parse_date(text, tue_jan_5) == date(2026, 12, 24), text
    # With its weekday: the nearest if it falls on it, else this year's (ccos's tables).
    assert parse_date("1月5日 周二", wed_dec_30) == date(2027, 1, 5)
    assert parse_date("12-31", date(2026, 1, 1)) == date(2025, 12, 31)
    assert parse_date("Thu 12-31", date(2026, 1, 1)) == date(2026, 12, 31)
    for wrong in ("Fri 12-03", "Wed 12-03"):  # 12-03 is a Friday in 2027, a Wednesday in 2025
        with pytest.raises(InvalidInput):
            parse_date(wrong, WED)
    assert parse_date("29.02", date(2028, 11, 18)) == date(2028, 2, 29)


def test_datetime_forms_in_three_languages() -> None:
    assert parse_datetime("明天 19:30", WED) == (date(2026, 11, 19), (19, 30))
    assert parse_datetime("明天19:30", WED) == (date(2026, 11, 19), (19, 30))
    assert parse_datetime("下周四 19：30", WED) == (date(2026, 11, 26), (19, 30))
    assert parse_datetime("завтра в 19:30", WED) == (date(2026, 11, 19), (19, 30))
    assert parse_datetime("в четверг 9:05", WED) == (date(2026, 11, 19), (9, 5))
    assert parse_datetime("24.12.2026 19:30", WED) == (date(2026, 12, 24), (19, 30))
    assert parse_datetime("tomorrow at 7:30", WED) == (date(2026, 11, 19), (7, 30))
    assert parse_datetime("next thu 20:00", WED) == (date(2026, 11, 26), (20, 0))
    assert parse_datetime("Dec 24", WED) == (date(2026, 12, 24), None)
    with pytest.raises(InvalidInput) as error:
        parse_datetime("明天 25:00", WED, "--date")
    assert "--date" in error.value.message and "24-hour" in (error.value.hint or "")


def test_periods_take_the_new_date_forms() -> None:
    assert parse_period("week", "下周四", WED).id == "2026-W48"
    assert parse_period("week", "в следующий четверг", WED).id == "2026-W48"
    assert parse_period("week", "next thu", WED).id == "2026-W48"
    assert parse_period("week", "下周", WED).id == "2026-W48"
    assert parse_period("month", "下个月", WED).id == "2026-12"
    assert parse_period("month", "через месяц", WED).id == "2026-12"
    assert parse_period("quarter", "24.12.2026", WED).id == "2026-Q4"
    assert parse_period("week", "2026/12/24", WED).id == "2026-W52"
    with pytest.raises(InvalidInput) as error:
        parse_period("week", "下周八", WED)
    assert "--week" in error.value.message and "2026-W47" in (error.value.hint or "")


@pytest.mark.parametrize(
    "text",
    [
        "2月30日",
        "13月1日",
        "下周八",
        "周八",
        "十十天后",
        "99999天后",
        "9999年后",
        "31.04.2026",
        "32.12",
        "24.13",
        "29.02",  # no leap year among 2025..2027: give the year
        "18/11/2026",  # D/M/Y or M/D/Y? refused: write 18.11.2026
        "11/18/2026",
        "Feb 30",
        "30 февраля",
        "24 декабрz",
        "через 3 попугая",
        "через",
        "in 3 parrots",
        "in days",
        "next",
        "next blursday",
        "к субботе",
        "Fri 12-03",  # 2026-12-03 is a Thursday: never moved to 2027-12-03 (a Friday) silently
        "周五 2026年12月24日",  # a Thursday
        "fri 2026-12-24",
        "Thu Fri 12-03",
        "周四 12月3日 周四",
    ],
)
def test_bad_forms_in_three_languages_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_date(text, WED, "--due")
    assert "--due" in error.value.message
    hint = error.value.hint or ""
    for example in ("YYYY-MM-DD", "明天", "下周四", "завтра", "в четверг", "next thu", "24.12.2026"):
        assert example in hint


def test_cli_takes_dates_in_every_language_in_an_en_workspace(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Piece A", "--due", "明天")
    ccos.ok("share", "add", "--over-budget", "Piece B", "--due", "в следующий четверг")
    ccos.ok("share", "add", "--over-budget", "Piece C", "--due", "24.12.2026")
    data: Any = ccos.json("share", "list")
    dues = {piece["id"]: piece["due"] for piece in data["pieces"]}
    assert dues == {"piece-a": "2026-11-19", "piece-b": "2026-11-26", "piece-c": "2026-12-24"}
    ccos.ok("event", "add", "--over-budget", "Meetup", "--kind", "meetup", "--date", "下周四 19:30")
    event: Any = ccos.json("event", "list")
    assert event["events"][0]["start"].startswith("2026-11-26T19:30")
    plan: Any = ccos.json("plan", "week", "--week", "下周四")
    assert plan["period"]["id"] == "2026-W48"


@pytest.mark.parametrize("value", ["2月30日", "через 3 попугая", "Fri 12-03", "next blursday"])
def test_cli_refuses_bad_dates_with_exit_2_and_writes_nothing(ccos: Ccos, value: str) -> None:
    before = snapshot(ccos.root)
    result = ccos("share", "add", "--over-budget", "Piece", "--due", value)
    assert result.exit_code == 2, result.stdout
    assert "--due" in result.stderr and "下周四" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(ccos.root) == before


in_range = st.dates(min_value=EARLIEST, max_value=LATEST)


@settings(max_examples=300, deadline=None)
@given(day=in_range, today=in_range)
def test_printed_dates_read_back(day: date, today: date) -> None:
    """What ccos prints for a day and a person may type back: the ISO date (--json, files,
    messages) and the table form of human_day ("Thu 12-03", "Thu 2027-01-07")."""
    assert parse_date(day.isoformat(), today) == day
    assert parse_date(human_day(day, today), today) == day
    assert parse_date(human_day(day, today).upper(), today) == day


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=30), today=st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31)))
def test_any_text_is_a_date_in_range_or_a_one_line_refusal(text: str, today: date) -> None:
    try:
        day = parse_date(text, today, "--due")
    except InvalidInput as error:
        assert "--due" in error.message and "\n" not in error.message
    else:
        assert EARLIEST <= day <= LATEST

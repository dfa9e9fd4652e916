"""Dates as each language writes them (CLDR's names and patterns, src/ccos/i18n/cldr_data.py)
and read back: every form ccos prints for a day parses to that day.

The year rule: a form without a year (`12月3日`, `3 дек.`, `Thu 12-03`) is printed only when
it reads back as that day. `human_day` leaves out the year of `today`'s year, and its weekday
picks this year's date when the nearest such date is in another year; `short_day` leaves it
out only when the day is the nearest such date to `today` (at most half a year away).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ccos import i18n
from ccos.cli import app
from ccos.dates import (
    PERIOD_KINDS,
    Period,
    full_day,
    human_day,
    parse_date,
    period_label,
    period_short,
    short_day,
)
from ccos.words import count
from tests.conftest import TODAY, Ccos

ENV = {"CCOS_TODAY": TODAY}
DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@pytest.fixture
def speaking() -> Iterator[None]:
    yield
    i18n.use("en")


@settings(max_examples=150, deadline=None)
@given(day=DAYS, today=DAYS, language=st.sampled_from(i18n.LANGUAGES), near=st.integers(-400, 400))
def test_every_printed_day_reads_back(day: date, today: date, language: str, near: int) -> None:
    i18n.use(language)
    try:
        # a day near today (the tables' usual case: no year shown) and one anywhere
        for shown in (day, min(max(date.fromordinal(today.toordinal() + near), date(1990, 1, 1)), date(2100, 12, 31))):
            for text in (human_day(shown, today), short_day(shown, today), full_day(shown)):
                assert parse_date(text, today, "--due") == shown, (language, text, today)
    finally:
        i18n.use("en")


@pytest.mark.usefixtures("speaking")
def test_each_language_writes_days_periods_and_decimals_its_way() -> None:
    today = date(2026, 12, 3)
    week, month, quarter = (Period.containing(kind, today) for kind in PERIOD_KINDS)
    expected = {
        "en": ("Thu 12-03", "Thu 2027-01-07", "2026-12-03", "2026-W49", "2026-12", "2026-Q4", "2.5 items"),
        "zh": ("12月3日 周四", "2027年1月7日 周四", "12月3日", "2026年第49周", "2026年12月", "2026年第4季度", "2.5 项"),
        "ru": (
            "3 дек., чт", "7 янв. 2027 г., чт", "3 дек.", "49-я неделя 2026 г.", "декабрь 2026 г.",
            "4-й квартал 2026 г.", "2,5 пункта",
        ),
    }  # fmt: skip
    for language, forms in expected.items():
        i18n.use(language)
        assert (
            human_day(today, today),
            human_day(date(2027, 1, 7), today),
            short_day(today, today),
            period_label(week),
            period_label(month),
            period_label(quarter),
            count(2.5, "item", "items"),
        ) == forms
    i18n.use("ru")
    assert [period_short(p) for p in (week, month, quarter)] == ["нед. 49", "дек.", "4-й кв."]
    # a day half a year away or more keeps its year, else `5 янв.` would read as next January
    assert short_day(date(2026, 1, 5), date(2026, 12, 20)) == "5 янв. 2026 г."
    assert short_day(date(2027, 1, 5), date(2026, 12, 20)) == "5 янв."


@pytest.mark.usefixtures("speaking")
def test_event_starts_as_printed_read_back() -> None:
    from ccos.dates import parse_datetime

    today = date(2026, 11, 18)
    starts = (("zh", "2026年12月12日 14:00"), ("ru", "12 дек. 2026 г. 14:00"), ("en", "2026-12-12 14:00"))
    for language, shown in starts:
        i18n.use(language)
        assert parse_datetime(shown, today, "--date") == (date(2026, 12, 12), (14, 0)), shown


def test_a_due_date_copied_from_the_screen_is_taken_back(tmp_path: Path) -> None:
    """What `share list` shows in a zh or ru workspace, typed back after --due, is that day."""
    for language, printed in (("zh", "12月24日"), ("ru", "24 дек.")):
        root = tmp_path / language
        made = CliRunner().invoke(app, ["init", str(root), "--lang", language, "--name", "Ada", "--no-git"], env=ENV)
        assert made.exit_code == 0, made.stderr
        ccos = Ccos(root)
        ccos.ok("share", "add", "--over-budget", "First", "--due", "2026-12-24")
        shown = ccos.ok("share", "list", env={"COLUMNS": "100"}).stdout
        assert printed in shown and "2026-12-24" not in shown, shown
        for typed in (printed, human_day_in(language, date(2026, 12, 24))):
            ccos.ok("share", "add", "--over-budget", f"Copy {typed}", "--due", typed)
        listed: Any = ccos.json("share", "list")
        assert {piece["due"] for piece in listed["pieces"]} == {"2026-12-24"}, listed  # --json keeps ISO
    i18n.use("en")


def human_day_in(language: str, day: date) -> str:
    i18n.use(language)
    try:
        return human_day(day, date(2026, 11, 18))
    finally:
        i18n.use("en")

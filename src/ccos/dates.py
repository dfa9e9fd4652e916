"""Dates and periods as the CLI contract spells them.

Why one module: every command accepts the same forms (`today`, `fri`, `+2w`,
`2026-W47`, `next`, and in every language `明天`, `下周四`, `в четверг`, `next thu`,
`24.12.2026`), so the parsing and the ISO-week arithmetic live here once. Pure: no
clock is read; callers pass `today`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, Protocol

from ccos.errors import InvalidInput

PeriodKind = Literal["week", "month", "quarter"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("week", "month", "quarter")

WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip

DATE_FORMS = (
    "YYYY-MM-DD, 24.12.2026, Dec 24, today, tomorrow, a weekday (mon..sun, next thu), +3d, -1w, +2m, in 3 days,"
    " 明天, 下周四, 3天后, 12月24日, завтра, в четверг, через 3 дня or 24 декабря"
)
PERIOD_FORMS = {
    "week": "2026-W47, this, next, last, +N, -N or a date",
    "month": "2026-11, this, next, last, +N, -N or a date",
    "quarter": "2026-Q4, this, next, last, +N, -N or a date",
}

_RELATIVE = re.compile(r"^([+-])(\d{1,4})([dwmy])$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK_ID = re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)
_MONTH_ID = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER_ID = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_SHIFT = re.compile(r"^([+-]\d{1,4})$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$")
# A time after any date form: `fri 20:00`, `明天19:30`, `завтра в 19:30`, `tomorrow at 7:30`.
_TIME_AFTER = r"^(.+?)(?:\s+(?:в|во|at)\s+|\s+|(?<=[\u4e00-\u9fff]))([0-9]{1,2}):([0-9]{2})$"


# Dates ccos accepts on input: far outside them, playbook offsets, recurrence rules and
# period ids overflow (`9999-12-31` plus a follow-up task; year 1 as period id "1-01").
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def _in_range(day: date, option: str, value: str) -> date:
    if not EARLIEST <= day <= LATEST:
        shown = value if len(value) <= 40 else value[:40] + "..."
        from ccos.i18n import tr

        raise InvalidInput(
            tr("invalid value for {option}: {value} is out of range").format(option=option, value=repr(shown)),
            tr("give a date between {first} and {last}").format(first=EARLIEST.isoformat(), last=LATEST.isoformat()),
        )
    return day


def _bad(option: str, value: str, forms: str) -> InvalidInput:
    shown = value if len(value) <= 40 else value[:40] + "..."
    from ccos.i18n import tr

    return InvalidInput(
        tr("invalid value for {option}: {value}").format(option=option, value=repr(shown)),
        tr("use {forms}").format(forms=forms),
    )


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic that clamps to the month's end (Jan 31 + 1m = Feb 28)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def parse_iso_date(text: str) -> date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_date(value: str, today: date, option: str = "date") -> date:
    """Parse a date in any of the contract's forms, relative to `today`."""
    return _in_range(_parse_date(value, today, option), option, value)


def _parse_date(value: str, today: date, option: str) -> date:
    text = value.strip().lower()
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text == "yesterday":
        return today - timedelta(days=1)
    if text in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[text] - today.weekday()) % 7)
    match = _RELATIVE.match(text)
    if match:
        sign = 1 if match.group(1) == "+" else -1
        amount = sign * int(match.group(2))
        unit = match.group(3)
        try:
            return _shift(today, amount, unit)
        except (OverflowError, ValueError):
            raise _bad(option, value, DATE_FORMS) from None
    parsed = parse_iso_date(text)
    if parsed is None:
        try:
            parsed = _natural(value, today)
        except (OverflowError, ValueError):
            raise _bad(option, value, DATE_FORMS) from None
    if parsed is None:
        raise _bad(option, value, DATE_FORMS)
    return parsed


# --- Dates in the person's language -------------------------------------------------------
# A small hand-written grammar instead of a library: start-up is a feature, and the forms
# people type are few. Every form is accepted in every language (no need to know the
# workspace's language to read a date). Patterns are plain strings compiled on first use
# (re's cache), so importing this module costs nothing more. Meanings (see README, "Dates"):
#   a bare weekday in any language (thu, 周四, 星期四, четверг, в четверг): the next such day,
#     today counts (the contract's rule for `fri`);
#   this/next/last + weekday (this fri, 本周五, 这周五, в эту пятницу; next thu, 下周四,
#     в следующий четверг; last fri, 上周五, в прошлую пятницу): that day of this / next /
#     last ISO week, exactly as `--week this|next|last` name weeks (this fri may be past);
#   a day without a year (24.12, 12月24日, 24 декабря, Dec 24, 12-24): the nearest such date
#     (at most half a year away, may be past); with a weekday (Thu 12-24, 12月24日 周四) that
#     nearest one if it falls on it, else this year's if it does (the "Thu 12-03" of ccos's
#     tables, which leave out only today's year, reads back), else refused.

_FULLWIDTH = str.maketrans("０１２３４５６７８９．／－：，　（）", "0123456789./-:, ()")
_ZH_NUMBER = r"[0-9]{1,4}|[零〇一二两三四五六七八九十]{1,4}"
_NUMBER = _ZH_NUMBER + r"|[a-zа-я]+"
_ZH_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "один": 1, "одну": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "пару": 2, "три": 3, "четыре": 4,
    "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11,
    "двенадцать": 12,
}  # fmt: skip
_DAY_WORDS = {
    "今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3, "昨天": -1, "昨日": -1, "前天": -2,
    "大前天": -3, "сегодня": 0, "завтра": 1, "послезавтра": 2, "вчера": -1, "позавчера": -2,
    "day after tomorrow": 2, "the day after tomorrow": 2, "day before yesterday": -2,
}  # fmt: skip
_SHIFT_WORDS = {
    "下周": (1, "w"), "下星期": (1, "w"), "下个星期": (1, "w"), "下礼拜": (1, "w"), "下个礼拜": (1, "w"),
    "上周": (-1, "w"), "上星期": (-1, "w"), "上个星期": (-1, "w"), "下个月": (1, "m"), "下月": (1, "m"),
    "上个月": (-1, "m"), "上月": (-1, "m"), "明年": (1, "y"), "去年": (-1, "y"),
    "next week": (1, "w"), "last week": (-1, "w"), "next month": (1, "m"), "last month": (-1, "m"),
    "next year": (1, "y"), "last year": (-1, "y"),
    "на следующей неделе": (1, "w"), "на прошлой неделе": (-1, "w"), "в следующем месяце": (1, "m"),
    "в прошлом месяце": (-1, "m"), "в следующем году": (1, "y"), "в прошлом году": (-1, "y"),
}  # fmt: skip
_UNITS = {
    "天": "d", "日": "d", "周": "w", "星期": "w", "个星期": "w", "礼拜": "w", "个礼拜": "w", "个月": "m", "年": "y",
    "day": "d", "days": "d", "week": "w", "weeks": "w", "month": "m", "months": "m", "year": "y", "years": "y",
    "день": "d", "дня": "d", "дней": "d", "сутки": "d", "суток": "d", "неделю": "w", "неделя": "w",
    "недели": "w", "недель": "w", "месяц": "m", "месяца": "m", "месяцев": "m", "год": "y", "года": "y",
    "лет": "y",
}  # fmt: skip
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_RU_WEEKDAY = (
    r"(?:понедельник|вторник|четверг)(?:а|у|ом|е)?|(?:сред|пятниц|суббот)(?:а|у|ы|е|ой|ою)"
    r"|воскресень(?:е|я|ю|ем)|пн|вт|ср|чт|пт|сб|вс"
)
_RU_WEEKDAY_STEMS = ("пон", "вт", "ср", "ч", "пя", "су", "во")
_RU_WEEKDAY_SHORT = {"пн": 0, "вт": 1, "ср": 2, "чт": 3, "пт": 4, "сб": 5, "вс": 6}
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    "январь": 1, "января": 1, "янв": 1, "февраль": 2, "февраля": 2, "фев": 2, "февр": 2, "март": 3,
    "марта": 3, "мар": 3, "апрель": 4, "апреля": 4, "апр": 4, "май": 5, "мая": 5, "июнь": 6, "июня": 6,
    "июн": 6, "июль": 7, "июля": 7, "июл": 7, "август": 8, "августа": 8, "авг": 8, "сентябрь": 9,
    "сентября": 9, "сен": 9, "сент": 9, "октябрь": 10, "октября": 10, "окт": 10, "ноябрь": 11,
    "ноября": 11, "ноя": 11, "нояб": 11, "декабрь": 12, "декабря": 12, "дек": 12,
}  # fmt: skip

_ZH_WEEKDAY_PHRASE = r"^(下下个?|下个?|上个?|本|这个?)?(?:周|星期|礼拜)([一二三四五六日天])$"
_RU_WEEKDAY_PHRASE = (
    r"^(?:(?:в|во|на)\s+)?(?:(следующ(?:ий|ую|ее|ая|его|ей|ем)|эт(?:от|у|о|а|ом|ой)"
    r"|прошл(?:ый|ую|ое|ая|ого|ой|ом)|ближайш(?:ий|ую|ее|ая))\s+)?(" + _RU_WEEKDAY + r")$"
)
_EN_WEEKDAY_PHRASE = r"^(?:(next|this|last|coming|on)\s+)?([a-z]+)$"
_ZH_AMOUNT = r"^(" + _ZH_NUMBER + r")\s*(天|日|周|个星期|星期|个礼拜|礼拜|个月|年)\s*(以后|之后|后|以前|之前|前)$"
_RU_AMOUNT = r"^через\s+(?:(" + _NUMBER + r")\s+)?([а-я]+)$"
_RU_AGO = r"^(?:(" + _NUMBER + r")\s+)?([а-я]+)\s+назад$"
_EN_AMOUNT = r"^in\s+(" + _NUMBER + r")\s+([a-z]+)$"
_EN_AGO = r"^(" + _NUMBER + r")\s+([a-z]+)\s+ago$"
_YMD = r"^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})$"
_DMY = r"^([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{4}|[0-9]{2})|\.)?$"
_MD_DASH = r"^([0-9]{1,2})-([0-9]{1,2})$"
_ZH_DATE = (
    r"^(?:([0-9]{4}|[零〇一二三四五六七八九]{4})\s*年\s*)?([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*([0-9]{1,2}|[一二三四五六七八九十]{1,4})\s*[日号]?$"
)
_DAY_MONTH = (
    r"^([0-9]{1,2})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?([a-zа-я]+)\.?(?:,?\s+([0-9]{4})(?:\s*(?:г|года|год)\.?)?)?$"
)
_MONTH_DAY = r"^([a-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+([0-9]{4}))?$"
_ZH_WEEKDAY_AROUND = (
    r"^(?:(?:周|星期|礼拜)([一二三四五六日天]))?[\s,]*(.+?)[\s,]*\(?(?:(?:周|星期|礼拜)([一二三四五六日天]))?\)?$"
)
_WORD_AROUND = r"^(?:([^\s,]+)[\s,]+)?(.+?)(?:[\s,]+([^\s,]+))?$"


def _normalize(value: str) -> str:
    """Lower case, half-width digits and punctuation, ё as е, single spaces."""
    text = value.translate(_FULLWIDTH).lower().replace("ё", "е")
    return " ".join(text.split())


def _number(text: str | None) -> int | None:
    """`3`, `三`, `十二`, `二〇二六`, `three`, `три`; no number at all (`через неделю`) counts
    1; None when the text is no number."""
    if text is None or text == "":
        return 1
    if text.isascii() and text.isdigit():
        return int(text)
    if text in _WORD_NUMBERS:
        return _WORD_NUMBERS[text]
    if "十" in text:
        tens, _, ones = text.partition("十")
        if "十" in ones or (tens and tens not in _ZH_DIGITS) or (ones and ones not in _ZH_DIGITS):
            return None
        return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)
    if text and all(char in _ZH_DIGITS for char in text):
        return int("".join(str(_ZH_DIGITS[char]) for char in text))
    return None


def _shift(today: date, amount: int, unit: str) -> date:
    if unit == "d":
        return today + timedelta(days=amount)
    if unit == "w":
        return today + timedelta(weeks=amount)
    if unit == "m":
        return add_months(today, amount)
    return add_months(today, 12 * amount)


def _weekday(word: str) -> int | None:
    """Mon=0 .. Sun=6 from an English, Russian (any case) or Chinese weekday word."""
    if word in WEEKDAYS:
        return WEEKDAYS[word]
    match = re.match(r"^(?:周|星期|礼拜)([一二三四五六日天])$", word)
    if match:
        return _ZH_WEEKDAYS[match.group(1)]
    if re.match(r"^(?:" + _RU_WEEKDAY + r")$", word):
        if word in _RU_WEEKDAY_SHORT:
            return _RU_WEEKDAY_SHORT[word]
        return next(index for index, stem in enumerate(_RU_WEEKDAY_STEMS) if word.startswith(stem))
    return None


def _on_weekday(today: date, weekday: int, mode: str) -> date:
    """The coming such day (today counts), or that day of this / next / last ISO week."""
    if mode == "coming":
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    weeks = {"this": 0, "next": 1, "last": -1, "after next": 2}[mode]
    return week_start(today) + timedelta(weeks=weeks, days=weekday)


def _weekday_phrase(text: str, today: date) -> date | None:
    match = re.match(_ZH_WEEKDAY_PHRASE, text)
    if match:
        prefix = (match.group(1) or "").rstrip("个")
        modes = {"": "coming", "下": "next", "上": "last", "本": "this", "这": "this", "下下": "after next"}
        return _on_weekday(today, _ZH_WEEKDAYS[match.group(2)], modes[prefix])
    match = re.match(_RU_WEEKDAY_PHRASE, text)
    if match:
        word = match.group(1) or ""
        mode = {"с": "next", "э": "this", "п": "last", "б": "coming", "": "coming"}[word[:1]]
        weekday = _weekday(match.group(2))
        return None if weekday is None else _on_weekday(today, weekday, mode)
    match = re.match(_EN_WEEKDAY_PHRASE, text)
    if match and match.group(1) and match.group(2) in WEEKDAYS:
        mode = {"on": "coming", "coming": "coming"}.get(match.group(1), match.group(1))
        return _on_weekday(today, WEEKDAYS[match.group(2)], mode)
    return None


def _amount_phrase(text: str, today: date) -> date | None:
    """3天后, 三天前, через 2 недели, неделю назад, in 3 days, 2 weeks ago."""
    match = re.match(_ZH_AMOUNT, text)
    if match:
        amount, unit, sign = _number(match.group(1)), _UNITS[match.group(2)], -1 if "前" in match.group(3) else 1
    else:
        sign = 1
        match = re.match(_RU_AMOUNT, text) or re.match(_EN_AMOUNT, text)
        if not match:
            sign = -1
            match = re.match(_RU_AGO, text) or re.match(_EN_AGO, text)
        if not match or match.group(2) not in _UNITS:
            return None
        amount, unit = _number(match.group(1)), _UNITS[match.group(2)]
    if amount is None or amount > 9999:
        return None
    return _shift(today, sign * amount, unit)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_less(month: int, day: int, today: date, weekday: int | None) -> date | None:
    """The nearest such date. With a weekday it must fall on it; failing that, this year's
    such date must (the year ccos's tables leave out), else the text is refused: a wrong
    weekday never moves a date by a year without a word."""
    candidates = [found for step in (0, 1, -1) if (found := _day(today.year + step, month, day)) is not None]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda c: (abs((c - today).days), c < today))
    if weekday is None or nearest.weekday() == weekday:
        return nearest
    this_year = _day(today.year, month, day)
    if this_year is not None and this_year.weekday() == weekday:
        return this_year
    return None


def _calendar_date(text: str, today: date, weekday: int | None) -> date | None:
    """A day of the calendar: 2026/12/24, 24.12.2026, 24.12, 12-24, 2026年12月24日, 12月24日,
    24 декабря 2026, 24 дек., Dec 24, 24 Dec, December 24 2026."""
    year: int | None
    match = re.match(_YMD, text)
    if match:
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
    elif match := re.match(_DMY, text):
        day, month = int(match.group(1)), int(match.group(2))
        year = None if match.group(3) is None else int(match.group(3))
        if year is not None and year < 100:
            year += 2000
    elif match := re.match(_MD_DASH, text):
        month, day, year = int(match.group(1)), int(match.group(2)), None
    elif match := re.match(_ZH_DATE, text):
        year = _number(match.group(1)) if match.group(1) else None
        if year is None and match.group(1):
            return None
        parsed_month, parsed_day = _number(match.group(2)), _number(match.group(3))
        if parsed_month is None or parsed_day is None:
            return None
        month, day = parsed_month, parsed_day
    elif (match := re.match(_DAY_MONTH, text)) and match.group(2) in _MONTHS:
        day, month = int(match.group(1)), _MONTHS[match.group(2)]
        year = None if match.group(3) is None else int(match.group(3))
    elif (match := re.match(_MONTH_DAY, text)) and match.group(1) in _MONTHS:
        month, day = _MONTHS[match.group(1)], int(match.group(2))
        year = None if match.group(3) is None else int(match.group(3))
    else:
        return None
    if year is None:
        return _year_less(month, day, today, weekday)
    found = _day(year, month, day)
    if found is None or (weekday is not None and found.weekday() != weekday):
        return None
    return found


def _with_weekday(text: str, today: date) -> date | None:
    """A calendar date, alone or with its weekday before or after it (Thu 12-03,
    Thu 2027-01-07, 12月3日 周四, 3 дек., чт): the weekday must match."""
    found = _calendar_date(text, today, None)
    if found is not None:
        return found
    match = re.match(_ZH_WEEKDAY_AROUND, text)
    if match and (match.group(1) or match.group(3)) and not (match.group(1) and match.group(3)):
        found = _calendar_date(match.group(2), today, _ZH_WEEKDAYS[match.group(1) or match.group(3)])
        if found is not None:
            return found
    match = re.match(_WORD_AROUND, text)
    if match:
        for word, rest in (
            (match.group(1), text[len(match.group(1) or "") :]),
            (match.group(3), text[: len(text) - len(match.group(3) or "")]),
        ):
            weekday = None if word is None else _weekday(word.rstrip("."))
            if weekday is not None:
                found = _calendar_date(rest.strip(" ,"), today, weekday)
                if found is not None:
                    return found
    return None


def _natural(value: str, today: date) -> date | None:
    """A date in words or digits in zh, ru or en; None when the text is none of the forms."""
    text = _normalize(value)
    if len(text) > 80:  # no date is this long; keeps the patterns' work small on hostile input
        return None
    if text in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[text])
    if text in _SHIFT_WORDS:
        amount, unit = _SHIFT_WORDS[text]
        return _shift(today, amount, unit)
    weekday = _weekday(text)
    if weekday is not None:
        return _on_weekday(today, weekday, "coming")
    return _weekday_phrase(text, today) or _amount_phrase(text, today) or _with_weekday(text, today)


def parse_datetime(value: str, today: date, option: str = "date") -> tuple[date, tuple[int, int] | None]:
    """A date with an optional wall-clock time: `2026-11-19 19:30`, `fri 19:30`, `today`."""
    text = value.strip()
    match = _DATETIME.match(text)
    if match:
        day = parse_iso_date(match.group(1))
        hour, minute = int(match.group(2)), int(match.group(3))
        if day is None or hour > 23 or minute > 59:
            raise _bad(option, value, "YYYY-MM-DD HH:MM (24-hour clock) or " + DATE_FORMS)
        return day, (hour, minute)
    match = re.match(_TIME_AFTER, _normalize(text))
    if match:
        hour, minute = int(match.group(2)), int(match.group(3))
        if hour > 23 or minute > 59:
            raise _bad(option, value, "YYYY-MM-DD HH:MM (24-hour clock)")
        return parse_date(match.group(1), today, option), (hour, minute)
    return parse_date(text, today, option), None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, order=True)
class Period:
    """An ISO week, a calendar month or a quarter; `end` is inclusive."""

    kind: PeriodKind
    start: date
    end: date

    @property
    def id(self) -> str:
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def shift(self, steps: int) -> Period:
        if self.kind == "week":
            return Period.containing("week", self.start + timedelta(weeks=steps))
        months = steps if self.kind == "month" else 3 * steps
        return Period.containing(self.kind, add_months(self.start, months))

    def overlap_days(self, start: date, end: date) -> int:
        """Days of [start, end] (inclusive) that fall inside this period."""
        first = max(start, self.start)
        last = min(end, self.end)
        return max(0, (last - first).days + 1)

    def weeks(self) -> list[Period]:
        """The ISO weeks that touch this period, in order."""
        weeks = []
        current = Period.containing("week", self.start)
        while current.start <= self.end:
            weeks.append(current)
            current = current.shift(1)
        return weeks

    @staticmethod
    def containing(kind: PeriodKind, day: date) -> Period:
        if kind == "week":
            start = week_start(day)
            return Period("week", start, start + timedelta(days=6))
        if kind == "month":
            start = day.replace(day=1)
            return Period("month", start, start.replace(day=days_in_month(day.year, day.month)))
        first_month = (day.month - 1) // 3 * 3 + 1
        start = date(day.year, first_month, 1)
        last_month = first_month + 2
        return Period("quarter", start, date(day.year, last_month, days_in_month(day.year, last_month)))

    @staticmethod
    def from_id(text: str) -> Period | None:
        """`2026-W47`, `2026-11` or `2026-Q4`; None when the text is none of them."""
        text = text.strip()
        match = _WEEK_ID.match(text)
        if match:
            year, week = int(match.group(1)), int(match.group(2))
            try:
                return Period.containing("week", date.fromisocalendar(year, week, 1))
            except ValueError:
                return None
        match = _QUARTER_ID.match(text)
        if match:
            year = int(match.group(1))
            if year < 1:
                return None
            return Period.containing("quarter", date(year, 3 * int(match.group(2)) - 2, 1))
        match = _MONTH_ID.match(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if year < 1 or not 1 <= month <= 12:
                return None
            return Period.containing("month", date(year, month, 1))
        return None

    def __str__(self) -> str:
        return self.id


def parse_period(kind: PeriodKind, spec: str | None, today: date, option: str | None = None) -> Period:
    """Resolve `--week/--month/--quarter SPEC` to a period of that kind."""
    option = option or f"--{kind}"
    current = Period.containing(kind, today)
    if spec is None:
        return current
    period = _parse_period(kind, spec, today, option, current)
    _in_range(period.start, option, spec)
    _in_range(period.end, option, spec)
    return period


def _parse_period(kind: PeriodKind, spec: str, today: date, option: str, current: Period) -> Period:
    text = spec.strip().lower()
    if text in ("", "this", "current"):
        return current
    if text == "next":
        return current.shift(1)
    if text in ("last", "previous", "prev"):
        return current.shift(-1)
    if _SHIFT.match(text):
        try:
            return current.shift(int(text))
        except (OverflowError, ValueError):
            raise _bad(option, spec, PERIOD_FORMS[kind]) from None
    named = Period.from_id(spec)
    if named is not None:
        if named.kind != kind:
            raise _bad(option, spec, PERIOD_FORMS[kind])
        return named
    try:
        day = parse_date(text, today, option)
    except InvalidInput:
        raise _bad(option, spec, PERIOD_FORMS[kind]) from None
    return Period.containing(kind, day)


def parse_today(value: str | None, fallback: date) -> date:
    """`CCOS_TODAY` overrides the clock (what-if planning, tests, demos)."""
    if value is None or value.strip() == "":
        return fallback
    parsed = parse_iso_date(value.strip())
    if parsed is None:
        from ccos.i18n import tr

        raise InvalidInput(
            tr("CCOS_TODAY={value} is not a valid date").format(value=repr(value)),
            tr("set it to YYYY-MM-DD, e.g. 2026-11-18, or unset it"),
        )
    return parsed


def format_minutes(minutes: float) -> str:
    """A duration in a narrow column: "1h30", "3h", "45m" (zh "1小时30分", ru "1 ч 30 мин")."""
    from ccos.i18n import tr

    hours, mins = divmod(round(minutes), 60)
    if hours and mins:
        # i18n: a duration in a narrow column (hours and minutes; English pads the minutes)
        return tr("{hours}h{minutes:02d}").format(hours=hours, minutes=mins)
    if hours:
        # i18n: a duration of whole hours in a narrow column
        return tr("{hours}h").format(hours=hours)
    # i18n: a duration of minutes in a narrow column
    return tr("{minutes}m").format(minutes=mins)


def human_time(hour: int, minute: int) -> str:
    """A time of day as a person writes it: 14:00, 09:30 (no seconds, no UTC offset)."""
    return f"{hour:02d}:{minute:02d}"


# --- Dates as each language writes them ----------------------------------------------------
# Names and patterns are CLDR's (src/ccos/i18n/cldr_data.py, generated from Babel by
# `python -m ccos.i18n.catalogs`); English keeps the forms its tables always had. A day shows
# its weekday after it, as the issue spells it (zh `12月3日 周四`, ru `3 дек., чт`). What a
# script reads or a person types (--json, file names, ids, options) stays ISO.
_WEEKDAY_AFTER = {"zh": "{day} {weekday}", "ru": "{day}, {weekday}"}
# The status screen's period column is 8 cells: CLDR's short month and quarter, and a week
# number in the words of each language (CLDR has no yearless week pattern).
_SHORT_WEEK = {"zh": "第{w}周", "ru": "нед. {w}"}


def _cldr() -> tuple[str, dict[str, str | tuple[str, ...]]]:
    from ccos.i18n import language
    from ccos.i18n.cldr_data import DATES

    spoken = language()
    return spoken, DATES.get(spoken, DATES["en"])


def _fields(day: date, names: dict[str, str | tuple[str, ...]]) -> dict[str, object]:
    year, week, _ = day.isocalendar()
    quarter = (day.month - 1) // 3 + 1
    return {
        "d": day.day,
        "M": day.month,
        "y": day.year,
        "Y": year,
        "w": week,
        "Q": quarter,
        "MMM": names["months"][day.month - 1],
        "MMMM": names["months_wide"][day.month - 1],
        "LLLL": names["months_wide"][day.month - 1],
        "QQQQ": names["quarters"][quarter - 1],
    }


def _shows_year(day: date, today: date | None) -> bool:
    """A day leaves out its year only when it reads back as that day: this year's, and the
    nearest such date to `today` (the grammar's rule for a day without a year)."""
    if today is None:
        return True
    return _year_less(day.month, day.day, today, None) != day


def _written(day: date, names: dict[str, str | tuple[str, ...]], with_year: bool) -> str:
    pattern = names["day_year" if with_year else "day"]
    assert isinstance(pattern, str)
    return pattern.format(**_fields(day, names))


def human_day(day: date, today: date | None = None) -> str:
    """A date as a person reads it in a table: "Thu 12-03" (zh "12月3日 周四", ru "3 дек.,
    чт"), with the year only when it is not `today`'s ("Thu 2027-01-07", "2027年1月7日 周四").
    Every form reads back with `parse_date` (the weekday picks this year's date)."""
    spoken, names = _cldr()
    if spoken not in _WEEKDAY_AFTER:
        if today is not None and day.year != today.year:
            return day.strftime("%a %Y-%m-%d")
        return day.strftime("%a %m-%d")
    with_year = today is not None and day.year != today.year
    weekday = names["weekdays"][day.weekday()]
    return _WEEKDAY_AFTER[spoken].format(day=_written(day, names, with_year), weekday=weekday)


def short_day(day: date, today: date | None = None) -> str:
    """A date without its weekday, in a sentence or a narrow column: English ISO
    ("2026-10-15"), zh "10月15日", ru "15 окт."; the year when the date would not read back
    without it (`_shows_year`), and always when `today` is unknown."""
    spoken, names = _cldr()
    if spoken not in _WEEKDAY_AFTER:
        return day.isoformat()
    return _written(day, names, _shows_year(day, today))


def day_span(start: date, end: date, today: date | None = None) -> str:
    """Work spread over days, in a table's day column: "Sat 11-28 → Fri 12-11"; zh and ru
    leave the weekdays out ("28 нояб. → 11 дек."), whose words would double the column."""
    spoken, _ = _cldr()
    if spoken not in _WEEKDAY_AFTER:
        return f"{human_day(start, today)} → {human_day(end, today)}"
    return f"{short_day(start, today)} → {short_day(end, today)}"


def full_day(day: date) -> str:
    """A date with its year and weekday (a screen's heading): ISO in English,
    zh "2026年11月18日 周三", ru "18 нояб. 2026 г., ср"."""
    spoken, names = _cldr()
    if spoken not in _WEEKDAY_AFTER:
        return day.isoformat()
    weekday = names["weekdays"][day.weekday()]
    return _WEEKDAY_AFTER[spoken].format(day=_written(day, names, True), weekday=weekday)


class PeriodLike(Protocol):
    """A period as models carry it (`Period`, or `PeriodInfo` in a plan)."""

    @property
    def kind(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def start(self) -> date: ...


def period_label(period: PeriodLike) -> str:
    """A period as a person reads it in a title: English keeps its id ("2026-W49"), zh
    "2026年第49周", "2026年12月", "2026年第4季度", ru "49-я неделя 2026 г.", "декабрь
    2026 г.", "4-й квартал 2026 г." (CLDR's forms). Ids stay in --json and options."""
    spoken, names = _cldr()
    if spoken not in _WEEKDAY_AFTER:
        return period.id
    pattern = names[period.kind]
    assert isinstance(pattern, str)
    return pattern.format(**_fields(period.start, names))


def period_short(period: PeriodLike) -> str:
    """A period of the current year in at most 8 cells (the status screen's column):
    English its id, zh "第49周", "12月", "4季度", ru "нед. 49", "дек.", "4-й кв."."""
    spoken, names = _cldr()
    if spoken not in _WEEKDAY_AFTER:
        return period.id
    if period.kind == "week":
        return _SHORT_WEEK[spoken].format(w=period.start.isocalendar()[1])
    if period.kind == "month":
        return str(names["months_alone"][period.start.month - 1])
    return str(names["quarters_short"][(period.start.month - 1) // 3])


def period_start(period: PeriodLike, today: date | None = None) -> str:
    """A period where a sentence starts from it ("from {week}"): English its id, elsewhere its
    first day ("с 16 нояб.", "从11月16日起"), which reads in any case where a week's name
    would have to be declined."""
    spoken, _ = _cldr()
    if spoken not in _WEEKDAY_AFTER:
        return period.id
    return short_day(period.start, today)


def decimal(text: str) -> str:
    """A number already formatted ("3.5") with the language's decimal sign (ru "3,5")."""
    _, names = _cldr()
    sign = names["decimal"]
    assert isinstance(sign, str)
    return text if sign == "." else text.replace(".", sign)


def now_in(timezone: str | None) -> datetime:
    """The wall clock in the workspace time zone (or the machine's)."""
    if timezone:
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo(timezone))
    return datetime.now().astimezone()

"""The readable `--repeat`: "weekly on thu at 20:00" -> FREQ=WEEKLY;BYDAY=TH at 20:00.

What a person types is checked here; an RRULE typed as such goes through the same checks
as one read from a file (recurrence.check_rrule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ccos.capabilities.events.recurrence import check_rrule
from ccos.dates import WEEKDAYS
from ccos.errors import InvalidInput
from ccos.i18n import tr

REPEAT_FORMS = (
    "daily, every 3 days, weekly, weekly on thu at 20:00, every 2 weeks (fortnightly), every 2 weeks on mon and thu, "
    "monthly, monthly on the 2nd sat, monthly on the last fri, monthly on day 15, yearly"
)  # what is typed: English words in this round, so the hint lists them as they are
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ORDINALS = {
    "1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4,
    "5th": 5, "fifth": 5, "last": -1,
}  # fmt: skip
_AT = re.compile(r"\s+at\s+(\d{1,2}):(\d{2})\s*$")
_UNITS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_ADVERBS = {
    "daily": "DAILY", "weekly": "WEEKLY", "fortnightly": "WEEKLY", "monthly": "MONTHLY",
    "yearly": "YEARLY", "annually": "YEARLY",
}  # fmt: skip


@dataclass(frozen=True)
class Repeat:
    rule: str  # RFC 5545 RRULE without the "RRULE:" prefix
    at: tuple[int, int] | None  # "at 20:00"


def _bad_repeat(value: str, why: str = "") -> InvalidInput:
    shown = value if len(value) <= 60 else value[:60] + "..."
    if why:
        message = tr("invalid value for {option}: {value} ({reason})").format(
            option="--repeat", value=repr(shown), reason=why
        )
    else:
        message = tr("invalid value for {option}: {value}").format(option="--repeat", value=repr(shown))
    hint = tr("use {forms}, or an RRULE such as {rule}").format(forms=REPEAT_FORMS, rule="FREQ=WEEKLY;BYDAY=TH")
    return InvalidInput(message, hint)


def _weekdays(text: str, value: str) -> list[str]:
    days = []
    for word in re.split(r"\s*(?:,|\band\b|&)\s*", text):
        word = word.strip().rstrip("s") if word.strip() not in WEEKDAYS else word.strip()
        if word not in WEEKDAYS:
            raise _bad_repeat(value, tr("{word} is not a weekday").format(word=repr(word)))
        days.append(_RRULE_DAYS[WEEKDAYS[word]])
    return list(dict.fromkeys(days))


def parse_repeat(value: str) -> Repeat:
    """'weekly on thu at 20:00' -> FREQ=WEEKLY;BYDAY=TH at 20:00."""
    text = " ".join(value.strip().split())
    if text.upper().startswith(("FREQ=", "RRULE:")):
        try:
            return Repeat(check_rrule(text), None)
        except ValueError as exc:
            raise _bad_repeat(value, str(exc)) from None
    text = text.lower()
    at: tuple[int, int] | None = None
    match = _AT.search(text)
    if match:
        at = (int(match.group(1)), int(match.group(2)))
        if at[0] > 23 or at[1] > 59:
            raise _bad_repeat(value, tr("the time is not on a 24-hour clock"))
        text = text[: match.start()].strip()
    head, _, on = text.partition(" on ")
    head, on = head.strip(), on.strip()
    interval = 1
    if head in _ADVERBS:
        freq = _ADVERBS[head]
        interval = 2 if head == "fortnightly" else 1
    else:
        match = re.fullmatch(r"every(?:\s+(\d{1,3}|other))?\s+(day|week|month|year)s?", head)
        if not match:
            raise _bad_repeat(value)
        count = match.group(1)
        interval = 2 if count == "other" else int(count or 1)
        if interval < 1:
            raise _bad_repeat(value, tr("the interval must be 1 or more"))
        freq = _UNITS[match.group(2)]
    parts = [f"FREQ={freq}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if on:
        if freq == "WEEKLY":
            parts.append("BYDAY=" + ",".join(_weekdays(on, value)))
        elif freq == "MONTHLY":
            parts.append(_monthly_by(on, value))
        else:
            raise _bad_repeat(value, tr("'on ...' goes with weekly or monthly"))
    return Repeat(";".join(parts), at)


def _monthly_by(on: str, value: str) -> str:
    match = re.fullmatch(r"(?:the\s+)?(1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last)\s+(\w+)", on)
    if match:
        day = match.group(2)
        if day not in WEEKDAYS:
            raise _bad_repeat(value, tr("{word} is not a weekday").format(word=repr(day)))
        return f"BYDAY={_ORDINALS[match.group(1)]:+d}{_RRULE_DAYS[WEEKDAYS[day]]}"
    match = re.fullmatch(r"(?:day\s+(\d{1,2})|(?:the\s+)?(\d{1,2})(?:st|nd|rd|th))", on)
    if match:
        number = int(match.group(1) or match.group(2))
        if not 1 <= number <= 31:
            raise _bad_repeat(value, tr("a day of the month is 1 to 31"))
        return f"BYMONTHDAY={number}"
    raise _bad_repeat(value)

"""The checklist rules, pure: no disk, no Workspace, no clock (`today` is a parameter).

Which template a period without a file shows, how an item is numbered and named, which
items `carry` copies, how a new item's input is checked, and the counts a list shows.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal, cast

from ccos.dates import Period, PeriodKind
from ccos.errors import Ambiguous, InvalidInput, NotFound
from ccos.i18n import tr
from ccos.models.config import MAX_ITEM_MINUTES, STREAMS, Stream
from ccos.models.naming import clean_name, name_key

if TYPE_CHECKING:
    from ccos.capabilities.checklists.model import Checklist, ChecklistItem, ChecklistTemplate

ItemStatus = Literal["done", "overdue", "open"]

# Among equals in an over-budget plan, this week's items are kept before the month's and the quarter's.
PRIORITY: dict[PeriodKind, int] = {"week": 2, "month": 1, "quarter": 0}
KICKOFF = "kickoff"  # the scope name of the kick-off list on the command line (`--scope kickoff`)
KICKOFF_PRIORITY = 1


# --- templates -------------------------------------------------------------------------


def template_name(scope: str) -> str:
    """The template a new list of `scope` is made from (`checklists/week.toml`)."""
    return f"checklists/{scope}.toml"


def shows_template(period: Period, today: date) -> bool:
    """A period with no file shows its template while it is not over; a past one has no list."""
    return period.end >= today


def period_hours(weekly_hours: float, period: Period) -> float:
    """The budget of PERIOD before any budget factor: a week's hours per 7 days."""
    if period.kind == "week":
        return weekly_hours
    return weekly_hours * period.days / 7


def fit_template(template: ChecklistTemplate, roles: Collection[str], budget_hours: float) -> list[ChecklistItem]:
    """The items a period's list starts with: those for the ROLES taken (an item without
    `roles` is for everyone), then, when the template has a `share`, only what fits in that
    share of the period's BUDGET_HOURS. The first item for the roles is always kept (cut to
    the share when it alone is larger); each later one is kept when it still fits."""
    chosen = [item for item in template.items if not item.roles or set(item.roles) & set(roles)]
    if template.share is None or not chosen:
        return chosen
    cap = math.floor(budget_hours * template.share * 60 + 1e-6)
    if cap < 1:
        return []
    first = chosen[0]
    if first.minutes > cap:
        first = first.model_copy(update={"minutes": cap - cap % 5 if cap >= 5 else cap})
    kept, used = [first], first.minutes
    for item in chosen[1:]:
        if used + item.minutes <= cap:
            kept.append(item)
            used += item.minutes
    return kept


def kickoff_items(template: ChecklistTemplate, roles: Collection[str]) -> list[ChecklistItem]:
    """The kick-off list `init` writes: the template's items for the roles taken."""
    return [item for item in template.items if not item.roles or set(item.roles) & set(roles)]


# How far ahead the kick-off list is planned: what would start later (a tiny budget, an item of
# days) is planned in that last week instead, over budget, so the plan says so.
KICKOFF_HORIZON_WEEKS = 520


@dataclass(frozen=True)
class Slot:
    """Where an open kick-off item's time goes: the weeks from FIRST to LAST (week periods)."""

    index: int
    first: Period
    last: Period


def kickoff_schedule(items: Sequence[ChecklistItem], share: float, weekly_hours: float, week: Period) -> list[Slot]:
    """The open kick-off items one after another from WEEK on, each week taking at most
    SHARE of the weekly hours: small items share a week, a large one spreads evenly over
    as many whole weeks as it needs (so no week holds more than the share)."""
    room = share * weekly_hours
    slots: list[Slot] = []
    cursor, used = week, 0.0
    horizon = week.shift(KICKOFF_HORIZON_WEEKS)
    for index, item in enumerate(items):
        if item.done:
            continue
        hours = item.minutes / 60
        if room <= 0 or hours == 0 or cursor.start >= horizon.start:
            slots.append(Slot(index, cursor, cursor))
            continue
        if used > 0 and used + hours > room + 1e-9:
            cursor, used = cursor.shift(1), 0.0
        if used + hours <= room + 1e-9:
            slots.append(Slot(index, cursor, cursor))
            used += hours
            continue
        weeks_left = (horizon.start - cursor.start).days // 7
        weeks = max(1, min(weeks_left, math.ceil(min(hours / room, 1e9) - 1e-9)))
        slots.append(Slot(index, cursor, cursor.shift(weeks - 1)))
        cursor, used = cursor.shift(weeks), 0.0
    return slots


def disagreement(checklist: Checklist, period: Period) -> str | None:
    """What is wrong when a file's `period`/`scope` is not the period its name says (None: agrees)."""
    if checklist.period == period.id and checklist.scope == period.kind:
        return None
    return tr("says period {period} ({scope}) but the file name says {name}").format(
        period=repr(checklist.period), scope=checklist.scope, name=period.id
    )


# --- items: numbers, names, status -----------------------------------------------------


def item_id(period_id: str, number: int) -> str:
    """The planner's id of item NUMBER (1-based, as shown); `kickoff` for the kick-off list."""
    return f"checklist:{period_id}:{number}"


def item_ref(scope: str, number: int) -> str:
    """How the item is named on the command line (`week 2`)."""
    return f"{scope} {number}"


def item_status(item: ChecklistItem, period_end: date, today: date) -> ItemStatus:
    if item.done:
        return "done"
    return "overdue" if period_end < today else "open"


def done_count(items: Sequence[ChecklistItem]) -> int:
    return sum(1 for item in items if item.done)


def open_count(items: Sequence[ChecklistItem]) -> int:
    return len(items) - done_count(items)


def find_item(items: Sequence[ChecklistItem], ref: str, period: Period | None) -> int:
    """The 0-based index of ITEM: the number shown, or a unique prefix of the text
    (`period` None: the kick-off list)."""
    from ccos.words import count

    wanted = ref.strip()
    if period is None:
        where = tr("the kick-off list")
    else:
        named = {"week": tr("week {period}"), "month": tr("month {period}"), "quarter": tr("quarter {period}")}
        where = named[period.kind].format(period=period.id)
    scope = period.kind if period is not None else KICKOFF
    if wanted.isdigit():
        number = int(wanted)
        if 1 <= number <= len(items):
            return number - 1
        raise NotFound(
            tr("no item {number} in the checklist of {where} (it has {items})").format(
                number=number, where=where, items=count(len(items), "item", "items")
            ),
            tr("see the numbers with `{command}`").format(command=f"ccos checklist show {scope}"),
        )
    key = name_key(wanted)
    if not key:
        raise InvalidInput(tr("empty ITEM"), tr("give the item's number or the start of its text"))
    exact = [i for i, item in enumerate(items) if name_key(item.text) == key]
    if len(exact) == 1:
        return exact[0]
    matches = [i for i, item in enumerate(items) if name_key(item.text).startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = "; ".join(f"{i + 1}. {items[i].text}" for i in matches[:6])
        raise Ambiguous(
            tr("{ref} matches several items of {where}: {listed}").format(ref=repr(ref), where=where, listed=listed),
            tr("use the item's number"),
        )
    raise NotFound(
        tr("no item of {where} starts with {ref}").format(where=where, ref=repr(ref)),
        tr("see the items with `{command}`").format(command=f"ccos checklist show {scope}"),
    )


# --- new items -------------------------------------------------------------------------


def check_new_item(text: str, minutes: int | None, stream: str) -> tuple[str, Stream]:
    """A new item's text as it will be stored, and its stream (exit 2 for bad input, in this order)."""
    text = clean_name(text, "item text")
    if minutes is not None and not 0 <= minutes <= MAX_ITEM_MINUTES:
        raise InvalidInput(
            tr("--minutes must be from 0 to {max} (got {minutes})").format(max=MAX_ITEM_MINUTES, minutes=minutes),
            tr("give an estimate such as --minutes 45"),
        )
    if stream not in STREAMS:
        raise InvalidInput(
            tr("invalid value for {option}: {value}").format(option="--stream", value=repr(stream)),
            tr("use one of: {choices}").format(choices=", ".join(STREAMS)),
        )
    return text, cast("Stream", stream)


def carry_over(
    previous: Sequence[ChecklistItem], present: Sequence[ChecklistItem], previous_id: str
) -> list[ChecklistItem]:
    """The unfinished items of last period's list that this one lacks (by `name_key`), as new
    items marked `carried_from`; each text once, so a rerun carries nothing."""
    from ccos.capabilities.checklists.model import ChecklistItem

    have = {name_key(item.text) for item in present}
    carried: list[ChecklistItem] = []
    for item in previous:
        key = name_key(item.text)
        if item.done or key in have:
            continue
        carried.append(
            ChecklistItem(
                text=item.text,
                minutes=item.minutes,
                stream=item.stream,
                carried_from=previous_id,
                about=item.about,
                **({"for": item.for_} if item.for_ else {}),
            )
        )
        have.add(key)
    return carried


CarryReason = Literal["carried", "unsaved", "empty", "done", "present"]


def carry_reason(previous: Sequence[ChecklistItem], saved: bool, carried: int) -> CarryReason:
    """Why `carry` copied what it did: some items, or nothing because last period's list was
    never saved (it was only its template), had no items, was all done, or its unfinished
    items are already in this period's list."""
    if carried:
        return "carried"
    if not saved:
        return "unsaved"
    if not previous:
        return "empty"
    if open_count(previous) == 0:
        return "done"
    return "present"

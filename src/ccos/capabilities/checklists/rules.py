"""The checklist rules, pure: no disk, no Workspace, no clock (`today` is a parameter).

Which template a period without a file shows, how an item is numbered and named, which
items `carry` copies, how a new item's input is checked, and the counts a list shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal, cast

from ccos.dates import Period, PeriodKind
from ccos.errors import Ambiguous, InvalidInput, NotFound
from ccos.models.config import MAX_ITEM_MINUTES, STREAMS, Stream
from ccos.models.naming import clean_name, name_key

if TYPE_CHECKING:
    from ccos.capabilities.checklists.model import Checklist, ChecklistItem

ItemStatus = Literal["done", "overdue", "open"]

# Among equals in an over-budget plan, this week's items are kept before the month's and the quarter's.
PRIORITY: dict[PeriodKind, int] = {"week": 2, "month": 1, "quarter": 0}


# --- templates -------------------------------------------------------------------------


def template_name(scope: PeriodKind) -> str:
    """The template a new list of `scope` is made from (`checklists/week.toml`)."""
    return f"checklists/{scope}.toml"


def shows_template(period: Period, today: date) -> bool:
    """A period with no file shows its template while it is not over; a past one has no list."""
    return period.end >= today


def disagreement(checklist: Checklist, period: Period) -> str | None:
    """What is wrong when a file's `period`/`scope` is not the period its name says (None: agrees)."""
    if checklist.period == period.id and checklist.scope == period.kind:
        return None
    return f"says period {checklist.period!r} ({checklist.scope}) but the file name says {period.id}"


# --- items: numbers, names, status -----------------------------------------------------


def item_id(period_id: str, number: int) -> str:
    """The planner's id of item NUMBER (1-based, as shown)."""
    return f"checklist:{period_id}:{number}"


def item_ref(scope: PeriodKind, number: int) -> str:
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


def find_item(items: Sequence[ChecklistItem], ref: str, period: Period) -> int:
    """The 0-based index of ITEM: the number shown, or a unique prefix of the text."""
    wanted = ref.strip()
    where = f"{period.kind} {period.id}"
    if wanted.isdigit():
        number = int(wanted)
        if 1 <= number <= len(items):
            return number - 1
        raise NotFound(
            f"no item {number} in the checklist of {where} (it has {len(items)} items)",
            f"see the numbers with `ccos checklist show {period.kind}`",
        )
    key = name_key(wanted)
    if not key:
        raise InvalidInput("empty ITEM", "give the item's number or the start of its text")
    exact = [i for i, item in enumerate(items) if name_key(item.text) == key]
    if len(exact) == 1:
        return exact[0]
    matches = [i for i, item in enumerate(items) if name_key(item.text).startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = "; ".join(f"{i + 1}. {items[i].text}" for i in matches[:6])
        raise Ambiguous(f"{ref!r} matches several items of {where}: {listed}", "use the item's number")
    raise NotFound(f"no item of {where} starts with {ref!r}", f"see the items with `ccos checklist show {period.kind}`")


# --- new items -------------------------------------------------------------------------


def check_new_item(text: str, minutes: int | None, stream: str) -> tuple[str, Stream]:
    """A new item's text as it will be stored, and its stream (exit 2 for bad input, in this order)."""
    text = clean_name(text, "item text")
    if minutes is not None and not 0 <= minutes <= MAX_ITEM_MINUTES:
        raise InvalidInput(
            f"--minutes must be from 0 to {MAX_ITEM_MINUTES} (got {minutes})", "give an estimate such as --minutes 45"
        )
    if stream not in STREAMS:
        raise InvalidInput(f"invalid value for --stream: {stream!r}", f"use one of: {', '.join(STREAMS)}")
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
            ChecklistItem(text=item.text, minutes=item.minutes, stream=item.stream, carried_from=previous_id)
        )
        have.add(key)
    return carried

"""What the checklist services return: results, not files.

`ChecklistView` is also the `--json` form of a list (its fields in this order); its items
are the file's own `ChecklistItem`s, so keys a person added to an item by hand show too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ccos.dates import PeriodKind

if TYPE_CHECKING:
    from ccos.capabilities.checklists.model import ChecklistItem
    from ccos.capabilities.checklists.rules import CarryReason


@dataclass(frozen=True)
class ChecklistView:
    """A checklist as shown: saved to its file, or still only its template.

    `path`: the file's, workspace-relative and `/`-separated (whether it exists or not).
    """

    scope: PeriodKind
    period: str
    start: date
    end: date
    path: str
    saved: bool
    items: tuple[ChecklistItem, ...]
    done: int
    total: int


@dataclass(frozen=True)
class KickoffView:
    """The kick-off list as shown (and its `--json` form): the guide's §8 actions, done once.

    `weeks`: per item, the week its open time is planned in (the first week when it spreads
    over several), None for a done item.
    """

    path: str
    started: date
    share: float
    items: tuple[ChecklistItem, ...]
    weeks: tuple[str | None, ...]
    done: int
    total: int
    today: date


@dataclass(frozen=True)
class ItemChange:
    """`check`, `uncheck`, `add`, `remove`: the item (as saved, or as it was when removed),
    its NUMBER as shown before the change (after it, for `add`), and the list after it."""

    number: int
    item: ChecklistItem
    checklist: ChecklistView | KickoffView


@dataclass(frozen=True)
class Carried:
    """`carry`: the items copied into the current list (none on a rerun) and that list;
    `reason` says why nothing was (rules.carry_reason), `previous` names last period's list."""

    items: tuple[ChecklistItem, ...]
    checklist: ChecklistView
    reason: CarryReason
    previous: str
    previous_done: int
    previous_total: int

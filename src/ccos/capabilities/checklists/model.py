"""The checklist files (seed 000 §8): `checklists/2026-W47.toml` and friends, the kick-off
list `checklists/kickoff.toml`, and their templates."""

from __future__ import annotations

import re
from datetime import date

from pydantic import ConfigDict, Field, field_validator

from ccos.dates import Period, PeriodKind
from ccos.models.base import Model
from ccos.models.config import MAX_ITEM_MINUTES, Role, Stream

# What an item may be about (`Commitment.about`): a commitment id or an id prefix of the kinds
# the other capabilities plan: `sharing:` / `sharing:<piece>`, `event:` / `event:<id>:`,
# `session:` / `session:<mentee>:`.
ABOUT_PATTERN = re.compile(r"(sharing|event|session):([^\s:]+(:([^\s]*))?)?")
ABOUT_HINT = "use sharing:, event: or session: (optionally with an id), or link it with `ccos checklist add --for`"


class ChecklistItem(Model):
    """One `[[items]]` table; keys ccos does not know are kept (and shown by `--json`).

    `about`: the real thing the item is about (a commitment id or id prefix), so that the
    planner counts the pair once; `for`: the name it was linked to, for the person reading
    the file. `roles`: in a template, the roles the item is for (none: everyone).
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True, serialize_by_alias=True)

    text: str = Field(min_length=1)
    minutes: int = Field(default=30, ge=0, le=MAX_ITEM_MINUTES)
    stream: Stream = "other"
    done: bool = False
    done_on: date | None = None
    carried_from: str | None = None
    about: str | None = None
    for_: str | None = Field(default=None, alias="for")
    roles: list[Role] | None = None

    @field_validator("text")
    @classmethod
    def _visible(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is empty")
        return value

    @field_validator("about")
    @classmethod
    def _known_about(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not ABOUT_PATTERN.fullmatch(value):
            from ccos.i18n import tr

            raise ValueError(
                tr(
                    "{value} is not what an item can be about; use sharing:, event: or session: (optionally "
                    "with an id), or link it with `ccos checklist add --for`"
                ).format(value=repr(value))
            )
        return value


class ChecklistTemplate(Model):
    """`templates/checklists/<week|month|quarter|kickoff>.toml`: the items a new list starts with.

    `share`: the most of the period's budget the list may take (a week's hours for the
    kick-off list); items that do not fit are left out (docs/checklists.md). A template
    without it is used whole, as a person wrote it.
    """

    model_config = ConfigDict(extra="allow")

    share: float | None = Field(default=None, gt=0, le=1)
    items: list[ChecklistItem] = Field(default_factory=list)


class Checklist(Model):
    """One period's list: `period` must be a period id (and, on disk, the file's name)."""

    model_config = ConfigDict(extra="allow")

    period: str
    scope: PeriodKind
    items: list[ChecklistItem] = Field(default_factory=list)

    @field_validator("period")
    @classmethod
    def _known_period(cls, value: str) -> str:
        if Period.from_id(value) is None:
            raise ValueError("not a period id; use 2026-W47, 2026-11 or 2026-Q4")
        return value


class Kickoff(Model):
    """`checklists/kickoff.toml`: the guide's §8 "get started" actions, done once.

    `started`: the day the list began (init); `share`: the part of each week's hours its
    open items take, one after another, from the current week on.
    """

    model_config = ConfigDict(extra="allow")

    started: date
    share: float = Field(default=0.35, gt=0, le=1)
    items: list[ChecklistItem] = Field(default_factory=list)

"""Weekly, monthly and quarterly action checklists.

A period's list is made from its template the first time a command changes it, and kept
as a file of its own (one file per period, so two machines rarely touch the same one).
Until then a current or future period shows its template; a past period with no file
has no list.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ccos.dates import PERIOD_KINDS, Period, PeriodKind
from ccos.errors import Ambiguous, InvalidInput, NotFound
from ccos.models.checklist import Checklist, ChecklistItem, ChecklistTemplate, ChecklistView
from ccos.models.config import STREAMS
from ccos.models.naming import name_key
from ccos.models.plan import Commitment, ProgressRow, Warning
from ccos.planning.seam import SourceContext
from ccos.storage.templates import find_template
from ccos.storage.workspace import Workspace

FOLDER = "checklists"


def checklist_path(workspace: Workspace, period: Period) -> Path:
    return workspace.folder(FOLDER) / f"{period.id}.toml"


def load_template(workspace: Workspace, scope: PeriodKind) -> list[ChecklistItem]:
    language = workspace.config().profile.language
    path = find_template(f"checklists/{scope}.toml", language, workspace.root)
    return workspace.load(path, ChecklistTemplate).items


def view(workspace: Workspace, period: Period, today: date) -> ChecklistView:
    path = checklist_path(workspace, period)
    if os.path.lexists(path):  # a FIFO, a folder or a link there is an error naming it, not "no list yet"
        checklist = workspace.load(path, Checklist)
        if checklist.period != period.id or checklist.scope != period.kind:
            from ccos.errors import InvalidFile

            raise InvalidFile(
                workspace.display(path),
                f"says period {checklist.period!r} ({checklist.scope}) but the file name says {period.id}",
                key="period",
            )
        items, saved = checklist.items, True
    elif period.end >= today:
        items, saved = load_template(workspace, period.kind), False
    else:
        items, saved = [], False
    return ChecklistView(
        scope=period.kind,
        period=period.id,
        start=period.start,
        end=period.end,
        path=workspace.display(path),
        saved=saved,
        items=items,
    )


def current_views(workspace: Workspace, today: date) -> list[ChecklistView]:
    return [view(workspace, Period.containing(kind, today), today) for kind in PERIOD_KINDS]


# --- changing a list -------------------------------------------------------------------


def _document(workspace: Workspace, period: Period) -> Any:
    """The period's file as a tomlkit document (made from the template when new)."""
    import tomlkit

    path = checklist_path(workspace, period)
    if os.path.lexists(path):
        workspace.load(path, Checklist)  # strict read and validation first
        return tomlkit.parse(workspace.read_text(path))
    doc = tomlkit.document()
    doc.add(
        tomlkit.comment(
            f"ccos checklist for {period.id}: tick items with `ccos checklist check`, or edit by hand (done = true)."
        )
    )
    doc.add("period", period.id)
    doc.add("scope", period.kind)
    array = tomlkit.aot()
    for item in load_template(workspace, period.kind):
        array.append(_item_table(item))
    doc.add("items", array)
    return doc


def _item_table(item: ChecklistItem) -> Any:
    import tomlkit

    table = tomlkit.table()
    table.add("text", item.text)
    table.add("minutes", item.minutes)
    table.add("stream", item.stream)
    table.add("done", item.done)
    if item.done_on:
        table.add("done_on", item.done_on)
    if item.carried_from:
        table.add("carried_from", item.carried_from)
    return table


def _append_item(doc: Any, item: ChecklistItem) -> None:
    """Append an `[[items]]` table, keeping a blank line between tables as a person would."""
    import tomlkit

    items = doc["items"]
    if len(items):
        items[-1].add(tomlkit.nl())
    items.append(_item_table(item))


def _save(workspace: Workspace, period: Period, doc: Any) -> ChecklistView:
    import tomlkit

    path = checklist_path(workspace, period)
    text = tomlkit.dumps(doc)
    workspace.validate(path, text, workspace_toml(text), Checklist)
    workspace.write_text(path, text)
    return view(workspace, period, period.start)


def workspace_toml(text: str) -> dict[str, Any]:
    import tomllib

    return tomllib.loads(text)


def find_item(items: list[ChecklistItem], ref: str, period: Period) -> int:
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


def set_done(
    workspace: Workspace, period: Period, ref: str, done: bool, today: date
) -> tuple[ChecklistItem, ChecklistView]:
    with workspace.locked("checklist check" if done else "checklist uncheck"):
        doc = _document(workspace, period)
        items = Checklist.model_validate(workspace_toml(_dumps(doc))).items
        index = find_item(items, ref, period)
        table = doc["items"][index]
        table["done"] = done
        if done:
            table["done_on"] = today
        elif "done_on" in table:
            del table["done_on"]
        saved = _save(workspace, period, doc)
    return saved.items[index], saved


MAX_MINUTES = 100_000  # ChecklistItem.minutes' bound


def add_item(workspace: Workspace, period: Period, text: str, minutes: int | None, stream: str) -> ChecklistView:
    from ccos.models.naming import clean_name

    text = clean_name(text, "item text")
    if minutes is not None and not 0 <= minutes <= MAX_MINUTES:
        raise InvalidInput(
            f"--minutes must be from 0 to {MAX_MINUTES} (got {minutes})", "give an estimate such as --minutes 45"
        )
    if stream not in STREAMS:
        raise InvalidInput(f"invalid value for --stream: {stream!r}", f"use one of: {', '.join(STREAMS)}")
    with workspace.locked("checklist add"):
        doc = _document(workspace, period)
        default = workspace.config().estimates.checklist_item_minutes
        item = ChecklistItem(text=text, minutes=default if minutes is None else minutes, stream=stream)
        _append_item(doc, item)
        return _save(workspace, period, doc)


def remove_item(workspace: Workspace, period: Period, ref: str) -> tuple[ChecklistItem, ChecklistView]:
    with workspace.locked("checklist remove"):
        doc = _document(workspace, period)
        items = Checklist.model_validate(workspace_toml(_dumps(doc))).items
        index = find_item(items, ref, period)
        removed = items[index]
        del doc["items"][index]
        return removed, _save(workspace, period, doc)


def carry(workspace: Workspace, scope: PeriodKind, today: date) -> tuple[list[ChecklistItem], ChecklistView]:
    """Copy last period's unfinished items into this one (once: no duplicates on a rerun)."""
    current = Period.containing(scope, today)
    previous = current.shift(-1)
    with workspace.locked("checklist carry"):
        old = view(workspace, previous, today)
        doc = _document(workspace, current)
        present = {name_key(item.text) for item in Checklist.model_validate(workspace_toml(_dumps(doc))).items}
        carried = []
        for item in old.items:
            if item.done or name_key(item.text) in present:
                continue
            new = ChecklistItem(text=item.text, minutes=item.minutes, stream=item.stream, carried_from=previous.id)
            _append_item(doc, new)
            present.add(name_key(item.text))
            carried.append(new)
        if not carried:
            return [], view(workspace, current, today)
        return carried, _save(workspace, current, doc)


def _dumps(doc: Any) -> str:
    import tomlkit

    return tomlkit.dumps(doc)


# --- the seam --------------------------------------------------------------------------


def _views_touching(ctx: SourceContext, period: Period) -> Iterable[ChecklistView]:
    memo: dict[str, ChecklistView] = ctx.memo.setdefault("checklists", {})
    for kind in PERIOD_KINDS:
        current = Period.containing(kind, period.start)
        while current.start <= period.end:
            if current.id not in memo:
                memo[current.id] = view(ctx.workspace, current, ctx.today)
            yield memo[current.id]
            current = current.shift(1)


class ChecklistSource:
    name = "checklists"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        for checklist in _views_touching(ctx, period):
            for number, item in enumerate(checklist.items, start=1):
                late = not item.done and checklist.end < ctx.today
                # Work that is done happened on the day it was ticked; open work spreads over the period.
                on_day = item.done_on if item.done and item.done_on else None
                yield Commitment(
                    type="checklist",
                    id=f"checklist:{checklist.period}:{number}",
                    title=item.text,
                    stream=item.stream,
                    hours=item.minutes / 60,
                    date=on_day,
                    start=None if on_day else checklist.start,
                    end=None if on_day else checklist.end,
                    status="done" if item.done else ("overdue" if late else "open"),
                    priority={"week": 2, "month": 1, "quarter": 0}[checklist.scope],
                    ref=f"{checklist.scope} {number}",
                )

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        return ()

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        checklist = view(ctx.workspace, period, ctx.today)
        if not checklist.items:
            return
        yield ProgressRow(
            source=self.name,
            key=f"checklist_{period.kind}",
            label=f"{period.kind}ly checklist",
            period=period.kind,
            actual=checklist.done,
            target=checklist.total,
            unit="items",
            state="ok" if checklist.done >= checklist.total else "behind",
        )

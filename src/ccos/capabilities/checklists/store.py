"""Where checklists are and how they are read and written: `checklists/<period id>.toml`.

A period's file is made from its template the first time a command changes it. A change
reads the file once (strictly: a broken file stops the command, named), edits its tomlkit
document (comments, layout and unknown keys kept), then validates the new text once and
writes it once (`Collection.write`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ccos.capabilities.checklists.model import Checklist, ChecklistItem, ChecklistTemplate, Kickoff
from ccos.capabilities.checklists.rules import KICKOFF, disagreement, fit_template, period_hours, template_name
from ccos.dates import Period
from ccos.errors import InvalidFile
from ccos.storage.collection import Collection
from ccos.storage.workspace import Workspace

FOLDER = "checklists"


def collection(workspace: Workspace) -> Collection[Checklist]:
    return Collection(workspace, FOLDER, Checklist, what="checklist", name=lambda checklist: checklist.period)


def checklist_path(workspace: Workspace, period: Period) -> Path:
    return collection(workspace).path(period.id)


def read_template(workspace: Workspace, scope: str) -> ChecklistTemplate:
    """The template of SCOPE (week, month, quarter or kickoff): the workspace's own
    `templates/checklists/<scope>.toml` when it has one, else the shipped one in its language."""
    from ccos.storage.templates import find_template

    language = workspace.config().profile.language
    path = find_template(template_name(scope), language, workspace.root)
    return workspace.load(path, ChecklistTemplate)


def fitted(workspace: Workspace, template: ChecklistTemplate, period: Period) -> list[ChecklistItem]:
    """TEMPLATE's items for PERIOD: the roles of the profile, within the template's share of the budget."""
    config = workspace.config()
    return fit_template(template, config.profile.roles, period_hours(config.budget.weekly_hours, period))


def load_template(workspace: Workspace, period: Period) -> list[ChecklistItem]:
    """The items PERIOD's list starts with (its template, fitted to the roles and the budget)."""
    return fitted(workspace, read_template(workspace, period.kind), period)


def _agrees(workspace: Workspace, path: Path, checklist: Checklist, period: Period) -> Checklist:
    problem = disagreement(checklist, period)
    if problem is not None:
        raise InvalidFile(workspace.display(path), problem, key="period")
    return checklist


def read(workspace: Workspace, period: Period) -> Checklist | None:
    """The period's file, strictly read (or from the derived index while unchanged); None
    when there is none. A FIFO, a folder or a link there is an error naming it, not "no list"."""
    path = checklist_path(workspace, period)
    if not os.path.lexists(path):
        return None
    return _agrees(workspace, path, workspace.load(path, Checklist), period)


# --- changing a file -------------------------------------------------------------------


@dataclass
class Draft:
    """A period's file being changed: what it holds now (the template's items when new) and
    its tomlkit document, which the change edits."""

    period: Period
    record: Checklist
    doc: Any
    exists: bool


def open_draft(workspace: Workspace, period: Period) -> Draft:
    """The period's file read once, or a new document made from its template."""
    lists = collection(workspace)
    path = lists.path(period.id)
    if os.path.lexists(path):
        import tomlkit

        text = workspace.read_text(path)
        record = _agrees(workspace, path, lists.validate_text(period.id, text), period)
        return Draft(period, record, tomlkit.parse(text), exists=True)
    items = load_template(workspace, period)
    record = Checklist(period=period.id, scope=period.kind, items=items)
    return Draft(period, record, _new_document(period, items), exists=False)


def save(workspace: Workspace, draft: Draft) -> Checklist:
    """Validate the draft's text once and write it once; what the file now holds."""
    import tomlkit

    return collection(workspace).write(draft.period.id, tomlkit.dumps(draft.doc))


def _new_document(period: Period, items: list[ChecklistItem]) -> Any:
    import tomlkit

    from ccos.i18n import tr

    doc = tomlkit.document()
    # i18n: the first line of a checklist file (a TOML comment), in the workspace's language.
    said = tr("ccos checklist for {period}: tick items with `ccos checklist check`, or edit by hand (done = true).")
    doc.add(tomlkit.comment(said.format(period=period.id)))
    doc.add("period", period.id)
    doc.add("scope", period.kind)
    array = tomlkit.aot()
    for item in items:
        array.append(_item_table(item))
    doc.add("items", array)
    return doc


def _item_table(item: ChecklistItem, inline: bool = False) -> Any:
    import tomlkit

    table = tomlkit.inline_table() if inline else tomlkit.table()
    table.add("text", item.text)
    table.add("minutes", item.minutes)
    table.add("stream", item.stream)
    table.add("done", item.done)
    if item.done_on:
        table.add("done_on", item.done_on)
    if item.carried_from:
        table.add("carried_from", item.carried_from)
    if item.about:
        table.add("about", item.about)
    if item.for_:
        table.add("for", item.for_)
    return table


def append_item(draft: Draft | KickoffDraft, item: ChecklistItem) -> None:
    """Append an `[[items]]` table, keeping a blank line between tables as a person would
    (an inline table when the file writes `items = [...]`; the first table when it has none)."""
    import tomlkit
    from tomlkit.items import Array

    if "items" not in draft.doc:
        draft.doc.add("items", tomlkit.aot())
    items = draft.doc["items"]
    if isinstance(items, Array):
        items.append(_item_table(item, inline=True))
        return
    if len(items):
        items[-1].add(tomlkit.nl())
    items.append(_item_table(item))


# --- the kick-off list ----------------------------------------------------------------

KICKOFF_FILE = f"{FOLDER}/{KICKOFF}.toml"


def kickoff_path(workspace: Workspace) -> Path:
    return workspace.root / KICKOFF_FILE


def read_kickoff(workspace: Workspace) -> Kickoff | None:
    """The kick-off list, strictly read; None when the workspace has none (made before it existed)."""
    path = kickoff_path(workspace)
    if not os.path.lexists(path):
        return None
    return workspace.load(path, Kickoff)


@dataclass
class KickoffDraft:
    """The kick-off file being changed: what it holds now and its tomlkit document."""

    record: Kickoff
    doc: Any


def open_kickoff(workspace: Workspace) -> KickoffDraft:
    """The kick-off file read once (strictly); none is an error saying how to get one."""
    import tomlkit

    from ccos.errors import NotFound

    path = kickoff_path(workspace)
    if not os.path.lexists(path):
        from ccos.i18n import tr

        raise NotFound(
            tr("this workspace has no kick-off list ({file})").format(file=KICKOFF_FILE),
            tr(
                "workspaces made by `ccos init` have one; copy the shipped {template} "
                "there and add `started = <date>` to start one"
            ).format(template="templates/<lang>/checklists/kickoff.toml"),
        )
    text = workspace.read_text(path)
    from ccos.storage.strict_read import parse_toml

    data = parse_toml(Path(workspace.display(path)), text)
    record = workspace.validate(path, text, data, Kickoff)
    return KickoffDraft(record, tomlkit.parse(text))


def save_kickoff(workspace: Workspace, draft: KickoffDraft) -> Kickoff:
    """Validate the draft's text once and write it once."""
    import tomlkit

    from ccos.storage.strict_read import parse_toml

    path = kickoff_path(workspace)
    text = tomlkit.dumps(draft.doc)
    data = parse_toml(Path(workspace.display(path)), text)
    record = workspace.validate(path, text, data, Kickoff)
    workspace.write_text(path, text)
    return record


def kickoff_text(started: date, share: float, items: list[ChecklistItem], heading: str) -> str:
    """A new kick-off file: HEADING (the template's own comment, in its language) and the items."""
    import tomlkit

    doc = tomlkit.document()
    for line in heading.splitlines():
        doc.add(tomlkit.comment(line.removeprefix("#").strip()))
    doc.add("started", started)
    doc.add("share", share)
    array = tomlkit.aot()
    for item in items:
        array.append(_item_table(item))
    doc.add("items", array)
    return tomlkit.dumps(doc)


def mark(draft: Draft | KickoffDraft, index: int, done: bool, today: date) -> None:
    """Tick (with today's date) or untick item INDEX."""
    table = draft.doc["items"][index]
    table["done"] = done
    if done:
        table["done_on"] = today
    elif "done_on" in table:
        del table["done_on"]


def remove_item(draft: Draft | KickoffDraft, index: int) -> None:
    del draft.doc["items"][index]

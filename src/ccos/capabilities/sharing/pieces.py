"""Writing pieces: `share add`, `share edit` (fields), and the notes file `share edit` opens.

Every option is checked before the lock; under it, the pieces are read strictly, the file
is made or edited round-trip, validated, and written once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccos.capabilities.sharing import rules
from ccos.capabilities.sharing.inputs import (
    check_hours,
    check_kind,
    check_platform,
    check_stage,
    check_tags,
    check_title,
)
from ccos.capabilities.sharing.model import KINDS, OPEN_STAGES, STAGES
from ccos.capabilities.sharing.results import Change, Piece
from ccos.capabilities.sharing.store import SharingStore
from ccos.errors import InvalidFile, InvalidInput
from ccos.i18n import tr
from ccos.models.naming import name_key

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def _refuse_twin(pieces: Iterable[Piece], title: str, except_id: str | None = None) -> None:
    twin = rules.twin(pieces, title, except_id)
    if twin is not None:
        raise InvalidInput(
            tr("a sharing piece with the title {title} exists already ({id})").format(title=repr(title), id=twin.id),
            tr("see it with `{command}`, or choose another title").format(command=f"ccos share show {twin.id}"),
        )


def _new_file(
    title: str,
    kind: str,
    stage: str,
    deep: bool,
    personal: bool,
    platform: str | None,
    due: dt.date | None,
    estimate: float,
    tags: list[str],
    today: dt.date,
) -> str:
    """A new piece's file: the keys in the order a person reads them, with a comment of the choices."""
    import tomlkit

    doc = tomlkit.document()
    # i18n: the first lines of a piece's file (TOML comments), in the workspace's language.
    doc.add(tomlkit.comment(tr("ccos sharing piece: edit by hand or with `ccos share ...`.")))
    doc.add(tomlkit.comment(tr("{key}: {values}").format(key="kind", values=", ".join(KINDS))))
    doc.add(tomlkit.comment(tr("{key}: {values}").format(key="stage", values=", ".join(STAGES))))
    doc.add("title", title)
    doc.add("kind", kind)
    doc.add("stage", stage)
    doc.add("deep", deep)
    doc.add("personal", personal)
    if platform:
        doc.add("platform", platform)
    if due is not None:
        doc.add("due", due)
    doc.add("estimate_hours", estimate)
    doc.add("actual_hours", 0.0)
    doc.add("tags", tags)
    doc.add("created", today)
    if stage in rules.STARTED_STAGES:
        doc.add("started_on", today)
    if stage == "ready":
        doc.add("ready_on", today)
    return tomlkit.dumps(doc)


def add_piece(
    workspace: Workspace,
    today: dt.date,
    title: str,
    *,
    kind: str = "article",
    deep: bool = False,
    personal: bool = False,
    platform: str | None = None,
    due: dt.date | None = None,
    hours: float | None = None,
    tags: Iterable[str] = (),
    stage: str = "idea",
) -> Change:
    """A new piece (an idea unless `stage` says drafting or ready); the estimate defaults per
    kind from ccos.toml, the platform to the profile's first."""
    title = check_title(title)
    kind = check_kind(kind)
    stage = check_stage(stage, allowed=OPEN_STAGES)
    hours = check_hours(hours, "--hours")
    platform = check_platform(platform)
    tag_list = check_tags(tags)
    config = workspace.config()
    if platform is None and config.profile.platforms:
        platform = config.profile.platforms[0]
    estimate = config.estimates.sharing_hours(kind) if hours is None else hours

    with workspace.locked("share add"):
        store = SharingStore(workspace)
        _refuse_twin(store.pieces(today), title)
        piece_id = store.new_id(title)
        text = _new_file(title, kind, stage, deep, personal, platform, due, estimate, tag_list, today)
        piece = store.create(piece_id, text, today)
    return Change(action="added", piece=piece)


def _set(doc: Any, key: str, value: Any) -> None:
    """Set `key` when a value was given; None means "leave it as it is"."""
    if value is not None:
        doc[key] = value


def edit_fields(
    workspace: Workspace,
    ref: str,
    today: dt.date,
    *,
    title: str | None = None,
    kind: str | None = None,
    deep: bool | None = None,
    personal: bool | None = None,
    platform: str | None = None,
    due: dt.date | None = None,
    clear_due: bool = False,
    hours: float | None = None,
    spent: float | None = None,
    add_tags: Iterable[str] = (),
) -> Change:
    """Change some fields of a piece; every other key and comment of the file is kept."""
    new_title = check_title(title) if title is not None else None
    new_kind = check_kind(kind) if kind is not None else None
    new_platform = check_platform(platform)
    hours = check_hours(hours, "--hours")
    spent = check_hours(spent, "--spent")
    tags = check_tags(add_tags)
    if due is not None and clear_due:
        raise InvalidInput(tr("give --due or --no-due, not both"), tr("--no-due removes the due date"))
    with workspace.locked("share edit"):
        store = SharingStore(workspace)
        entry = store.find(ref)
        if new_title is not None:
            _refuse_twin(store.pieces(today), new_title, except_id=entry.id)
        known = list(entry.record.tags)

        def change(doc: Any) -> None:
            _set(doc, "title", new_title)
            _set(doc, "kind", new_kind)
            _set(doc, "deep", deep)
            _set(doc, "personal", personal)
            _set(doc, "platform", new_platform)
            _set(doc, "estimate_hours", hours)
            _set(doc, "actual_hours", spent)
            if due is not None:
                doc["due"] = due
            elif clear_due and "due" in doc:
                del doc["due"]
            if tags:
                keys = {name_key(tag) for tag in known}
                doc["tags"] = known + [tag for tag in tags if name_key(tag) not in keys]

        return Change(action="edited", piece=store.edit(entry.id, change, today))


def prepare_body(workspace: Workspace, ref: str, today: dt.date) -> tuple[Piece, Path]:
    """The notes file of a piece, made from the outline template when it does not exist yet."""
    from string import Template

    from ccos.storage.templates import find_template

    with workspace.locked("share edit"):
        store = SharingStore(workspace)
        entry = store.find(ref)
        path = store.body_path(entry.id)
        if not path.exists():
            language = workspace.config().profile.language
            template = workspace.read_text(find_template("sharing/outline.md", language, workspace.root))
            text = Template(template).safe_substitute(title=entry.record.title, kind=entry.record.kind)
            store.write_body(entry.id, text)
        elif not path.is_file():
            raise InvalidFile(workspace.display(path), tr("is not a file"), hint=tr("move it away and run again"))
        return store.piece(entry.id, entry.record, today), path

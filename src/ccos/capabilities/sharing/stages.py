"""Moving a piece along the pipeline: `share start`, `ready`, `publish` and `drop`.

One transition, driven by a table of what each verb does: the stage it moves to, the
dates it stamps (in this order, so the file reads the same whichever verb wrote it), what
it says when the piece is there already. A published or dropped piece never moves again
(but dropping a dropped piece is "already dropped").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ccos.capabilities.sharing.inputs import check_hours, check_url
from ccos.capabilities.sharing.results import Change
from ccos.capabilities.sharing.store import SharingStore
from ccos.errors import InvalidInput
from ccos.i18n import tr

if TYPE_CHECKING:
    from ccos.capabilities.sharing.model import SharingFile, Stage
    from ccos.storage.collection import Entry
    from ccos.storage.workspace import Workspace

Stamp = Literal["always", "first"]
ALWAYS: Stamp = "always"
FIRST: Stamp = "first"

# What a verb writes besides the stage and its dates: the keys and values for this file.
Fields = Callable[["SharingFile"], Mapping[str, Any]]


@dataclass(frozen=True)
class Verb:
    """`stamps`: the date keys set to the day, in order: ALWAYS, or FIRST (only when not set yet)."""

    name: str  # the command: share NAME
    action: str  # Change.action
    stage: Stage
    refused: str  # "... it cannot be REFUSED"
    stamps: tuple[tuple[str, Stamp], ...]
    already: str | None = None  # the note when the piece is at `stage` and nothing else changes


VERBS: dict[str, Verb] = {
    "start": Verb("start", "started", "drafting", "started", (("started_on", FIRST),), "already in drafting"),
    "ready": Verb(
        "ready", "ready", "ready", "marked ready", (("started_on", FIRST), ("ready_on", ALWAYS)), "already ready"
    ),
    "publish": Verb(
        "publish", "published", "published", "published again", (("published_on", ALWAYS), ("started_on", FIRST))
    ),
    "drop": Verb("drop", "dropped", "dropped", "dropped", (("dropped_on", ALWAYS),), "already dropped"),
}


def _no_fields(_file: SharingFile) -> Mapping[str, Any]:
    return {}


def _published_refusals() -> dict[str, str]:
    """Per verb, the whole sentence (word order differs between languages)."""
    return {
        "start": tr("{piece} was published on {day}; it cannot be started"),
        "ready": tr("{piece} was published on {day}; it cannot be marked ready"),
        "publish": tr("{piece} was published on {day}; it cannot be published again"),
        "drop": tr("{piece} was published on {day}; it cannot be dropped"),
    }


def _dropped_refusals() -> dict[str, str]:
    return {
        "start": tr("{piece} was dropped on {day}; it cannot be started"),
        "ready": tr("{piece} was dropped on {day}; it cannot be marked ready"),
        "publish": tr("{piece} was dropped on {day}; it cannot be published again"),
        "drop": tr("{piece} was dropped on {day}; it cannot be dropped"),
    }


def _refuse_closed(workspace: Workspace, entry: Entry[SharingFile], verb: Verb) -> None:
    file, path = entry.record, workspace.display(entry.path)
    if file.stage == "published":
        raise InvalidInput(
            _published_refusals()[verb.name].format(piece=repr(entry.id), day=file.published_on),
            tr("change the file by hand if that was a mistake: {path}").format(path=path),
        )
    if file.stage == "dropped":
        day = file.dropped_on or tr("an earlier day")
        raise InvalidInput(
            _dropped_refusals()[verb.name].format(piece=repr(entry.id), day=day),
            tr('set stage = "idea" in {path} to bring it back, or add it again').format(path=path),
        )


def move(
    workspace: Workspace, ref: str, today: dt.date, verb: Verb, day: dt.date | None = None, fields: Fields = _no_fields
) -> Change:
    """Move the piece `ref` names as `verb` says, on `day` (today by default)."""
    day = day or today
    with workspace.locked(f"share {verb.name}"):
        store = SharingStore(workspace)
        entry = store.find(ref)
        file = entry.record
        extra = fields(file)
        if verb.already is not None and file.stage == verb.stage and not extra:
            piece = store.piece(entry.id, file, today)
            return Change(action=verb.action, piece=piece, changed=False, note=verb.already)
        _refuse_closed(workspace, entry, verb)

        def change(doc: Any) -> None:
            doc["stage"] = verb.stage
            for key, when in verb.stamps:
                if when == ALWAYS or getattr(file, key) is None:
                    doc[key] = day
            for key, value in extra.items():
                doc[key] = value

        return Change(action=verb.action, piece=store.edit(entry.id, change, today))


def start(workspace: Workspace, ref: str, today: dt.date, due: dt.date | None = None) -> Change:
    """idea (or ready) -> drafting; `due` moves the due date (also of a piece in drafting)."""
    return move(workspace, ref, today, VERBS["start"], fields=lambda _file: {} if due is None else {"due": due})


def ready(workspace: Workspace, ref: str, today: dt.date) -> Change:
    """idea or drafting -> ready."""
    return move(workspace, ref, today, VERBS["ready"])


def publish(
    workspace: Workspace,
    ref: str,
    today: dt.date,
    *,
    on: dt.date | None = None,
    url: str | None = None,
    hours: float | None = None,
) -> Change:
    """-> published on `on` (today by default, never in the future), with its URL and actual
    hours (given, else the hours logged so far, else the estimate)."""
    url = check_url(url)
    hours = check_hours(hours, "--hours")
    day = on or today
    if day > today:
        raise InvalidInput(
            tr("invalid value for --date: {day} is in the future (today is {today})").format(day=day, today=today),
            tr("publish on the day it goes out; plan it with `{command}`").format(
                command="ccos share edit REF --due DATE"
            ),
        )

    def fields(file: SharingFile) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if hours is not None:
            values["actual_hours"] = hours
        elif file.actual_hours <= 0:
            values["actual_hours"] = file.estimate_hours
        if url is not None:
            values["url"] = url
        return values

    return move(workspace, ref, today, VERBS["publish"], day=day, fields=fields)


def drop(workspace: Workspace, ref: str, today: dt.date) -> Change:
    """-> dropped: kept on disk as a record, out of the plan and the pipeline."""
    return move(workspace, ref, today, VERBS["drop"])

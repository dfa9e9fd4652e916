"""Where events and playbooks are, and the one way an event file is changed.

Events: `events/<id>.toml`, a `Collection` (storage/collection.py): found by the one rule
for references (an id, a title, or a unique prefix of either: every event is open, a
cancelled one too), changed round-trip (read once, comments and layout kept) and validated
before the single write.
Playbooks: the packaged `templates/<lang>/playbooks/<name>.toml`, each overridden by the
workspace's own `templates/playbooks/<name>.toml`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccos.capabilities.events.model import Event, EventTask, Playbook
from ccos.capabilities.events.rules import Loaded
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.storage.collection import Collection
from ccos.storage.templates import list_templates

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

FOLDER = "events"
LIST_COMMAND = "ccos event list --all"


def collection(workspace: Workspace) -> Collection[Event]:
    return Collection(workspace, FOLDER, Event, what="event", name=lambda event: event.title, list_command=LIST_COMMAND)


def load_events(workspace: Workspace) -> list[Loaded]:
    """Every event, by id."""
    return [Loaded(entry.id, entry.path, entry.record) for entry in collection(workspace).entries()]


def find_event(workspace: Workspace, ref: str) -> Loaded:
    """The event `ref` names: its id, its title, or a unique prefix of either (exit 2 otherwise)."""
    entry = collection(workspace).find(ref)
    return Loaded(entry.id, entry.path, entry.record)


def edit_event(workspace: Workspace, event_id: str, change: Callable[[Any, Loaded], object]) -> Loaded:
    """Change an event's file (under the lock), reading it once: `change(doc, loaded)` edits its
    TOML document knowing what the file holds now. It may raise to refuse, or return
    `storage.collection.UNCHANGED` when there is nothing to do; nothing is written then. Otherwise the result is
    validated, then written once."""
    events = collection(workspace)
    path = events.path(event_id)
    saved = events.edit(event_id, lambda doc, event: change(doc, Loaded(event_id, path, event)))
    return Loaded(event_id, path, saved)


def create_event(workspace: Workspace, event_id: str, text: str) -> Loaded:
    """A new event's file (refused when one with this id appeared meanwhile)."""
    events = collection(workspace)
    return Loaded(event_id, events.path(event_id), events.create(event_id, text))


def task_table(task: EventTask) -> Any:
    """A task as a `[[tasks]]` table of an event file."""
    import tomlkit

    table = tomlkit.table()
    table.add("text", task.text)
    table.add("phase", task.phase)
    table.add("offset", task.offset)
    if task.until is not None:
        table.add("until", task.until)
    table.add("hours", task.hours)
    if task.role is not None:
        table.add("role", task.role)
    if task.each:
        table.add("each", True)
    if task.records:
        table.add("records", True)
    table.add("done", task.done)
    return table


# --- playbooks ---------------------------------------------------------------------------


def playbook_files(workspace: Workspace) -> dict[str, Path]:
    """Every playbook by name, the workspace's own first."""
    language = workspace.config().profile.language
    return list_templates("playbooks", language, workspace.root)


def read_playbook(workspace: Workspace, path: Path) -> Playbook:
    return workspace.load(path, Playbook)


def load_playbook(workspace: Workspace, name: str) -> tuple[str, Playbook]:
    """`--playbook NAME` (or the kind's own): its name and its tasks."""
    available = playbook_files(workspace)
    key = name.strip().lower()
    if key not in available:
        raise InvalidInput(
            tr("invalid value for {option}: unknown playbook {name}").format(option="--playbook", name=repr(name)),
            tr("use one of: {choices} (see `{command}`), or add your own as {path}").format(
                choices=", ".join(sorted(available)),
                command="ccos event playbooks",
                path="WORKSPACE/templates/playbooks/NAME.toml",
            ),
        )
    return key, read_playbook(workspace, available[key])

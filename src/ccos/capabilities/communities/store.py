"""Where communities, members and stage playbooks are.

Communities: `communities/<id>.toml`; members: `members/<id>.toml`; both `Collection`s
(storage/collection.py: the one reference rule, round-trip edits, one validated write).
Stage playbooks: the packaged `templates/<lang>/stages/<name>.toml`, each overridden by the
workspace's own `templates/stages/<name>.toml` (as event playbooks are).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ccos.capabilities.communities.model import STAGES, TRACK, Community, Member, StagePlaybook
from ccos.capabilities.communities.rules import Loaded, Person
from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.storage.collection import Collection
from ccos.storage.templates import list_templates

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace

COMMUNITIES = "communities"
MEMBERS = "members"


def communities(workspace: Workspace) -> Collection[Community]:
    return Collection(
        workspace, COMMUNITIES, Community, what="community", name=lambda c: c.name, list_command="ccos community list"
    )


def members(workspace: Workspace) -> Collection[Member]:
    return Collection(workspace, MEMBERS, Member, what="member", name=lambda m: m.name, list_command="ccos member list")


def load_communities(workspace: Workspace) -> list[Loaded]:
    return [Loaded(e.id, e.path, e.record) for e in communities(workspace).entries()]


def load_members(workspace: Workspace) -> list[Person]:
    return [Person(e.id, e.path, e.record) for e in members(workspace).entries()]


def find_community(workspace: Workspace, ref: str) -> Loaded:
    entry = communities(workspace).find(ref)
    return Loaded(entry.id, entry.path, entry.record)


def find_member(workspace: Workspace, ref: str) -> Person:
    entry = members(workspace).find(ref)
    return Person(entry.id, entry.path, entry.record)


def load_playbook(workspace: Workspace, name: str) -> StagePlaybook:
    """A stage's (or the standard-setter track's) playbook, the workspace's own first."""
    available = list_templates("stages", workspace.config().profile.language, workspace.root)
    if name not in available:
        raise InvalidInput(
            tr("no playbook for stage {stage}").format(stage=repr(name)),
            tr("add one as {path}").format(path=f"WORKSPACE/templates/stages/{name}.toml"),
        )
    playbook = workspace.load(available[name], StagePlaybook)
    if playbook.stage != name:
        raise InvalidInput(
            tr("{path}: stage = {stage}, but the file is named for {name}").format(
                path=workspace.display(available[name]), stage=repr(playbook.stage), name=repr(name)
            ),
            tr("make the two the same"),
        )
    return playbook


def stage_names() -> tuple[str, ...]:
    return (*STAGES, TRACK)


# --- completion: names a person may TAB to, read without a Workspace -----------------------


def _names(folder: Path) -> list[str]:
    import tomllib

    found: list[str] = []
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".toml"))
    except OSError:
        return found
    for name in names:
        if name.startswith("."):
            continue
        found.append(name[: -len(".toml")])
        path = folder / name
        try:
            if path.is_symlink():
                continue
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        title = data.get("name")
        if isinstance(title, str) and title.strip() and title not in found:
            found.append(title)
    return found


def community_refs(root: Path) -> list[str]:
    """Community ids and names under `root`, for TAB completion."""
    return _names(root / COMMUNITIES)


def member_refs(root: Path) -> list[str]:
    """Member ids and names under `root`, for TAB completion."""
    return _names(root / MEMBERS)

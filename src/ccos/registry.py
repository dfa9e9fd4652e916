"""The one list of capabilities, and what each declares.

Everything that must know about every capability reads this module: the CLI (which
commands exist), the planner and the dashboard (their seam sources), `init` (the
folders it makes), doctor (the folders and files it checks), sync (how each file is
validated and named in a commit), export/import (what each file is called in JSON) and
the derived index. A capability is a package under `ccos/capabilities/`; its
`__init__.py` holds one `Capability` and imports nothing heavy, so reading the registry
costs a few small modules, not the capabilities' code.

Adding a capability: write the package, then add its module path to `PACKAGES`.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from pydantic import BaseModel

Role = Literal["contributor", "mentor", "organizer", "standard-setter"]

# The capability packages, in the order their rows are shown by `plan` and `status`.
PACKAGES: tuple[str, ...] = (
    "ccos.capabilities.checklists",
    "ccos.capabilities.sharing",
    "ccos.capabilities.mentoring",
    "ccos.capabilities.events",
    "ccos.capabilities.communities",
    "ccos.capabilities.checkins",
    "ccos.capabilities.reviews",
)


@dataclass(frozen=True)
class FileKind:
    """One kind of workspace file.

    `pattern`: a path relative to the workspace, `*`/`?`/`[...]` within a segment (`*`
    never crosses a `/`). `model`: "module:Class" of the pydantic model that validates it
    (imported only when a file of this kind is read), or None. `label`: how a commit
    message names it; `{stem}`, `{name}`, `{path}`, `{parent}` (the folder's name) and
    `{parent2}` (its parent's name) are filled in. `export`: its `kind` in `ccos export
    json`. `front_matter`: a markdown file whose TOML front matter the model validates.
    """

    pattern: str
    model: str | None
    label: str
    export: str
    front_matter: bool = False

    def matches(self, relative: str) -> bool:
        want = self.pattern.split("/")
        have = relative.split("/")
        return len(want) == len(have) and all(fnmatchcase(part, glob) for part, glob in zip(have, want, strict=True))

    def model_class(self) -> type[BaseModel] | None:
        return None if self.model is None else load(self.model)

    def name(self, relative: str) -> str:
        path = PurePosixPath(relative)
        parents = path.parts[:-1]
        return self.label.format(
            stem=path.stem,
            name=path.name,
            path=relative,
            parent=parents[-1] if parents else "",
            parent2=parents[-2] if len(parents) > 1 else "",
        )


@dataclass(frozen=True)
class Capability:
    """What one capability brings. Every field is data or a "module:attribute" string,
    imported only by the part of ccos that needs it.

    `folder`: its top folder in the workspace (made by `init`, checked by doctor).
    `folders`: more folders it reads as real folders (globs; doctor reports a link there).
    `commands`: top-level command name -> the module whose `register(app)` adds it.
    `source`: its seam source for the planner and the dashboard ("module:Class").
    `role`: the community role its work belongs to (None: everyone's).
    `warnings`: the warning codes it may raise (shared/docs/cli-contract.md).
    `completions`: a ref kind -> "module:function" (root: Path) -> the refs TAB completes.
    `calendar`: "module:function" (workspace) -> its dated entries for `ccos export ics`.
    """

    name: str
    folder: str | None = None
    folders: tuple[str, ...] = ()
    commands: tuple[tuple[str, str], ...] = ()
    source: str | None = None
    files: tuple[FileKind, ...] = ()
    role: Role | None = None
    warnings: tuple[str, ...] = field(default=())
    # ref kind ("mentee", "community", ...) -> "module:function" (root: Path) -> list[str], the refs TAB completes
    completions: tuple[tuple[str, str], ...] = ()
    calendar: str | None = None  # "module:function" (workspace) -> its dated entries for `ccos export ics`


def load(spec: str) -> Any:
    """The attribute named by "module:attribute"."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


@functools.cache
def capabilities() -> tuple[Capability, ...]:
    found: list[Capability] = []
    for package in PACKAGES:
        capability = importlib.import_module(package).CAPABILITY
        if not isinstance(capability, Capability):
            raise TypeError(f"{package}.CAPABILITY is not a Capability")
        found.append(capability)
    return tuple(found)


# What belongs to the workspace itself rather than to a capability.
WORKSPACE_FILES: tuple[FileKind, ...] = (
    FileKind("ccos.toml", "ccos.models.config:Config", "settings (ccos.toml)", "settings"),
)
WORKSPACE_FOLDERS: tuple[str, ...] = ("templates",)
WORKSPACE_WARNINGS: tuple[str, ...] = ("over_budget", "near_budget", "stream_over_budget")


def file_kinds() -> tuple[FileKind, ...]:
    """Every kind of file, the workspace's first; the first matching pattern wins."""
    return WORKSPACE_FILES + tuple(kind for capability in capabilities() for kind in capability.files)


def folders() -> tuple[str, ...]:
    """The top folders `init` makes, in registration order."""
    return tuple(capability.folder for capability in capabilities() if capability.folder)


def folder_slots() -> tuple[str, ...]:
    """Every folder ccos reads as a real folder (doctor reports a link or a file there)."""
    slots = [*folders(), *WORKSPACE_FOLDERS]
    for capability in capabilities():
        slots.extend(folder for folder in capability.folders if folder not in slots)
    return tuple(slots)


def commands() -> dict[str, str]:
    """Top-level command name -> module, for the capabilities' commands."""
    return {name: module for capability in capabilities() for name, module in capability.commands}


def warning_codes() -> tuple[str, ...]:
    codes = list(WORKSPACE_WARNINGS)
    for capability in capabilities():
        codes.extend(code for code in capability.warnings if code not in codes)
    return tuple(codes)


def sources() -> list[Any]:
    """A fresh seam source of every capability that has one, in registration order."""
    return [load(capability.source)() for capability in capabilities() if capability.source]

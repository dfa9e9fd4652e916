"""What each file of a workspace is: how to validate it, and what to call it in a commit.

`ccos sync` validates every changed file before committing it, and every file it is about
to push, so that a broken file never reaches another machine. A capability that adds a
kind of file declares it in its `Capability.files` (ccos/registry.py):

    FileKind("mentees/*/sessions/*.md", "ccos.capabilities.mentoring.model:Session",
             "session {parent2}/{stem}", "session", front_matter=True)

Patterns are matched segment by segment against the path relative to the workspace
(`*` never crosses a `/`); the first matching entry wins. Whatever its kind, a file
changed in the workspace is checked:
- every `.toml` file must read strictly (UTF-8, not empty, no NUL, no conflict markers)
  and parse; with a model, it must validate;
- every `.md` file whose first line is `+++` must have front matter that parses (and
  validates, with a model);
- no other text file may hold git conflict markers (binary files are left alone).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

__all__ = ["FileKind", "describe_changes", "file_kinds", "kind_of", "validate_file", "validate_files"]

from ccos.registry import FileKind
from ccos.storage.markdown import FENCE, split_front_matter
from ccos.storage.strict_read import decode_strict, parse_toml

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def file_kinds() -> tuple[FileKind, ...]:
    """Every kind of file, from the registry (ccos/registry.py)."""
    from ccos.registry import file_kinds as registered

    return registered()


def kind_of(relative: str) -> FileKind | None:
    for kind in file_kinds():
        if kind.matches(relative):
            return kind
    return None


def validate_file(workspace: Workspace, relative: str) -> None:
    """Raise InvalidFile (exit 2, naming the file, line and key) unless the file is sound."""
    path = workspace.root / relative
    if not os.path.lexists(path) or (path.is_dir() and not path.is_symlink()):
        return  # gone, or a folder (its files are checked one by one); a link, a FIFO...: read_bytes says so
    kind = kind_of(relative)
    suffix = PurePosixPath(relative).suffix
    if suffix == ".toml":
        text = workspace.read_text(path)
        data = parse_toml(_shown(workspace, path), text)
        model = kind.model_class() if kind else None
        if model is not None:
            workspace.validate(path, text, data, model)
        return
    if suffix == ".md" or (kind is not None and kind.front_matter):
        raw = workspace.read_bytes(path)
        if not raw.strip() and not (kind and kind.front_matter):
            return
        if raw.startswith(FENCE.encode()) or (kind is not None and kind.front_matter):
            text = workspace.read_text(path)
            front, _body, first_line = split_front_matter(_shown(workspace, path), text)
            data = parse_toml(_shown(workspace, path), front, first_line=first_line)
            model = kind.model_class() if kind else None
            if model is not None:
                workspace.validate(path, front, data, model, first_line=first_line)
            return
        _check_text(workspace, path, raw)
        return
    _check_text(workspace, path, workspace.read_bytes(path))


def _check_text(workspace: Workspace, path: Any, raw: bytes) -> None:
    """Any other file: only conflict markers matter (and only in text)."""
    if b"\x00" in raw:
        return
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not raw.strip():
        return
    if raw.startswith((b"\xef\xbb\xbf",)):
        raw = raw[3:]
        if not raw.strip():
            return
    decode_strict(_shown(workspace, path), raw)


def _shown(workspace: Workspace, path: Any) -> Any:
    from pathlib import Path

    return Path(workspace.display(path))


def validate_files(workspace: Workspace, relatives: Iterable[str]) -> int:
    """Validate each file; the first invalid one raises. Returns how many were checked."""
    count = 0
    for relative in relatives:
        validate_file(workspace, relative)
        count += 1
    return count


def _labels() -> dict[str, str]:
    """The capabilities' file labels in the person's language (commit messages); a label
    not listed here (a new capability's) is used as the capability wrote it."""
    from ccos.i18n import tr

    return {
        "settings (ccos.toml)": tr("settings (ccos.toml)"),
        "kick-off checklist": tr("kick-off checklist"),
        "checklist {stem}": tr("checklist {stem}"),
        "{stem} checklist template": tr("{stem} checklist template"),
        "piece {stem}": tr("piece {stem}"),
        "notes of piece {stem}": tr("notes of piece {stem}"),
        "mentee {parent}": tr("mentee {parent}"),
        "session {parent2}/{stem}": tr("session {parent2}/{stem}"),
        "event {stem}": tr("event {stem}"),
        "{stem} playbook": tr("{stem} playbook"),
        "check-in {stem}": tr("check-in {stem}"),
        "review {stem}": tr("review {stem}"),
        "review template": tr("review template"),
    }


def _named(kind: FileKind, relative: str) -> str:
    from dataclasses import replace

    label = _labels().get(kind.label)
    return kind.name(relative) if label is None else replace(kind, label=label).name(relative)


def describe_changes(changes: Iterable[tuple[str, str]], limit: int = 6) -> str:
    """'update checklist 2026-W47; add sharing/operator.toml' from (status, path) pairs."""
    from ccos.i18n import tr

    # i18n: commit messages ccos writes (git log): "add checklist 2026-W47"
    verbs = {"A": tr("add {what}"), "M": tr("update {what}"), "D": tr("delete {what}")}
    words = []
    for status, path in sorted(changes, key=lambda change: change[1]):
        if PurePosixPath(path).name == ".gitkeep":
            continue
        kind = kind_of(path)
        words.append(verbs.get(status, verbs["M"]).format(what=_named(kind, path) if kind else path))
    if not words:
        return tr("update workspace folders")
    if len(words) > limit:
        return "; ".join(words[: limit - 1]) + tr("; and {n} more").format(n=len(words) - limit + 1)
    return "; ".join(words)

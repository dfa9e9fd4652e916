"""Keys of a workspace file that no model field reads: reported, never silently ignored.

The models accept unknown keys (`extra="allow"`): the file is the person's, a newer ccos
may have written keys this one does not know, and ccos's round-trip edits keep them. But a
typo (`weekly_hour = 10`) would then leave the budget at its default without a word. So
after a file validates, `unknown_keys` walks the parsed TOML alongside the model's fields
(nested models, lists of models, `dict[str, Model]`, optional values and unions of models;
aliases respected) and lists every key that no field reads, with the closest known key at
its level as a suggestion. `describe` turns them into one line per key:

    ccos.toml:12: unknown key budget.weekly_hour (did you mean weekly_hours?)
    ccos.toml:14: unknown key colour (ccos ignores it)

`note_for` is what a command tells the person on stderr (as notes: a warning is success,
shared/docs/cli-contract.md); `ccos doctor` reports each key as an `unknown_key` warning.

It runs on every file a command reads strictly, so the per-model field maps are built once
per model class, and a file without unknown keys costs one dict lookup per key.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, Union, get_args, get_origin

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["UnknownKey", "add_note", "describe", "is_unknown_key_note", "message", "note_for", "unknown_keys"]

Loc = tuple[str | int, ...]

# A file with more unknown keys than this gets that many note lines and one "and N more".
NOTE_LIMIT = 5


@dataclass(frozen=True)
class UnknownKey:
    """One key no field reads. `loc`: its full path from the top of the file (list positions
    as ints, as pydantic reports them), ending with `key`; `suggestion`: the closest known
    key at the same level, or None."""

    loc: Loc
    key: str
    suggestion: str | None = None

    @property
    def dotted(self) -> str:
        return ".".join(str(part) for part in self.loc)


# --- the shape of a model's fields, as far as keys go ------------------------------------------


@dataclass(frozen=True)
class _List:
    item: _Shape


@dataclass(frozen=True)
class _Dict:
    value: _Shape


@dataclass(frozen=True)
class _Union:
    options: tuple[_Shape, ...]


# A model class, a container of one, a union of them; None: a leaf (its keys are not checked).
_Shape: TypeAlias = "type[BaseModel] | _List | _Dict | _Union"


@dataclass(frozen=True)
class _Fields:
    """What one model reads: accepted key -> its shape (None: a leaf), and every accepted key."""

    shapes: Mapping[str, _Shape | None]
    names: tuple[str, ...]
    root: _Shape | None = None  # a RootModel: the shape of the value itself
    is_root: bool = False


_FIELDS: dict[type[Any], _Fields] = {}
_SEQUENCES = (list, tuple, set, frozenset, Sequence)


def _shape(annotation: Any) -> _Shape | None:
    """The part of a type annotation that holds models; None when it holds none."""
    from pydantic import BaseModel

    value = getattr(annotation, "__value__", None)  # a `type X = ...` alias
    if value is not None and type(annotation).__name__ == "TypeAliasType":
        return _shape(value)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin is None:
        return None
    args = get_args(annotation)
    if origin is Annotated:
        return _shape(args[0])
    if origin is Union or origin is types.UnionType:
        options = tuple(found for arg in args if (found := _shape(arg)) is not None)
        if not options:
            return None
        return options[0] if len(options) == 1 else _Union(options)
    if isinstance(origin, type) and issubclass(origin, Mapping):
        inner = _shape(args[1]) if len(args) == 2 else None
        return None if inner is None else _Dict(inner)
    if isinstance(origin, type) and issubclass(origin, _SEQUENCES) and not issubclass(origin, (str, bytes)):
        items = tuple(found for arg in args if arg is not Ellipsis and (found := _shape(arg)) is not None)
        if not items:
            return None
        return _List(items[0] if len(items) == 1 else _Union(items))
    return None


def _accepted(name: str, field: Any, config: Mapping[str, Any]) -> list[str]:
    """The keys that fill this field from a file: its aliases, and its name when that is allowed."""
    from pydantic import AliasChoices, AliasPath

    aliases: list[str] = []
    alias = field.validation_alias if field.validation_alias is not None else field.alias
    choices = alias.choices if isinstance(alias, AliasChoices) else [alias]
    for choice in choices:
        if isinstance(choice, str):
            aliases.append(choice)
        elif isinstance(choice, AliasPath) and choice.path and isinstance(choice.path[0], str):
            aliases.append(choice.path[0])
    if not aliases:
        return [name]
    by_name = bool(config.get("validate_by_name") or config.get("populate_by_name"))
    by_alias = config.get("validate_by_alias", True) is not False
    keys = aliases if by_alias else []
    if by_name or not by_alias:
        keys.append(name)
    return keys


def _fields(model: type[BaseModel]) -> _Fields:
    found = _FIELDS.get(model)
    if found is not None:
        return found
    from pydantic import RootModel

    if issubclass(model, RootModel):
        root = model.model_fields.get("root")
        found = _Fields({}, (), root=_shape(root.annotation) if root else None, is_root=True)
    else:
        shapes: dict[str, _Shape | None] = {}
        for name, field in model.model_fields.items():
            shape = _shape(field.annotation)
            for key in _accepted(name, field, model.model_config):
                shapes.setdefault(key, shape)
        found = _Fields(shapes, tuple(shapes))
    _FIELDS[model] = found
    return found


# --- the walk ----------------------------------------------------------------------------------


def unknown_keys(model: type[BaseModel], data: Mapping[str, Any]) -> list[UnknownKey]:
    """Every key of `data` (parsed TOML) that no field of `model` reads, in file order."""
    found: list[UnknownKey] = []
    _walk(model, data, (), found)
    return found


def _walk(shape: _Shape | None, value: Any, loc: Loc, found: list[UnknownKey]) -> None:
    if shape is None:
        return
    if isinstance(shape, _List):
        if isinstance(value, list | tuple):
            for index, item in enumerate(value):
                _walk(shape.item, item, (*loc, index), found)
        return
    if isinstance(shape, _Dict):
        if isinstance(value, Mapping):
            for key, item in value.items():
                _walk(shape.value, item, (*loc, key), found)
        return
    if isinstance(shape, _Union):
        _walk_union(shape, value, loc, found)
        return
    _walk_model(shape, value, loc, found)


def _walk_model(model: type[BaseModel], value: Any, loc: Loc, found: list[UnknownKey]) -> None:
    fields = _fields(model)
    if fields.is_root:
        _walk(fields.root, value, loc, found)
        return
    if not isinstance(value, Mapping):
        return
    shapes = fields.shapes
    for key, item in value.items():
        if key in shapes:
            _walk(shapes[key], item, (*loc, key), found)
        else:
            found.append(UnknownKey((*loc, key), str(key), _closest(str(key), fields.names)))


def _walk_union(shape: _Union, value: Any, loc: Loc, found: list[UnknownKey]) -> None:
    """The option that reads the most of `value`: fewest unknown keys (the first one on a tie)."""
    best: list[UnknownKey] | None = None
    for option in shape.options:
        if not _fits(option, value):
            continue
        attempt: list[UnknownKey] = []
        _walk(option, value, loc, attempt)
        if best is None or len(attempt) < len(best):
            best = attempt
        if not best:
            break
    found.extend(best or ())


def _fits(shape: _Shape, value: Any) -> bool:
    if isinstance(shape, _List):
        return isinstance(value, list | tuple)
    if isinstance(shape, _Dict):
        return isinstance(value, Mapping)
    if isinstance(shape, _Union):
        return any(_fits(option, value) for option in shape.options)
    return _fields(shape).is_root or isinstance(value, Mapping)


def _closest(key: str, known: tuple[str, ...]) -> str | None:
    if not known:
        return None
    import difflib

    lowered = {name.lower(): name for name in reversed(known)}
    if key.lower() in lowered:
        return lowered[key.lower()]
    close = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


# --- what a person reads -----------------------------------------------------------------------


def message(unknown: UnknownKey) -> str:
    """`unknown key budget.weekly_hour (did you mean weekly_hours?)`, without the file and line."""
    from ccos.i18n import tr
    from ccos.render.text import printable

    key = printable(unknown.dotted)
    if unknown.suggestion:
        return tr("unknown key {key} (did you mean {known}?)").format(key=key, known=printable(unknown.suggestion))
    return tr("unknown key {key} (ccos ignores it)").format(key=key)


def line_of(text: str, unknown: UnknownKey, first_line: int = 1) -> int | None:
    """The line of the file where the key is written (`text` starts at `first_line`), or None."""
    from ccos.storage.strict_read import find_key_line

    line = find_key_line(text, unknown.loc)
    return line + first_line - 1 if line else None


def describe(path_shown: str | PathLike[str], text: str, unknown: Sequence[UnknownKey], first_line: int = 1) -> str:
    """One line per key: `ccos.toml:12: unknown key weekly_hour (did you mean weekly_hours?)`.

    `text` is what was parsed (a front matter: its text, with `first_line` the file's line
    where it starts); without a line found, `ccos.toml: unknown key ...`.
    """
    from ccos.render.text import printable

    shown = printable(str(path_shown))
    lines = []
    for key in unknown:
        line = line_of(text, key, first_line)
        lines.append(f"{shown}{f':{line}' if line else ''}: {message(key)}")
    return "\n".join(lines)


def note_for(
    path_shown: str | PathLike[str], text: str, data: Mapping[str, Any], model: type[BaseModel], first_line: int = 1
) -> str | None:
    """What a command tells the person about a file it read and validated, or None (no unknown key).

    One line per key (at most NOTE_LIMIT, then `FILE: and N more unknown keys ...`): the
    caller adds each line as its own note, once (`add_note(self.notes, note)`; notes go to
    stderr, one `note: ` line each, never into `--json` output). Takes exactly what
    `Workspace.validate` gets. When `text` is the whole markdown file (it starts with the
    `+++` fence) rather than its front matter, its line numbers are already the file's.
    """
    found = unknown_keys(model, data)
    if not found:
        return None
    if first_line > 1 and _starts_with_fence(text):
        first_line = 1
    note = describe(path_shown, text, found[:NOTE_LIMIT], first_line)
    more = len(found) - NOTE_LIMIT
    if more > 0:
        from ccos.i18n import ntr
        from ccos.render.text import printable

        rest = ntr(
            "and {n} more unknown key (`ccos doctor` lists them all)",
            "and {n} more unknown keys (`ccos doctor` lists them all)",
            more,
        ).format(n=more)
        note += f"\n{printable(str(path_shown))}: {rest}"
    _WRITTEN.update(note.splitlines())
    return note


def add_note(notes: list[str], note: str | None) -> None:
    """Add each line of `note` to `notes` (Workspace.notes) unless it is there already: an
    edit validates a file twice (as read, and as it will be written); the person hears once."""
    for line in note.splitlines() if note else ():
        if line not in notes:
            notes.append(line)


def _starts_with_fence(text: str) -> bool:
    from ccos.storage.markdown import FENCE

    return text.split("\n", 1)[0].strip() == FENCE


_NOTE = re.compile(r": (unknown key .* \((did you mean .*\?|ccos ignores it)\)|and \d+ more unknown keys \(.*\))$")


_WRITTEN: set[str] = set()  # the lines note_for wrote in this process, in whatever language


def is_unknown_key_note(note: str) -> bool:
    """True for a line `note_for` wrote (doctor drops those: it reports the keys itself)."""
    return note in _WRITTEN or _NOTE.search(note) is not None

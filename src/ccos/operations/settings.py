"""`ccos config get|set KEY`: read and change one key of `ccos.toml` by its dotted name.

Keys are the fields of the `Config` model (`budget.weekly_hours`, `sync.autocommit`,
`estimates.sharing.article`, ...). A set is a round-trip edit with tomlkit: only that
key's value changes; comments, unknown keys and key order stay. A new key goes after
its table's last key, and a new table where ccos.toml shows it as a commented sample
(replacing the sample). The new file is
validated with the model before it is written, so a wrong type never reaches the disk.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ccos.errors import InvalidInput
from ccos.i18n import tr
from ccos.models.config import Config
from ccos.storage.workspace import Workspace

READ_ONLY = {
    "schema_version": "ccos sets it when it migrates the workspace",
    "workspace_id": "ccos sets it when it migrates the workspace",
}


@dataclass(frozen=True)
class KeyInfo:
    """Where a dotted key leads: a value (with its annotation), a section or a table of kinds."""

    key: str
    parts: tuple[str, ...]
    annotation: Any
    section: bool  # a model or a dict: has keys of its own


@dataclass(frozen=True)
class SettingValue:
    key: str
    value: Any
    source: Literal["file", "default"]
    section: bool


@dataclass(frozen=True)
class SettingChange:
    key: str
    old: Any
    new: Any
    changed: bool


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def known_keys(model: type[BaseModel] = Config, prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        annotation = _strip_optional(field.annotation)
        if _is_model(annotation):
            keys.extend(known_keys(annotation, f"{prefix}{name}."))
        else:
            keys.append(f"{prefix}{name}")
    return keys


def _unknown(key: str, hint_keys: list[str]) -> InvalidInput:
    close = difflib.get_close_matches(key, hint_keys, n=3, cutoff=0.6)
    if close:
        hint = tr("did you mean {keys}?").format(keys=tr(" or ").join(close))
    else:
        hint = tr("see the keys with `ccos config get .` or docs/sync.md")
    return InvalidInput(tr("unknown key {key} in ccos.toml").format(key=repr(key)), hint)


def resolve_key(key: str) -> KeyInfo:
    parts = tuple(key.strip().split("."))
    if not key.strip() or any(not part for part in parts):
        raise InvalidInput(
            tr("invalid KEY {key}").format(key=repr(key)), tr("give a dotted name such as budget.weekly_hours")
        )
    annotation: Any = Config
    for index, part in enumerate(parts):
        if _is_model(annotation):
            fields = annotation.model_fields
            if part not in fields:
                raise _unknown(key, known_keys())
            annotation = _strip_optional(fields[part].annotation)
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
        else:
            raise InvalidInput(
                tr("{value} is a single value, not a section, so {key} does not exist").format(
                    value=".".join(parts[:index]), key=repr(key)
                ),
                tr("use {value}").format(value=".".join(parts[:index])),
            )
    section = _is_model(annotation) or typing.get_origin(annotation) is dict
    return KeyInfo(key=".".join(parts), parts=parts, annotation=annotation, section=section)


def _dig(data: Any, parts: tuple[str, ...]) -> Any:
    for part in parts:
        if isinstance(data, BaseModel):
            data = getattr(data, part, None) if part in type(data).model_fields else (data.model_extra or {}).get(part)
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def get_value(workspace: Workspace, key: str) -> SettingValue:
    config = workspace.config()
    file_data = workspace.read_toml(workspace.config_path)
    parts = tuple(key.strip().split("."))
    in_file = _present(file_data, parts)
    if key.strip() in (".", ""):
        return SettingValue(".", config.model_dump(mode="json"), "file", True)
    try:
        info = resolve_key(key)
    except InvalidInput:
        if in_file:  # a key of the person's own, kept by ccos
            value = _dig(file_data, parts)
            return SettingValue(key, value, "file", isinstance(value, dict))
        raise
    value = _dig(config, info.parts)
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    return SettingValue(info.key, value, "file" if in_file else "default", info.section)


def _present(data: dict[str, Any], parts: tuple[str, ...]) -> bool:
    current: Any = data
    for part in parts:
        if not isinstance(current, dict) or part not in current:
            return False
        current = current[part]
    return True


def _accepts_str(annotation: Any) -> bool:
    if annotation is str:
        return True
    if typing.get_origin(annotation) is Literal:
        return all(isinstance(arg, str) for arg in typing.get_args(annotation))
    return False


def parse_value(info: KeyInfo, raw: str) -> Any:
    """VALUE as the person meant it: text for text keys, else a TOML value (8, true, ["a"])."""
    text = raw.strip()
    try:
        literal: Any = tomllib.loads(f"v = {text}")["v"]
        parsed = True
    except (tomllib.TOMLDecodeError, RecursionError):  # `[[[[...` 1,000 deep: not a value, just text
        literal, parsed = None, False
    if _accepts_str(info.annotation):
        return literal if parsed and isinstance(literal, str) else raw
    if typing.get_origin(info.annotation) is list:
        if parsed and isinstance(literal, list):
            return literal
        return [part.strip() for part in raw.split(",") if part.strip()]
    return literal if parsed else raw


def _describe(error: ValidationError) -> str:
    from ccos import i18n
    from ccos.storage.strict_read import _pydantic_message

    first = error.errors(include_url=False)[0]
    if i18n.language() != "en":  # pydantic's words, translated for the common kinds
        return _pydantic_message(first)
    message = str(first["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message


def _check_type(info: KeyInfo, raw: str, candidate: Any) -> None:
    """Strict types: `true` is not a number and `1` is not a yes (the model's lax mode would say so)."""
    from pydantic import ConfigDict, TypeAdapter

    try:
        TypeAdapter(info.annotation, config=ConfigDict(strict=True)).validate_python(candidate)
    except ValidationError as exc:
        raise InvalidInput(
            tr("invalid value for {key}: {value}: {problem}").format(
                key=info.key, value=repr(raw), problem=_describe(exc)
            ),
            tr("nothing was changed"),
        ) from None


def set_value(workspace: Workspace, key: str, raw: str) -> SettingChange:
    import tomlkit

    info = resolve_key(key)
    if info.key in READ_ONLY:
        raise InvalidInput(
            tr("{key} cannot be set by hand").format(key=info.key), tr("ccos sets it when it migrates the workspace")
        )
    if info.section:
        children = [name for name in known_keys() if name.startswith(info.key + ".")]
        example = ", ".join(children[:4]) or f"{info.key}.KIND"
        raise InvalidInput(
            tr("{key} is a section, not a single value").format(key=info.key),
            tr("set one of its keys, e.g. {example}").format(example=example),
        )
    candidate = parse_value(info, raw)
    _check_type(info, raw, candidate)

    with workspace.locked("config set"):
        old_config = workspace.config()
        text = workspace.read_text(workspace.config_path)
        data = tomllib.loads(text)
        _put(data, info.parts, candidate)
        try:
            new_config = Config.model_validate(data)
        except ValidationError as exc:
            raise InvalidInput(
                tr("invalid value for {key}: {value}: {problem}").format(
                    key=info.key, value=repr(raw), problem=_describe(exc)
                ),
                tr("nothing was changed; see `ccos config get {key}` for the current value").format(key=info.key),
            ) from None
        canonical = _dig(new_config, info.parts)
        keep_int = isinstance(candidate, int) and not isinstance(candidate, bool) and isinstance(canonical, float)
        value = candidate if keep_int else canonical
        new_text = _with_new_table(text, info.parts, value)
        if new_text is None:
            doc = tomlkit.parse(text)
            _put_document(doc, info.parts, value)
            new_text = tomlkit.dumps(doc)
        workspace.validate(workspace.config_path, new_text, tomllib.loads(new_text), Config)
        old = _dig(old_config, info.parts)
        if new_text != text:
            workspace.write_text(workspace.config_path, new_text)
    return SettingChange(key=info.key, old=old, new=canonical, changed=new_text != text)


def _put(data: dict[str, Any], parts: tuple[str, ...], value: Any) -> None:
    for part in parts[:-1]:
        child = data.get(part)
        if not isinstance(child, dict):
            child = {}
            data[part] = child
        data = child
    data[parts[-1]] = value


def _put_document(doc: Any, parts: tuple[str, ...], value: Any) -> None:
    import tomlkit

    container = doc
    for part in parts[:-1]:
        if part not in container:
            container[part] = tomlkit.table()
        container = container[part]
    if value is None:
        if parts[-1] in container:
            del container[parts[-1]]
        return
    container[parts[-1]] = value


_TABLE_LINE = re.compile(r"^[ \t]*\[")
_COMMENTED_KEY = re.compile(r"^[ \t]*#[ \t]*[A-Za-z0-9_\"'-][^=\n]*=")


def _header_pattern(parts: tuple[str, ...], *, commented: bool) -> re.Pattern[str]:
    dotted = r"[ \t]*\.[ \t]*".join(re.escape(part) for part in parts)
    lead = r"[ \t]*#[ \t]*" if commented else r"[ \t]*"
    tail = r"[ \t]*$" if commented else r"[ \t]*(#.*)?$"
    return re.compile(rf"^{lead}\[[ \t]*{dotted}[ \t]*\]{tail}")


def _newline(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\n"


def _last_key_line(lines: list[str], header: int) -> int:
    """The last line of the table whose header is `lines[header]` that is not a comment or
    blank: what follows it (a blank line, the next section's comment) is the next section's."""
    last = header
    for index in range(header + 1, len(lines)):
        if _TABLE_LINE.match(lines[index]):
            break
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            last = index
    return last


def _insert_after(lines: list[str], index: int, text: str) -> list[str]:
    before = lines[: index + 1]
    if before and not before[-1].endswith(("\n", "\r")):
        before[-1] += _newline(lines[index - 1] if index > 0 else "\n")
    return [*before, text, *lines[index + 1 :]]


def _find(lines: list[str], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if pattern.match(line.rstrip("\r\n"))), None)


def _with_new_table(text: str, parts: tuple[str, ...], value: Any) -> str | None:
    """The file with a key or table the set adds written where it belongs.

    tomlkit appends a new key or table after everything its parent holds, comments
    included, so it would land under the next section's comment (and a new table beside
    the commented sample it stands for). Instead: a new key goes right after its table's
    last key; a new table (`[budget.streams]`) replaces ccos.toml's commented sample of
    it (`# [budget.streams]` and its `# key = value` lines; the explanation above stays),
    or else goes right after its parent table's last key. Every other byte stays. None
    (tomlkit's edit is used) when the key exists, is removed, is not under a `[table]`
    header, or the edited text would not read back as the file with that one key set.
    """
    import tomlkit

    table = parts[:-1]
    expected = tomllib.loads(text)
    if value is None or not table or _present(expected, parts):
        return None
    exists = _present(expected, table)
    _put(expected, parts, value)
    lines = text.splitlines(keepends=True)
    entry = f"{tomlkit.key(parts[-1]).as_string()} = {tomlkit.item(value).as_string()}"
    header = "[" + ".".join(tomlkit.key(part).as_string() for part in table) + "]"
    if exists:
        found = _find(lines, _header_pattern(table, commented=False))
        if found is None:
            return None
        last = _last_key_line(lines, found)
        new_lines = _insert_after(lines, last, entry + _newline(lines[last]))
    elif (found := _find(lines, _header_pattern(table, commented=True))) is not None:
        end = found + 1
        while end < len(lines) and _COMMENTED_KEY.match(lines[end]):
            end += 1
        nl = _newline(lines[found])
        new_lines = [*lines[:found], f"{header}{nl}{entry}{nl}", *lines[end:]]
    else:
        parent = _find(lines, _header_pattern(table[:-1], commented=False)) if len(table) > 1 else None
        if parent is None:
            return None
        last = _last_key_line(lines, parent)
        nl = _newline(lines[last])
        new_lines = _insert_after(lines, last, f"{nl}{header}{nl}{entry}{nl}")
    new_text = "".join(new_lines)
    try:
        if tomllib.loads(new_text) != expected:
            return None
    except tomllib.TOMLDecodeError:
        return None
    return new_text

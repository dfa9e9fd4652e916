"""Read workspace files strictly: never treat an unreadable file as empty (Watson #499).

Every check names the file and, where it can, the line and column, so a person who
broke a file by hand is told exactly where.
"""

from __future__ import annotations

import re
import tomllib
from itertools import pairwise
from pathlib import Path
from typing import Any

from ccos.errors import InvalidFile
from ccos.i18n import tr
from ccos.words import count

_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_MARKERS = ("<" * 7, "=" * 7, ">" * 7, "|" * 7)  # a fast test before the line-by-line search
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_EOF = re.compile(r"\(at end of document\)")


def decode_strict(path: Path, data: bytes) -> str:
    """Bytes to text, refusing what a person did not mean to save."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidFile(path, tr("file is UTF-16, not UTF-8"), hint=tr("save it as UTF-8 and run again"))
    if data.startswith(b"\xef\xbb\xbf"):
        raise InvalidFile(
            path,
            tr("file starts with a byte-order mark (BOM)"),
            line=1,
            column=1,
            hint=tr("save it as UTF-8 without a BOM and run again"),
        )
    if not data.strip():
        raise InvalidFile(
            path,
            tr("file is empty"),
            hint=tr("get an earlier version back with `ccos restore FILE --list` (backups and git)"),
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InvalidFile(
            path,
            tr("file holds NUL bytes (it may be truncated or damaged)"),
            line=line,
            hint=tr("get an earlier version back with `ccos restore FILE --list` (backups and git)"),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InvalidFile(
            path, tr("file is not valid UTF-8"), line=line, column=column, hint=tr("save it as UTF-8 and run again")
        ) from None
    conflict = _CONFLICT.search(text) if any(marker in text for marker in _MARKERS) else None
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        raise InvalidFile(
            path,
            tr("file holds git conflict markers"),
            line=line,
            hint=tr("resolve the conflict (keep the lines you want, delete the markers) and run again"),
        )
    return text


# Nesting: tomllib, tomlkit, json and the walks over parsed data recurse once per level, so
# 1 KB of `[[[[...` (or a 5,000-part `[a.a.a...]` header) ends in RecursionError. No ccos
# file nests deeper than 4 levels; 32 leaves room for anything a person writes by hand.
MAX_DEPTH = 32
# A JSON workspace document holds TOML data 4 levels down (the document, files, a file, data).
MAX_JSON_DEPTH = 64

_TOKEN = re.compile(r"""["'#\[\]{}=,.\n]""")
_HEADER_START = re.compile(r"[ \t]*(\[\[?)")
_BASIC_END = re.compile(r'\\.|["\n]')
_MULTI_BASIC_END = re.compile(r'\\.|"""', re.DOTALL)
_LITERAL_END = re.compile(r"['\n]")
_TOML_LEVELS = "arrays, tables or dotted keys"
_FLATTEN = "flatten the file by hand (or restore it with `ccos restore FILE --list`) and run again"


def _too_deep(
    path: Path, text: str, position: int | None, first_line: int, limit: int, what: str = _TOML_LEVELS
) -> InvalidFile:
    """The error for nesting beyond `limit`, at the line of `position` (None: the line is not known)."""
    line = None if position is None else text.count("\n", 0, position) + first_line
    return InvalidFile(path, f"nesting deeper than {limit} levels of {what}", line=line, hint=_FLATTEN)


def _skip_string(text: str, start: int) -> int:
    """The position just after the string that opens at `start` (or at the end of its line if unclosed)."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        if quote == '"':
            position = start + 3
            while True:
                found = _MULTI_BASIC_END.search(text, position)
                if found is None:
                    return len(text)
                position = found.end()
                if found.group() == '"""':
                    break
        else:
            close = text.find("'''", start + 3)
            if close < 0:
                return len(text)
            position = close + 3
        extra = 0  # up to two more quotes belong to the content: `'''a'''''` is "a''"
        while extra < 2 and text.startswith(quote, position):
            position, extra = position + 1, extra + 1
        return position
    pattern = _BASIC_END if quote == '"' else _LITERAL_END
    position = start + 1
    while True:
        found = pattern.search(text, position)
        if found is None:
            return len(text)
        if found.group() == "\n":
            return found.start()
        position = found.end()
        if found.group() == quote:
            return position


def _may_nest_deeper(text: str, limit: int) -> bool:
    """False when the text cannot nest deeper than `limit`: every level needs a `[`, `{` or `.`."""
    return text.count("[") + text.count("{") + text.count(".") > limit


def _header_depth(parts: tuple[str, ...], array: bool, arrays: set[tuple[str, ...]]) -> int:
    """Containers a table header makes: its parts, plus one for each array of tables on the way.

    Parts are compared as written, quotes dropped (`"a"` is `a`; escapes are not decoded: a
    best effort that `parse_toml`'s check of the parsed data backs up).
    """
    through = sum(1 for end in range(1, len(parts) + (0 if array else 1)) if parts[:end] in arrays)
    if array:
        arrays.add(parts)
    return len(parts) + through + (1 if array else 0)


def check_toml_depth(path: Path, text: str, *, first_line: int = 1, limit: int = MAX_DEPTH) -> None:
    """Refuse TOML that nests deeper than `limit` containers, in one linear pass before parsing.

    Depth counts what the parsed data will hold: each table-header part (`[[x]]` adds the
    array too), each dotted-key part before the last, each array and inline table. Strings
    and comments are skipped; the scan only needs to be right for text that parses, because
    `parse_toml` also checks the parsed data (so a scan that is fooled is still caught).
    """
    if not _may_nest_deeper(text, limit):
        return
    header = 0  # containers made by the current table header
    arrays: set[tuple[str, ...]] = set()  # the arrays of tables seen so far
    opened_at, array, dots = 0, False, [0]
    kinds: list[str] = []  # the open arrays and inline tables
    added: list[int] = []  # the levels each of them added
    total = 0  # sum(added)
    pending = 0  # parts of the key whose value comes next
    parts = 0  # parts of the key being read
    mode = "start"
    position = 0
    while position <= len(text):
        if mode == "start":
            opened = _HEADER_START.match(text, position)
            if opened:
                header = len(opened.group(1))
                mode, position = "header", opened.end()
                opened_at, array, dots = position, header == 2, []
            else:
                mode, parts = "key", 1
        found = _TOKEN.search(text, position)
        if found is None:
            return
        char, where = found.group(), found.start()
        position = found.end()
        if char in "\"'":
            position = _skip_string(text, where)
        elif char == "#":
            end = text.find("\n", where)
            position = len(text) if end < 0 else end
        elif char == "\n":
            if not kinds:
                mode, pending = "start", 0
        elif mode == "header":
            if char == ".":
                header += 1
                dots.append(where)
                if header > limit:
                    raise _too_deep(path, text, where, first_line, limit)
            elif char == "]":
                bounds = [opened_at - 1, *dots, where]
                names = tuple(text[a + 1 : b].strip().strip("\"'") for a, b in pairwise(bounds))
                header = _header_depth(names, array, arrays)
                if header > limit:
                    raise _too_deep(path, text, where, first_line, limit)
                mode = "rest"
        elif mode == "rest":
            continue
        elif char == "." and mode == "key":
            parts += 1
            if header + total + parts - 1 > limit:
                raise _too_deep(path, text, where, first_line, limit)
        elif char == "=" and mode == "key":
            mode, pending = "value", parts
        elif char in "[{":
            step = max(pending, 1)
            if header + total + step > limit:
                raise _too_deep(path, text, where, first_line, limit)
            kinds.append(char)
            added.append(step)
            total += step
            pending = 0
            mode, parts = ("key", 1) if char == "{" else ("value", 0)
        elif char in "]}":
            if kinds:
                kinds.pop()
                total -= added.pop()
            mode, pending = ("value" if kinds else "rest"), 0
        elif char == ",":
            mode, parts, pending = ("key", 1, 0) if kinds and kinds[-1] == "{" else ("value", 0, 0)


_JSON_TOKEN = re.compile(r'[\[\]{}"]')
_JSON_IN_STRING = re.compile(r'[\\"]')


def _json_too_deep_at(text: str, limit: int) -> int:
    """Where JSON text first nests deeper than `limit` (-1 if it does not): one linear pass."""
    depth = 0
    position = 0
    while True:
        found = _JSON_TOKEN.search(text, position)
        if found is None:
            return -1
        char, position = found.group(), found.end()
        if char == '"':
            while True:  # to the closing quote; one step per escape, constant memory
                inside = _JSON_IN_STRING.search(text, position)
                if inside is None:
                    return -1
                position = inside.end() + (1 if inside.group() == "\\" else 0)
                if inside.group() == '"':
                    break
        elif char in "[{":
            depth += 1
            if depth > limit:
                return found.start()
        elif depth:
            depth -= 1


def parse_json(path: Path | str, text: str, *, hint: str = _FLATTEN) -> Any:
    """JSON from outside ccos: a syntax error names FILE:LINE:COLUMN, nesting beyond MAX_JSON_DEPTH is refused.

    The C parser runs first (fast, and it stops at Python's recursion limit with an
    exception); only a document that nests too deep is scanned again to name the line.
    """
    import json

    try:
        data = json.loads(text)
        deep = data_depth(data) + 1 > MAX_JSON_DEPTH  # the top array or object counts here
    except RecursionError:
        deep = True
    except json.JSONDecodeError as exc:
        raise InvalidFile(path, f"not JSON ({exc.msg})", line=exc.lineno, column=exc.colno, hint=hint) from None
    if deep:
        where = _json_too_deep_at(text, MAX_JSON_DEPTH)
        raise InvalidFile(
            path,
            f"nesting deeper than {MAX_JSON_DEPTH} levels of arrays and objects",
            line=text.count("\n", 0, where) + 1 if where >= 0 else None,
            hint=hint,
        )
    return data


def data_depth(value: Any) -> int:
    """How many containers deep `value` nests (the top one not counted), without recursing."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def parse_toml(path: Path, text: str, *, first_line: int = 1) -> dict[str, Any]:
    """TOML to a dict; a syntax error becomes FILE:LINE:COLUMN, nesting beyond MAX_DEPTH an error too."""
    check_toml_depth(path, text, first_line=first_line)
    try:
        data = tomllib.loads(text)
    except RecursionError:  # the scan above should make this unreachable; never a traceback
        raise _too_deep(path, text, None, first_line, MAX_DEPTH) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        problem = _TOML_POSITION.sub("", message).strip().rstrip(".") or "invalid TOML"
        problem = _toml_problem(problem)
        if position:
            raise InvalidFile(
                path, problem, line=int(position.group(1)) + first_line - 1, column=int(position.group(2))
            ) from None
        if _TOML_EOF.search(message):
            problem = _TOML_EOF.sub("", problem).strip()
            raise InvalidFile(path, problem, line=text.count("\n") + first_line) from None
        raise InvalidFile(path, problem) from None
    if _may_nest_deeper(text, MAX_DEPTH) and data_depth(data) > MAX_DEPTH:
        raise _too_deep(path, text, None, first_line, MAX_DEPTH)
    return data


def find_key_line(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best effort: the line where the key at `loc` is written (for validation errors)."""
    if not loc:
        return None
    lines = text.splitlines()
    table: list[str] = []
    array_counts: dict[str, int] = {}
    array_index: dict[str, int] = {}
    header = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    want_path = [str(part) for part in loc if isinstance(part, str)]
    want_indexes = [part for part in loc if isinstance(part, int)]
    best: int | None = None
    for number, raw in enumerate(lines, start=1):
        match = header.match(raw)
        if match:
            name = [p.strip().strip('"') for p in match.group(2).split(".")]
            table = name
            if match.group(1) == "[[":
                key = ".".join(name)
                array_counts[key] = array_counts.get(key, -1) + 1
                array_index[key] = array_counts[key]
            if table == want_path and best is None:
                best = number
            continue
        key_match = re.match(r'^\s*("?)([^="]+)\1\s*=', raw)
        if not key_match:
            continue
        full = [*table, *[p.strip() for p in key_match.group(2).split(".")]]
        if full != want_path:
            if full == want_path[: len(full)] and best is None:
                best = number
            continue
        arrays = [array_index.get(".".join(table[: i + 1])) for i in range(len(table))]
        arrays = [a for a in arrays if a is not None]
        if want_indexes and arrays and arrays[: len(want_indexes)] != want_indexes[: len(arrays)]:
            continue
        return number
    return best


def describe_validation_error(path: Path, text: str, error: Any, *, first_line: int = 1) -> InvalidFile:
    """The first pydantic error as one line: FILE:LINE: key: what is wrong."""
    errors = error.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    key = ".".join(str(p) for p in loc) or None
    line = find_key_line(text, loc)
    message = _pydantic_message(first)
    more = len(errors) - 1
    if more:
        message += tr(" (and {problems} in this file)").format(problems=count(more, "more problem", "more problems"))
    return InvalidFile(path, message, line=line + first_line - 1 if line else None, key=key)


def _pydantic_message(first: Any) -> str:
    """One pydantic error in the person's language: the common kinds are translated (English
    keeps pydantic's own words); a model's own `ValueError` text is shown as it was raised."""
    from ccos import i18n

    message = str(first["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    kind = str(first["type"])
    found = repr(first.get("input"))
    context = first.get("ctx") or {}
    if kind == "missing":
        return tr("this key is required")
    if kind == "extra_forbidden":
        return tr("unknown key")
    if i18n.language() != "en":
        expected = context.get("expected")
        limit = next((context[name] for name in ("ge", "gt", "le", "lt") if name in context), None)
        translated = {
            "literal_error": tr("use one of {expected} (found {found})"),
            "enum": tr("use one of {expected} (found {found})"),
            "int_parsing": tr("should be a whole number (found {found})"),
            "int_type": tr("should be a whole number (found {found})"),
            "int_from_float": tr("should be a whole number (found {found})"),
            "float_parsing": tr("should be a number (found {found})"),
            "float_type": tr("should be a number (found {found})"),
            "bool_parsing": tr("should be true or false (found {found})"),
            "bool_type": tr("should be true or false (found {found})"),
            "string_type": tr("should be text in quotes (found {found})"),
            "list_type": tr("should be a list [...] (found {found})"),
            "dict_type": tr("should be a table (found {found})"),
            "date_parsing": tr("should be a date YYYY-MM-DD (found {found})"),
            "date_from_datetime_parsing": tr("should be a date YYYY-MM-DD (found {found})"),
            "date_type": tr("should be a date YYYY-MM-DD (found {found})"),
            "greater_than_equal": tr("should be at least {limit} (found {found})"),
            "greater_than": tr("should be more than {limit} (found {found})"),
            "less_than_equal": tr("should be at most {limit} (found {found})"),
            "less_than": tr("should be less than {limit} (found {found})"),
        }.get(kind)
        if translated is not None:
            return translated.format(expected=str(expected).replace(" or ", ", "), found=found, limit=limit)
    if kind == "literal_error":
        return tr("{message} (found {found})").format(message=message, found=found)
    if "input" in first and kind.endswith(("_type", "_parsing")):
        return tr("{message} (found {found})").format(message=message, found=found)
    return message


def _toml_problem(problem: str) -> str:
    """Python's TOML parser's description, in the person's language for the usual mistakes."""
    from ccos import i18n

    if i18n.language() != "en":
        known = {
            "Invalid value": tr("not a valid value"),
            "Expected '=' after a key in a key/value pair": tr("a key without `= value`"),
            "Unterminated string": tr("a text not closed with its quote"),
            "Cannot overwrite a value": tr("a key written twice"),
            "Unclosed inline table": tr("an inline table left open"),
            "Unclosed array": tr("a list not closed with ]"),
            "Expected newline or end of document after a statement": tr("more text after a value on the same line"),
            "Invalid statement": tr("a line that is neither `key = value` nor a [table]"),
        }
        for english, translated in known.items():
            if problem.startswith(english):
                return tr("TOML syntax error: {problem}").format(problem=translated)
        if problem.startswith("Cannot declare") and problem.endswith("twice"):
            return tr("TOML syntax error: {problem}").format(problem=tr("a table declared twice"))
    # i18n: {problem} is Python's TOML parser's own (English) description
    return tr("TOML syntax error: {problem}").format(problem=problem[0].lower() + problem[1:])

"""Hand edits gone wrong, in every kind of file, under every write command.

For each kind of file in `FILE_KINDS` (found in the populated workspace, so a new kind is
covered as soon as the workspace has one) and each way a person breaks a file, the write
commands run against the broken workspace. Promise: exit 0 or 2 (never a crash), the
broken file is never written over (Watson #499, jrnl #490), and on exit 2 the workspace is
byte-for-byte unchanged and the message names the file. A command of the file's own noun
must refuse (exit 2): it cannot have read the file as "no data".

The default run takes the commands of the file's noun plus three others in rotation per
case; CCOS_ADVERSARIAL_FULL=1 runs every write command against every case.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import tomlkit
import tomlkit.exceptions

from ccos.storage.file_kinds import file_kinds
from tests.adversarial.workspace import WRITE_COMMANDS, argv, copy_workspace, invoke
from tests.conftest import snapshot

FULL = os.environ.get("CCOS_ADVERSARIAL_FULL", "") not in ("", "0")
_DATE = re.compile(rb"(?m)^(\w+ = )(\d{4}-\d{2}-\d{2})")


def _front(data: bytes) -> tuple[bytes, bytes, bytes]:
    """(before, TOML part, after) of a TOML file or a markdown file's front matter."""
    if data.startswith(b"+++\n"):
        end = data.index(b"\n+++", 4)
        return data[:4], data[4 : end + 1], data[end + 1 :]
    return b"", data, b""


def _edit_toml(data: bytes, change: Callable[[tomlkit.TOMLDocument], bool]) -> bytes | None:
    head, front, tail = _front(data)
    try:
        doc = tomlkit.parse(front.decode("utf-8"))
    except tomlkit.exceptions.ParseError:
        return None  # not TOML (a piece's free notes)
    if not change(doc):
        return None
    return head + tomlkit.dumps(doc).encode("utf-8") + tail


def _wrong_type(data: bytes) -> bytes | None:
    def change(doc: tomlkit.TOMLDocument) -> bool:
        for table in [doc, *[v for v in doc.values() if isinstance(v, dict)]]:
            for key, value in list(table.items()):
                if isinstance(value, str):
                    table[key] = [1, 2]
                    return True
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    table[key] = "many"
                    return True
        items = doc.get("items") or doc.get("tasks")
        if items:
            items[0]["text"] = 42
            return True
        return False

    return _edit_toml(data, change)


ENUM_KEYS = ("scope", "stage", "kind", "format", "status", "language", "stream", "phase", "state", "week", "period")


def _unknown_enum(data: bytes) -> bytes | None:
    def change(doc: tomlkit.TOMLDocument) -> bool:
        tables = [doc, *[v for v in doc.values() if isinstance(v, dict)]]
        for array in ("items", "tasks", "actions"):
            if doc.get(array):
                tables.append(doc[array][0])
        for table in tables:
            for key in ENUM_KEYS:
                if key in table and isinstance(table[key], str):
                    table[key] = "bogus-value"
                    return True
        return False

    return _edit_toml(data, change)


def _impossible_date(data: bytes) -> bytes | None:
    if not _DATE.search(data):
        return None
    return _DATE.sub(rb"\g<1>2026-02-30", data, count=1)


def _conflict(data: bytes) -> bytes:
    lines = data.split(b"\n")
    middle = max(1, len(lines) // 2)
    return b"\n".join(
        [
            *lines[:middle],
            b"<<<<<<< HEAD",
            lines[middle],
            b"=======",
            b"# theirs",
            b">>>>>>> origin/main",
            *lines[middle + 1 :],
        ]
    )


CORRUPTIONS: dict[str, Callable[[bytes], bytes | None]] = {
    "empty": lambda data: b"",
    "whitespace": lambda data: b"\n  \n",
    "nul": lambda data: data[: len(data) // 2] + b"\x00\x00" + data[len(data) // 2 :],
    "truncated": lambda data: data[: len(data) // 2],
    "bom": lambda data: b"\xef\xbb\xbf" + data,
    "utf16": lambda data: data.decode("utf-8").encode("utf-16"),
    "latin1": lambda data: data + "\n# caf\u00e9\n".encode("latin-1"),
    "conflict": _conflict,
    "wrong_type": _wrong_type,
    "unknown_enum": _unknown_enum,
    "impossible_date": _impossible_date,
    "toml_syntax": lambda data: data + b"\n[broken\n",
}


def _kind_files(template: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(template.rglob("*")):
        relative = path.relative_to(template).as_posix()
        if not path.is_file() or relative.startswith(".") or "/." in relative:
            continue
        for kind in file_kinds():
            if kind.matches(relative) and kind.pattern not in found:
                found[kind.pattern] = relative
    return found


ALL_SHARE = {c for c in WRITE_COMMANDS if c[0] == "share"}
ALL_MENTEE = {c for c in WRITE_COMMANDS if c[0] == "mentee"}
ALL_EVENT = {c for c in WRITE_COMMANDS if c[0] == "event"}
ALL_REVIEW = {c for c in WRITE_COMMANDS if c[0] == "review"}
ALL_COMMUNITY = {c for c in WRITE_COMMANDS if c[0] == "community"}
ALL_MEMBER = {c for c in WRITE_COMMANDS if c[0] == "member"}
# The write commands that certainly read a file of this kind (in the populated workspace):
# on a broken file they must exit 2, never read it as empty. (`restore` is the repair tool:
# it works on a workspace whose ccos.toml is broken.)
READERS: dict[str, set[tuple[str, ...]]] = {
    "ccos.toml": set(WRITE_COMMANDS) - {("restore",)},
    "checklists/kickoff.toml": ALL_REVIEW,  # a review plans the week: the kick-off list is in it
    "checklists/*.toml": {("checklist", "carry")},  # 2026-W46, read by carry
    "templates/checklists/*.toml": set(),  # read only for a period without a file
    "sharing/*.toml": ALL_SHARE,
    "sharing/*.md": set(),  # free notes, read by `share edit --edit` only
    "mentees/*/mentee.toml": ALL_MENTEE,  # ada
    "mentees/*/sessions/*.md": {("mentee", "log"), ("mentee", "done")},
    "events/*.toml": ALL_EVENT,  # meetup-next
    "templates/playbooks/*.toml": set(),  # mini.toml, no command uses it by name
    "communities/*.toml": ALL_COMMUNITY | {("member", "add")} | ALL_REVIEW,  # rust-berlin
    "members/*.toml": ALL_MEMBER | ALL_REVIEW,  # li-lei
    "templates/stages/*.toml": set(),  # need.toml, no command uses it by name
    "checkins/*.toml": ALL_REVIEW,
    "reviews/*.md": set(),  # 2026-W46; the commands write W47's
    "templates/review.toml": ALL_REVIEW,
}


def _must_refuse(pattern: str, command: tuple[str, ...]) -> bool:
    return command in READERS.get(pattern, set(WRITE_COMMANDS))


def _invalid(root: Path, relative: str) -> bool:
    """Whether ccos can tell the file is broken (a truncated file may still be valid TOML)."""
    from ccos.errors import InvalidFile
    from ccos.storage.file_kinds import validate_file
    from ccos.storage.workspace import Workspace

    try:
        validate_file(Workspace(root), relative)
    except InvalidFile:
        return True
    return False


def test_every_kind_of_file_is_in_the_populated_workspace(populated_template: Path) -> None:
    missing = [kind.pattern for kind in file_kinds() if kind.pattern not in _kind_files(populated_template)]
    assert not missing, f"add a file of each kind to build_populated(): {missing}"


CASES = [(pattern, name) for pattern in [k.pattern for k in file_kinds()] for name in CORRUPTIONS]
COMMANDS = sorted(WRITE_COMMANDS)


def _commands_for(index: int, pattern: str) -> list[tuple[str, ...]]:
    """Every write command (CCOS_ADVERSARIAL_FULL=1), else one reader and one other, in rotation."""
    if FULL:
        return COMMANDS
    own = sorted(c for c in COMMANDS if _must_refuse(pattern, c))
    picked = [own[index % len(own)]] if own else []
    return list(dict.fromkeys([*picked, COMMANDS[(index * 7) % len(COMMANDS)]]))


@pytest.mark.parametrize(("pattern", "corruption"), CASES, ids=[f"{p}-{c}" for p, c in CASES])
def test_broken_file(populated_template: Path, tmp_path: Path, pattern: str, corruption: str) -> None:
    relative = _kind_files(populated_template)[pattern]
    broken = CORRUPTIONS[corruption]((populated_template / relative).read_bytes())
    if broken is None:
        pytest.skip(f"{relative} has nothing to break this way")
    index = CASES.index((pattern, corruption))
    root = None
    for number, command in enumerate(_commands_for(index, pattern)):
        if root is None:
            root = copy_workspace(populated_template, tmp_path / f"w{number}")
            (root / relative).write_bytes(broken)
            detectable = _invalid(root, relative)
            before = snapshot(root)
        result = invoke(root, *argv(command, WRITE_COMMANDS[command]))
        where = f"{' '.join(command)} on {relative} ({corruption})"
        assert result.exit_code in (0, 2), f"{where}: exit {result.exit_code}: {result.stderr}"
        if detectable:
            assert (root / relative).read_bytes() == broken, f"{where}: wrote over the broken file"
        if result.exit_code == 2:
            assert snapshot(root) == before, f"{where}: exit 2 but the workspace changed"
            assert "error:" in result.stderr
        else:
            root = None  # changed: the next command gets a fresh copy
        if _must_refuse(pattern, command) and detectable:
            assert result.exit_code == 2, f"{where}: read a broken file as if it were fine"
            assert Path(relative).name in result.stderr, f"{where}: message does not name the file: {result.stderr}"

"""Terminals that cannot show everything: every command prints, none crashes, no write twice.

Before: with `PYTHONIOENCODING=ascii` (or `LC_ALL=C` without UTF-8 mode, a latin-1 or cp1252
terminal) 14 of 21 commands ended in "internal error" on a bar, a dash or a Chinese name,
and write commands did so after saving: a retry loop around `mentee log` left 3 session
files for one session. Now (render/streams.py, commands/base.py):

- output the terminal cannot encode is replaced (ccos's own symbols by ASCII of the same
  width, other text by `?`), never an exception; `--json` becomes `\\uXXXX` escapes (the
  same document);
- a failure to print after a saved change (closed pipe, terminal gone) exits 0 with the
  change kept and a note on stderr;
- the answer cache never replays UTF-8 bytes to an ASCII terminal.

Every command of the app runs in a real process (the streams are set up at start-up, so
CliRunner could not show it), against the populated workspace with Chinese names added.
The full matrix (every environment for every command) runs with CCOS_ADVERSARIAL_FULL=1;
by default: ASCII for every command, the C locale for every read command, latin-1 for a
sample (it encodes a superset of ASCII, with the same code path).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ccos.render.streams import SYMBOLS, ascii_for
from tests.adversarial.workspace import READ_COMMANDS, WRITE_COMMANDS, argv, copy_workspace, invoke
from tests.conftest import TODAY, snapshot

FULL = any(os.environ.get(name, "") not in ("", "0") for name in ("CCOS_ADVERSARIAL_FULL", "CCOS_SOAK"))
SRC = str(Path(__file__).resolve().parents[2] / "src")

# What each environment really gives Python 3.11 (checked by test_the_environments_are_not_utf8):
# `LC_ALL=C` alone is coerced to UTF-8 (PEP 538/540), so the C locale needs both opt-outs.
ENVIRONMENTS: dict[str, dict[str, str]] = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "c-locale": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}
ENCODINGS = {"ascii": "ascii", "latin-1": "iso8859-1", "c-locale": "ascii"}
REMOVED = ("LANG", "LANGUAGE", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONCOERCECLOCALE", "PYTHONLEGACYWINDOWSSTDIO")
BAD = (b"internal error", b"Traceback", b"Exception ignored", b"UnicodeEncodeError")
# Beyond ASCII (every command), by default: a sample per environment and kind of run.
SAMPLES: dict[str, dict[str, list[tuple[str, ...]]]] = {
    "write": {"latin-1": [("checklist", "carry")], "c-locale": [("mentee", "log"), ("share", "publish")]},
    "read": {
        "latin-1": [("report", "year"), ("event", "show")],
        "c-locale": [("status",), ("share", "list"), ("mentee", "show"), ("export", "ics")],
    },
    "json": {"ascii": [("status",), ("plan", "week"), ("mentee", "show"), ("share", "show"), ("event", "list")]},
}


def environment(name: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in REMOVED and not key.startswith("LC_")}
    if name != "c-locale":
        env["LANG"] = "C.UTF-8"  # a UTF-8 locale whose output encoding is overridden
    env.update(ENVIRONMENTS[name])
    env.update({"CCOS_TODAY": TODAY, "CCOS_NO_CACHE": "1", "NO_COLOR": "1", **extra})
    env["PYTHONPATH"] = os.pathsep.join(p for p in (SRC, os.environ.get("PYTHONPATH", "")) if p)
    return env


def run(
    name: str, root: Path, *args: str, stdout: int = subprocess.PIPE, **extra: str
) -> subprocess.CompletedProcess[bytes]:
    """`python -m ccos` with bytes out (output in latin-1 is not UTF-8 text)."""
    return subprocess.run(
        [sys.executable, "-m", "ccos", "-w", str(root), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment(name, **extra),
        timeout=60,
        check=False,
    )


def assert_clean(result: subprocess.CompletedProcess[bytes], label: str) -> None:
    for bad in BAD:
        assert bad not in result.stderr, f"{label}: {result.stderr!r}"
        assert bad not in (result.stdout or b""), f"{label}: {result.stdout!r}"


def _rename(path: Path, key: str, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert f'{key} = "{old}"' in text, path
    path.write_text(text.replace(f'{key} = "{old}"', f'{key} = "{new}"', 1), encoding="utf-8")


@pytest.fixture(scope="session")
def encoding_template(populated_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The populated workspace with something no ASCII terminal can show in every view."""
    root = copy_workspace(populated_template, tmp_path_factory.mktemp("encoding") / "ws")
    _rename(root / "mentees" / "ada" / "mentee.toml", "name", "Ada", "Zoë 陈静")
    for piece, title in (("idea", "Idea piece"), ("draft", "Draft piece"), ("ready", "Ready piece")):
        _rename(root / "sharing" / f"{piece}-piece.toml", "title", title, f"云原生 {title}")
    for event, title in (("meetup-past", "Meetup past"), ("meetup-next", "Meetup next")):
        _rename(root / "events" / f"{event}.toml", "title", title, f"北京 {title}")
    for args in (
        ("config", "set", "profile.name", "王芳"),
        ("mentee", "add", "王小明", "--cadence", "2/month"),
        ("share", "add", "--over-budget", "云原生", "--kind", "article"),
        ("checklist", "add", "--over-budget", "写一篇 云原生 文章", "--minutes", "30"),
    ):
        result = invoke(root, *args)
        assert result.exit_code == 0, f"{args}: {result.stderr}"
    assert invoke(root, "doctor").exit_code == 0
    assert "陈静" in invoke(root, "mentee", "show", "ada").stdout
    return root


@pytest.fixture
def ews(encoding_template: Path, tmp_path: Path) -> Path:
    return copy_workspace(encoding_template, tmp_path / "box" / "ws")


def _change(before: dict[str, str], after: dict[str, str]) -> tuple[int, int, frozenset[str]]:
    """(files added, files removed, files modified): the shape of a command's change."""
    modified = frozenset(path for path in set(before) & set(after) if before[path] != after[path])
    return len(set(after) - set(before)), len(set(before) - set(after)), modified


def _cases(commands: list[tuple[str, ...]], kind: str, everywhere: str | None = "ascii") -> list[Any]:
    """Every command in `everywhere`, the sample elsewhere; everything with the full matrix."""
    cases: list[Any] = []
    for name in ENVIRONMENTS:
        for command in commands:
            if FULL or name == everywhere or command in SAMPLES[kind].get(name, []):
                cases.append(pytest.param(name, command, id=f"{name}-{' '.join(command)}"))
    return cases


def _human(command: tuple[str, ...]) -> list[str]:
    return argv(command, [arg for arg in READ_COMMANDS[command] if arg != "--json"])


# --- the environments really are what the tests claim -----------------------------------


@pytest.mark.parametrize("name", ENVIRONMENTS)
def test_the_environments_are_not_utf8(name: str) -> None:
    """Else every test below would pass on UTF-8 and prove nothing."""
    probe = "import sys; print(sys.stdout.encoding, sys.stdout.errors, sys.stderr.encoding)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environment(name), check=True
    )
    stdout, errors, stderr = result.stdout.split()
    assert (stdout, stderr) == (ENCODINGS[name], ENCODINGS[name])
    assert errors in ("strict", "surrogateescape")


# --- every command ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "command"), _cases(sorted(WRITE_COMMANDS), "write"))
def test_write_command_saves_once_and_prints(ews: Path, tmp_path: Path, name: str, command: tuple[str, ...]) -> None:
    """Exit code and change on disk exactly as on a UTF-8 terminal; the output is ASCII."""
    reference = copy_workspace(ews, tmp_path / "reference")
    before = snapshot(reference)
    expected = invoke(reference, *argv(command, WRITE_COMMANDS[command]))
    expected_change = _change(before, snapshot(reference))
    assert expected.exit_code == 0, expected.stderr

    result = run(name, ews, *argv(command, WRITE_COMMANDS[command]))
    assert_clean(result, " ".join(command))
    assert result.returncode == expected.exit_code, result.stderr
    assert _change(before, snapshot(ews)) == expected_change
    if ENCODINGS[name] == "ascii":
        assert result.stdout.isascii() and result.stderr.isascii()


@pytest.mark.parametrize(("name", "command"), _cases(sorted(READ_COMMANDS), "read"))
def test_read_command_prints_with_replacement(ews: Path, name: str, command: tuple[str, ...]) -> None:
    before = snapshot(ews)
    result = run(name, ews, *_human(command))
    assert_clean(result, " ".join(command))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    if command[0] == "export":
        # an export is a file (iCalendar, JSON, markdown: UTF-8 by format), bytes whatever the terminal
        assert "云原生".encode() in result.stdout
        result.stdout.decode("utf-8")
    elif ENCODINGS[name] == "ascii":
        assert result.stdout.isascii(), result.stdout
    assert snapshot(ews) == before


JSON_COMMANDS = sorted(command for command, args in READ_COMMANDS.items() if "--json" in args)


@pytest.mark.parametrize(("name", "command"), _cases(JSON_COMMANDS, "json", everywhere=None))
def test_json_is_escaped_and_the_same_document(ews: Path, name: str, command: tuple[str, ...]) -> None:
    """On a terminal that cannot encode it, `--json` is ASCII with `\\uXXXX`: same data."""
    args = argv(command, READ_COMMANDS[command])
    result = run(name, ews, *args)
    assert_clean(result, " ".join(command))
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    assert json.loads(result.stdout) == json.loads(invoke(ews, *args).stdout)


# --- the cases of the issue -----------------------------------------------------------------


def _sessions(root: Path, mentee: str) -> list[Path]:
    return sorted((root / "mentees" / mentee / "sessions").glob("*.md"))


@pytest.mark.parametrize("name", ["ascii", "c-locale"])
def test_a_retry_loop_saves_one_session(ews: Path, name: str) -> None:
    """`until ccos mentee log 王小明 ...; do :; done` (3 tries) leaves one session file."""
    codes = []
    for _try in range(3):
        result = run(name, ews, "mentee", "log", "王小明", "--minutes", "30", "--note", "聊了 云原生")
        assert_clean(result, "mentee log")
        codes.append(result.returncode)
        if result.returncode == 0:
            break
    assert codes == [0]
    assert len(_sessions(ews, "王小明")) == 1
    assert b"+ logged: ??????" in result.stdout  # width kept: 2 cells, 2 question marks per character
    assert "云原生" in _sessions(ews, "王小明")[0].read_text(encoding="utf-8")  # the file itself is exact


def test_latin1_keeps_what_it_can_show(ews: Path) -> None:
    result = run("latin-1", ews, "status")
    assert result.returncode == 0, result.stderr
    first = result.stdout.decode("latin-1").splitlines()[0]
    assert first == "ccos status · ???? · 2026-11-18"


def test_errors_and_help_on_an_ascii_terminal(ews: Path) -> None:
    unknown = run("ascii", ews, "mentee", "show", "不存在")
    assert unknown.returncode == 2
    assert_clean(unknown, "unknown mentee")
    # stderr keeps Python's lossless policy for user text; ccos's own dash is ASCII
    assert unknown.stderr.startswith(b"error: ") and b"\\u4e0d\\u5b58\\u5728" in unknown.stderr
    assert b" - " in unknown.stderr and unknown.stderr.isascii()
    for args, code in ((["--help"], 0), (["mentee", "show"], 2)):
        result = run("ascii", ews, *args)
        assert_clean(result, " ".join(args))
        assert result.returncode == code, result.stderr
        assert result.stdout.isascii() and result.stderr.isascii()


# --- output that fails after a write ------------------------------------------------------


def _closed_pipe() -> int:
    read, write = os.pipe()
    os.close(read)  # every write to `write` now fails with EPIPE
    return write


def _gone_terminal() -> int:
    master, slave = pty.openpty()
    os.close(master)  # the terminal window was closed: writes fail with EIO
    return slave


@pytest.mark.parametrize("opener", [_closed_pipe, _gone_terminal], ids=["closed-pipe", "terminal-gone"])
def test_a_failure_to_print_after_a_write_keeps_it_and_exits_0(ews: Path, opener: object) -> None:
    out = opener()  # type: ignore[operator]
    try:
        result = run("ascii", ews, "mentee", "log", "王小明", "--minutes", "30", stdout=out)
    finally:
        os.close(out)
    assert_clean(result, "mentee log")
    assert result.returncode == 0, result.stderr
    assert len(_sessions(ews, "王小明")) == 1
    assert result.stderr.startswith(b"note: the change is saved; its report was not shown")
    assert invoke(ews, "doctor").exit_code == 0


def test_a_read_command_into_a_closed_pipe(ews: Path) -> None:
    """`ccos status | head -c1`: exit 0, nothing on stderr; a gone terminal is exit 5, one line."""
    for args in (["status"], ["export", "json"], ["--help"]):
        out = _closed_pipe()
        try:
            result = run("ascii", ews, *args, stdout=out)
        finally:
            os.close(out)
        assert (result.returncode, result.stderr) == (0, b""), args
    out = _gone_terminal()
    try:
        result = run("ascii", ews, "status", stdout=out)
    finally:
        os.close(out)
    assert result.returncode == 5
    assert result.stderr.startswith(b"error: cannot write to stdout: Input/output error")
    assert result.stderr.count(b"\n") == 1


def test_the_c_locale_runs_in_utf8_mode_for_names_only(ews: Path, tmp_path: Path) -> None:
    """In the C locale ccos reads `mentees/王小明/` as UTF-8 (entry.py runs itself in UTF-8
    mode) while the terminal stays ASCII, and the PYTHONIOENCODING that keeps it so is not
    passed on to the programs ccos starts (here: the editor)."""
    seen = tmp_path / "editor-env"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\nenv > "{seen}"\necho "聊了 云原生" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    result = run("c-locale", ews, "mentee", "log", "王小明", "--minutes", "30", "--edit", EDITOR=str(editor))
    assert_clean(result, "mentee log --edit")
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    assert "PYTHONIOENCODING" not in seen.read_text(encoding="utf-8", errors="replace")
    assert "云原生" in _sessions(ews, "王小明")[0].read_text(encoding="utf-8")


# --- the answer cache ---------------------------------------------------------------------


def test_every_json_printer_goes_through_emit() -> None:
    """`--json` on every command is render/json_out.py `emit` (which escapes on a non-UTF-8
    stdout); a `json.dumps` straight to stdout elsewhere would bypass it."""
    views = Path(SRC) / "ccos"
    for path in [*(views / "render").glob("*.py"), *(views / "commands").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        if path.name != "json_out.py":
            assert "json.dumps" not in text or path.name == "settings_view.py", path  # a value shown in text
            assert "sys.stdout.write" not in text, path


def test_every_symbol_keeps_its_width() -> None:
    """A replaced line is exactly as wide, so tables and the 80-column status stay aligned."""
    from rich.cells import cell_len

    for char, replacement in SYMBOLS.items():
        assert replacement.isascii() and cell_len(replacement) == cell_len(char), char
    assert ascii_for("ë") == "e" and ascii_for("王") is None and ascii_for("─") == "-"


def test_every_symbol_ccos_draws_has_an_ascii_form() -> None:
    """A new symbol in a view (not a letter of a name) must get its entry in SYMBOLS."""
    views = Path(SRC) / "ccos"
    drawn = set()
    for path in [*(views / "render").glob("*.py"), *(views / "commands").glob("*.py")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.split("#")[0]
            if '"""' in code or "Example:" in code:
                continue
            drawn.update(char for char in code if not char.isascii() and not char.isalpha())
    missing = sorted(char for char in drawn if ascii_for(char) is None)
    assert not missing, f"add these to SYMBOLS in render/streams.py: {missing}"

"""Hostile names, titles and notes, and what they could inject into every output.

Promise (reliability.md, Names and Injection): exit 0 or 2, never a crash; nothing created
outside the workspace; no two people sharing one file; every file still reads back
(`ccos doctor` exit 0); text shown and stored literally: no markup interpreted, no control
character echoed raw to a terminal, JSON that round-trips, a review that stays well formed,
commit messages without control characters.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from ccos.models.naming import name_key
from tests.adversarial.workspace import invoke
from tests.conftest import TODAY, Ccos, snapshot

HOSTILE = [
    "a/b",
    "../../escape",
    "..",
    ".",
    "a\\b\\..\\c",
    "CON",
    "nul.txt",
    "COM1",
    "x" * 300,
    "-rf",
    "--help",
    "line one\nline two",
    "carriage\rreturn",
    "tab\there",
    unicodedata.normalize("NFC", "Zoë"),
    unicodedata.normalize("NFD", "Zoë"),
    "ZOË",
    "🎉 party 🎉",
    "\u202eevil\u202c txt",
    "[red]markup[/red] [link=file:///etc/passwd]x[/link]",
    "\x1b[31mred\x1b[0m \x07bell",
    "王小明",
    "Алексей",
    "مرحبا",
    "   ",
    "",
    "a\x00b",
    "<!-- comment --> | pipe | `tick` *star*",
    "<<<<<<< HEAD",
    "\"quoted\" 'single' = [table]",
    "\u2028separator\u2029",
    "\ufeffbom",
]

# (command, arguments with {} where the hostile text goes)
NAME_COMMANDS: list[tuple[str, list[str]]] = [
    ("share add", ["share", "add", "--over-budget", "--kind", "article", "--", "{}"]),
    ("share edit --title", ["share", "edit", "draft-piece", "--title", "{}"]),
    ("mentee add", ["mentee", "add", "--over-capacity", "--", "{}"]),
    ("mentee log --note/--topic/--next", ["mentee", "log", "ada", "--note", "{}", "--topic", "{}", "--next", "{}"]),
    (
        "event add",
        ["event", "add", "--over-budget", "--kind", "meetup", "--date", "2026-12-20 10:00", "--note", "{}", "--", "{}"],
    ),
    ("event done --note", ["event", "done", "meetup-past", "--note", "{}"]),
    ("event task add", ["event", "task", "meetup-next", "add", "--at", "-3d", "--", "{}"]),
    ("checklist add", ["checklist", "add", "--over-budget", "--", "{}"]),
    ("checkin --note", ["checkin", "--energy", "3", "--duty", "3", "--main-job", "3", "--avoid", "3", "--note", "{}"]),
]
FULL = os.environ.get("CCOS_ADVERSARIAL_FULL", "") not in ("", "0")
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _outside(box: Path, root: Path) -> list[str]:
    return sorted(str(p) for p in box.rglob("*") if root != p and root not in p.parents)


@pytest.mark.parametrize(("label", "template"), NAME_COMMANDS, ids=[label for label, _ in NAME_COMMANDS])
def test_hostile_text(ws: Path, label: str, template: list[str]) -> None:
    box = ws.parent
    codes = {}
    index = [lab for lab, _ in NAME_COMMANDS].index(label)
    # creating commands take every text; the others (and CCOS_ADVERSARIAL_FULL=0) a third, in rotation
    for text in HOSTILE if label.endswith(" add") or FULL else HOSTILE[index % 3 :: 3]:
        before = snapshot(ws)
        result = invoke(ws, *[text if part == "{}" else part for part in template])
        codes[text] = result.exit_code
        assert result.exit_code in (0, 2), f"{label} {text!r}: exit {result.exit_code}: {result.stderr}"
        assert not RAW_CONTROL.search(result.stdout + result.stderr), f"{label} {text!r}: raw control echoed"
        if result.exit_code == 2:
            assert snapshot(ws) == before, f"{label} {text!r}: exit 2 but the workspace changed"
            assert result.stderr.startswith("error:")
    assert _outside(box, ws) == [], f"{label}: files outside the workspace"
    doctor = invoke(ws, "doctor")
    assert doctor.exit_code == 0, f"{label}: {doctor.stdout}"
    for command in (["share", "list", "--all"], ["mentee", "list", "--all"], ["event", "list", "--all"], ["status"]):
        shown = invoke(ws, *command)
        assert shown.exit_code == 0, shown.stderr
        assert "\x1b" not in shown.stdout and not RAW_CONTROL.search(shown.stdout)
    assert any(code == 0 for code in codes.values()), f"{label}: no text was accepted at all"


def test_titles_round_trip_through_json(ws: Path) -> None:
    accepted = []
    for text in HOSTILE:
        if invoke(ws, "share", "add", "--over-budget", "--kind", "article", "--", text).exit_code == 0:
            accepted.append(text)
    listed = json.loads(invoke(ws, "share", "list", "--all", "--json").stdout)
    titles = {name_key(piece["title"]) for piece in listed["pieces"]} if isinstance(listed, dict) else set()
    if not titles:
        titles = {name_key(piece["title"]) for piece in listed}
    for text in accepted:
        assert name_key(text.strip()) in titles or name_key(" ".join(text.split())) in titles, text
    assert "[red]markup[/red] [link=file:///etc/passwd]x[/link]" in {p["title"] for p in _pieces(listed)}


def _pieces(listed: object) -> list[dict[str, str]]:
    return listed["pieces"] if isinstance(listed, dict) else listed  # type: ignore[return-value,index]


def test_twins_never_share_one_file(ws: Path) -> None:
    for name in ("Zoë", unicodedata.normalize("NFD", "Zoë"), "ZOË", "zoë", "Ｚｏë"):
        result = invoke(ws, "mentee", "add", "--over-capacity", name)
        assert result.exit_code in (0, 2)
    profiles = sorted((ws / "mentees").glob("*/mentee.toml"))
    names = [re.search(r'(?m)^name = "(.*)"', p.read_text(encoding="utf-8")).group(1) for p in profiles]  # type: ignore[union-attr]
    keys = [name_key(json.loads(f'"{n}"')) for n in names]
    assert len(keys) == len(set(keys)), f"twins: {names}"
    assert len({p.parent for p in profiles}) == len(profiles)


def test_markdown_review_stays_well_formed(ws: Path) -> None:
    evil = "| cell | break |\n# Heading\n<!-- ccos:generated:end -->"
    invoke(
        ws,
        "share",
        "add",
        "--over-budget",
        "--kind",
        "article",
        "--stage",
        "drafting",
        "--due",
        "2026-11-17",
        "--",
        evil,
    )
    invoke(
        ws,
        "share",
        "add",
        "--over-budget",
        "--kind",
        "article",
        "--",
        "<!-- ccos:generated:start --> [x](javascript:alert(1))",
    )
    for _ in range(2):  # the second run must find its markers again
        result = invoke(ws, "review", "week")
        assert result.exit_code in (0, 2), result.stderr
    assert invoke(ws, "doctor").exit_code == 0
    review = (ws / "reviews" / "2026-W47.md").read_text(encoding="utf-8")
    assert "\n# Heading" not in review
    assert review.count("ccos:generated:end") <= 1 or "ccos:generated" not in review


def test_commit_messages_hold_no_control_characters(make_workspace: object) -> None:
    ccos: Ccos = make_workspace(git=True)  # type: ignore[operator]
    ccos.ok("config", "set", "sync.autocommit", "true")
    for text in ("line one\nline two", "\x1b[31mred", "\u202eevil", "[red]x[/red]", "a/b/../c"):
        assert ccos("share", "add", "--over-budget", "--kind", "article", "--", text).exit_code in (0, 2)
        assert ccos("checklist", "add", "--over-budget", "--", text).exit_code in (0, 2)
    log = subprocess.run(
        ["git", "-C", str(ccos.root), "log", "--format=%B%x00"], capture_output=True, text=True, check=True
    ).stdout
    messages = [m.strip("\n") for m in log.split("\x00") if m.strip()]
    assert len(messages) > 5
    for message in messages:
        assert not RAW_CONTROL.search(message), repr(message)
        assert "\n" not in message.split("\n\n")[0], f"subject split by a newline: {message!r}"


@pytest.mark.parametrize("name", ["[red]x[/red]", "line\nbreak", "\x1b[2J", "王芳", "-n", "a" * 300, "\u202eevil"])
def test_init_with_hostile_names(tmp_path: Path, name: str) -> None:
    from typer.testing import CliRunner

    from ccos.cli import app

    root = tmp_path / "box" / "ws"
    result = CliRunner().invoke(
        app, ["init", str(root), "--no-git", "--lang", "en", "--name", name], env={"CCOS_TODAY": TODAY}
    )
    assert result.exit_code in (0, 2), result.stderr
    assert not RAW_CONTROL.search(result.stdout + result.stderr)
    if result.exit_code == 0:
        assert invoke(root, "doctor").exit_code == 0
    else:
        assert not root.exists() or not (root / "ccos.toml").exists()
    assert _outside(tmp_path / "box", root) == []


@pytest.mark.parametrize("path", ["../escape", "a\nb", "con", "-dash", "ws/../ws2", "🎉"])
def test_init_with_hostile_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    from typer.testing import CliRunner

    from ccos.cli import app

    inner = tmp_path / "box" / "inner"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    result = CliRunner().invoke(app, ["init", "--no-git", "--lang", "en", "--", path], env={"CCOS_TODAY": TODAY})
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code == 0:
        created = (inner / path).resolve()
        assert (created / "ccos.toml").is_file()
        assert invoke(created, "doctor").exit_code == 0

"""Unknown keys in workspace files: reported (doctor, and a note on stderr), never dropped by an edit.

The CLI tests go through `Workspace.validate` (storage/workspace.py), which calls `note_for`
after every successful validation, and the derived index, which keeps the note with the file.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, RootModel

from ccos.storage.unknown_keys import (
    NOTE_LIMIT,
    UnknownKey,
    add_note,
    describe,
    is_unknown_key_note,
    note_for,
    unknown_keys,
)
from tests.conftest import Ccos, snapshot

# --- unknown_keys on small models ----------------------------------------------------------------


class Leaf(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str = ""
    hours: float = 0


class Other(BaseModel):
    model_config = ConfigDict(extra="allow")

    url: str = ""
    platform: str = ""


class Top(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str = ""
    weekly_hours: float = 6
    leaf: Leaf = Field(default_factory=Leaf)
    maybe: Leaf | None = None
    items: list[Leaf] = Field(default_factory=list)
    by_kind: dict[str, Leaf] = Field(default_factory=dict)
    plain: dict[str, float] = Field(default_factory=dict)
    either: Leaf | Other | None = None
    grid: list[list[Leaf]] = Field(default_factory=list)


def keys(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str | None]]:
    model.model_validate(data)  # what the walk sees has always validated first
    return [(found.loc, found.suggestion) for found in unknown_keys(model, data)]


def test_a_clean_file_has_no_unknown_keys() -> None:
    data = {
        "name": "x",
        "weekly_hours": 3,
        "leaf": {"text": "a"},
        "maybe": {"hours": 1},
        "items": [{"text": "a"}, {"hours": 2}],
        "by_kind": {"talk": {"text": "t"}},
        "plain": {"anything": 1.0, "goes": 2.0},  # the keys of a dict of numbers are the person's
        "either": {"url": "u"},
        "grid": [[{"text": "a"}]],
    }
    assert keys(Top, data) == []


def test_top_level_typo_with_a_suggestion_and_one_without() -> None:
    assert keys(Top, {"weekly_hour": 10, "colour": "red"}) == [(("weekly_hour",), "weekly_hours"), (("colour",), None)]
    found = unknown_keys(Top, {"weekly_hour": 10})[0]
    assert found == UnknownKey(("weekly_hour",), "weekly_hour", "weekly_hours")
    assert found.dotted == "weekly_hour"


def test_a_different_case_suggests_the_key_itself() -> None:
    assert keys(Top, {"Weekly_Hours": 1}) == [(("Weekly_Hours",), "weekly_hours")]


def test_nested_models_lists_dicts_and_optionals() -> None:
    data = {
        "leaf": {"txt": "a"},
        "maybe": {"hourz": 1},
        "items": [{"text": "a"}, {"text": "b", "hour": 2}],
        "by_kind": {"talk": {"texts": "t"}},
        "grid": [[{"text": "a"}, {"tex": "b"}]],
    }
    assert keys(Top, data) == [
        (("leaf", "txt"), "text"),
        (("maybe", "hourz"), "hours"),
        (("items", 1, "hour"), "hours"),
        (("by_kind", "talk", "texts"), "text"),
        (("grid", 0, 1, "tex"), "text"),
    ]


def test_a_union_of_models_is_read_by_the_option_that_knows_most_keys() -> None:
    assert keys(Top, {"either": {"url": "u", "platfrom": "p"}}) == [(("either", "platfrom"), "platform")]
    assert keys(Top, {"either": {"text": "t", "hourz": 1}}) == [(("either", "hourz"), "hours")]


def test_an_unknown_table_is_one_key_not_its_insides() -> None:
    assert keys(Top, {"mine": {"leaf": {"whatever": 1}}}) == [(("mine",), None)]


def test_a_value_of_the_wrong_shape_is_left_to_validation() -> None:
    # validation decides; the walk never fails on what it does not expect
    assert unknown_keys(Top, {"leaf": 3, "items": "x", "by_kind": [1], "grid": [1, [2]]}) == []


class Aliased(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: str = Field(default="", alias="type")
    colour: str = Field(default="", validation_alias=AliasChoices("colour", "color"))


class ByName(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    kind: str = Field(default="", alias="type")


def test_aliases_are_the_keys_of_the_file() -> None:
    assert keys(Aliased, {"type": "a", "colour": "red"}) == []
    assert keys(Aliased, {"type": "a", "color": "red"}) == []
    assert keys(Aliased, {"kind": "a"}) == [(("kind",), None)]  # the field's name is not a key of the file
    assert keys(Aliased, {"typ": "a"}) == [(("typ",), "type")]
    assert keys(ByName, {"kind": "a"}) == [] and keys(ByName, {"type": "a"}) == []


class Items(RootModel[list[Leaf]]):
    pass


class HoldsRoot(BaseModel):
    model_config = ConfigDict(extra="allow")

    items: Items = Field(default_factory=lambda: Items([]))


def test_a_root_model_is_walked_through() -> None:
    assert keys(HoldsRoot, {"items": [{"text": "a", "hourss": 1}]}) == [(("items", 0, "hourss"), "hours")]


def test_the_workspace_models() -> None:
    from ccos.capabilities.events.model import Event
    from ccos.models.config import Config

    assert [k.dotted for k in unknown_keys(Config, {"schema_version": 1, "budget": {"weekly_hour": 10}})] == [
        "budget.weekly_hour"
    ]
    assert unknown_keys(Config, {"estimates": {"sharing": {"my-own-kind": 2}}}) == []  # a dict of numbers
    event = {"title": "x", "tasks": [{"text": "a"}, {"text": "b", "hourz": 1}], "held": [{"on": 1, "notes": "x"}]}
    assert [(k.dotted, k.suggestion) for k in unknown_keys(Event, event)] == [
        ("tasks.1.hourz", "hours"),
        ("held.0.notes", "note"),
    ]


# --- describe and note_for -----------------------------------------------------------------------

CONFIG = """schema_version = 1

[profile]
name = "Ada"
langauge = "en"

[budget]
weekly_hour = 10
colour = "red"
"""


def test_describe_one_line_per_key_with_file_line_and_suggestion() -> None:
    from ccos.models.config import Config

    found = unknown_keys(Config, tomllib.loads(CONFIG))
    assert describe("ccos.toml", CONFIG, found).splitlines() == [
        "ccos.toml:5: unknown key profile.langauge (did you mean language?)",
        "ccos.toml:8: unknown key budget.weekly_hour (did you mean weekly_hours?)",
        "ccos.toml:9: unknown key budget.colour (ccos ignores it)",
    ]


def test_describe_without_a_line_and_with_an_offset() -> None:
    inline = 'leaf = { text = "a" }\n'
    assert (
        describe("f.toml", inline, [UnknownKey(("nowhere",), "nowhere")])
        == "f.toml: unknown key nowhere (ccos ignores it)"
    )
    front = 'date = 2026-11-18\ntopcs = ["a"]\n'
    found = [UnknownKey(("topcs",), "topcs", "topics")]
    assert describe(Path("s.md"), front, found, first_line=2) == "s.md:3: unknown key topcs (did you mean topics?)"


def test_describe_shows_control_characters_literally() -> None:
    found = [UnknownKey(("a\x1b[31mb",), "a\x1b[31mb")]
    assert "\x1b" not in describe("f.toml", "", found)


def test_note_for_a_clean_file_is_none() -> None:
    from ccos.models.config import Config

    assert note_for("ccos.toml", "schema_version = 1\n", {"schema_version": 1}, Config) is None


def test_note_for_the_whole_markdown_file_counts_its_lines() -> None:
    from ccos.capabilities.mentoring.model import Session

    text = '+++\ndate = 2026-11-18\nminutes = 30\ntopcs = ["a"]\n+++\n\nnotes\n'
    data = {"date": "2026-11-18", "minutes": 30, "topcs": ["a"]}
    front = text.split("+++\n")[1]
    expected = "s.md:4: unknown key topcs (did you mean topics?)"
    assert note_for("s.md", text, data, Session, first_line=2) == expected  # Workspace.load_markdown's way
    assert note_for("s.md", front, data, Session, first_line=2) == expected  # file_kinds' way


def test_note_for_many_keys_is_cut_short() -> None:
    data = {f"key{number}": number for number in range(NOTE_LIMIT + 3)}
    text = "".join(f"key{number} = {number}\n" for number in range(NOTE_LIMIT + 3))
    note = note_for("f.toml", text, data, Leaf)
    assert note is not None
    lines = note.splitlines()
    assert len(lines) == NOTE_LIMIT + 1
    assert lines[0] == "f.toml:1: unknown key key0 (ccos ignores it)"
    assert lines[-1] == "f.toml: and 3 more unknown keys (`ccos doctor` lists them all)"
    assert all(is_unknown_key_note(line) for line in lines)
    assert not is_unknown_key_note("committed: update checklist 2026-W47")


def test_add_note_adds_each_line_once() -> None:
    notes = ["committed: x", "f.toml:1: unknown key a (ccos ignores it)"]
    add_note(notes, "f.toml:1: unknown key a (ccos ignores it)\nf.toml:2: unknown key b (ccos ignores it)")
    add_note(notes, None)
    assert notes == [
        "committed: x",
        "f.toml:1: unknown key a (ccos ignores it)",
        "f.toml:2: unknown key b (ccos ignores it)",
    ]


def test_the_field_map_is_built_once_per_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from ccos.storage import unknown_keys as module

    class Fresh(BaseModel):
        model_config = ConfigDict(extra="allow")
        text: str = ""

    unknown_keys(Fresh, {"tex": 1})
    built: list[object] = []
    real = module._shape
    monkeypatch.setattr(module, "_shape", lambda annotation: built.append(annotation) or real(annotation))
    assert [k.suggestion for k in unknown_keys(Fresh, {"tex": 1})] == ["text"]
    assert built == []


# --- the workspace -------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _line(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line == needle)


def _doctor(ccos: Ccos) -> list[dict[str, Any]]:
    result = ccos("doctor", "--json")
    assert result.exit_code == 0, result.stdout + result.stderr  # warnings are success
    report = json.loads(result.stdout)
    assert report["healthy"] is True
    return [p for p in report["problems"] if p["code"] == "unknown_key"]


def _notes(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "unknown key" in line]


def _noted(stderr: str, relative: str, line: int, message: str) -> None:
    """Exactly one note, `note: FILE:LINE: MESSAGE` (FILE as the person's folder shows it)."""
    [note] = _notes(stderr)
    assert note.startswith("note: "), stderr
    shown = note[len("note: ") :]
    assert shown == f"{relative}:{line}: {message}" or shown.endswith(f"/{relative}:{line}: {message}"), note


def _profile_typo(ccos: Ccos) -> tuple[Path, int]:
    path = ccos.root / "ccos.toml"
    _write(path, path.read_text(encoding="utf-8").replace("[profile]\n", '[profile]\nlangauge = "zh"\n', 1))
    return path, _line(path, 'langauge = "zh"')


def test_doctor_names_file_line_key_and_suggestion_of_a_ccos_toml_typo(ccos: Ccos) -> None:
    path, line = _profile_typo(ccos)
    before = snapshot(ccos.root)
    [problem] = _doctor(ccos)
    assert problem == {
        "code": "unknown_key",
        "file": "ccos.toml",
        "line": line,
        "message": "unknown key profile.langauge (did you mean language?)",
        "hint": problem["hint"],
        "fixable": False,
        "severity": "warning",
    }
    assert "fix the spelling or remove the key" in problem["hint"] and "newer ccos" in problem["hint"]
    shown = ccos("doctor")
    assert shown.exit_code == 0
    assert f"ccos.toml:{line}: unknown key profile.langauge (did you mean language?)" in shown.stdout
    assert "workspace healthy" in shown.stdout and "1 warning" in shown.stdout
    fixed = ccos("doctor", "--fix")
    assert fixed.exit_code == 0 and "unknown key profile.langauge" in fixed.stdout
    assert snapshot(ccos.root) == before  # --fix never removes the key
    assert 'langauge = "zh"' in path.read_text(encoding="utf-8")


def test_doctor_finds_a_nested_typo_in_an_event(ccos: Ccos) -> None:
    ccos.ok("event", "add", "--over-budget", "Autumn meetup", "--kind", "meetup", "--date", "2026-11-28 18:00")
    path = ccos.root / "events" / "autumn-meetup.toml"
    text = path.read_text(encoding="utf-8")
    second = text.index("[[tasks]]", text.index("[[tasks]]") + 1)
    _write(path, text[:second] + text[second:].replace("done = false\n", "done = false\ndoen_on = 2026-11-01\n", 1))
    line = _line(path, "doen_on = 2026-11-01")
    [problem] = _doctor(ccos)
    assert (problem["file"], problem["line"], problem["message"]) == (
        "events/autumn-meetup.toml",
        line,
        "unknown key tasks.1.doen_on (did you mean done_on?)",
    )


def _session_typo(ccos: Ccos) -> tuple[Path, int]:
    ccos.ok("mentee", "add", "Bob")
    ccos.ok("mentee", "log", "bob", "--minutes", "30", "--next", "read the guide")
    [path] = (ccos.root / "mentees" / "bob" / "sessions").glob("*.md")
    _write(path, path.read_text(encoding="utf-8").replace("minutes = 30\n", 'minutes = 30\ntopcs = ["x"]\n', 1))
    return path, _line(path, 'topcs = ["x"]')


def test_doctor_counts_the_lines_of_a_session_notes_front_matter(ccos: Ccos) -> None:
    path, line = _session_typo(ccos)
    assert line > 2
    [problem] = _doctor(ccos)
    assert (problem["file"], problem["line"]) == (path.relative_to(ccos.root).as_posix(), line)
    assert problem["message"] == "unknown key topcs (did you mean topics?)"


def test_unknown_keys_are_kept_when_ccos_edits_the_file(ccos: Ccos) -> None:
    config, _line_number = _profile_typo(ccos)
    ccos.ok("config", "set", "budget.weekly_hours", "8")
    assert 'langauge = "zh"' in config.read_text(encoding="utf-8")
    ccos.ok("checklist", "check", "1")
    checklist = ccos.root / "checklists" / "2026-W47.toml"
    _write(checklist, checklist.read_text(encoding="utf-8").replace("[[items]]\n", "[[items]]\nmy_flag = 1\n", 1))
    ccos.ok("checklist", "add", "--over-budget", "one more", "--minutes", "10")
    ccos.ok("checklist", "check", "2")
    after = checklist.read_text(encoding="utf-8")
    assert "my_flag = 1" in after and "one more" in after
    messages = [p["message"] for p in _doctor(ccos)]
    assert "unknown key profile.langauge (did you mean language?)" in messages
    assert "unknown key items.0.my_flag (ccos ignores it)" in messages


def test_a_workspace_ccos_wrote_has_no_unknown_keys(ccos: Ccos) -> None:
    """What ccos writes itself is never reported (all its keys are known to its models)."""
    ccos.ok("checklist", "check", "1")
    ccos.ok("checklist", "add", "--over-budget", "extra", "--minutes", "15", "--scope", "month")
    ccos.ok("checklist", "add", "--over-budget", "x", "--week", "last")
    ccos.ok("mentee", "add", "Ada Lovelace", "--cadence", "2/month", "--goal", "ship")
    ccos.ok("mentee", "log", "Ada", "--minutes", "45", "--date", "2026-11-16", "--next", "a", "--topic", "t")
    ccos.ok("mentee", "log", "Ada", "--date", "2026-11-30", "--planned", "--over-budget")
    ccos.ok("mentee", "done", "Ada", "1")
    ccos.ok("mentee", "add", "Readers", "--format", "group", "--members", "A, B, C")
    ccos.ok(
        "share", "add", "--over-budget", "Why plain files", "--kind", "article", "--due", "2026-11-30", "--tag", "t"
    )
    ccos.ok("share", "start", "--over-budget", "why")
    ccos.ok("share", "publish", "why", "--url", "https://example.org", "--hours", "2")
    ccos.ok("event", "add", "--over-budget", "Autumn meetup", "--kind", "meetup", "--date", "2026-11-28 18:00")
    ccos.ok(
        "event",
        "add",
        "--over-budget",
        "Stream",
        "--kind",
        "livestream",
        "--repeat",
        "weekly on thu at 20:00",
        "--from",
        "2026-11-01",
    )
    ccos.ok("event", "task", "autumn", "check", "1")
    ccos.ok("event", "done", "stream", "--attendees", "12", "--hours", "1")
    ccos.ok("checkin", "--energy", "3", "--duty", "2", "--main-job", "2", "--avoid", "1")
    ccos.ok("review", "week")
    ccos.ok("config", "set", "profile.timezone", "Asia/Shanghai")
    assert _doctor(ccos) == []
    for command in (("status",), ("plan", "week"), ("mentee", "show", "ada"), ("event", "show", "autumn")):
        assert _notes(ccos.ok(*command).stderr) == [], command


# --- the note each command gives (once Workspace.validate calls note_for) -------------------------


def test_every_command_notes_a_ccos_toml_typo_on_stderr(ccos: Ccos) -> None:
    _path, line = _profile_typo(ccos)
    message = "unknown key profile.langauge (did you mean language?)"
    result = ccos.ok("plan", "week")
    _noted(result.stderr, "ccos.toml", line, message)
    assert "unknown key" not in result.stdout
    as_json = ccos("plan", "week", "--json")
    assert as_json.exit_code == 0
    json.loads(as_json.stdout)  # the note is on stderr only: stdout stays one JSON document
    _noted(as_json.stderr, "ccos.toml", line, message)


def test_a_nested_typo_in_an_event_is_noted(ccos: Ccos) -> None:
    ccos.ok("event", "add", "--over-budget", "Autumn meetup", "--kind", "meetup", "--date", "2026-11-28 18:00")
    path = ccos.root / "events" / "autumn-meetup.toml"
    _write(path, path.read_text(encoding="utf-8").replace("done = false\n", "done = false\nhourz = 2\n", 1))
    line = _line(path, "hourz = 2")
    result = ccos.ok("event", "task", "autumn", "check", "1")
    _noted(result.stderr, "events/autumn-meetup.toml", line, "unknown key tasks.0.hourz (did you mean hours?)")
    assert "hourz = 2" in path.read_text(encoding="utf-8")


def test_a_session_front_matter_typo_is_noted_with_the_files_line(ccos: Ccos) -> None:
    path, line = _session_typo(ccos)
    shown = path.relative_to(ccos.root).as_posix()
    message = "unknown key topcs (did you mean topics?)"
    _noted(ccos.ok("mentee", "show", "bob").stderr, shown, line, message)
    result = ccos.ok("mentee", "done", "bob", "1")  # rewrites that front matter: the key stays
    _noted(result.stderr, shown, line, message)
    assert 'topcs = ["x"]' in path.read_text(encoding="utf-8")


def test_an_edit_notes_the_key_once_and_keeps_it(ccos: Ccos) -> None:
    path, line = _profile_typo(ccos)
    result = ccos.ok("config", "set", "budget.weekly_hours", "8")
    _noted(result.stderr, "ccos.toml", line, "unknown key profile.langauge (did you mean language?)")
    assert 'langauge = "zh"' in path.read_text(encoding="utf-8")


def test_doctor_reports_unknown_keys_once_not_as_notes_too(ccos: Ccos) -> None:
    _path, line = _profile_typo(ccos)
    _session_typo(ccos)
    for args in (("doctor",), ("doctor", "--json"), ("doctor", "--fix")):
        result = ccos(*args)
        assert result.exit_code == 0
        assert _notes(result.stderr) == [], args
        assert "fixed:" not in result.stdout
        assert f"ccos.toml:{line}: unknown key profile.langauge" in result.stdout or args == ("doctor", "--json")


def test_no_note_for_a_clean_workspace(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Bob")
    ccos.ok("mentee", "log", "bob", "--minutes", "30", "--next", "read the guide")
    ccos.ok("event", "add", "--over-budget", "Autumn meetup", "--kind", "meetup", "--date", "2026-11-28 18:00")
    for command in (("checklist", "check", "1"), ("plan", "week"), ("status",), ("mentee", "done", "bob", "1")):
        result = ccos.ok(*command)
        assert "note:" not in result.stderr, (command, result.stderr)

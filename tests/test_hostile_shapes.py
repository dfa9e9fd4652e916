"""Hostile shapes are named errors, and large notes are handled in linear time.

- Nesting: 1 KB of `[[[[...` (or deep inline tables, a 5,000-part table header or dotted
  key) in any workspace file, or deep JSON in `ccos import json`, is exit 2 naming the
  file and line, never a RecursionError (`storage/strict_read.py`, MAX_DEPTH = 32 for
  TOML, MAX_JSON_DEPTH = 64 for JSON).
- Notes of 4.9 MB (one huge line, many lines, many `+++`, `#` headings, `[ ]` items,
  unclosed `<!--`) are shown and kept byte for byte. No timing here: the measurements are
  in the report for the lead; these tests check behaviour at that size.
- Any entry can be named by its exact id, and a read-only disk is named as one.
"""

from __future__ import annotations

import errno
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from ccos.errors import InvalidFile, from_os_error
from ccos.storage import strict_read
from ccos.storage.strict_read import MAX_DEPTH, MAX_JSON_DEPTH, check_toml_depth, data_depth, parse_json, parse_toml
from tests.adversarial.workspace import build_populated, copy_workspace, invoke
from tests.conftest import Ccos, snapshot

# --- nesting in every kind of workspace file ------------------------------------------------

SHAPES: dict[str, str] = {
    "arrays": "deep = " + "[" * 500 + "]" * 500,
    "inline-tables": "deep = " + "{ a = " * 200 + "1" + " }" * 200,
    "header": "[" + ".".join(["a"] * 5000) + "]",
    "dotted-key": ".".join(["a"] * 5000) + " = 1",
    "array-of-tables": "[[" + ".".join(["a"] * 40) + "]]",
}

# (file, a command that reads it)
KINDS: list[tuple[str, tuple[str, ...]]] = [
    ("ccos.toml", ("status",)),
    ("checklists/2026-W47.toml", ("checklist", "show")),
    ("sharing/idea-piece.toml", ("share", "list")),
    ("mentees/ada/mentee.toml", ("mentee", "list")),
    ("mentees/ada/sessions/*.md", ("mentee", "show", "ada")),
    ("events/meetup-next.toml", ("event", "list")),
    ("checkins/2026-W46.toml", ("status",)),
    ("reviews/2026-W46.md", ("review", "week", "--week", "last")),
    ("templates/review.toml", ("review", "week")),
    ("templates/checklists/week.toml", ("checklist", "show", "--week", "next")),
    ("templates/playbooks/mini.toml", ("event", "playbooks")),
]


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shapes") / "ws"
    build_populated(root)
    return root


def plant(root: Path, pattern: str, shape: str) -> tuple[str, int]:
    """Put the hostile text at the top of the file (after the opening `+++` of front matter)."""
    path = next(root.glob(pattern))
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        assert text.startswith("+++\n")
        path.write_text("+++\n" + SHAPES[shape] + "\n" + text[4:], encoding="utf-8")
        line = 2
    else:
        path.write_text(SHAPES[shape] + "\n" + text, encoding="utf-8")
        line = 1
    return path.relative_to(root).as_posix(), line


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize(("pattern", "command"), KINDS, ids=[kind for kind, _ in KINDS])
def test_deep_nesting_is_named_with_file_and_line(
    populated: Path, tmp_path: Path, pattern: str, command: tuple[str, ...], shape: str
) -> None:
    root = copy_workspace(populated, tmp_path / "ws")
    relative, line = plant(root, pattern, shape)
    before = snapshot(root)
    result = invoke(root, *command)
    assert result.exit_code == 2, result.stderr
    assert f"{relative}:{line}: nesting deeper than {MAX_DEPTH} levels" in result.stderr, result.stderr
    assert "Recursion" not in result.stderr and "internal error" not in result.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize(("pattern", "command"), KINDS, ids=[kind for kind, _ in KINDS])
def test_doctor_names_a_deep_file(populated: Path, tmp_path: Path, pattern: str, command: tuple[str, ...]) -> None:
    root = copy_workspace(populated, tmp_path / "ws")
    relative, line = plant(root, pattern, "arrays")
    result = invoke(root, "doctor", "--json")
    assert result.exit_code == 2, result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert {"file": relative, "line": line} in [{"file": p["file"], "line": p["line"]} for p in problems]
    assert any("nesting deeper" in p["message"] for p in problems)


def test_a_deep_value_on_the_command_line_is_an_input_error(ccos: Ccos) -> None:
    before = snapshot(ccos.root)
    result = ccos("config", "set", "budget.weekly_hours", "[" * 2000)
    assert result.exit_code == 2 and "budget.weekly_hours" in result.stderr, result.stderr
    assert snapshot(ccos.root) == before


# --- the scan itself ------------------------------------------------------------------------


def nested(depth: int, kind: str) -> str:
    """TOML whose data nests exactly `depth` containers deep."""
    if kind == "arrays":
        return "a = " + "[" * depth + "]" * depth
    if kind == "inline":
        return "a = " + "{ b = " * depth + "1" + " }" * depth
    if kind == "header":
        return "[" + ".".join(["t"] * depth) + "]\nx = 1"
    if kind == "array-of-tables":
        return "[[" + ".".join(["t"] * (depth - 1)) + "]]\nx = 1"
    if kind == "dotted":
        return ".".join(["k"] * (depth + 1)) + " = 1"
    if kind == "mixed":  # a table header, a dotted key, an inline table and an array on top of each other
        return "[t.u]\nk.l = { m = [" + "[" * (depth - 5) + "1" + "]" * (depth - 5) + "] }"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["arrays", "inline", "header", "array-of-tables", "dotted", "mixed"])
def test_the_limit_is_exact(kind: str) -> None:
    at_limit = nested(MAX_DEPTH, kind)
    assert data_depth(tomllib.loads(at_limit)) == MAX_DEPTH
    assert parse_toml(Path("f.toml"), at_limit) == tomllib.loads(at_limit)
    tomlkit.parse(at_limit)  # and the round-trip editor handles the deepest file allowed
    with pytest.raises(InvalidFile, match=f"nesting deeper than {MAX_DEPTH} levels"):
        parse_toml(Path("f.toml"), nested(MAX_DEPTH + 1, kind))


def test_brackets_in_strings_and_comments_do_not_count() -> None:
    text = "\n".join(
        [
            'a = "' + "[" * 100 + '"',
            "b = '" + "{" * 100 + "'",
            'c = """' + "[\n" * 100 + '"""',
            "d = '''" + "{\n" * 100 + "'''",
            'e = """\\"""' + "[" * 100 + '"""',  # an escaped quote inside a multi-line string
            "f = '''x''''",  # up to two quotes close with the delimiter
            "# " + "[" * 100,
            'g = [ # a comment [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n  1.5, 2.5, "]]]]"\n]',
            '"quoted.key.with.dots.' + "a." * 50 + '" = 1',
            '[t."' + "x." * 50 + '"]',
            "v = [" + ", ".join(["1.25"] * 100) + "]",
        ]
    )
    parse_toml(Path("f.toml"), text)  # no false alarm


def test_line_numbers_count_from_the_front_matter() -> None:
    with pytest.raises(InvalidFile) as caught:
        parse_toml(Path("s.md"), 'date = 2026-11-16\nnote = "x"\n' + SHAPES["arrays"], first_line=2)
    assert caught.value.line == 4


def test_the_parse_is_guarded_when_the_scan_is_bypassed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Last lines of defence: RecursionError from tomllib, and a check of the parsed data."""
    monkeypatch.setattr(strict_read, "check_toml_depth", lambda *args, **kwargs: None)
    with pytest.raises(InvalidFile, match="nesting deeper"):
        parse_toml(Path("f.toml"), SHAPES["arrays"].replace("500", "3000") + "[" * 2500 + "]" * 2500)
    with pytest.raises(InvalidFile, match="nesting deeper"):
        parse_toml(Path("f.toml"), nested(60, "arrays"))


LEAVES = st.one_of(
    st.integers(), st.booleans(), st.sampled_from(["x", "a.b[c]{d}", "'''", '"""', "x'\"y", "# no", "=", ""])
)
KEYS = st.sampled_from(["k", "a.b", "c d", "é", "x[y]", "'q'", '"r"', "s=t"])
DATA = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3), st.dictionaries(KEYS, inner, min_size=1, max_size=3)
    ),
    max_leaves=40,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, DATA, min_size=1, max_size=3), st.integers(min_value=0, max_value=2))
def test_the_scan_agrees_with_the_parsed_data(data: dict[str, Any], slack: int) -> None:
    """Whatever tomli_w and tomlkit write, the scan refuses exactly what nests deeper than the limit."""
    depth = data_depth(data)
    limit = max(depth - 1 + slack, 0)
    for dump in (tomli_w.dumps, tomlkit.dumps):
        try:
            text = dump(data)
        except Exception:  # a shape the writer cannot express (e.g. arrays of mixed tables)
            continue
        if tomllib.loads(text) != data:
            continue
        refused = False
        try:
            check_toml_depth(Path("f.toml"), text, limit=limit)
        except InvalidFile:
            refused = True
        assert refused == (depth > limit), (limit, depth, text)


# --- JSON ------------------------------------------------------------------------------------


def test_json_at_and_over_the_limit() -> None:
    assert data_depth(parse_json("d.json", "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)) == MAX_JSON_DEPTH - 1
    deeper = '{"a": "[[[[\\"[[[[",\n"b":\n' + "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH + "}"
    with pytest.raises(InvalidFile, match=f"nesting deeper than {MAX_JSON_DEPTH} levels") as caught:
        parse_json("d.json", deeper)
    assert caught.value.line == 3
    with pytest.raises(InvalidFile, match="nesting deeper") as caught:
        parse_json("d.json", "\n" + "[" * 100_000)  # past Python's recursion limit: still a named error
    assert caught.value.line == 2


@pytest.mark.parametrize("how", ["document", "data"])
def test_import_of_deep_json_is_refused(make_workspace: Callable[..., Ccos], tmp_path: Path, how: str) -> None:
    source = make_workspace(name="source")
    document = json.loads(source.ok("export", "json").stdout)
    if how == "document":
        text = json.dumps(document)[:-1] + ', "extra": ' + "[" * 5000 + "]" * 5000 + "}"
    else:
        config = next(f for f in document["files"] if f["path"] == "ccos.toml")
        config["data"]["deep"] = json.loads("[" * 70 + "]" * 70)
        text = json.dumps(document, indent=1)
    (tmp_path / "deep.json").write_text(text, encoding="utf-8")
    target = make_workspace(name="target")
    before = snapshot(target.root)
    result = target("import", "json", str(tmp_path / "deep.json"))
    assert result.exit_code == 2, result.stderr
    assert re.search(r"deep\.json:\d+: nesting deeper than 64 levels", result.stderr), result.stderr
    assert snapshot(target.root) == before


# --- large notes, below the size limit ------------------------------------------------------

SIZE = 4_900_000
NOTES: dict[str, str] = {
    "one-line": "x" * SIZE,
    "many-lines": "word word word\n" * (SIZE // 15),
    "fences": "+++\n" * (SIZE // 4),
    "headings": "# h\n" * (SIZE // 4),
    "items": "- [ ] a\n" * (SIZE // 8),
    "comments": "<!-- " * (SIZE // 5),
}


@pytest.mark.parametrize("shape", ["one-line", "many-lines", "fences"])
def test_share_show_returns_large_notes_whole(ccos: Ccos, shape: str) -> None:
    ccos.ok("share", "add", "--over-budget", "Big notes")
    (ccos.root / "sharing" / "big-notes.md").write_text(NOTES[shape], encoding="utf-8")
    shown = ccos.json("share", "show", "big-notes")
    assert shown["body"] == NOTES[shape]  # type: ignore[index]


@pytest.mark.parametrize("shape", ["many-lines", "fences", "headings", "items"])
def test_mentee_done_on_a_large_session_keeps_the_notes_byte_for_byte(ccos: Ccos, shape: str) -> None:
    ccos.ok("mentee", "add", "Ann", "--cadence", "1/month")
    ccos.ok("mentee", "log", "ann", "--date", "2026-11-16", "--next", "read a book", "--note", "start")
    session = next((ccos.root / "mentees" / "ann" / "sessions").glob("*.md"))
    session.write_text(session.read_text(encoding="utf-8") + NOTES[shape], encoding="utf-8")
    notes = session.read_text(encoding="utf-8").split("+++\n", 2)[2]
    shown = ccos.json("mentee", "show", "ann")
    assert shown["sessions"][0]["notes"].strip("\n") == notes.strip("\n")  # type: ignore[index]
    ccos.ok("mentee", "done", "ann", "1")
    after = session.read_text(encoding="utf-8")
    front, rest = after.split("\n+++\n", 1)
    assert 'state = "done"' in front and "closed_on = 2026-11-18" in front
    assert rest == notes


def test_notes_from_the_editor_with_unclosed_comments() -> None:
    from ccos.capabilities.mentoring.notes import note_from_edit

    template = "## Notes\n<!-- what did you talk about? -->\n"
    edited = template + "kept <!-- dropped --> kept too\n" + NOTES["comments"]
    note = note_from_edit(template, edited)
    assert note is not None and note.startswith("## Notes\n\nkept  kept too\n<!-- <!-- ")
    assert note.count("<!--") == SIZE // 5  # an unclosed comment is the person's text, kept


# --- naming, and a read-only disk -----------------------------------------------------------


def test_a_dropped_piece_is_shown_by_its_exact_id(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Talk")
    ccos.ok("share", "drop", "talk")
    ccos.ok("share", "add", "--over-budget", "Talk A")
    ccos.ok("share", "add", "--over-budget", "Talk B")
    assert ccos.json("share", "show", "talk")["piece"]["id"] == "talk"  # type: ignore[index]
    assert ccos("share", "show", "tal").exit_code == 2  # a prefix is still ambiguous
    ccos.ok("share", "add", "--over-budget", "Talk")  # the title is free again: a new piece, talk-2
    assert ccos.json("share", "show", "talk")["piece"]["id"] == "talk"  # type: ignore[index]
    assert ccos.json("share", "show", "talk-2")["piece"]["stage"] == "idea"  # type: ignore[index]


def test_an_id_that_is_a_prefix_of_another_id(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Rust")
    ccos.ok("share", "add", "--over-budget", "Rust async")
    ccos.ok("share", "drop", "rust")
    assert ccos.json("share", "show", "rust")["piece"]["id"] == "rust"  # type: ignore[index]
    assert ccos.json("share", "show", "rust-async")["piece"]["id"] == "rust-async"  # type: ignore[index]
    ccos.ok("mentee", "add", "Ann", "--cadence", "1/month")
    ccos.ok("mentee", "add", "Anna", "--cadence", "1/month")
    ccos.ok("mentee", "graduate", "ann")
    assert ccos.json("mentee", "show", "ann")["mentee"]["id"] == "ann"  # type: ignore[index]
    ccos.ok("event", "add", "--over-budget", "Meetup", "--kind", "meetup", "--date", "2026-12-01 19:00")
    ccos.ok("event", "add", "--over-budget", "Meetup 2", "--kind", "meetup", "--date", "2026-12-08 19:00")
    ccos.ok("event", "cancel", "meetup")
    assert ccos.json("event", "show", "meetup")["event"]["id"] == "meetup"  # type: ignore[index]


def test_an_exact_id_wins_over_another_entrys_title(ccos: Ccos) -> None:
    """`meetup-2-2.toml` sorts before `meetup-2.toml`: its title "meetup-2" must not win over the id."""
    ccos.ok("event", "add", "--over-budget", "Meetup 2", "--kind", "meetup", "--date", "2026-12-08 19:00")
    ccos.ok("event", "add", "--over-budget", "meetup-2", "--kind", "meetup", "--date", "2026-12-15 19:00")
    assert sorted(p.stem for p in (ccos.root / "events").glob("*.toml")) == ["meetup-2", "meetup-2-2"]
    assert ccos.json("event", "show", "meetup-2")["event"]["title"] == "Meetup 2"  # type: ignore[index]
    assert ccos.json("event", "show", "meetup-2-2")["event"]["title"] == "meetup-2"  # type: ignore[index]


def test_a_read_only_disk_is_not_called_permission_denied() -> None:
    error = from_os_error(OSError(errno.EROFS, "Read-only file system", "/ws/ccos.toml"))
    assert error.exit_code == 5 and str(error) == "/ws/ccos.toml: read-only file system"
    assert error.hint is not None and "read-only" in error.hint and "remount" in error.hint
    for code in (errno.EACCES, errno.EPERM):
        denied = from_os_error(OSError(code, "denied"), "checklists/2026-W47.toml")
        assert denied.exit_code == 5 and str(denied) == "checklists/2026-W47.toml: permission denied"

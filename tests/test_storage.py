"""The storage layer: strict reads, the atomic write path, round-trip editing."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from ccos.errors import ChangedOnDisk, InvalidFile
from ccos.models.checklist import Checklist
from ccos.storage.strict_read import decode_strict, find_key_line, parse_toml
from ccos.storage.workspace import Workspace


@pytest.mark.parametrize(
    ("data", "problem", "line"),
    [
        (b"", "empty", None),
        (b"  \n\n", "empty", None),
        (b"a = 1\nb = \x00\x00", "NUL", 2),
        (b"\xef\xbb\xbfa = 1", "byte-order mark", 1),
        (b"\xff\xfea\x00", "UTF-16", None),
        (b"a = 1\nb = '\xe9t\xe9'\n", "UTF-8", 2),
        (b"a = 1\n<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> other\n", "conflict markers", 2),
    ],
)
def test_decode_refuses_what_a_person_did_not_mean(data: bytes, problem: str, line: int | None) -> None:
    with pytest.raises(InvalidFile) as error:
        decode_strict(Path("x.toml"), data)
    assert problem in error.value.problem
    assert error.value.line == line
    assert str(error.value).startswith("x.toml")


def test_toml_syntax_error_names_line_and_column() -> None:
    with pytest.raises(InvalidFile) as error:
        parse_toml(Path("ccos.toml"), "a = 1\n[budget]\nweekly_hours = = 3\n")
    assert (error.value.line, error.value.column) == (3, 16)
    assert str(error.value).startswith("ccos.toml:3:16: TOML syntax error")


def test_find_key_line_in_tables_and_arrays() -> None:
    text = 'period = "x"\n[[items]]\ntext = "a"\n\n[[items]]\ntext = "b"\nminutes = -1\n[budget]\nweekly_hours = 2\n'
    assert find_key_line(text, ("items", 1, "minutes")) == 7
    assert find_key_line(text, ("items", 0, "text")) == 3
    assert find_key_line(text, ("budget", "weekly_hours")) == 9
    assert find_key_line(text, ("period",)) == 1


def test_validation_error_names_file_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "2026-W47.toml"
    path.write_text('period = "2026-W47"\nscope = "week"\n\n[[items]]\ntext = "a"\nminutes = -5\n', encoding="utf-8")
    with pytest.raises(InvalidFile) as error:
        Workspace(tmp_path).load(path, Checklist)
    assert error.value.line == 6
    assert error.value.key == "items.0.minutes"


def test_write_refuses_a_file_changed_underneath(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("a = 1\n", encoding="utf-8")
    workspace = Workspace(tmp_path)
    workspace.read_text(path)
    path.write_text("a = 2  # an editor saved this\n", encoding="utf-8")
    with pytest.raises(ChangedOnDisk):
        workspace.write_text(path, "a = 3\n")
    assert path.read_text(encoding="utf-8") == "a = 2  # an editor saved this\n"


def test_write_refuses_invalid_toml_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    with pytest.raises(InvalidFile):
        Workspace(tmp_path).write_text(path, "a = = 1\n")
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_write_keeps_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("a = 1\n", encoding="utf-8")
    path.chmod(0o600)
    workspace = Workspace(tmp_path)
    workspace.read_text(path)
    workspace.write_text(path, "a = 2\n")
    assert path.stat().st_mode & 0o777 == 0o600


def test_write_refuses_paths_outside_the_workspace(tmp_path: Path) -> None:
    inside = tmp_path / "ws"
    inside.mkdir()
    with pytest.raises(InvalidFile):
        Workspace(inside).write_text(inside / ".." / "escape.toml", "a = 1\n")
    assert not (tmp_path / "escape.toml").exists()


comment_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"), max_size=30
)
values = st.one_of(
    st.integers(-(10**6), 10**6), st.booleans(), st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
)


@settings(max_examples=150, deadline=None)
@given(comment=comment_text, unknown=values, new_value=values)
def test_round_trip_edit_keeps_comments_unknown_keys_and_order(
    comment: str, unknown: object, new_value: object
) -> None:
    doc = tomlkit.document()
    doc.add(tomlkit.comment(comment))
    doc.add("first", 1)
    doc.add("my_own_key", unknown)
    table = tomlkit.table()
    table.add("weekly_hours", 6)
    table.add("note", "x")
    doc.add("budget", table)
    original = tomlkit.dumps(doc)

    edited = tomlkit.parse(original)
    edited["budget"]["weekly_hours"] = new_value
    text = tomlkit.dumps(edited)

    parsed = parse_toml(Path("x.toml"), text)
    assert parsed["my_own_key"] == unknown
    assert parsed["budget"]["weekly_hours"] == new_value
    assert list(parsed) == ["first", "my_own_key", "budget"]
    assert "#" + (" " + comment if comment else "") in text or comment.strip() == ""
    changed = [line for line in text.split("\n") if line not in original.split("\n")]
    assert all(line.startswith("weekly_hours") for line in changed)

"""The storage layer: strict reads, the atomic write path, round-trip editing."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from ccos.capabilities.checklists.model import Checklist
from ccos.errors import ChangedOnDisk, InvalidFile
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


# --- the write path never follows a link, never leaves the workspace -------------------------


@pytest.mark.parametrize(
    "relative",
    ["checklists/2026-W47.toml", "mentees/ada/sessions/2026-11-02-1900-ab12.md", "a.b/c", "ccos.toml", ".gitignore"],
)
def test_plain_relative_paths_are_accepted(relative: str) -> None:
    from ccos.storage.safe_paths import check_relative

    assert check_relative(relative) == relative


@pytest.mark.parametrize(
    "relative",
    [
        "",
        "../.bashrc",
        "../../../x",
        "a/../../b",
        "a/./b",
        "a//b",
        "/etc/passwd",
        "C:/Windows/x",
        "c:x",
        "a\\..\\b",
        "a\x00b",
        ".git/hooks/pre-commit",
        ".GIT/hooks/pre-commit",
        "sub/.Git/config",
        ".git./hooks/x",
        ".git::$INDEX_ALLOCATION/hooks/x",
        "GIT~1/hooks/x",
        ".g\u200cit/hooks/x",
        "CCOS~1/lock",
        ".ccos/journal/1-1.json",
        ".CCOS/lock",
        "a/",
        None,
        7,
    ],
)
def test_unsafe_relative_paths_are_refused(relative: object) -> None:
    from ccos.storage.safe_paths import UnsafePath, check_relative

    with pytest.raises(UnsafePath):
        check_relative(relative)


def _outside_and_inside(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "target.toml").write_text("a = 1\n", encoding="utf-8")
    inside = tmp_path / "ws"
    inside.mkdir()
    return outside, inside


def test_write_refuses_a_link_where_the_file_belongs(tmp_path: Path) -> None:
    outside, inside = _outside_and_inside(tmp_path)
    (inside / "a.toml").symlink_to(outside / "target.toml")
    workspace = Workspace(inside)
    with pytest.raises(InvalidFile) as error:
        workspace.write_text(inside / "a.toml", "a = 2\n")
    assert "symbolic link" in str(error.value) and "a.toml" in str(error.value)
    assert (outside / "target.toml").read_text(encoding="utf-8") == "a = 1\n"
    assert (inside / "a.toml").is_symlink()


def test_write_refuses_a_linked_folder_on_the_way(tmp_path: Path) -> None:
    outside, inside = _outside_and_inside(tmp_path)
    (inside / "checklists").symlink_to(outside)
    with pytest.raises(InvalidFile) as error:
        Workspace(inside).write_text(inside / "checklists" / "new.toml", "a = 2\n")
    assert "checklists: is a symbolic link" in str(error.value)
    assert sorted(p.name for p in outside.iterdir()) == ["target.toml"]


def test_read_refuses_links_and_folders(tmp_path: Path) -> None:
    outside, inside = _outside_and_inside(tmp_path)
    (inside / "a.toml").symlink_to(outside / "target.toml")
    (inside / "b.toml").mkdir()
    (inside / "sub").symlink_to(outside)
    workspace = Workspace(inside)
    for name, problem in (("a.toml", "symbolic link"), ("b.toml", "is a folder"), ("sub/target.toml", "sub: is a")):
        with pytest.raises(InvalidFile) as error:
            workspace.read_bytes(inside / name)
        assert problem in str(error.value)


def test_delete_refuses_a_link(tmp_path: Path) -> None:
    outside, inside = _outside_and_inside(tmp_path)
    (inside / "a.toml").symlink_to(outside / "target.toml")
    with pytest.raises(InvalidFile):
        Workspace(inside).delete(inside / "a.toml")
    assert (inside / "a.toml").is_symlink() and (outside / "target.toml").exists()


@pytest.mark.parametrize(("name", "limit"), [("big.toml", 1), ("big.md", 5)])
def test_files_over_their_size_limit_are_refused_by_name(tmp_path: Path, name: str, limit: int) -> None:
    path = tmp_path / name
    path.write_bytes(b"x" * (limit * 1024 * 1024 + 1))
    with pytest.raises(InvalidFile) as error:
        Workspace(tmp_path).read_bytes(path)
    assert f"over the {limit} MB" in str(error.value) and name in str(error.value)


def test_temporary_names_are_fresh_and_name_their_process(tmp_path: Path) -> None:
    import os

    from ccos.storage.atomic_write import TEMP_SUFFIX, temp_path_for
    from ccos.storage.leftovers import find_temp_files, owner_pid

    names = {temp_path_for(tmp_path / "a.toml").name for _ in range(50)}
    assert len(names) == 50
    assert all(n.startswith(".a.toml.") and n.endswith(TEMP_SUFFIX) for n in names)
    assert {owner_pid(n) for n in names} == {os.getpid()}
    assert owner_pid(".a.toml.999999999.ccos-tmp") == 999999999  # the older form
    link = tmp_path / f".b.toml.{os.getpid()}.ccos-tmp"
    link.symlink_to(tmp_path / "elsewhere")
    (found,) = find_temp_files(tmp_path)
    assert found.path == link and found.stale  # a link is never ccos's, whatever pid it names


def test_the_temporary_file_is_never_an_existing_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a link planted at exactly the temporary name is not written through (O_EXCL|O_NOFOLLOW)."""
    from ccos.errors import CcosError
    from ccos.storage import atomic_write

    victim = tmp_path / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    planted = tmp_path / ".a.toml.planted.ccos-tmp"
    planted.symlink_to(victim)
    monkeypatch.setattr(atomic_write, "temp_path_for", lambda path: planted)
    with pytest.raises(CcosError):
        atomic_write.write_atomically(tmp_path / "a.toml", b"a = 1\n", expected=None, root=tmp_path)
    assert victim.read_text(encoding="utf-8") == "precious\n" and not (tmp_path / "a.toml").exists()


# --- machine-local state: set aside what ccos did not make ----------------------------------------


def test_a_file_where_the_state_folder_belongs_is_set_aside(tmp_path: Path) -> None:
    from ccos.storage.local_state import register_notes, safe_state_dir

    (tmp_path / ".ccos").write_text("pushed\n", encoding="utf-8")
    notes: list[str] = []
    register_notes(tmp_path, notes)
    folder = safe_state_dir(tmp_path, "backups")
    assert folder.is_dir() and (tmp_path / ".ccos").is_dir()
    (aside,) = (tmp_path / ".ccos").glob("ccos.set-aside-*")
    assert aside.read_text(encoding="utf-8") == "pushed\n"
    assert any(".ccos was a file, not a folder; ccos set it aside as .ccos/ccos.set-aside-" in n for n in notes), notes


def test_a_folder_of_another_user_is_set_aside(tmp_path: Path) -> None:
    import os

    from ccos.storage.local_state import register_notes, safe_state_dir

    if os.getuid() != 0:
        pytest.skip("making a folder of another user needs root")
    (tmp_path / ".ccos" / "journal").mkdir(parents=True)
    os.chown(tmp_path / ".ccos" / "journal", 4242, 4242)
    notes: list[str] = []
    register_notes(tmp_path, notes)
    folder = safe_state_dir(tmp_path, "journal")
    assert folder.stat().st_uid == os.getuid()
    assert any("owned by another user (uid 4242)" in note for note in notes)


def test_untrusted_journals_are_set_aside_untouched(tmp_path: Path) -> None:
    import json

    from ccos.storage.journal import pending, roll_back

    (tmp_path / ".ccos" / "journal").mkdir(parents=True)
    bad = {
        "1-1.json": {"files": [{"path": "../x", "old": None, "new": None}]},
        "2-2.json": {"files": [{"path": "a.toml", "old": "@@@", "new": None}]},
        "3-3.json": {"files": [{"path": "a.toml", "old": None, "new": "not a hash"}]},
        "4-4.json": {"files": "nope"},
        "5-5.json": [1, 2],
        "name.json": {"files": []},
    }
    for name, document in bad.items():
        (tmp_path / ".ccos" / "journal" / name).write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "a.toml").write_text("a = 1\n", encoding="utf-8")
    for journal in pending(tmp_path / ".ccos"):
        recovery = roll_back(tmp_path, tmp_path / ".ccos", journal)
        assert recovery.set_aside is not None and "nothing in it was acted on" in recovery.summary()
    assert pending(tmp_path / ".ccos") == []
    assert len(list((tmp_path / ".ccos" / "journal").glob("*.set-aside-*"))) == len(bad)
    assert (tmp_path / "a.toml").read_text(encoding="utf-8") == "a = 1\n"
    assert not (tmp_path.parent / "x").exists()

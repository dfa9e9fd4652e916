"""The checklist union merge, the file-kind registry and commit messages, without git."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccos.capabilities.checklists.merge import NotMergeable, merge_checklist
from ccos.storage.autocommit import commit_message
from ccos.storage.file_kinds import FileKind, describe_changes, kind_of, validate_file
from ccos.storage.workspace import Workspace
from tests.conftest import Ccos

HEADER = '# my own comment\nperiod = "2026-W47"\nscope = "week"\n'


def checklist(*items: tuple[str, bool]) -> str:
    text = HEADER
    for label, done in items:
        text += f'\n[[items]]\ntext = "{label}"\nminutes = 30\ndone = {"true" if done else "false"}\n'
        if done:
            text += "done_on = 2026-11-18\n"
    return text


def done_map(text: str) -> dict[str, bool]:
    return {item["text"]: item["done"] for item in tomllib.loads(text)["items"]}


def test_union_without_base_keeps_every_tick_and_item() -> None:
    ours = checklist(("a", True), ("b", False), ("only ours", False))
    theirs = checklist(("a", False), ("b", True), ("only theirs", True))
    merged = merge_checklist(None, ours, theirs)
    assert done_map(merged) == {"a": True, "b": True, "only ours": False, "only theirs": True}
    assert merged.startswith("# my own comment\n")
    assert list(done_map(merged)) == ["a", "b", "only ours", "only theirs"]


def test_base_decides_untick_and_removal() -> None:
    base = checklist(("a", True), ("b", False), ("c", False))
    ours = checklist(("a", False), ("b", False), ("c", False))  # unticked a
    theirs = checklist(("a", True), ("b", True))  # ticked b, removed c
    assert done_map(merge_checklist(base, ours, theirs)) == {"a": False, "b": True}


def test_removed_on_one_side_but_ticked_on_the_other_is_kept() -> None:
    base = checklist(("a", False), ("b", False))
    ours = checklist(("a", False))
    theirs = checklist(("a", False), ("b", True))
    assert done_map(merge_checklist(base, ours, theirs)) == {"a": False, "b": True}


def test_same_text_in_another_case_is_the_same_item() -> None:
    merged = merge_checklist(None, checklist(("Write it", True)), checklist(("write IT", False), ("x", False)))
    assert done_map(merged) == {"Write it": True, "x": False}


def test_earlier_done_on_wins_and_unticked_items_lose_done_on() -> None:
    ours = HEADER + '\n[[items]]\ntext = "a"\ndone = true\ndone_on = 2026-11-19\n'
    theirs = HEADER + '\n[[items]]\ntext = "a"\ndone = true\ndone_on = 2026-11-17\n'
    item = tomllib.loads(merge_checklist(None, ours, theirs))["items"][0]
    assert str(item["done_on"]) == "2026-11-17"
    base = checklist(("a", True))
    unticked = checklist(("a", False))
    item = tomllib.loads(merge_checklist(base, unticked, base))["items"][0]
    assert item["done"] is False and "done_on" not in item


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (HEADER + '\n[[items]]\ntext = "a"\nminutes = 10\n', HEADER + '\n[[items]]\ntext = "a"\nminutes = 20\n'),
        (checklist(("a", True)), checklist(("a", True)).replace("2026-W47", "2026-W48")),
        (checklist(("a", True)), "<<<<<<< HEAD\n" + checklist(("a", True))),
        (checklist(("a", True)), 'period = "2026-W47"\nscope = "nonsense"\n'),
    ],
)
def test_undecidable_versions_are_not_merged(ours: str, theirs: str) -> None:
    with pytest.raises(NotMergeable):
        merge_checklist(None, ours, theirs)


@settings(max_examples=60, deadline=None)
@given(
    ours=st.lists(st.tuples(st.sampled_from("abcdef"), st.booleans()), max_size=6, unique_by=lambda pair: pair[0]),
    theirs=st.lists(st.tuples(st.sampled_from("abcdef"), st.booleans()), max_size=6, unique_by=lambda pair: pair[0]),
)
def test_union_never_loses_an_item_or_a_tick(ours: list[tuple[str, bool]], theirs: list[tuple[str, bool]]) -> None:
    merged = done_map(merge_checklist(None, checklist(*ours), checklist(*theirs)))
    assert set(merged) == {label for label, _ in ours} | {label for label, _ in theirs}
    for label, done in ours + theirs:
        assert merged[label] or not done
    assert merged == done_map(merge_checklist(None, checklist(*theirs), checklist(*ours)))


def test_file_kind_patterns_match_one_segment_per_star() -> None:
    assert kind_of("checklists/2026-W47.toml") is not None
    assert kind_of("checklists/old/2026-W47.toml") is None
    assert kind_of("x/checklists/2026-W47.toml") is None
    assert kind_of("ccos.toml") is not None
    kind = FileKind("mentees/*/sessions/*.md", None, "session {parent2}/{stem}", "session")
    assert kind.matches("mentees/wang/sessions/2026-11-18.md")
    assert kind.name("mentees/wang/sessions/2026-11-18.md") == "session wang/2026-11-18"


def test_a_new_kind_is_one_registry_entry(ccos: Ccos, monkeypatch: pytest.MonkeyPatch) -> None:
    note = ccos.root / "mentees" / "wang" / "profile.md"
    note.parent.mkdir(parents=True)
    note.write_text("+++\nname = 7\n+++\nhello\n", encoding="utf-8")
    validate_file(Workspace(ccos.root), "mentees/wang/profile.md")  # no model: front matter only parses
    from ccos import registry

    kind = FileKind("mentees/*/profile.md", "tests.test_sync_merge:NamedHeader", "mentee {parent}", "profile",
                    front_matter=True)  # fmt: skip
    packaged = registry.capabilities()
    extra = registry.Capability(name="profiles", files=(kind,))
    monkeypatch.setattr(registry, "capabilities", lambda: (*packaged, extra))
    with pytest.raises(Exception, match=r"profile.md:2: name"):
        validate_file(Workspace(ccos.root), "mentees/wang/profile.md")
    assert describe_changes([("M", "mentees/wang/profile.md")]) == "update mentee wang"


class NamedHeader:  # a stand-in model with pydantic's interface
    @staticmethod
    def model_validate(data: dict[str, object]) -> object:
        from pydantic import BaseModel, ConfigDict

        class Header(BaseModel):
            model_config = ConfigDict(strict=True)
            name: str

        return Header.model_validate(data)


def test_describe_changes_in_words() -> None:
    words = describe_changes(
        [
            ("M", "checklists/2026-W47.toml"),
            ("A", "sharing/operator.toml"),
            ("D", "checklists/2026-W46.toml"),
            ("A", "events/.gitkeep"),
        ]
    )
    assert words == "delete checklist 2026-W46; update checklist 2026-W47; add piece operator"
    many = describe_changes([("A", f"sharing/{n}.toml") for n in range(10)])
    assert many.endswith("; and 5 more") and many.count(";") == 5


def test_commit_message_shape() -> None:
    assert commit_message("update checklist 2026-W47", ["update checklist 2026-W47"]) == "update checklist 2026-W47"
    text = commit_message("a; b", ["a", "b"], "after the meetup")
    assert text == "after the meetup\n\na\nb"


def test_validate_file_ignores_binary_and_empty_plain_files(ccos: Ccos) -> None:
    (ccos.root / "photo.png").write_bytes(b"\x89PNG\x00\x00")
    (ccos.root / "empty.md").write_bytes(b"")
    (ccos.root / "bom.txt").write_bytes(b"\xef\xbb\xbfhello\n")
    workspace = Workspace(ccos.root)
    for name in ("photo.png", "empty.md", "bom.txt", "missing.toml"):
        validate_file(workspace, name)
    assert not Path(ccos.root / "missing.toml").exists()


def test_spinner_only_on_a_terminal() -> None:
    import io

    from rich.console import Console

    from ccos.render.sync_view import spinner

    for terminal, shown in ((True, True), (False, False)):
        console = Console(file=io.StringIO(), force_terminal=terminal)
        with spinner(console, "syncing") as progress:
            progress("fetching from origin")
        assert ("fetching from origin" in console.file.getvalue()) is shown  # type: ignore[attr-defined]

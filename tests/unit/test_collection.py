"""ccos.storage.collection.Collection itself: ids in both layouts, finding by what a person
types (open entries before closed ones), loading one entry, new ids, and the one way to
change a file (read once, round-trip, validated, written once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import Field

from ccos.errors import Ambiguous, InvalidFile, InvalidInput, NotFound
from ccos.models.base import Model
from ccos.storage.collection import UNCHANGED, Collection
from ccos.storage.workspace import Workspace


class Note(Model):
    title: str
    count: int = Field(default=0, ge=0)
    done: bool = False


def flat(workspace: Workspace) -> Collection[Note]:
    return Collection(workspace, "notes", Note, what="note", name=lambda note: note.title, list_command="ccos x list")


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    workspace = Workspace(tmp_path / "ws")
    workspace.root.mkdir()
    workspace.use_cache = False
    return workspace


def put(workspace: Workspace, relative: str, text: str) -> Path:
    path = workspace.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def note(title: str, count: int = 0) -> str:
    return f'title = "{title}"\ncount = {count}\n'


# --- ids ------------------------------------------------------------------------------------


def test_ids_of_one_file_per_entry(workspace: Workspace) -> None:
    for name in ("b.toml", "a.toml", ".a.toml.123.ccos-tmp", ".hidden.toml", "a.md", "a.toml.bak", ".toml"):
        put(workspace, f"notes/{name}", note("x"))
    assert flat(workspace).ids() == ["a", "b"]
    assert flat(workspace).path("a") == workspace.root / "notes" / "a.toml"


def test_ids_of_one_folder_per_entry(workspace: Workspace) -> None:
    put(workspace, "people/ada/person.toml", note("Ada"))
    put(workspace, "people/bo/sessions/1.md", "no profile: not an entry")
    put(workspace, "people/.trash/person.toml", note("Gone"))
    put(workspace, "people/cy/person.toml", note("Cy"))
    people = Collection(workspace, "people", Note, what="person", name=lambda n: n.title, layout="{id}/person.toml")
    assert people.ids() == ["ada", "cy"]
    assert people.path("ada") == workspace.root / "people" / "ada" / "person.toml"
    assert [entry.record.title for entry in people.entries()] == ["Ada", "Cy"]


def test_no_folder_no_ids(workspace: Workspace) -> None:
    assert flat(workspace).ids() == []
    assert flat(workspace).entries() == []


# --- find -----------------------------------------------------------------------------------


@pytest.fixture
def talks(workspace: Workspace) -> Collection[Note]:
    put(workspace, "notes/talk.toml", note("A talk about plain files"))
    put(workspace, "notes/talk-2.toml", note("Talk"))
    put(workspace, "notes/operator.toml", note("Operator 开发踩坑记录"))
    put(workspace, "notes/opera.toml", note("Opera night"))
    return flat(workspace)


def test_find_by_exact_id_wins_over_names_and_prefixes(talks: Collection[Note]) -> None:
    assert talks.find("talk").id == "talk"  # though talk-2 is titled "Talk"
    assert talks.find("TALK-2").id == "talk-2"  # ids ignore case
    assert talks.find("opera").id == "opera"  # though it is a prefix of operator


def test_find_by_name_then_by_unique_prefix(talks: Collection[Note]) -> None:
    assert talks.find("operator 开发踩坑记录").id == "operator"
    assert talks.find("a talk").id == "talk"
    assert talks.find("OPERAT").id == "operator"
    entry = talks.find("opera n")
    assert (entry.id, entry.record.title, entry.path.name) == ("opera", "Opera night", "opera.toml")


def test_find_ambiguous_lists_the_candidates(talks: Collection[Note]) -> None:
    with pytest.raises(Ambiguous) as caught:
        talks.find("ope")
    assert "note 'ope' is ambiguous" in str(caught.value)
    assert "operator (Operator 开发踩坑记录)" in str(caught.value) and "opera (Opera night)" in str(caught.value)


def test_find_unknown_suggests_close_names(talks: Collection[Note]) -> None:
    with pytest.raises(NotFound) as caught:
        talks.find("opera nite")
    assert "no note matches 'opera nite'" in str(caught.value)
    assert "opera night" in (caught.value.hint or "")
    with pytest.raises(NotFound) as nothing:
        talks.find("zzzzzz")
    assert "ccos x list" in (nothing.value.hint or "")


def shelved(workspace: Workspace) -> Collection[Note]:
    """Notes whose `done` ones are closed (as dropped pieces are)."""
    return Collection(workspace, "notes", Note, what="note", name=lambda n: n.title, closed=lambda n: n.done)


def done_note(title: str) -> str:
    return f'title = "{title}"\ndone = true\n'


def test_an_open_entry_is_found_before_a_closed_one(workspace: Workspace) -> None:
    put(workspace, "notes/talk.toml", done_note("Talk"))
    put(workspace, "notes/talk-2.toml", note("Talk"))
    put(workspace, "notes/tale.toml", done_note("A tale"))
    put(workspace, "notes/opera.toml", note("Opera night"))
    notes = shelved(workspace)
    assert notes.find("talk").id == "talk"  # an exact id wins, closed or not
    assert notes.find("TALK").id == "talk"
    assert notes.find("ta").id == "talk-2"  # the open one; the closed ones make no ambiguity
    assert notes.find("a tale").id == "tale"  # no open entry matches: the closed ones do
    assert notes.find("tal").id == "talk-2"
    with pytest.raises(Ambiguous):
        flat(workspace).find("tal")  # the same files without `closed`: every entry is open


def test_open_entries_can_still_be_ambiguous_and_unknown_is_looked_for_everywhere(workspace: Workspace) -> None:
    put(workspace, "notes/ada.toml", note("Ada"))
    put(workspace, "notes/adam.toml", note("Adam"))
    put(workspace, "notes/adele.toml", done_note("Adele"))
    put(workspace, "notes/aden.toml", done_note("Aden"))
    notes = shelved(workspace)
    with pytest.raises(Ambiguous) as caught:
        notes.find("ad")
    assert "note 'ad' is ambiguous: ada (Ada), adam (Adam)" in str(caught.value)  # the open ones only
    with pytest.raises(Ambiguous) as closed:
        notes.find("ade")  # no open entry: the closed ones, by the same rule
    assert "adele (Adele), aden (Aden)" in str(closed.value)
    with pytest.raises(NotFound) as unknown:
        notes.find("adelle")
    assert "adele" in (unknown.value.hint or "")  # suggestions come from every entry
    with pytest.raises(InvalidInput):
        notes.find("  ")


def test_with_nothing_open_every_entry_is_matched(workspace: Workspace) -> None:
    put(workspace, "notes/gone.toml", done_note("Gone for good"))
    assert shelved(workspace).find("gone f").id == "gone"
    assert shelved(workspace).find("go").id == "gone"


# --- loading one entry ----------------------------------------------------------------------


def test_load_reads_one_entry_strictly(workspace: Workspace) -> None:
    put(workspace, "notes/mine.toml", HAND_MADE)
    put(workspace, "notes/broken.toml", 'title = "Broken"\ncount = -3\n')
    notes = flat(workspace)
    entry = notes.load("mine")
    assert (entry.id, entry.path, entry.record.count) == ("mine", notes.path("mine"), 1)
    with pytest.raises(InvalidFile) as caught:
        notes.load("broken")
    assert "count" in str(caught.value)
    with pytest.raises(InvalidFile):
        notes.load("missing")


# --- new ids --------------------------------------------------------------------------------


def test_new_id_never_reuses_an_entry(talks: Collection[Note]) -> None:
    assert talks.new_id("Talk") == "talk-3"  # talk and talk-2 are taken
    assert talks.new_id("Opera Night") == "opera-night"
    assert talks.new_id("王小明") == "王小明"
    assert talks.new_id("../../etc") == "etc"
    talks.create(talks.new_id("Talk"), note("Talk again"))
    assert talks.new_id("Talk") == "talk-4"


# --- changing files -------------------------------------------------------------------------

HAND_MADE = '# my notes, by hand\ntitle = "Mine"  # the title\nmood = "curious"\ncount = 1\n'


def test_edit_keeps_comments_unknown_keys_and_order(workspace: Workspace) -> None:
    path = put(workspace, "notes/mine.toml", HAND_MADE)
    notes = flat(workspace)
    assert notes.entries()[0].record.count == 1
    record = notes.edit("mine", lambda doc, _read: doc.update(count=2))
    assert record.count == 2
    assert path.read_text(encoding="utf-8") == HAND_MADE.replace("count = 1", "count = 2")
    assert notes.entries()[0].record.count == 2  # what was read before is read again


def test_create_refuses_an_existing_id(workspace: Workspace) -> None:
    path = put(workspace, "notes/mine.toml", HAND_MADE)
    notes = flat(workspace)
    with pytest.raises(InvalidFile) as caught:
        notes.create("mine", note("Another"))
    assert "a note with id 'mine' exists already" in str(caught.value)
    assert path.read_text(encoding="utf-8") == HAND_MADE
    created = notes.create("new", note("New", 3))
    assert created == Note(title="New", count=3)
    assert (workspace.root / "notes" / "new.toml").read_text(encoding="utf-8") == note("New", 3)


def test_a_file_that_fails_validation_writes_nothing(workspace: Workspace) -> None:
    path = put(workspace, "notes/mine.toml", HAND_MADE)
    notes = flat(workspace)
    with pytest.raises(InvalidFile) as caught:
        notes.edit("mine", lambda doc, _read: doc.update(count=-1))
    assert "count" in str(caught.value)
    with pytest.raises(InvalidFile):
        notes.write("mine", 'title = "Mine"\ncount = "many"\n')
    with pytest.raises(InvalidFile):
        notes.create("fresh", "count = 1\n")  # no title
    with pytest.raises(InvalidFile):
        notes.create("broken", 'title = "unclosed\n')  # not TOML
    assert path.read_text(encoding="utf-8") == HAND_MADE
    assert sorted(p.name for p in path.parent.iterdir()) == ["mine.toml"]
    assert workspace.changed == []


def test_edit_reads_the_file_once_and_gives_change_what_it_holds(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = put(workspace, "notes/mine.toml", HAND_MADE)
    notes = flat(workspace)
    reads: list[Path] = []
    read_bytes = workspace.read_bytes
    monkeypatch.setattr(workspace, "read_bytes", lambda p: reads.append(p) or read_bytes(p))
    seen: list[Note] = []

    def change(doc: object, record: Note) -> None:
        seen.append(record)
        doc["count"] = record.count + 1  # type: ignore[index]

    assert notes.edit("mine", change).count == 2
    assert seen == [Note(title="Mine", count=1)]
    assert reads == [path]  # one read: the document and the record are the same bytes
    assert path.read_text(encoding="utf-8") == HAND_MADE.replace("count = 1", "count = 2")


def test_an_edit_with_nothing_to_change_or_refused_writes_nothing(workspace: Workspace) -> None:
    path = put(workspace, "notes/mine.toml", HAND_MADE)
    notes = flat(workspace)
    assert notes.edit("mine", lambda doc, record: UNCHANGED) == Note(title="Mine", count=1)

    def refuse(doc: object, record: Note) -> None:
        doc["count"] = 5  # type: ignore[index]
        raise InvalidInput("no", "not today")

    with pytest.raises(InvalidInput):
        notes.edit("mine", refuse)
    assert path.read_text(encoding="utf-8") == HAND_MADE
    assert workspace.changed == []


def test_a_broken_file_is_named_not_edited(workspace: Workspace) -> None:
    broken = 'title = "Mine"\ncount = -1\n'
    path = put(workspace, "notes/mine.toml", broken)
    called: list[Note] = []
    with pytest.raises(InvalidFile) as caught:
        flat(workspace).edit("mine", lambda doc, record: called.append(record))
    assert "count" in str(caught.value) and called == []
    assert path.read_text(encoding="utf-8") == broken

"""`ccos checklist`: the guide's §8 actions per period, ticked, added, carried."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import Ccos, snapshot


def items(ccos: Ccos, *args: str) -> list[dict[str, object]]:
    data = ccos.json("checklist", "show", *args)
    return data["checklists"][0]["items"]  # type: ignore[index,no-any-return]


def test_overview_shows_three_periods_from_templates(ccos: Ccos) -> None:
    data = ccos.json("checklist")
    assert [c["period"] for c in data["checklists"]] == ["2026-W47", "2026-11", "2026-Q4"]
    # 6 h a week and the default roles: each list is what fits in its share (docs/checklists.md)
    assert [(c["saved"], c["total"]) for c in data["checklists"]] == [(False, 2), (False, 2), (False, 3)]
    assert data["kickoff"]["total"] == 9 and data["kickoff"]["done"] == 0
    out = ccos.ok("checklist").stdout
    assert "This week · 2026-W47" in out and "0/2" in out and "Take part in community discussion" in out
    assert "Kick-off" in out and "Start mentoring 1-2 people" in out
    assert [p.name for p in (ccos.root / "checklists").glob("*.toml")] == ["kickoff.toml"], "reading must not write"


def test_check_by_number_and_prefix_then_uncheck(ccos: Ccos) -> None:
    result = ccos.ok("checklist", "check", "1")
    assert "ticked" in result.stdout and "1/2" in result.stdout
    ccos.ok("checklist", "check", "keep in")  # unique, case-insensitive prefix
    week = items(ccos)
    assert [i["done"] for i in week] == [True, True]
    assert week[0]["done_on"] == "2026-11-18"
    ccos.ok("checklist", "uncheck", "1")
    assert items(ccos)[0]["done"] is False
    assert (ccos.root / "checklists" / "2026-W47.toml").is_file()


def test_add_and_remove(ccos: Ccos) -> None:
    ccos.ok("checklist", "add", "--over-budget", "回复社区里的 3 个问题", "--minutes", "45")
    week = items(ccos)
    assert week[-1] == {
        "text": "回复社区里的 3 个问题",
        "minutes": 45,
        "stream": "other",
        "done": False,
        "done_on": None,
        "carried_from": None,
        "about": None,
        "for": None,
        "roles": None,
    }
    ccos.ok("checklist", "add", "--over-budget", "Plan the meetup budget", "--scope", "month", "--stream", "events")
    assert items(ccos, "month")[-1]["stream"] == "events"
    ccos.ok("checklist", "remove", "回复")
    assert len(items(ccos)) == 2


def test_other_periods_by_option(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1", "--week", "next")
    assert items(ccos, "week", "--week", "2026-W48")[0]["done"] is True
    ccos.ok("checklist", "check", "2", "--quarter", "this")
    assert items(ccos, "quarter")[1]["done"] is True
    assert (ccos.root / "checklists" / "2026-Q4.toml").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "9"), "no item 9"),
        (("check", "zzz"), "no item of week 2026-W47 starts with 'zzz'"),
        (("check", ""), "empty ITEM"),
        (("check", "1", "--scope", "year"), "--scope"),
        (("check", "1", "--week", "someday"), "--week"),
        (("check", "1", "--scope", "week", "--month", "next"), "--month"),
        (("add", "   "), "empty"),
        (("add", "two\nlines"), "newline"),
        (("add", "x", "--minutes", "-5"), "--minutes"),
        (("add", "x", "--stream", "fun"), "--stream"),
    ],
)
def test_bad_input_is_exit_2_and_writes_nothing(ccos: Ccos, args: tuple[str, ...], message: str) -> None:
    before = snapshot(ccos.root)
    result = ccos("checklist", *args)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert snapshot(ccos.root) == before


def test_ambiguous_prefix_lists_candidates(ccos: Ccos) -> None:
    ccos.ok("checklist", "add", "--over-budget", "Review talk slides")
    ccos.ok("checklist", "add", "--over-budget", "Review PR from a newcomer")
    result = ccos("checklist", "check", "review")
    assert result.exit_code == 2
    assert "3. Review talk slides" in result.stderr and "4. Review PR" in result.stderr


def test_hand_edits_and_comments_survive_a_tick(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    path = ccos.root / "checklists" / "2026-W47.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('period = "2026-W47"', '# my own note\nperiod = "2026-W47"\nmood = "good"  # unknown key')
    path.write_text(text, encoding="utf-8")
    ccos.ok("checklist", "check", "2")
    after = path.read_text(encoding="utf-8")
    assert "# my own note" in after and 'mood = "good"  # unknown key' in after
    import difflib

    diff = [d for d in difflib.ndiff(text.splitlines(), after.splitlines()) if d[:1] in "+-"]
    assert diff == ["- done = false", "+ done = true", "+ done_on = 2026-11-18"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\x00" * 64, "NUL"),
        (b'period = "2026-W47"\nscope = "week"\n<<<<<<< HEAD\n', "conflict markers"),
        (b'period = "2026-W47"\nscope = "week"\n[[items]]\ntext = "a"\nminutes = "ten"\n', "items.0.minutes"),
        (b'period = "2026-W47"\nscope = "week"\n[[items]]\ntext = "a"\nstream = "fun"\n', "items.0.stream"),
    ],
)
def test_broken_checklist_file_is_named(ccos: Ccos, content: bytes, problem: str) -> None:
    path = ccos.root / "checklists" / "2026-W47.toml"
    path.write_bytes(content)
    before = snapshot(ccos.root)
    for args in (("checklist",), ("checklist", "check", "1"), ("plan", "week")):
        result = ccos(*args)
        assert result.exit_code == 2, args
        assert "2026-W47.toml" in result.stderr and problem in result.stderr
    assert snapshot(ccos.root) == before


def test_file_whose_period_disagrees_with_its_name(ccos: Ccos) -> None:
    path = ccos.root / "checklists" / "2026-W47.toml"
    path.write_text('period = "2026-W46"\nscope = "week"\n', encoding="utf-8")
    result = ccos("checklist")
    assert result.exit_code == 2 and "2026-W46" in result.stderr


def test_carry_unfinished_items_once(ccos: Ccos) -> None:
    last_week = "2026-11-11"
    ccos.ok("checklist", "check", "1", today=last_week)
    ccos.ok("checklist", "add", "--over-budget", "Finish the talk outline", today=last_week)
    result = ccos.ok("checklist", "carry")
    assert "Carried 1" in result.stdout
    week = items(ccos)
    assert [i["text"] for i in week][-1] == "Finish the talk outline"
    assert week[-1]["carried_from"] == "2026-W46"
    assert len(week) == 3  # the open template item was already there; no duplicates
    rerun = ccos.ok("checklist", "carry").stdout
    assert "Nothing to carry" in rerun and "already on its list" in rerun and "item(s)" not in rerun
    assert len(items(ccos)) == 3


def test_past_period_without_a_file_is_empty(ccos: Ccos) -> None:
    data = ccos.json("checklist", "show", "week", "--week", "2026-W10")
    assert data["checklists"][0]["items"] == []


def test_workspace_template_override(ccos: Ccos) -> None:
    own = ccos.root / "templates" / "checklists"
    own.mkdir(parents=True)
    (own / "week.toml").write_text('[[items]]\ntext = "My own weekly habit"\nminutes = 15\n', encoding="utf-8")
    assert [i["text"] for i in items(ccos)] == ["My own weekly habit"]


def test_checklist_folder_not_writable_is_exit_5(ccos: Ccos, tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = ccos.root / "checklists"
    folder.chmod(0o500)
    try:
        result = ccos("checklist", "check", "1")
        assert result.exit_code == 5 and "permission denied" in result.stderr
    finally:
        folder.chmod(0o700)


def _count_file_access(monkeypatch: pytest.MonkeyPatch, path: Path) -> tuple[list[str], list[str]]:
    """(texts read, texts validated) for `path` through Workspace.read_text / Workspace.validate."""
    from ccos.storage.workspace import Workspace

    reads: list[str] = []
    validated: list[str] = []
    read_text, validate = Workspace.read_text, Workspace.validate

    def counting_read(self: Workspace, where: Path) -> str:
        text = read_text(self, where)
        if where == path:
            reads.append(text)
        return text

    def counting_validate(self: Workspace, where: Path, text: str, *args: object, **kwargs: object) -> object:
        if where == path:
            validated.append(text)
        return validate(self, where, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Workspace, "read_text", counting_read)
    monkeypatch.setattr(Workspace, "validate", counting_validate)
    return reads, validated


def test_check_reads_the_file_once_and_validates_the_new_text_once(ccos: Ccos, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ccos.root / "checklists" / "2026-W47.toml"
    reads, validated = _count_file_access(monkeypatch, path)
    ccos.ok("checklist", "check", "1")  # a new file, from the template: nothing to read
    first = path.read_text(encoding="utf-8")
    assert (reads, validated) == ([], [first])

    reads.clear()
    validated.clear()
    ccos.ok("checklist", "check", "2")
    second = path.read_text(encoding="utf-8")
    assert reads == [first], "the file is read once"
    assert validated == [first, second], "what was read is validated, then the new text once"


def test_json_paths_are_workspace_relative_whatever_the_cwd(
    ccos: Ccos, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import json

    from typer.testing import CliRunner

    from ccos.cli import app

    ccos.ok("checklist", "check", "1")  # one saved list, two still from their templates
    expected = ["checklists/2026-W47.toml", "checklists/2026-11.toml", "checklists/2026-Q4.toml"]
    runs = []
    for cwd, args in (
        (ccos.root / "checklists", ["checklist", "--json"]),  # inside: the nearest ccos.toml
        (ccos.root, ["checklist", "--json"]),
        (tmp_path, ["-w", str(ccos.root), "checklist", "--json"]),  # outside
    ):
        monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, args, env={"CCOS_TODAY": ccos.today})
        assert result.exit_code == 0, result.stderr
        runs.append(json.loads(result.stdout))
    assert [[c["path"] for c in run["checklists"]] for run in runs] == [expected] * 3
    assert runs[0] == runs[1] == runs[2]


def test_json_keys_and_order(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    view = ccos.json("checklist", "show")["checklists"][0]  # type: ignore[index]
    assert list(view) == ["scope", "period", "start", "end", "path", "saved", "items", "done", "total"]
    assert (view["start"], view["end"], view["saved"], view["done"], view["total"]) == (
        "2026-11-16",
        "2026-11-22",
        True,
        1,
        2,
    )
    assert list(view["items"][0]) == [
        "text", "minutes", "stream", "done", "done_on", "carried_from", "about", "for", "roles",
    ]  # fmt: skip


def test_keys_added_to_an_item_by_hand_show_in_json(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    path = ccos.root / "checklists" / "2026-W47.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ndone = true", '\ndone = true\nwho = "me"', 1), encoding="utf-8")
    assert items(ccos)[0]["who"] == "me"


def test_a_tick_in_a_file_that_names_another_period_writes_nothing(ccos: Ccos) -> None:
    path = ccos.root / "checklists" / "2026-W47.toml"
    path.write_text('period = "2026-W46"\nscope = "week"\n[[items]]\ntext = "a"\n', encoding="utf-8")
    before = snapshot(ccos.root)
    for args in (("check", "1"), ("add", "b"), ("remove", "1")):
        result = ccos("checklist", *args)
        assert result.exit_code == 2 and "2026-W46" in result.stderr, args
    assert snapshot(ccos.root) == before


@pytest.mark.parametrize(
    ("content", "after"),
    [
        ('period = "2026-W47"\nscope = "week"\n', '[[items]]\ntext = "New"'),
        ('period = "2026-W47"\nscope = "week"\nitems = [{text = "a"}]\n', 'items = [{text = "a"}, {text = "New"'),
        ('period = "2026-W47"\nscope = "week"\nitems = []\n', 'items = [{text = "New"'),
    ],
    ids=["no items", "inline items", "empty inline"],
)
def test_add_to_a_hand_written_list(ccos: Ccos, content: str, after: str) -> None:
    path = ccos.root / "checklists" / "2026-W47.toml"
    path.write_text(content, encoding="utf-8")
    ccos.ok("checklist", "add", "--over-budget", "New")
    assert after in path.read_text(encoding="utf-8")
    assert items(ccos)[-1]["text"] == "New"
    ccos.ok("checklist", "check", "New")
    assert items(ccos)[-1]["done"] is True


# --- --for: what an item is about ------------------------------------------------------


KINDS = ("week", "month", "quarter")


def _things(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Notes on testing")
    ccos.ok("event", "add", "--over-budget", "Local meetup", "--kind", "meetup", "--date", "2026-11-20 18:00")
    ccos.ok("mentee", "add", "Ann Lee")


@pytest.mark.parametrize(
    ("ref", "about", "name"),
    [
        ("Notes on testing", "sharing:notes-on-testing", "Notes on testing"),
        ("notes", "sharing:notes-on-testing", "Notes on testing"),
        ("event:local", "event:local-meetup:", "Local meetup"),
        ("Local meetup", "event:local-meetup:", "Local meetup"),
        ("ann", "session:ann-lee:", "Ann Lee"),
        ("mentee:Ann Lee", "session:ann-lee:", "Ann Lee"),
    ],
)
def test_add_for_links_the_item_to_what_it_is_about(ccos: Ccos, ref: str, about: str, name: str) -> None:
    _things(ccos)
    result = ccos.ok("checklist", "add", "--over-budget", "Prepare", "--for", ref)
    assert f"→ for {name}" in result.stdout
    item = items(ccos)[-1]
    assert (item["about"], item["for"]) == (about, name)
    text = (ccos.root / "checklists" / "2026-W47.toml").read_text(encoding="utf-8")
    assert f'about = "{about}"' in text and f'for = "{name}"' in text
    assert f"→ for {name}" in ccos.ok("checklist", "show").stdout


def test_the_link_reaches_the_planner_as_about(ccos: Ccos) -> None:
    """The seam's commitments carry `about`: a --for link's id, a template item's kind prefix."""
    from datetime import date

    from ccos.capabilities.checklists.source import ChecklistSource
    from ccos.dates import Period
    from ccos.planning.seam import SourceContext
    from ccos.storage.workspace import Workspace

    _things(ccos)
    ccos.ok("checklist", "add", "--over-budget", "Review Ann's plan", "--for", "ann")
    ccos.ok("checklist", "add", "--over-budget", "Meetup slides", "--for", "event:local", "--scope", "month")
    today = date(2026, 11, 18)
    ctx = SourceContext.of(Workspace(ccos.root), today)
    about = {c.title: c.about for c in ChecklistSource().commitments(ctx, Period.containing("week", today)) if c.about}
    assert about["Review Ann's plan"] == "session:ann-lee:"
    assert about["Meetup slides"] == "event:local-meetup:"
    assert about["Share one in-depth piece"] == "sharing:"  # the month's template item
    assert about["Organise at least one event"] == "event:"
    assert about["Write an article sharing your experience"] == "sharing:"  # the kick-off list's
    # every link matches the ids the other sources give
    ids = [i["id"] for kind in KINDS for i in ccos.json("plan", kind)["items"]]  # type: ignore[index]
    for prefix in ("session:ann-lee:", "event:local-meetup:"):
        assert any(i.startswith(prefix) for i in ids), (prefix, ids)


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("nothing-like-it", "--for 'nothing-like-it': no sharing piece, event or mentee matches"),
        ("l", "--for 'l' matches several things"),  # the meetup and... see _ambiguous
        ("event:zzz", "--for: no event matches 'zzz'"),
        ("mentee:", "names no mentee"),
        ("  ", "--for is empty"),
    ],
)
def test_add_for_a_missing_or_ambiguous_ref_writes_nothing(ccos: Ccos, ref: str, message: str) -> None:
    _things(ccos)
    ccos.ok("share", "add", "--over-budget", "Lessons from a year")  # `l`: a piece and an event
    before = snapshot(ccos.root)
    result = ccos("checklist", "add", "--over-budget", "Prepare", "--for", ref)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert snapshot(ccos.root) == before


def test_add_for_ambiguous_within_one_kind(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "Review one")
    ccos.ok("share", "add", "--over-budget", "Review two")
    before = snapshot(ccos.root)
    result = ccos("checklist", "add", "--over-budget", "Prepare", "--for", "review")
    assert result.exit_code == 2 and "--for: sharing piece 'review' is ambiguous" in result.stderr
    assert snapshot(ccos.root) == before


def test_carry_says_why_nothing_was_carried(ccos: Ccos) -> None:
    # a quarter that was never saved: not "done" (issue 14, item 13)
    out = ccos.ok("checklist", "carry", "--scope", "quarter").stdout
    assert "2026-Q3) was never saved" in out and "is done" not in out
    # a list saved with nothing ticked, whose items are all on this one already
    ccos.ok("checklist", "check", "1", "--scope", "month", today="2026-10-10")
    ccos.ok("checklist", "uncheck", "1", "--scope", "month", today="2026-10-10")
    out = ccos.ok("checklist", "carry", "--scope", "month").stdout
    assert "the 2 unfinished items of 2026-10 are already on its list" in out
    # all done
    ccos.ok("checklist", "check", "1", today="2026-11-11")
    ccos.ok("checklist", "check", "2", today="2026-11-11")
    assert "last week's list (2026-W46) is done (2/2)" in ccos.ok("checklist", "carry").stdout


def test_the_kickoff_list_merges_like_a_period_list() -> None:
    """Ticked on two machines: `ccos sync` merges the kick-off file item by item."""
    from ccos.capabilities.checklists.merge import merge_checklist

    base = (
        'started = 2026-11-18\nshare = 0.3\n\n[[items]]\ntext = "a"\ndone = false\n'
        '\n[[items]]\ntext = "b"\ndone = false\n'
    )
    ours = base.replace('text = "a"\ndone = false', 'text = "a"\ndone = true\ndone_on = 2026-11-19')
    theirs = base.replace('text = "b"\ndone = false', 'text = "b"\ndone = true\ndone_on = 2026-11-20')
    merged = tomllib.loads(merge_checklist(base, ours, theirs))
    assert [(i["text"], i["done"]) for i in merged["items"]] == [("a", True), ("b", True)]

"""`ccos mentee`: commands, cadence, capacity, action items, plan and status through the seam.

Today is Wednesday 2026-11-18 (ISO week 2026-W47) unless a test says otherwise.
"""

from __future__ import annotations

import stat
import tomllib
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccos.capabilities.mentoring.model import parse_cadence
from tests.conftest import Ccos, snapshot


def profile(ccos: Ccos, mentee_id: str) -> dict[str, Any]:
    return tomllib.loads((ccos.root / "mentees" / mentee_id / "mentee.toml").read_text(encoding="utf-8"))


def session_files(ccos: Ccos, mentee_id: str) -> list[Path]:
    return sorted((ccos.root / "mentees" / mentee_id / "sessions").glob("*.md"))


def warnings_of(data: Any, code: str) -> list[dict[str, Any]]:
    return [w for w in data["warnings"] if w["code"] == code]


def session_items(plan: Any) -> list[dict[str, Any]]:
    return [item for item in plan["items"] if item["type"] == "session"]


# --- cadence arithmetic -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "last", "due"),
    [
        ("1/month", date(2026, 1, 31), date(2026, 2, 28)),  # clamped to the month's end
        ("1/month", date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        ("1/month", date(2026, 12, 15), date(2027, 1, 15)),  # year boundary
        ("2/month", date(2026, 11, 1), date(2026, 11, 16)),  # 30 days / 2
        ("2/month", date(2026, 1, 31), date(2026, 2, 14)),  # 28 days / 2
        ("2/month", date(2026, 12, 31), date(2027, 1, 15)),  # 31 days / 2 -> 15
        ("1/week", date(2026, 12, 29), date(2027, 1, 5)),
        ("2/week", date(2026, 11, 18), date(2026, 11, 21)),
        ("every 2w", date(2026, 12, 24), date(2027, 1, 7)),
        ("every 10d", date(2026, 2, 25), date(2026, 3, 7)),
        ("every 10d", date(2028, 2, 25), date(2028, 3, 6)),
        ("every 2m", date(2026, 12, 31), date(2027, 2, 28)),
        ("Every  3W", date(2026, 1, 1), date(2026, 1, 22)),
    ],
)
def test_cadence_next_due_across_month_ends(rule: str, last: date, due: date) -> None:
    assert parse_cadence(rule).next_due(last) == due


@pytest.mark.parametrize("bad", ["3/fortnight", "0/month", "32/month", "8/week", "every 0d", "every 2y", "weekly", ""])
def test_unknown_cadence_forms_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_cadence(bad)


@settings(max_examples=60, deadline=None)
@given(
    rule=st.sampled_from(["1/month", "2/month", "3/month", "1/week", "2/week", "every 2w", "every 10d", "every 1m"]),
    last=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
)
def test_next_due_is_always_later_and_within_two_months(rule: str, last: date) -> None:
    due = parse_cadence(rule).next_due(last)
    assert last < due
    assert (due - last).days <= 62


# --- add ----------------------------------------------------------------------------------


def test_add_one_on_one_group_and_async(ccos: Ccos) -> None:
    ccos.ok(
        "mentee", "add", "王小明", "--format", "one-on-one", "--cadence", "2/month",
        "--goal", "转岗做开源运营", "--since", "2026-09-01",
    )  # fmt: skip
    ccos.ok(
        "mentee", "add", "Rust study group", "--format", "group", "--members", "Ann, Bo, 陈静", "--cadence", "1/month"
    )
    ccos.ok("mentee", "add", "Zoë", "--format", "async", "--contact", "zoe@example.org")
    wang = profile(ccos, "王小明")
    assert wang == {
        "name": "王小明", "format": "one-on-one", "cadence": "2/month", "status": "active",
        "since": date(2026, 9, 1), "goals": ["转岗做开源运营"], "contact": "",
    }  # fmt: skip
    assert profile(ccos, "rust-study-group")["members"] == ["Ann", "Bo", "陈静"]
    zoe = profile(ccos, "zoë")
    assert "cadence" not in zoe and zoe["format"] == "async" and zoe["contact"] == "zoe@example.org"
    listed = ccos.json("mentee", "list")
    assert [m["id"] for m in listed["mentees"]] == ["王小明", "rust-study-group", "zoë"]
    assert listed["capacity"] == {"load": 2, "one_on_one": 1, "groups": 1, "maximum": 3, "minimum": 1, "over": False}


def test_add_defaults_cadence_from_targets(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann")
    assert profile(ccos, "ann")["cadence"] == "1/month"
    assert profile(ccos, "ann")["since"] == date(2026, 11, 18)


def test_cadence_is_stored_as_written(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann", "--cadence", "every 10d")
    ccos.ok("mentee", "add", "Bo", "--cadence", "3/week")
    assert profile(ccos, "ann")["cadence"] == "every 10d"
    assert profile(ccos, "bo")["cadence"] == "3/week"


def test_add_over_capacity_is_refused_kindly_then_allowed(ccos: Ccos) -> None:
    for name in ("Ann", "Bo", "Cy"):
        ccos.ok("mentee", "add", name)
    ccos.ok("mentee", "add", "Async Al", "--format", "async")  # light help does not count
    before = snapshot(ccos.root)
    result = ccos("mentee", "add", "Dee")
    assert result.exit_code == 2
    assert "say no first, or add --over-capacity" in result.stderr
    assert "2026-W47" in result.stderr and "of 6 h" in result.stderr  # the week's projected load
    assert "maximum is 3" in result.stderr
    assert snapshot(ccos.root) == before
    # a group counts once as well
    assert ccos("mentee", "add", "Study", "--format", "group", "--members", "A,B,C").exit_code == 2
    ok = ccos.ok("mentee", "add", "Dee", "--over-capacity")
    assert "over capacity" in ok.stderr
    status = ccos.json("status")
    assert len(warnings_of(status, "too_many_mentees")) == 1
    capacity = next(row for row in status["now"] if row["key"] == "mentee_capacity")
    assert capacity["actual"] == 4 and capacity["target"] == 3 and capacity["state"] == "over"
    assert len(warnings_of(ccos.json("plan", "week"), "too_many_mentees")) == 1


def test_paused_and_graduated_do_not_count_against_capacity(ccos: Ccos) -> None:
    for name in ("Ann", "Bo", "Cy"):
        ccos.ok("mentee", "add", name)
    ccos.ok("mentee", "pause", "Ann", "--until", "2027-01-15")
    ccos.ok("mentee", "graduate", "Bo")
    ccos.ok("mentee", "add", "Dee")
    ccos.ok("mentee", "add", "Eve")
    assert ccos("mentee", "add", "Fay").exit_code == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("王小明", "王小明"),
        ("Zoë", unicodedata.normalize("NFD", "Zoë")),
        (unicodedata.normalize("NFD", "Zoë"), "ZOË"),
        ("Алексей", "алексей"),
        ("Ann Lee", "ann  lee"),
    ],
)
def test_case_and_normalisation_twins_are_refused(ccos: Ccos, first: str, second: str) -> None:
    ccos.ok("mentee", "add", first)
    before = snapshot(ccos.root)
    result = ccos("mentee", "add", second)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert snapshot(ccos.root) == before


def test_a_graduated_name_is_still_taken(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "graduate", "Ann")
    assert ccos("mentee", "add", "ann").exit_code == 2


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["X", "--cadence", "3/fortnight"], "--cadence"),
        (["X", "--cadence", "every 2y"], "every 10d"),
        (["X", "--format", "mentor"], "--format"),
        (["X", "--format", "async", "--cadence", "1/month"], "--cadence"),
        (["X", "--members", "A, B, C"], "--members"),
        (["X", "--format", "group", "--members", "Ann, ann, Bo"], "--members"),
        (["X", "--since", "someday"], "--since"),
        (["X", "--minutes", "0"], "--minutes"),
        (["X", "--minutes", "2000"], "--minutes"),
        (["a\nb"], "newline"),
        (["   "], "empty"),
        (["x" * 201], "201 characters"),
    ],
)
def test_add_bad_input_writes_nothing(ccos: Ccos, args: list[str], mentions: str) -> None:
    before = snapshot(ccos.root)
    result = ccos("mentee", "add", *args)
    assert result.exit_code == 2, result.stdout
    assert mentions in result.stderr
    assert snapshot(ccos.root) == before


def test_group_size_outside_the_range_is_a_progress_row(ccos: Ccos) -> None:
    result = ccos.ok("mentee", "add", "Pair", "--format", "group", "--members", "Ann, Bo")
    assert "3-5" in result.stderr
    ccos.ok("mentee", "add", "Crowd", "--format", "group", "--members", "A, B, C, D, E, F")
    ccos.ok("mentee", "add", "Fine", "--format", "group", "--members", "A, B, C", "--over-capacity")
    rows = {row["key"]: row for row in ccos.json("status")["now"]}
    assert rows["mentee_group_size:pair"]["state"] == "over"
    assert rows["mentee_group_size:pair"]["actual"] == 2
    assert "3-5" in rows["mentee_group_size:pair"]["detail"]
    assert rows["mentee_group_size:crowd"]["actual"] == 6
    assert "mentee_group_size:fine" not in rows


HOSTILE = ["../etc", "a/b", "..", "[red]markup[/red]", "CON", "-rf", "王小明", "Алексей", "🦀 crab", "Zoë"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_stay_inside_the_mentees_folder(ccos: Ccos, name: str) -> None:
    ccos.ok("mentee", "add", "--over-capacity", "--", name)
    folders = [p for p in (ccos.root / "mentees").iterdir() if p.is_dir()]
    assert len(folders) == 1
    assert folders[0].parent == ccos.root / "mentees"
    assert profile(ccos, folders[0].name)["name"] == name
    ccos.ok("mentee", "log", "--minutes", "30", "--note", "[bold]x[/bold]", "--", name)
    shown = ccos.ok("mentee", "show", "--", name).stdout
    assert name in shown
    assert "[bold]x[/bold]" in shown


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=40).filter(lambda s: s.strip() and s.isprintable()))
def test_any_printable_name_round_trips_inside_the_workspace(ccos: Ccos, name: str) -> None:
    result = ccos("mentee", "add", "--over-capacity", "--", name)
    if result.exit_code != 0:
        assert result.exit_code == 2  # a twin of an earlier example, or a name that cleans to nothing
        return
    mentees = ccos.root / "mentees"
    for path in mentees.rglob("*"):
        assert path.resolve().is_relative_to(mentees.resolve())
    wanted = unicodedata.normalize("NFC", name).strip()
    listed = [m for m in ccos.json("mentee", "list")["mentees"] if m["name"] == wanted]
    assert len(listed) == 1
    assert (mentees / listed[0]["id"] / "mentee.toml").is_file()


# --- log ----------------------------------------------------------------------------------


def test_log_writes_one_markdown_file_per_session(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "王小明", "--cadence", "2/month", "--since", "2026-09-01")
    ccos.ok(
        "mentee", "log", "王小明", "--minutes", "60", "--topic", "简历", "--topic", "社区贡献路线",
        "--next", "提交第一个 PR", "--note", "聊了简历",
    )  # fmt: skip
    ccos.ok("mentee", "log", "王小明", "--date", "2026-11-17 19:30", "--minutes", "45")
    files = session_files(ccos, "王小明")
    assert len(files) == 2
    names = sorted(p.name for p in files)
    assert names[0].startswith("2026-11-17-1930-")
    assert names[1].startswith("2026-11-18-")
    import re

    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}-\d{4}-[0-9a-f]{4}\.md", n) for n in names)
    text = next(p for p in files if p.name.startswith("2026-11-18")).read_text(encoding="utf-8")
    assert text.startswith("+++\n")
    front, body = text.split("+++\n")[1], text.split("+++\n", 2)[2]
    data = tomllib.loads(front)
    assert data == {
        "date": date(2026, 11, 18), "status": "held", "minutes": 60, "topics": ["简历", "社区贡献路线"],
        "actions": [{"text": "提交第一个 PR", "state": "open"}],
    }  # fmt: skip
    assert body.strip() == "聊了简历"
    other = tomllib.loads(next(p for p in files if p.name.startswith("2026-11-17")).read_text().split("+++\n")[1])
    assert other["time"] == "19:30" and other["minutes"] == 45


def test_log_minutes_default_from_the_mentee_then_ccos_toml(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann", "--minutes", "40")
    ccos.ok("mentee", "add", "Bo")
    ccos.ok("mentee", "log", "Ann")
    ccos.ok("mentee", "log", "Bo")
    assert ccos.json("mentee", "show", "Ann")["sessions"][0]["minutes"] == 40
    assert ccos.json("mentee", "show", "Bo")["sessions"][0]["minutes"] == 60


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["Ann", "--minutes", "0"], "--minutes"),
        (["Ann", "--minutes", "-5"], "--minutes"),
        (["Nobody"], "no mentee matches"),
        (["Grad"], "graduated"),
        (["Ann", "--date", "tomorrow"], "--planned"),
        (["Ann", "--date", "2026-11-19 10:00"], "future"),
        (["Ann", "--date", "yesterday", "--planned"], "--planned"),
        (["Ann", "--date", "2026-13-01"], "--date"),
        (["Ann", "--topic", "two\nlines"], "topic"),
        (["Ann", "--next", " "], "action item"),
        (["Ann", "--note", "x", "--edit"], "--edit"),
    ],
)
def test_log_bad_input_writes_nothing(ccos: Ccos, args: list[str], mentions: str) -> None:
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "add", "Grad")
    ccos.ok("mentee", "graduate", "Grad")
    before = snapshot(ccos.root)
    result = ccos("mentee", "log", *args)
    assert result.exit_code == 2, result.stdout
    assert mentions in result.stderr
    assert snapshot(ccos.root) == before


def test_ambiguous_prefix_lists_candidates(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Anna")
    ccos.ok("mentee", "add", "Anne")
    result = ccos("mentee", "log", "ann")
    assert result.exit_code == 2
    assert "anna" in result.stderr and "anne" in result.stderr
    ccos.ok("mentee", "log", "anne")


def test_planned_session_is_scheduled_and_later_fulfilled(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann", "--cadence", "2/month", "--since", "2026-11-01")
    ccos.ok("mentee", "log", "Ann", "--date", "fri", "--planned", "--over-budget", "--topic", "plan")
    plan = ccos.json("plan", "week")
    sessions = session_items(plan)
    assert [(s["date"], s["status"], s["hours"]) for s in sessions] == [("2026-11-20", "planned", 1.0)]
    # a planned session is not a held one: the cadence still counts from --since
    detail = ccos.json("mentee", "show", "Ann")
    assert detail["mentee"]["last_session"] is None
    assert detail["mentee"]["upcoming"] == ["2026-11-20"]
    # on the day, logging it fills in that file instead of adding a second one
    ccos.ok("mentee", "log", "Ann", "--minutes", "50", "--topic", "cv", "--note", "went well", today="2026-11-20")
    files = session_files(ccos, "ann")
    assert len(files) == 1
    data = tomllib.loads(files[0].read_text(encoding="utf-8").split("+++\n")[1])
    assert data["status"] == "held" and data["minutes"] == 50 and data["topics"] == ["plan", "cv"]
    assert files[0].read_text(encoding="utf-8").rstrip().endswith("went well")


def test_log_for_a_paused_mentee_is_allowed(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "pause", "Ann")
    ccos.ok("mentee", "log", "Ann")
    assert len(session_files(ccos, "ann")) == 1


# --- action items ---------------------------------------------------------------------------


def test_done_closes_item_numbered_across_sessions_oldest_first(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-10", "--next", "read the guide", "--next", "open a PR")
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-17", "--next", "write a post")
    shown = ccos.json("mentee", "show", "Ann")["mentee"]["open_actions"]
    assert [(a["number"], a["text"]) for a in shown] == [(1, "read the guide"), (2, "open a PR"), (3, "write a post")]
    ccos.ok("mentee", "done", "Ann", "2")
    shown = ccos.json("mentee", "show", "Ann")["mentee"]["open_actions"]
    assert [(a["number"], a["text"]) for a in shown] == [(1, "read the guide"), (2, "write a post")]
    ccos.ok("mentee", "done", "Ann", "2")
    assert [a["text"] for a in ccos.json("mentee", "show", "Ann")["mentee"]["open_actions"]] == ["read the guide"]
    first = next(p for p in session_files(ccos, "ann") if p.name.startswith("2026-11-10"))
    actions = tomllib.loads(first.read_text(encoding="utf-8").split("+++\n")[1])["actions"]
    assert actions[1] == {"text": "open a PR", "state": "done", "closed_on": date(2026, 11, 18)}


def test_done_keeps_notes_byte_for_byte_and_hand_edits(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "log", "Ann", "--next", "read", "--note", "x")
    path = session_files(ccos, "ann")[0]
    body = "Notes with  trailing spaces  \n\n\n[red]markup[/red] +++ not a fence\r\n\n- item\n\n\n"
    front = path.read_text(encoding="utf-8").split("+++\n")[1]
    front = "# my comment\n" + front.replace("minutes = 60", "minutes = 60 # about an hour") + "mood = 'good'\n"
    path.write_bytes(("+++\n" + front + "+++\n" + body).encode("utf-8"))
    ccos.ok("mentee", "done", "Ann", "1")
    text = path.read_bytes().decode("utf-8")
    assert text.endswith("+++\n" + body)
    assert "# my comment" in text and "# about an hour" in text and "mood = 'good'" in text
    assert 'state = "done"' in text


@pytest.mark.parametrize("number", ["0", "2", "-1"])
def test_done_with_a_wrong_number_writes_nothing(ccos: Ccos, number: str) -> None:
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "log", "Ann", "--next", "read")
    before = snapshot(ccos.root)
    result = ccos("mentee", "done", "Ann", number)
    assert result.exit_code == 2
    assert snapshot(ccos.root) == before


# --- editor -----------------------------------------------------------------------------------


def _editor(tmp_path: Path, script: str) -> str:
    path = tmp_path / "editor.sh"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


@pytest.mark.parametrize(("language", "prompt"), [("en", "Listen first"), ("zh", "倾听"), ("ru", "слушайте")])
def test_edit_opens_the_template_with_open_items(
    make_workspace: Any, tmp_path: Path, language: str, prompt: str
) -> None:
    ccos = make_workspace()
    if language != "en":
        config = ccos.root / "ccos.toml"
        config.write_text(
            config.read_text(encoding="utf-8").replace('language = "en"', f'language = "{language}"'),
            encoding="utf-8",
        )
    ccos.ok("mentee", "add", "王小明", "--goal", "转岗")
    ccos.ok("mentee", "log", "王小明", "--date", "yesterday", "--next", "提交第一个 PR")
    copy = tmp_path / "seen.md"
    editor = _editor(tmp_path, f'cp "$1" "{copy}"; echo "我们聊了简历" >> "$1"')
    ccos.ok("mentee", "log", "王小明", "--edit", env={"EDITOR": editor})
    seen = copy.read_text(encoding="utf-8")
    assert prompt in seen
    assert "1. 提交第一个 PR" in seen
    assert "王小明" in seen
    today = next(p for p in session_files(ccos, "王小明") if p.name.startswith("2026-11-18"))
    body = today.read_text(encoding="utf-8").split("+++\n", 2)[2]
    assert "我们聊了简历" in body
    assert "<!--" not in body and prompt not in body  # the prompts are not stored


@pytest.mark.parametrize("script", ["true", ': > "$1"'])
def test_unchanged_or_empty_note_aborts(ccos: Ccos, tmp_path: Path, script: str) -> None:
    ccos.ok("mentee", "add", "Ann")
    before = snapshot(ccos.root)
    result = ccos("mentee", "log", "Ann", "--edit", env={"EDITOR": _editor(tmp_path, script)})
    assert result.exit_code == 2
    assert "nothing was logged" in result.stderr
    assert snapshot(ccos.root) == before
    assert not list((ccos.root / ".ccos").glob("session-*"))


def test_failing_editor_is_an_environment_failure(ccos: Ccos, tmp_path: Path) -> None:
    ccos.ok("mentee", "add", "Ann")
    before = snapshot(ccos.root)
    assert ccos("mentee", "log", "Ann", "--edit", env={"EDITOR": _editor(tmp_path, "exit 3")}).exit_code == 5
    assert ccos("mentee", "log", "Ann", "--edit", env={"EDITOR": str(tmp_path / "missing")}).exit_code == 5
    assert snapshot(ccos.root) == before


def test_workspace_template_overrides_the_packaged_one(ccos: Ccos, tmp_path: Path) -> None:
    (ccos.root / "templates").mkdir()
    (ccos.root / "templates" / "session.md").write_text("Mine for $name\n", encoding="utf-8")
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "log", "Ann", "--edit", env={"EDITOR": _editor(tmp_path, 'echo more >> "$1"')})
    body = session_files(ccos, "ann")[0].read_text(encoding="utf-8").split("+++\n", 2)[2]
    assert body.strip() == "Mine for Ann\nmore"


# --- cadence, pause, plan and status ------------------------------------------------------------


def test_overdue_warning_and_plan_puts_the_session_today(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "王小明", "--cadence", "2/month", "--since", "2026-09-01")
    listed = ccos.json("mentee", "list")["mentees"][0]
    assert listed["next_due"] == "2026-09-16" and listed["overdue"] is True and listed["days_overdue"] == 63
    plan = ccos.json("plan", "week")
    overdue = warnings_of(plan, "mentee_overdue")
    assert len(overdue) == 1 and "王小明" in overdue[0]["message"]
    # overdue: due today, then the cadence counts on from today (30 days / 2 = 15 days: 12-03)
    assert [(s["date"], s["status"], s["hours"]) for s in session_items(plan)] == [("2026-11-18", "overdue", 1.0)]
    month = ccos.json("plan", "month", "--month", "next")
    assert [s["date"] for s in session_items(month)] == ["2026-12-03", "2026-12-18"]
    # logging the session clears the warning; the next one is due 15 days later
    ccos.ok("mentee", "log", "王小明")
    plan = ccos.json("plan", "week")
    assert not warnings_of(plan, "mentee_overdue")
    assert [(s["status"], s["date"]) for s in session_items(plan)] == [("done", "2026-11-18")]
    assert ccos.json("mentee", "show", "王小明")["mentee"]["next_due"] == "2026-12-03"
    assert "overdue" in ccos.ok("mentee", "list", today="2026-12-05").stdout


def test_cadence_counts_from_the_last_held_session_not_a_timer(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann", "--cadence", "every 2w", "--since", "2026-10-01")
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-10")
    assert ccos.json("mentee", "show", "Ann")["mentee"]["next_due"] == "2026-11-24"
    week = ccos.json("plan", "week", "--week", "next")
    assert [(s["date"], s["status"], s["hours"]) for s in session_items(week)] == [("2026-11-24", "due", 1.0)]
    month = ccos.json("plan", "month", "--month", "next")  # December: every two weeks from 11-24
    assert [s["date"] for s in session_items(month)] == ["2026-12-08", "2026-12-22"]


def test_weekly_cadence_in_a_month_plan_adds_up_the_weeks(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann", "--cadence", "1/week", "--minutes", "30", "--since", "2026-11-04")
    month = ccos.json("plan", "month")
    assert [(s["date"], s["status"]) for s in session_items(month)] == [
        ("2026-11-18", "overdue"),
        ("2026-11-25", "due"),
    ]
    weeks = [ccos.json("plan", "week", "--week", spec) for spec in ("2026-W47", "2026-W48")]
    assert (
        sum(s["hours"] for w in weeks for s in session_items(w)) == sum(s["hours"] for s in session_items(month)) == 1
    )


def test_paused_mentee_is_not_due_until_the_date(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann", "--cadence", "1/month", "--since", "2026-08-01")
    ccos.ok("mentee", "pause", "Ann", "--until", "2027-01-15")
    assert not warnings_of(ccos.json("plan", "week"), "mentee_overdue")
    assert not session_items(ccos.json("plan", "week"))
    listed = ccos.json("mentee", "list")["mentees"][0]
    assert listed["paused"] is True and listed["overdue"] is False
    january = ccos.json("plan", "month", "--month", "2027-01")
    assert [s["date"] for s in session_items(january)] == ["2027-01-15"]
    # the day after the pause ends, the session is overdue again
    assert warnings_of(ccos.json("plan", "week", today="2027-01-16"), "mentee_overdue")
    ccos.ok("mentee", "resume", "Ann")
    data = profile(ccos, "ann")
    assert data["status"] == "active" and "paused_until" not in data and data["resumed_on"] == date(2026, 11, 18)
    assert ccos.json("mentee", "show", "Ann")["mentee"]["next_due"] == "2026-12-18"


def test_async_mentee_has_no_cadence_but_time_counts(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Zoë", "--format", "async", "--since", "2026-01-01")
    ccos.ok("mentee", "log", "Zoë", "--minutes", "20")
    plan = ccos.json("plan", "week")
    assert not warnings_of(plan, "mentee_overdue")
    assert [(s["status"], s["hours"]) for s in session_items(plan)] == [("done", 0.33)]
    assert ccos.json("mentee", "show", "Zoë")["mentee"]["next_due"] is None


def test_graduate_hides_from_list_and_plan(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann", "--since", "2026-01-01")
    ccos.ok("mentee", "graduate", "Ann")
    assert ccos.json("mentee", "list")["mentees"] == []
    assert ccos.json("mentee", "list", "--all")["mentees"][0]["status"] == "graduated"
    assert profile(ccos, "ann")["graduated_on"] == date(2026, 11, 18)
    assert not session_items(ccos.json("plan", "week")) and not warnings_of(ccos.json("plan", "week"), "mentee_overdue")
    assert ccos("mentee", "graduate", "Ann").exit_code == 2
    assert ccos("mentee", "resume", "Ann").exit_code == 2


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["pause", "Ann", "--until", "yesterday"], 2),
        (["pause", "Ann", "--until", "soon"], 2),
        (["pause", "Nobody"], 2),
        (["resume", "Ann"], 2),  # not paused
        (["show", "Nobody"], 2),
        (["done", "Ann", "x"], 2),
    ],
)
def test_profile_changes_bad_input(ccos: Ccos, args: list[str], code: int) -> None:
    ccos.ok("mentee", "add", "Ann")
    before = snapshot(ccos.root)
    assert ccos("mentee", *args).exit_code == code
    assert snapshot(ccos.root) == before


def test_profile_edits_keep_comments_and_unknown_keys(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann", "--goal", "ship")
    path = ccos.root / "mentees" / "ann" / "mentee.toml"
    original = path.read_text(encoding="utf-8")
    edited = original.replace('format = "one-on-one"', 'format = "one-on-one"   # met at FOSDEM') + "\nnickname = 'A'\n"
    path.write_text("# my own note\n" + edited, encoding="utf-8")
    ccos.ok("mentee", "pause", "Ann", "--until", "2027-01-15")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my own note\n")
    assert "# met at FOSDEM" in text and "nickname = 'A'" in text
    assert 'status = "paused"' in text and "paused_until = 2027-01-15" in text


def test_a_broken_session_file_is_named(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "log", "Ann")
    path = session_files(ccos, "ann")[0]
    path.write_text(path.read_text(encoding="utf-8").replace("minutes = 60", "minutes = -1"), encoding="utf-8")
    before = snapshot(ccos.root)
    for args in (["mentee", "list"], ["mentee", "log", "Ann"], ["plan", "week"]):
        result = ccos(*args)
        assert result.exit_code == 2
        assert path.name in result.stderr and "minutes" in result.stderr
    assert snapshot(ccos.root) == before


def test_status_rows_sessions_minutes_capacity_overdue(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "王小明", "--cadence", "2/month", "--since", "2026-09-01")
    ccos.ok("mentee", "add", "Ann", "--cadence", "1/month")
    ccos.ok("mentee", "add", "Zoë", "--format", "async")
    ccos.ok("mentee", "log", "王小明", "--date", "2026-11-02", "--minutes", "45")
    ccos.ok("mentee", "log", "王小明", "--date", "2026-10-30", "--minutes", "60")  # last month
    ccos.ok("mentee", "log", "Zoë", "--minutes", "15")
    status = ccos.json("status")
    month = next(p for p in status["periods"] if p["period"]["kind"] == "month")
    rows = {row["key"]: row for row in month["rows"]}
    sessions = rows["mentee_sessions"]  # one row for all mentees; async ones have no cadence
    assert (sessions["actual"], sessions["target"], sessions["state"]) == (1, 3, "behind")
    assert sessions["detail"] == "Ann 0/1 · 王小明 1/2"
    assert rows["mentee_minutes"]["actual"] == 60 and rows["mentee_minutes"]["target"] == 180
    now = {row["key"]: row for row in status["now"]}
    assert now["mentee_capacity"]["actual"] == 2 and now["mentee_capacity"]["state"] == "ok"
    assert now["mentees_overdue"]["actual"] == 1 and "王小明" in now["mentees_overdue"]["detail"]
    assert [w["subject"] for w in warnings_of(status, "mentee_overdue")] == ["王小明"]
    human = ccos.ok("status").stdout
    assert "王小明 1/2" in human and "mentee_overdue" in human


def test_done_when_three_mentees_and_a_group(ccos: Ccos) -> None:
    """The issue's promise: whom to meet this week, log in one line, stopped before a fourth 1:1."""
    ccos.ok("mentee", "add", "Ann", "--cadence", "2/month", "--since", "2026-11-01")
    ccos.ok("mentee", "add", "Bo", "--cadence", "1/month", "--since", "2026-10-25")
    ccos.ok("mentee", "add", "Rust group", "--format", "group", "--members", "A, B, C", "--cadence", "every 2w")
    plan = ccos.json("plan", "week")
    assert {s["title"] for s in session_items(plan)} == {"Session with Ann"}
    ccos.ok("mentee", "log", "Ann", "--minutes", "50", "--next", "draft CV")
    assert ccos("mentee", "add", "Cy").exit_code == 2
    text = ccos.ok("plan", "week").stdout
    assert "Session with Ann" in text
    listing = ccos.ok("mentee", "list").stdout
    assert "Rust group" in listing and "Capacity" in listing


def test_commands_have_help_with_an_example(ccos: Ccos) -> None:
    for command in ("add", "log", "list", "show", "done", "pause", "resume", "graduate"):
        result = ccos.ok("mentee", command, "--help")
        assert "Example:" in result.stdout


# --- what one command reads, and the paths it reports ---------------------------------------------


def test_one_log_reads_each_profile_and_session_once_and_validates_the_new_file_once(
    ccos: Ccos, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections import Counter

    from ccos.storage.workspace import Workspace

    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "add", "Bo")
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-10", "--next", "read the guide")
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-12")
    ccos.ok("mentee", "log", "Bo", "--date", "2026-11-12")
    calls: dict[str, Counter[str]] = {"validate": Counter(), "load": Counter(), "load_markdown": Counter()}

    def counted(name: str) -> Any:
        real = getattr(Workspace, name)

        def wrapper(self: Workspace, path: Path, *args: Any, **kwargs: Any) -> Any:
            calls[name][path.relative_to(ccos.root).as_posix()] += 1
            return real(self, path, *args, **kwargs)

        return wrapper

    for name in calls:
        monkeypatch.setattr(Workspace, name, counted(name))
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-18 09:30", "--note", "went well")
    profiles = {"mentees/ann/mentee.toml", "mentees/bo/mentee.toml"}
    ann = {p.relative_to(ccos.root).as_posix() for p in session_files(ccos, "ann")}
    new = {name for name in ann if name.startswith("mentees/ann/sessions/2026-11-18-0930-")}
    assert len(new) == 1
    assert calls["load"] == dict.fromkeys(profiles, 1)  # every profile once (to find "Ann")
    assert calls["load_markdown"] == dict.fromkeys(ann - new, 1)  # Ann's sessions once, Bo's not at all
    # each file validated at most once (unchanged ones come from the index), the new file once
    assert set(calls["validate"]) <= {"ccos.toml", *profiles, *ann} and set(calls["validate"].values()) == {1}
    assert all(calls["validate"][name] == 1 for name in new)


@pytest.mark.parametrize("where", ["mentees/ann/sessions", "mentees", "."])
def test_json_paths_are_workspace_relative_wherever_ccos_runs(
    ccos: Ccos, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    from typer.testing import CliRunner

    from ccos.cli import app
    from tests.conftest import TODAY

    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-17 10:00", "--note", "x")
    env = {"CCOS_NO_CACHE": "1"}
    outside = [ccos.json("mentee", command, *args, env=env) for command, args in (("show", ["Ann"]), ("list", []))]
    monkeypatch.chdir(ccos.root / where)
    import json

    inside = []
    for command, args in (("show", ["Ann"]), ("list", [])):
        result = CliRunner().invoke(app, ["mentee", command, *args, "--json"], env={"CCOS_TODAY": TODAY, **env})
        assert result.exit_code == 0, result.stderr
        inside.append(json.loads(result.stdout))
    assert inside == outside
    detail, listed = outside
    name = session_files(ccos, "ann")[0].name
    assert detail["mentee"]["path"] == "mentees/ann" == listed["mentees"][0]["path"]  # type: ignore[index]
    assert detail["sessions"][0]["file"] == f"mentees/ann/sessions/{name}"  # type: ignore[index]


# --- notes as written, open items from their source ------------------------------------------


def test_show_summarises_an_edit_session_by_its_note(ccos: Ccos, tmp_path: Path) -> None:
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "log", "Ann", "--date", "yesterday", "--next", "Submit a PR")
    script = r'sed -i "s/^## Where they are now$/## Where they are now\nShe landed the interview/" "$1"'
    ccos.ok("mentee", "log", "Ann", "--edit", env={"EDITOR": _editor(tmp_path, script)})
    shown = ccos.ok("mentee", "show", "Ann").stdout
    assert "She landed the interview" in shown
    assert "Session with" not in shown  # not the template's heading
    today = next(p for p in session_files(ccos, "ann") if p.name.startswith("2026-11-18"))
    body = today.read_text(encoding="utf-8").split("+++\n", 2)[2]
    assert "Submit a PR" not in body  # the carried item is not copied: it lives in yesterday's session
    assert "1 open action item:" in ccos.ok("mentee", "log", "Ann", "--minutes", "30").stdout  # not "item(s)"


def test_a_carried_item_is_shown_as_it_stands_after_mentee_done(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann")
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-10", "--next", "Submit a PR", "--next", "Read the guide")
    # A note that holds a copy of the open items (written by hand, or before ccos stopped copying them)
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-17", "--note", "x")
    path = next(p for p in session_files(ccos, "ann") if p.name.startswith("2026-11-17"))
    front = path.read_text(encoding="utf-8").split("+++\n", 2)
    copied = "- [ ] 1. Submit a PR (2026-11-10)\n- [ ] 2. Read the guide (2026-11-10)\n"
    path.write_text(f"+++\n{front[1]}+++\nWe went through them:\n{copied}", encoding="utf-8")
    ccos.ok("mentee", "done", "Ann", "1")
    notes = next(s["notes"] for s in ccos.json("mentee", "show", "Ann")["sessions"] if s["date"] == "2026-11-17")
    assert "- [x] Submit a PR (2026-11-10, done 2026-11-18)" in notes
    assert "- [ ] 1. Read the guide (2026-11-10)" in notes  # renumbered: `mentee done Ann 1` closes it now
    assert path.read_text(encoding="utf-8").endswith(copied)  # the file itself is the person's, untouched
    shown = ccos.ok("mentee", "show", "Ann").stdout
    assert "      We went through them:\n" in shown  # the carried items are not "more" of the note


def test_counted_words_in_mentee_tables(ccos: Ccos) -> None:
    ccos.ok("mentee", "add", "Ann")
    listed = ccos.ok("mentee", "list").stdout
    assert "1 of 3 active mentees (1 1:1, 0 groups)" in listed
    ccos.ok("mentee", "log", "Ann", "--minutes", "30")
    assert "1 session, 30m" in ccos.ok("mentee", "show", "Ann").stdout

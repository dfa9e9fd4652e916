"""Events counted honestly (issue 14): past occurrences nobody recorded, the quarter's count,
attendance per event, what `event done` settles, ticks dated on their day, fixed tasks,
times as a person writes them."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tests.conftest import Ccos, snapshot

MEETUP = ("event", "add", "--over-budget", "Rust meetup", "--kind", "meetup", "--format", "offline")
LIVE = (
    "event", "add", "--over-budget", "Cloud live", "--kind", "livestream", "--repeat", "weekly on thu at 20:00",
    "--hours", "1.5", "--expect", "50",
)  # fmt: skip
RECORD_TASK = 14  # the meetup playbook's "Record attendance and read the feedback (ccos event done)"
DAY_OF = (9, 10, 11)  # its three `during` tasks


@pytest.fixture
def ws(make_workspace: Callable[..., Ccos]) -> Ccos:
    return make_workspace("--timezone", "Europe/Berlin")


def event_file(ccos: Ccos, event_id: str) -> dict[str, Any]:
    return tomllib.loads((ccos.root / "events" / f"{event_id}.toml").read_text(encoding="utf-8"))


def items(ccos: Ccos, week: str, today: str) -> dict[str, dict[str, Any]]:
    plan: Any = ccos.json("plan", "week", "--week", week, today=today)
    listed = plan["items"] + plan.get("left_open", [])  # a past week lists what was not done apart
    return {i["id"]: i for i in listed if i["type"] in ("event", "event_task")}


def status(ccos: Ccos, today: str) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """(the quarter's rows by key, the `now` rows by key, the warnings)."""
    data: Any = ccos.json("status", today=today)
    quarter = next(p for p in data["periods"] if p["period"]["kind"] == "quarter")
    return {r["key"]: r for r in quarter["rows"]}, {r["key"]: r for r in data["now"]}, data["warnings"]


# --- not recorded is neither held nor planned -----------------------------------------------


def test_a_weekly_stream_nobody_recorded_is_not_recorded_never_planned(ws: Ccos) -> None:
    ws.ok(*LIVE, today="2026-09-01")  # Thursdays from 2026-09-03
    ws.ok("event", "done", "cloud", "--attendees", "40", today="2026-10-02")  # Thu 2026-10-01, in Q4
    week = items(ws, "2026-W48", today="2026-12-02")
    assert week["event:cloud-live:2026-11-26"]["status"] == "unrecorded"
    assert items(ws, "2026-W40", today="2026-12-02")["event:cloud-live:2026-10-01"]["status"] == "done"
    assert items(ws, "2026-W49", today="2026-12-02")["event:cloud-live:2026-12-03"]["status"] == "planned"

    quarter, now, _ = status(ws, today="2026-12-02")
    row = quarter["events_quarter"]
    # Q4 2026: Thursdays Oct 1 .. Dec 31 = 14; one held, five still to come, eight nobody recorded
    assert (row["actual"], row["target"], row["state"]) == (6, 1, "ok")
    assert row["detail"] == "1 held, 5 planned, 8 not recorded"
    ask = now["events_unrecorded"]
    assert ask["state"] == "behind" and ask["actual"] == 12  # Thursdays Sep 3 .. Nov 26 but Oct 1
    assert "Cloud live on Thu 11-26" in ask["detail"]
    assert "`ccos event done cloud-live --on 2026-11-26`" in ask["detail"]
    assert "`ccos event cancel cloud-live --on 2026-11-26`" in ask["detail"]

    ws.ok("event", "cancel", "cloud", "--on", "2026-11-26", today="2026-12-02")
    _, now, _ = status(ws, today="2026-12-02")
    assert now["events_unrecorded"]["actual"] == 11 and "Thu 11-19" in now["events_unrecorded"]["detail"]


def test_the_quarter_counts_held_and_upcoming_events_not_unrecorded_ones(ws: Ccos) -> None:
    ws.ok("event", "add", "--over-budget", "Solo talk", "--kind", "talk", "--date", "2026-10-10", today="2026-09-01")
    quarter, now, warnings = status(ws, today="2026-11-18")
    assert (quarter["events_quarter"]["actual"], quarter["events_quarter"]["state"]) == (0, "behind")
    assert quarter["events_quarter"]["detail"] == "0 held, 0 planned, 1 not recorded"
    missing = next(w for w in warnings if w["code"] == "no_event_this_quarter")
    assert "1 past event not recorded" in missing["message"]
    assert now["events_unrecorded"]["actual"] == 1
    assert "`ccos event done solo-talk`" in now["events_unrecorded"]["detail"]  # a one-off: no --on
    ws.ok("event", "done", "solo", "--attendees", "30", today="2026-11-18")
    quarter, now, warnings = status(ws, today="2026-11-18")
    assert (quarter["events_quarter"]["actual"], quarter["events_quarter"]["detail"]) == (1, "1 held, 0 planned")
    assert "events_unrecorded" not in now
    assert not [w for w in warnings if w["code"] == "no_event_this_quarter"]


# --- attendance: per event, with a trend, never a sum -----------------------------------------


def test_attendance_is_the_latest_event_against_its_expected_with_a_trend(ws: Ccos) -> None:
    for title, day, expect in (("First", "2026-10-03", "50"), ("Second", "2026-10-17", "50")):
        ws.ok(
            "event",
            "add",
            "--over-budget",
            title,
            "--kind",
            "ama",
            "--date",
            day,
            "--expect",
            expect,
            today="2026-09-01",
        )
    ws.ok(
        "event",
        "add",
        "--over-budget",
        "Third",
        "--kind",
        "ama",
        "--date",
        "2026-10-31",
        "--expect",
        "40",
        today="2026-09-01",
    )
    for ref, people in (("first", "40"), ("second", "45"), ("third", "38")):
        ws.ok("event", "done", ref, "--attendees", people, today="2026-11-18")
    _, now, _ = status(ws, today="2026-11-18")
    row = now["event_attendance"]
    assert (row["actual"], row["target"], row["unit"], row["state"]) == (38, 40, "people", "behind")
    assert row["label"] == "attendance, latest event"
    assert row["detail"] == "Third · Sat 10-31 · trend 40/50 → 45/50 → 38/40"


# --- event done closes the occurrence ---------------------------------------------------------


def test_event_done_ticks_its_record_task_and_settles_the_day(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-11-14 14:00", "--expect", "60", today="2026-09-01")
    out = ws.ok("event", "done", "rust", "--attendees", "48", today="2026-11-18").stdout
    assert "48 people of 60 expected" in out and "ticked 4 tasks" in out
    tasks = event_file(ws, "rust-meetup")["tasks"]
    record = tasks[RECORD_TASK - 1]
    assert "ccos event done" in record["text"] and record["records"] is True
    assert (record["done"], record["done_on"]) == (True, date(2026, 11, 18))  # ticked the day it was run
    for number in DAY_OF:
        assert (tasks[number - 1]["done"], tasks[number - 1]["done_on"]) == (True, date(2026, 11, 14))  # its day
    assert not any(t["done"] for t in tasks[:8])  # preparation is not claimed as done
    shown: Any = ws.json("event", "show", "rust", today="2026-11-18")
    assert {t["status"] for t in shown["tasks"] if t["phase"] == "before"} == {"missed"}
    # past weeks say what happened on which day
    w46 = items(ws, "2026-W46", today="2026-11-18")
    assert w46["event:rust-meetup:2026-11-14"]["status"] == "done"
    assert all(w46[f"event:rust-meetup:task:{n}"]["status"] == "done" for n in DAY_OF)
    w47 = items(ws, "2026-W47", today="2026-11-18")
    assert (
        w47[f"event:rust-meetup:task:{RECORD_TASK}"]["status"],
        w47[f"event:rust-meetup:task:{RECORD_TASK}"]["date"],
    ) == (
        "done",
        "2026-11-18",
    )
    plan: Any = ws.json("plan", "week", today="2026-11-18")
    late = [w for w in plan["warnings"] if w["code"] == "event_task_overdue"]
    assert all("Record attendance" not in w["message"] for w in late)


def test_on_a_terminal_the_person_may_say_a_day_of_task_was_missed(ws: Ccos, monkeypatch: pytest.MonkeyPatch) -> None:
    ws.ok(*MEETUP, "--date", "2026-11-14 14:00", today="2026-09-01")
    monkeypatch.setattr("ccos.context.AppContext.interactive", lambda self: True)
    result = ws.ok("event", "done", "rust", today="2026-11-18", input="7\n10\n")  # 7 is not a day-of task
    assert "Take photos and notes" in result.stdout and "answer with numbers from the list" in result.stdout
    assert "1 task missed" in result.stdout
    tasks = event_file(ws, "rust-meetup")["tasks"]
    assert [tasks[n - 1]["done"] for n in DAY_OF] == [True, False, True]
    shown: Any = ws.json("event", "show", "rust", today="2026-11-18")
    assert next(t for t in shown["tasks"] if t["number"] == 10)["status"] == "missed"


def test_without_a_terminal_every_day_of_task_is_done(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-11-14 14:00", today="2026-09-01")
    ws.ok("event", "done", "rust", today="2026-11-18", input="10\n")  # stdin is no terminal: nothing asked
    tasks = event_file(ws, "rust-meetup")["tasks"]
    assert all(tasks[n - 1]["done"] for n in DAY_OF)


def test_a_recorded_episode_leaves_nothing_of_its_preparation_overdue(ws: Ccos) -> None:
    ws.ok(*LIVE, today="2026-11-01")  # Thursdays from 2026-11-05
    plan: Any = ws.json("plan", "week", today="2026-11-19")
    before = next(w for w in plan["warnings"] if w["code"] == "event_task_overdue")
    assert "Announce this episode" in before["message"]  # -2d of today's episode
    ws.ok("event", "done", "cloud", "--attendees", "35", today="2026-11-19")
    data = event_file(ws, "cloud-live")
    sound = next(t for t in data["tasks"] if t["text"].startswith("Sound and screen check"))
    assert sound["done_for"] == [date(2026, 11, 19)] and sound["ticked_on"] == {"2026-11-19": date(2026, 11, 19)}
    record = next(t for t in data["tasks"] if t.get("records"))
    assert record["done_for"] == [date(2026, 11, 19)]
    week = items(ws, "2026-W47", today="2026-11-19")
    assert "event:cloud-live:task:4:2026-11-19" not in week  # announce: missed, not overdue
    plan = ws.json("plan", "week", today="2026-11-19")
    late = " ".join(w["message"] for w in plan["warnings"] if w["code"] == "event_task_overdue")
    assert "Announce this episode" not in late and "Sound and screen" not in late


@pytest.mark.parametrize("recurring", [False, True])
def test_event_done_twice_is_refused_and_writes_nothing(ws: Ccos, recurring: bool) -> None:
    if recurring:
        ws.ok(*LIVE, today="2026-11-01")
        ws.ok("event", "done", "cloud", "--attendees", "35", today="2026-11-18")  # Thu 11-12
        args: tuple[str, ...] = ("event", "done", "cloud", "--on", "2026-11-12", "--attendees", "50")
    else:
        ws.ok(*MEETUP, "--date", "2026-11-14 14:00", today="2026-09-01")
        ws.ok("event", "done", "rust", "--attendees", "48", today="2026-11-18")
        args = ("event", "done", "rust", "--attendees", "50")
    before = snapshot(ws.root)
    result = ws(*args, today="2026-11-18")
    assert result.exit_code == 2
    assert "was recorded already" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert snapshot(ws.root) == before
    if recurring:  # the message names an occurrence still to record
        assert "--on" in result.stderr and "2026-11-05" in result.stderr


# --- ticks dated on the day they were ticked --------------------------------------------------


def test_a_ticked_task_is_dated_on_the_day_it_was_ticked(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-30 14:00", today="2026-11-01")  # task 1 is due 2026-11-18 (-42d)
    ws.ok("event", "task", "rust", "check", "1", today="2026-11-25")
    assert event_file(ws, "rust-meetup")["tasks"][0]["done_on"] == date(2026, 11, 25)
    assert "event:rust-meetup:task:1" not in items(ws, "2026-W47", today="2026-12-02")
    ticked = items(ws, "2026-W48", today="2026-12-02")["event:rust-meetup:task:1"]
    assert (ticked["status"], ticked["date"]) == ("done", "2026-11-25")
    # a tick written without its day (an older file) stays on the task's own date
    path = ws.root / "events" / "rust-meetup.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("done_on = 2026-11-25\n", ""), encoding="utf-8")
    fallback = items(ws, "2026-W47", today="2026-12-02")["event:rust-meetup:task:1"]
    assert (fallback["status"], fallback["date"]) == ("done", "2026-11-18")


# --- fixed in time, and what keeps the quarter's target ---------------------------------------


def test_preparation_and_day_of_tasks_are_fixed_follow_up_is_not(ws: Ccos) -> None:
    from ccos.capabilities.events.source import EventSource
    from ccos.dates import Period
    from ccos.planning.seam import SourceContext
    from ccos.storage.workspace import Workspace

    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    workspace = Workspace.open(ws.root)
    ctx = SourceContext.of(workspace, date(2026, 11, 18))
    found = list(EventSource().commitments(ctx, Period.containing("quarter", date(2026, 12, 12))))
    phases = {t["text"]: t["phase"] for t in event_file(ws, "rust-meetup")["tasks"]}
    tasks = [c for c in found if c.type == "event_task"]
    assert tasks and all(c.fixed == (phases[c.title.split(" · ")[0]] != "after") for c in tasks)
    (day,) = [c for c in found if c.type == "event"]
    assert day.fixed and day.keeps == "the only event of 2026-Q4"
    ws.ok("event", "add", "--over-budget", "Second", "--kind", "ama", "--date", "2026-12-20")
    ctx = SourceContext.of(Workspace.open(ws.root), date(2026, 11, 18))
    days = [
        c for c in EventSource().commitments(ctx, Period.containing("quarter", date(2026, 12, 12))) if c.type == "event"
    ]
    assert len(days) == 2 and all(c.keeps is None for c in days)  # either one alone meets a target of 1


# --- times as a person writes them ------------------------------------------------------------


def test_event_add_prints_the_time_as_a_person_writes_it(ws: Ccos) -> None:
    out = ws.ok(*MEETUP, "--date", "2026-12-12 14:00").stdout
    assert "2026-12-12 14:00" in out and "14:00:00" not in out and "+01:00" not in out
    assert "Europe/Berlin" not in out  # the workspace's own zone goes unsaid
    assert "15 playbook tasks" in out
    config = ws.root / "ccos.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("Europe/Berlin", "Asia/Shanghai"), encoding="utf-8")
    shown = ws.ok("event", "show", "rust").stdout
    assert "starts 2026-12-12 14:00 (Europe/Berlin)" in shown  # another zone than the workspace's
    assert "Sat 12-12" in shown  # the day-of tasks, as a table shows days
    listed = ws.ok("event", "list").stdout
    assert "Sat 12-12 14:00" in listed


@pytest.mark.parametrize("columns", ["80", "60", "40"])
def test_titles_are_never_broken_inside_themselves(ws: Ccos, columns: str) -> None:
    from rich.cells import cell_len

    ws.ok(
        "event",
        "add",
        "--over-budget",
        "云原生 / 学习小组 直播第二季",
        "--kind",
        "livestream",
        "--repeat",
        "weekly on tue at 20:00",
    )
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    listed = ws.ok("event", "list", env={"COLUMNS": columns}).stdout.splitlines()
    assert len(listed) == 3  # the header and one line per event: nothing folded onto a second line
    assert all(cell_len(line) <= int(columns) for line in listed)
    assert "Tue 11-24 20:00" in listed[1] and listed[1].split("20:00", 1)[1].strip().startswith("云")
    if columns == "80":  # the whole title fits: the short columns make room first
        assert "云原生 / 学习小组 直播第二季 ↻" in listed[1]
    books = ws.ok("event", "playbooks", env={"COLUMNS": columns}).stdout.splitlines()
    assert len(books) == 10 and all(cell_len(line) <= int(columns) for line in books)

"""`ccos event`: adding from playbooks, tasks, done, cancel, plan and status through the seam."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Ccos, snapshot

MEETUP = ("event", "add", "--over-budget", "Rust 北京 Meetup #12", "--kind", "meetup", "--format", "offline")
STREAM = (
    "event", "add", "--over-budget", "云原生直播", "--kind", "livestream", "--format", "online",
    "--repeat", "weekly on thu at 20:00", "--hours", "1.5", "--from", "2026-11-01", "--until", "2027-03-31",
)  # fmt: skip


@pytest.fixture
def ws(make_workspace: Callable[..., Ccos]) -> Ccos:
    return make_workspace("--timezone", "Asia/Shanghai")


def event_file(ccos: Ccos, event_id: str) -> dict[str, Any]:
    return tomllib.loads((ccos.root / "events" / f"{event_id}.toml").read_text(encoding="utf-8"))


def plan_items(ccos: Ccos, week: str, **kwargs: Any) -> list[dict[str, Any]]:
    plan: Any = ccos.json("plan", "week", "--week", week, **kwargs)
    # a past week lists what was done as `items`, what was not as `left_open`
    return [i for i in plan["items"] + plan["left_open"] if i["type"] in ("event", "event_task")]


def assert_refused(ccos: Ccos, *args: str, mentions: str, today: str | None = None) -> str:
    before = snapshot(ccos.root)
    result = ccos(*args, today=today)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert mentions in result.stderr
    assert snapshot(ccos.root) == before
    return result.stderr


# --- add ---------------------------------------------------------------------------------


def test_add_meetup_copies_playbook_and_fields(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00", "--hours", "4", "--expect", "60", "--with", "李雷, Ann")
    data = event_file(ws, "rust-北京-meetup-12")
    assert data["title"] == "Rust 北京 Meetup #12"
    assert (data["kind"], data["format"], data["status"], data["playbook"]) == (
        "meetup",
        "offline",
        "planned",
        "meetup",
    )
    assert data["start"].isoformat() == "2026-12-12T14:00:00"
    assert data["timezone"] == "Asia/Shanghai"
    assert data["hours"] == 4 and data["expected"] == 60
    assert data["co_organisers"] == ["李雷", "Ann"]
    playbook = tomllib.loads(
        (Path(__file__).parents[1] / "templates" / "en" / "playbooks" / "meetup.toml").read_text(encoding="utf-8")
    )
    assert [t["text"] for t in data["tasks"]] == [t["text"] for t in playbook["tasks"]]
    assert all(t["done"] is False for t in data["tasks"])
    shown: Any = ws.json("event", "show", "rust")  # a unique prefix of the title
    assert shown["event"]["start"] == "2026-12-12T14:00:00+08:00"
    assert {t["phase"] for t in shown["tasks"]} == {"before", "during", "after"}


def test_default_hours_and_format_come_from_config_and_playbook(ws: Ccos) -> None:
    ws.ok("event", "add", "--over-budget", "Ask me", "--kind", "ama", "--date", "2026-12-01 19:00")
    data = event_file(ws, "ask-me")
    assert data["hours"] == 2 and data["format"] == "online"


def test_playbook_change_later_does_not_rewrite_the_event(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    own = ws.root / "templates" / "playbooks"
    own.mkdir(parents=True)
    (own / "meetup.toml").write_text('kind = "meetup"\n[[tasks]]\ntext = "x"\nphase = "before"\noffset = "-1d"\n')
    assert len(event_file(ws, "rust-北京-meetup-12")["tasks"]) == 15
    shown: Any = ws.json("event", "show", "rust")
    assert len(shown["tasks"]) == 15


def test_workspace_playbooks_take_precedence(ws: Ccos) -> None:
    own = ws.root / "templates" / "playbooks"
    own.mkdir(parents=True)
    (own / "meetup.toml").write_text(
        '# mine\nkind = "meetup"\ntitle = "Small meetup"\n[[tasks]]\ntext = "Book a café"\nphase = "before"\n'
        'offset = "-7d"\nhours = 0.5\nrole = "venue"\n',
        encoding="utf-8",
    )
    (own / "book-club.toml").write_text(
        'kind = "meetup"\nformat = "hybrid"\n[[tasks]]\ntext = "Pick a book"\nphase = "before"\noffset = "-3w"\n',
        encoding="utf-8",
    )
    books: Any = ws.json("event", "playbooks")
    by_name = {b["name"]: b for b in books["playbooks"]}
    assert by_name["meetup"]["source"] == "workspace" and by_name["meetup"]["tasks"] == 1
    assert by_name["summit"]["source"] == "packaged"
    assert set(by_name) >= {"meetup", "workshop", "hackathon", "ama", "livestream", "talk", "training", "contest"}
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    assert [t["text"] for t in event_file(ws, "rust-北京-meetup-12")["tasks"]] == ["Book a café"]
    ws.ok("event", "add", "--over-budget", "Club", "--playbook", "book-club", "--date", "2026-12-20")
    club = event_file(ws, "club")
    assert club["kind"] == "meetup" and club["format"] == "hybrid" and club["tasks"][0]["offset"] == "-3w"
    shown: Any = ws.json("event", "show", "club")
    assert shown["tasks"][0]["date"] == "2026-11-29"


def test_a_broken_playbook_file_is_named(ws: Ccos) -> None:
    own = ws.root / "templates" / "playbooks"
    own.mkdir(parents=True)
    (own / "meetup.toml").write_text('kind = "meetup"\n[[tasks]]\ntext = "x"\nphase = "before"\noffset = "soon"\n')
    stderr = assert_refused(ws, *MEETUP, "--date", "2026-12-12", mentions="meetup.toml")
    assert "offset" in stderr


@pytest.mark.parametrize("language", ["en", "zh", "ru"])
def test_every_language_has_every_playbook(make_workspace: Callable[..., Ccos], language: str) -> None:
    ccos = make_workspace(name=f"ws-{language}")
    config = ccos.root / "ccos.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('language = "en"', f'language = "{language}"'))
    books: Any = ccos.json("event", "playbooks")
    kinds = {b["kind"] for b in books["playbooks"]}
    assert kinds == {"meetup", "workshop", "hackathon", "ama", "livestream", "talk", "training", "contest", "summit"}
    root = Path(__file__).parents[1] / "templates"
    for book in books["playbooks"]:
        ours = tomllib.loads((root / language / "playbooks" / f"{book['name']}.toml").read_text(encoding="utf-8"))
        english = tomllib.loads((root / "en" / "playbooks" / f"{book['name']}.toml").read_text(encoding="utf-8"))
        strip = [{k: v for k, v in t.items() if k != "text"} for t in ours["tasks"]]
        assert strip == [{k: v for k, v in t.items() if k != "text"} for t in english["tasks"]]


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (("--kind", "party", "--date", "tomorrow"), "--kind"),
        (("--kind", "meetup", "--format", "space", "--date", "tomorrow"), "--format"),
        (("--kind", "meetup", "--playbook", "nope", "--date", "tomorrow"), "--playbook"),
        (("--kind", "meetup", "--repeat", "whenever", "--hours", "1"), "weekly on thu at 20:00"),
        (("--kind", "meetup", "--repeat", "weekly on funday"), "--repeat"),
        (("--kind", "meetup", "--repeat", "FREQ=SECONDLY"), "--repeat"),
        (("--kind", "meetup", "--repeat", "daily", "--from", "2026-12-01", "--until", "2026-11-01"), "--until"),
        (("--kind", "meetup", "--date", "2026-12-01", "--from", "2026-12-01"), "--from"),
        (("--kind", "meetup", "--date", "tomorrow", "--hours", "-1"), "--hours"),
        (("--kind", "meetup", "--date", "tomorrow", "--expect", "-3"), "--expect"),
        (("--kind", "meetup", "--date", "2026-13-01"), "--date"),
        (("--kind", "meetup"), "--date"),
        (("--date", "tomorrow"), "--kind"),
        (("--kind", "meetup", "--date", "tomorrow", "--with", " , "), "--with"),
    ],
)
def test_bad_input_writes_nothing(ws: Ccos, args: tuple[str, ...], mentions: str) -> None:
    assert_refused(ws, "event", "add", "--over-budget", "Bad", *args, mentions=mentions)


def test_dst_gap_and_fold_on_date(make_workspace: Callable[..., Ccos]) -> None:
    berlin = make_workspace("--timezone", "Europe/Berlin")
    stderr = assert_refused(berlin, *MEETUP, "--date", "2027-03-28 02:30", mentions="--date")
    assert "does not exist" in stderr and "01:59" in stderr and "03:00" in stderr
    stderr = assert_refused(berlin, *MEETUP, "--date", "2027-10-31 02:30", mentions="ambiguous")
    assert "+02:00" in stderr and "+01:00" in stderr
    assert_refused(berlin, *MEETUP, "--date", "2027-10-31 02:30+05:00", mentions="does not match")
    berlin.ok(*MEETUP, "--date", "2027-10-31 02:30+01:00")
    data = event_file(berlin, "rust-北京-meetup-12")
    assert data["fold"] == 1
    shown: Any = berlin.json("event", "show", "rust")
    assert shown["event"]["start"] == "2027-10-31T02:30:00+01:00"


def test_title_twins_are_refused(ws: Ccos) -> None:
    ws.ok("event", "add", "--over-budget", "Zoë Meetup", "--kind", "meetup", "--date", "2026-12-12")
    assert_refused(
        ws,
        "event",
        "add",
        "--over-budget",
        "ZOE\u0308 MEETUP",
        "--kind",
        "meetup",
        "--date",
        "2026-12-19",
        mentions="exists",
    )


@pytest.mark.parametrize("title", ["../../etc/passwd", "a/b", "..", "[red]alarm[/red]", "CON", "-rf", "👩‍💻 ночь 夜"])
def test_hostile_titles_stay_inside_and_literal(ws: Ccos, title: str) -> None:
    ws.ok("event", "add", "--over-budget", "--kind", "meetup", "--date", "2026-12-12", "--", title)
    files = list((ws.root / "events").glob("*.toml"))
    assert len(files) == 1 and files[0].parent == ws.root / "events"
    assert tomllib.loads(files[0].read_text(encoding="utf-8"))["title"] == title
    listed = ws.ok("event", "list").stdout
    if title.startswith("[red]"):
        assert "[red]alarm[/red]" in listed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=1, max_size=30))
def test_any_title_is_stored_literally_or_refused(ws: Ccos, title: str) -> None:
    before = snapshot(ws.root)
    result = ws("event", "add", "--over-budget", "--kind", "talk", "--date", "2026-12-12", "--", title)
    if result.exit_code != 0:
        assert result.exit_code == 2
        assert snapshot(ws.root) == before
        return
    new = set(snapshot(ws.root)) - set(before)
    assert len(new) == 1
    path = ws.root / next(iter(new))
    assert path.parent == ws.root / "events"
    import unicodedata

    assert tomllib.loads(path.read_text(encoding="utf-8"))["title"] == unicodedata.normalize("NFC", title).strip()
    path.unlink()


# --- tasks --------------------------------------------------------------------------------


def test_task_check_uncheck_add_remove(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    ws.ok("event", "task", "rust", "check", "3")
    data = event_file(ws, "rust-北京-meetup-12")
    assert data["tasks"][2]["done"] is True and data["tasks"][2]["done_on"].isoformat() == "2026-11-18"
    ws.ok("event", "task", "rust", "uncheck", "3")
    assert "done_on" not in event_file(ws, "rust-北京-meetup-12")["tasks"][2]
    out = ws.ok("event", "task", "rust", "add", "订场地", "--at", "-20d", "--hours", "1").stdout
    assert "task 16" in out
    task = event_file(ws, "rust-北京-meetup-12")["tasks"][15]
    assert (task["text"], task["offset"], task["phase"], task["hours"]) == ("订场地", "-20d", "before", 1)
    shown: Any = ws.json("event", "show", "rust")
    assert next(t for t in shown["tasks"] if t["number"] == 16)["date"] == "2026-11-22"
    ws.ok("event", "task", "rust", "remove", "16")
    assert len(event_file(ws, "rust-北京-meetup-12")["tasks"]) == 15


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (("check", "99"), "no task"),
        (("check", "zero"), "no task"),
        (("add", "x", "--at", "3 days"), "--at"),
        (("add", "x", "--at", "-400d"), "--at"),
        (("add", "x", "--at", "+2d", "--phase", "before"), "before"),
        (("add", "x", "--at", "-2d", "--until", "-5d"), "--until"),
        (("add", "x", "--at", "-2d", "--hours", "-1"), "--hours"),
        (("add", "x", "--at", "-2d", "--role", "chef"), "--role"),
        (("add", "a\nb", "--at", "-2d"), "task text"),
        (("check", "3", "--on", "2026-12-12"), "--on"),
    ],
)
def test_bad_task_input_writes_nothing(ws: Ccos, args: tuple[str, ...], mentions: str) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    assert_refused(ws, "event", "task", "rust", *args, mentions=mentions)


def test_unknown_and_ambiguous_references(ws: Ccos) -> None:
    ws.ok("event", "add", "--over-budget", "Rust meetup A", "--kind", "meetup", "--date", "2026-12-12")
    ws.ok("event", "add", "--over-budget", "Rust meetup B", "--kind", "meetup", "--date", "2026-12-19")
    stderr = assert_refused(ws, "event", "show", "rust", mentions="ambiguous")
    assert "rust-meetup-a (Rust meetup A)" in stderr and "rust-meetup-b (Rust meetup B)" in stderr
    assert_refused(ws, "event", "show", "python", mentions="no event")


def test_references_are_an_id_a_title_or_a_unique_prefix(ws: Ccos) -> None:
    """The contract's one rule for every kind ("Naming things"): a word inside the title, or
    the event's kind, is no reference (it used to be, for events only)."""
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    for ref in ("rust-北京-meetup-12", "Rust 北京 Meetup #12", "RUST 北", "rust-北京-m"):
        shown: Any = ws.json("event", "show", ref)
        assert shown["event"]["id"] == "rust-北京-meetup-12", ref
    stderr = assert_refused(ws, "event", "show", "meetup", mentions="no event matches 'meetup'")
    assert "rust-北京-meetup-12" in stderr  # the closest names are suggested
    assert_refused(ws, "event", "task", "北京", "check", "1", mentions="no event matches")


def test_json_paths_are_workspace_relative_whatever_the_cwd(ws: Ccos, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--json` paths are relative to the workspace, `/`-separated: the same from a subfolder
    (the workspace found upwards), from the workspace itself and from outside it (`-w`)."""
    import json

    from typer.testing import CliRunner

    from ccos.cli import app

    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    own = ws.root / "templates" / "playbooks"
    own.mkdir(parents=True)
    (own / "book-club.toml").write_text('kind = "meetup"\n', encoding="utf-8")

    def documents(cwd: Path, *global_args: str) -> list[Any]:
        monkeypatch.chdir(cwd)
        found = []
        for command in (["event", "show", "rust"], ["event", "list"], ["event", "playbooks"]):
            result = CliRunner().invoke(app, [*global_args, *command, "--json"], env={"CCOS_TODAY": ws.today})
            assert result.exit_code == 0, result.stderr
            found.append(json.loads(result.stdout))
        return found

    inside = documents(ws.root / "events")
    assert inside == documents(ws.root) == documents(ws.root.parent, "-w", str(ws.root))
    shown, listed, books = inside
    assert shown["event"]["path"] == "events/rust-北京-meetup-12.toml"
    assert [e["path"] for e in listed["events"]] == ["events/rust-北京-meetup-12.toml"]
    club = next(b for b in books["playbooks"] if b["name"] == "book-club")
    assert (club["source"], club["path"]) == ("workspace", "templates/playbooks/book-club.toml")


def test_hand_edits_survive_a_tick(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    path = ws.root / "events" / "rust-北京-meetup-12.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('kind = "meetup"', 'kind = "meetup"  # my comment\nsponsor = "ACME"', 1)
    path.write_text(text, encoding="utf-8")
    ws.ok("event", "task", "rust", "check", "1")
    ws.ok("event", "done", "rust", "--attendees", "48", today="2026-12-13")
    after = path.read_text(encoding="utf-8")
    assert "# my comment" in after and 'sponsor = "ACME"' in after
    assert after.index("sponsor =") < after.index("\ntimezone =")  # key order kept
    data = tomllib.loads(after)
    assert data["attendees"] == 48 and data["status"] == "done"


def test_an_invalid_event_file_is_reported_not_overwritten(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    path = ws.root / "events" / "rust-北京-meetup-12.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('format = "offline"', 'format = "tent"'))
    stderr = assert_refused(ws, "event", "task", "rust", "check", "1", mentions="rust-北京-meetup-12.toml")
    assert "format" in stderr
    assert_refused(ws, "plan", "week", mentions="format")


# --- done and cancel ----------------------------------------------------------------------


def test_done_records_attendance_and_hours(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00", "--expect", "60", "--hours", "4")
    assert_refused(ws, "event", "done", "rust", "--attendees", "48", mentions="after today")
    assert_refused(ws, "event", "done", "rust", "--attendees", "-1", today="2026-12-13", mentions="--attendees")
    ws.ok("event", "done", "rust", "--attendees", "48", "--hours", "6", "--note", "more Q&A", today="2026-12-13")
    data = event_file(ws, "rust-北京-meetup-12")
    assert (data["status"], data["attendees"], data["actual_hours"], data["notes"]) == ("done", 48, 6, ["more Q&A"])
    items = plan_items(ws, "2026-W50", today="2026-12-13")
    day = next(i for i in items if i["type"] == "event")
    assert (day["status"], day["hours"], day["date"]) == ("done", 6, "2026-12-12")


def test_cancel_whole_event_removes_it_from_the_plan(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    assert plan_items(ws, "2026-W50")
    ws.ok("event", "cancel", "rust")
    assert event_file(ws, "rust-北京-meetup-12")["status"] == "cancelled"
    assert plan_items(ws, "2026-W50") == []
    plan: Any = ws.json("plan", "week")
    assert not [w for w in plan["warnings"] if w["code"] == "event_task_overdue"]
    assert_refused(ws, "event", "cancel", "rust", "--on", "2026-12-12", mentions="not recurring")


# --- recurring ----------------------------------------------------------------------------


def test_recurring_event_is_one_file_with_an_rrule(ws: Ccos) -> None:
    ws.ok(*STREAM)
    files = list((ws.root / "events").glob("*.toml"))
    assert len(files) == 1
    data = event_file(ws, "云原生直播")
    assert data["repeat"] == "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270331T235959"
    assert data["start"].isoformat() == "2026-11-05T20:00:00"  # the first Thursday from --from
    shown: Any = ws.json("event", "show", "云原生直播")
    assert shown["upcoming"][:3] == [
        "2026-11-19T20:00:00+08:00", "2026-11-26T20:00:00+08:00", "2026-12-03T20:00:00+08:00",
    ]  # fmt: skip


def test_cancelled_occurrences_do_not_appear(ws: Ccos) -> None:
    ws.ok(*STREAM)
    before = [i for i in plan_items(ws, "2026-W52") if i["type"] == "event"]
    assert [i["date"] for i in before] == ["2026-12-24"]
    assert_refused(ws, "event", "cancel", "云原生直播", "--on", "2026-12-25", mentions="2026-12-24")
    ws.ok("event", "cancel", "云原生直播", "--on", "2026-12-24")
    assert event_file(ws, "云原生直播")["cancelled_on"][0].isoformat() == "2026-12-24"
    items = plan_items(ws, "2026-W52")
    assert not [i for i in items if i["type"] == "event"]
    assert not [i for i in items if i["id"].endswith(":2026-12-24")]  # nor its per-occurrence tasks
    shown: Any = ws.json("event", "show", "云原生直播", today="2026-12-20")
    assert "2026-12-24T20:00:00+08:00" not in shown["upcoming"]
    assert shown["upcoming"][0] == "2026-12-31T20:00:00+08:00"
    before_again = snapshot(ws.root)
    out = ws.ok("event", "cancel", "云原生直播", "--on", "2026-12-24").stdout
    assert "already" in out and snapshot(ws.root) == before_again
    assert_refused(ws, "event", "done", "云原生直播", "--on", "2026-12-24", today="2026-12-30", mentions="cancelled")


def test_recurring_each_tasks_per_occurrence(ws: Ccos) -> None:
    ws.ok(*STREAM)
    items = plan_items(ws, "2026-W49")
    titles = [(i["date"], i["title"].split(" · ")[0], i["hours"]) for i in items]
    # the Dec 3 episode's tasks, the Dec 10 one's "confirm guest" (-5d), the series review (+28d from Nov 5)
    assert ("2026-12-01", "Announce this episode", 0.5) in titles
    assert ("2026-12-03", "云原生直播", 1.5) in titles
    assert ("2026-12-04", "Publish the recording with a short summary", 1.0) in titles
    assert ("2026-12-05", "Confirm this episode's guest and topic", 0.5) in titles
    assert ("2026-12-03", "Review the first weeks' viewers; adjust time, format or topics", 1.0) in titles
    # tick "announce" for the Dec 3 episode only
    ws.ok("event", "task", "云原生直播", "check", "4", "--on", "2026-12-03")
    assert [d.isoformat() for d in event_file(ws, "云原生直播")["tasks"][3]["done_for"]] == ["2026-12-03"]
    statuses = {i["id"]: i["status"] for i in plan_items(ws, "2026-W49")}
    assert "event:云原生直播:task:4:2026-12-03" not in statuses  # done today, so in today's week
    assert statuses["event:云原生直播:task:3:2026-12-10"] == "open"
    ticked = {i["id"]: (i["status"], i["date"]) for i in plan_items(ws, "2026-W47")}
    assert ticked["event:云原生直播:task:4:2026-12-03"] == ("done", "2026-11-18")
    assert_refused(ws, "event", "task", "云原生直播", "check", "4", "--on", "2026-12-02", mentions="2026-12-03")
    # an instance not done is overdue until the next occurrence comes, then missed
    plan: Any = ws.json("plan", "week", today="2026-12-02")
    assert any(w["code"] == "event_task_overdue" and w["subject"] == "云原生直播" for w in plan["warnings"])
    late = plan_items(ws, "2026-W49", today="2026-12-11")
    assert "event:云原生直播:task:3:2026-12-03" not in {i["id"] for i in late}


def test_recurring_done_records_an_occurrence(ws: Ccos) -> None:
    ws.ok(*STREAM, "--expect", "40")
    ws.ok("event", "done", "云原生直播", "--attendees", "35", "--hours", "2")
    held = event_file(ws, "云原生直播")["held"]
    assert held[0]["on"].isoformat() == "2026-11-12" and held[0]["attendees"] == 35
    ws.ok("event", "done", "云原生直播", "--on", "2026-11-05", "--attendees", "20")
    assert_refused(ws, "event", "done", "云原生直播", "--on", "2026-11-26", mentions="future")
    status: Any = ws.json("status")
    row = next(r for r in status["now"] if r["key"] == "event_attendance")
    assert (row["actual"], row["target"]) == (35, 40)  # the latest event, never a sum
    assert "20/40 → 35/40" in row["detail"]
    items = plan_items(ws, "2026-W46")
    day = next(i for i in items if i["type"] == "event")
    assert (day["status"], day["hours"]) == ("done", 2)


# --- plan and status ----------------------------------------------------------------------


def test_meetup_six_weeks_out_lands_in_the_right_weeks(ws: Ccos) -> None:
    """Done when: a meetup six weeks out, and each week's plan shows exactly its preparation."""
    ws.ok(*MEETUP, "--date", "2026-12-30 14:00", "--hours", "4")  # a Wednesday in ISO week 2026-W53

    def week(spec: str) -> list[tuple[str, str, float]]:
        return sorted((i["date"], i["title"].split(" · ")[0], i["hours"]) for i in plan_items(ws, spec))

    assert week("2026-W47") == [
        ("2026-11-18", "Pick the theme, date and city; ask a co-organiser to share the load", 1)
    ]
    assert week("2026-W48") == [("2026-11-25", "Book the venue (capacity, projector, Wi-Fi, access)", 1)]
    assert week("2026-W49") == [("2026-12-02", "Invite speakers and agree on topics", 1.5)]
    assert week("2026-W50") == [
        ("2026-12-09", "Confirm speakers, titles and abstracts", 1),
        ("2026-12-09", "Publish the event page and registration", 1),
    ]
    promote = "Promote in community groups, on your main platforms and with partners"
    assert week("2026-W51") == [("2026-12-29", promote, 0.5)]  # a window: 1.5 h over 3 weeks
    assert week("2026-W52") == [
        ("2026-12-23", "Collect slides; write the run of show and the host's script", 1),
        ("2026-12-27", "Remind registrants; confirm venue, food and equipment", 0.5),
        ("2026-12-29", promote, 0.5),
    ]
    w53 = week("2026-W53")
    assert ("2026-12-30", "Rust 北京 Meetup #12", 4) in w53
    assert ("2026-12-27", "Remind registrants; confirm venue, food and equipment", 0.5) not in w53  # Sunday of W52
    assert ("2026-12-29", promote, 0.5) in w53
    assert ("2027-01-01", "Publish the recap with photos and slides", 2) in w53  # across the year end
    assert week("2027-W01") == [
        ("2027-01-06", "Publish the recordings; invite active attendees to co-organise the next one", 1)
    ]
    plan: Any = ws.json("plan", "week", "--week", "2026-W53")
    event_hours = sum(i["hours"] for i in plan["items"] if i["type"] in ("event", "event_task"))
    assert event_hours == pytest.approx(4 + 0.5 + 0.5 + 2 + 0.5)  # day, promote, thank, recap, attendance
    assert plan["budget"]["planned_hours"] >= event_hours
    month: Any = ws.json("plan", "month", "--month", "2026-12")
    in_december = [(i["date"], i["hours"]) for i in month["items"] if i["type"] == "event_task"]
    assert sum(h for _, h in in_december) == pytest.approx(1.5 + 2 + 1 + 0.5 + 1.5 + 0.5), in_december


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2027-01-30", {"+1d": "2027-01-31", "+2d": "2027-02-01", "+7d": "2027-02-06", "-42d": "2026-12-19"}),
        ("2028-03-01", {"-3d": "2028-02-27", "-7d": "2028-02-23", "-21d": "2028-02-09"}),  # leap year
        ("2027-03-01", {"-3d": "2027-02-26", "-7d": "2027-02-22"}),
        ("2027-01-02", {"-7d": "2026-12-26", "-21d": "2026-12-12", "-35d": "2026-11-28", "+2d": "2027-01-04"}),
        ("2026-12-31", {"+1d": "2027-01-01", "+7d": "2027-01-07"}),
    ],
)
def test_playbook_dating_across_month_and_year_ends(ws: Ccos, start: str, expected: dict[str, str]) -> None:
    ws.ok(*MEETUP, "--date", f"{start} 10:00")
    shown: Any = ws.json("event", "show", "rust")
    by_offset = {t["offset"]: t["date"] for t in shown["tasks"]}
    for offset, day in expected.items():
        assert by_offset[offset] == day


def test_event_task_overdue_warning(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-05 14:00")  # -42d, -35d, -28d and two at -21d are past on 2026-11-18
    plan: Any = ws.json("plan", "week")
    warning = next(w for w in plan["warnings"] if w["code"] == "event_task_overdue")
    assert warning["subject"] == "rust-北京-meetup-12" and "5 playbook tasks" in warning["message"]
    items = {i["title"].split(" · ")[0]: i["status"] for i in plan_items(ws, "2026-W44")}
    assert items["Book the venue (capacity, projector, Wi-Fi, access)"] == "overdue"
    for number in ("1", "2", "3", "4", "5"):
        ws.ok("event", "task", "rust", "check", number)
    plan = ws.json("plan", "week")
    assert not [w for w in plan["warnings"] if w["code"] == "event_task_overdue"]


def test_no_event_this_quarter(ws: Ccos) -> None:
    status: Any = ws.json("status")
    assert any(w["code"] == "no_event_this_quarter" for w in status["warnings"])
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00")
    status = ws.json("status")
    assert not any(w["code"] == "no_event_this_quarter" for w in status["warnings"])
    nxt: Any = ws.json("plan", "quarter", "--quarter", "next")
    assert any(w["code"] == "no_event_this_quarter" and "2027-Q1" in w["message"] for w in nxt["warnings"])
    ws.ok("event", "cancel", "rust")
    status = ws.json("status")
    assert any(w["code"] == "no_event_this_quarter" for w in status["warnings"])


def test_status_rows(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00", "--expect", "60", "--with", "李雷")
    ws.ok("event", "add", "--over-budget", "Solo talk", "--kind", "talk", "--date", "2026-10-10", "--expect", "100")
    ws.ok("event", "done", "solo", "--attendees", "80")
    ws.ok("event", "task", "rust", "check", "1")
    status: Any = ws.json("status")
    quarter = next(p for p in status["periods"] if p["period"]["kind"] == "quarter")
    row = next(r for r in quarter["rows"] if r["key"] == "events_quarter")
    assert (row["actual"], row["target"], row["state"]) == (2, 1, "ok")
    assert row["detail"] == "1 held, 1 planned"
    now = {r["key"]: r for r in status["now"]}
    assert now["next_event"]["actual"] == 1 and now["next_event"]["target"] == 15
    assert now["next_event"]["detail"].startswith("Rust 北京 Meetup #12 · Sat 12-12 (in 24 days)")
    assert (now["event_attendance"]["actual"], now["event_attendance"]["target"]) == (80, 100)
    assert now["event_attendance"]["state"] == "behind"
    assert (now["events_co_organised"]["actual"], now["events_co_organised"]["target"]) == (1, 2)


def test_list_and_show_render(ws: Ccos) -> None:
    ws.ok(*MEETUP, "--date", "2026-12-12 14:00", "--with", "[bold]Ann[/bold]")
    ws.ok(*STREAM)
    ws.ok("event", "add", "--over-budget", "Recent one", "--kind", "ama", "--date", "2026-10-30")
    listed: Any = ws.json("event", "list")
    assert "recent-one" in [e["id"] for e in listed["events"]]  # its recap is overdue
    ws.ok("event", "cancel", "recent")
    listed = ws.json("event", "list")
    assert [e["id"] for e in listed["events"]] == ["云原生直播", "rust-北京-meetup-12"]
    every: Any = ws.json("event", "list", "--all")
    assert len(every["events"]) == 3
    out = ws.ok("event", "show", "rust").stdout
    assert "Before" in out and "After" in out and "[bold]Ann[/bold]" in out
    assert "Book the venue" in out
    out = ws.ok("event", "list").stdout
    assert "云原生直播" in out
    assert "playbook" in ws.ok("event", "playbooks").stdout


def test_every_event_command_has_help_with_an_example(ws: Ccos) -> None:
    for command in (["add"], ["list"], ["show"], ["done"], ["cancel"], ["playbooks"], ["task", "x", "check"]):
        out = ws.ok("event", *command, "--help").stdout
        assert "Example" in out, command


def test_past_events_stop_raising_overdue_tasks(ws: Ccos) -> None:
    """Preparation is moot once the day has passed; anything undone 30 days later is history."""
    ws.ok(
        "event",
        "add",
        "--over-budget",
        "Recent one",
        "--kind",
        "meetup",
        "--date",
        "2026-11-14 14:00",
        today="2026-09-01",
    )
    show: Any = ws.json("event", "show", "recent")
    statuses = {t["phase"]: set() for t in show["tasks"]}
    for task in show["tasks"]:
        statuses[task["phase"]].add(task["status"])
    assert statuses["before"] == {"missed"} and "overdue" in statuses["after"]
    codes = [w["code"] for w in ws.json("plan", "week")["warnings"]]
    assert "event_task_overdue" in codes  # the recap of last Saturday is still worth doing
    later: Any = ws.json("plan", "week", today="2027-01-20")
    assert "event_task_overdue" not in [w["code"] for w in later["warnings"]]
    assert all(i["type"] != "event_task" for i in later["items"])

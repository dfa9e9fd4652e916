"""`ccos export ics|json|markdown` and `ccos import json`, through the real CLI."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from tests.conftest import Ccos, snapshot

HOSTILE = "Evil\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nX"


def build_everything(ccos: Ccos) -> Ccos:
    """A workspace with every kind of file, made through the CLI (plus one hostile hand edit)."""
    ccos.ok("config", "set", "profile.timezone", "Europe/Berlin")
    ccos.ok("share", "add", "--over-budget", "Operator 踩坑", "--deep", "--due", "2026-11-30")
    ccos.ok("share", "add", "--over-budget", "Published one", "--due", "2026-11-10")
    ccos.ok("share", "publish", "Published one")
    ccos.ok("mentee", "add", "王小明", "--cadence", "2/month")
    ccos.ok("mentee", "add", "Zoë", "--cadence", "every 2w")
    ccos.ok("mentee", "log", "王小明", "--date", "2026-11-16 19:30", "--topic", "简历", "--note", "went well")
    ccos.ok("mentee", "log", "王小明", "--date", "2026-11-25 19:30", "--planned", "--over-budget")
    ccos.ok(
        "event",
        "add",
        "--over-budget",
        "Rust Meetup #12",
        "--kind",
        "meetup",
        "--date",
        "2026-12-12 14:00",
        "--hours",
        "4",
    )
    ccos.ok(
        "event", "add", "--over-budget", "Thursday live", "--kind", "livestream", "--repeat", "weekly on thu at 20:00",
        "--from", "2026-11-19", "--until", "2027-03-31", "--hours", "1",
    )  # fmt: skip
    ccos.ok("event", "cancel", "Thursday live", "--on", "2026-11-26")
    ccos.ok("event", "add", "--over-budget", "Hostile", "--kind", "talk", "--date", "2027-01-15 18:00", "--hours", "1")
    path = ccos.root / "events" / "hostile.toml"
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    doc["title"] = HOSTILE
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    ccos.ok("checklist", "check", "1")
    ccos.ok("checkin", "--energy", "3", "--duty", "2", "--main-job", "2", "--avoid", "1", "--note", "ok")
    ccos.ok("review", "week")
    (ccos.root / "sharing" / "operator-踩坑.md").write_text("# Outline\n\n- 踩坑 one\n", encoding="utf-8")
    (ccos.root / "templates" / "playbooks").mkdir(parents=True)
    (ccos.root / "templates" / "playbooks" / "mine.toml").write_text(
        'kind = "meetup"\ntitle = "My meetup"\n\n[[tasks]]\ntext = "Book a room"\nphase = "before"\noffset = "-7d"\n',
        encoding="utf-8",
    )
    return ccos


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per module (the CLI calls take seconds); each test works on a copy."""
    from typer.testing import CliRunner

    from ccos.cli import app

    root = tmp_path_factory.mktemp("built") / "ws"
    result = CliRunner().invoke(app, ["init", str(root), "--lang", "en", "--name", "Ada", "--no-git"])
    assert result.exit_code == 0, result.stderr
    build_everything(Ccos(root))
    return root


@pytest.fixture
def full(built: Path, tmp_path: Path) -> Ccos:
    root = tmp_path / "ws"
    shutil.copytree(built, root, symlinks=True)
    return Ccos(root)


def parse(data: str | bytes) -> Calendar:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return Calendar.from_ical(raw)


def vevents(calendar: Calendar) -> dict[str, object]:
    """VEVENTs by the UID's local part (`event-x`); every UID ends in the workspace's domain."""
    uids = [str(event["uid"]) for event in calendar.walk("VEVENT")]
    assert len({uid.rsplit("@", 1)[1] for uid in uids}) <= 1 and all(
        re.search(r"@[0-9a-f]{16}\.ccos$", u) for u in uids
    )
    return {str(event["uid"]).rsplit("@", 1)[0]: event for event in calendar.walk("VEVENT")}


# --- ICS -----------------------------------------------------------------------------------


def test_ics_holds_events_sessions_and_due_dates(full: Ccos, tmp_path: Path) -> None:
    out = tmp_path / "ccos.ics"
    result = full.ok("export", "ics", "-o", str(out))
    assert result.stdout == ""
    assert "Wrote" in result.stderr and str(out.name) in result.stderr
    calendar = parse(out.read_bytes())
    events = vevents(calendar)
    count = int(result.stderr.split("Wrote ")[1].split()[0])
    assert len(calendar.walk("VEVENT")) == count == len(events)  # UIDs are unique
    for uid in (
        "event-rust-meetup-12",
        "event-thursday-live",
        "event-hostile",
        "due-operator-踩坑",
        "due-published-one",
        "mentee-due-zoë",
        "task-rust-meetup-12-1",
    ):
        assert uid in events, uid
    sessions = [uid for uid in events if uid.startswith("session-王小明-")]
    assert len(sessions) == 2  # the held one and the planned one
    assert not any(uid.startswith("mentee-due-王小明") for uid in events)  # a planned session covers the cadence
    assert events["mentee-due-zoë"]["status"] == "TENTATIVE"
    due = events["due-operator-踩坑"]
    assert due.decoded("dtstart").isoformat() == "2026-11-30"  # all-day: a DATE
    assert due.decoded("dtend").isoformat() == "2026-12-01"
    assert str(events["due-operator-踩坑"]["summary"]) == "Due: Operator 踩坑"


def test_ics_recurring_event_has_rrule_exdate_and_zone(full: Ccos) -> None:
    data = full.ok("export", "ics").stdout
    calendar = parse(data)
    live = vevents(calendar)["event-thursday-live"]
    rule = live["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TH"]
    until = rule["UNTIL"][0]
    assert until.utcoffset() is not None and until.utcoffset().total_seconds() == 0  # RFC 5545: UTC with a TZID start
    exdates = [d.dt for d in live["exdate"].dts]
    assert [d.isoformat() for d in exdates] == ["2026-11-26T20:00:00+01:00"]
    start = live.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Berlin" and start.hour == 20
    assert "DTSTART;TZID=Europe/Berlin:20261119T200000" in data
    zones = [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Berlin"]
    meetup = vevents(calendar)["event-rust-meetup-12"]
    assert (meetup.decoded("dtend") - meetup.decoded("dtstart")).total_seconds() == 4 * 3600


def test_ics_is_byte_identical_and_uids_stable(full: Ccos, tmp_path: Path) -> None:
    first = full.ok("export", "ics").stdout
    second = full.ok("export", "ics").stdout
    assert first == second
    full.ok("export", "ics", "-o", str(tmp_path / "a.ics"))
    assert (tmp_path / "a.ics").read_text(encoding="utf-8").replace("\r\n", "\n") == first.replace("\r\n", "\n")
    # an unrelated change keeps every other UID (calendars update instead of duplicating)
    full.ok("share", "add", "--over-budget", "Another", "--due", "2026-12-20")
    third = vevents(parse(full.ok("export", "ics").stdout))
    assert set(vevents(parse(first))) | {"due-another"} == set(third)


def test_ics_hostile_title_cannot_inject_lines(full: Ccos) -> None:
    data = full.ok("export", "ics").stdout
    calendar = parse(data)
    assert calendar.walk("VALARM") == []
    assert "\nBEGIN:VALARM" not in data
    event = vevents(calendar)["event-hostile"]
    assert str(event["summary"]) == HOSTILE.replace("\r\n", "\n")
    for line in data.split("\r\n"):
        assert not line.startswith(("BEGIN:VALARM", "TRIGGER")), line


def test_ics_only_and_window(full: Ccos) -> None:
    only_events = vevents(parse(full.ok("export", "ics", "--only", "events").stdout))
    assert only_events and all(uid.startswith(("event-", "task-")) for uid in only_events)
    both = vevents(parse(full.ok("export", "ics", "--only", "sessions, sharing").stdout))
    assert both and all(uid.startswith(("session-", "mentee-due-", "due-")) for uid in both)
    window = vevents(
        parse(full.ok("export", "ics", "--only", "events", "--from", "2026-12-01", "--to", "2026-12-31").stdout)
    )
    assert "event-rust-meetup-12" in window
    assert "event-thursday-live" in window  # a series with occurrences in the window, rule untouched
    assert "event-hostile" not in window  # 2027-01-15
    for uid, event in window.items():
        start, end = str(event.decoded("dtstart"))[:10], str(event.decoded("dtend"))[:10]
        if uid != "event-thursday-live":
            assert start <= "2026-12-31" and end > "2026-12-01", uid  # the item's days touch the window
    late = vevents(parse(full.ok("export", "ics", "--from", "2027-04-01").stdout))
    assert "event-thursday-live" not in late  # the series ended on 2027-03-31
    assert "event-rust-meetup-12" not in late


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (("--only", "events,meetups"), "--only"),
        (("--only", ","), "--only"),
        (("--from", "2026-13-01"), "--from"),
        (("--to", "someday"), "--to"),
        (("--from", "2026-12-01", "--to", "2026-11-01"), "--to"),
        (("-o", "/nonexistent-folder/x.ics"), "-o"),
        (("-o", "ccos.toml"), "ccos.toml"),
        (("-o", ".ccos/x.ics"), ".ccos"),
        (("-o", "events"), "folder"),
    ],
)
def test_ics_bad_input(full: Ccos, args: tuple[str, ...], mentions: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(full.root)
    before = snapshot(full.root)
    result = full("export", "ics", *args)
    assert result.exit_code == 2, result.stderr
    assert mentions in result.stderr
    assert result.stdout == ""
    assert snapshot(full.root) == before
    assert not list((full.root / ".ccos").glob("x.ics"))


def test_ics_of_an_empty_workspace(ccos: Ccos) -> None:
    calendar = parse(ccos.ok("export", "ics").stdout)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["prodid"]).startswith("-//ccos//")


# --- JSON and import -----------------------------------------------------------------------


def test_json_export_import_round_trip(full: Ccos, make_workspace: Callable[..., Ccos], tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    full.ok("export", "json", "-o", str(backup))
    document = json.loads(backup.read_text(encoding="utf-8"))
    assert document["format"] == "ccos-workspace" and document["schema_version"] == 1
    assert str(full.root) not in backup.read_text(encoding="utf-8")
    kinds = {f["kind"] for f in document["files"]}
    assert {
        "settings", "checklist", "sharing-piece", "sharing-notes", "mentee", "session", "event", "checkin",
        "review", "playbook",
    } <= kinds  # fmt: skip
    session = next(f for f in document["files"] if f["kind"] == "session" and "went well" in f["text"])
    assert session["data"]["status"] == "held" and "went well" in session["body"]
    assert full.ok("export", "json").stdout == backup.read_text(encoding="utf-8")  # stdout == file

    fresh = make_workspace(name="fresh")
    result = fresh.ok("import", "json", str(backup))
    assert "Imported" in result.stdout
    again = fresh.ok("export", "json").stdout
    assert again == backup.read_text(encoding="utf-8")
    assert snapshot(fresh.root) == snapshot(full.root)  # every file byte-identical
    assert not (fresh.root / ".ccos" / "import").exists()
    # the restored workspace works
    assert fresh.json("mentee", "list")
    moved = re.compile(r"^(DTSTAMP|LAST-MODIFIED|SEQUENCE):.*$", re.MULTILINE)  # the restored files are new
    assert moved.sub("", fresh.ok("export", "ics").stdout) == moved.sub("", full.ok("export", "ics").stdout)


def test_import_with_command_workspace_option_and_stdin(full: Ccos, make_workspace: Callable[..., Ccos]) -> None:
    data = full.ok("export", "json").stdout
    fresh = make_workspace(name="other")
    result = full.runner.invoke(
        __import__("ccos.cli", fromlist=["app"]).app,
        ["import", "json", "-", "-w", str(fresh.root)],
        input=data,
        env={"CCOS_TODAY": full.today},
    )
    assert result.exit_code == 0, result.stderr
    assert snapshot(fresh.root) == snapshot(full.root)


def test_import_refused_into_a_workspace_with_entries(full: Ccos, make_workspace: Callable[..., Ccos]) -> None:
    data = full.ok("export", "json").stdout
    target = make_workspace(name="busy")
    target.ok("share", "add", "--over-budget", "Mine")
    (target.root.parent / "doc.json").write_text(data, encoding="utf-8")
    before = snapshot(target.root)
    result = target("import", "json", str(target.root.parent / "doc.json"))
    assert result.exit_code == 2
    assert "already holds entries" in result.stderr and "sharing/mine.toml" in result.stderr
    assert snapshot(target.root) == before
    assert not (target.root / ".ccos" / "import").exists()


def _corrupt(document: dict[str, object], how: str) -> object:
    files = document["files"]
    assert isinstance(files, list)
    if how == "newer":
        document["schema_version"] = 2
    elif how == "unknown-version":
        document["schema_version"] = 0
    elif how == "no-files":
        del document["files"]
    elif how == "no-text":
        del files[3]["text"]
    elif how == "wrong-type":
        files[3]["text"] = 42
    elif how == "format":
        document["format"] = "something-else"
    elif how == "dotdot":
        files.append({"path": "../x.toml", "kind": "other", "text": "a = 1\n"})
    elif how == "absolute":
        files.append({"path": "/etc/passwd", "kind": "other", "text": "root:x:0:0\n"})
    elif how == "nested-dotdot":
        files.append({"path": "events/../../y.md", "kind": "other", "text": "y\n"})
    elif how == "git":
        files.append({"path": ".git/hooks/post-commit", "kind": "other", "text": "#!/bin/sh\n"})
    elif how == "backslash":
        files.append({"path": "..\\x.txt", "kind": "other", "text": "x\n"})
    elif how == "twin":
        files.append(dict(files[-1]))
    elif how == "kind":
        files[-1]["kind"] = "settings"
    elif how == "invalid-entry":
        event = next(f for f in files if f["kind"] == "event")
        event["text"] = re.sub(r'(?m)^kind = ".*"$', 'kind = "party"', event["text"], count=1)
        assert 'kind = "party"' in event["text"]
        event.pop("data")
    elif how == "data-mismatch":
        event = next(f for f in files if f["kind"] == "event")
        event["data"]["title"] = "Edited only here"
    elif how == "no-config":
        document["files"] = [f for f in files if f["path"] != "ccos.toml"]
    elif how == "not-json":
        return "{not json"
    elif how == "list":
        return []
    return document


@pytest.mark.parametrize(
    "how",
    [
        "newer", "unknown-version", "no-files", "no-text", "wrong-type", "format", "dotdot", "absolute",
        "nested-dotdot", "git", "backslash", "twin", "kind", "invalid-entry", "data-mismatch", "no-config",
        "not-json", "list",
    ],
)  # fmt: skip
def test_import_refuses_a_corrupted_document(
    full: Ccos, make_workspace: Callable[..., Ccos], tmp_path: Path, how: str
) -> None:
    document = json.loads(full.ok("export", "json").stdout)
    corrupted = _corrupt(document, how)
    source = tmp_path / "bad.json"
    source.write_text(corrupted if isinstance(corrupted, str) else json.dumps(corrupted), encoding="utf-8")
    target = make_workspace(name="target")
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    before = snapshot(target.root)
    result = target("import", "json", str(source))
    assert result.exit_code == 2, (how, result.stdout, result.stderr)
    assert "bad.json" in result.stderr
    assert snapshot(target.root) == before
    assert not (target.root / ".ccos" / "import").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
    assert not (tmp_path / "x.toml").exists() and not (target.root.parent / "y.md").exists()


# What a case-insensitive (macOS, Windows), NTFS or HFS+ disk reads as `.git` or `.ccos`.
RESERVED_LOOKALIKES = [
    ".GIT/hooks/post-commit",
    ".Git/config",
    "notes/.GiT/hooks/pre-push",
    ".git./hooks/post-commit",
    ".git /hooks/post-commit",
    ".git. . /config",
    "GIT~1/hooks/post-commit",
    "git~2/config",
    ".git::$INDEX_ALLOCATION/hooks/post-commit",
    ".g\u200cit/hooks/post-commit",
    "\ufeff.git/config",
    ".CCOS/journal/1-1.json",
    ".Ccos./lock.json",
    "CCOS~1/journal/1-1.json",
    "sub/.git",
]


@pytest.mark.parametrize("path", RESERVED_LOOKALIKES)
def test_git_and_ccos_lookalike_paths_are_refused(path: str) -> None:
    from ccos.errors import InvalidFile
    from ccos.operations.export_json import check_path

    with pytest.raises(InvalidFile) as caught:
        check_path("doc.json", 3, path)
    assert caught.value.key == "files[3].path" and "an import never writes" in caught.value.problem


@pytest.mark.parametrize("path", ["gitx/a.md", "notes/git~a.md", "sub/.ccos/a.md", "sharing/GIT~1.md.txt", "a.git"])
def test_names_that_only_look_alike_are_accepted(path: str) -> None:
    from ccos.operations.export_json import check_path

    assert check_path("doc.json", 0, path) == path


def test_import_of_an_uppercase_git_hook_is_refused(
    full: Ccos, make_workspace: Callable[..., Ccos], tmp_path: Path
) -> None:
    document = json.loads(full.ok("export", "json").stdout)
    document["files"].append({"path": ".GIT/hooks/post-commit", "kind": "other", "text": "#!/bin/sh\nid\n"})
    source = tmp_path / "hook.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    target = make_workspace(name="target")
    before = snapshot(target.root)
    result = target("import", "json", str(source))
    assert result.exit_code == 2, result.stderr
    assert "hook.json" in result.stderr and ".GIT/hooks/post-commit" in result.stderr
    assert snapshot(target.root) == before and not (target.root / ".GIT").exists()


def test_export_leaves_out_what_import_would_refuse(
    full: Ccos, make_workspace: Callable[..., Ccos], tmp_path: Path
) -> None:
    """A `.GIT/` or `.Ccos/` folder on a case-sensitive disk is git's or ccos's on another disk:
    the export leaves it out, so the document still imports."""
    for folder in (".GIT/hooks", ".Ccos/journal", "notes/.git."):
        (full.root / folder).mkdir(parents=True)
        (full.root / folder / "x").write_text("x\n", encoding="utf-8")
    document = json.loads(full.ok("export", "json").stdout)
    paths = [file["path"] for file in document["files"]]
    assert not [path for path in paths if path.casefold().startswith((".git/", ".ccos/", "notes/.git"))]
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    make_workspace(name="again").ok("import", "json", str(source))


def test_import_missing_file_and_no_workspace(ccos: Ccos, tmp_path: Path) -> None:
    result = ccos("import", "json", str(tmp_path / "nope.json"))
    assert result.exit_code == 2 and "nope.json" in result.stderr
    result = ccos("-w", str(tmp_path / "nowhere"), "import", "json", "-")
    assert result.exit_code == 2


def test_json_export_refuses_a_broken_file(full: Ccos) -> None:
    (full.root / "events" / "broken.toml").write_text('title = "x"\nkind = \n', encoding="utf-8")
    result = full("export", "json")
    assert result.exit_code == 2 and "broken.toml" in result.stderr and result.stdout == ""


def test_json_export_leaves_out_binary_files(full: Ccos) -> None:
    (full.root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = full.ok("export", "json")
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert "photo.png" not in paths and "photo.png" in result.stderr


def test_every_file_kind_has_its_own_export_name() -> None:
    from ccos.storage.file_kinds import file_kinds

    names = [kind.export for kind in file_kinds()]
    assert all(names) and len(set(names)) == len(names)


# --- markdown ------------------------------------------------------------------------------


def test_markdown_summary_reuses_the_review_section(full: Ccos, tmp_path: Path) -> None:
    text = full.ok("export", "markdown", "--week", "this").stdout
    assert text.startswith("# Weekly review · 2026-W47 · Ada\n")
    assert "## What happened" in text and "Session with 王小明" in text
    assert "<!--" not in text  # the review's markers are left out
    review = (full.root / "reviews" / "2026-W47.md").read_text(encoding="utf-8")
    assert "### Done" in review and "### Done" in text
    assert "### Coming up" in text and "2026-11-19 Thursday live (1 h, planned)" in text
    assert "2026-11-26 Thursday live" not in full.ok("export", "markdown", "--month", "this").stdout  # cancelled
    assert "2026-11-25 Session with 王小明" in full.ok("export", "markdown", "--month", "this").stdout
    quarter = full.ok("export", "markdown", "--quarter", "this").stdout
    assert quarter.startswith("# Quarterly review · 2026-Q4") and "Rust Meetup #12" in quarter
    assert full.ok("export", "markdown").stdout.startswith("# Monthly review · 2026-11")
    out = tmp_path / "q.md"
    full.ok("export", "markdown", "--quarter", "2026-Q4", "-o", str(out))
    assert out.read_text(encoding="utf-8") == quarter


def test_markdown_bad_input(full: Ccos) -> None:
    before = snapshot(full.root)
    result = full("export", "markdown", "--week", "this", "--month", "this")
    assert result.exit_code == 2 and "--week" in result.stderr
    result = full("export", "markdown", "--quarter", "2026-Q9")
    assert result.exit_code == 2 and "--quarter" in result.stderr
    assert snapshot(full.root) == before


# --- faults, progress, paths ---------------------------------------------------------------


def test_import_killed_midway_is_not_a_workspace_and_finishes_on_rerun(
    full: Ccos, make_workspace: Callable[..., Ccos], tmp_path: Path
) -> None:
    from tests.conftest import run_ccos

    backup = tmp_path / "backup.json"
    full.ok("export", "json", "-o", str(backup))
    target = make_workspace(name="crash")
    env = {"CCOS_TODAY": full.today, "CCOS_FAILPOINT": "import-midway"}
    killed = run_ccos("-w", str(target.root), "import", "json", str(backup), env=env)
    assert killed.returncode != 0
    assert not (target.root / "ccos.toml").exists()  # half-imported: not a workspace at all
    result = target("plan", "week")
    assert result.exit_code == 2 and "no workspace" in result.stderr
    other = tmp_path / "other.json"
    other.write_text(backup.read_text(encoding="utf-8").replace("Operator 踩坑", "Operator"), encoding="utf-8")
    refused = target("import", "json", str(other))
    assert refused.exit_code == 2 and "interrupted" in refused.stderr
    finished = target.ok("import", "json", str(backup))
    assert "interrupted import" in finished.stdout
    assert snapshot(target.root) == snapshot(full.root)
    assert not (target.root / ".ccos" / "import").exists()


def test_a_tampered_staging_manifest_never_moves_files_outside(
    full: Ccos, make_workspace: Callable[..., Ccos], tmp_path: Path
) -> None:
    """The staging folder of an interrupted import may have come from a pull by hand: its
    manifest's paths are never used, only the (checked) paths of the document itself."""
    import json

    from tests.conftest import run_ccos

    backup = tmp_path / "backup.json"
    full.ok("export", "json", "-o", str(backup))
    target = make_workspace(name="crash")
    env = {"CCOS_TODAY": full.today, "CCOS_FAILPOINT": "import-midway"}
    assert run_ccos("-w", str(target.root), "import", "json", str(backup), env=env).returncode != 0
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine\n", encoding="utf-8")
    manifest_path = target.root / ".ccos" / "import" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    stage = manifest_path.parent
    (stage / "evil.txt").write_text("attacker\n", encoding="utf-8")
    (stage.parent / "outside").mkdir()  # .ccos/import/../outside/keep.txt -> WS/../outside/keep.txt
    (stage.parent / "outside" / "keep.txt").write_text("attacker\n", encoding="utf-8")
    manifest["files"] = [*manifest["files"], "../outside/keep.txt", "evil.txt"]
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    refused = target("import", "json", str(backup))
    assert refused.exit_code == 2 and "interrupted" in refused.stderr
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert not (target.root / "evil.txt").exists()


def test_progress_only_on_a_terminal() -> None:
    from io import StringIO

    from rich.console import Console

    from ccos.render.export_view import progress_bar

    plain = StringIO()
    with progress_bar(Console(file=plain, force_terminal=False)) as update:
        update("files", 1, 2)
    assert plain.getvalue() == ""
    terminal = StringIO()
    with progress_bar(Console(file=terminal, force_terminal=True, width=80)) as update:
        update("files", 1, 2)
        update("files", 2, 2)
    assert "files" in terminal.getvalue()


def test_dates_without_a_time_and_without_a_workspace_zone(ccos: Ccos) -> None:
    ccos.ok("event", "add", "--over-budget", "All day", "--kind", "summit", "--date", "2026-12-20")
    ccos.ok("mentee", "add", "Ann", "--cadence", "1/month")
    ccos.ok("mentee", "log", "Ann", "--date", "2026-11-16 19:30")
    data = ccos.ok("export", "ics").stdout
    events = vevents(parse(data))
    assert events["event-all-day"].decoded("dtstart").isoformat() == "2026-12-20"
    assert "DTSTART;VALUE=DATE:20261220" in data
    session = next(e for uid, e in events.items() if uid.startswith("session-ann-"))
    assert session.decoded("dtstart").tzinfo is None  # no workspace zone: floating local time
    assert "mentee-due-ann" in events


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_document_paths_never_leave_the_workspace(path: str) -> None:
    from ccos.errors import InvalidFile
    from ccos.operations.export_json import check_path

    try:
        checked = check_path("doc.json", 0, path)
    except InvalidFile:
        return
    root = Path("/ws")
    resolved = (root / checked).resolve()
    assert resolved.is_relative_to(root) and resolved != root
    assert not checked.startswith((".git/", ".ccos/")) and "\\" not in checked


def test_ics_stamps_move_with_the_entry_and_never_lie_ahead(full: Ccos) -> None:
    import os
    import time
    from datetime import UTC, datetime

    def entries() -> dict[str, tuple[str, str, int]]:
        calendar = parse(full.ok("export", "ics").stdout)
        return {
            uid: (
                event["dtstamp"].to_ical().decode(),
                event["last-modified"].to_ical().decode(),
                int(event["sequence"]),
            )
            for uid, event in vevents(calendar).items()
        }

    before = entries()
    now = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert all(stamp == modified <= now for stamp, modified, _ in before.values())  # a planned session too
    path = full.root / "events" / "rust-meetup-12.toml"
    old = time.time() - 3600
    for other in full.root.rglob("*.toml"):
        os.utime(other, (old, old))
    settled = entries()
    assert settled["event-rust-meetup-12"][2] < before["event-rust-meetup-12"][2]  # an hour older
    text = path.read_text(encoding="utf-8").replace("2026-12-12T14:00:00", "2026-12-13T15:00:00")
    path.write_text(text, encoding="utf-8")
    after = entries()
    assert after["event-rust-meetup-12"][2] > settled["event-rust-meetup-12"][2]  # SEQUENCE grows
    assert after["event-rust-meetup-12"][0] > settled["event-rust-meetup-12"][0]  # DTSTAMP and LAST-MODIFIED move
    assert after["task-rust-meetup-12-1"][2] > settled["task-rust-meetup-12-1"][2]  # its tasks come from the file
    unchanged = {uid: value for uid, value in after.items() if not uid.startswith(("event-rust", "task-rust"))}
    assert unchanged == {uid: settled[uid] for uid in unchanged}
    os.utime(path, (time.time() + 86400, time.time() + 86400))  # a clock ahead on the machine that wrote it
    ahead = entries()["event-rust-meetup-12"]
    assert ahead[0] <= datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def test_workspace_id_migration_keeps_uids_stable(full: Ccos) -> None:
    config = full.root / "ccos.toml"
    text = config.read_text(encoding="utf-8")
    made = re.search(r'^workspace_id = "([0-9a-f]{16})"$', text, re.MULTILINE)
    assert made is not None  # made at init
    assert f"event-rust-meetup-12@{made.group(1)}.ccos" in parse(full.ok("export", "ics").stdout).to_ical().decode()
    refused = full("config", "set", "workspace_id", "abcd1234")
    assert refused.exit_code == 2 and "workspace_id" in refused.stderr
    config.write_text(text.replace(made.group(0) + "\n", ""), encoding="utf-8")  # a workspace from before
    legacy = full.ok("export", "ics")
    assert "UID:event-rust-meetup-12@ccos" in legacy.stdout  # the old UIDs until the migration
    assert "no workspace_id" in legacy.stderr and "ccos doctor --fix" in legacy.stderr
    report = full.json("doctor")
    assert [p["code"] for p in report["problems"]] == ["no_workspace_id"] and report["problems"][0]["fixable"]
    fixed = full.ok("doctor", "--fix")
    assert "workspace_id" in fixed.stdout + fixed.stderr
    migrated = re.search(r'^workspace_id = "([0-9a-f]{16})"$', config.read_text(encoding="utf-8"), re.MULTILINE)
    assert migrated is not None and config.read_text(encoding="utf-8").index("workspace_id") > text.index("schema")
    after = full.ok("export", "ics")
    first = after.stdout
    assert f"UID:event-rust-meetup-12@{migrated.group(1)}.ccos" in first and "workspace_id" not in after.stderr
    full.ok("doctor", "--fix")  # nothing more to do: the id stays
    assert full.ok("export", "ics").stdout == first
    assert full.json("doctor")["problems"] == []

"""Found by an adversarial pass over the installed program after issue 12's first three parts.

Each test is one finding, reproduced through the real CLI: what a remote can push that the
first refusal rules let through, and hostile text in the other parsers and renderers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adversarial import test_remote
from tests.adversarial.test_remote import WEEK, Evil, _fingerprint, _state, git
from tests.adversarial.workspace import invoke
from tests.conftest import Ccos, run_ccos, snapshot

# The hostile-remote box (home, remote, the person's workspace, the attacker's clone).
remote_template = test_remote.remote_template
box = test_remote.box


def _refused(box: Path, named: str) -> str:
    """Sync exits 4 naming NAMED; nothing merged, nothing outside changed."""
    ws = box / "ws"
    outside, state = _fingerprint(box), _state(ws)
    result = invoke(ws, "sync")
    assert result.exit_code == 4, (result.stdout, result.stderr)
    assert named in result.stderr and "nothing was merged" in result.stderr, result.stderr
    assert _state(ws) == state and _fingerprint(box) == outside
    return result.stderr


@pytest.mark.parametrize(
    ("pushed", "other"),
    [
        ("Checklists/2026-W47.toml", "checklists"),  # a folder that differs in case only
        ("checklists/2026-w47.toml", WEEK),  # a file that differs in case only
        ("checklists/2026-W4\u200d7.toml", WEEK),  # an invisible joiner (HFS+ ignores it)
    ],
)
def test_a_pushed_name_that_folds_onto_a_persons_file_is_refused(box: Path, pushed: str, other: str) -> None:
    """On macOS and Windows checking it out would overwrite the person's checklist with the attacker's."""
    evil = Evil(box / "evil", box)
    evil.plant({pushed: ("100644", 'week = "2026-W47"\nitems = []\n')}, "same name, other case")
    evil.push()
    stderr = _refused(box, pushed)
    assert f"the same name as {other}" in stderr


def test_two_unicode_forms_of_one_name_are_refused(box: Path) -> None:
    """`café` (NFC) and `café` (NFD) are one file on macOS: the second replaces the first."""
    evil = Evil(box / "evil", box)
    evil.plant({"notes/caf\u00e9.md": ("100644", "mine\n")}, "nfc")
    evil.push()
    assert invoke(box / "ws", "sync").exit_code == 0
    evil.plant({"notes/cafe\u0301.md": ("100644", "theirs\n")}, "nfd")
    evil.push()
    assert "another Unicode form" in _refused(box, "notes/cafe\u0301.md")


def test_a_case_only_rename_from_the_remote_still_arrives(box: Path) -> None:
    """No false alarm: a rename that changes only the case removes the old name in the same commit."""
    evil = Evil(box / "evil", box)
    evil.plant({"notes/Readme.md": ("100644", "hi\n")}, "add")
    evil.plant({"notes/Readme.md": None, "notes/README.md": ("100644", "hi\n")}, "rename")
    evil.push()
    result = invoke(box / "ws", "sync")
    assert result.exit_code == 0, result.stderr
    assert (box / "ws" / "notes" / "README.md").is_file() and not (box / "ws" / "notes" / "Readme.md").exists()


@pytest.mark.parametrize(
    "pushed",
    [
        "CCOS~1/journal/1-1.json",  # the 8.3 short name Windows gives `.ccos`
        "notes/GIT~2/hooks/post-checkout",  # and `.git`, with any number
        ".ccos\\journal\\1-1.json",  # a backslash is a folder separator on Windows
        "notes\\..\\..\\outside.txt",
    ],
)
def test_windows_spellings_of_ccos_and_git_are_refused(box: Path, pushed: str) -> None:
    evil = Evil(box / "evil", box)
    evil.plant({pushed: ("100644", "{}\n")}, "windows names")
    evil.push()
    _refused(box, pushed)


def test_a_pushed_gitignore_cannot_silently_keep_new_files_out_of_sync(box: Path) -> None:
    """`*` in a pushed .gitignore: a new mentee would never leave this machine while sync says "synced"."""
    ws, evil = box / "ws", Evil(box / "evil", box)
    evil.plant({".gitignore": ("100644", "*\n!.gitignore\n")}, "ignore everything")
    evil.push()
    assert invoke(ws, "sync").exit_code == 0
    assert invoke(ws, "mentee", "add", "Bo", "--cadence", "1/month").exit_code == 0
    result = invoke(ws, "sync")
    assert result.exit_code == 0, result.stderr
    assert "not synced, because .gitignore leaves them out: mentees/bo/mentee.toml" in result.stderr
    assert "check-ignore -v mentees/bo/mentee.toml" in result.stderr


def test_a_remote_cannot_switch_hooks_on(box: Path) -> None:
    """`sync.allow_hooks` lives in the synced ccos.toml: only the person may turn it on, per machine."""
    ws, evil = box / "ws", Evil(box / "evil", box)
    settings = git(evil.root, "show", "HEAD:ccos.toml")
    evil.plant({"ccos.toml": ("100644", settings + "\n[sync]\nallow_hooks = true\n")}, "hooks on")
    evil.push()
    stderr = _refused(box, "ccos.toml")
    assert "sync.allow_hooks" in stderr and "ccos config set sync.allow_hooks true" in stderr
    assert invoke(ws, "config", "set", "sync.allow_hooks", "true").exit_code == 0
    result = invoke(ws, "sync")  # the person's own choice on this machine: taken
    assert result.exit_code == 0, result.stderr


# --- settings that every new record inherits ------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "then"),
    [
        ("estimates.checklist_item_minutes", "99999999999999999999", ["checklist", "add", "--over-budget", "Huge"]),
        ("estimates.session_minutes", "2000", ["mentee", "add", "Bo", "--cadence", "1/month"]),
        ("estimates.sharing.article", "1e308", ["share", "add", "--over-budget", "Big", "--kind", "article"]),
        (
            "estimates.events.meetup",
            "nan",
            ["event", "add", "--over-budget", "Meet", "--kind", "meetup", "--date", "2026-12-19"],
        ),
    ],
)
def test_an_estimate_no_record_accepts_is_refused_by_config_set(
    ccos: Ccos, key: str, value: str, then: list[str]
) -> None:
    """Accepted, it made every new record invalid: `checklist add` ended in "internal error", the others
    blamed a file that did not exist ("fix the file by hand")."""
    before = snapshot(ccos.root)
    result = ccos("config", "set", key, value)
    assert result.exit_code == 2 and key in result.stderr and "nothing was changed" in result.stderr, result.stderr
    assert snapshot(ccos.root) == before
    assert ccos(*then).exit_code == 0


def test_an_estimate_in_a_hand_edited_settings_file_is_a_named_error(ccos: Ccos) -> None:
    settings = ccos.root / "ccos.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    ccos.ok("config", "set", "estimates.checklist_item_minutes", "100000")  # the largest a record takes
    text = settings.read_text(encoding="utf-8").replace(
        "checklist_item_minutes = 100000", "checklist_item_minutes = 100001"
    )
    settings.write_text(text, encoding="utf-8")
    result = ccos("checklist", "add", "--over-budget", "Huge")
    assert result.exit_code == 2 and "ccos.toml" in result.stderr and "internal error" not in result.stderr


# --- recurrence rules: from --repeat and from a pulled or hand-edited event file --------------


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be a whole number from 1"),  # dateutil never leaves it: a hang
        ("FREQ=WEEKLY;interval=00", "INTERVAL must be a whole number from 1"),
        ("FREQ=DAILY;INTERVAL=\u0663", "INTERVAL must be a whole number from 1"),  # an Arabic-Indic 3
        ("FREQ=DAILY;COUNT=99999999999999999999999", "COUNT must be a whole number from 1"),  # ICS export crashed
        ("FREQ=DAILY;INTERVAL=99999999999", "INTERVAL must be a whole number from 1"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "falls on no day"),  # dateutil walks to 9999: 10 s a command
        ("FREQ=WEEKLY;BYDAY=" + ",".join(["TH"] * 2000), "characters long"),
    ],
)
def test_a_hostile_repeat_rule_is_a_named_error(ccos: Ccos, rule: str, why: str) -> None:
    before = snapshot(ccos.root)
    result = ccos(
        "event", "add", "--over-budget", "Meet", "--kind", "meetup", "--date", "2026-12-19 14:00", "--repeat", rule
    )
    assert result.exit_code == 2 and why in result.stderr, result.stderr
    assert snapshot(ccos.root) == before


@pytest.mark.parametrize("rule", ["FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;COUNT=99999999999999999999999"])
def test_a_pulled_event_with_a_hostile_rule_stops_no_command(ccos: Ccos, rule: str) -> None:
    """An event file from a remote with INTERVAL=0 hung every command that reads events (status too)."""
    ccos.ok(
        "event", "add", "--over-budget", "Meet", "--kind", "meetup", "--date", "2026-12-19 14:00", "--repeat", "weekly"
    )
    event = ccos.root / "events" / "meet.toml"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace('repeat = "FREQ=WEEKLY"', f'repeat = "{rule}"'), encoding="utf-8")
    assert rule in event.read_text(encoding="utf-8")
    for command in (["status"], ["export", "ics"]):
        done = run_ccos("-w", str(ccos.root), *command, env={"CCOS_TODAY": "2026-11-18"}, timeout=60)
        assert done.returncode == 2, (command, done.stderr)
        assert "events/meet.toml" in done.stderr and "repeat" in done.stderr and "internal error" not in done.stderr


def test_ordinary_and_rare_rules_still_work(ccos: Ccos) -> None:
    """No false alarm: leap days, week 53, the 5th Friday and the last day of the month come through."""
    for index, rule in enumerate(
        ["FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", "FREQ=MONTHLY;BYDAY=5FR",
         "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYDAY=-1FR;BYMONTHDAY=25,26,27,28,29,30,31",
         "FREQ=DAILY;INTERVAL=1000", "FREQ=WEEKLY;COUNT=100000"]
    ):  # fmt: skip
        ccos.ok(
            "event",
            "add",
            "--over-budget",
            f"E{index}",
            "--kind",
            "meetup",
            "--date",
            "2026-12-19 14:00",
            "--repeat",
            rule,
        )
    ccos.ok("export", "ics")


# --- paths no disk can hold ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["notes/" + "a" * 300, "/".join(["d"] * 2000) + "/x.md", "/".join(["folder"] * 40) + "/x.md"],
)
def test_an_imported_path_no_disk_can_hold_is_a_named_error(
    make_workspace: Callable[..., Ccos], tmp_path: Path, path: str
) -> None:
    """A 300-byte name failed while writing (exit 5); 2,000 folders deep overflowed the recursion (exit 1)."""
    source = make_workspace(name="source")
    document = json.loads(source.ok("export", "json").stdout)
    document["files"].append({"path": path, "kind": "other", "text": "x\n"})
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(document), encoding="utf-8")
    target = make_workspace(name="target")
    before = snapshot(target.root)
    result = target("import", "json", str(backup))
    assert result.exit_code == 2 and "files[" in result.stderr and "nothing was written" in result.stderr, result.stderr
    assert "too long" in result.stderr or "longer than 255 bytes" in result.stderr
    assert snapshot(target.root) == before


def test_a_pushed_name_no_disk_can_hold_is_refused_by_name(box: Path) -> None:
    """It stopped sync with git's "could not detach HEAD", on every sync, naming nothing."""
    evil = Evil(box / "evil", box)
    evil.plant({"notes/" + "a" * 300: ("100644", "x\n")}, "long name")
    evil.push()
    assert "longer than 255 bytes" in _refused(box, "notes/aaaa")

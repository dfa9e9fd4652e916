"""A workspace with one of every kind of file, and the table of every command's valid arguments.

`WRITE_COMMANDS` and `READ_COMMANDS` together must name every command of the Typer app
(`test_matrix.py::test_every_command_is_in_the_table` fails when a new command is missing,
saying where to add it), so each new write command is run by the whole adversarial suite.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from typer.testing import CliRunner, Result

from ccos.cli import app
from tests.conftest import TODAY

# The populated workspace (today 2026-11-18):
#   mentees: ada (1:1, one held session with an open action item), cy (paused)
#   sharing: idea-piece (idea), draft-piece (drafting), ready-piece (ready)
#   events:  meetup-past (2026-11-10, done-able), meetup-next (2026-12-12)
#   checklists: 2026-W46 (one unfinished item, for carry), 2026-W47 (item 1 done)
#   checkins: 2026-W46; reviews: 2026-W46; templates/checklists/week.toml, templates/playbooks/mini.toml
#   communities: rust-berlin (organizer, stage launch from 2026-11-01); members: li-lei;
#   templates/stages/need.toml

WRITE_COMMANDS: dict[tuple[str, ...], list[str]] = {
    ("checklist", "check"): ["2"],
    ("checklist", "uncheck"): ["1"],
    ("checklist", "add"): ["Write a short note", "--minutes", "20", "--over-budget"],
    ("checklist", "remove"): ["2"],
    ("checklist", "carry"): ["--scope", "week"],
    ("share", "add"): ["A new piece", "--kind", "article", "--over-budget"],
    ("share", "start"): ["idea-piece", "--over-budget"],
    ("share", "ready"): ["draft-piece"],
    ("share", "publish"): ["ready-piece", "--url", "https://example.org/p/1"],
    ("share", "drop"): ["idea-piece"],
    ("share", "edit"): ["draft-piece", "--title", "Draft piece, renamed"],
    ("mentee", "add"): ["Bo", "--cadence", "1/month"],
    ("mentee", "log"): ["ada", "--minutes", "30", "--topic", "review", "--note", "went well"],
    ("mentee", "done"): ["ada", "1"],
    ("mentee", "pause"): ["ada", "--until", "+4w"],
    ("mentee", "resume"): ["cy"],
    ("mentee", "graduate"): ["ada"],
    ("event", "add"): ["Second meetup", "--kind", "meetup", "--date", "2026-12-19 14:00", "--over-budget"],
    ("event", "done"): ["meetup-past", "--attendees", "20"],
    ("event", "cancel"): ["meetup-next"],
    ("event", "task", "check"): ["meetup-next", "check", "1"],
    ("event", "task", "uncheck"): ["meetup-past", "uncheck", "1"],
    ("event", "task", "add"): ["meetup-next", "add", "Book a room", "--at", "-14d"],
    ("event", "task", "remove"): ["meetup-next", "remove", "1"],
    ("checkin",): ["--energy", "3", "--duty", "3", "--main-job", "2", "--avoid", "2", "--note", "fine"],
    ("review", "week"): [],
    ("review", "month"): [],
    ("review", "quarter"): [],
    ("community", "add"): ["Go Meetup", "--role", "contributor"],
    ("community", "stage"): ["rust-berlin", "scaling"],
    ("community", "step"): ["rust-berlin", "leader"],
    ("community", "metrics"): ["rust-berlin", "--members", "30", "--active", "10"],
    ("community", "done"): ["rust-berlin", "1"],
    ("member", "add"): ["Bo", "--community", "rust-berlin"],
    ("member", "step"): ["li-lei", "contributor"],
    ("member", "honour"): ["li-lei", "ambassador"],
    ("member", "met"): ["li-lei", "meetup-next"],
    ("config", "set"): ["budget.weekly_hours", "8"],
    ("restore",): ["checklists/2026-W47.toml"],
}

READ_COMMANDS: dict[tuple[str, ...], list[str]] = {
    ("status",): ["--json"],
    ("checklist", "show"): ["--json"],
    ("plan", "week"): ["--json"],
    ("plan", "month"): ["--json"],
    ("plan", "quarter"): ["--json"],
    ("share", "list"): ["--json"],
    ("share", "ideas"): ["--json"],
    ("share", "show"): ["draft-piece", "--json"],
    ("mentee", "list"): ["--json"],
    ("mentee", "show"): ["ada", "--json"],
    ("event", "list"): ["--json"],
    ("event", "show"): ["meetup-next", "--json"],
    ("event", "playbooks"): ["--json"],
    ("community", "list"): ["--json"],
    ("community", "show"): ["rust-berlin", "--json"],
    ("member", "list"): ["--json"],
    ("member", "show"): ["li-lei", "--json"],
    ("report", "year"): ["--json"],
    ("config", "get"): ["budget.weekly_hours", "--json"],
    ("doctor",): ["--json"],
    ("export", "ics"): [],
    ("export", "json"): [],
    ("export", "markdown"): ["--week", "this"],
}

# Commands with their own suites: they make or sync a whole workspace, not one change.
SPECIAL_COMMANDS = {
    ("init",): "creates a workspace: tests/adversarial/test_names.py runs it with hostile names and paths",
    ("sync",): "needs a git remote: tests/test_sync*.py cover conflicts, rejected pushes, hostile GIT_DIR",
    ("import", "json"): "fills only a fresh workspace: tests/test_export.py covers corrupt documents, hostile "
    "paths and a kill midway",
    ("privacy", "init"): "writes the identity outside the workspace (HOME): tests/test_privacy.py covers it, "
    "links and a place inside the workspace refused",
    ("privacy", "add-recipient"): "needs an age key: tests/test_privacy.py covers malformed keys",
    ("privacy", "backup-identity"): "writes outside the workspace: tests/test_privacy.py covers it",
    ("privacy", "encrypt-existing"): "needs recipients: tests/test_privacy.py covers it, failed midway included",
}


def argv(command: tuple[str, ...], args: list[str]) -> list[str]:
    """`event task check` takes the event between `task` and the verb."""
    if command[:2] == ("event", "task"):
        return ["event", "task", *args]
    return [*command, *args]


def all_commands() -> Iterator[tuple[str, ...]]:
    from typer.main import get_command

    def walk(node: object, prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        children = getattr(node, "commands", None)
        if children is None:
            yield prefix
            return
        for name, child in children.items():
            yield from walk(child, (*prefix, name))

    yield from walk(get_command(app), ())


def invoke(root: Path, *args: str, env: dict[str, str] | None = None, today: str = TODAY) -> Result:
    return CliRunner().invoke(app, ["-w", str(root), *args], env={"CCOS_TODAY": today, **(env or {})})


def _ok(root: Path, *args: str, today: str = TODAY) -> Result:
    result = invoke(root, *args, today=today)
    assert result.exit_code == 0, f"{args}: {result.stderr}"
    return result


def build_populated(root: Path) -> None:
    result = CliRunner().invoke(
        app, ["init", str(root), "--lang", "en", "--name", "Ada", "--no-git"], env={"CCOS_TODAY": TODAY}
    )
    assert result.exit_code == 0, result.stderr
    _ok(root, "config", "set", "profile.timezone", "Europe/Berlin")
    _ok(root, "checklist", "add", "--over-budget", "Unfinished last week", "--week", "last")
    _ok(root, "checklist", "check", "1")
    _ok(root, "mentee", "add", "Ada", "--cadence", "1/month", "--goal", "grow")
    _ok(root, "mentee", "log", "ada", "--date", "2026-11-02", "--minutes", "45", "--next", "read a book")
    _ok(root, "mentee", "add", "Cy", "--cadence", "1/month")
    _ok(root, "mentee", "pause", "cy", "--until", "2027-01-10")
    _ok(root, "share", "add", "--over-budget", "Idea piece", "--kind", "article")
    _ok(
        root,
        "share",
        "add",
        "--over-budget",
        "Draft piece",
        "--kind",
        "tutorial",
        "--stage",
        "drafting",
        "--due",
        "2026-12-01",
    )
    _ok(root, "share", "add", "--over-budget", "Ready piece", "--kind", "observation", "--stage", "ready")
    _ok(root, "event", "add", "--over-budget", "Meetup past", "--kind", "meetup", "--date", "2026-11-10 19:00")
    _ok(root, "event", "task", "meetup-past", "check", "1")
    _ok(root, "event", "add", "--over-budget", "Meetup next", "--kind", "meetup", "--date", "2026-12-12 14:00")
    _ok(root, "community", "add", "Rust Berlin", "--role", "organizer", "--stage", "launch", "--date", "2026-11-01")
    _ok(root, "member", "add", "Li Lei", "--community", "rust-berlin", "--met", "meetup-past")
    _ok(root, "checkin", "--energy", "4", "--duty", "2", "--main-job", "2", "--avoid", "1", "--week", "last")
    _ok(root, "review", "week", "--week", "last")
    templates = root / "templates"
    (templates / "checklists").mkdir(parents=True)
    (templates / "checklists" / "week.toml").write_text(
        '[[items]]\ntext = "Answer 3 questions"\nminutes = 45\nstream = "sharing"\n', encoding="utf-8"
    )
    (templates / "playbooks").mkdir()
    (templates / "playbooks" / "mini.toml").write_text(
        'kind = "meetup"\ntitle = "Mini meetup"\nformat = "offline"\n\n'
        '[[tasks]]\ntext = "Book a room"\nphase = "before"\noffset = "-14d"\nhours = 1\n',
        encoding="utf-8",
    )
    (templates / "stages").mkdir()
    (templates / "stages" / "need.toml").write_text(
        'stage = "need"\ntitle = "Our need"\n\n[[tasks]]\ntext = "Ask around"\nday = 0\nhours = 1\n', encoding="utf-8"
    )
    packaged = Path(__file__).resolve().parents[2] / "templates" / "en" / "review.toml"
    (templates / "review.toml").write_bytes(packaged.read_bytes())
    (root / "sharing" / "draft-piece.md").write_text("# Draft piece\n\nSome notes.\n", encoding="utf-8")
    # a backup of the week's checklist exists for `ccos restore`
    _ok(root, "checklist", "check", "2")
    _ok(root, "checklist", "uncheck", "2")


def copy_workspace(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("lock", "lock.json"), symlinks=True)
    return target

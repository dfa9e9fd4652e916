"""Private notes (issue 17): age through pyrage, identities outside the workspace, two machines
through a real git sync, and no clear text of a private note anywhere it should not be."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Ccos, git_run, snapshot
from tests.test_sync import make_pair

SECRET_A = "she fears her manager reads this 秘密甲"
SECRET_B = "он хочет сменить команду 秘密乙"
EARLY = "an early confidence, written before privacy"


def machine(tmp_path: Path, name: str) -> dict[str, str]:
    """One machine: its own config home (where its identity lives)."""
    config = tmp_path / f"config-{name}"
    config.mkdir(exist_ok=True)
    return {"XDG_CONFIG_HOME": str(config)}


def every_byte(root: Path) -> bytes:
    """Every file under root, the index, backups, journal and git objects included (loose
    objects are compressed: git's history is checked with `git log -p` besides)."""
    return b"\n".join(path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file() and not path.is_symlink())


def history(root: Path) -> str:
    return git_run(root, "log", "-p", "--all", "--reflog").stdout


def test_two_machines_through_sync(make_workspace: Callable[..., Ccos], tmp_path: Path) -> None:
    pair = make_pair(make_workspace, tmp_path, "a", "b")
    a, b = pair.a, pair.b
    env_a, env_b, env_c = machine(tmp_path, "a"), machine(tmp_path, "b"), machine(tmp_path, "c")
    a.ok("mentee", "add", "王小明", "--cadence", "2/month")
    a.ok("mentee", "log", "王小明", "--minutes", "30", "--date", "2026-11-02", "--note", EARLY)

    made = a.ok("privacy", "init", env=env_a)
    assert "cannot be recovered" in made.stdout
    identity = Path(env_a["XDG_CONFIG_HOME"]) / "ccos" / "identity"
    assert stat.S_IMODE(identity.stat().st_mode) == 0o600
    recipient_a = re.search(r"age1[0-9a-z]{58}", made.stdout)
    assert recipient_a is not None
    assert a.ok("privacy", "init", env=env_a).stdout.count("already") == 1  # a second init keeps it
    a.ok("config", "set", "privacy.notes", "private")
    sealed = a.ok("privacy", "encrypt-existing", env=env_a)
    assert "1 session note" in sealed.stdout and "Earlier git commits" not in sealed.stdout
    a.ok("sync")

    b.ok("sync")
    made_b = b.ok("privacy", "init", env=env_b)
    recipient_b = re.search(r"age1[0-9a-z]{58}", made_b.stdout)
    assert recipient_b is not None and recipient_b.group(0) != recipient_a.group(0)
    b.ok("sync")
    a.ok("sync")
    a.ok("mentee", "log", "王小明", "--minutes", "45", "--topic", "career", "--next", "ask for 1:1", "--note", SECRET_A)
    a.ok("sync")
    b.ok("sync")
    b.ok("mentee", "log", "王小明", "--minutes", "40", "--note", SECRET_B, env=env_b)
    b.ok("sync")
    a.ok("sync")

    for side, env in ((a, env_a), (b, env_b)):
        shown = side.ok("mentee", "show", "王小明", env=env).stdout
        assert SECRET_A in shown and SECRET_B in shown, shown
    assert EARLY in a.ok("mentee", "show", "王小明", env=env_a).stdout  # sealed to A only (before B joined)
    assert EARLY not in b.ok("mentee", "show", "王小明", env=env_b).stdout

    # A machine without the identity: everything but the notes works.
    elsewhere = a.ok("mentee", "show", "王小明", env=env_c)
    assert elsewhere.stdout.count("(private note: this machine cannot read it)") == 3
    assert "career" in elsewhere.stdout and "ask for 1:1" in elsewhere.stdout
    data = a.json("mentee", "show", "王小明", env=env_c)
    assert [s["private"] for s in data["sessions"]] == ["unreadable"] * 3  # type: ignore[index]
    plan = a.json("plan", "week", env=env_c)
    assert plan["budget"]["planned_hours"] > 0  # type: ignore[index]
    a.ok("review", "week", env=env_c)

    # Exports: ciphertext unless --decrypt (with a warning); markdown and ICS carry no notes.
    exported = a.ok("export", "json", env=env_a)
    assert "BEGIN AGE ENCRYPTED FILE" in exported.stdout
    clear = a.ok("export", "json", "--decrypt", env=env_a)
    assert "clear text" in clear.stderr
    opened = json.loads(clear.stdout)
    bodies = "".join(f.get("body") or "" for f in opened["files"] if f["kind"] == "session")
    assert SECRET_A in bodies and SECRET_B in bodies and EARLY in bodies
    shown_md = a.ok("export", "markdown", "--month", "2026-11", env=env_a).stdout
    shown_ics = a.ok("export", "ics", env=env_a).stdout

    for text in (SECRET_A, SECRET_B, EARLY):
        for where in (exported.stdout, shown_md, shown_ics, review_files(a.root)):
            assert text not in where
        for root in (a.root, b.root):
            assert text.encode() not in every_byte(root)  # files, .ccos (index, backups, journal)
    for text in (SECRET_A, SECRET_B):  # written private from the start: never in any commit
        for root in (a.root, b.root, pair.remote):
            assert text not in (history(root) if root != pair.remote else git_run(root, "log", "-p", "--all").stdout)


def review_files(root: Path) -> str:
    folder = root / "reviews"
    return "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.md")) if folder.is_dir() else ""


def test_bad_input_changes_nothing(ccos: Ccos, tmp_path: Path) -> None:
    env = machine(tmp_path, "one")
    ccos.ok("mentee", "add", "Zoë")
    ccos.ok("mentee", "log", "Zoë", "--minutes", "30", "--note", "plain")
    before = snapshot(ccos.root)

    for args in (
        ("privacy", "add-recipient", "age1notakey"),
        ("privacy", "encrypt-existing"),
        ("privacy", "backup-identity", str(tmp_path / "copy")),
        ("export", "json", "--decrypt"),
    ):
        result = ccos(*args, env=env)
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.strip()
        assert snapshot(ccos.root) == before
    assert not (tmp_path / "copy").exists()

    ccos.ok("config", "set", "privacy.notes", "private")
    refused = ccos("mentee", "log", "Zoë", "--minutes", "30", "--note", "would be clear", env=env)
    assert refused.exit_code == 2 and "privacy init" in refused.stderr
    assert not any("would be clear" in p.read_text(encoding="utf-8") for p in ccos.root.rglob("*.md"))

    # An identity inside the workspace (it would be synced) is refused.
    inside = ccos("privacy", "init", env={"XDG_CONFIG_HOME": str(ccos.root / "cfg")})
    assert inside.exit_code == 2 and not (ccos.root / "cfg" / "ccos" / "identity").exists()

    # No XDG_CONFIG_HOME: ~/.config/ccos/identity of the (temporary) home.
    home = tmp_path / "home2"
    home.mkdir()
    ccos.ok("privacy", "init", env={"HOME": str(home), "XDG_CONFIG_HOME": ""})
    assert (home / ".config" / "ccos" / "identity").is_file()
    ccos.ok("privacy", "init", env=env)
    backup = tmp_path / "backup-identity"
    ccos.ok("privacy", "backup-identity", str(backup), env=env)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    again = ccos("privacy", "backup-identity", str(backup), env=env)
    assert again.exit_code == 2
    into = ccos("privacy", "backup-identity", str(ccos.root / "id.txt"), env=env)
    assert into.exit_code == 2 and not (ccos.root / "id.txt").exists()

    # A wrong identity file: named, exit 2.
    (Path(env["XDG_CONFIG_HOME"]) / "ccos" / "identity").write_text("AGE-SECRET-KEY-1NOPE\n", encoding="utf-8")
    wrong = ccos("mentee", "show", "Zoë", env=env)
    assert wrong.exit_code == 2 and "identity" in wrong.stderr and len(wrong.stderr.strip().splitlines()) <= 2
    # A valid identity that is no recipient: the note is unreadable, the rest works.
    os.remove(Path(env["XDG_CONFIG_HOME"]) / "ccos" / "identity")
    ccos.ok("mentee", "log", "Zoë", "--minutes", "20", "--note", "sealed one", env={"XDG_CONFIG_HOME": str(home)})
    ccos.ok("privacy", "init", env=env)  # a new identity, listed after the note was sealed
    assert "cannot read it" in ccos.ok("mentee", "show", "Zoë", env=env).stdout


def test_corrupt_ciphertext_and_all_or_nothing(ccos: Ccos, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = machine(tmp_path, "one")
    ccos.ok("mentee", "add", "Zoë")
    for day, note in (("2026-11-02", "first clear"), ("2026-11-03", "second clear")):
        ccos.ok("mentee", "log", "Zoë", "--minutes", "30", "--date", day, "--note", note)
    ccos.ok("privacy", "init", env=env)
    before = snapshot(ccos.root)

    from ccos.storage import sealed

    real, calls = sealed.seal, []

    def failing(text: str, recipients: list[str]) -> str:
        calls.append(text)
        if len(calls) == 2:
            raise RuntimeError("disk died")
        return real(text, recipients)

    monkeypatch.setattr(sealed, "seal", failing)
    assert ccos("privacy", "encrypt-existing", env=env).exit_code == 1
    assert snapshot(ccos.root) == before  # the first file was put back
    monkeypatch.setattr(sealed, "seal", real)
    assert "2 session notes" in ccos.ok("privacy", "encrypt-existing", env=env).stdout
    assert "0 session notes" in ccos.ok("privacy", "encrypt-existing", env=env).stdout
    backups = ccos.root / ".ccos" / "backups"
    assert not [p for p in backups.rglob("*") if p.is_file() and "sessions" in p.parts]

    first = sorted(ccos.root.glob("mentees/*/sessions/*.md"))[0]
    text = first.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[-4] = "A" * len(lines[-4])  # damage the ciphertext
    first.write_text("\n".join(lines), encoding="utf-8")
    shown = ccos.ok("mentee", "show", "Zoë", env=env)
    assert "second clear" in shown.stdout and "damaged" in shown.stdout
    assert first.name in shown.stderr
    exported = ccos.ok("export", "json", "--decrypt", env=env)
    assert first.name in exported.stderr and "second clear" in exported.stdout

    # Private from now on: a note written in $EDITOR, and one added to a planned session.
    ccos.ok("config", "set", "privacy.notes", "private")
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "edited confidence" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    ccos.ok("mentee", "log", "Zoë", "--edit", env={**env, "EDITOR": str(editor)})
    ccos.ok("mentee", "log", "Zoë", "--planned", "--date", "2026-11-20", "--minutes", "30")
    ccos.ok("mentee", "log", "Zoë", "--minutes", "25", "--note", "fulfilled confidence", today="2026-11-20", env=env)
    shown = ccos.ok("mentee", "show", "Zoë", env=env, today="2026-11-20").stdout
    assert "edited confidence" in shown and "fulfilled confidence" in shown
    for text in (b"edited confidence", b"fulfilled confidence"):
        assert text not in every_byte(ccos.root)

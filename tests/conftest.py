"""Shared fixtures: every test runs in a temporary home, never the person's real one."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ccos.cli import app

TODAY = "2026-11-18"  # a Wednesday in ISO week 2026-W47


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """HOME, workspace lookup, colour and git identity all point at temporary places."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("CCOS_WORKSPACE", "CCOS_TODAY", "CCOS_FAILPOINT", "CCOS_DEBUG", "EDITOR", "VISUAL", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Test Person\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n", encoding="utf-8"
    )
    monkeypatch.chdir(home)
    from ccos import i18n

    i18n.use("en")  # the CLI runs in this process: a zh/ru test must not leave its language behind
    yield home
    i18n.use("en")


class Ccos:
    """Runs the real CLI (CliRunner) against one workspace with a fixed today."""

    def __init__(self, root: Path, today: str = TODAY) -> None:
        self.root = root
        self.today = today
        self.runner = CliRunner()

    def __call__(
        self, *args: str, today: str | None = None, env: dict[str, str] | None = None, input: str | None = None
    ) -> Result:
        environment = {"CCOS_TODAY": today or self.today, **(env or {})}
        return self.runner.invoke(app, ["-w", str(self.root), *args], env=environment, input=input)

    def ok(self, *args: str, **kwargs: object) -> Result:
        result = self(*args, **kwargs)  # type: ignore[arg-type]
        assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return result

    def json(self, *args: str, **kwargs: object) -> object:
        import json

        return json.loads(self.ok(*args, "--json", **kwargs).stdout)  # type: ignore[arg-type]


@pytest.fixture
def make_workspace(tmp_path: Path) -> Callable[..., Ccos]:
    def make(*init_args: str, git: bool = False, name: str = "ws") -> Ccos:
        root = tmp_path / name
        args = ["init", str(root), "--lang", "en", "--name", "Ada", *init_args]
        if not git:
            args.append("--no-git")
        result = CliRunner().invoke(app, args, env={"CCOS_TODAY": TODAY})
        assert result.exit_code == 0, result.stderr
        return Ccos(root)

    return make


@pytest.fixture
def ccos(make_workspace: Callable[..., Ccos]) -> Ccos:
    """A fresh English workspace (no git) with 6 h a week, today = 2026-11-18."""
    return make_workspace()


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root (but machine-local state) by content hash: for 'nothing changed'."""
    files = {}
    for path in sorted(root.rglob("*")):
        if (
            path.is_file()
            and ".ccos" not in path.relative_to(root).parts
            and ".git" not in path.relative_to(root).parts
        ):
            files[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def git_run(root: Path, *args: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The real `git -C ROOT ARGS` for a test's own set-up, with no inherited GIT_* and no system config."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    streams: dict[str, object] = {"input": input} if input is not None else {"stdin": subprocess.DEVNULL}
    result = subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=60,
        **streams,  # type: ignore[arg-type]
    )
    if check:
        assert result.returncode == 0, f"git {args}: {result.stderr}"
    return result


def run_ccos(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The real program in a subprocess (crash, lock and concurrency cases)."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ccos", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )

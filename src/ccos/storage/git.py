"""The real `git` binary, with argument lists and a clean environment (as `pass` does).

Inherited `GIT_*` variables could point git at another repository; they are cleared so
that only the workspace's own repository is ever touched.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ccos.errors import EnvironmentFailure


def git_environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_ASKPASS"] = "true" if os.name != "nt" else ""
    env["SSH_ASKPASS"] = ""
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    env["LC_ALL"] = "C"
    return env


def run_git(root: Path, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    command = ["git", "-C", str(root), *args]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=git_environment(),
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise EnvironmentFailure("git is not installed (or not on PATH)", "install git, or use --no-git") from None
    except subprocess.TimeoutExpired:
        raise EnvironmentFailure(
            f"git {args[0]} did not finish in {timeout:.0f} s", "check the network and run again"
        ) from None
    if check and result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise EnvironmentFailure(f"git {args[0]} failed: {detail[-1] if detail else result.returncode}")
    return result


def git_available() -> bool:
    try:
        subprocess.run(["git", "--version"], capture_output=True, check=True, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def identity_options(root: Path, fallback_name: str) -> list[str]:
    """`-c user.name=... -c user.email=...` only when git has no identity configured."""
    options = []
    if not run_git(root, "config", "user.name", check=False).stdout.strip():
        options += ["-c", f"user.name={fallback_name or 'ccos'}"]
    if not run_git(root, "config", "user.email", check=False).stdout.strip():
        options += ["-c", "user.email=ccos@localhost"]
    return options


def commit_paths(root: Path, message: str, paths: list[str], author_name: str = "ccos") -> None:
    run_git(root, "add", "--", *paths)
    run_git(root, *identity_options(root, author_name), "commit", "-q", "--no-verify", "-m", message, "--", *paths)

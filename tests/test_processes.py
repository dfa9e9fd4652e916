"""Real processes: the lock, crashes at each step of the write path, concurrent writers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ccos.storage.atomic_write import FAILPOINTS
from tests.conftest import TODAY, Ccos, run_ccos


def test_python_dash_m_runs(ccos: Ccos) -> None:
    result = run_ccos("-w", str(ccos.root), "plan", "week", "--json", env={"CCOS_TODAY": TODAY})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["period"]["id"] == "2026-W47"
    assert run_ccos("--version").stdout.startswith("ccos ")


@pytest.mark.parametrize("step", FAILPOINTS)
def test_kill_during_a_write_leaves_a_whole_file(ccos: Ccos, step: str) -> None:
    ccos.ok("checklist", "check", "1")
    path = ccos.root / "checklists" / "2026-W47.toml"
    before = path.read_bytes()
    result = run_ccos(
        "-w", str(ccos.root), "checklist", "check", "2", env={"CCOS_TODAY": TODAY, "CCOS_FAILPOINT": step}
    )
    assert result.returncode == -9  # killed, as a crash or kill -9 would
    after = path.read_bytes()
    if step == "after-replace":
        assert after != before
    else:
        assert after == before  # the old file, untouched
    # whatever happened, the file reads back and ccos carries on
    data = ccos.json("checklist", "show")
    assert data["checklists"][0]["items"][0]["done"] is True
    ccos.ok("checklist", "uncheck", "1")


def test_a_held_lock_makes_the_second_writer_exit_3(ccos: Ccos) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from pathlib import Path; from ccos.storage.lock import hold_lock\n"
                "with hold_lock(Path(sys.argv[1]), 'test holder'):\n"
                "    print('locked', flush=True); time.sleep(30)\n"
            ),
            str(ccos.root / ".ccos"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = run_ccos(
            "-w", str(ccos.root), "checklist", "check", "1", env={"CCOS_TODAY": TODAY, "CCOS_LOCK_TIMEOUT": "0.5"}
        )
        assert result.returncode == 3
        assert "workspace busy" in result.stderr and "test holder" in result.stderr
        assert time.monotonic() - started < 10
        assert not (ccos.root / "checklists" / "2026-W47.toml").exists()
    finally:
        holder.kill()
        holder.wait()
    # a lock left by a killed process is free again
    ok = run_ccos("-w", str(ccos.root), "checklist", "check", "1", env={"CCOS_TODAY": TODAY})
    assert ok.returncode == 0, ok.stderr


def test_concurrent_writers_lose_nothing(ccos: Ccos) -> None:
    env = {**os.environ, "CCOS_TODAY": TODAY}
    texts = [f"parallel item {n}" for n in range(8)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "ccos", "-w", str(ccos.root), "checklist", "add", "--over-budget", text],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for text in texts
    ]
    procs += [
        subprocess.Popen(
            [sys.executable, "-m", "ccos", "-w", str(ccos.root), "checklist", "check", str(n)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    items = ccos.json("checklist", "show")["checklists"][0]["items"]  # type: ignore[index]
    assert sorted(i["text"] for i in items if i["text"].startswith("parallel")) == sorted(texts)
    assert items[0]["done"] and items[1]["done"]
    assert not list((ccos.root / "checklists").glob("*.ccos-tmp"))


def test_permission_denied_on_replace_is_exit_5(ccos: Ccos, monkeypatch: pytest.MonkeyPatch) -> None:
    import ccos.storage.atomic_write as atomic

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    def refuse_rename2(src: object, dst: object, flags: int) -> bool:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    monkeypatch.setattr(atomic, "_rename2", refuse_rename2)  # the swap (Linux renameat2)
    result = ccos("checklist", "check", "1")
    assert result.exit_code == 5 and "permission denied" in result.stderr
    assert not (ccos.root / "checklists" / "2026-W47.toml").exists()
    assert not list((ccos.root / "checklists").glob("*.ccos-tmp"))


def test_disk_full_is_exit_5_and_leaves_nothing(ccos: Ccos, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import ccos.storage.atomic_write as atomic

    real_write = os.write

    def full(fd: int, data: object) -> int:
        if isinstance(data, memoryview):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)  # type: ignore[arg-type]

    ccos.ok("checklist", "check", "1")
    path = ccos.root / "checklists" / "2026-W47.toml"
    before = path.read_bytes()
    monkeypatch.setattr(atomic.os, "write", full)
    result = ccos("checklist", "check", "2")
    assert result.exit_code == 5 and "disk full" in result.stderr
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.ccos-tmp"))


@pytest.mark.slow
def test_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(repo)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("ccos-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    install = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "CCOS_TODAY": TODAY,
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
    }
    workdir = tmp_path / "elsewhere"  # no source checkout around
    workdir.mkdir()
    ws = tmp_path / "my workspace"
    ccos_bin = str(venv / "bin" / "ccos")
    for args in (
        ["init", str(ws), "--lang", "zh", "--name", "王芳", "--no-git"],
        ["-w", str(ws), "plan", "week"],
        ["-w", str(ws), "checklist"],
    ):
        result = subprocess.run(
            [ccos_bin, *args], capture_output=True, text=True, env=env, cwd=workdir, timeout=60, check=False
        )
        assert result.returncode == 0, (args, result.stderr)
    assert "写一篇经验分享文章" in result.stdout

"""Time ccos against `python -c pass` (P) on the benchmark workspaces.

    python benchmarks/run.py                # install, generate if missing, time everything
    python benchmarks/run.py --runs 21 --sizes large --commands status "plan week"

What it does:
1. Installs ccos from this checkout into a throwaway venv (`benchmarks/out/venv`) with pip,
   which byte-compiles every module, as a person's `pip install ccos` does. (An editable
   install in an environment with PYTHONDONTWRITEBYTECODE=1 recompiles every ccos module on
   every run, about 100 ms: that would time the compiler, not ccos.) PYTHONDONTWRITEBYTECODE
   is removed from the children's environment.
2. Generates `benchmarks/out/small` and `benchmarks/out/large` with `generate.py` if missing.
3. For each command, size and scenario: one warm-up run, then `--runs` rounds of
   [`python -c pass`, the command], alternating, so both see the same machine load. Each
   child is waited for with `wait4`, which gives its CPU time (user + system) and peak RSS.
   The table shows medians: wall time, CPU time, and the wall-time ratio to P of the same run.

Scenarios:
- warm: the command's second and later runs (ccos's record cache is in place);
- cold: `.ccos/cache/` removed before every run (the OS page cache stays warm);
- edited: one sharing piece edited by hand (a comment line appended) before every run;
- write (`mentee log`): on a copy of the workspace, a new session file each run.

Results are printed as markdown and written to `benchmarks/out/results.md`.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
VENV = OUT / "venv"
TODAY = "2026-11-18"

COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "--help": ["--help"],
    "plan week": ["plan", "week"],
    "status": ["status"],
    "checklist": ["checklist"],
    "mentee list": ["mentee", "list"],
    "mentee log": ["mentee", "log", "{mentee}", "--date", "2026-11-17 18:00", "--minutes", "45", "--note", "bench"],
}
NO_WORKSPACE = ("--version", "--help")
SCENARIOS = ("warm", "cold", "edited")


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + system of the child
    rss_kb: int


@dataclass
class Row:
    command: str
    size: str
    scenario: str
    wall: float
    cpu: float
    p_wall: float
    p_cpu: float
    rss_mb: float
    runs: int

    @property
    def ratio(self) -> float:
        return self.wall / self.p_wall


def venv_python() -> Path:
    return VENV / "bin" / "python"


def install() -> None:
    """A fresh wheel of this checkout in the benchmark venv (dependencies installed once)."""
    if not venv_python().exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(venv_python()), "-m", "pip", "install", "-q", str(REPO)], check=True, env=child_env())
    subprocess.run(
        [str(venv_python()), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(REPO)],
        check=True,
        env=child_env(),
    )


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CCOS_"))}
    env.update({"CCOS_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "100", "LANG": "C.UTF-8"})
    return env


def spawn(argv: list[str], env: dict[str, str]) -> Sample:
    """Run one child with stdout/stderr to /dev/null; its wall time, CPU time and peak RSS."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    started = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _pid, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(argv)}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def check_output(argv: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(argv, check=False, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{result.stderr}")


def edit_by_hand(workspace: Path, round_number: int) -> None:
    """Append a comment to one sharing piece, the way a person saving it in an editor would."""
    piece = sorted((workspace / "sharing").glob("*.toml"))[len(list((workspace / "sharing").glob("*.toml"))) // 2]
    text = piece.read_text(encoding="utf-8").split("\n# edited by hand")[0]
    piece.write_text(f"{text}\n# edited by hand {round_number}\n", encoding="utf-8")


def measure(command: str, size: str, scenario: str, runs: int, ccos: Path, python: Path, env: dict[str, str]) -> Row:
    workspace = OUT / size
    if command == "mentee log":
        copy = OUT / f"{size}-write"
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(workspace, copy, symlinks=True)
        workspace = copy
    args = [a.replace("{mentee}", active_mentee(workspace)) for a in COMMANDS[command]]
    argv = [str(ccos), *args] if command in NO_WORKSPACE else [str(ccos), "-w", str(workspace), *args]

    def prepare(round_number: int) -> None:
        if scenario == "cold":
            shutil.rmtree(workspace / ".ccos" / "cache", ignore_errors=True)
        elif scenario == "edited":
            edit_by_hand(workspace, round_number)

    check_output(argv, env)  # warm-up (and a check that it works)
    spawn([str(python), "-c", "pass"], env)
    samples: list[Sample] = []
    baseline: list[Sample] = []
    for round_number in range(runs):
        prepare(round_number)
        baseline.append(spawn([str(python), "-c", "pass"], env))
        samples.append(spawn(argv, env))
    return Row(
        command=command,
        size=size if command not in NO_WORKSPACE else "-",
        scenario=scenario if command != "mentee log" else "write",
        wall=statistics.median(s.wall for s in samples),
        cpu=statistics.median(s.cpu for s in samples),
        p_wall=statistics.median(s.wall for s in baseline),
        p_cpu=statistics.median(s.cpu for s in baseline),
        rss_mb=max(s.rss_kb for s in samples) / 1024,
        runs=runs,
    )


def active_mentee(workspace: Path) -> str:
    for folder in sorted((workspace / "mentees").iterdir(), reverse=True):
        profile = folder / "mentee.toml"
        if profile.is_file() and 'status = "active"' in profile.read_text(encoding="utf-8"):
            return folder.name
    raise SystemExit(f"no active mentee in {workspace}")


def plan_runs(sizes: list[str], commands: list[str]) -> list[tuple[str, str, str]]:
    plan = []
    for command in commands:
        if command in NO_WORKSPACE:
            plan.append((command, sizes[0], "warm"))
            continue
        for size in sizes:
            if command == "mentee log":
                plan.append((command, size, "write"))
            elif command in ("plan week", "status"):
                plan.extend((command, size, scenario) for scenario in SCENARIOS)
            else:
                plan.append((command, size, "warm"))
    return plan


def table(rows: list[Row]) -> str:
    lines = [
        "| command | size | scenario | wall ms | ratio to P | CPU ms | P wall ms | P CPU ms | peak MB |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| `{r.command}` | {r.size} | {r.scenario} | {r.wall * 1000:.1f} | {r.ratio:.1f} P | "
            f"{r.cpu * 1000:.0f} | {r.p_wall * 1000:.1f} | {r.p_cpu * 1000:.0f} | {r.rss_mb:.1f} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed rounds per measurement (default 15)")
    parser.add_argument("--sizes", nargs="+", default=["small", "large"], choices=["small", "large"])
    parser.add_argument("--commands", nargs="+", default=list(COMMANDS), choices=list(COMMANDS))
    parser.add_argument("--no-install", action="store_true", help="time the venv as it is")
    args = parser.parse_args(argv)

    OUT.mkdir(exist_ok=True)
    if not args.no_install:
        install()
    env = child_env()
    python = venv_python()
    ccos = VENV / "bin" / "ccos"
    for size in args.sizes:
        if not (OUT / size / "ccos.toml").is_file():
            subprocess.run([str(python), str(HERE / "generate.py"), size], check=True, env=env)
    load_before = os.getloadavg()
    started = datetime.now().astimezone()
    rows = []
    for command, size, scenario in plan_runs(args.sizes, args.commands):
        row = measure(command, size, scenario, args.runs, ccos, python, env)
        rows.append(row)
        sys.stderr.write(
            f"  {command:12} {row.size:5} {row.scenario:6} {row.wall * 1000:7.1f} ms  {row.ratio:5.1f} P\n"
        )
    load_after = os.getloadavg()
    header = (
        f"Machine: {machine()}\n\nDate: {started:%Y-%m-%d %H:%M %Z}; load average (1 min) "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after; median of {args.runs} runs after one warm-up.\n"
    )
    report = f"{header}\n{table(rows)}\n"
    (OUT / "results.md").write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

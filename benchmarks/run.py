"""Time ccos and its peers against `python -c pass` (P) on the benchmark workspaces.

    python benchmarks/run.py --quick                    # development: 3 runs, small + medium
    python benchmarks/run.py                            # everything, 15 runs (needs a quiet machine)
    python benchmarks/run.py --sizes large --scenarios edited --commands status --runs 7 --no-peers

What it does:
1. Installs ccos from this checkout into a throwaway venv (`benchmarks/out/venv`) with pip,
   which byte-compiles every module, as a person's `pip install ccos` does. (An editable
   install in an environment with PYTHONDONTWRITEBYTECODE=1 recompiles every ccos module on
   every run, about 100 ms: that would time the compiler, not ccos.) PYTHONDONTWRITEBYTECODE
   is removed from the children's environment.
2. Generates `benchmarks/out/SIZE` with `generate.py` if missing, and copies it to
   `benchmarks/out/SIZE-run` (reads) and `SIZE-write` (writes, one copy per command), so the
   generated tree stays as generated.
3. For each size, scenario and command: one warm-up run, then `--runs` rounds of
   [`python -c pass`, the command], alternating, so both see the same machine load. Each
   child is spawned and reaped (`wait4`: CPU time, user + system, and peak RSS) by a small
   launcher process, so that the harness's own memory is not counted into the child's peak.
4. The peers (`watson log`, `jrnl -n 10`, `task next`) on 50 and 5,000 records, the same way
   (see "the peers" below); a peer that is not installed is skipped with a note.

Scenarios (issue 13):
- edited (the headline): before every run one file is changed by hand, in turn a sharing
  piece (a comment appended), a session note of an active mentee (a line appended to its
  body) and this week's checklist (a comment appended);
- cold: everything derived under `.ccos/` removed before every run (all but the person's
  backups, journal, lock and `state.json`: today `.ccos/cache/`, later `.ccos/index.sqlite*`);
  the OS page cache stays warm;
- write: on a copy of the workspace, `mentee log` logs a new session each run, `checklist add`
  adds a new item each run, `checklist check` ticks a new item each run (added beforehand,
  untimed, one `checklist add` per run);
- unchanged: the same command ran before on the same files.

The table gives medians: the CPU-time ratio to P (the figure the targets are about, steadier
on a busy machine), the wall-time ratio, both raw, and the peak RSS, with issue 13's targets.
It is printed as markdown and written to `benchmarks/out/results.md`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
VENV = OUT / "venv"
TODAY = date(2026, 11, 18)  # generate.TODAY, a Wednesday of 2026-W47

SIZES = ("small", "medium", "large")
SCENARIOS = ("edited", "cold", "write", "unchanged")
READS = ("plan week", "status")
COMMANDS: dict[str, list[str]] = {
    "plan week": ["plan", "week"],
    "status": ["status"],
    "mentee log": ["mentee", "log", "{mentee}", "--date", "{when}", "--minutes", "45", "--note", "bench"],
    "checklist add": ["checklist", "add", "bench item {n:03d}.", "--minutes", "15", "--over-budget"],
    "checklist check": ["checklist", "check", "bench check {n:03d}."],
    # not in issue 13's table; available with --commands
    "version": ["--version"],  # named without dashes: argparse takes no "--..." as a value
    "help": ["--help"],
    "checklist": ["checklist"],
    "mentee list": ["mentee", "list"],
}
DEFAULT_COMMANDS = ("plan week", "status", "mentee log", "checklist add", "checklist check")
WRITES = ("mentee log", "checklist add", "checklist check")
NO_WORKSPACE = ("version", "help")
# Under .ccos/ these are the person's (or the lock): everything else there is derived.
KEPT_STATE = frozenset({"backups", "journal", "lock", "state.json"})

# Issue 13, "Performance": median CPU-time ratio to P, and peak memory.
TARGET_P = {"edited": {"small": 12, "medium": 13, "large": 15}, "write": {"small": 12, "medium": 13, "large": 15}}
TARGET_COLD_P = {"large": 60}
TARGET_MB = {"small": 50, "medium": 50, "large": 60}
SCALING = 1.5  # large ÷ small for reads after an edit


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
    note: str = ""

    @property
    def ratio(self) -> float:
        """The CPU-time ratio to P, the figure issue 13's targets are about."""
        return self.cpu / self.p_cpu

    @property
    def wall_ratio(self) -> float:
        return self.wall / self.p_wall


# --- environment ------------------------------------------------------------------------------


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
    env.update({"CCOS_TODAY": TODAY.isoformat(), "NO_COLOR": "1", "COLUMNS": "100", "LANG": "C.UTF-8"})
    return env


# Linux counts the high-water RSS of the process that forks (or vforks) a child into the child's
# peak RSS, so children spawned by this harness (~16 MB, more after copying a workspace) would
# report at least that. They are spawned by a small launcher process instead: its own RSS
# (~9-10 MB, a bare Python) is the floor of every peak in the table, measured as FLOOR.
LAUNCHER = r"""
import json, os, sys, time
actions = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY, 0) for fd in (0, 1, 2)]
for line in sys.stdin:
    argv, env = json.loads(line)
    started = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _pid, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code]), flush=True)
"""


class Launcher:
    """The process that spawns and reaps every timed child (see LAUNCHER)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.floor_kb = 0

    def run(self, argv: list[str], env: dict[str, str]) -> tuple[float, float, int, int]:
        if self.process is None:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
            self.floor_kb = self.run(["/bin/true"], {})[2]
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps([argv, env]) + "\n")
        self.process.stdin.flush()
        wall, cpu, rss_kb, code = json.loads(self.process.stdout.readline())
        return wall, cpu, rss_kb, code


LAUNCH = Launcher()


def spawn(argv: list[str], env: dict[str, str]) -> Sample:
    """Run one child with stdin/stdout/stderr on /dev/null; its wall time, CPU time and peak RSS."""
    wall, cpu, rss_kb, code = LAUNCH.run(argv, env)
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(argv)}")
    return Sample(wall, cpu, rss_kb)


def check_output(argv: list[str], env: dict[str, str]) -> str:
    """Run once with output captured (the warm-up): it must succeed; its stdout is returned."""
    result = subprocess.run(argv, check=False, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(argv)}\n{result.stdout}{result.stderr}")
    return result.stdout


def alternate(
    argv_for: Callable[[int], list[str]],
    runs: int,
    python: Path,
    env: dict[str, str],
    prepare: Callable[[int], None] | None = None,
) -> tuple[list[Sample], list[Sample], str]:
    """One warm-up (round 0), then `runs` rounds of [P, the command]: (samples, P's, warm-up output)."""
    if prepare:
        prepare(0)
    output = check_output(argv_for(0), env)
    spawn([str(python), "-c", "pass"], env)
    samples: list[Sample] = []
    baseline: list[Sample] = []
    for round_number in range(1, runs + 1):
        if prepare:
            prepare(round_number)
        baseline.append(spawn([str(python), "-c", "pass"], env))
        samples.append(spawn(argv_for(round_number), env))
    return samples, baseline, output


def make_row(command: str, size: str, scenario: str, samples: list[Sample], baseline: list[Sample]) -> Row:
    return Row(
        command=command,
        size=size,
        scenario=scenario,
        wall=statistics.median(s.wall for s in samples),
        cpu=statistics.median(s.cpu for s in samples),
        p_wall=statistics.median(s.wall for s in baseline),
        p_cpu=statistics.median(s.cpu for s in baseline),
        rss_mb=max(s.rss_kb for s in samples) / 1024,
        runs=len(samples),
    )


# --- the scenarios ----------------------------------------------------------------------------

MARK_TOML = "\n# edited by hand"
MARK_MD = "\nEdited by hand"


@dataclass(frozen=True)
class HandEdits:
    """The files the edited scenario changes, in turn: one per run."""

    piece: Path
    session: Path
    checklist: Path

    @classmethod
    def find(cls, workspace: Path) -> HandEdits:
        pieces = sorted((workspace / "sharing").glob("*.toml"))
        mentee = workspace / "mentees" / active_mentee(workspace) / "sessions"
        past = [p for p in sorted(mentee.glob("*.md")) if p.name[:10] <= TODAY.isoformat()]
        week = f"{TODAY.isocalendar().year}-W{TODAY.isocalendar().week:02d}"
        checklist = workspace / "checklists" / f"{week}.toml"
        if not checklist.is_file():
            checklist = sorted((workspace / "checklists").glob("*-W*.toml"))[-1]
        return cls(piece=pieces[len(pieces) // 2], session=past[-1], checklist=checklist)

    def apply(self, round_number: int) -> Path:
        """Change one file the way a person saving it in an editor would; the file changed."""
        kind = round_number % 3
        if kind == 0:
            return _append(self.piece, MARK_TOML, f"{MARK_TOML} {round_number}\n")
        if kind == 1:
            return _append(self.session, MARK_MD, f"{MARK_MD}, round {round_number}.\n")
        return _append(self.checklist, MARK_TOML, f"{MARK_TOML} {round_number}\n")


def _append(path: Path, mark: str, addition: str) -> Path:
    text = path.read_text(encoding="utf-8").split(mark)[0].rstrip("\n")
    path.write_text(f"{text}\n{addition}", encoding="utf-8")
    return path


def remove_derived(workspace: Path) -> list[str]:
    """The cold scenario: everything under `.ccos/` that is not the person's; the names removed."""
    state = workspace / ".ccos"
    removed = []
    for entry in sorted(state.iterdir()) if state.is_dir() else []:
        if entry.name in KEPT_STATE:
            continue
        removed.append(entry.name)
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return removed


def when(round_number: int) -> str:
    """A distinct past minute for every logged session: yesterday 08:00, 08:12, ... then the day before."""
    day = TODAY - timedelta(days=1 + round_number // 60)
    minute = 8 * 60 + (round_number % 60) * 12
    return f"{day.isoformat()} {minute // 60:02d}:{minute % 60:02d}"


def active_mentee(workspace: Path) -> str:
    for folder in sorted((workspace / "mentees").iterdir(), reverse=True):
        profile = folder / "mentee.toml"
        if profile.is_file() and 'status = "active"' in profile.read_text(encoding="utf-8"):
            return folder.name
    raise SystemExit(f"no active mentee in {workspace}")


def fresh_copy(size: str, suffix: str) -> Path:
    copy = OUT / f"{size}-{suffix}"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(OUT / size, copy, symlinks=True)
    return copy


def measure(
    command: str, size: str, scenario: str, runs: int, workspace: Path, ccos: Path, python: Path, env: dict[str, str]
) -> Row:
    """One row: the command on one size in one scenario (writes on a fresh copy of their own)."""
    if scenario == "write":
        workspace = fresh_copy(size, "write")
    mentee = active_mentee(workspace) if command == "mentee log" else ""
    base = [str(ccos)] if command in NO_WORKSPACE else [str(ccos), "-w", str(workspace)]

    def argv_for(n: int) -> list[str]:
        return base + [a.format(mentee=mentee, when=when(n), n=n) for a in COMMANDS[command]]

    prepare: Callable[[int], None] | None = None
    removed: set[str] = set()
    if scenario == "cold":

        def prepare(_n: int) -> None:
            removed.update(remove_derived(workspace))

    elif scenario == "edited":
        edits = HandEdits.find(workspace)

        def prepare(n: int) -> None:
            edits.apply(n)

    elif command == "checklist check":
        for n in range(runs + 1):  # the items to tick, one a run, added untimed
            check_output([*base, "checklist", "add", f"bench check {n:03d}.", "--minutes", "10", "--over-budget"], env)

    samples, baseline, _output = alternate(argv_for, runs, python, env, prepare)
    row = make_row(command, size if command not in NO_WORKSPACE else "-", scenario, samples, baseline)
    if scenario == "cold":
        row.note = f"removed .ccos/{{{','.join(sorted(removed))}}}" if removed else "nothing derived under .ccos/"
    return row


def supports(command: str, scenario: str) -> bool:
    if command in WRITES:
        return scenario == "write"
    if command in READS:
        return scenario in ("edited", "cold", "unchanged")
    return scenario == "unchanged"


def plan_runs(sizes: list[str], scenarios: list[str], commands: list[str]) -> list[tuple[str, str, str]]:
    """(size, scenario, command) in table order: by size, then scenario, then command."""
    plan = [
        (size, scenario, command)
        for size in sizes
        for scenario in SCENARIOS
        if scenario in scenarios
        for command in commands
        if supports(command, scenario) and command not in NO_WORKSPACE
    ]
    if "unchanged" in scenarios:
        plan += [(sizes[0], "unchanged", command) for command in commands if command in NO_WORKSPACE]
    return plan


# --- the peers --------------------------------------------------------------------------------
# Each peer gets its own data folder under benchmarks/out/peers/ and an environment that points
# it there (and HOME at an empty folder beside it), so nothing reads or writes the real home.

PEER_VENV = OUT / "peers-venv"
PEER_PACKAGES = ("td-watson", "jrnl")
PEER_SIZES = (50, 5000)
PEER_DATA_VERSION = "2"  # bump when a writer below changes: the data is written again
WORDS = ["community", "review", "docs", "release", "meetup", "talk", "mentoring", "triage", "blog", "tests"]


@dataclass
class Peer:
    name: str  # as in the table: "watson log"
    records: int
    argv: list[str]
    env: dict[str, str] = field(repr=False)

    def argv_for(self, _round: int) -> list[str]:
        return self.argv


def peer_env(base: dict[str, str], folder: Path, **extra: str) -> dict[str, str]:
    """The child environment with HOME and the XDG folders inside the peer's own data folder."""
    home = folder / "home"
    for sub in ("home", "config", "data", "cache"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in base.items() if not k.startswith(("XDG_", "TASK", "WATSON", "JRNL"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_DATA_HOME=str(folder / "data"),
        XDG_CACHE_HOME=str(folder / "cache"),
    )
    env.update(extra)
    return env


def install_peers() -> str:
    """td-watson and jrnl from PyPI into their own venv (once); '' or why not."""
    bins = [PEER_VENV / "bin" / name for name in ("watson", "jrnl")]
    if all(b.exists() for b in bins):
        return ""
    try:
        if not (PEER_VENV / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run(
            [str(PEER_VENV / "bin" / "python"), "-m", "pip", "install", "-q", *PEER_PACKAGES],
            check=True,
            env=child_env(),
        )
    except (OSError, subprocess.CalledProcessError) as error:
        return f"pip install {' '.join(PEER_PACKAGES)} into {PEER_VENV} failed ({error})"
    return ""


def write_watson(folder: Path, records: int, rng: random.Random, last_day: date) -> None:
    """Watson's `frames` file: a JSON list of [start, stop, project, id, tags, updated_at] (UTC
    seconds), the format watson itself writes, three frames a day up to `last_day`."""
    frames = []
    for index in range(records):
        back = records - 1 - index  # frames before the last one
        day = last_day - timedelta(days=back // 3)
        hour = (16, 13, 9)[back % 3]
        start = datetime(day.year, day.month, day.day, hour, rng.randint(0, 50), tzinfo=UTC)
        stop = start + timedelta(minutes=rng.randint(20, 150))
        project = rng.choice(WORDS[:6])
        tags = rng.sample(WORDS, rng.randint(0, 2))
        frames.append(
            [
                int(start.timestamp()),
                int(stop.timestamp()),
                project,
                f"{rng.getrandbits(128):032x}",
                tags,
                int(stop.timestamp()),
            ]
        )
    (folder / "watson").mkdir(exist_ok=True)
    (folder / "watson" / "frames").write_text(json.dumps(frames, indent=1), encoding="utf-8")


def write_jrnl(folder: Path, records: int, rng: random.Random, version: str) -> None:
    """jrnl's plain-text journal (`[YYYY-MM-DD HH:MM] Title. Body`, one entry a day up to TODAY)
    and a complete config, so jrnl neither asks to install itself nor rewrites the config."""
    entries = []
    for index in range(records):
        day = TODAY - timedelta(days=records - 1 - index)
        title = f"{rng.choice(['Worked on', 'Thought about', 'Met people about'])} {rng.choice(WORDS)}."
        body = " ".join(f"@{w}" if rng.random() < 0.2 else w for w in rng.sample(WORDS, 6))
        entries.append(f"[{day.isoformat()} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}] {title} {body}.\n")
    journal = folder / "journal.txt"
    journal.write_text("\n".join(entries), encoding="utf-8")
    config = folder / "config" / "jrnl"
    config.mkdir(parents=True, exist_ok=True)
    (config / "jrnl.yaml").write_text(
        f"""colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: '{version}'
""",
        encoding="utf-8",
    )


def task_records(records: int, rng: random.Random) -> list[dict[str, object]]:
    """Tasks in Taskwarrior's import format, one a day up to TODAY, four in five completed."""
    tasks = []
    for index in range(records):
        entry = datetime.combine(TODAY - timedelta(days=records - 1 - index), datetime.min.time(), UTC)
        entry += timedelta(hours=rng.randint(8, 20))
        item: dict[str, object] = {
            "uuid": uuid_from(rng),
            "description": f"{rng.choice(['Write', 'Review', 'Plan', 'Answer'])} {rng.choice(WORDS)} #{index + 1}",
            "entry": entry.strftime("%Y%m%dT%H%M%SZ"),
            "project": rng.choice(WORDS[:6]),
            "tags": rng.sample(WORDS, rng.randint(0, 2)),
        }
        if rng.random() < 0.8:
            item.update(status="completed", end=(entry + timedelta(days=rng.randint(0, 9))).strftime("%Y%m%dT%H%M%SZ"))
        else:
            item["status"] = "pending"
            if rng.random() < 0.5:
                item["due"] = (entry + timedelta(days=rng.randint(1, 30))).strftime("%Y%m%dT%H%M%SZ")
        tasks.append(item)
    return tasks


def write_task(folder: Path, records: int, rng: random.Random, task: str, env: dict[str, str]) -> None:
    """Taskwarrior's data through `task import` of one JSON array, then one `task next` so that
    its first garbage collection (moving completed tasks to completed.data) is not timed."""
    source = folder / "import.json"
    source.write_text(json.dumps(task_records(records, rng)), encoding="utf-8")
    check_output([task, "import", str(source)], env)
    check_output([task, "next"], env)


def uuid_from(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def tool_version(program: str, env: dict[str, str]) -> str:
    """`task --version` prints the bare version, '2.6.2'."""
    return check_output([program, "--version"], env).strip().split()[-1]


def peer_setup(name: str, program: str, records: int, base: dict[str, str]) -> tuple[Peer, str, Callable[[], None]]:
    """One peer on one size: (the peer, a stamp of what its data depends on, the writer of its data)."""
    key = name.split(maxsplit=1)[0]
    folder = OUT / "peers" / f"{key}-{records}"
    rng = random.Random(f"{key}:{records}")
    if key == "watson":
        last_day = datetime.now(UTC).date() - timedelta(days=1)  # `watson log` shows the last 7 days
        env = peer_env(base, folder, WATSON_DIR=str(folder / "watson"))
        return (
            Peer(name, records, [program, "log"], env),
            str(last_day),
            lambda: write_watson(folder, records, rng, last_day),
        )
    if key == "jrnl":
        env = peer_env(base, folder)
        script = "import importlib.metadata as m; print(m.version('jrnl'))"
        version = check_output([str(PEER_VENV / "bin" / "python"), "-c", script], env).strip()
        return (
            Peer(name, records, [program, "-n", "10"], env),
            version,
            lambda: write_jrnl(folder, records, rng, version),
        )
    rc = folder / "taskrc"
    env = peer_env(base, folder, TASKRC=str(rc), TASKDATA=str(folder / "task"))
    version = tool_version(program, env)

    def write() -> None:
        shutil.rmtree(folder / "task", ignore_errors=True)
        (folder / "task").mkdir(parents=True)
        # news.version: no "run task news" footnote after an upgrade; gc stays on, as for a person.
        rc.write_text(f"data.location={folder / 'task'}\nconfirmation=off\nnews.version={version}\n", encoding="utf-8")
        write_task(folder, records, rng, program, env)

    return Peer(name, records, [program, "next"], env), version, write


def prepare_peers(base: dict[str, str]) -> tuple[list[Peer], list[str]]:
    """Install what can be installed and write each peer's data unless it is there: (peers, notes)."""
    failed = install_peers()
    programs = {
        "watson log": "" if failed else str(PEER_VENV / "bin" / "watson"),
        "jrnl -n 10": "" if failed else str(PEER_VENV / "bin" / "jrnl"),
        "task next": shutil.which("task", path=base.get("PATH")) or "",
    }
    notes = [
        f"{name}: skipped, {failed or 'not installed'}"
        if name != "task next"
        else f"{name}: skipped, `task` not found (on Debian: apt-get install -y taskwarrior)"
        for name, program in programs.items()
        if not program
    ]
    ready = []
    for name, program in programs.items():
        for records in PEER_SIZES if program else ():
            peer, stamp, write = peer_setup(name, program, records, base)
            marker = OUT / "peers" / f"{name.split()[0]}-{records}" / ".generated"
            stamp = f"{PEER_DATA_VERSION} {stamp}"
            if not marker.is_file() or marker.read_text(encoding="utf-8") != stamp:
                write()
                marker.write_text(stamp, encoding="utf-8")
            ready.append(peer)
    return ready, notes


# --- targets and the table --------------------------------------------------------------------


def target(row: Row) -> tuple[str, str]:
    """Issue 13's target for this row, and whether it is met ('' when there is none)."""
    parts, missed = [], []
    limit_p = TARGET_P.get(row.scenario, {}).get(row.size) if row.command in (*READS, *WRITES) else None
    if row.scenario == "cold" and row.command in READS:
        limit_p = TARGET_COLD_P.get(row.size)
    if limit_p is not None:
        parts.append(f"≤ {limit_p} P")
        if row.ratio > limit_p:
            missed.append(f"{row.ratio - limit_p:+.1f} P")
    limit_mb = TARGET_MB.get(row.size)
    if limit_mb is not None:
        parts.append(f"≤ {limit_mb} MB")
        if row.rss_mb > limit_mb:
            missed.append(f"{row.rss_mb - limit_mb:+.0f} MB")
    if not parts:
        return "", ""
    return ", ".join(parts), f"**missed** ({', '.join(missed)})" if missed else "met"


def peak(row: Row) -> str:
    """Peak RSS in MB; '≤ floor' where the child stayed under the launcher's own RSS."""
    floor = LAUNCH.floor_kb / 1024
    return f"≤ {floor:.1f}" if row.rss_mb <= floor + 0.05 else f"{row.rss_mb:.1f}"


def table(rows: list[Row]) -> str:
    lines = [
        "| size | scenario | command | CPU ratio | wall ratio | CPU ms | wall ms | P CPU ms | peak MB | target | |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        goal, met = target(r)
        lines.append(
            f"| {r.size} | {r.scenario} | `{r.command}` | **{r.ratio:.1f} P** | {r.wall_ratio:.1f} P | "
            f"{r.cpu * 1000:.0f} | {r.wall * 1000:.0f} | {r.p_cpu * 1000:.1f} | {peak(r)} | {goal} | {met} |"
        )
    return "\n".join(lines)


def peer_table(rows: list[Row], skipped: list[str]) -> str:
    lines = [
        "| peer | records | CPU ratio | wall ratio | CPU ms | wall ms | P CPU ms | peak MB | note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| `{r.command}` | {int(r.size):,} | **{r.ratio:.1f} P** | {r.wall_ratio:.1f} P | {r.cpu * 1000:.0f} | "
            f"{r.wall * 1000:.0f} | {r.p_cpu * 1000:.1f} | {peak(r)} | {r.note} |"
        )
    lines += [f"| `{note.split(':')[0]}` | - | skipped | | | | | | {note} |" for note in skipped]
    return "\n".join(lines)


def summary(rows: list[Row], peer_rows: list[Row]) -> list[str]:
    """The targets that compare rows: large ÷ small after an edit, and ccos against the peers at 5,000."""
    lines = []
    edited = {(r.size, r.command): r for r in rows if r.scenario == "edited"}
    for command in READS:
        small, large = edited.get(("small", command)), edited.get(("large", command))
        if small and large:
            ratio = large.cpu / small.cpu
            verdict = "met" if ratio <= SCALING else "**missed**"
            lines.append(f"- `{command}` after an edit, large ÷ small (CPU): {ratio:.2f} (≤ {SCALING}: {verdict})")
    big = [p for p in peer_rows if p.size == str(PEER_SIZES[-1]) and p.command.split()[0] in ("watson", "jrnl")]
    for r in (r for r in rows if r.scenario == "edited"):
        slower = [p.command for p in big if r.ratio >= p.ratio]
        if big:
            verdict = "faster than both" if not slower else f"**not faster** than {', '.join(slower)}"
            lines.append(
                f"- {r.size} edited `{r.command}` {r.ratio:.1f} P against "
                + ", ".join(f"`{p.command}` {p.ratio:.1f} P" for p in big)
                + f" at {PEER_SIZES[-1]:,} records: {verdict}"
            )
    return lines


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
    parser.add_argument("--runs", type=int, help="timed rounds per measurement (default 15; 3 with --quick)")
    parser.add_argument("--sizes", nargs="+", choices=SIZES, help="default: all three (small medium with --quick)")
    parser.add_argument("--scenarios", nargs="+", default=list(SCENARIOS), choices=SCENARIOS)
    parser.add_argument("--commands", nargs="+", default=list(DEFAULT_COMMANDS), choices=list(COMMANDS))
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True, help="time the peers too")
    parser.add_argument("--quick", action="store_true", help="for development: --runs 3 --sizes small medium")
    parser.add_argument("--no-install", action="store_true", help="time the ccos venv as it is")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 15)
    sizes = args.sizes or (["small", "medium"] if args.quick else list(SIZES))

    OUT.mkdir(exist_ok=True)
    if not args.no_install or not venv_python().exists():
        install()
    env = child_env()
    python = venv_python()
    ccos = VENV / "bin" / "ccos"
    for size in sizes:
        if not (OUT / size / "ccos.toml").is_file():
            subprocess.run([str(python), str(HERE / "generate.py"), size], check=True, env=env)
    peer_list, skipped = prepare_peers(env) if args.peers else ([], [])
    for note in skipped:
        sys.stderr.write(f"  {note}\n")
    plan = plan_runs(sizes, args.scenarios, args.commands)
    for size in {size for size, scenario, _command in plan if scenario != "write"}:
        fresh_copy(size, "run")

    load_before = os.getloadavg()
    started = datetime.now().astimezone()
    rows: list[Row] = []
    for size, scenario, command in plan:
        row = measure(command, size, scenario, runs, OUT / f"{size}-run", ccos, python, env)
        rows.append(row)
        sys.stderr.write(f"  {size:6} {scenario:9} {command:15} {row.ratio:6.1f} P CPU {row.rss_mb:6.1f} MB\n")
    peer_rows: list[Row] = []
    for peer in peer_list:
        samples, baseline, output = alternate(peer.argv_for, runs, python, peer.env)
        row = make_row(peer.name, str(peer.records), "peer", samples, baseline)
        row.note = f"{len(output.splitlines())} lines of output"
        peer_rows.append(row)
        sys.stderr.write(f"  peer   {peer.records:<9} {peer.name:15} {row.ratio:6.1f} P CPU {row.rss_mb:6.1f} MB\n")
    load_after = os.getloadavg()

    header = (
        f"Machine: {machine()}\n\nDate: {started:%Y-%m-%d %H:%M %Z}; load average (1 min) "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after; median of {runs} runs after one warm-up. "
        "Ratio = median CPU time (user + system) over P's median CPU time in the same loop. "
        f"Peak RSS includes the launcher's own {LAUNCH.floor_kb / 1024:.1f} MB (Linux counts the spawning "
        "process's peak into a child's).\n"
    )
    report = f"{header}\n{table(rows)}\n"
    if args.peers:
        report += f"\nPeers, in the same run against the same P:\n\n{peer_table(peer_rows, skipped)}\n"
    lines = summary(rows, peer_rows) + sorted({f"- {r.size} cold: {r.note}" for r in rows if r.note})
    if lines:
        report += "\n" + "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

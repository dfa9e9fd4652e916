"""Fuzzing through the CLI (Hypothesis + CliRunner): names, titles, notes, dates, periods,
cadences, repeat rules, numbers, and whole TOML documents dropped into each kind of file.

No input may give exit 1 (a traceback), a file outside the workspace, or a file ccos cannot
read back. Each example runs on a fresh copy of the populated workspace. The default counts
keep the suite fast on 2 cores; CCOS_FUZZ_SCALE=10 runs ten times as many examples.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccos.storage.file_kinds import file_kinds, validate_files
from ccos.storage.workspace import Workspace
from tests.adversarial.test_hand_edits import _kind_files
from tests.adversarial.test_names import HOSTILE
from tests.adversarial.workspace import WRITE_COMMANDS, argv, invoke
from tests.conftest import snapshot

SCALE = float(os.environ.get("CCOS_FUZZ_SCALE", "1") or 1)
FUZZED = {"count": 0}


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


@contextmanager
def fresh(template: Path) -> Iterator[Path]:
    box = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        root = box / "ws"
        shutil.copytree(template, root, ignore=shutil.ignore_patterns("lock", "lock.json"))
        yield root
    finally:
        shutil.rmtree(box, ignore_errors=True)


def check_run(root: Path, *args: str) -> int:
    """Run one command and check the promises; returns its exit code."""
    FUZZED["count"] += 1
    before = snapshot(root)
    result = invoke(root, *args)
    shown = f"ccos {' '.join(map(repr, args))}: exit {result.exit_code}\n{result.stderr}"
    assert result.exit_code in (0, 2), shown
    outside = [p for p in root.parent.rglob("*") if p != root and root not in p.parents]
    assert not outside, f"{shown}\nfiles outside the workspace: {outside}"
    after = snapshot(root)
    changed = sorted(k for k in after if after[k] != before.get(k))
    if result.exit_code == 2:
        assert after == before, f"{shown}\nexit 2 but changed {changed}"
    else:
        validate_files(Workspace.open(root), changed)  # ccos reads back everything it wrote
    return result.exit_code


printable_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
texts = st.one_of(st.sampled_from(HOSTILE), printable_text, st.text("abc/.\\\n -[]", max_size=20))
date_words = st.sampled_from(
    [
        "today",
        "tomorrow",
        "yesterday",
        "mon",
        "sunday",
        "+3d",
        "-1w",
        "+2m",
        "+0d",
        "-999999d",
        "+99999w",
        "2026-02-29",
        "2024-02-29",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "9999-12-31",
        "2026-11-18 25:00",
        "2026-11-18T19:30",
        "",
    ]
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    date_words,
    st.builds(lambda n, u: f"{n:+d}{u}", st.integers(-(10**6), 10**6), st.sampled_from("dwmy")),
    st.text(max_size=12),
)
periods = st.one_of(
    st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(0, 10000), st.integers(0, 60)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(0, 10000), st.integers(0, 14)),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(0, 10000), st.integers(0, 6)),
    st.sampled_from(["this", "next", "last", "+1", "-1", "+9999", "-99999", "2020-W53", "2026-W53", "2015-W53"]),
    dates,
)
cadences = st.one_of(
    st.builds(lambda n, u: f"{n}/{u}", st.integers(-2, 40), st.sampled_from(["month", "week", "day", "year"])),
    st.builds(lambda n, u: f"every {n}{u}", st.integers(-2, 1000), st.sampled_from("dwmy")),
    st.text(max_size=15),
)
repeats = st.one_of(
    st.builds(
        lambda freq, day, at: f"{freq} on {day} at {at}",
        st.sampled_from(["weekly", "monthly", "daily", "yearly", "every 2 weeks"]),
        st.sampled_from(["thu", "the 2nd sat", "the last fri", "the 31st", "mon,wed", "xyz"]),
        st.sampled_from(["20:00", "02:30", "25:61", "noon", "00:00"]),
    ),
    st.builds(
        lambda f, b, c: f"FREQ={f};BYDAY={b};COUNT={c}",
        st.sampled_from(["WEEKLY", "MONTHLY", "SECONDLY", "DAILY", "X"]),
        st.sampled_from(["TH", "2SA", "-1FR", "ZZ", ""]),
        st.integers(-1, 100000),
    ),
    st.text(max_size=30),
)
numbers = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "inf", "-0", "1e308", "0x10", "1_000", "", " 3 "]),
)


@fuzz_settings(40)
@given(data=st.data())
def test_fuzz_names_titles_notes(populated_template: Path, data: st.DataObject) -> None:
    from tests.adversarial.test_names import NAME_COMMANDS

    _label, template = data.draw(st.sampled_from(NAME_COMMANDS))
    text = data.draw(texts)
    with fresh(populated_template) as root:
        if check_run(root, *[text if part == "{}" else part for part in template]) == 0:
            assert invoke(root, "status", "--json").exit_code == 0


DATE_COMMANDS = [
    ["mentee", "log", "ada", "--minutes", "30", "--date", "{}"],
    ["share", "add", "--over-budget", "Dated", "--due", "{}"],
    ["share", "publish", "ready-piece", "--date", "{}"],
    ["event", "add", "--over-budget", "Dated event", "--kind", "talk", "--date", "{}"],
    ["event", "done", "meetup-past", "--on", "{}"],
    ["mentee", "pause", "ada", "--until", "{}"],
    ["mentee", "add", "Dee", "--since", "{}"],
    ["event", "task", "meetup-next", "add", "Task", "--at", "{}"],
]


@fuzz_settings(30)
@given(template=st.sampled_from(DATE_COMMANDS), value=dates)
def test_fuzz_dates(populated_template: Path, template: list[str], value: str) -> None:
    with fresh(populated_template) as root:
        check_run(root, *[value if part == "{}" else part for part in template])


PERIOD_COMMANDS = [
    ["checklist", "show", "--week", "{}", "--json"],
    ["checklist", "check", "1", "--month", "{}"],
    ["plan", "week", "--week", "{}", "--json"],
    ["plan", "quarter", "--quarter", "{}", "--json"],
    ["review", "week", "--week", "{}"],
    ["review", "month", "--month", "{}"],
    ["checkin", "--energy", "3", "--duty", "3", "--main-job", "3", "--avoid", "3", "--week", "{}"],
]


@fuzz_settings(30)
@given(template=st.sampled_from(PERIOD_COMMANDS), value=periods)
def test_fuzz_periods(populated_template: Path, template: list[str], value: str) -> None:
    with fresh(populated_template) as root:
        check_run(root, *[value if part == "{}" else part for part in template])


@fuzz_settings(30)
@given(cadence=cadences, repeat=repeats, start=dates, until=dates, which=st.booleans())
def test_fuzz_cadences_and_repeat_rules(
    populated_template: Path, cadence: str, repeat: str, start: str, until: str, which: bool
) -> None:
    with fresh(populated_template) as root:
        if which:
            check_run(root, "mentee", "add", "Eve", "--cadence", cadence, "--since", start)
        else:
            code = check_run(
                root,
                "event",
                "add",
                "Weekly",
                "--kind",
                "meetup",
                "--repeat",
                repeat,
                "--from",
                start,
                "--until",
                until,
            )
            if code == 0:
                check_run(root, "event", "show", "weekly", "--json")
                check_run(root, "plan", "quarter", "--json")


NUMBER_COMMANDS = [
    ["mentee", "log", "ada", "--minutes", "{}"],
    ["share", "publish", "ready-piece", "--hours", "{}"],
    ["event", "done", "meetup-past", "--attendees", "{}", "--hours", "{}"],
    ["checklist", "add", "--over-budget", "Numbered", "--minutes", "{}"],
    ["config", "set", "budget.weekly_hours", "{}"],
    ["config", "set", "budget.warn_ratio", "{}"],
    ["config", "set", "targets.mentees_max", "{}"],
]


@fuzz_settings(20)
@given(template=st.sampled_from(NUMBER_COMMANDS), value=numbers)
def test_fuzz_numbers(populated_template: Path, template: list[str], value: str) -> None:
    with fresh(populated_template) as root:
        if check_run(root, *[value if part == "{}" else part for part in template]) == 0:
            check_run(root, "plan", "week", "--json")


toml_scalars = st.one_of(
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
toml_values = st.recursive(toml_scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
KEYS = [
    "title",
    "kind",
    "stage",
    "period",
    "scope",
    "items",
    "text",
    "done",
    "minutes",
    "name",
    "status",
    "start",
    "timezone",
    "week",
    "energy",
    "schema_version",
    "profile",
    "budget",
    "tasks",
    "date",
    "format",
    "cadence",
]
toml_tables = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8)), toml_values, max_size=6
)
valid_documents = st.dictionaries(
    st.sampled_from(KEYS),
    st.one_of(toml_values, toml_tables, st.lists(toml_tables, min_size=1, max_size=2)),
    max_size=6,
).map(tomli_w.dumps)
invalid_documents = st.one_of(st.text(max_size=200), st.binary(max_size=100).map(lambda b: b.decode("latin-1")))
KIND_PATTERNS = [kind.pattern for kind in file_kinds()]


@fuzz_settings(30)
@given(
    pattern=st.sampled_from(KIND_PATTERNS),
    document=st.one_of(valid_documents, invalid_documents),
    command=st.sampled_from(sorted(WRITE_COMMANDS)),
)
def test_fuzz_whole_documents(populated_template: Path, pattern: str, document: str, command: tuple[str, ...]) -> None:
    with fresh(populated_template) as root:
        relative = _kind_files(root)[pattern]
        if relative.endswith(".md") and pattern != "sharing/*.md":
            document = f"+++\n{document}\n+++\n\nnotes\n"
        (root / relative).write_text(document, encoding="utf-8")
        check_run(root, *argv(command, WRITE_COMMANDS[command]))
        for read in (["status", "--json"], ["doctor", "--json"]):
            FUZZED["count"] += 1
            result = invoke(root, *read)
            assert result.exit_code in (0, 2), f"{read} on {relative}:\n{document!r}\n{result.stderr}"


@pytest.fixture(scope="module", autouse=True)
def report_count() -> Iterator[None]:
    yield
    print(f"\nfuzz: {FUZZED['count']} CLI runs on generated input")

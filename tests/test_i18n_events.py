"""`ccos event` in a Chinese and a Russian workspace: every screen, message, error, warning,
progress row, prompt and the event file's header speak the workspace's language.

What may stay English is what a person types or copies (commands in backticks, ids, the
titles and task texts they wrote or the playbook gave them, the recurrence rule, the `--repeat`
forms and `--kind` values a hint lists) and warning codes; everything else is checked word by
word. Goldens: `event show` at 80 columns in zh and ru (tests/golden/event_show_{zh,ru}_80.txt).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from ccos import i18n
from ccos.capabilities.events.model import EVENT_KINDS
from ccos.capabilities.events.recurrence import ALLOWED_FREQ
from ccos.capabilities.events.repeat import REPEAT_FORMS
from tests.conftest import Ccos, snapshot

GOLDEN = Path(__file__).parent / "golden"
LANGUAGES = ("zh", "ru")
MEETUP = (
    "event", "add", "Rust 北京 Meetup #12", "--kind", "meetup", "--date", "2026-12-12 14:00", "--hours", "4",
    "--expect", "60", "--with", "李雷, Ann",
)  # fmt: skip
STREAM = (
    "event", "add", "云原生直播", "--kind", "livestream", "--repeat", "weekly on thu at 20:00", "--hours", "1.5",
    "--from", "2026-11-01", "--until", "2027-03-31",
)  # fmt: skip
# Weekday names come from ccos.dates.human_day, which the dates work localises (not this package).
DATES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
# AMA: the kind's name in the zh and ru templates too; Enter: the key, as Russian names it
# RRULE, UTC...: names of standards, written so in every language
ALLOWED = {"ccos", "AMA", "Enter", "RRULE", "RFC", "FREQ", "UNTIL", "BY", "UTC", "IANA", "TZ"} | DATES
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
HAN = re.compile(r"[\u4e00-\u9fff]")
LOAD_LINE = re.compile(r"^  \d{4}-W\d{2}: .*$", re.MULTILINE)
WIDE = {"COLUMNS": "200"}  # no wrapping: user texts are found whole


@pytest.fixture(autouse=True)
def _english_afterwards() -> Any:
    yield
    i18n.use("en")


def _workspace(make_workspace: Callable[..., Ccos], language: str) -> Ccos:
    return make_workspace("--lang", language, "--timezone", "Asia/Shanghai", "--weekly-hours", "80")


def _user_texts(ws: Ccos) -> list[str]:
    """What the person wrote or copied: titles, ids, task texts, rules, names, playbook names."""
    texts = ["Rust 北京 Meetup #12", "云原生直播", "李雷", "Ann", "weekly on thu at 20:00", REPEAT_FORMS]
    texts += [", ".join(EVENT_KINDS), ", ".join(ALLOWED_FREQ), "FREQ=WEEKLY;BYDAY=TH", "订场地"]
    listed: Any = ws.json("event", "list", "--all")
    for event in listed["events"]:
        shown: Any = ws.json("event", "show", event["id"])
        texts += [event["id"], event["title"], event["playbook"], shown["event"]["repeat"] or ""]
        texts += [task["text"] for task in shown["tasks"]]
    books: Any = ws.json("event", "playbooks")
    texts += [book["name"] for book in books["playbooks"]] + [book["title"] for book in books["playbooks"]]
    return [text for text in texts if text]


def english_words(text: str, user_texts: Iterable[str]) -> set[str]:
    """The Latin words left once user texts, commands in backticks and ISO dates are taken out."""
    for known in sorted(user_texts, key=len, reverse=True):
        text = text.replace(known, " ")
    # the week's load after a change is the planner's line (render/feedback_view), checked with it
    text = LOAD_LINE.sub(" ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"--[a-z][a-z-]*", " ", text)  # an option's name
    text = re.sub(r"'[^']*'", " ", text)  # a value the person typed, quoted back in an error
    return set(re.findall(r"[A-Za-z][A-Za-z]+", text)) - ALLOWED


def _screens(ws: Ccos, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every read and write `ccos event` command, and its refusals, as a person sees them."""
    out = [ws.ok(*MEETUP, env=WIDE).stdout, ws.ok(*STREAM, env=WIDE).stdout]
    out += [ws.ok("event", "list", env=WIDE).stdout, ws.ok("event", "list", "--all", env=WIDE).stdout]
    out += [ws.ok("event", "show", "rust", env=WIDE).stdout, ws.ok("event", "show", "云原生", env=WIDE).stdout]
    out.append(ws.ok("event", "playbooks", env=WIDE).stdout)
    out.append(ws.ok("event", "task", "rust", "check", "1", env=WIDE).stdout)
    out.append(ws.ok("event", "task", "rust", "uncheck", "1", env=WIDE).stdout)
    out.append(ws.ok("event", "task", "rust", "add", "订场地", "--at", "-20d", "--role", "venue", env=WIDE).stdout)
    out.append(ws.ok("event", "show", "rust", env=WIDE).stdout)
    out.append(ws.ok("event", "task", "rust", "remove", "16", env=WIDE).stdout)
    out.append(ws.ok("event", "done", "云原生", "--attendees", "30", "--on", "2026-11-12", env=WIDE).stdout)
    out.append(ws.ok("event", "cancel", "云原生", "--on", "2026-11-26", env=WIDE).stdout)
    out.append(ws.ok("event", "cancel", "云原生", "--on", "2026-11-26", env=WIDE).stdout)
    out.append(ws.ok("event", "show", "云原生", env=WIDE).stdout)
    monkeypatch.setattr("ccos.context.AppContext.interactive", lambda self: True)
    asked = ws.ok("event", "done", "云原生", "--on", "2026-11-19", today="2026-11-19", input="9\n5\n", env=WIDE)
    out.append(asked.stdout)  # the day-of prompt: 9 is not a day-of task, 5 is
    monkeypatch.undo()
    for args in (
        ("event", "add", "X", "--kind", "party", "--date", "2026-12-01"),
        ("event", "add", "X", "--kind", "meetup"),
        ("event", "add", "X", "--kind", "meetup", "--repeat", "weekly on noday"),
        ("event", "add", "X", "--kind", "meetup", "--repeat", "FREQ=HOURLY"),
        ("event", "add", "X", "--kind", "meetup", "--date", "2026-12-01", "--hours", "-1"),
        ("event", "add", "Rust 北京 Meetup #12", "--kind", "meetup", "--date", "2026-12-01"),
        ("event", "task", "rust", "check", "99"),
        ("event", "task", "rust", "add", "订场地", "--at", "soon"),
        ("event", "done", "rust"),
        ("event", "cancel", "rust", "--on", "2026-12-12"),
    ):
        before = snapshot(ws.root)
        refused = ws(*args, env=WIDE)
        assert refused.exit_code == 2, (args, refused.stdout, refused.stderr)
        assert snapshot(ws.root) == before
        out.append(refused.stderr.removeprefix("error: "))
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_event_screen_speaks_the_workspace_language(
    make_workspace: Callable[..., Ccos], monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    ws = _workspace(make_workspace, language)
    screens = _screens(ws, monkeypatch)
    known = _user_texts(ws)
    script = HAN if language == "zh" else CYRILLIC
    for screen in screens:
        assert screen.strip(), "every command says something"
        assert english_words(screen, known) == set(), screen
        assert script.search(english_words_free(screen, known)), screen


def english_words_free(text: str, user_texts: Iterable[str]) -> str:
    """The text without what the person wrote: what is left is ccos's own words."""
    for known in sorted(user_texts, key=len, reverse=True):
        text = text.replace(known, " ")
    return text


@pytest.mark.parametrize("language", LANGUAGES)
def test_warnings_and_progress_rows_of_events_are_translated(
    make_workspace: Callable[..., Ccos], language: str
) -> None:
    ws = _workspace(make_workspace, language)
    ws.ok(*MEETUP)
    ws.ok(*STREAM)
    known = _user_texts(ws)
    ws.ok("event", "done", "云原生", "--attendees", "30", "--on", "2026-11-12")
    status: Any = ws.json("status")
    every = status["now"] + [row for period in status["periods"] for row in period["rows"]]
    rows = [row for row in every if row["source"] == "events"]
    assert {row["key"] for row in rows} >= {
        "next_event", "events_unrecorded", "event_attendance", "events_co_organised", "events_quarter",
    }  # fmt: skip
    plan: Any = ws.json("plan", "week")
    warnings = [w for w in plan["warnings"] if w["code"] == "event_task_overdue"]  # codes stay English
    assert warnings
    quarter: Any = ws.json("plan", "quarter", "--quarter", "2027-Q2")
    empty = [w for w in quarter["warnings"] if w["code"] == "no_event_this_quarter"]
    assert empty
    for text in [row["label"] for row in rows] + [row["detail"] or "" for row in rows] + [row["unit"] for row in rows]:
        assert english_words(text, known) == set(), text
    for warning in warnings + empty:
        assert english_words(warning["message"], known) == set(), warning["message"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_event_file_header_is_written_in_the_workspace_language(
    make_workspace: Callable[..., Ccos], language: str
) -> None:
    ws = _workspace(make_workspace, language)
    ws.ok(*MEETUP)
    text = (ws.root / "events" / "rust-北京-meetup-12.toml").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) == 2 and "A ccos event" not in text
    script = HAN if language == "zh" else CYRILLIC
    assert all(script.search(line) for line in header)


def test_role_tags_and_phase_headings_follow_the_language(make_workspace: Callable[..., Ccos]) -> None:
    ws = _workspace(make_workspace, "ru")
    ws.ok(*MEETUP)
    shown = ws.ok("event", "show", "rust", env=WIDE).stdout
    assert "(площадка)" in shown and "(спикер)" in shown and "(venue)" not in shown
    assert [line.split("  ")[0] for line in shown.splitlines() if "░" in line or "█" in line] == [
        "До", "В день мероприятия", "После",
    ]  # fmt: skip


def test_russian_playbooks_read_as_a_native_speaker_writes(make_workspace: Callable[..., Ccos]) -> None:
    ws = _workspace(make_workspace, "ru")
    ws.ok(*STREAM)
    ws.ok("event", "add", "Курс", "--kind", "training", "--date", "2026-12-20 10:00")
    texts = " ".join(t["text"] for ref in ("云原生", "курс") for t in ws.json("event", "show", ref)["tasks"])  # type: ignore[index]
    assert "проанализировать аудиторию первых недель" in texts.lower()
    assert "Проверить экзаменационные работы" in texts
    assert "за 15 минут до начала" in texts
    assert "Разобрать зрителей" not in texts and 'Проверить экзамены"' not in texts


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CCOS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; review it and rerun with CCOS_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_show_matches_its_reviewed_rendering_at_80_columns(
    make_workspace: Callable[..., Ccos], language: str
) -> None:
    ws = _workspace(make_workspace, language)
    ws.ok(*MEETUP)
    ws.ok("event", "task", "rust", "check", "1")
    ws.ok("event", "task", "rust", "add", "订场地", "--at", "-20d", "--role", "venue")
    shown = ws.ok("event", "show", "rust", env={"COLUMNS": "80"}).stdout
    assert all(len(line) <= 80 for line in shown.splitlines())
    _golden(f"event_show_{language}_80.txt", shown)


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_list_fits_80_columns_and_keeps_the_titles_whole(
    make_workspace: Callable[..., Ccos], language: str
) -> None:
    from rich.cells import cell_len

    ws = _workspace(make_workspace, language)
    ws.ok(*MEETUP)
    ws.ok(*STREAM)
    listed = ws.ok("event", "list", env={"COLUMNS": "80"}).stdout
    assert all(cell_len(line) <= 80 for line in listed.splitlines())
    assert "Rust 北京 Meetup #12" in listed and "…" not in listed

"""`ccos status` on one 80×24 screen for a busy workspace, and `ccos status --all` whole.

The busy workspace is built through the real CLI with fixed dates: three roles, three
mentees (one 1:1 overdue, one group), a recurring and a one-off event, a live sharing
pipeline, a check-in and warnings. The week budget is lowered last, so that no add on
the way needs to say yes to an over-full week.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.conftest import Ccos
from tests.test_report import _golden

SCREEN = 23  # lines of output on a 24-line terminal: one is left for the prompt
EN = {
    "one": "Ann Lee",
    "group": "Rust study group",
    "members": "Ann, Bo, Chen",
    "late": "Sergey Ivanov",
    "stream": "Cloud native live",
    "meetup": "Rust Berlin Meetup #12",
    "deep": "Operator pitfalls",
    "update": "Weekly notes W47",
    "personal": "Why I switched to community work",
    "last": "Weekly notes W46",
}
ZH = {
    "one": "王小明",
    "group": "云原生学习小组",
    "members": "张三, 李四, 陈静",
    "late": "李华",
    "stream": "云原生直播",
    "meetup": "北京线下交流会",
    "deep": "Operator 开发踩坑记录",
    "update": "周记第四十七周",
    "personal": "我为什么转行做运营",
    "last": "周记第四十六周",
}


def busy(make_workspace: Callable[..., Ccos], lang: str, names: dict[str, str]) -> Ccos:
    ccos = make_workspace("--lang", lang, "--weekly-hours", "40")
    ccos.ok("mentee", "add", names["one"], "--cadence", "2/month", "--since", "2026-09-01", today="2026-09-01")
    ccos.ok(
        "mentee", "add", names["group"], "--format", "group", "--members", names["members"],
        "--cadence", "1/month", today="2026-09-01",
    )  # fmt: skip
    ccos.ok("mentee", "add", names["late"], "--cadence", "1/month", "--since", "2026-09-15", today="2026-09-15")
    for day in ("2026-09-10", "2026-10-08", "2026-11-05"):
        ccos.ok("mentee", "log", names["one"], "--minutes", "60", "--topic", "CV", today=day)
    ccos.ok("mentee", "log", names["group"], "--minutes", "90", today="2026-11-10")
    ccos.ok("share", "add", names["last"], "--kind", "observation", "--platform", "blog", today="2026-11-13")
    ccos.ok("share", "publish", names["last"], "--hours", "1", today="2026-11-13")
    ccos.ok(
        "share", "add", names["deep"], "--kind", "article", "--deep", "--platform", "blog",
        "--due", "2026-11-27", "--hours", "4", "--stage", "drafting",
    )  # fmt: skip
    ccos.ok("share", "add", names["update"], "--kind", "observation", "--platform", "blog", "--due", "2026-11-20",
            "--stage", "ready")  # fmt: skip
    ccos.ok("share", "add", names["personal"], "--personal", "--platform", "wechat")
    ccos.ok(
        "event", "add", names["stream"], "--kind", "livestream", "--format", "online",
        "--repeat", "weekly on thu at 20:00", "--hours", "1.5", "--from", "2026-11-01", "--until", "2027-03-31",
        today="2026-11-01",
    )  # fmt: skip
    ccos.ok(
        "event", "add", names["meetup"], "--kind", "meetup", "--format", "offline", "--date", "2026-12-19 14:00",
        "--hours", "4", "--expect", "60", "--with", "李雷, Ann", today="2026-11-17",
    )  # fmt: skip
    ccos.ok("checkin", "--energy", "3", "--duty", "3", "--main-job", "4", "--avoid", "2")
    ccos.ok("checklist", "check", "1")
    ccos.ok("config", "set", "budget.weekly_hours", "6")
    return ccos


@pytest.fixture
def en(make_workspace: Callable[..., Ccos]) -> Ccos:
    return busy(make_workspace, "en", EN)


def screen(ccos: Ccos, *args: str) -> list[str]:
    return ccos.ok("status", *args, env={"COLUMNS": "80"}).stdout.splitlines()


def broken(lines: list[str], names: list[str]) -> list[str]:
    """Names folded across two lines (`云原生 / 学习小组`) or cut inside themselves (`云原…`)."""
    found = []
    for name in names:
        for k in range(1, len(name)):
            head, tail = name[:k], name[k:]
            if head[-1] == " " or tail[0] == " ":
                continue  # between two words of a name: not inside one
            for index, line in enumerate(lines):
                if re.search(re.escape(head) + r"\s*…", line) and name not in line:
                    found.append(f"{name!r} cut in line {index}: {line!r}")
                following = lines[index + 1] if index + 1 < len(lines) else ""
                if line.rstrip().endswith(head) and re.search(r"(^|\s)" + re.escape(tail), following):
                    found.append(f"{name!r} folded at lines {index}-{index + 1}")
    return found


def _row_text(row: dict[str, Any]) -> str:
    return row["detail"] or ""


def test_busy_workspace_fits_one_screen(en: Ccos) -> None:
    lines = screen(en)
    assert len(lines) <= SCREEN, "\n".join(lines)
    assert all(cell_len(line) <= 80 for line in lines)
    assert lines[0].startswith("ccos status · Ada · 2026-11-18")
    assert lines[1].startswith("Budget 2026-W47") and "OVER" in lines[1]
    assert lines[2].startswith("Load W40 ")
    status: Any = en.json("status")
    shown = "\n".join(lines)
    for warning in status["warnings"]:  # every warning needs action: each has its line
        assert f"⚠ {warning['code']}  " in shown
    behind = [r for p in status["periods"] for r in p["rows"]] + status["now"]
    for row in behind:
        assert (f" {row['label']} " in shown) == (row["state"] in ("behind", "over")), row["label"]
    hidden = sum(1 for row in behind if row["state"] not in ("behind", "over"))
    assert f"Hidden: {hidden} rows with nothing due" in shown and "ccos status --all" in shown
    assert "What to defer, and when to: ccos plan week" in shown
    _golden("status_busy_80.txt", "\n".join(lines) + "\n")


def test_all_shows_every_row_and_warning_whole(en: Ccos) -> None:
    lines = screen(en, "--all")
    assert all(cell_len(line) <= 80 for line in lines)
    assert "…" not in "\n".join(lines)  # nothing cut
    status: Any = en.json("status")
    rows = [r for p in status["periods"] for r in p["rows"]] + status["now"]
    first = lines[4]  # the first row: its figure starts the figure column
    figure_at = first.index("1/4 items")
    label_at = first.index("weekly checklist")
    table = lines[4 : lines.index("", 4)]
    labels = " ".join(line[label_at : figure_at - 12].strip() for line in table)
    figures = " ".join(line[figure_at:].strip() for line in table)
    for row in rows:
        assert " ".join(row["label"].split()) in " ".join(labels.split()), row["key"]
        assert " ".join(_row_text(row).split()) in " ".join(figures.split()), row["key"]
    start = next(i for i, line in enumerate(lines) if line.startswith("⚠ "))
    column = lines[start].index("  ", 2) + 2
    column += len(lines[start][column:]) - len(lines[start][column:].lstrip())
    messages = " ".join(line[column:].strip() for line in lines[start:] if not line.startswith("What to defer"))
    for warning in status["warnings"]:
        assert " ".join(warning["message"].split()) in messages, warning["code"]
    _golden("status_busy_all_80.txt", "\n".join(lines) + "\n")


def test_json_keeps_its_shape_and_adds_the_weeks_ahead(en: Ccos) -> None:
    status: Any = en.json("status")
    assert list(status)[:7] == ["today", "name", "budget", "periods", "now", "load", "warnings"]
    assert [w["week"] for w in status["load"]][-1] == "2026-W47" and len(status["load"]) == 8
    assert not any(w["future"] for w in status["load"])
    assert [w["week"] for w in status["ahead"]] == ["2026-W48", "2026-W49", "2026-W50", "2026-W51"]
    assert all(w["future"] for w in status["ahead"])


def test_weeks_ahead_are_planned_not_over(en: Ccos) -> None:
    status: Any = en.json("status")
    assert any(w["state"] == "over" for w in status["ahead"])  # planned over budget ahead
    load = screen(en)[2]
    over = sum(1 for w in status["load"] if w["state"] == "over")
    bars = load.split()[2:4]  # the last 8 weeks, then the 4 ahead
    assert bars[0].count("!") == over and f"{over} weeks over so far" in load
    assert "!" not in bars[1] and set(bars[1]) <= {"░", "▓"}
    assert "ahead: ░ fits ▓ planned over" in load


def test_year_report_draws_the_weeks_ahead_as_planned(en: Ccos) -> None:
    report: Any = en.json("report", "year")
    lines = en.ok("report", "year", env={"COLUMNS": "80"}).stdout.splitlines()
    heading = lines.index("Load per week against budget")
    months, bars, weeks, legend, summary = lines[heading + 1 : heading + 6]
    assert months.split()[:3] == ["Jan", "Feb", "Mar"] and "Dec" in months
    assert weeks.split()[:3] == ["W1", "10", "20"]
    assert weeks.index("W1") == 4 and weeks.index("50") == 4 + 49  # 2026-W01 starts 2025-12-29
    first_monday = 4  # the heatmap's margin; then one column per week from 2025-12-29
    today_column = first_monday + 46  # 2026-W47
    assert bars[today_column + 1 :].strip() and "!" not in bars[today_column + 1 :]
    assert bars.count("!") == report["over_budget_weeks"]
    assert report["planned_over_weeks"] == sum(1 for w in report["weeks"] if w["future"] and w["state"] == "over")
    assert "! over" in legend and "░ fits" in legend and "▓ planned over" in legend
    over, ahead = report["over_budget_weeks"], report["planned_over_weeks"]
    assert summary.strip() == f"{over} weeks over budget so far; {ahead} weeks ahead planned over"
    assert all(cell_len(line) <= 80 for line in lines)


def test_chinese_busy_workspace_fits_and_keeps_names_whole(make_workspace: Callable[..., Ccos]) -> None:
    ccos = busy(make_workspace, "zh", ZH)
    names = [ZH[key] for key in ("one", "group", "late", "stream", "meetup", "deep", "update", "personal")]
    names += ZH["members"].split(", ")
    lines = screen(ccos)
    assert len(lines) <= SCREEN, "\n".join(lines)
    assert all(cell_len(line) <= 80 for line in lines)
    assert broken(lines, names) == []
    every = screen(ccos, "--all")
    assert broken(every, names) == []
    assert all(cell_len(line) <= 80 for line in every)
    status: Any = ccos.json("status")
    text = "\n".join(every)
    said = " ".join(w["message"] for w in status["warnings"]) + " ".join(
        r["detail"] or "" for p in status["periods"] for r in p["rows"]
    )
    for name in names:
        if name in said:
            assert name in text, name  # a name the rows or warnings mention is shown whole


def test_a_crowded_workspace_still_fits_and_says_what_it_left_out(make_workspace: Callable[..., Ccos]) -> None:
    ccos = busy(make_workspace, "en", EN)
    ccos.ok("config", "set", "budget.weekly_hours", "100")  # no add below pushes a week over
    for number in range(8):  # each has playbook tasks already past their date
        ccos.ok("event", "add", f"Talk night {number}", "--kind", "talk", "--date", f"2026-11-{20 + number} 19:00")
    ccos.ok("config", "set", "budget.weekly_hours", "6")
    status: Any = ccos.json("status")
    assert len(status["warnings"]) >= 12  # with the rows behind, more than the screen has room for
    lines = screen(ccos)
    assert len(lines) <= SCREEN, "\n".join(lines)
    assert lines[2].startswith("Load W40 ")
    shown = sum(1 for line in lines if line.startswith("⚠ "))
    left = len(status["warnings"]) - shown
    assert left > 0 and f"{left} warnings" in lines[-2]
    assert "ccos status --all" in lines[-2]
    every = screen(ccos, "--all")
    assert sum(1 for line in every if line.startswith("⚠ ")) == len(status["warnings"])


def test_a_calm_workspace_says_nothing_is_behind(ccos: Ccos) -> None:
    ccos.ok("config", "set", "profile.roles", "standard-setter")
    ccos.ok("checkin", "--energy", "4", "--duty", "2", "--main-job", "2", "--avoid", "2")
    for scope in ("week", "month", "quarter"):
        shown: Any = ccos.json("checklist", "show", scope)
        for number in range(1, len(shown["checklists"][0]["items"]) + 1):
            ccos.ok("checklist", "check", str(number), "--scope", scope)
    status: Any = ccos.json("status")
    rows = [r for p in status["periods"] for r in p["rows"]] + status["now"]
    assert rows and not any(r["state"] in ("behind", "over") for r in rows)
    lines = screen(ccos)
    assert lines[3:5] == ["", "Nothing behind: every target on track."]
    assert f"Hidden: {len(rows)} rows with nothing due" in lines[-2] and "ccos status --all" in lines[-2]


NAMES = ["云原生学习小组", "王小明", "1/2", "·", "Rust", "rust-北京-meetup-12", "a;"]


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(NAMES), max_size=8), width=st.integers(min_value=4, max_value=40))
def test_a_cut_falls_between_words(words: list[str], width: int) -> None:
    from rich.text import Text

    from ccos.render.console import fit_words

    text = " ".join(words)
    fitted, cut = fit_words(Text(text), width)
    assert fitted.cell_len <= width
    if not cut:
        assert fitted.plain == text
    elif cell_len(words[0]) + 2 <= width:  # else only that first word, wider than the line, is cut inside
        assert fitted.plain.endswith(" …")
        kept = fitted.plain[: -len(" …")]
        assert text.startswith(kept) and text[len(kept) :].startswith((" ", "; ", ", "))  # whole words only


RU = {
    "one": "Иван Петров",
    "group": "Группа по Rust",
    "members": "Аня, Борис, Вера",
    "late": "Сергей Иванов",
    "stream": "Облачный стрим",
    "meetup": "Встреча Rust-сообщества",
    "deep": "Подводные камни операторов",
    "update": "Заметки недели 47",
    "personal": "Почему я ушла в сообщество",
    "last": "Заметки недели 46",
}
NAMES = {"zh": ZH, "ru": RU}
OWN_WARNINGS = ("over_budget", "near_budget", "stream_over_budget")  # the planner's: translated here
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'-]+")
# Words a zh/ru screen may show: the commands and their options, week ids, the dates
# (ccos.dates speaks each language once the dates work lands) and the units of figures.
ALLOWED = {"ccos", "status", "plan", "week", "all", "json", "Ada", "min"}
ALLOWED |= {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}


def _words(text: str) -> set[str]:
    return set(ENGLISH.findall(text))


def _others(ccos: Ccos) -> set[str]:
    """The words of what other parts say on these screens: user text, ids and codes, and the
    capabilities' own row labels, details and warnings (translated by their packages)."""
    status: Any = ccos.json("status")
    said = [status["name"] or ""]
    for row in [r for p in status["periods"] for r in p["rows"]] + status["now"]:
        said += [row["label"], row["detail"] or "", row["unit"] or ""]
    for kind in ("week", "month", "quarter"):
        plan: Any = ccos.json("plan", kind)
        said += [item["title"] for item in plan["items"] + plan["left_open"]]
        said += [item["keeps"] or "" for item in plan["items"]]
        said += [item["stream"] or "" for item in plan["items"]]
        said += [w["message"] for w in plan["warnings"] if w["code"] not in OWN_WARNINGS]
        said += [w["code"] for w in plan["warnings"]]
    said += [w["message"] for w in status["warnings"] if w["code"] not in OWN_WARNINGS]
    said += [w["code"] for w in status["warnings"]]
    return {word for text in said for word in _words(text)}


@pytest.fixture(params=["zh", "ru"])
def speaking(request: pytest.FixtureRequest, make_workspace: Callable[..., Ccos]) -> tuple[str, Ccos]:
    """The busy workspace in Chinese and in Russian (names as people there write them)."""
    lang = str(request.param)
    return lang, busy(make_workspace, lang, NAMES[lang])


def test_status_and_plan_week_in_zh_and_ru_match_reviewed_renderings(speaking: tuple[str, Ccos]) -> None:
    lang, ccos = speaking
    status = screen(ccos)
    assert len(status) <= SCREEN, "\n".join(status)
    plan = ccos.ok("plan", "week", env={"COLUMNS": "80"}).stdout.splitlines()
    report = ccos.ok("report", "year", env={"COLUMNS": "80"}).stdout.splitlines()
    months = [label for label in report[1].split() if label]
    assert len(months) == 12, report[1]  # every month named, none run into the next (zh 10月 11月)
    for lines in (status, plan, screen(ccos, "--all"), report):
        assert all(cell_len(line) <= 80 for line in lines), "\n".join(lines)
    # days and periods as the language writes them (CLDR); ids stay in --json
    assert status[0].endswith({"zh": "2026年11月18日 周三", "ru": "18 нояб. 2026 г., ср"}[lang])
    budget = {"zh": "预算 第47周", "ru": "Бюджет нед. 47"}[lang]
    assert status[1].startswith(budget) and status[1].endswith({"zh": "超出", "ru": "ПРЕВЫШЕН"}[lang])
    assert plan[0].startswith({"zh": "2026年第47周计划", "ru": "План: 47-я неделя 2026 г."}[lang])
    assert {"zh": "小时", "ru": "ч"}[lang] in plan[1].split()
    _golden(f"status_busy_{lang}_80.txt", "\n".join(status) + "\n")
    _golden(f"plan_week_{lang}_80.txt", "\n".join(plan) + "\n")


def test_plan_status_and_report_screens_in_zh_and_ru_say_no_english(speaking: tuple[str, Ccos]) -> None:
    lang, ccos = speaking
    allowed = ALLOWED | _others(ccos)
    env = {"COLUMNS": "200"}  # no word of another part folded across lines (80 columns: the goldens)
    shown = {
        "status": ccos.ok("status", env={"COLUMNS": "80"}).stdout,
        "status --all": ccos.ok("status", "--all", env=env).stdout,
        "plan week": ccos.ok("plan", "week", env=env).stdout,
        "plan month": ccos.ok("plan", "month", env=env).stdout,
        "plan last week": ccos.ok("plan", "week", "--week", "last", env=env).stdout,
        "plan quarter": ccos.ok("plan", "quarter", env=env).stdout,
        "report year": ccos.ok("report", "year", env=env).stdout,
    }
    english = {name: sorted(_words(text) - allowed) for name, text in shown.items()}
    assert all(not words for words in english.values()), str(english)
    months = {"zh": "1月", "ru": "янв"}[lang]
    assert months in shown["report year"] and "Jan" not in shown["report year"]
    status: Any = ccos.json("status")  # the planner's own warnings speak the language, in JSON too
    plan: Any = ccos.json("plan", "week")
    own = [w["message"] for w in status["warnings"] + plan["warnings"] if w["code"] in OWN_WARNINGS]
    assert own and all(not (_words(message) - _others_titles(plan)) for message in own), own


def _others_titles(plan: Any) -> set[str]:
    return {word for item in plan["items"] for word in _words(item["title"])}


def test_a_refusal_over_budget_speaks_russian(make_workspace: Callable[..., Ccos]) -> None:
    ccos = make_workspace("--lang", "ru", "--weekly-hours", "2")
    result = ccos("share", "add", "Большой доклад", "--kind", "article", "--due", "2026-11-20", "--hours", "9")
    assert result.exit_code == 2, result.stdout
    assert "не добавлено: на 2026-W47" in result.stderr and "ничего не изменено" in result.stderr
    assert "--over-budget" in result.stderr
    assert not _words(result.stderr) - {"error", "ccos", "plan", "week", "over-budget", "budget"}, result.stderr

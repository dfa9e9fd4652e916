"""`ccos report year` and `ccos status` rendered at fixed widths."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Ccos


def test_year_report_json(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1", today="2026-11-03")
    ccos.ok("checklist", "check", "2")
    report = ccos.json("report", "year")
    assert report["year"] == 2026 and len(report["days"]) == 365
    active = {d["date"]: d["hours"] for d in report["days"] if d["count"]}
    assert active == {"2026-11-03": 0.5, "2026-11-18": 0.25}  # the first two items of a 6 h week
    assert len(report["weeks"]) == 53  # 2026 has ISO week 53
    assert report["weeks"][0]["week"] == "2026-W01"


def test_year_heatmap_renders_without_colour(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    out = ccos.ok("report", "year", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert lines[0] == "Community activity 2026"
    assert lines[2].startswith("Mon ") and lines[8].startswith("Sun ")
    assert "█" in out and "·" in out and "less ·░▒▓█ more" in out
    assert all(len(line) <= 80 for line in lines)


def test_bad_year(ccos: Ccos) -> None:
    assert ccos("report", "year", "--year", "99999").exit_code == 2


def test_status_fits_80_columns_with_cjk(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ccos = make_workspace("--lang", "zh")
    ccos.ok(
        "checklist",
        "add",
        "--over-budget",
        "给王小明写一份很长很长的学习计划，包括每周的阅读清单和练习",
        "--minutes",
        "600",
    )
    ccos.ok("checkin", "--energy", "2", "--duty", "4", "--main-job", "4", "--avoid", "3")
    out = ccos.ok("status", env={"COLUMNS": "80"}).stdout
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in out.splitlines())
    for heading in (  # a zh workspace: the screen speaks Chinese, warnings by name (codes in --json)
        "预算 第47周",
        "第47周 ",
        "11月 ",
        "4季度 ",
        "负荷 W40 ",
        "当前 ",
        "⚠ 超出预算",
        "⚠ 倦怠风险",
    ):
        assert heading in out
    assert "over_budget" not in out and "burnout_risk" not in out


def test_status_narrow_terminal_still_reads(ccos: Ccos) -> None:
    out = ccos.ok("status", env={"COLUMNS": "60"}).stdout
    from rich.cells import cell_len

    assert "Budget 2026-W47" in out and "weekly checklist" in out
    assert all(cell_len(line) <= 60 for line in out.splitlines())


GOLDEN = Path(__file__).parent / "golden"


def _quarter_of_use(make_workspace) -> Ccos:  # type: ignore[no-untyped-def]
    """A workspace with a quarter of real use, built through the CLI with fixed dates."""
    ccos = make_workspace("--lang", "zh", "--weekly-hours", "8")
    ccos.ok("mentee", "add", "王小明", "--cadence", "2/month", "--since", "2026-09-01", today="2026-09-01")
    ccos.ok(
        "mentee",
        "add",
        "Rust study group",
        "--format",
        "group",
        "--members",
        "Ann, Bo, 陈静",
        "--cadence",
        "1/month",
        today="2026-09-01",
    )
    for day in ("2026-09-10", "2026-09-24", "2026-10-08", "2026-10-22", "2026-11-05"):
        ccos.ok("mentee", "log", "王小明", "--minutes", "60", "--topic", "简历", today=day)
    ccos.ok("mentee", "log", "rust", "--minutes", "90", today="2026-11-10")
    for day in ("2026-09-04", "2026-10-02", "2026-10-30", "2026-11-13"):
        ccos.ok(
            "share", "add", "--over-budget", f"周记 {day}", "--kind", "observation", "--platform", "blog", today=day
        )
        ccos.ok("share", "publish", f"周记 {day}", "--hours", "1", today=day)
    ccos.ok(
        "share", "add", "--over-budget", "我为什么转行做运营", "--personal", "--platform", "blog", today="2026-11-16"
    )
    ccos.ok("share", "publish", "我为什么", "--hours", "2", today="2026-11-16")
    ccos.ok(
        "share",
        "add",
        "--over-budget",
        "Operator 开发踩坑记录",
        "--kind",
        "article",
        "--deep",
        "--platform",
        "blog",
        "--due",
        "2026-11-27",
        "--hours",
        "4",
        "--stage",
        "drafting",
        today="2026-11-10",
    )
    ccos.ok(
        "event",
        "add",
        "--over-budget",
        "Rust 北京 Meetup #12",
        "--kind",
        "meetup",
        "--format",
        "offline",
        "--date",
        "2026-12-19 14:00",
        "--hours",
        "4",
        "--expect",
        "60",
        "--with",
        "李雷, Ann",
        today="2026-11-17",
    )
    for day in ("2026-10-28", "2026-11-04", "2026-11-11", "2026-11-18"):
        ccos.ok("checkin", "--energy", "3", "--duty", "3", "--main-job", "2", "--avoid", "2", today=day)
        ccos.ok("checklist", "check", "1", today=day)
    return ccos


def _golden(name: str, text: str) -> None:
    import os

    path = GOLDEN / name
    if os.environ.get("CCOS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; review it and rerun with CCOS_UPDATE_GOLDEN=1"


def test_dashboard_and_heatmap_match_reviewed_renderings(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ccos = _quarter_of_use(make_workspace)
    env = {"COLUMNS": "80", "CCOS_LANG": "en"}  # the English rendering of CJK names (zh/ru: their own goldens)
    _golden("status_80.txt", ccos.ok("status", env=env).stdout)
    _golden("report_year_80.txt", ccos.ok("report", "year", env=env).stdout)


def test_status_json_has_every_part(ccos: Ccos) -> None:
    data = ccos.json("status")
    assert set(data) >= {"today", "budget", "periods", "now", "load", "warnings"}
    assert [p["period"]["kind"] for p in data["periods"]] == ["week", "month", "quarter"]
    assert len(data["load"]) == 8 and data["load"][-1]["week"] == "2026-W47"


def test_status_shows_only_the_roles_taken(ccos: Ccos) -> None:
    ccos.ok("share", "add", "--over-budget", "A post", "--stage", "drafting", "--due", "fri")
    sources = {r["source"] for p in ccos.json("status")["periods"] for r in p["rows"]}
    assert "sharing" in sources
    config = ccos.root / "ccos.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('roles = ["contributor", "mentor", "organizer"]', 'roles = ["mentor"]'), encoding="utf-8"
    )
    data = ccos.json("status")
    sources = {r["source"] for p in data["periods"] for r in p["rows"]} | {r["source"] for r in data["now"]}
    assert "sharing" not in sources and "checklists" in sources


def test_target_warnings_follow_the_roles_taken(ccos: Ccos) -> None:
    codes = {w["code"] for w in ccos.json("plan", "quarter")["warnings"]}
    assert "no_event_this_quarter" in codes
    ccos.ok("config", "set", "profile.roles", "contributor, mentor")
    codes = {w["code"] for w in ccos.json("plan", "quarter")["warnings"]}
    assert "no_event_this_quarter" not in codes
    status = ccos.json("status")
    assert "no_event_this_quarter" not in {w["code"] for w in status["warnings"]}
    assert "no_update_this_week" in {w["code"] for w in status["warnings"]}


def test_a_bad_year_is_refused_in_the_workspaces_language(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ccos = make_workspace("--lang", "ru")
    result = ccos("report", "year", "--year", "1900")
    assert result.exit_code == 2 and result.stdout == ""
    assert "недопустимое значение --year: 1900" in result.stderr and "например 2026" in result.stderr

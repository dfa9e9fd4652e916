"""`ccos report year` and `ccos status` rendered at fixed widths."""

from __future__ import annotations

from tests.conftest import Ccos


def test_year_report_json(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1", today="2026-11-03")
    ccos.ok("checklist", "check", "2")
    report = ccos.json("report", "year")
    assert report["year"] == 2026 and len(report["days"]) == 365
    active = {d["date"]: d["hours"] for d in report["days"] if d["count"]}
    assert active == {"2026-11-03": 2.0, "2026-11-18": 0.75}
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
    ccos.ok("checklist", "add", "给王小明写一份很长很长的学习计划，包括每周的阅读清单和练习", "--minutes", "600")
    ccos.ok("checkin", "--energy", "2", "--duty", "4", "--main-job", "4", "--avoid", "3")
    out = ccos.ok("status", env={"COLUMNS": "80"}).stdout
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in out.splitlines())
    for heading in (
        "Week budget",
        "Week 2026-W47",
        "Month 2026-11",
        "Quarter 2026-Q4",
        "Load, last 8 weeks",
        "Warnings",
        "over_budget",
        "burnout_risk",
    ):
        assert heading in out


def test_status_narrow_terminal_still_reads(ccos: Ccos) -> None:
    out = ccos.ok("status", env={"COLUMNS": "60"}).stdout
    assert ("Week budget" in out and "Warnings" in out) or "No warnings" in out


def test_status_json_has_every_part(ccos: Ccos) -> None:
    data = ccos.json("status")
    assert set(data) >= {"today", "budget", "periods", "now", "load", "warnings"}
    assert [p["period"]["kind"] for p in data["periods"]] == ["week", "month", "quarter"]
    assert len(data["load"]) == 8 and data["load"][-1]["week"] == "2026-W47"


def test_status_shows_only_the_roles_taken(ccos: Ccos) -> None:
    ccos.ok("share", "add", "A post", "--stage", "drafting", "--due", "fri")
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

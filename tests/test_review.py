"""`ccos review`: a pre-filled markdown review that keeps the person's own words."""

from __future__ import annotations

from tests.conftest import Ccos, snapshot

BEGIN = "<!-- ccos:begin generated"
END = "<!-- ccos:end generated -->"


def test_review_is_prefilled_from_what_was_logged(ccos: Ccos) -> None:
    ccos.ok("checklist", "check", "1")
    ccos.ok("share", "add", "--over-budget", "Operator 踩坑记录", "--kind", "article", "--deep", "--stage", "drafting")
    ccos.ok("share", "publish", "operator", "--hours", "3")
    ccos.ok("checkin", "--energy", "3", "--duty", "2", "--main-job", "2", "--avoid", "1", "--note", "busy <b>week</b>")
    result = ccos.ok("review", "week")
    assert "Wrote" in result.stdout
    text = (ccos.root / "reviews" / "2026-W47.md").read_text(encoding="utf-8")
    assert text.startswith('+++\nperiod = "2026-W47"\nkind = "week"\nupdated = 2026-11-18\n+++\n')
    assert "# Weekly review · 2026-W47" in text
    assert "Operator 踩坑记录" in text and "Take part in community discussion" in text
    assert "busy &lt;b&gt;week&lt;/b&gt;" in text  # user text cannot inject HTML
    assert "## Reflection" in text and "### What went well, and why?" in text
    assert text.count(BEGIN) == 1 and text.count(END) == 1


def test_rerun_refreshes_generated_part_and_keeps_the_persons_edits(ccos: Ccos) -> None:
    ccos.ok("review", "week")
    path = ccos.root / "reviews" / "2026-W47.md"
    text = path.read_text(encoding="utf-8")
    mine = "\nThe talk went better than I feared. 下周少接一个任务。\n"
    text = text.replace("### What went well, and why?\n", "### What went well, and why?\n" + mine)
    text = text.replace("# Weekly review · 2026-W47\n", "# Weekly review · 2026-W47\n\nA line of my own on top.\n")
    path.write_text(text, encoding="utf-8")
    ccos.ok("checklist", "check", "2", today="2026-11-20")
    result = ccos.ok("review", "week", today="2026-11-20")
    assert "your notes kept" in " ".join(result.stdout.split())
    after = path.read_text(encoding="utf-8")
    assert mine in after and "A line of my own on top." in after
    assert "updated = 2026-11-20" in after and "Keep in touch with your mentees" in after
    # outside the generated part, nothing else changed
    outside = lambda t: t.split(BEGIN)[0].split("updated")[0] + t.split(END)[1]  # noqa: E731
    assert outside(after) == outside(text)


def test_damaged_review_is_refused_and_kept(ccos: Ccos) -> None:
    ccos.ok("review", "week")
    path = ccos.root / "reviews" / "2026-W47.md"
    path.write_text(path.read_text(encoding="utf-8").replace(END, "my notes replaced the end marker"), encoding="utf-8")
    before = snapshot(ccos.root)
    result = ccos("review", "week")
    assert result.exit_code == 2
    assert "2026-W47.md" in result.stderr and "markers" in result.stderr
    assert snapshot(ccos.root) == before


def test_review_of_a_future_period_is_refused(ccos: Ccos) -> None:
    result = ccos("review", "month", "--month", "next")
    assert result.exit_code == 2 and "has not started" in result.stderr
    assert not list((ccos.root / "reviews").glob("*.md"))


def test_month_and_quarter_reviews_in_chinese(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ccos = make_workspace("--lang", "zh")
    ccos.ok("review", "month", "--month", "last")
    ccos.ok("review", "quarter")
    month = (ccos.root / "reviews" / "2026-10.md").read_text(encoding="utf-8")
    assert "# 月复盘 · 2026年10月\n\n_2026年10月1日 – 2026年10月31日_" in month  # the file name keeps the id
    quarter = (ccos.root / "reviews" / "2026-Q4.md").read_text(encoding="utf-8")
    assert "## 反思" in quarter and "# 季度复盘 · 2026年第4季度" in quarter


def test_review_edit_opens_the_editor(ccos: Ccos, tmp_path) -> None:  # type: ignore[no-untyped-def]
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "edited by hand" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    ccos.ok("review", "week", "--edit", env={"EDITOR": str(editor)})
    assert "edited by hand" in (ccos.root / "reviews" / "2026-W47.md").read_text(encoding="utf-8")

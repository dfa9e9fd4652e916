"""The review's rules on plain values: the generated part and its markers."""

from __future__ import annotations

from datetime import date

import pytest

from ccos.capabilities.reviews.model import ReviewTemplate
from ccos.capabilities.reviews.rules import BEGIN, END, generated_text, markers, new_body, refreshed_body
from ccos.dates import Period
from ccos.errors import InvalidFile
from ccos.models.plan import BudgetInfo, PeriodInfo, Plan, PlanItem, ProgressRow, Warning

W46 = Period.containing("week", date(2026, 11, 11))
TODAY = date(2026, 11, 18)


def plan(*items: PlanItem, warnings: tuple[Warning, ...] = ()) -> Plan:
    """A past week's plan (as planning/planner.py builds it): the done items; the rest left open."""
    return Plan(
        period=PeriodInfo(kind="week", id=W46.id, start=W46.start, end=W46.end),
        today=TODAY,
        budget=BudgetInfo(hours=6, planned_hours=2.5, state="ok", ratio=0.417),
        items=[i for i in items if i.status == "done"],
        deferred=[],
        warnings=list(warnings),
        past=True,
        left_open=[i for i in items if i.status != "done"],
    )


def item(title: str, status: str, **fields: object) -> PlanItem:
    base: dict[str, object] = {"type": "sharing", "id": title, "date": W46.start, "hours": 1.5, "stream": "sharing"}
    return PlanItem(title=title, status=status, **{**base, **fields})  # type: ignore[arg-type]


def test_the_generated_part_says_what_happened_as_literal_text() -> None:
    template = ReviewTemplate.model_validate({"labels": {"done": "Done *really*"}})
    text = generated_text(
        W46,
        TODAY,
        template,
        plan(
            item("A <b>post</b>", "done", ref="post"),
            item("Left over", "open", type="checklist"),
            warnings=(Warning(code="near_budget", message="5 h of 6 h"),),
        ),
        [ProgressRow(source="s", key="k", label="updates", period="week", actual=1, target=1, unit="piece")],
        [],
        {"post": "https://example.org/post"},
    )
    lines = text.split("\n")
    assert lines[0] == BEGIN and lines[-1] == END
    assert "### Done \\*really\\*" in lines
    assert "**Time against budget:** 2.5 h / 6 h (within budget)" in lines
    published = "- 2026-11-09 published: [A &lt;b&gt;post&lt;/b&gt;](<https://example.org/post>) (1.5 h)"
    assert published in lines
    assert "- Left over (open)" in lines  # the week is over: what is still open is listed
    assert "| updates | 1 | 1 piece |" in lines
    assert "- `near_budget` 5 h of 6 h" in lines


def test_markers_are_found_or_the_file_is_refused() -> None:
    body = new_body(W46, ReviewTemplate(), f"{BEGIN}\nold\n{END}")
    refreshed = refreshed_body("reviews/x.md", body + "\nmine\n", 7, f"{BEGIN}\nnew\n{END}")
    assert "new" in refreshed and "old" not in refreshed and refreshed.endswith("\nmine\n")
    with pytest.raises(InvalidFile) as error:
        markers("reviews/x.md", body.replace(END, ""), 7)
    assert error.value.line == 7 + body.split("\n").index(BEGIN)

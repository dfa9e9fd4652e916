"""The pure rules of mentoring (capabilities/mentoring/rules.py): no workspace, no clock."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ccos.capabilities.mentoring import rules
from ccos.capabilities.mentoring.model import Mentee, Session
from ccos.capabilities.mentoring.rules import Capacity, OpenAction
from ccos.errors import InvalidInput

TODAY = date(2026, 11, 18)


def mentee(**fields: Any) -> Mentee:
    values: dict[str, Any] = {"name": "Ann", "since": date(2026, 9, 1), "cadence": "2/month", **fields}
    return Mentee.model_validate(values)


def session(day: date, *actions: tuple[str, str]) -> Session:
    return Session.model_validate(
        {"date": day, "minutes": 60, "actions": [{"text": text, "state": state} for text, state in actions]}
    )


# --- paused, active ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "paused", "active"),
    [
        ({}, False, True),
        ({"status": "paused"}, True, False),  # until resumed
        ({"status": "paused", "paused_until": date(2026, 12, 1)}, True, False),
        ({"status": "paused", "paused_until": TODAY}, False, True),  # the pause ends today
        ({"status": "paused", "paused_until": date(2026, 11, 1)}, False, True),
        ({"status": "graduated"}, False, False),
    ],
)
def test_paused_and_active(fields: dict[str, Any], paused: bool, active: bool) -> None:
    assert rules.paused_now(mentee(**fields), TODAY) is paused
    assert rules.is_active(mentee(**fields), TODAY) is active


# --- next due -----------------------------------------------------------------------------------


def test_the_cadence_counts_from_the_last_held_session() -> None:
    last = rules.last_held([date(2026, 11, 2), date(2026, 10, 30)])
    assert last == date(2026, 11, 2)
    assert rules.next_due(mentee(), last) == date(2026, 11, 17)  # 30 days / 2 from 11-02


def test_without_a_session_it_counts_from_since_or_the_resumption() -> None:
    assert rules.last_held([]) is None
    assert rules.next_due(mentee(), None) == date(2026, 9, 16)
    resumed = mentee(resumed_on=date(2026, 11, 10))
    assert rules.anchor(resumed, date(2026, 10, 1)) == date(2026, 11, 10)
    assert rules.next_due(resumed, date(2026, 10, 1)) == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("fields", "due"),
    [
        ({"cadence": None}, None),
        ({"format": "async", "cadence": None}, None),
        ({"status": "graduated"}, None),
        ({"status": "paused"}, None),  # paused until resumed: never due
        ({"status": "paused", "paused_until": date(2027, 1, 15)}, date(2027, 1, 15)),  # due when the pause ends
        ({"cadence": "every 10d"}, date(2026, 9, 11)),
    ],
)
def test_next_due_by_state(fields: dict[str, Any], due: date | None) -> None:
    assert rules.next_due(mentee(**fields), None) == due


def test_days_overdue_only_for_an_active_mentee_past_the_date() -> None:
    assert rules.days_overdue(mentee(), date(2026, 11, 17), TODAY) == 1
    assert rules.days_overdue(mentee(), TODAY, TODAY) is None  # due today is not late
    assert rules.days_overdue(mentee(), None, TODAY) is None
    paused = mentee(status="paused", paused_until=date(2026, 12, 1))
    assert rules.days_overdue(paused, date(2026, 11, 1), TODAY) is None
    assert rules.days_overdue(mentee(status="paused", paused_until=date(2026, 11, 10)), date(2026, 11, 10), TODAY) == 8


# --- projections ---------------------------------------------------------------------------------


def test_an_overdue_session_is_projected_today_then_the_cadence_counts_on() -> None:
    ann = mentee()
    assert rules.projected_sessions(ann, date(2026, 9, 16), [], TODAY, date(2026, 12, 31)) == [
        (TODAY, True),
        (date(2026, 12, 3), False),
        (date(2026, 12, 18), False),
    ]


def test_a_planned_session_stands_for_the_next_one_due() -> None:
    ann = mentee()
    projected = rules.projected_sessions(ann, date(2026, 11, 17), [date(2026, 11, 20)], TODAY, date(2026, 12, 31))
    assert projected == [(date(2026, 12, 5), False), (date(2026, 12, 20), False)]


def test_nothing_is_projected_without_a_cadence_or_while_paused() -> None:
    until = date(2026, 12, 31)
    assert rules.projected_sessions(mentee(cadence=None), None, [], TODAY, until) == []
    assert rules.projected_sessions(mentee(status="paused"), date(2026, 9, 16), [], TODAY, until) == []
    assert rules.projected_sessions(mentee(status="graduated"), date(2026, 9, 16), [], TODAY, until) == []


def test_projections_are_bounded() -> None:
    daily = mentee(cadence="7/week")
    far = date(2100, 1, 1)
    assert len(rules.projected_sessions(daily, TODAY, [], TODAY, far)) == rules.MAX_PROJECTIONS


# --- action items -----------------------------------------------------------------------------------


def test_open_actions_are_numbered_across_sessions_oldest_first() -> None:
    sessions = [
        ("a", session(date(2026, 11, 1), ("read", "open"), ("talk", "done"), ("write", "open"))),
        ("b", session(date(2026, 11, 8))),
        ("c", session(date(2026, 11, 15), ("ship", "open"))),
    ]
    assert rules.open_actions(sessions) == [
        OpenAction(number=1, text="read", session="a", date=date(2026, 11, 1)),
        OpenAction(number=2, text="write", session="a", date=date(2026, 11, 1)),
        OpenAction(number=3, text="ship", session="c", date=date(2026, 11, 15)),
    ]
    assert rules.open_actions([]) == []


# --- capacity, group size, targets ----------------------------------------------------------------------


def test_capacity_counts_active_one_on_one_mentees_and_groups_once() -> None:
    everyone = [
        mentee(name="A"),
        mentee(name="B", format="group", members=["x", "y", "z"]),
        mentee(name="C", format="async", cadence=None),  # light help does not count
        mentee(name="D", status="paused"),
        mentee(name="E", status="graduated"),
        mentee(name="F", status="paused", paused_until=date(2026, 11, 1)),  # the pause is over
    ]
    assert rules.capacity(everyone, TODAY, maximum=2, minimum=1) == Capacity(
        load=3, one_on_one=2, groups=1, maximum=2, minimum=1, over=True
    )
    assert not rules.capacity([], TODAY, maximum=3, minimum=2).over
    assert rules.counts_against_capacity("group") and not rules.counts_against_capacity("async")


@pytest.mark.parametrize(
    ("members", "problem"),
    [
        (["a", "b"], "2 members; groups work best with 3-5 people"),
        (["a"], "1 member; groups work best with 3-5 people"),
        (["a", "b", "c"], None),
        (list("abcdef"), "6 members; groups work best with 3-5 people, consider splitting it"),
    ],
)
def test_group_size(members: list[str], problem: str | None) -> None:
    assert rules.group_size_problem(mentee(format="group", members=members), 3, 5) == problem


def test_a_one_on_one_mentee_has_no_group_size() -> None:
    assert rules.group_size_problem(mentee(), 3, 5) is None


@pytest.mark.parametrize(
    ("fields", "target"),
    [
        ({"cadence": "2/month"}, 2),
        ({"cadence": "1/week"}, 4),
        ({"cadence": "every 2m"}, 1),  # at least one a month
        ({"cadence": None}, 1),  # the workspace default
        ({"format": "async", "cadence": None}, None),
    ],
)
def test_monthly_target(fields: dict[str, Any], target: int | None) -> None:
    assert rules.monthly_target(mentee(**fields), 1) == target


def test_session_minutes_and_title() -> None:
    assert rules.session_minutes(mentee(), 60) == 60
    assert rules.session_minutes(mentee(session_minutes=45), 60) == 45
    assert rules.session_title(mentee()) == "Session with Ann"
    assert rules.session_title(mentee(format="group", members=["a"])) == "Group session: Ann"
    assert rules.session_title(mentee(format="async", cadence=None)) == "Async help: Ann"


# --- what a person types ----------------------------------------------------------------------------


def test_members_split_on_any_comma_and_refuse_twins() -> None:
    assert rules.split_members("Ann, Bo，陈静、 Dee; Eve\nFay") == ["Ann", "Bo", "陈静", "Dee", "Eve", "Fay"]
    with pytest.raises(InvalidInput, match="twice"):
        rules.split_members("Ann, ANN")


def test_check_cadence() -> None:
    assert rules.check_cadence(" every 2w ") == "every 2w"
    with pytest.raises(InvalidInput, match="--cadence"):
        rules.check_cadence("weekly")


@pytest.mark.parametrize(
    ("day", "minutes", "planned", "mentions"),
    [
        (TODAY, 0, False, "--minutes"),
        (TODAY, 24 * 60 + 1, False, "longer than a day"),
        (date(2026, 11, 19), None, False, "in the future"),
        (date(2026, 11, 17), None, True, "in the past"),
    ],
)
def test_check_log_refuses(day: date, minutes: int | None, planned: bool, mentions: str) -> None:
    with pytest.raises(InvalidInput, match=mentions):
        rules.check_log(TODAY, day, minutes, planned)


@pytest.mark.parametrize(
    ("day", "minutes", "planned"),
    [(TODAY, None, False), (TODAY, 24 * 60, False), (TODAY, 30, True), (date(2026, 11, 19), None, True)],
)
def test_check_log_accepts(day: date, minutes: int | None, planned: bool) -> None:
    rules.check_log(TODAY, day, minutes, planned)


# --- a session's notes ----------------------------------------------------------------------


def test_the_summary_of_a_note_is_what_the_person_wrote() -> None:
    edited = (
        "# Session with Ann · 2026-11-18\n\n## Open action items from earlier sessions\n\n"
        "- [ ] 1. Submit a PR (2026-11-04)\n\n## Where they are now\n\n- She landed the interview\n\nMore.\n"
    )
    assert rules.note_summary(edited) == ("She landed the interview", True)
    assert rules.note_summary("Talked about the CV") == ("Talked about the CV", False)
    assert rules.note_summary("# Session with Ann\n\n## Next steps\n-\n") is None
    assert rules.note_summary("") is None


def test_carried_items_are_read_and_shown_as_they_stand_now() -> None:
    assert rules.carried_item("- [ ] 2. Submit a PR (2026-11-04)") == ("Submit a PR", date(2026, 11, 4))
    assert rules.carried_item("- [x] Submit a PR (2026-11-04, done 2026-11-20)") == ("Submit a PR", date(2026, 11, 4))
    assert rules.carried_item("- Submit a PR") is None
    assert rules.carried_item("- [ ] 1. Bad day (2026-13-40)") is None
    done = rules.carried_line("Submit a PR", date(2026, 11, 4), None, date(2026, 11, 20))
    assert done == "- [x] Submit a PR (2026-11-04, done 2026-11-20)"
    assert rules.carried_line("Read", date(2026, 11, 4), 1, None) == "- [ ] 1. Read (2026-11-04)"
    note = "Notes\n- [ ] 1. Submit a PR (2026-11-04)\n- [ ] 2. Read (2026-11-04)\n- [ ] 3. Gone (2026-01-01)"
    current = {("Submit a PR", date(2026, 11, 4)): done, ("Read", date(2026, 11, 4)): "- [ ] 1. Read (2026-11-04)"}
    assert rules.refresh_carried(note, current).split("\n") == [
        "Notes",
        done,
        "- [ ] 1. Read (2026-11-04)",  # renumbered: it is the first open item now
        "- [ ] 3. Gone (2026-01-01)",  # unknown to the sessions: left as written
    ]

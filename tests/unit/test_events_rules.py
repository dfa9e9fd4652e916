"""The pure rules of events, without a workspace: offsets, recurrence, occurrences in their
zone, task dates and states, the occurrence a repeated task is about, held or planned."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from ccos.capabilities.events.model import Event, offset_days
from ccos.capabilities.events.occurrences import in_gap, is_ambiguous, nearest_valid, offset_text, zone
from ccos.capabilities.events.recurrence import check_rrule, first_occurrence, with_until
from ccos.capabilities.events.rules import (
    Loaded,
    day_of_tasks,
    focus_occurrence,
    instance,
    occurrence_state,
    overdue_tasks,
    records_task,
    series_tasks,
    tasks_between,
    tasks_in,
)

BERLIN = zone("Europe/Berlin")


def task(text: str, phase: str, offset: str, **more: Any) -> dict[str, Any]:
    return {"text": text, "phase": phase, "offset": offset, "hours": 1, **more}


def loaded(**fields: Any) -> Loaded:
    data: dict[str, Any] = {
        "title": "Meetup",
        "kind": "meetup",
        "start": date(2026, 12, 12),
        "timezone": "Asia/Shanghai",
        "hours": 4,
        **fields,
    }
    return Loaded("meetup", Path("events/meetup.toml"), Event.model_validate(data))


ONE_OFF_TASKS = [
    task("Book the venue", "before", "-21d"),
    task("Promote", "before", "-14d", until="-1d"),
    task("Run it", "during", "0"),
    task("Recap", "after", "+2d"),
]
WEEKLY = {"start": datetime(2026, 11, 5, 20, 0), "repeat": "FREQ=WEEKLY;BYDAY=TH", "created": date(2026, 11, 1)}
EACH_TASKS = [
    task("Set up the channel", "before", "-14d"),
    task("Announce this episode", "before", "-2d", each=True),
    task("Publish the recording", "after", "+1d", each=True),
]


# --- offsets and rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [("0", 0), ("-21d", -21), ("+2d", 2), ("-3w", -21), ("2d", 2), ("-366d", -366), ("-367d", None),
     ("-53w", None), ("5", None), ("soon", None), ("", None)],
)  # fmt: skip
def test_offset_days(text: str, days: int | None) -> None:
    assert offset_days(text) == days


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("FREQ=HOURLY", "FREQ"),
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL"),
        ("FREQ=DAILY;COUNT=100001", "COUNT"),
        ("FREQ=DAILY;UNTIL=20270101T000000Z", "UNTIL"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "no day"),
        ("FREQ=WEEKLY;" + "BYDAY=MO;" * 60, "characters"),
    ],
)
def test_hostile_or_empty_rules_are_refused(rule: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        check_rrule(rule)


def test_rare_rules_still_pass_and_until_replaces_count() -> None:
    assert check_rrule("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29") == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"
    assert with_until("FREQ=WEEKLY;COUNT=3;BYDAY=TH", date(2027, 3, 31)) == "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270331T235959"
    start = datetime(2026, 11, 1, 20, 0)
    assert first_occurrence("FREQ=WEEKLY;BYDAY=TH", start) == datetime(2026, 11, 5, 20, 0)
    assert first_occurrence(with_until("FREQ=WEEKLY;BYDAY=TH", date(2026, 11, 4)), start) is None


# --- zones and occurrences ---------------------------------------------------------------


def test_gaps_and_folds() -> None:
    gap, fold = datetime(2027, 3, 28, 2, 30), datetime(2027, 10, 31, 2, 30)
    assert in_gap(gap, BERLIN) and not is_ambiguous(gap, BERLIN)
    assert is_ambiguous(fold, BERLIN) and not in_gap(fold, BERLIN)
    assert nearest_valid(gap, BERLIN, -1) == datetime(2027, 3, 28, 1, 59)
    assert nearest_valid(gap, BERLIN, 1) == datetime(2027, 3, 28, 3, 0)
    assert offset_text(fold.replace(tzinfo=BERLIN, fold=1).utcoffset()) == "+01:00"


def test_occurrences_stay_at_wall_clock_time_across_dst() -> None:
    stream = loaded(start=datetime(2027, 3, 14, 2, 30), timezone="Europe/Berlin", repeat="FREQ=WEEKLY;BYDAY=SU")
    starts = [o.iso() for o in stream.schedule.between(date(2027, 3, 14), date(2027, 4, 4))]
    assert starts == [
        "2027-03-14T02:30:00+01:00", "2027-03-21T02:30:00+01:00",
        "2027-03-28T03:30:00+02:00",  # 02:30 does not exist that day: moved on by the gap
        "2027-04-04T02:30:00+02:00",
    ]  # fmt: skip
    second = loaded(start=datetime(2027, 10, 31, 2, 30), fold=1, timezone="Europe/Berlin")
    assert second.schedule.between(date(2027, 10, 31), date(2027, 10, 31))[0].iso() == "2027-10-31T02:30:00+01:00"


def test_cancelled_occurrences_and_cancelled_events() -> None:
    stream = loaded(**WEEKLY, cancelled_on=[date(2026, 11, 19)])
    schedule = stream.schedule
    assert [o.day for o in schedule.between(date(2026, 11, 12), date(2026, 11, 26))] == [
        date(2026, 11, 12),
        date(2026, 11, 26),
    ]
    assert schedule.is_occurrence(date(2026, 11, 19))  # cancelled, but it was one
    following = schedule.next_after(date(2026, 11, 12))
    assert following is not None and following.local == datetime(2026, 11, 26, 20, 0)
    assert following.iso() == "2026-11-26T20:00:00+08:00"
    assert schedule.last_before(date(2026, 11, 25)).day == date(2026, 11, 12)  # type: ignore[union-attr]
    assert schedule.near(date(2026, 11, 18)) == [date(2026, 11, 12), date(2026, 11, 19), date(2026, 11, 26)]
    gone = loaded(**WEEKLY, status="cancelled").schedule
    assert gone.between(date(2026, 11, 1), date(2026, 12, 31)) == []
    assert gone.next_after(date(2026, 11, 1)) is None


# --- task dates and states ---------------------------------------------------------------


def states(event: Loaded, today: date) -> dict[str, str]:
    return {view.text: view.status for view in series_tasks(event, today, None)}


def test_task_dates_and_windows_from_the_event_day() -> None:
    views = {v.text: v for v in series_tasks(loaded(tasks=ONE_OFF_TASKS), date(2026, 11, 1), None)}
    assert views["Book the venue"].date == date(2026, 11, 21) and views["Book the venue"].end is None
    assert (views["Promote"].date, views["Promote"].end) == (date(2026, 11, 28), date(2026, 12, 11))
    assert views["Recap"].date == date(2026, 12, 14) and views["Recap"].occurrence == date(2026, 12, 12)


def test_task_states_over_time() -> None:
    event = loaded(tasks=ONE_OFF_TASKS)
    assert set(states(event, date(2026, 11, 1)).values()) == {"open"}
    assert states(event, date(2026, 11, 25))["Book the venue"] == "overdue"
    assert states(event, date(2026, 11, 25))["Promote"] == "open"  # its window is not over
    after = states(event, date(2026, 12, 20))
    assert (after["Book the venue"], after["Run it"], after["Recap"]) == ("missed", "missed", "overdue")
    assert states(event, date(2027, 1, 20))["Recap"] == "missed"  # more than 30 days past its date
    ticked = loaded(tasks=[{**ONE_OFF_TASKS[0], "done": True}, *ONE_OFF_TASKS[1:]])
    assert states(ticked, date(2026, 12, 20))["Book the venue"] == "done"
    cancelled = loaded(tasks=ONE_OFF_TASKS, status="cancelled")
    assert states(cancelled, date(2026, 11, 25))["Book the venue"] == "open"  # never overdue
    assert overdue_tasks(cancelled, date(2026, 11, 25)) == []


def test_overdue_tasks_and_a_settled_event() -> None:
    event = loaded(tasks=ONE_OFF_TASKS)
    assert [v.text for v in overdue_tasks(event, date(2026, 12, 20))] == ["Recap"]
    settled = loaded(tasks=[{**t, "done": True} for t in ONE_OFF_TASKS])
    assert settled.settled() and overdue_tasks(settled, date(2026, 12, 20)) == []
    assert loaded(tasks=ONE_OFF_TASKS).task_span() == (-21, 2)


def test_tasks_between_takes_what_touches_the_period() -> None:
    event = loaded(tasks=ONE_OFF_TASKS)
    week = [v.text for v in tasks_between(event, date(2026, 11, 18), date(2026, 12, 7), date(2026, 12, 13))]
    assert week == ["Promote", "Run it"]  # the window reaches in; the recap falls after
    assert tasks_between(event, date(2026, 11, 18), date(2027, 2, 1), date(2027, 2, 7)) == []


def test_repeated_tasks_follow_each_occurrence() -> None:
    stream = loaded(**WEEKLY, tasks=EACH_TASKS)
    today = date(2026, 11, 18)
    shown = tasks_between(stream, today, date(2026, 11, 16), date(2026, 11, 22))
    assert sorted((v.text, v.occurrence.isoformat(), v.status) for v in shown) == [
        ("Announce this episode", "2026-11-19", "overdue"),  # on the 17th, for the 19th's episode
        ("Publish the recording", "2026-11-19", "open"),  # on the 20th
    ]  # the series task (-14d from the first occurrence) fell in October
    announce = instance(stream, 2, stream.event.tasks[1], date(2026, 11, 19), today)
    assert (announce.date, announce.status, announce.each) == (date(2026, 11, 17), "overdue", True)
    assert instance(stream, 2, stream.event.tasks[1], date(2026, 11, 19), date(2026, 11, 19)).status == "overdue"
    # once the episode's day has passed, announcing it can no longer help; publishing it still can
    assert instance(stream, 2, stream.event.tasks[1], date(2026, 11, 19), date(2026, 11, 20)).status == "missed"
    assert instance(stream, 3, stream.event.tasks[2], date(2026, 11, 19), date(2026, 11, 25)).status == "overdue"
    assert instance(stream, 3, stream.event.tasks[2], date(2026, 11, 19), date(2026, 11, 26)).status == "missed"
    assert instance(stream, 2, stream.event.tasks[1], date(2026, 10, 29), today).status == "missed"  # before created
    done = loaded(**WEEKLY, tasks=[EACH_TASKS[0], {**EACH_TASKS[1], "done_for": [date(2026, 11, 19)]}])
    assert instance(done, 2, done.event.tasks[1], date(2026, 11, 19), today).status == "done"
    assert instance(done, 2, done.event.tasks[1], date(2026, 11, 26), today).status == "open"


def test_the_focus_occurrence_is_the_nearest_with_work_left() -> None:
    stream = loaded(**WEEKLY, tasks=EACH_TASKS)
    assert focus_occurrence(stream, date(2026, 11, 18)) == date(2026, 11, 12)  # its recording is overdue
    assert focus_occurrence(stream, date(2026, 11, 19)) == date(2026, 11, 19)  # the 12th's are missed now
    ticked = loaded(**WEEKLY, tasks=[EACH_TASKS[0], *({**t, "done_for": [date(2026, 11, 12)]} for t in EACH_TASKS[1:])])
    assert focus_occurrence(ticked, date(2026, 11, 18)) == date(2026, 11, 19)
    assert focus_occurrence(loaded(tasks=ONE_OFF_TASKS), date(2026, 11, 18)) == date(2026, 12, 12)
    series = [v.text for v in series_tasks(stream, date(2026, 11, 18), date(2026, 11, 19))]
    assert series == ["Set up the channel", "Announce this episode", "Publish the recording"]
    assert [v.text for v in series_tasks(stream, date(2026, 11, 18), None)] == ["Set up the channel"]


# --- held, planned or not recorded -------------------------------------------------------


def test_occurrences_held_planned_or_unrecorded_and_their_hours() -> None:
    stream = loaded(**WEEKLY, held=[{"on": date(2026, 11, 12), "attendees": 30, "hours": 2.5}])
    first, held, planned = stream.schedule.between(date(2026, 11, 5), date(2026, 11, 19))
    today = date(2026, 11, 19)
    assert occurrence_state(stream, held, today) == ("done", 2.5)
    assert occurrence_state(stream, planned, today) == ("planned", 4)  # today is still to come
    assert occurrence_state(stream, first, today) == ("unrecorded", 4)  # past, nobody said
    one_off = loaded()
    (day,) = one_off.schedule.between(date(2026, 12, 12), date(2026, 12, 12))
    assert occurrence_state(one_off, day, date(2026, 12, 1)) == ("planned", 4)
    assert occurrence_state(one_off, day, date(2026, 12, 13)) == ("unrecorded", 4)
    assert occurrence_state(loaded(status="done", actual_hours=6), day, date(2026, 12, 13)) == ("done", 6)
    assert occurrence_state(loaded(status="done"), day, date(2026, 12, 13)) == ("done", 4)


def test_a_recorded_occurrence_leaves_nothing_of_its_preparation_overdue() -> None:
    tasks = [*EACH_TASKS, task("Sound check", "during", "0", each=True)]
    stream = loaded(**WEEKLY, tasks=tasks)
    today = date(2026, 11, 19)  # the 19th's episode is today
    assert instance(stream, 2, stream.event.tasks[1], today, today).status == "overdue"
    recorded = loaded(**WEEKLY, tasks=tasks, held=[{"on": today}])
    assert instance(recorded, 2, recorded.event.tasks[1], today, today).status == "missed"
    assert instance(recorded, 4, recorded.event.tasks[3], today, today).status == "missed"
    assert instance(recorded, 3, recorded.event.tasks[2], today, date(2026, 11, 21)).status == "overdue"  # follow-up
    assert [v.text for v in day_of_tasks(stream, today, today)] == ["Sound check"]
    assert day_of_tasks(stream, date(2026, 11, 26), today) == []  # not its day yet


def test_the_task_event_done_ticks() -> None:
    marked = loaded(tasks=[task("Count people", "after", "+1d", records=True), task("Recap", "after", "+2d")])
    assert records_task(marked) == 0
    older = loaded(tasks=[task("Recap", "after", "+2d"), task("Record attendance (ccos event done)", "after", "+3d")])
    assert records_task(older) == 1  # a file copied from a playbook before `records` existed
    assert records_task(loaded(tasks=ONE_OFF_TASKS)) is None


def test_a_tick_is_dated_on_its_day_or_falls_back_to_the_task_date() -> None:
    ticked = loaded(tasks=[{**ONE_OFF_TASKS[0], "done": True, "done_on": date(2026, 12, 2)}, ONE_OFF_TASKS[3]])
    week = tasks_in(ticked, date(2026, 12, 3), date(2026, 11, 30), date(2026, 12, 6))
    assert [(v.text, v.ticked_on) for v in week] == [("Book the venue", date(2026, 12, 2))]
    assert tasks_in(ticked, date(2026, 12, 3), date(2026, 11, 16), date(2026, 11, 22)) == []  # not on its date
    undated = loaded(tasks=[{**ONE_OFF_TASKS[0], "done": True}])
    shown = tasks_in(undated, date(2026, 12, 3), date(2026, 11, 16), date(2026, 11, 22))
    assert [(v.text, v.ticked_on, v.date) for v in shown] == [("Book the venue", None, date(2026, 11, 21))]
    each = loaded(
        **WEEKLY,
        tasks=[{**EACH_TASKS[1], "done_for": [date(2026, 11, 19)], "ticked_on": {"2026-11-19": date(2026, 11, 24)}}],
    )
    later = tasks_in(each, date(2026, 11, 25), date(2026, 11, 23), date(2026, 11, 29))
    assert [(v.occurrence, v.ticked_on, v.status) for v in later if v.done] == [
        (date(2026, 11, 19), date(2026, 11, 24), "done")
    ]
    due_week = tasks_in(each, date(2026, 11, 25), date(2026, 11, 16), date(2026, 11, 22))
    assert all(v.occurrence != date(2026, 11, 19) for v in due_week)

"""Reading communities and members: the list, one community's detail, one member's."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ccos.capabilities.communities import rules, store
from ccos.capabilities.communities.model import Community
from ccos.capabilities.communities.results import (
    CommunityDetail,
    CommunityRow,
    Growth,
    MemberDetail,
    MemberRow,
    Step,
)
from ccos.capabilities.communities.rules import Person

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


def member_row(person: Person, names: dict[str, str]) -> MemberRow:
    member = person.member
    return MemberRow(
        id=person.id, name=member.name, community=member.community,
        community_name=names.get(member.community, member.community), level=member.level,
        since=member.levels[-1].on.isoformat(), honours=[h.title for h in member.honours],
        events=len(set(member.events)),
    )  # fmt: skip


def growth(community: Community, people: list[Person], today: date) -> Growth:
    quarter = rules.this_quarter(today)
    trend = rules.trend(community)
    return Growth(
        quarter=quarter.id,
        trend=trend.points,
        members_change=trend.change,
        moved_up=[p.member.name for p in people if rules.moved_up(p.member, quarter.start, quarter.end)],
        came_back=[p.member.name for p in rules.came_back(people)],
        successors=[p.member.name for p in rules.successors(people)],
        honours=sum(len(p.member.honours) for p in people),
    )


def people_of(all_people: list[Person], community_id: str) -> list[Person]:
    return [p for p in all_people if p.member.community == community_id]


def community_rows(workspace: Workspace, today: date) -> list[CommunityRow]:
    everyone = store.load_members(workspace)
    rows = []
    for loaded in store.load_communities(workspace):
        community = loaded.community
        latest = max(community.metrics, key=lambda s: s.on) if community.metrics else None
        views = rules.task_views(community, today)
        rows.append(
            CommunityRow(
                id=loaded.id, name=community.name, role=community.role, stage=community.stage,
                platform=community.platform, members=latest.members if latest else None,
                active=latest.active if latest else None, people=len(people_of(everyone, loaded.id)),
                tasks_done=sum(1 for v in views if v.done), tasks=len(views),
            )
        )  # fmt: skip
    return rows


def community_detail(workspace: Workspace, today: date, ref: str) -> CommunityDetail:
    loaded = store.find_community(workspace, ref)
    community = loaded.community
    people = people_of(store.load_members(workspace), loaded.id)
    goal = None
    if community.stage is not None:
        goal = store.load_playbook(workspace, community.stage).goal or None
    return CommunityDetail(
        id=loaded.id,
        name=community.name,
        platform=community.platform,
        role=community.role,
        stage=community.stage,
        stage_goal=goal,
        tasks=rules.task_views(community, today),
        roles=[Step(r.role, r.on.isoformat(), r.note) for r in community.roles],
        stages=[Step(s.stage, s.on.isoformat(), s.note) for s in community.stages],
        growth=growth(community, people, today),
        people=[
            member_row(p, {loaded.id: community.name})
            for p in sorted(people, key=lambda p: (-rules.rank(p.member.level), p.member.name))
        ],
    )


def member_rows(workspace: Workspace, community: str | None, level: str | None) -> list[MemberRow]:
    people = store.load_members(workspace)
    names = {c.id: c.community.name for c in store.load_communities(workspace)}
    if community is not None:
        people = people_of(people, store.find_community(workspace, community).id)
    if level is not None:
        people = [p for p in people if p.member.level == level]
    return [member_row(p, names) for p in people]


def member_detail(workspace: Workspace, ref: str) -> MemberDetail:
    person = store.find_member(workspace, ref)
    member = person.member
    names = {c.id: c.community.name for c in store.load_communities(workspace)}
    return MemberDetail(
        id=person.id, name=member.name, community=member.community,
        community_name=names.get(member.community, member.community), level=member.level,
        levels=[Step(s.level, s.on.isoformat(), s.why) for s in member.levels],
        honours=[Step(h.title, h.on.isoformat()) for h in member.honours],
        notes=list(member.notes), events=list(member.events), mentee=member.mentee,
    )  # fmt: skip
